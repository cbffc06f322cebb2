//! Isolated namespaces: a throw-away PostgreSQL schema holding its own empty copies
//! of the knowledge-base tables ([`Namespace::create`]) or of every table
//! ([`Namespace::create_full`]: orders, threads, tickets too), reached through a pool
//! whose `search_path` puts it first. The same ingest, search and turn code runs
//! against it unchanged, and the live data is never touched. Used by `agentctl bench
//! retrieval` and `agentctl bench answers`.

use sqlx::PgPool;
use uuid::Uuid;

use crate::config::DatabaseConfig;
use crate::db::{self, DbError};

const TABLES: [&str; 3] = ["kb_docs", "kb_chunks", "kb_index_meta"];

pub struct Namespace {
    pub schema: String,
    pub pool: PgPool,
    admin: PgPool,
}

impl Namespace {
    /// Creates `<label>_<random>` with empty copies of the knowledge-base tables.
    pub async fn create(
        admin: &PgPool,
        config: &DatabaseConfig,
        label: &str,
    ) -> Result<Self, DbError> {
        Self::with_tables(admin, config, label, &TABLES).await
    }

    /// Creates `<label>_<random>` with empty copies of every table of the live schema
    /// (foreign keys between them are left out: a throw-away copy needs none).
    pub async fn create_full(
        admin: &PgPool,
        config: &DatabaseConfig,
        label: &str,
    ) -> Result<Self, DbError> {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
               AND table_name <> '_sqlx_migrations'",
        )
        .fetch_all(admin)
        .await?;
        let names: Vec<&str> = tables.iter().map(String::as_str).collect();
        Self::with_tables(admin, config, label, &names).await
    }

    async fn with_tables(
        admin: &PgPool,
        config: &DatabaseConfig,
        label: &str,
        tables: &[&str],
    ) -> Result<Self, DbError> {
        let schema = format!("{label}_{}", Uuid::new_v4().simple());
        let mut tx = admin.begin().await?;
        sqlx::query(&format!("CREATE SCHEMA {schema}"))
            .execute(&mut *tx)
            .await?;
        for table in tables {
            sqlx::query(&format!(
                "CREATE TABLE {schema}.{table} (LIKE public.{table} INCLUDING ALL)"
            ))
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(&format!(
            "ALTER TABLE {schema}.kb_chunks ADD FOREIGN KEY (doc_id) REFERENCES {schema}.kb_docs (id) ON DELETE CASCADE"
        ))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        let pool = db::connect(config, Some(&schema)).await?;
        Ok(Self {
            schema,
            pool,
            admin: admin.clone(),
        })
    }

    /// Drops the schema and everything in it.
    pub async fn drop(self) -> Result<(), DbError> {
        self.pool.close().await;
        sqlx::query(&format!("DROP SCHEMA {} CASCADE", self.schema))
            .execute(&self.admin)
            .await?;
        Ok(())
    }
}
