//! `agentctl db migrate|status`: the database schema.

use std::process::ExitCode;

use clap::Subcommand;
use frontdesk::db;

use crate::context::Context;

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Apply pending migrations (agentd and agentctl also do this at start-up unless
    /// `database.auto_migrate = false`)
    Migrate,
    /// Show how many migrations are pending
    Status,
}

impl DbCommand {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        let config = ctx.config()?;
        let pool = db::connect(&config.database, None).await?;
        let pending = db::pending_migrations(&pool).await?;
        match self {
            DbCommand::Migrate => {
                db::migrate(&pool).await?;
                println!("applied {pending} migration(s); schema is up to date");
            }
            DbCommand::Status => {
                let total = db::MIGRATOR.iter().count();
                println!(
                    "{} of {total} migration(s) applied, {pending} pending",
                    total - pending
                );
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}
