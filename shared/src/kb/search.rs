//! Hybrid retrieval: PostgreSQL full-text and pgvector HNSW candidates, fused by a
//! weighted score, re-ranked from the best `rerank_pool` to `top_k`, filtered by
//! channel. PII is removed from the query before it is embedded or searched.
//!
//! Fusion is a weighted score, not rank fusion: each candidate is scored by
//! `w_chunk · s(cos(query, chunk)) + w_heading · s(cos(query, title and section)) +
//! w_text · s(BM25) · g`, where `s` min-max scales each signal over the candidates and
//! `g` gates the lexical evidence: `g = λ · dense^dense_gate`, with `λ` the query's
//! lexical confidence (how far the best document's BM25 stands above the runner-up's).
//! Paraphrased questions, where word overlap is noise, lean on the embeddings; a query
//! whose rare words single out one page lets those words decide. The re-ranker
//! (`rerank.rs`) adds query coverage (gated the same way) and favours distinct
//! documents. Before that, `prefer.rs` lifts policy pages for questions about policy
//! and documents in the customer's language. A question that names a product
//! (`mention.rs`) is searched for what it asks, among the help pages and that
//! product's page only. `docs/benchmarks.md` has the measurements.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use frontdesk_api::Channel;
use pgvector::Vector;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use uuid::Uuid;

use super::{mention, prefer, rerank, Citation, KbError};
use crate::config::{FusionWeights, RetrievalConfig};
use frontdesk_embed::Embedder;
use frontdesk_redact::pii;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchMode {
    Hybrid,
    /// Full-text only: Okapi BM25 over PostgreSQL's `tsvector`s.
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
    pub channel: Option<Channel>,
    pub mode: SearchMode,
}

/// A citation with the whole chunk text, for drafting answers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SearchHit {
    pub citation: Citation,
    pub content: String,
    /// What the document is for (policy, product, other).
    pub class: super::DocClass,
    pub signals: Signals,
}

/// The features the hybrid score was made from, for `kb search --explain`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct Signals {
    pub chunk_similarity: f32,
    pub heading_similarity: f32,
    pub text_rank: f32,
    /// Share of the question's IDF-weighted terms the passage contains, in [0, 1].
    pub coverage: f32,
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
    pub heading_sim: f32,
    pub text_rank: f32,
    /// Sum of the query words' IDF: the BM25 score of a chunk holding each word once.
    pub query_idf: f32,
    /// The document's class (`policy`, `product`, `other`) and language, for `prefer.rs`.
    pub doc_class: String,
    pub language: Option<String>,
    #[sqlx(skip)]
    pub score: f32,
    /// How much lexical evidence counts for this candidate, in [0, 1] (see `score`).
    #[sqlx(skip)]
    pub lexical_gate: f32,
}

#[cfg(test)]
impl Candidate {
    /// A candidate of `doc` with only a score, class and language, for unit tests.
    pub(crate) fn scored(doc: Uuid, class: &str, language: Option<&str>, score: f32) -> Self {
        Self {
            chunk_id: Uuid::now_v7(),
            doc_id: doc,
            title: String::new(),
            url: None,
            section: String::new(),
            content: String::new(),
            chunk_sim: 0.0,
            heading_sim: 0.0,
            text_rank: 0.0,
            query_idf: 0.0,
            doc_class: class.into(),
            language: language.map(str::to_string),
            score,
            lexical_gate: 1.0,
        }
    }
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

    /// The embedding model the query vectors come from.
    pub fn model_name(&self) -> String {
        self.embedder.model_name()
    }

    pub fn with_fusion(mut self, fusion: FusionWeights) -> Self {
        self.config.fusion = fusion;
        self
    }

    fn coverage_weight(&self, mode: SearchMode) -> f32 {
        match mode {
            SearchMode::Hybrid => self.config.fusion.coverage,
            SearchMode::Bm25 | SearchMode::Vector => 0.0,
        }
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
        Ok(
            rerank::rerank(pool, request.top_k, self.coverage_weight(request.mode))
                .into_iter()
                .map(into_hit)
                .collect(),
        )
    }

    /// Documents ranked best first (a document scores as its best chunk), for evaluation.
    pub async fn ranked_docs(
        &self,
        query: &str,
        mode: SearchMode,
        channel: Option<Channel>,
    ) -> Result<Vec<(Uuid, f32)>, KbError> {
        let mut best: Vec<(Uuid, f32)> = Vec::new();
        let mut seen = HashSet::new();
        let mut ranked = self.ranked_chunks(query, mode, channel).await?;
        // the head goes through the same re-ranker as `search`, so figures measure the pipeline
        let head_len = self.config.rerank_pool.min(ranked.len());
        let tail = ranked.split_off(head_len);
        let head = rerank::rerank(ranked, head_len, self.coverage_weight(mode));
        for c in head.into_iter().chain(tail) {
            if seen.insert(c.doc_id) {
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
        channel: Option<Channel>,
    ) -> Result<Vec<Candidate>, KbError> {
        let masked = pii::strip(query.trim());
        if masked.is_empty() {
            return Ok(Vec::new());
        }
        // a question naming a product is asked about that product: its page competes
        // with the help pages, by what is asked, and other products' pages are out
        let mentioned = match mode {
            SearchMode::Hybrid => mention::products(&self.pool, &masked).await?,
            _ => mention::Mentioned::default(),
        };
        let asked = mentioned.ask.as_deref().unwrap_or(&masked);
        let vector = self.embedder.embed_query(asked).await?;
        let products = (!mentioned.ids.is_empty()).then_some(mentioned.ids.as_slice());
        let mut candidates = self
            .candidates(asked, &vector, mode, channel, products)
            .await?;
        let prefs = prefer::Preferences::of(&masked);
        score(&mut candidates, mode, self.config.fusion, prefs.policy);
        if mode == SearchMode::Hybrid {
            prefer::apply(&mut candidates, &prefs, &mentioned.ids, self.config.fusion);
        }
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
        channel: Option<Channel>,
        products: Option<&[Uuid]>,
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
            .bind(products)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(rows)
    }
}

/// Candidates from the vector index and from full-text search, with every feature
/// computed for every candidate.
///
/// The text feature is Okapi BM25 (k1 = 1.2, b = 0.75) over chunks, computed from
/// the `tsvector`s: PostgreSQL's `ts_rank` has no inverse document frequency, so a
/// word found everywhere (the shop's own name, say) would count as much as a rare,
/// telling one. Any query word may match (an OR query); stop words are dropped and
/// words stemmed by the `english` text search configuration.
const CANDIDATES_SQL: &str = "
WITH q AS (
    SELECT $1::vector AS v
),
terms AS (
    SELECT t.lexeme, to_tsquery('simple', quote_literal(t.lexeme)) AS tq
    FROM unnest(to_tsvector('english', $2)) AS t
),
allowed AS (
    SELECT id FROM kb_docs
    WHERE ($3::text IS NULL OR allowed_channels = '{}' OR $3 = ANY (allowed_channels))
      AND ($6::uuid[] IS NULL OR doc_class <> 'product' OR id = ANY ($6))
),
stats AS (
    SELECT count(*)::float8 AS n, GREATEST(avg(token_count), 1)::float8 AS avgdl FROM kb_chunks
),
idf AS (
    SELECT terms.lexeme, ln(1 + (stats.n - df.df + 0.5) / (df.df + 0.5)) AS idf
    FROM terms CROSS JOIN stats
    CROSS JOIN LATERAL (SELECT count(*)::float8 AS df FROM kb_chunks c WHERE c.tsv @@ terms.tq) df
),
bm25 AS (
    SELECT c.id,
           (SELECT sum(idf.idf * (tf.n * 2.2) / (tf.n + 1.2 * (0.25 + 0.75 * c.token_count / stats.avgdl)))
            FROM unnest(c.tsv) u
            JOIN idf ON idf.lexeme = u.lexeme
            CROSS JOIN LATERAL (SELECT COALESCE(array_length(u.positions, 1), 1)::float8 AS n) tf
           ) AS score
    FROM kb_chunks c CROSS JOIN stats
    WHERE c.tsv @@ (SELECT COALESCE(tsquery_or_agg, ''::tsquery) FROM (SELECT string_agg(quote_literal(lexeme), ' | ')::tsquery AS tsquery_or_agg FROM terms) x)
      AND c.doc_id IN (SELECT id FROM allowed)
),
by_vector AS (
    SELECT c.id FROM kb_chunks c, q
    WHERE c.doc_id IN (SELECT id FROM allowed)
    ORDER BY c.embedding <=> q.v
    LIMIT $4
),
by_text AS (
    SELECT id FROM bm25 ORDER BY score DESC LIMIT $5
)
SELECT c.id AS chunk_id, c.doc_id, d.title, d.url, c.section, c.content,
       (1 - (c.embedding <=> q.v))::real AS chunk_sim,
       (1 - (c.heading_embedding <=> q.v))::real AS heading_sim,
       COALESCE(bm25.score, 0)::real AS text_rank,
       COALESCE((SELECT sum(idf) FROM idf), 0)::real AS query_idf,
       d.doc_class, d.language
FROM (SELECT id FROM by_vector UNION SELECT id FROM by_text) cand
JOIN kb_chunks c ON c.id = cand.id
JOIN kb_docs d ON d.id = c.doc_id
LEFT JOIN bm25 ON bm25.id = c.id
CROSS JOIN q";

/// Scores every candidate for the mode; see the module docs for the hybrid formula.
/// For a question about policy (`policy_query`), a policy page's word matches count
/// without the dense gate: a catalogue of near-identical product pages ("Don't leave
/// water in the kettle") must not silence the one warranty page that names the
/// question's rare word ("leaking").
pub(crate) fn score(
    candidates: &mut [Candidate],
    mode: SearchMode,
    w: FusionWeights,
    policy_query: bool,
) {
    let chunk = MinMax::over(candidates.iter().map(|c| c.chunk_sim));
    let heading = MinMax::over(candidates.iter().map(|c| c.heading_sim));
    let text = MinMax::over(candidates.iter().map(|c| c.text_rank));
    let total = (w.chunk + w.heading + w.text).max(f32::EPSILON);
    let lambda = lexical_confidence(candidates, w.lexical_peak);
    for c in candidates.iter_mut() {
        c.score = match mode {
            SearchMode::Vector => c.chunk_sim,
            SearchMode::Bm25 => c.text_rank,
            SearchMode::Hybrid => {
                let dense_weight = (w.chunk + w.heading).max(f32::EPSILON);
                let dense = (w.chunk * chunk.scale(c.chunk_sim)
                    + w.heading * heading.scale(c.heading_sim))
                    / dense_weight;
                // lexical evidence counts in proportion to the candidate's dense score
                // and to how clearly the query's words single out one document
                let ungated = policy_query && c.doc_class == super::DocClass::Policy.as_str();
                let lexical = match ungated {
                    true => lambda,
                    false => lambda * dense.max(0.0).powf(w.dense_gate),
                };
                c.lexical_gate = lexical;
                (w.chunk * chunk.scale(c.chunk_sim)
                    + w.heading * heading.scale(c.heading_sim)
                    + w.text * text.scale(c.text_rank) * lexical)
                    / total
            }
        };
    }
}

/// How clearly the full-text match singles out one document, in [0, 1]: the best
/// document's BM25 over the runner-up's, `(top1 / top2 - 1) / peak`, clamped. Paraphrased
/// questions (noisy word overlap, flat BM25) get little lexical weight; a query whose rare
/// words point at one page ("send back") gets all of it. `peak` 0 turns this off.
fn lexical_confidence(candidates: &[Candidate], peak: f32) -> f32 {
    if peak <= 0.0 {
        return 1.0;
    }
    let mut best: HashMap<Uuid, f32> = HashMap::new();
    for c in candidates {
        let e = best.entry(c.doc_id).or_insert(0.0);
        *e = e.max(c.text_rank);
    }
    let mut per_doc: Vec<f32> = best.into_values().collect();
    per_doc.sort_by(|a, b| b.total_cmp(a));
    match (per_doc.first().copied(), per_doc.get(1).copied()) {
        (Some(top1), _) if top1 <= 0.0 => 0.0,
        (Some(_), Some(top2)) if top2 > 0.0 => ((per_doc[0] / top2 - 1.0) / peak).clamp(0.0, 1.0),
        (Some(_), _) => 1.0,
        (None, _) => 0.0,
    }
}

/// Min-max scaling of one signal over the candidate set, so signals of different
/// ranges (cosines around 0.3–0.8, BM25 in IDF units) weigh what their weights say.
struct MinMax {
    min: f32,
    max: f32,
}

impl MinMax {
    fn over(values: impl Iterator<Item = f32>) -> Self {
        values.fold(
            Self {
                min: f32::INFINITY,
                max: f32::NEG_INFINITY,
            },
            |m, v| Self {
                min: m.min.min(v),
                max: m.max.max(v),
            },
        )
    }

    fn scale(&self, v: f32) -> f32 {
        let range = self.max - self.min;
        if range > f32::EPSILON {
            (v - self.min) / range
        } else {
            0.0
        }
    }
}

fn into_hit(c: Candidate) -> SearchHit {
    let coverage = rerank::coverage(&c);
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
        class: super::DocClass::parse(&c.doc_class).unwrap_or(super::DocClass::Other),
        content: c.content,
        signals: Signals {
            chunk_similarity: c.chunk_sim,
            heading_similarity: c.heading_sim,
            text_rank: c.text_rank,
            coverage,
        },
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
