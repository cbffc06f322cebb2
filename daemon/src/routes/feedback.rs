//! `POST /api/agent/feedback`: thumbs up or down on one of the bot's answers.

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use frontdesk::feedback::FeedbackError;
use frontdesk_api::widget::{FeedbackRequest, FeedbackResponse};
use frontdesk_api::ErrorBody;

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, SessionCaller};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/agent/feedback", post(post_feedback))
}

/// Rates an answer; a second rating of the same answer replaces the first.
#[utoipa::path(post, path = "/api/agent/feedback", tag = "widget",
    request_body = FeedbackRequest,
    params(("X-Frontdesk-Client" = String, Header, description = "any value, e.g. `widget` (CSRF defence)")),
    responses(
        (status = 200, description = "stored", body = FeedbackResponse),
        (status = 400, description = "bad body", body = ErrorBody),
        (status = 401, description = "no, an invalid or an expired session token", body = ErrorBody),
        (status = 403, description = "CSRF check failed", body = ErrorBody),
        (status = 404, description = "no such thread or answer for this session", body = ErrorBody),
        (status = 413, description = "body too large", body = ErrorBody),
        (status = 415, description = "not JSON", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("session" = [])))]
pub async fn post_feedback(
    State(state): State<AppState>,
    caller: SessionCaller,
    ApiJson(request): ApiJson<FeedbackRequest>,
) -> ApiResult<Json<FeedbackResponse>> {
    frontdesk::threads::for_session(&state.pool, request.thread_id, Some(&caller.session.id))
        .await?
        .ok_or_else(ApiError::thread_not_found)?;
    let id = frontdesk::feedback::rate(
        &state.pool,
        request.thread_id,
        request.message_id,
        request.rating.as_str(),
        &request.tags,
        request.comment.as_deref(),
    )
    .await
    .map_err(|e| match e {
        FeedbackError::NoSuchMessage => ApiError::new(
            axum::http::StatusCode::NOT_FOUND,
            "message_not_found",
            "no such answer in this thread",
        ),
        FeedbackError::Invalid(m) => ApiError::bad_request("invalid_request", m),
        FeedbackError::Db(e) => ApiError::from(e),
    })?;
    Ok(Json(FeedbackResponse {
        id,
        message_id: request.message_id,
        rating: request.rating,
    }))
}
