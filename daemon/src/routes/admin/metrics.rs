//! `GET /admin/agent/metrics`: the figures an operator asks first, from Postgres.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use frontdesk::config::Role;
use frontdesk_api::admin::MetricsSummary;
use frontdesk_api::ErrorBody;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::ApiResult;
use crate::extract::{ApiQuery, OperatorCaller};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/agent/metrics", get(metrics_summary))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct WindowQuery {
    /// Hours to look back (default 24, at most 720).
    #[param(minimum = 1, maximum = 720)]
    pub hours: Option<u32>,
}

/// Turns, outcomes, latency, tool errors, LLM tokens and cost, feedback, tickets.
#[utoipa::path(get, path = "/admin/agent/metrics", tag = "admin",
    params(WindowQuery),
    responses(
        (status = 200, description = "the summary", body = MetricsSummary),
        (status = 400, description = "bad query", body = ErrorBody),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn metrics_summary(
    State(state): State<AppState>,
    op: OperatorCaller,
    ApiQuery(q): ApiQuery<WindowQuery>,
) -> ApiResult<Json<MetricsSummary>> {
    op.require(Role::Viewer)?;
    let hours = crate::extract::in_range("hours", q.hours, 24, 1, 720)?;
    Ok(Json(frontdesk::metrics::summary(&state.pool, hours).await?))
}
