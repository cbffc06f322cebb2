//! Operations: `/healthz` (the process is up), `/readyz` (each dependency checked and
//! reported), `/metrics` (Prometheus text format).

use std::time::Instant;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    pub status: String,
    pub version: String,
}

/// The process is up and serving.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "up", body = Health)))]
pub async fn healthz() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Check {
    pub ok: bool,
    pub detail: String,
    pub latency_ms: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Checks {
    pub postgres: Check,
    pub redis: Check,
    pub embedding: Check,
    pub knowledge_base: Check,
    pub llm: Check,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Readiness {
    /// `ready`, `degraded` (serving, but the knowledge base is unusable) or `unavailable`.
    pub status: String,
    pub checks: Checks,
}

async fn timed<F, T, E>(f: F) -> (Result<T, E>, u64)
where
    F: std::future::Future<Output = Result<T, E>>,
{
    let started = Instant::now();
    let r = f.await;
    (r, started.elapsed().as_millis() as u64)
}

/// Whether agentd can serve: Postgres and Redis reachable, the embedding model loaded,
/// the knowledge base fresh, and which LLM providers are configured (with the outcome
/// of each one's latest call).
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses(
        (status = 200, description = "ready or degraded", body = Readiness),
        (status = 503, description = "a required dependency is down", body = Readiness)))]
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let (pg, pg_ms) = timed(sqlx::query_scalar::<_, i32>("SELECT 1").fetch_one(&state.pool)).await;
    let mut redis = state.redis.clone();
    let (ping, redis_ms) = timed(redis::cmd("PING").query_async::<String>(&mut redis)).await;
    let kb = state.agent.tools().kb_unavailable().await;
    let (llm_ok, llm_detail) = llm_status(&state).await;
    let checks = Checks {
        postgres: Check {
            ok: pg.is_ok(),
            detail: pg
                .map(|_| "reachable".to_string())
                .unwrap_or_else(|e| e.to_string()),
            latency_ms: pg_ms,
        },
        redis: Check {
            ok: ping.is_ok(),
            detail: ping
                .map(|_| "reachable".to_string())
                .unwrap_or_else(|e| e.to_string()),
            latency_ms: redis_ms,
        },
        embedding: Check {
            ok: true,
            detail: format!(
                "{} loaded ({} dimensions)",
                state.embedder.model_name(),
                state.embedder.dimension()
            ),
            latency_ms: 0,
        },
        knowledge_base: Check {
            ok: kb.is_none(),
            detail: kb.unwrap_or_else(|| "fresh".into()),
            latency_ms: 0,
        },
        llm: Check {
            ok: llm_ok,
            detail: llm_detail,
            latency_ms: 0,
        },
    };
    let required = checks.postgres.ok && checks.redis.ok && checks.embedding.ok;
    let status = if !required {
        "unavailable"
    } else if !checks.knowledge_base.ok {
        "degraded"
    } else {
        "ready"
    };
    let code = if required {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        code,
        Json(Readiness {
            status: status.into(),
            checks,
        }),
    )
}

/// The configured chain, each remote provider with its latest call's outcome. The
/// offline brain is always there, so answering never depends on a remote model.
async fn llm_status(state: &AppState) -> (bool, String) {
    let chain = state.agent.brains().describe();
    let recent: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT DISTINCT ON (provider, model) provider, model, outcome FROM llm_calls
         WHERE provider <> 'offline' AND created_at > now() - interval '15 minutes'
         ORDER BY provider, model, created_at DESC",
    )
    .fetch_all(&state.pool)
    .await
    .unwrap_or_default();
    let parts: Vec<String> = chain
        .iter()
        .map(|name| {
            let last = recent
                .iter()
                .find(|(p, m, _)| format!("{p}:{m}") == *name)
                .map(|(_, _, o)| format!(" (last call: {o})"))
                .unwrap_or_default();
            format!("{name}{last}")
        })
        .collect();
    let failing = recent.iter().any(|(_, _, o)| o != "ok");
    (!failing, parts.join(" → "))
}

/// Prometheus metrics.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus text format", body = String, content_type = "text/plain")))]
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
}
