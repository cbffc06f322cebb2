//! The knowledge base: parsing sources, chunking, ingest, hybrid retrieval with
//! citations, re-indexing and status.
//!
//! Flow: `parse` turns files and pages into [`parse::SourceDoc`]s → `chunk` cuts them
//! into token-bounded, heading-aware chunks → `ingest` embeds what changed and `store`
//! writes it → `search` answers queries with [`Citation`]s.

pub mod chunk;
pub mod class;
pub mod ingest;
mod mention;
pub mod namespace;
pub mod parse;
mod prefer;
pub mod reindex;
mod rerank;
pub mod search;
pub mod status;
pub mod store;

use crate::config::RetrievalConfig;
use frontdesk_embed::EmbedError;

pub use chunk::ChunkParams;
pub use class::DocClass;
pub use frontdesk_api::Citation;
pub use search::{Retriever, SearchHit, SearchMode, SearchRequest};

#[derive(Debug, thiserror::Error)]
pub enum KbError {
    #[error(transparent)]
    Embed(#[from] EmbedError),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error(
        "the index was built with `{index}` but `{configured}` is configured; run `agentctl kb reindex` to switch models"
    )]
    ModelMismatch { index: String, configured: String },
    #[error("the embedder returned fewer vectors than texts")]
    EmbeddingCount,
    #[error(transparent)]
    Parse(#[from] parse::ParseError),
    #[error("{0}")]
    Invalid(String),
}

/// Chunk parameters for the embedder, bounded by its maximum sequence length.
pub fn chunk_params(config: &RetrievalConfig, max_seq_len: usize) -> ChunkParams {
    ChunkParams {
        max_tokens: config.chunk_tokens.min(max_seq_len),
        overlap: config.chunk_overlap,
    }
}
