//! The embedder's settings (`[embedding]` in `frontdesk.toml`): which provider, where
//! the local model lives, the query cache, the OpenAI-compatible endpoint.

use std::path::PathBuf;

use frontdesk_redact::Secret;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EmbeddingProviderKind {
    /// all-MiniLM-L6-v2 in-process.
    Local,
    /// An OpenAI-compatible `/v1/embeddings` endpoint.
    Openai,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmbeddingConfig {
    pub provider: EmbeddingProviderKind,
    /// Folder with `model.safetensors`, `tokenizer.json`, `config.json`. Defaults to
    /// `$FRONTDESK_MODEL_DIR` or `~/.cache/frontdesk/models/all-MiniLM-L6-v2`.
    pub model_dir: Option<PathBuf>,
    /// Where to download the model files from when `model_dir` lacks them, e.g.
    /// `https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2/resolve/main`.
    pub model_url: Option<String>,
    /// Size of the LRU cache of query vectors.
    pub query_cache_size: usize,
    pub openai: OpenAiEmbeddingConfig,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OpenAiEmbeddingConfig {
    pub base_url: String,
    pub api_key: Secret,
    pub model: String,
    /// Must match the `vector(N)` columns of the schema (384).
    pub dimension: usize,
    pub batch_size: usize,
    pub timeout_secs: u64,
}

impl Default for EmbeddingConfig {
    fn default() -> Self {
        Self {
            provider: EmbeddingProviderKind::Local,
            model_dir: None,
            model_url: None,
            query_cache_size: 1024,
            openai: OpenAiEmbeddingConfig::default(),
        }
    }
}

impl Default for OpenAiEmbeddingConfig {
    fn default() -> Self {
        Self {
            base_url: "https://api.openai.com/v1".into(),
            api_key: Secret::default(),
            model: "text-embedding-3-small".into(),
            dimension: 384,
            batch_size: 64,
            timeout_secs: 30,
        }
    }
}
