//! `agentctl bench ...`: figures for `docs/benchmarks.md`.

mod answers;
mod embed;
mod pii;
mod retrieval;
mod routing;
mod turns;

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use clap::Subcommand;

use crate::context::Context;

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    Retrieval(retrieval::RetrievalArgs),
    Answers(answers::AnswersArgs),
    Embed(embed::EmbedArgs),
    Routing(routing::RoutingArgs),
    Pii(pii::PiiArgs),
    Turns(turns::TurnsArgs),
}

/// Reads a JSON Lines file of `what`s (blank lines skipped); a bad line names itself.
fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path, what: &str) -> anyhow::Result<Vec<T>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l)
                .with_context(|| format!("{}:{}: not {what}", path.display(), n + 1))
        })
        .collect()
}

impl BenchCommand {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        match self {
            BenchCommand::Retrieval(args) => args.run(ctx).await,
            BenchCommand::Answers(args) => args.run(ctx).await,
            BenchCommand::Embed(args) => args.run(ctx).await,
            BenchCommand::Routing(args) => args.run(ctx).await,
            BenchCommand::Pii(args) => args.run(ctx).await,
            BenchCommand::Turns(args) => args.run(ctx).await,
        }
    }
}
