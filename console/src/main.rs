//! `agent-console`: parses the command line, finds the admin token, starts logging to a
//! file, and runs the console in the terminal until the agent quits.

use std::path::PathBuf;
use std::process::ExitCode;

use agent_console::app::State;
use agent_console::client::Client;
use agent_console::{logging, runtime, terminal};
use anyhow::Context as _;
use clap::Parser;
use frontdesk_redact::Secret;

const AFTER_HELP: &str = "\
Examples:
  FRONTDESK_URL=https://support.example.com FRONTDESK_ADMIN_TOKEN=... agent-console
  agent-console --url http://127.0.0.1:8080 --token-file ~/.config/frontdesk/agent-token

Keys (press ? in the console for all of them):
  ↑/↓ move   Enter open   c claim/take over   r reply   n note   b hand back
  x resolve   t ticket   a assign   / search   1-5 sections   Esc back   q quit

Log lines go to --log-file, never the screen; RUST_LOG=debug writes more of them.";

/// Frontdesk operator console: watch the live support queues, take conversations over
/// from the bot, reply to customers, and hand them back.
///
/// It talks only to agentd, over HTTP, with an admin token of the `agent` (or `admin`)
/// role from agentd's `auth.admin_tokens`; the token's name there is who you are to
/// customers and colleagues.
#[derive(Debug, Parser)]
#[command(name = "agent-console", version, after_help = AFTER_HELP)]
struct Cli {
    /// agentd's base URL
    #[arg(long, env = "FRONTDESK_URL", default_value = "http://127.0.0.1:8080")]
    url: String,

    /// Admin token (role `agent` or `admin`); prefer --token-file or the variable, since
    /// a flag is visible to other users of the machine
    #[arg(long, env = "FRONTDESK_ADMIN_TOKEN", hide_env_values = true)]
    token: Option<String>,

    /// Read the admin token from this file (its first line); wins over --token
    #[arg(long, env = "FRONTDESK_ADMIN_TOKEN_FILE", value_name = "PATH")]
    token_file: Option<PathBuf>,

    /// Where log lines go [default: ~/.cache/frontdesk/agent-console.log]
    #[arg(long, value_name = "PATH")]
    log_file: Option<PathBuf>,
}

impl Cli {
    fn token(&self) -> anyhow::Result<Secret> {
        let token = match &self.token_file {
            Some(path) => std::fs::read_to_string(path)
                .with_context(|| format!("reading the admin token from {}", path.display()))?
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
                .to_string(),
            None => self.token.clone().unwrap_or_default().trim().to_string(),
        };
        if token.is_empty() {
            anyhow::bail!(
                "no admin token: pass --token-file PATH or set FRONTDESK_ADMIN_TOKEN \
                 (a token with the agent role from agentd's auth.admin_tokens)"
            );
        }
        Ok(Secret::new(token))
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let token = cli.token()?;
    let log_file = cli.log_file.clone().unwrap_or_else(logging::default_path);
    logging::init(&log_file)?;
    let client = Client::new(&cli.url, token).context("--url")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let offset = *chrono::Local::now().offset();
    let state = State::new(client.base_url(), chrono::Utc::now(), offset);
    tracing::info!(url = client.base_url(), "console starting");
    runtime.block_on(async {
        let mut tui = terminal::enter().context("agent-console needs an interactive terminal")?;
        let result = runtime::run(&mut tui, client, state).await;
        terminal::restore().context("restoring the terminal")?;
        result
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn token_file_wins_and_blank_tokens_are_refused() {
        let dir = std::env::temp_dir().join(format!("agent-console-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("token");
        std::fs::write(&file, "from-file\nignored\n").unwrap();
        let cli = |args: &[&str]| {
            Cli::try_parse_from(std::iter::once("agent-console").chain(args.iter().copied()))
                .unwrap()
        };
        let path = file.to_str().unwrap();
        let both = cli(&["--token", "flag", "--token-file", path]);
        assert_eq!(both.token().unwrap().expose(), "from-file");
        assert_eq!(cli(&["--token", " t "]).token().unwrap().expose(), "t");
        let blank = cli(&["--token", "  "]).token().unwrap_err().to_string();
        assert!(blank.starts_with("no admin token"), "{blank}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
