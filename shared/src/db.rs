//! PostgreSQL: the connection pool, the embedded migrations and the schema check
//! that lets a binary migrate at start-up or refuse with a clear message.

use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

use crate::config::DatabaseConfig;

/// The one schema, compiled into every binary.
pub static MIGRATOR: Migrator = sqlx::migrate!("../migrations");

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot connect to PostgreSQL at {url}: {source}")]
    Connect { url: String, source: sqlx::Error },
    #[error(
        "database schema is behind ({pending} pending migration(s)); run `agentctl db migrate`"
    )]
    PendingMigrations { pending: usize },
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("the `vector` extension is not installed in PostgreSQL; run `scripts/setup.sh`")]
    NoPgvector,
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
}

/// Opens a pool. `search_path`, when given, puts a schema first on every connection
/// (used for isolated namespaces such as benchmark runs).
pub async fn connect(
    config: &DatabaseConfig,
    search_path: Option<&str>,
) -> Result<PgPool, DbError> {
    let options: PgConnectOptions =
        config
            .url
            .expose()
            .parse()
            .map_err(|source| DbError::Connect {
                url: config.url.redacted_url(),
                source,
            })?;
    let options = match search_path {
        Some(schema) => options.options([("search_path", format!("{schema},public"))]),
        None => options,
    };
    PgPoolOptions::new()
        .max_connections(config.max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(|source| DbError::Connect {
            url: config.url.redacted_url(),
            source,
        })
}

/// Number of embedded migrations not yet applied to this database.
pub async fn pending_migrations(pool: &PgPool) -> Result<usize, DbError> {
    let table_exists: bool =
        sqlx::query_scalar("SELECT to_regclass('public._sqlx_migrations') IS NOT NULL")
            .fetch_one(pool)
            .await?;
    if !table_exists {
        return Ok(MIGRATOR.iter().count());
    }
    let applied: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM public._sqlx_migrations WHERE success")
            .fetch_all(pool)
            .await?;
    Ok(MIGRATOR
        .iter()
        .filter(|m| !applied.contains(&m.version))
        .count())
}

/// Applies pending migrations, telling a missing pgvector apart from other failures.
pub async fn migrate(pool: &PgPool) -> Result<(), DbError> {
    let available: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')",
    )
    .fetch_one(pool)
    .await?;
    if !available {
        return Err(DbError::NoPgvector);
    }
    MIGRATOR.run(pool).await?;
    Ok(())
}

/// Start-up policy shared by agentd and agentctl: migrate when allowed, otherwise
/// refuse to run on an outdated schema.
pub async fn ensure_schema(pool: &PgPool, auto_migrate: bool) -> Result<(), DbError> {
    let pending = pending_migrations(pool).await?;
    if pending == 0 {
        return Ok(());
    }
    if auto_migrate {
        migrate(pool).await
    } else {
        Err(DbError::PendingMigrations { pending })
    }
}
