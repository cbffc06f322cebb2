//! The knowledge base over the admin API: status, and ingests run in the background.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use frontdesk::config::Role;
use frontdesk::kb::status::KbStatus;
use frontdesk_api::admin::{IngestJob, IngestRequest};
use frontdesk_api::ErrorBody;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, OperatorCaller};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/agent/kb", get(kb_status))
        .route("/admin/agent/kb/ingest", post(start_ingest))
        .route("/admin/agent/kb/ingest/{job_id}", get(get_ingest_job))
}

/// Documents, chunks, model, freshness and per-channel counts.
#[utoipa::path(get, path = "/admin/agent/kb", tag = "admin",
    responses(
        (status = 200, description = "knowledge-base status", body = KbStatus),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn kb_status(
    State(state): State<AppState>,
    op: OperatorCaller,
) -> ApiResult<Json<KbStatus>> {
    op.require(Role::Viewer)?;
    let status = frontdesk::kb::status::status(
        &state.pool,
        &state.embedder.model_name(),
        state.config.retrieval.stale_after_days,
    )
    .await?;
    Ok(Json(status))
}

/// Starts an ingest of files or folders on the agentd host, or of a WordPress site.
#[utoipa::path(post, path = "/admin/agent/kb/ingest", tag = "admin",
    request_body = IngestRequest,
    responses(
        (status = 202, description = "started; poll the job", body = IngestJob),
        (status = 400, description = "bad body, or nothing to ingest", body = ErrorBody),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody),
        (status = 413, description = "body too large", body = ErrorBody),
        (status = 415, description = "not JSON", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn start_ingest(
    State(state): State<AppState>,
    op: OperatorCaller,
    ApiJson(request): ApiJson<IngestRequest>,
) -> ApiResult<(StatusCode, Json<IngestJob>)> {
    op.require(Role::Admin)?;
    if request.paths.is_empty() && request.wordpress.is_none() {
        return Err(ApiError::bad_request(
            "invalid_request",
            "name at least one of paths or wordpress",
        ));
    }
    if let Some(site) = &request.wordpress {
        if !(site.starts_with("https://") || site.starts_with("http://")) {
            return Err(ApiError::bad_request(
                "invalid_request",
                "wordpress must be an http(s) URL",
            ));
        }
    }
    if let Some(missing) = request
        .paths
        .iter()
        .find(|p| !std::path::Path::new(p).exists())
    {
        return Err(ApiError::bad_request(
            "invalid_request",
            format!("paths: {missing} does not exist on the agentd host"),
        ));
    }
    tracing::info!(operator = %op.0.name, paths = ?request.paths, wordpress = ?request.wordpress, "ingest requested");
    let job = state
        .jobs
        .start_ingest(
            &state.tasks,
            &state.config,
            state.pool.clone(),
            state.embedder.clone(),
            request,
        )
        .await?;
    Ok((StatusCode::ACCEPTED, Json(job)))
}

/// An ingest job's state and, once done, its summary.
#[utoipa::path(get, path = "/admin/agent/kb/ingest/{job_id}", tag = "admin",
    params(("job_id" = Uuid, Path, description = "the job id from POST /admin/agent/kb/ingest")),
    responses(
        (status = 200, description = "the job", body = IngestJob),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody),
        (status = 404, description = "no such job (or older than a day)", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn get_ingest_job(
    State(state): State<AppState>,
    op: OperatorCaller,
    Path(job_id): Path<String>,
) -> ApiResult<Json<IngestJob>> {
    op.require(Role::Viewer)?;
    let not_found = || ApiError::new(StatusCode::NOT_FOUND, "job_not_found", "no such ingest job");
    let id: Uuid = job_id.parse().map_err(|_| not_found())?;
    state.jobs.get(id).await?.map(Json).ok_or_else(not_found)
}
