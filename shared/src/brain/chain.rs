//! The fallback chain: primary model → fallback model → offline brain. Each call is
//! recorded in `llm_calls` (provider, model, prompt version, tokens, latency, cost,
//! outcome); a provider that fails or times out hands the same request to the next.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sqlx::PgPool;
use uuid::Uuid;

use super::{Brain, BrainError, BrainReply, BrainRequest};
use crate::config::ModelPrice;

/// One attempt, for the turn's trace.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BrainAttempt {
    pub provider: String,
    pub model: String,
    pub purpose: &'static str,
    pub outcome: String,
    pub latency_ms: u64,
    pub tokens_in: u32,
    pub tokens_out: u32,
    pub cost_usd: f64,
}

pub struct BrainChain {
    brains: Vec<Arc<dyn Brain>>,
    prices: BTreeMap<String, ModelPrice>,
    pool: PgPool,
}

impl std::fmt::Debug for BrainChain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<String> = self
            .brains
            .iter()
            .map(|b| format!("{}:{}", b.provider(), b.model()))
            .collect();
        f.debug_struct("BrainChain")
            .field("brains", &names)
            .finish()
    }
}

/// A reply with the chain position that produced it.
#[derive(Debug, Clone)]
pub struct ChainReply {
    pub reply: BrainReply,
    pub provider: String,
    /// 0 = primary; larger = a fallback answered.
    pub position: usize,
}

impl BrainChain {
    /// `brains` in order of preference; the last one should be the offline brain.
    pub fn new(
        brains: Vec<Arc<dyn Brain>>,
        prices: BTreeMap<String, ModelPrice>,
        pool: PgPool,
    ) -> Self {
        Self {
            brains,
            prices,
            pool,
        }
    }

    pub fn describe(&self) -> Vec<String> {
        self.brains
            .iter()
            .map(|b| format!("{}:{}", b.provider(), b.model()))
            .collect()
    }

    /// True when a remote model is configured ahead of the offline brain.
    pub fn has_remote(&self) -> bool {
        self.brains.len() > 1
    }

    /// Asks only the last brain of the chain (the offline brain): the deterministic,
    /// extractive drafter the guardrails fall back to.
    pub async fn complete_last(
        &self,
        thread_id: Uuid,
        request: &BrainRequest<'_>,
        attempts: &mut Vec<BrainAttempt>,
    ) -> Result<ChainReply, BrainError> {
        let last = BrainChain {
            brains: self.brains.last().cloned().into_iter().collect(),
            prices: BTreeMap::new(),
            pool: self.pool.clone(),
        };
        let reply = last
            .complete(thread_id, request, Instant::now(), attempts)
            .await?;
        Ok(ChainReply {
            position: self.brains.len().saturating_sub(1),
            ..reply
        })
    }

    /// Asks each brain in turn until one answers. `deadline` bounds the whole chain;
    /// the last brain always gets a chance (the offline brain needs milliseconds).
    pub async fn complete(
        &self,
        thread_id: Uuid,
        request: &BrainRequest<'_>,
        deadline: Instant,
        attempts: &mut Vec<BrainAttempt>,
    ) -> Result<ChainReply, BrainError> {
        let mut last_error = BrainError::Transport("no brain configured".into());
        for (position, brain) in self.brains.iter().enumerate() {
            let is_last = position + 1 == self.brains.len();
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() && !is_last {
                continue;
            }
            let timeout = if is_last {
                request.timeout.max(Duration::from_millis(500))
            } else {
                request.timeout.min(left)
            };
            if position > 0 {
                // what an earlier, failed model streamed is void
                if let Some(sink) = request.stream {
                    sink.restart();
                }
            }
            let (result, attempt) = self.attempt(brain.as_ref(), request, timeout).await;
            if let Err(error) =
                record(&self.pool, thread_id, request.prompt_version, &attempt).await
            {
                tracing::warn!(%error, "could not record llm call");
            }
            count(&attempt);
            attempts.push(attempt);
            match result {
                Ok(reply) => {
                    return Ok(ChainReply {
                        reply,
                        provider: brain.provider().to_string(),
                        position,
                    })
                }
                Err(error) => {
                    tracing::warn!(provider = brain.provider(), model = brain.model(), %error, "brain failed; trying the next");
                    last_error = error;
                }
            }
        }
        Err(last_error)
    }

    /// One brain's answer under `timeout`, and the attempt as recorded.
    async fn attempt(
        &self,
        brain: &dyn Brain,
        request: &BrainRequest<'_>,
        timeout: Duration,
    ) -> (Result<BrainReply, BrainError>, BrainAttempt) {
        let req = BrainRequest {
            timeout,
            ..request.clone()
        };
        let started = Instant::now();
        let result = match tokio::time::timeout(timeout, brain.complete(&req)).await {
            Ok(r) => r,
            Err(_) => Err(BrainError::Timeout(timeout)),
        };
        let latency_ms = started.elapsed().as_millis() as u64;
        let (outcome, usage, model) = match &result {
            Ok(r) if !r.model.is_empty() => ("ok".to_string(), r.usage, r.model.clone()),
            Ok(r) => ("ok".to_string(), r.usage, brain.model().to_string()),
            Err(e) => (
                e.outcome().to_string(),
                Default::default(),
                brain.model().to_string(),
            ),
        };
        let cost = if brain.provider() == super::offline::PROVIDER {
            0.0
        } else {
            super::cost_usd(&self.prices, &model, usage)
        };
        let attempt = BrainAttempt {
            provider: brain.provider().to_string(),
            model,
            purpose: request.purpose.as_str(),
            outcome,
            latency_ms,
            tokens_in: usage.tokens_in,
            tokens_out: usage.tokens_out,
            cost_usd: cost,
        };
        (result, attempt)
    }
}

/// The attempt in the Prometheus counters: calls, tokens in and out, dollars.
fn count(attempt: &BrainAttempt) {
    let provider = ("provider", attempt.provider.clone());
    let model = ("model", attempt.model.clone());
    let outcome = ("outcome", attempt.outcome.clone());
    metrics::counter!(
        "frontdesk_llm_calls_total",
        &[provider.clone(), model.clone(), outcome]
    )
    .increment(1);
    for (direction, tokens) in [("in", attempt.tokens_in), ("out", attempt.tokens_out)] {
        let labels = [
            provider.clone(),
            model.clone(),
            ("direction", direction.to_string()),
        ];
        metrics::counter!("frontdesk_llm_tokens_total", &labels).increment(u64::from(tokens));
    }
    // the counter takes whole units: micro-dollars, converted back when rendered
    metrics::counter!("frontdesk_llm_cost_microusd_total", &[provider, model])
        .increment((attempt.cost_usd * 1e6).round() as u64);
}

async fn record(
    pool: &PgPool,
    thread_id: Uuid,
    prompt_version: &str,
    a: &BrainAttempt,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO llm_calls (id, thread_id, provider, model, prompt_version, purpose, tokens_in, tokens_out, cost_usd, latency_ms, outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::float8::numeric, $10, $11)",
    )
    .bind(Uuid::now_v7())
    .bind(thread_id)
    .bind(&a.provider)
    .bind(&a.model)
    .bind(prompt_version)
    .bind(a.purpose)
    .bind(a.tokens_in as i32)
    .bind(a.tokens_out as i32)
    .bind(a.cost_usd)
    .bind(a.latency_ms.min(i32::MAX as u64) as i32)
    .bind(&a.outcome)
    .execute(pool)
    .await?;
    Ok(())
}
