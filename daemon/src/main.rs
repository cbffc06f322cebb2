//! `agentd`: parses the command line, loads the configuration, and runs the server
//! until SIGINT or SIGTERM, then drains requests in flight.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use frontdesk::config::Config;

/// Frontdesk daemon: serves the support agent over HTTP.
///
/// Configuration: defaults, then frontdesk.toml (or --config), then the environment
/// (DATABASE_URL, REDIS_URL, FRONTDESK__SECTION__KEY, and ..._FILE for secrets).
#[derive(Debug, Parser)]
#[command(name = "agentd", version)]
struct Cli {
    /// Configuration file (default: $FRONTDESK_CONFIG, else ./frontdesk.toml if present)
    #[arg(long, global = true, env = "FRONTDESK_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the HTTP server (the default)
    Serve {
        /// Address to listen on, HOST:PORT (default: server.bind, 127.0.0.1:8080)
        #[arg(long, env = "FRONTDESK_BIND")]
        bind: Option<String>,
    },
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
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "agentd stopped");
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let mut config = Config::load(cli.config.as_deref()).context("loading configuration")?;
    let Command::Serve { bind } = cli.command.unwrap_or(Command::Serve { bind: None });
    if let Some(bind) = bind {
        config.server.bind = bind;
    }
    frontdesk::telemetry::init(&config.log, std::io::stderr);
    let listener = tokio::net::TcpListener::bind(&config.server.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.server.bind))?;
    agentd::serve(config, listener, agentd::shutdown_signal()).await
}
