//! `bench embed`: single-query latency and chunk throughput of the embedder.

use std::time::Instant;

use serde::Serialize;

use super::metrics::percentile;
use frontdesk_embed::{EmbedError, Embedder};

#[derive(Debug, Clone, Serialize)]
pub struct EmbedReport {
    pub model: String,
    pub query_runs: usize,
    pub query_p50_ms: f64,
    pub query_p95_ms: f64,
    pub chunk_tokens: usize,
    pub chunks: usize,
    pub batch_size: usize,
    pub chunks_per_second: f64,
}

/// Short customer questions, each made unique per run so the query cache never hits.
const QUERIES: [&str; 5] = [
    "how long do I have to send back a kettle",
    "where is my order",
    "do you ship to the UK",
    "my grinder arrived broken what now",
    "can I pay with PayPal",
];

/// A paragraph of help-centre prose, repeated to fill a chunk.
const PROSE: &str = "Our returns policy gives you thirty days from delivery to send back any item in \
its original condition. Small appliances such as kettles, grinders and toasters must be returned with \
all accessories and the original packaging where possible. Once the parcel reaches our warehouse we \
inspect it and refund the original payment method within five business days. ";

pub async fn run(
    embedder: &Embedder,
    query_runs: usize,
    chunks: usize,
    batch_size: usize,
) -> Result<EmbedReport, EmbedError> {
    // warm up: first calls pay for page faults and thread start-up
    embedder.embed_query("warm up").await?;
    let mut latencies = Vec::with_capacity(query_runs);
    for i in 0..query_runs {
        let query = format!("{} {i}", QUERIES[i % QUERIES.len()]);
        let started = Instant::now();
        embedder.embed_query(&query).await?;
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    latencies.sort_by(f64::total_cmp);

    let chunk = full_chunk(embedder)?;
    let chunk_tokens = embedder
        .tokenizer()
        .encode(chunk.as_str(), true)
        .map(|e| e.len())
        .map_err(|e| EmbedError::Tokenizer(e.to_string()))?;
    let texts: Vec<String> = (0..chunks).map(|i| format!("{i} {chunk}")).collect();
    let started = Instant::now();
    for batch in texts.chunks(batch_size.max(1)) {
        embedder.embed_documents(batch.to_vec()).await?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    Ok(EmbedReport {
        model: embedder.model_name(),
        query_runs,
        query_p50_ms: percentile(&latencies, 50.0),
        query_p95_ms: percentile(&latencies, 95.0),
        chunk_tokens,
        chunks,
        batch_size,
        chunks_per_second: chunks as f64 / elapsed,
    })
}

/// Prose cut to two tokens under the model's limit (254 word pieces + the 2 specials).
fn full_chunk(embedder: &Embedder) -> Result<String, EmbedError> {
    let text = PROSE.repeat(8);
    let encoding = embedder
        .tokenizer()
        .encode(text.as_str(), false)
        .map_err(|e| EmbedError::Tokenizer(e.to_string()))?;
    let keep = embedder.max_seq_len().saturating_sub(4);
    let end = encoding
        .get_offsets()
        .get(keep.saturating_sub(1))
        .map(|o| o.1)
        .unwrap_or(text.len());
    Ok(text[..end].to_string())
}
