//! Isolated knowledge-base namespaces: a throw-away PostgreSQL schema holding its own
//! copies of the knowledge-base tables, reached through a pool whose `search_path`
//! puts it first. The same ingest and search code runs against it unchanged, and the
//! live knowledge base is never touched. Used by `agentctl bench retrieval`.

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
    /// Creates `bench_<random>` with empty copies of the knowledge-base tables.
    pub async fn create(
        admin: &PgPool,
        config: &DatabaseConfig,
        label: &str,
    ) -> Result<Self, DbError> {
        let schema = format!("{label}_{}", Uuid::new_v4().simple());
        let mut tx = admin.begin().await?;
        sqlx::query(&format!("CREATE SCHEMA {schema}"))
            .execute(&mut *tx)
            .await?;
        for table in TABLES {
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
