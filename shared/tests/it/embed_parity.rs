//! Parity of the in-process embedder with sentence-transformers, on the
//! reference vectors in `tests/fixtures/minilm-reference.json`.
//!
//! Needs the model (installed by `scripts/setup.sh`); fails, never skips, without it.

use std::sync::OnceLock;

use frontdesk_embed::local::{default_model_dir, LocalEmbedder};
use serde::Deserialize;

const REFERENCE: &str = include_str!("../fixtures/minilm-reference.json");

#[derive(Deserialize)]
struct Reference {
    dim: usize,
    max_seq_length: usize,
    items: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    text: String,
    /// Tokens after truncation, including `[CLS]` and `[SEP]`.
    n_tokens: usize,
    embedding: Vec<f32>,
}

fn reference() -> Reference {
    serde_json::from_str(REFERENCE).expect("tests/fixtures/minilm-reference.json parses")
}

fn embedder() -> &'static LocalEmbedder {
    static EMB: OnceLock<LocalEmbedder> = OnceLock::new();
    EMB.get_or_init(|| {
        let dir = default_model_dir();
        LocalEmbedder::load(&dir).unwrap_or_else(|e| {
            panic!(
                "cannot load the embedding model from {}: {e}\n\
                 run `scripts/setup.sh` to install it (or set FRONTDESK_MODEL_DIR)",
                dir.display()
            )
        })
    })
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (na * nb)
}

#[test]
fn matches_sentence_transformers() {
    let emb = embedder();
    let r = reference();
    assert_eq!(emb.dimension(), r.dim);
    assert_eq!(emb.max_seq_len(), r.max_seq_length);
    assert_eq!(emb.model_name(), "all-MiniLM-L6-v2");
    let texts: Vec<&str> = r.items.iter().map(|i| i.text.as_str()).collect();
    let got = emb.embed_batch(&texts).expect("embed_batch");
    let mut min = f32::INFINITY;
    for (item, v) in r.items.iter().zip(&got) {
        let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "not a unit vector: {norm}");
        let c = cosine(v, &item.embedding);
        min = min.min(c);
        assert!(c >= 0.999, "cosine {c} for {:?}", item.text);
    }
    println!("min parity cosine over {} items: {min:.7}", r.items.len());
}

#[test]
fn token_counts_match_reference() {
    let emb = embedder();
    for item in reference().items {
        let pieces = emb.count_tokens(&item.text).expect("count_tokens");
        let truncated = (pieces + 2).min(emb.max_seq_len());
        assert_eq!(truncated, item.n_tokens, "token count of {:?}", item.text);
    }
}

#[test]
fn batch_equals_single() {
    let emb = embedder();
    let r = reference();
    // Mixed lengths, short and long interleaved, with a duplicate.
    let texts: Vec<&str> = r
        .items
        .iter()
        .rev()
        .map(|i| i.text.as_str())
        .chain(["Where is my order?"])
        .collect();
    let batch = emb.embed_batch(&texts).expect("embed_batch");
    assert_eq!(batch.len(), texts.len());
    for (text, b) in texts.iter().zip(&batch) {
        let single = emb.embed_batch(&[text]).expect("embed_batch single");
        let c = cosine(b, &single[0]);
        assert!(c > 0.9999, "batch vs single cosine {c} for {text:?}");
    }
}

#[test]
fn empty_inputs_work() {
    let emb = embedder();
    assert!(emb.embed_batch(&[]).expect("empty batch").is_empty());
    let v = emb.embed_batch(&[""]).expect("empty text");
    assert_eq!(v[0].len(), 384);
    assert_eq!(emb.count_tokens("").expect("count"), 0);
    let long = "word ".repeat(2000);
    assert_eq!(emb.embed_batch(&[&long]).expect("long text")[0].len(), 384);
}

#[test]
fn query_cache_returns_same_vector() {
    let emb = embedder();
    let a = emb.embed_query("How do I return a kettle?").expect("query");
    let b = emb.embed_query("How do I return a kettle?").expect("query");
    assert!(
        std::sync::Arc::ptr_eq(&a, &b),
        "second call should hit the cache"
    );
    let fresh = emb
        .embed_batch(&["How do I return a kettle?"])
        .expect("batch");
    assert!(cosine(&a, &fresh[0]) > 0.9999);
}

#[test]
fn embedder_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<LocalEmbedder>();
}

#[test]
fn missing_model_names_the_file() {
    let dir = std::env::temp_dir().join("frontdesk-no-such-model");
    let err = LocalEmbedder::load(&dir)
        .expect_err("load must fail")
        .to_string();
    assert!(err.contains("config.json"), "{err}");
}

#[tokio::test]
async fn passages_are_embedded_once_and_match_documents() {
    let embedder = crate::support::embedder();
    let texts: Vec<String> = [
        "Refunds take 5 days.",
        "How long do refunds take?",
        "Refunds take 5 days.",
    ]
    .map(String::from)
    .to_vec();
    let passages = embedder.embed_passages(&texts).await.unwrap();
    let documents = embedder.embed_documents(texts.clone()).await.unwrap();
    for (p, d) in passages.iter().zip(&documents) {
        let cos: f32 = p.iter().zip(d).map(|(a, b)| a * b).sum();
        assert!(cos > 0.9999, "same vector as embed_documents: {cos}");
    }
    assert!(
        std::sync::Arc::ptr_eq(&passages[0], &passages[2]),
        "a repeated text is embedded once"
    );
    let again = embedder.embed_passages(&texts[..1]).await.unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&again[0], &passages[0]),
        "from the passage cache"
    );
}
