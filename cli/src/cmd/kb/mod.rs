//! `agentctl kb ...`: the knowledge base.

mod ingest;
mod reindex;
mod search;
mod status;

use std::process::ExitCode;

use clap::Subcommand;

use crate::context::Context;

#[derive(Debug, Subcommand)]
pub enum KbCommand {
    Ingest(ingest::IngestArgs),
    Search(search::SearchArgs),
    Reindex(reindex::ReindexArgs),
    Status(status::StatusArgs),
}

impl KbCommand {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        match self {
            KbCommand::Ingest(args) => args.run(ctx).await,
            KbCommand::Search(args) => args.run(ctx).await,
            KbCommand::Reindex(args) => args.run(ctx).await,
            KbCommand::Status(args) => args.run(ctx).await,
        }
    }
}
