//! `agentctl bench embed`

use std::process::ExitCode;

use clap::Args;
use frontdesk::bench::embed::run;

use crate::context::Context;
use crate::output;

/// Measure embedding speed: one-query latency and full-chunk throughput
///
/// Queries are short customer questions, each unique so the query cache never hits.
/// Chunks are 256 word pieces including the two special tokens (254 of text), the
/// longest the model reads, embedded in batches.
#[derive(Debug, Args)]
pub struct EmbedArgs {
    /// Number of single queries to time
    #[arg(long, default_value_t = 200)]
    queries: usize,
    /// Number of full-length chunks to embed
    #[arg(long, default_value_t = 256)]
    chunks: usize,
    /// Chunks per batch
    #[arg(long, default_value_t = 32)]
    batch_size: usize,
    /// Print the figures as JSON
    #[arg(long)]
    json: bool,
}

impl EmbedArgs {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        let config = ctx.config()?;
        let embedder = ctx.embedder(&config).await?;
        let report = run(&embedder, self.queries, self.chunks, self.batch_size).await?;
        if self.json {
            output::print_json(&report)?;
            return Ok(ExitCode::SUCCESS);
        }
        let mut table = output::table(&[
            "model",
            "query p50",
            "query p95",
            "chunk tokens",
            "chunks",
            "batch",
            "chunks/s",
        ]);
        table.add_row(vec![
            report.model.clone(),
            output::ms(report.query_p50_ms),
            output::ms(report.query_p95_ms),
            report.chunk_tokens.to_string(),
            report.chunks.to_string(),
            report.batch_size.to_string(),
            format!("{:.1}", report.chunks_per_second),
        ]);
        println!("{table}");
        Ok(ExitCode::SUCCESS)
    }
}
