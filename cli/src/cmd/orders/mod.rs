//! `agentctl orders ...`: the built-in order store and whichever back end is configured.

mod import;
mod show;

use std::process::ExitCode;

use clap::Subcommand;

use crate::context::Context;

#[derive(Debug, Subcommand)]
pub enum OrdersCommand {
    Import(import::ImportArgs),
    Show(show::ShowArgs),
}

impl OrdersCommand {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        match self {
            OrdersCommand::Import(args) => args.run(ctx).await,
            OrdersCommand::Show(args) => args.run(ctx).await,
        }
    }
}
