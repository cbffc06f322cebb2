//! `agentctl kb ingest PATH... [--wordpress URL] [--prune] [--json]`

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use frontdesk::kb::ingest::{
    read_paths, CollectionInput, IngestObserver, IngestProblem, IngestSummary, Ingester,
};
use frontdesk::kb::parse::wordpress::fetch_wordpress;
use indicatif::ProgressBar;

use crate::context::Context;
use crate::output;

/// Add or update knowledge-base documents from files, folders or a WordPress site
///
/// Reads Markdown (.md, with optional YAML front matter: title, url, allowed_channels),
/// HTML (.html: main content only), plain text (.txt) and FAQ files (.csv with
/// question,answer[,url] columns; .yaml/.yml lists of question/answer pairs, one document
/// per pair). Folders are read recursively; each folder is one collection.
///
/// Unchanged documents are recognised by content hash and cost nothing; changed ones
/// have their chunks replaced atomically. A file that cannot be read is reported and
/// skipped. Exit status: 0 when every file was ingested or skipped, 2 when some failed.
///
/// Examples:
///   agentctl kb ingest demo/kb
///   agentctl kb ingest help-centre/ --prune
///   agentctl kb ingest --wordpress https://shop.example --json
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or folders to ingest
    #[arg(required_unless_present = "wordpress")]
    paths: Vec<PathBuf>,
    /// Also ingest the published pages and posts of this WordPress site (REST API)
    #[arg(long, value_name = "URL")]
    wordpress: Option<String>,
    /// Remove documents of the ingested folders or site that no longer exist
    #[arg(long)]
    prune: bool,
    /// Print the summary as JSON instead of a table
    #[arg(long)]
    json: bool,
}

struct BarObserver {
    bar: ProgressBar,
}

impl IngestObserver for BarObserver {
    fn planned(&self, documents: usize) {
        self.bar.set_length(documents as u64);
    }

    fn document_done(&self, source: &str) {
        self.bar.set_message(source.to_string());
        self.bar.inc(1);
    }

    fn problem(&self, problem: &IngestProblem) {
        if problem.outcome == "failed" {
            self.bar
                .suspend(|| eprintln!("failed: {}: {}", problem.source, problem.reason));
        }
    }
}

impl IngestArgs {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        let config = ctx.config()?;
        let pool = ctx.pool(&config).await?;
        let embedder = ctx.embedder(&config).await?;

        let mut inputs = read_paths(&self.paths);
        if let Some(site) = &self.wordpress {
            let http = reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(30))
                .build()?;
            let docs = fetch_wordpress(&http, site)
                .await
                .with_context(|| format!("reading WordPress site {site}"))?;
            inputs.push(CollectionInput {
                collection: site.trim_end_matches('/').to_string(),
                docs,
                problems: Vec::new(),
                complete: true,
            });
        }

        let bar = output::progress(0, "ingest", self.json);
        let observer = BarObserver { bar: bar.clone() };
        let params = frontdesk::kb::chunk_params(&config.retrieval, embedder.max_seq_len());
        let summary = Ingester::new(&pool, &embedder, params, &observer)
            .run(inputs, self.prune)
            .await?;
        bar.finish_and_clear();

        if self.json {
            output::print_json(&summary)?;
        } else {
            print_summary(&summary);
        }
        Ok(if summary.failed > 0 {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        })
    }
}

fn print_summary(s: &IngestSummary) {
    let mut table = output::table(&[
        "added",
        "updated",
        "unchanged",
        "skipped",
        "failed",
        "pruned",
        "chunks",
        "embeddings computed",
    ]);
    table.add_row(vec![
        s.added,
        s.updated,
        s.unchanged,
        s.skipped,
        s.failed,
        s.pruned,
        s.chunks,
        s.embeddings_computed,
    ]);
    println!("{table}");
    if !s.problems.is_empty() {
        let mut problems = output::table(&["source", "outcome", "reason"]);
        for p in &s.problems {
            problems.add_row(vec![p.source.as_str(), p.outcome, p.reason.as_str()]);
        }
        println!("{problems}");
    }
}
