//! Knowledge-base persistence: documents, their chunks and the index metadata.
//! A changed document's chunks are replaced in one transaction, so a search sees
//! either the old version or the new one, never a mix.

use pgvector::Vector;
use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

use super::chunk::Chunk;
use super::parse::SourceDoc;

/// The stored identity and hash of a document.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredDoc {
    pub id: Uuid,
    pub source: String,
    pub content_hash: String,
}

/// Everything needed to write one document version.
pub struct DocVersion<'a> {
    pub collection: &'a str,
    pub doc: &'a SourceDoc,
    pub content_hash: &'a str,
    /// Each chunk with its content embedding and its heading embedding.
    pub chunks: Vec<(Chunk, Vec<f32>, Vec<f32>)>,
}

/// Advisory-lock key held by anything that writes the knowledge base (ingest, reindex).
const KB_WRITE_LOCK: i64 = 0x006b_6277_7269_7465; // "kbwrite"

/// Holds the knowledge-base write lock for as long as the connection lives.
pub struct WriteLock {
    conn: sqlx::pool::PoolConnection<Postgres>,
}

impl WriteLock {
    /// Waits for other writers (another ingest or a reindex) to finish.
    pub async fn acquire(pool: &PgPool) -> Result<Self, sqlx::Error> {
        let mut conn = pool.acquire().await?;
        sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(KB_WRITE_LOCK)
            .execute(&mut *conn)
            .await?;
        Ok(Self { conn })
    }

    pub async fn release(mut self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT pg_advisory_unlock($1)")
            .bind(KB_WRITE_LOCK)
            .execute(&mut *self.conn)
            .await?;
        Ok(())
    }
}

pub async fn docs_in_collection(
    pool: &PgPool,
    collection: &str,
) -> Result<Vec<StoredDoc>, sqlx::Error> {
    sqlx::query_as("SELECT id, source, content_hash FROM kb_docs WHERE collection = $1")
        .bind(collection)
        .fetch_all(pool)
        .await
}

/// Inserts or replaces a document and all its chunks atomically. Returns its id.
pub async fn write_doc(pool: &PgPool, version: DocVersion<'_>) -> Result<Uuid, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let doc = version.doc;
    let doc_id: Uuid = sqlx::query_scalar(
        "INSERT INTO kb_docs (id, collection, source, kind, title, url, allowed_channels, content_hash, doc_class, language)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (collection, source) DO UPDATE SET
            kind = EXCLUDED.kind, title = EXCLUDED.title, url = EXCLUDED.url,
            allowed_channels = EXCLUDED.allowed_channels, content_hash = EXCLUDED.content_hash,
            doc_class = EXCLUDED.doc_class, language = EXCLUDED.language,
            updated_at = now()
         RETURNING id",
    )
    .bind(Uuid::now_v7())
    .bind(version.collection)
    .bind(&doc.source)
    .bind(doc.kind.as_str())
    .bind(&doc.title)
    .bind(&doc.url)
    .bind(&doc.allowed_channels)
    .bind(version.content_hash)
    .bind(doc.class().as_str())
    .bind(doc.language())
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM kb_chunks WHERE doc_id = $1")
        .bind(doc_id)
        .execute(&mut *tx)
        .await?;
    insert_chunks(&mut tx, doc_id, &doc.title, version.chunks).await?;
    touch_meta(&mut tx).await?;
    tx.commit().await?;
    Ok(doc_id)
}

async fn insert_chunks(
    tx: &mut Transaction<'_, Postgres>,
    doc_id: Uuid,
    title: &str,
    chunks: Vec<(Chunk, Vec<f32>, Vec<f32>)>,
) -> Result<(), sqlx::Error> {
    for (ordinal, (chunk, embedding, heading_embedding)) in chunks.into_iter().enumerate() {
        sqlx::query(
            "INSERT INTO kb_chunks (id, doc_id, ordinal, section, content, token_count, embedding, heading_embedding, tsv)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $9,
                     setweight(to_tsvector('english', $8), 'A')
                  || setweight(to_tsvector('english', $4), 'B')
                  || setweight(to_tsvector('english', $5), 'D'))",
        )
        .bind(Uuid::now_v7())
        .bind(doc_id)
        .bind(ordinal as i32)
        .bind(&chunk.section)
        .bind(&chunk.content)
        .bind(chunk.token_count as i32)
        .bind(Vector::from(embedding))
        .bind(title)
        .bind(Vector::from(heading_embedding))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Deletes documents (and their chunks) by id.
pub async fn delete_docs(pool: &PgPool, ids: &[Uuid]) -> Result<u64, sqlx::Error> {
    if ids.is_empty() {
        return Ok(0);
    }
    let mut tx = pool.begin().await?;
    let deleted = sqlx::query("DELETE FROM kb_docs WHERE id = ANY($1)")
        .bind(ids)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    touch_meta(&mut tx).await?;
    tx.commit().await?;
    Ok(deleted)
}

/// Marks the index as updated now (the row is created by [`record_model`]).
async fn touch_meta(tx: &mut Transaction<'_, Postgres>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE kb_index_meta SET updated_at = now()")
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The embedding model and dimension the stored vectors were made with.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IndexMeta {
    pub model: String,
    pub dimension: i32,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

pub async fn index_meta(pool: &PgPool) -> Result<Option<IndexMeta>, sqlx::Error> {
    sqlx::query_as("SELECT model, dimension, updated_at FROM kb_index_meta")
        .fetch_optional(pool)
        .await
}

/// Records the model when the index is empty or was built with it; an index built
/// with another model is left alone (it needs `agentctl kb reindex`).
pub async fn record_model(
    pool: &PgPool,
    model: &str,
    dimension: usize,
) -> Result<IndexMeta, sqlx::Error> {
    sqlx::query(
        "INSERT INTO kb_index_meta (model, dimension) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET model = EXCLUDED.model, dimension = EXCLUDED.dimension
         WHERE NOT EXISTS (SELECT 1 FROM kb_chunks)",
    )
    .bind(model)
    .bind(dimension as i32)
    .execute(pool)
    .await?;
    sqlx::query_as("SELECT model, dimension, updated_at FROM kb_index_meta")
        .fetch_one(pool)
        .await
}
