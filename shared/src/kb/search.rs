//! Hybrid retrieval: PostgreSQL full-text and pgvector HNSW candidates, fused by a
//! weighted score, re-ranked from the best `rerank_pool` to `top_k`, filtered by
//! channel. The query is PII-masked before it is embedded or searched.
//!
//! Fusion is a convex combination, not rank fusion: each candidate is scored by
//! `w_chunk · cos(query, chunk) + w_title · cos(query, document title) +
//! w_text · rank / max rank` (full-text rank normalised over the candidates). Scores
//! keep the confidence that rank fusion throws away; `docs/benchmarks.md` has the
//! measurements that chose it.

use std::collections::HashMap;
use std::str::FromStr;

use pgvector::Vector;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use uuid::Uuid;

use super::{rerank, Citation, KbError};
use crate::config::{FusionWeights, RetrievalConfig};
use crate::embed::Embedder;
use crate::pii;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchMode {
    Hybrid,
    /// Full-text only (PostgreSQL `ts_rank`; named after the role BM25 plays, it is not BM25).
    Bm25,
    Vector,
}

impl SearchMode {
    pub const ALL: [SearchMode; 3] = [SearchMode::Hybrid, SearchMode::Bm25, SearchMode::Vector];

    pub fn as_str(self) -> &'static str {
        match self {
            SearchMode::Hybrid => "hybrid",
            SearchMode::Bm25 => "bm25",
            SearchMode::Vector => "vector",
        }
    }
}

impl FromStr for SearchMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "hybrid" => Ok(SearchMode::Hybrid),
            "bm25" => Ok(SearchMode::Bm25),
            "vector" => Ok(SearchMode::Vector),
            other => Err(format!(
                "unknown search mode `{other}` (expected hybrid, bm25 or vector)"
            )),
        }
    }
}

#[derive(Debug, Clone)]
pub struct SearchRequest<'a> {
    pub query: &'a str,
    pub top_k: usize,
    /// Only documents allowed on this channel (`web`, `slack`, `email`); `None` = no filter.
    pub channel: Option<&'a str>,
    pub mode: SearchMode,
}

/// A citation with the whole chunk text, for drafting answers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SearchHit {
    pub citation: Citation,
    pub content: String,
}

/// A scored chunk before re-ranking.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct Candidate {
    pub chunk_id: Uuid,
    pub doc_id: Uuid,
    pub title: String,
    pub url: Option<String>,
    pub section: String,
    pub content: String,
    pub chunk_sim: f32,
    pub title_sim: f32,
    pub text_rank: f32,
    #[sqlx(skip)]
    pub score: f32,
}

#[derive(Clone)]
pub struct Retriever {
    pool: PgPool,
    embedder: Embedder,
    config: RetrievalConfig,
}

const SNIPPET_CHARS: usize = 280;

impl Retriever {
    pub fn new(pool: PgPool, embedder: Embedder, config: RetrievalConfig) -> Self {
        Self {
            pool,
            embedder,
            config,
        }
    }

    pub fn with_fusion(mut self, fusion: FusionWeights) -> Self {
        self.config.fusion = fusion;
        self
    }

    /// The best `top_k` passages for a query, re-ranked from the fused pool.
    pub async fn search(&self, request: &SearchRequest<'_>) -> Result<Vec<SearchHit>, KbError> {
        if request.top_k == 0 || request.top_k > 50 {
            return Err(KbError::Invalid("top_k must be between 1 and 50".into()));
        }
        let ranked = self
            .ranked_chunks(request.query, request.mode, request.channel)
            .await?;
        let pool_size = self.config.rerank_pool.max(request.top_k);
        let pool: Vec<Candidate> = ranked.into_iter().take(pool_size).collect();
        Ok(rerank::rerank(pool, request.top_k)
            .into_iter()
            .map(into_hit)
            .collect())
    }

    /// Documents ranked best first (a document scores as its best chunk), for evaluation.
    pub async fn ranked_docs(
        &self,
        query: &str,
        mode: SearchMode,
        channel: Option<&str>,
    ) -> Result<Vec<(Uuid, f32)>, KbError> {
        let mut best: Vec<(Uuid, f32)> = Vec::new();
        let mut seen = HashMap::new();
        for c in self.ranked_chunks(query, mode, channel).await? {
            if let std::collections::hash_map::Entry::Vacant(e) = seen.entry(c.doc_id) {
                e.insert(());
                best.push((c.doc_id, c.score));
            }
        }
        Ok(best)
    }

    /// All candidates of both indexes, scored for `mode`, best first.
    async fn ranked_chunks(
        &self,
        query: &str,
        mode: SearchMode,
        channel: Option<&str>,
    ) -> Result<Vec<Candidate>, KbError> {
        let masked = pii::mask(query.trim());
        if masked.is_empty() {
            return Ok(Vec::new());
        }
        let vector = self.embedder.embed_query(&masked).await?;
        let mut candidates = self.candidates(&masked, &vector, mode, channel).await?;
        score(&mut candidates, mode, self.config.fusion);
        candidates.retain(|c| c.score > 0.0 || mode != SearchMode::Bm25);
        candidates.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.chunk_id.cmp(&b.chunk_id))
        });
        Ok(candidates)
    }

    async fn candidates(
        &self,
        query: &str,
        vector: &[f32],
        mode: SearchMode,
        channel: Option<&str>,
    ) -> Result<Vec<Candidate>, KbError> {
        let limit = self.config.candidates as i64;
        let (vector_limit, text_limit) = match mode {
            SearchMode::Hybrid => (limit, limit),
            SearchMode::Vector => (limit, 0),
            SearchMode::Bm25 => (0, limit),
        };
        let mut tx = self.pool.begin().await?;
        // exact-enough HNSW search even when the channel filter drops index hits
        sqlx::query(&format!(
            "SET LOCAL hnsw.ef_search = {}",
            limit.clamp(40, 1000)
        ))
        .execute(&mut *tx)
        .await?;
        sqlx::query("SET LOCAL hnsw.iterative_scan = relaxed_order")
            .execute(&mut *tx)
            .await?;
        let rows = sqlx::query_as::<_, Candidate>(CANDIDATES_SQL)
            .bind(Vector::from(vector.to_vec()))
            .bind(query)
            .bind(channel)
            .bind(vector_limit)
            .bind(text_limit)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(rows)
    }
}

/// Candidates from the vector index and from full-text search (any query word may
/// match: the `&` of `plainto_tsquery` becomes `|`), with every feature computed for
/// every candidate.
const CANDIDATES_SQL: &str = "
WITH q AS (
    SELECT $1::vector AS v,
           NULLIF(replace(plainto_tsquery('english', $2)::text, '&', '|'), '')::tsquery AS tq
),
allowed AS (
    SELECT id FROM kb_docs
    WHERE $3::text IS NULL OR allowed_channels = '{}' OR $3 = ANY (allowed_channels)
),
by_vector AS (
    SELECT c.id FROM kb_chunks c, q
    WHERE c.doc_id IN (SELECT id FROM allowed)
    ORDER BY c.embedding <=> q.v
    LIMIT $4
),
by_text AS (
    SELECT c.id FROM kb_chunks c, q
    WHERE q.tq IS NOT NULL AND c.tsv @@ q.tq AND c.doc_id IN (SELECT id FROM allowed)
    ORDER BY ts_rank_cd(c.tsv, q.tq, 1) DESC
    LIMIT $5
)
SELECT c.id AS chunk_id, c.doc_id, d.title, d.url, c.section, c.content,
       (1 - (c.embedding <=> q.v))::real AS chunk_sim,
       COALESCE(1 - (d.title_embedding <=> q.v), 0)::real AS title_sim,
       COALESCE(ts_rank_cd(c.tsv, q.tq, 1), 0)::real AS text_rank
FROM (SELECT id FROM by_vector UNION SELECT id FROM by_text) cand
JOIN kb_chunks c ON c.id = cand.id
JOIN kb_docs d ON d.id = c.doc_id
CROSS JOIN q";

/// Scores every candidate for the mode; see the module docs for the hybrid formula.
pub(crate) fn score(candidates: &mut [Candidate], mode: SearchMode, w: FusionWeights) {
    let max_rank = candidates
        .iter()
        .map(|c| c.text_rank)
        .fold(0.0f32, f32::max);
    let total = (w.chunk + w.title + w.text).max(f32::EPSILON);
    for c in candidates.iter_mut() {
        let text = if max_rank > 0.0 {
            c.text_rank / max_rank
        } else {
            0.0
        };
        c.score = match mode {
            SearchMode::Vector => c.chunk_sim,
            SearchMode::Bm25 => c.text_rank,
            SearchMode::Hybrid => {
                (w.chunk * c.chunk_sim + w.title * c.title_sim + w.text * text) / total
            }
        };
    }
}

fn into_hit(c: Candidate) -> SearchHit {
    SearchHit {
        citation: Citation {
            doc_id: c.doc_id,
            chunk_id: c.chunk_id,
            title: c.title,
            url: c.url,
            section: c.section,
            snippet: snippet(&c.content),
            score: c.score,
        },
        content: c.content,
    }
}

/// The start of the passage, cut at a word boundary.
fn snippet(content: &str) -> String {
    let flat: String = content.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SNIPPET_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(SNIPPET_CHARS).collect();
    let cut = cut.rsplit_once(' ').map(|(head, _)| head).unwrap_or(&cut);
    format!("{cut}…")
}
