//! `agentctl`: the Frontdesk command line for engineers and operators.
//!
//! One module per subcommand under `cmd/`; shared set-up (config, database, embedder)
//! lives in `context`, terminal output helpers in `output`, and log lines are routed
//! through the progress bars by `logger` so they never tear them.

mod cmd;
mod context;
mod logger;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Frontdesk command line: configure, fill and measure the support agent.
///
/// Configuration comes from built-in defaults, then `frontdesk.toml` (or --config),
/// then the environment (`DATABASE_URL`, `REDIS_URL`, `FRONTDESK__SECTION__KEY`).
#[derive(Debug, Parser)]
#[command(name = "agentctl", version, propagate_version = true)]
pub struct Cli {
    /// Configuration file (default: $FRONTDESK_CONFIG, else ./frontdesk.toml if present)
    #[arg(long, global = true, env = "FRONTDESK_CONFIG")]
    config: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Inspect the effective configuration
    #[command(subcommand)]
    Config(cmd::config::ConfigCommand),
    /// Database schema: apply migrations, show their state
    #[command(subcommand)]
    Db(cmd::db::DbCommand),
    /// Knowledge base: ingest documents, search, reindex, status
    #[command(subcommand)]
    Kb(cmd::kb::KbCommand),
    /// Run one turn of the agent and show how it went
    Ask(cmd::ask::AskArgs),
    /// Talk to the agent interactively
    Chat(cmd::ask::ChatArgs),
    /// Orders: import the built-in order store, look an order up
    #[command(subcommand)]
    Orders(cmd::orders::OrdersCommand),
    /// Measure retrieval quality, embedding speed, routing, PII masking and turn overhead
    #[command(subcommand)]
    Bench(cmd::bench::BenchCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(error) => {
            logger::clear();
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let ctx = context::Context::new(cli.config.clone());
    match cli.command {
        Command::Config(command) => command.run(&ctx).await,
        Command::Db(command) => command.run(&ctx).await,
        Command::Kb(command) => command.run(&ctx).await,
        Command::Ask(command) => command.run(&ctx).await,
        Command::Chat(command) => command.run(&ctx).await,
        Command::Orders(command) => command.run(&ctx).await,
        Command::Bench(command) => command.run(&ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
