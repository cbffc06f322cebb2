//! An OpenAI-compatible `/v1/embeddings` client (OpenAI, vLLM, Ollama, LM Studio,
//! llama.cpp server). Vectors are re-normalised so scores match the local model's.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lru::LruCache;
use serde::{Deserialize, Serialize};
use tokenizers::Tokenizer;

use super::EmbedError;
use frontdesk_redact::Secret;

use crate::OpenAiEmbeddingConfig;

pub struct OpenAiEmbedder {
    http: reqwest::Client,
    endpoint: String,
    api_key: Secret,
    model: String,
    dimension: usize,
    batch_size: usize,
    tokenizer: Tokenizer,
    cache: Mutex<LruCache<String, Arc<Vec<f32>>>>,
}

#[derive(Serialize)]
struct EmbeddingRequest<'a> {
    model: &'a str,
    input: &'a [String],
    encoding_format: &'static str,
}

#[derive(Deserialize)]
struct EmbeddingResponse {
    data: Vec<EmbeddingItem>,
}

#[derive(Deserialize)]
struct EmbeddingItem {
    index: usize,
    embedding: Vec<f32>,
}

impl OpenAiEmbedder {
    pub fn new(
        config: &OpenAiEmbeddingConfig,
        tokenizer: Tokenizer,
        cache_size: usize,
    ) -> Result<Self, EmbedError> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(config.timeout_secs))
            .build()
            .map_err(|e| EmbedError::Provider(e.to_string()))?;
        Ok(Self {
            http,
            endpoint: format!("{}/embeddings", config.base_url.trim_end_matches('/')),
            api_key: config.api_key.clone(),
            model: config.model.clone(),
            dimension: config.dimension,
            batch_size: config.batch_size.max(1),
            tokenizer,
            cache: Mutex::new(LruCache::new(
                NonZeroUsize::new(cache_size.max(1)).expect("max(1)"),
            )),
        })
    }

    pub fn model(&self) -> &str {
        &self.model
    }

    pub fn dimension(&self) -> usize {
        self.dimension
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    pub async fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let mut out = Vec::with_capacity(texts.len());
        for batch in texts.chunks(self.batch_size) {
            out.extend(self.request(batch).await?);
        }
        Ok(out)
    }

    pub async fn embed_query(&self, text: &str) -> Result<Arc<Vec<f32>>, EmbedError> {
        if let Some(hit) = self.cache.lock().expect("cache lock").get(text) {
            return Ok(Arc::clone(hit));
        }
        let vector = Arc::new(
            self.request(&[text.to_string()])
                .await?
                .pop()
                .ok_or_else(|| EmbedError::Provider("empty response".into()))?,
        );
        self.cache
            .lock()
            .expect("cache lock")
            .put(text.to_string(), Arc::clone(&vector));
        Ok(vector)
    }

    async fn request(&self, batch: &[String]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let mut request = self.http.post(&self.endpoint).json(&EmbeddingRequest {
            model: &self.model,
            input: batch,
            encoding_format: "float",
        });
        if !self.api_key.is_empty() {
            request = request.bearer_auth(self.api_key.expose());
        }
        let response = request
            .send()
            .await
            .map_err(|e| EmbedError::Provider(format!("{}: {}", self.endpoint, e.without_url())))?;
        let status = response.status();
        if !status.is_success() {
            let body = response.text().await.unwrap_or_default();
            return Err(EmbedError::Provider(format!(
                "{} answered {status}: {}",
                self.endpoint,
                body.chars().take(300).collect::<String>()
            )));
        }
        let mut parsed: EmbeddingResponse = response.json().await.map_err(|e| {
            EmbedError::Provider(format!("invalid response from {}: {e}", self.endpoint))
        })?;
        if parsed.data.len() != batch.len() {
            return Err(EmbedError::Provider(format!(
                "asked for {} embeddings, got {}",
                batch.len(),
                parsed.data.len()
            )));
        }
        parsed.data.sort_by_key(|item| item.index);
        parsed
            .data
            .into_iter()
            .map(|item| {
                if item.embedding.len() != self.dimension {
                    return Err(EmbedError::Provider(format!(
                        "model returned {} dimensions, configured {}",
                        item.embedding.len(),
                        self.dimension
                    )));
                }
                Ok(normalise(item.embedding))
            })
            .collect()
    }
}

fn normalise(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
    v
}
