//! In-process sentence embedder: all-MiniLM-L6-v2 (a 6-layer BERT) in pure Rust
//! on OpenBLAS, reproducing sentence-transformers (mean pooling over the
//! attention mask, then L2 normalisation; texts truncated to 256 word pieces
//! including `[CLS]`/`[SEP]`).
//!
//! - [`weights`]: `config.json` + `model.safetensors`, rearranged at load.
//! - [`bert`]: the forward pass; all tokens of a batch are packed into one
//!   matrix (no padding), so each Linear layer is one sgemm.
//! - [`math`], [`kernels`]: vectorisable exp/erf/softmax/LayerNorm and
//!   small-matrix kernels; [`simd`] runs them with AVX2+FMA where available.
//! - [`blas`]: the only FFI (`cblas_sgemm`, OpenBLAS opened at run time so its AVX-512
//!   kernels can be chosen), behind a bounds-checked wrapper.
//! - [`cache`]: LRU cache for repeated queries.
//!
//! OpenBLAS uses as many threads as it defaults to (`OPENBLAS_NUM_THREADS`, else
//! all cores); `FRONTDESK_EMBED_THREADS` overrides that at load time.

mod bert;
mod blas;
pub(crate) mod cache;
mod kernels;
mod math;
mod simd;
mod weights;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use tokenizers::Tokenizer;

use self::bert::Scratch;
use self::cache::QueryCache;
use self::weights::{BertConfig, BertWeights};
use crate::EmbedError;

/// Name of the default model (also its directory name).
const DEFAULT_MODEL: &str = "all-MiniLM-L6-v2";
/// Entries kept by the query cache.
const QUERY_CACHE_CAPACITY: usize = 1024;
/// Tokens per forward pass in [`LocalEmbedder::embed_batch`]: big enough for
/// efficient sgemm, small enough that the activations stay cache-friendly.
const BATCH_TOKENS: usize = 2048;
/// `max_seq_length` when `sentence_bert_config.json` does not give one.
const DEFAULT_MAX_SEQ_LEN: usize = 256;

/// `$FRONTDESK_MODEL_DIR`, or `${XDG_CACHE_HOME:-$HOME/.cache}/frontdesk/models/all-MiniLM-L6-v2`.
pub fn default_model_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("FRONTDESK_MODEL_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from(".cache"));
    cache.join("frontdesk").join("models").join(DEFAULT_MODEL)
}

/// A loaded sentence-embedding model. `Send + Sync`; concurrent calls share
/// one set of activation buffers (OpenBLAS already uses every core).
pub struct LocalEmbedder {
    name: String,
    tokenizer: Tokenizer,
    weights: BertWeights,
    max_seq_len: usize,
    cls: u32,
    sep: u32,
    scratch: Mutex<Scratch>,
    cache: QueryCache,
}

impl std::fmt::Debug for LocalEmbedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalEmbedder")
            .field("name", &self.name)
            .field("dimension", &self.dimension())
            .field("max_seq_len", &self.max_seq_len)
            .finish_non_exhaustive()
    }
}

/// `dir/name`, or an error naming the missing file.
fn model_file(dir: &Path, name: &str) -> Result<PathBuf, EmbedError> {
    let path = dir.join(name);
    if path.is_file() {
        Ok(path)
    } else {
        Err(EmbedError::Model(format!(
            "{} not found (run scripts/setup.sh to install the model, or set FRONTDESK_MODEL_DIR)",
            path.display()
        )))
    }
}

/// `max_seq_length` from `sentence_bert_config.json`, if the file exists.
fn read_max_seq_len(dir: &Path) -> Result<usize, EmbedError> {
    let path = dir.join("sentence_bert_config.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(DEFAULT_MAX_SEQ_LEN);
    };
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| EmbedError::Model(format!("invalid {}: {e}", path.display())))?;
    Ok(value
        .get("max_seq_length")
        .and_then(serde_json::Value::as_u64)
        .map_or(DEFAULT_MAX_SEQ_LEN, |n| n as usize))
}

fn special_id(tok: &Tokenizer, token: &str) -> Result<u32, EmbedError> {
    tok.token_to_id(token)
        .ok_or_else(|| EmbedError::Tokenizer(format!("vocabulary has no {token} token")))
}

impl LocalEmbedder {
    /// Replaces the query cache with one of `entries` (`embedding.query_cache_size`).
    pub fn with_query_cache(mut self, entries: usize) -> Self {
        self.cache = QueryCache::new(entries);
        self
    }

    /// Loads `config.json`, `tokenizer.json`, `model.safetensors` (and
    /// `sentence_bert_config.json` for `max_seq_length`, default 256) from `dir`.
    pub fn load(dir: &Path) -> Result<Self, EmbedError> {
        let started = std::time::Instant::now();
        let config_path = model_file(dir, "config.json")?;
        let tokenizer_path = model_file(dir, "tokenizer.json")?;
        let weights_path = model_file(dir, "model.safetensors")?;

        let cfg = BertConfig::load(&config_path)?;
        let max_seq_len = read_max_seq_len(dir)?.clamp(2, cfg.max_position_embeddings);

        let mut tokenizer = Tokenizer::from_file(&tokenizer_path)
            .map_err(|e| EmbedError::Tokenizer(format!("{}: {e}", tokenizer_path.display())))?;
        // tokenizer.json ships truncation/padding to 128; we truncate ourselves
        // and never pad, and callers (the chunker) need the untruncated count.
        tokenizer
            .with_truncation(None)
            .map_err(|e| EmbedError::Tokenizer(e.to_string()))?;
        tokenizer.with_padding(None);
        let cls = special_id(&tokenizer, "[CLS]")?;
        let sep = special_id(&tokenizer, "[SEP]")?;

        let weights = BertWeights::load(&weights_path, cfg)?;
        blas::load().map_err(EmbedError::Model)?;
        if let Some(n) = std::env::var("FRONTDESK_EMBED_THREADS")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            blas::set_num_threads(n);
        }
        let name = dir.file_name().map_or_else(
            || DEFAULT_MODEL.to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        tracing::debug!(
            model = %name,
            blas_threads = blas::num_threads(),
            blas_kernels = blas::core_name().as_deref().unwrap_or("unknown"),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "local embedder loaded"
        );
        Ok(Self {
            name,
            tokenizer,
            weights,
            max_seq_len,
            cls,
            sep,
            scratch: Mutex::new(Scratch::default()),
            cache: QueryCache::new(QUERY_CACHE_CAPACITY),
        })
    }

    /// The model's name: the model directory's name, e.g. `all-MiniLM-L6-v2`.
    pub fn model_name(&self) -> &str {
        &self.name
    }

    /// Length of the embedding vectors (384).
    pub fn dimension(&self) -> usize {
        self.weights.cfg.hidden_size
    }

    /// Longest input in word pieces, including `[CLS]` and `[SEP]` (256).
    pub fn max_seq_len(&self) -> usize {
        self.max_seq_len
    }

    /// The tokenizer, without truncation or padding.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    fn word_pieces(&self, text: &str) -> Result<Vec<u32>, EmbedError> {
        let enc = self
            .tokenizer
            .encode_fast(text, false)
            .map_err(|e| EmbedError::Tokenizer(e.to_string()))?;
        Ok(enc.get_ids().to_vec())
    }

    /// Token count of `text` without special tokens and without truncation.
    pub fn count_tokens(&self, text: &str) -> Result<usize, EmbedError> {
        Ok(self.word_pieces(text)?.len())
    }

    /// `[CLS] pieces [SEP]`, the pieces truncated to `max_seq_len - 2`.
    fn model_input(&self, text: &str) -> Result<Vec<u32>, EmbedError> {
        let mut pieces = self.word_pieces(text)?;
        pieces.truncate(self.max_seq_len - 2);
        let mut ids = Vec::with_capacity(pieces.len() + 2);
        ids.push(self.cls);
        ids.extend(pieces);
        ids.push(self.sep);
        Ok(ids)
    }

    /// Embeds many texts (documents): sorted by length, batched, unit vectors,
    /// in the same order as the input.
    pub fn embed_batch(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let inputs = texts
            .iter()
            .map(|t| self.model_input(t))
            .collect::<Result<Vec<_>, _>>()?;
        let mut order: Vec<usize> = (0..inputs.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(inputs[i].len()));

        let mut out = vec![Vec::new(); inputs.len()];
        let mut scratch = self.scratch.lock().unwrap_or_else(PoisonError::into_inner);
        let mut rest = &order[..];
        while !rest.is_empty() {
            // Take sequences until the token budget is used (at least one).
            let mut tokens = 0;
            let n = rest
                .iter()
                .take_while(|&&i| {
                    tokens += inputs[i].len();
                    tokens <= BATCH_TOKENS
                })
                .count()
                .max(1);
            let (batch, tail) = rest.split_at(n);
            let seqs: Vec<&[u32]> = batch.iter().map(|&i| inputs[i].as_slice()).collect();
            for (&i, v) in batch
                .iter()
                .zip(bert::embed(&self.weights, &seqs, &mut scratch)?)
            {
                out[i] = v;
            }
            rest = tail;
        }
        Ok(out)
    }

    /// Embeds one query, through the LRU cache.
    pub fn embed_query(&self, text: &str) -> Result<Arc<Vec<f32>>, EmbedError> {
        if let Some(v) = self.cache.get(text) {
            return Ok(v);
        }
        let v = Arc::new(self.embed_batch(&[text])?.pop().unwrap_or_default());
        self.cache.put(text, Arc::clone(&v));
        Ok(v)
    }
}
