//! One pass of the webhook worker: dispatch new outbox events to the configured
//! receivers, then send the deliveries that are due.

use std::time::{Duration, Instant};

use chrono::Utc;
use sqlx::PgPool;
use uuid::Uuid;

use super::sign::signature_header;
use crate::config::{WebhookEndpoint, WebhookFormat, WebhooksConfig};

/// How long a worker holds a delivery while sending it; past it another worker may retry.
const LEASE_SECS: i64 = 60;
/// Longest response body kept as the error of a failed attempt.
const ERROR_EXCERPT: usize = 300;

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WorkerReport {
    pub dispatched: usize,
    pub delivered: usize,
    pub retried: usize,
    pub failed: usize,
}

#[derive(Clone)]
pub struct Worker {
    pool: PgPool,
    config: WebhooksConfig,
    http: reqwest::Client,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field(
                "endpoints",
                &self.config.endpoints.keys().collect::<Vec<_>>(),
            )
            .finish()
    }
}

#[derive(sqlx::FromRow)]
struct Due {
    id: Uuid,
    endpoint: String,
    url: String,
    event: String,
    attempts: i32,
    payload: serde_json::Value,
    created_at: chrono::DateTime<Utc>,
}

impl Worker {
    pub fn new(pool: PgPool, config: WebhooksConfig) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(config.timeout_ms.max(100)))
            .user_agent(concat!("frontdesk-agentd/", env!("CARGO_PKG_VERSION")))
            .build()
            .expect("the HTTP client builds");
        Self { pool, config, http }
    }

    /// Runs passes every `poll_interval_ms` until `shutdown` resolves.
    pub async fn run(&self, shutdown: impl std::future::Future<Output = ()>) {
        let mut shutdown = std::pin::pin!(shutdown);
        let every = Duration::from_millis(self.config.poll_interval_ms.max(50));
        loop {
            match self.run_once().await {
                Ok(r) if r != WorkerReport::default() => tracing::info!(
                    dispatched = r.dispatched,
                    delivered = r.delivered,
                    retried = r.retried,
                    failed = r.failed,
                    "webhook pass"
                ),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "webhook pass failed"),
            }
            tokio::select! {
                _ = &mut shutdown => return,
                _ = tokio::time::sleep(every) => {}
            }
        }
    }

    pub async fn run_once(&self) -> Result<WorkerReport, sqlx::Error> {
        let mut report = WorkerReport {
            dispatched: self.dispatch().await?,
            ..Default::default()
        };
        for due in self.claim_due().await? {
            match self.send(&due).await? {
                Sent::Delivered => report.delivered += 1,
                Sent::Retry => report.retried += 1,
                Sent::Failed => report.failed += 1,
            }
        }
        Ok(report)
    }

    /// Turns undispatched outbox events into deliveries, one per subscribed receiver.
    async fn dispatch(&self) -> Result<usize, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let events: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, event FROM outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT 100
             FOR UPDATE SKIP LOCKED",
        )
        .fetch_all(&mut *tx)
        .await?;
        let mut created = 0;
        for (outbox_id, event) in &events {
            for (name, endpoint) in &self.config.endpoints {
                let subscribed =
                    endpoint.events.is_empty() || endpoint.events.iter().any(|e| e == event);
                if !subscribed || endpoint.url.is_empty() {
                    continue;
                }
                created += sqlx::query(
                    "INSERT INTO webhook_deliveries (id, outbox_id, endpoint, url, event)
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (outbox_id, endpoint) DO NOTHING",
                )
                .bind(Uuid::now_v7())
                .bind(outbox_id)
                .bind(name)
                .bind(&endpoint.url)
                .bind(event)
                .execute(&mut *tx)
                .await?
                .rows_affected() as usize;
            }
            sqlx::query("UPDATE outbox SET dispatched_at = now() WHERE id = $1")
                .bind(outbox_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(created)
    }

    async fn claim_due(&self) -> Result<Vec<Due>, sqlx::Error> {
        sqlx::query_as(
            "WITH due AS (
                SELECT id FROM webhook_deliveries
                WHERE status = 'pending' AND next_attempt_at <= now()
                  AND (lease_until IS NULL OR lease_until < now())
                ORDER BY next_attempt_at LIMIT 20
                FOR UPDATE SKIP LOCKED)
             UPDATE webhook_deliveries d SET lease_until = now() + make_interval(secs => $1)
             FROM due, outbox o
             WHERE d.id = due.id AND o.id = d.outbox_id
             RETURNING d.id, d.endpoint, d.url, d.event, d.attempts, o.payload, o.created_at",
        )
        .bind(LEASE_SECS as f64)
        .fetch_all(&self.pool)
        .await
    }

    async fn send(&self, due: &Due) -> Result<Sent, sqlx::Error> {
        let attempt = due.attempts + 1;
        let Some(endpoint) = self.config.endpoints.get(&due.endpoint) else {
            // the receiver was removed from the configuration since: stop trying
            self.finish(
                due,
                attempt,
                None,
                Some("receiver no longer configured"),
                0,
                Sent::Failed,
            )
            .await?;
            return Ok(Sent::Failed);
        };
        let request = self.request(due, endpoint);
        let started = Instant::now();
        let result = request
            .header("Content-Type", "application/json")
            .send()
            .await;
        let latency_ms = started.elapsed().as_millis() as i32;
        let (status, error) = match result {
            Ok(r) if r.status().is_success() => (Some(r.status().as_u16() as i32), None),
            Ok(r) => {
                let status = r.status().as_u16() as i32;
                let text: String = r
                    .text()
                    .await
                    .unwrap_or_default()
                    .chars()
                    .take(ERROR_EXCERPT)
                    .collect();
                (Some(status), Some(format!("HTTP {status}: {text}")))
            }
            Err(e) => (
                None,
                Some(if e.is_timeout() {
                    "timed out".into()
                } else {
                    format!("{e}")
                }),
            ),
        };
        let outcome = if error.is_none() {
            Sent::Delivered
        } else if attempt as u32 >= self.config.max_attempts.max(1) {
            Sent::Failed
        } else {
            Sent::Retry
        };
        metrics::counter!("frontdesk_webhook_deliveries_total", "outcome" => outcome.status())
            .increment(1);
        if let Some(e) = &error {
            tracing::warn!(endpoint = %due.endpoint, delivery = %due.id, attempt, error = %e, "webhook delivery failed");
        }
        self.finish(due, attempt, status, error.as_deref(), latency_ms, outcome)
            .await?;
        Ok(outcome)
    }

    /// The delivery as its receiver expects it: signed Frontdesk JSON, or a Slack message.
    fn request(&self, due: &Due, endpoint: &WebhookEndpoint) -> reqwest::RequestBuilder {
        match endpoint.format {
            WebhookFormat::Frontdesk => {
                let body = serde_json::json!({
                    "id": due.id,
                    "event": due.event,
                    "created_at": due.created_at,
                    "data": due.payload,
                })
                .to_string();
                let signature = signature_header(
                    endpoint.secret.expose(),
                    Utc::now().timestamp(),
                    body.as_bytes(),
                );
                self.http
                    .post(&due.url)
                    .header("X-Frontdesk-Event", &due.event)
                    .header("X-Frontdesk-Delivery", due.id.to_string())
                    .header("X-Frontdesk-Signature", signature)
                    .header("X-Frontdesk-Key-Id", &endpoint.key_id)
                    .body(body)
            }
            WebhookFormat::Slack => {
                let text = super::slack::text(&due.event, &due.payload);
                self.http
                    .post(&due.url)
                    .body(serde_json::json!({ "text": text }).to_string())
            }
        }
    }

    async fn finish(
        &self,
        due: &Due,
        attempt: i32,
        status: Option<i32>,
        error: Option<&str>,
        latency_ms: i32,
        outcome: Sent,
    ) -> Result<(), sqlx::Error> {
        let backoff = backoff_secs(&self.config, attempt as u32);
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO webhook_attempts (delivery_id, attempt, http_status, error, latency_ms)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(due.id)
        .bind(attempt)
        .bind(status)
        .bind(error)
        .bind(latency_ms)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE webhook_deliveries SET attempts = $2, last_status = $3, last_error = $4,
                lease_until = NULL,
                status = $5,
                delivered_at = CASE WHEN $5 = 'delivered' THEN now() END,
                next_attempt_at = now() + make_interval(secs => $6)
             WHERE id = $1",
        )
        .bind(due.id)
        .bind(attempt)
        .bind(status)
        .bind(error)
        .bind(outcome.status())
        .bind(backoff as f64)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sent {
    Delivered,
    Retry,
    Failed,
}

impl Sent {
    fn status(self) -> &'static str {
        match self {
            Self::Delivered => "delivered",
            Self::Retry => "pending",
            Self::Failed => "failed",
        }
    }
}

/// Delay before the attempt after `attempt`: initial, doubled each time, capped.
fn backoff_secs(config: &WebhooksConfig, attempt: u32) -> u64 {
    let base = config.initial_backoff_secs.max(1);
    frontdesk_api::Backoff::new(
        std::time::Duration::from_secs(base),
        std::time::Duration::from_secs(config.max_backoff_secs),
    )
    .delay(attempt)
    .as_secs()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let c = WebhooksConfig {
            initial_backoff_secs: 5,
            max_backoff_secs: 60,
            ..Default::default()
        };
        let got: Vec<u64> = (1..=6).map(|a| backoff_secs(&c, a)).collect();
        assert_eq!(got, [5, 10, 20, 40, 60, 60]);
    }
}
