//! `agentctl kb search QUERY [--top-k N] [--channel C] [--mode M] [--json]`

use std::process::ExitCode;

use clap::Args;
use frontdesk::kb::{Retriever, SearchMode, SearchRequest};
use frontdesk_api::Channel;

use crate::context::Context;
use crate::output;

/// Search the knowledge base as the agent does, and show the citations
///
/// The query is PII-masked first. `hybrid` (default) fuses full-text and vector
/// scores and re-ranks the best 8 down to --top-k; `bm25` and `vector` use one index.
///
/// Example: agentctl kb search "how long do I have to send back a kettle" --json
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What a customer might ask
    query: String,
    /// Number of citations to return (1-50; default: retrieval.top_k)
    #[arg(long, short = 'k')]
    top_k: Option<usize>,
    /// Only documents allowed on this channel: web, slack or email
    #[arg(long)]
    channel: Option<Channel>,
    /// Retrieval mode
    #[arg(long, default_value = "hybrid", value_parser = parse_mode)]
    mode: SearchMode,
    /// Print citations as JSON
    #[arg(long)]
    json: bool,
    /// Also show the signals behind each score (chunk and heading similarity, text rank,
    /// query coverage)
    #[arg(long)]
    explain: bool,
}

pub fn parse_mode(s: &str) -> Result<SearchMode, String> {
    s.parse()
}

impl SearchArgs {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        let config = ctx.config()?;
        let pool = ctx.pool(&config).await?;
        let embedder = ctx.embedder(&config).await?;
        let top_k = self.top_k.unwrap_or(config.retrieval.top_k);
        let retriever = Retriever::new(pool, embedder, config.retrieval.clone());
        let hits = retriever
            .search(&SearchRequest {
                query: &self.query,
                top_k,
                channel: self.channel,
                mode: self.mode,
            })
            .await?;
        if self.json {
            let citations: Vec<serde_json::Value> = hits
                .iter()
                .map(|h| {
                    let mut c = serde_json::to_value(&h.citation).unwrap_or_default();
                    if self.explain {
                        c["signals"] = serde_json::to_value(h.signals).unwrap_or_default();
                    }
                    c
                })
                .collect();
            let query = &self.query;
            output::print_json(
                &serde_json::json!({ "query": query, "mode": self.mode, "citations": citations }),
            )?;
            return Ok(ExitCode::SUCCESS);
        }
        if hits.is_empty() {
            println!("no results (is the knowledge base empty? see `agentctl kb status`)");
            return Ok(ExitCode::SUCCESS);
        }
        let mut table = output::table(&["#", "score", "title", "section", "url", "snippet"]);
        for (i, hit) in hits.iter().enumerate() {
            let c = &hit.citation;
            let s = hit.signals;
            let score = if self.explain {
                format!(
                    "{:.3}\nchunk {:.3}\nheading {:.3}\ntext {:.3}\ncoverage {:.2}",
                    c.score, s.chunk_similarity, s.heading_similarity, s.text_rank, s.coverage
                )
            } else {
                format!("{:.3}", c.score)
            };
            table.add_row(vec![
                (i + 1).to_string(),
                score,
                c.title.clone(),
                c.section.clone(),
                c.url.clone().unwrap_or_default(),
                c.snippet.clone(),
            ]);
        }
        println!("{table}");
        Ok(ExitCode::SUCCESS)
    }
}
