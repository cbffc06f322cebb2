//! `agentctl kb reindex [--json]`

use std::process::ExitCode;

use clap::Args;
use frontdesk::kb::reindex::reindex;

use crate::context::Context;
use crate::output;

/// Re-embed every document with the configured model, then switch to the new vectors
///
/// New vectors are built beside the live ones and swapped in with one transaction,
/// so searches keep working throughout. Use it after changing the embedding model.
#[derive(Debug, Args)]
pub struct ReindexArgs {
    /// Print the summary as JSON
    #[arg(long)]
    json: bool,
}

impl ReindexArgs {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        let config = ctx.config()?;
        let pool = ctx.pool(&config).await?;
        let embedder = ctx.embedder(&config).await?;
        let bar = output::progress(0, "reindex", self.json);
        let progress = {
            let bar = bar.clone();
            move |done: usize, total: usize| {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
            }
        };
        let summary = reindex(&pool, &embedder, &progress).await?;
        bar.finish_and_clear();
        if self.json {
            output::print_json(&summary)?;
        } else {
            let mut table = output::table(&["documents", "chunks", "embeddings computed", "model"]);
            table.add_row(vec![
                summary.documents.to_string(),
                summary.chunks.to_string(),
                summary.embeddings_computed.to_string(),
                summary.model.clone(),
            ]);
            println!("{table}");
        }
        Ok(ExitCode::SUCCESS)
    }
}
