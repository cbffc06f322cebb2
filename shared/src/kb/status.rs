//! `kb status`: what the knowledge base holds, which model built it, and whether it is
//! fresh enough to answer from.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgPool;

use super::store;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KbStatus {
    pub documents: i64,
    pub chunks: i64,
    /// Model the stored vectors were made with (`null` before the first ingest).
    pub model: Option<String>,
    pub dimension: Option<i32>,
    pub configured_model: String,
    pub last_update: Option<DateTime<Utc>>,
    pub stale: bool,
    /// Why the index is stale, when it is.
    pub stale_reason: Option<String>,
    pub channels: Vec<ChannelCount>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ChannelCount {
    /// `all` for documents without a channel restriction.
    pub channel: String,
    pub documents: i64,
    pub chunks: i64,
}

pub async fn status(
    pool: &PgPool,
    configured_model: &str,
    stale_after_days: u64,
) -> Result<KbStatus, sqlx::Error> {
    let (documents, chunks): (i64, i64) =
        sqlx::query_as("SELECT (SELECT count(*) FROM kb_docs), (SELECT count(*) FROM kb_chunks)")
            .fetch_one(pool)
            .await?;
    let meta = store::index_meta(pool).await?;
    let channels = sqlx::query_as::<_, ChannelCount>(
        "SELECT ch AS channel, count(DISTINCT d.id) AS documents, count(c.id) AS chunks
         FROM kb_docs d
         CROSS JOIN LATERAL unnest(CASE WHEN d.allowed_channels = '{}' THEN ARRAY['all'] ELSE d.allowed_channels END) ch
         LEFT JOIN kb_chunks c ON c.doc_id = d.id
         GROUP BY ch ORDER BY ch",
    )
    .fetch_all(pool)
    .await?;
    let stale_reason = stale_reason(
        chunks,
        meta.as_ref(),
        configured_model,
        stale_after_days,
        Utc::now(),
    );
    Ok(KbStatus {
        documents,
        chunks,
        model: meta.as_ref().map(|m| m.model.clone()),
        dimension: meta.as_ref().map(|m| m.dimension),
        configured_model: configured_model.to_string(),
        last_update: meta.as_ref().map(|m| m.updated_at),
        stale: stale_reason.is_some(),
        stale_reason,
        channels,
    })
}

/// Why answers should not be drawn from this index, if they should not.
pub fn stale_reason(
    chunks: i64,
    meta: Option<&store::IndexMeta>,
    configured_model: &str,
    stale_after_days: u64,
    now: DateTime<Utc>,
) -> Option<String> {
    let Some(meta) = meta.filter(|_| chunks > 0) else {
        return Some("the knowledge base is empty; run `agentctl kb ingest`".into());
    };
    if meta.model != configured_model {
        return Some(format!(
            "built with `{}` but `{configured_model}` is configured; run `agentctl kb reindex`",
            meta.model
        ));
    }
    let age = now - meta.updated_at;
    if stale_after_days > 0 && age.num_days() >= stale_after_days as i64 {
        return Some(format!(
            "not updated for {} days (retrieval.stale_after_days = {stale_after_days})",
            age.num_days()
        ));
    }
    None
}
