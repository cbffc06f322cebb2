//! `kb reindex`: re-embeds every chunk and its heading with the configured model beside the
//! live vectors (in a staging table), then swaps them in with one transaction.
//! Searches keep using the old vectors until the swap commits.

use pgvector::Vector;
use serde::Serialize;
use sqlx::PgPool;
use uuid::Uuid;

use super::chunk::{embedding_text, heading_text};
use super::store::WriteLock;
use super::KbError;
use frontdesk_embed::Embedder;

const BATCH: i64 = 256;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ReindexSummary {
    pub documents: usize,
    pub chunks: usize,
    pub embeddings_computed: usize,
    pub model: String,
}

/// Called after each batch with (done, total) embeddings.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Send + Sync);

pub async fn reindex(
    pool: &PgPool,
    embedder: &Embedder,
    progress: Progress<'_>,
) -> Result<ReindexSummary, KbError> {
    if embedder.dimension() != 384 {
        return Err(KbError::Invalid(format!(
            "the schema stores 384-dimensional vectors; the configured model has {}",
            embedder.dimension()
        )));
    }
    let lock = WriteLock::acquire(pool).await?;
    let result = reindex_locked(pool, embedder, progress).await;
    lock.release().await?;
    result
}

async fn reindex_locked(
    pool: &PgPool,
    embedder: &Embedder,
    progress: Progress<'_>,
) -> Result<ReindexSummary, KbError> {
    sqlx::query("DROP TABLE IF EXISTS kb_reindex_staging")
        .execute(pool)
        .await?;
    sqlx::query("CREATE UNLOGGED TABLE kb_reindex_staging (kind text NOT NULL, id uuid NOT NULL, embedding vector(384) NOT NULL)")
        .execute(pool)
        .await?;
    let (documents, chunks): (i64, i64) =
        sqlx::query_as("SELECT (SELECT count(*) FROM kb_docs), (SELECT count(*) FROM kb_chunks)")
            .fetch_one(pool)
            .await?;
    // two vectors per chunk: its content and its heading
    let total = 2 * chunks as usize;
    let mut done = 0;

    let mut after = Uuid::nil();
    loop {
        let rows: Vec<(Uuid, String, String, String)> = sqlx::query_as(
            "SELECT c.id, d.title, c.section, c.content FROM kb_chunks c JOIN kb_docs d ON d.id = c.doc_id
             WHERE c.id > $1 ORDER BY c.id LIMIT $2",
        )
        .bind(after)
        .bind(BATCH)
        .fetch_all(pool)
        .await?;
        let Some(last) = rows.last() else { break };
        after = last.0;
        let contents = rows
            .iter()
            .map(|(_, t, s, c)| embedding_text(t, s, c))
            .collect();
        stage(
            pool,
            "chunk",
            rows.iter().map(|r| r.0),
            embedder.embed_documents(contents).await?,
        )
        .await?;
        let headings = rows.iter().map(|(_, t, s, _)| heading_text(t, s)).collect();
        stage(
            pool,
            "heading",
            rows.iter().map(|r| r.0),
            embedder.embed_documents(headings).await?,
        )
        .await?;
        done += 2 * rows.len();
        progress(done, total);
    }

    swap(pool, embedder).await?;
    Ok(ReindexSummary {
        documents: documents as usize,
        chunks: chunks as usize,
        embeddings_computed: done,
        model: embedder.model_name(),
    })
}

/// Puts the staged vectors in place and records the model, in one transaction: a
/// search sees the old index or the new one, never a mix.
async fn swap(pool: &PgPool, embedder: &Embedder) -> Result<(), KbError> {
    let mut tx = pool.begin().await?;
    sqlx::query("UPDATE kb_chunks c SET heading_embedding = s.embedding FROM kb_reindex_staging s WHERE s.kind = 'heading' AND s.id = c.id")
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE kb_chunks c SET embedding = s.embedding FROM kb_reindex_staging s WHERE s.kind = 'chunk' AND s.id = c.id")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO kb_index_meta (model, dimension) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET model = EXCLUDED.model, dimension = EXCLUDED.dimension, updated_at = now()",
    )
    .bind(embedder.model_name())
    .bind(embedder.dimension() as i32)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DROP TABLE kb_reindex_staging")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

async fn stage(
    pool: &PgPool,
    kind: &str,
    ids: impl Iterator<Item = Uuid>,
    vectors: Vec<Vec<f32>>,
) -> Result<(), KbError> {
    let ids: Vec<Uuid> = ids.collect();
    if ids.len() != vectors.len() {
        return Err(KbError::EmbeddingCount);
    }
    let vectors: Vec<Vector> = vectors.into_iter().map(Vector::from).collect();
    sqlx::query("INSERT INTO kb_reindex_staging (kind, id, embedding) SELECT $1, * FROM unnest($2::uuid[], $3::vector[])")
        .bind(kind)
        .bind(&ids)
        .bind(&vectors)
        .execute(pool)
        .await?;
    Ok(())
}
