//! Sentence embedders behind one handle, [`Embedder`]: all-MiniLM-L6-v2 in-process
//! (the default, see `local`) or an OpenAI-compatible `/v1/embeddings` endpoint.
//! Both produce unit vectors; documents are embedded in batches, queries one at a
//! time through a small LRU cache.

mod config;
pub mod download;
pub mod local;
mod openai;

use std::sync::Arc;

pub use tokenizers::Tokenizer;

pub use config::{EmbeddingConfig, EmbeddingProviderKind, OpenAiEmbeddingConfig};
pub use local::{default_model_dir, LocalEmbedder};
pub use openai::OpenAiEmbedder;

#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("model files: {0}")]
    Model(String),
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    #[error("embedding provider: {0}")]
    Provider(String),
}

/// A cheaply clonable embedder.
#[derive(Clone)]
pub struct Embedder(Arc<Provider>, Arc<local::cache::QueryCache>);

/// Passage texts (knowledge-base sentences and headings) whose vectors are kept: the
/// same help-centre articles answer many customers.
const PASSAGE_CACHE_ENTRIES: usize = 8_192;

enum Provider {
    Local(Arc<LocalEmbedder>),
    OpenAi(Box<OpenAiEmbedder>),
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("model", &self.model_name())
            .finish()
    }
}

impl Embedder {
    /// Builds the configured provider. The local model is read from `model_dir` (or the
    /// default cache folder) and downloaded from `model_url` first when files are missing.
    pub async fn from_config(config: &EmbeddingConfig) -> Result<Self, EmbedError> {
        let dir = config.model_dir.clone().unwrap_or_else(default_model_dir);
        if let Some(base_url) = &config.model_url {
            download::ensure_model_files(&dir, base_url).await?;
        }
        match config.provider {
            EmbeddingProviderKind::Local => {
                let local = tokio::task::spawn_blocking(move || LocalEmbedder::load(&dir))
                    .await
                    .map_err(|e| EmbedError::Model(format!("loading task failed: {e}")))??;
                Ok(Self::local(local.with_query_cache(config.query_cache_size)))
            }
            EmbeddingProviderKind::Openai => {
                let tokenizer = Tokenizer::from_file(dir.join("tokenizer.json")).map_err(|e| {
                    EmbedError::Tokenizer(format!(
                        "the OpenAI provider chunks with {}: {e}; run `scripts/setup.sh`",
                        dir.join("tokenizer.json").display()
                    ))
                })?;
                Ok(Self::openai(OpenAiEmbedder::new(
                    &config.openai,
                    tokenizer,
                    config.query_cache_size,
                )?))
            }
        }
    }

    fn wrap(provider: Provider) -> Self {
        Self(
            Arc::new(provider),
            Arc::new(local::cache::QueryCache::new(PASSAGE_CACHE_ENTRIES)),
        )
    }

    /// Embeds passage texts (sentences of knowledge-base articles, their headings),
    /// each distinct text once, and from the passage cache when seen before.
    pub async fn embed_passages(&self, texts: &[String]) -> Result<Vec<Arc<Vec<f32>>>, EmbedError> {
        let mut missing: Vec<String> = Vec::new();
        for t in texts {
            if self.1.get(t).is_none() && !missing.contains(t) {
                missing.push(t.clone());
            }
        }
        let mut fresh: std::collections::HashMap<String, Arc<Vec<f32>>> =
            std::collections::HashMap::new();
        if !missing.is_empty() {
            let vectors = self.embed_documents(missing.clone()).await?;
            for (t, v) in missing.into_iter().zip(vectors) {
                let v = Arc::new(v);
                self.1.put(&t, Arc::clone(&v));
                fresh.insert(t, v);
            }
        }
        texts
            .iter()
            .map(|t| {
                fresh
                    .get(t)
                    .cloned()
                    .or_else(|| self.1.get(t))
                    .ok_or_else(|| EmbedError::Provider("a passage vector went missing".into()))
            })
            .collect()
    }

    pub fn local(embedder: LocalEmbedder) -> Self {
        Self::wrap(Provider::Local(Arc::new(embedder)))
    }

    pub fn openai(embedder: OpenAiEmbedder) -> Self {
        Self::wrap(Provider::OpenAi(Box::new(embedder)))
    }

    /// The model's name as recorded with the index (`all-MiniLM-L6-v2`, `openai:<model>`).
    pub fn model_name(&self) -> String {
        match &*self.0 {
            Provider::Local(e) => e.model_name().to_string(),
            Provider::OpenAi(e) => format!("openai:{}", e.model()),
        }
    }

    pub fn dimension(&self) -> usize {
        match &*self.0 {
            Provider::Local(e) => e.dimension(),
            Provider::OpenAi(e) => e.dimension(),
        }
    }

    /// Longest input in word pieces, special tokens included.
    pub fn max_seq_len(&self) -> usize {
        match &*self.0 {
            Provider::Local(e) => e.max_seq_len(),
            Provider::OpenAi(_) => 512,
        }
    }

    /// The tokenizer chunks are measured with.
    pub fn tokenizer(&self) -> &Tokenizer {
        match &*self.0 {
            Provider::Local(e) => e.tokenizer(),
            Provider::OpenAi(e) => e.tokenizer(),
        }
    }

    /// Embeds documents (unit vectors, input order).
    pub async fn embed_documents(&self, texts: Vec<String>) -> Result<Vec<Vec<f32>>, EmbedError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        match &*self.0 {
            Provider::Local(e) => {
                let e = Arc::clone(e);
                tokio::task::spawn_blocking(move || {
                    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
                    e.embed_batch(&refs)
                })
                .await
                .map_err(|e| EmbedError::Provider(format!("embedding task failed: {e}")))?
            }
            Provider::OpenAi(e) => e.embed(&texts).await,
        }
    }

    /// Embeds one query, from the cache when it was seen recently.
    pub async fn embed_query(&self, text: &str) -> Result<Arc<Vec<f32>>, EmbedError> {
        match &*self.0 {
            // a short query takes a few milliseconds: cheaper inline than a thread hop
            Provider::Local(e) => e.embed_query(text),
            Provider::OpenAi(e) => e.embed_query(text).await,
        }
    }
}
