//! `agentctl bench ...`: figures for `docs/benchmarks.md`.

mod answers;
mod embed;
mod pii;
mod retrieval;
mod routing;
mod turns;

use std::process::ExitCode;

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
