//! `agentctl config check`: the effective configuration, secrets redacted.

use std::process::ExitCode;

use clap::Subcommand;
use frontdesk::config::Config;

use crate::context::Context;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective configuration (secrets redacted) and any problems found
    ///
    /// Exits with status 1 when the configuration cannot be loaded or has problems.
    Check,
}

impl ConfigCommand {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        let (config, source) = Config::load_with_source(ctx.config_path())?;
        match &source.file {
            Some(file) => println!("# file: {}", file.display()),
            None => println!("# file: none (defaults and environment only)"),
        }
        if !source.env_vars.is_empty() {
            println!("# environment: {}", source.env_vars.join(", "));
        }
        println!("{}", config.to_redacted_toml());
        let problems = config.problems();
        if problems.is_empty() {
            eprintln!("configuration ok");
            Ok(ExitCode::SUCCESS)
        } else {
            for p in &problems {
                eprintln!("problem: {p}");
            }
            Ok(ExitCode::FAILURE)
        }
    }
}
