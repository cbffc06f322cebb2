//! What most subcommands need, built on demand: the layered config, a migrated
//! database pool and the embedder.

use std::path::PathBuf;

use anyhow::Context as _;
use frontdesk::config::Config;
use frontdesk::db;
use frontdesk_embed::Embedder;
use sqlx::PgPool;

pub struct Context {
    config_path: Option<PathBuf>,
}

impl Context {
    pub fn new(config_path: Option<PathBuf>) -> Self {
        Self { config_path }
    }

    /// Loads the configuration and installs logging as it asks.
    pub fn config(&self) -> anyhow::Result<Config> {
        let config = Config::load(self.config_path.as_deref()).context("loading configuration")?;
        crate::logger::init(&config.log);
        Ok(config)
    }

    pub fn config_path(&self) -> Option<&std::path::Path> {
        self.config_path.as_deref()
    }

    /// Connects and brings the schema up to date (or refuses, per `database.auto_migrate`).
    pub async fn pool(&self, config: &Config) -> anyhow::Result<PgPool> {
        let pool = db::connect(&config.database, None).await?;
        db::ensure_schema(&pool, config.database.auto_migrate).await?;
        Ok(pool)
    }

    pub async fn embedder(&self, config: &Config) -> anyhow::Result<Embedder> {
        Embedder::from_config(&config.embedding)
            .await
            .context("loading the embedding model")
    }
}
