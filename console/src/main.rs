//! `agent-console`: the operator console. It will show live queues and handoffs from
//! agentd's admin API; for now it only knows where agentd is and says so.
//!
//! The console never opens a database connection: everything goes through agentd.

use clap::Parser;

/// Frontdesk operator console (live queues and handoffs arrive in a later release)
#[derive(Debug, Parser)]
#[command(name = "agent-console", version)]
struct Cli {
    /// agentd base URL
    #[arg(long, env = "FRONTDESK_URL", default_value = "http://127.0.0.1:8080")]
    url: String,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    println!(
        "agent-console {}: the queue view is not available yet; agentd is expected at {}",
        env!("CARGO_PKG_VERSION"),
        cli.url
    );
    Ok(())
}
