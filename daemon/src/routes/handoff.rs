//! `POST /api/agent/handoff`: the widget's "talk to a human" button.

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use frontdesk::handoff::Actor;
use frontdesk_api::widget::{HandoffRequest, HandoffResponse};
use frontdesk_api::ErrorBody;

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, SessionCaller};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/agent/handoff", post(request_handoff))
}

/// Longest reason kept, in characters.
const MAX_REASON: usize = 500;

/// Asks for a person to take over the conversation.
#[utoipa::path(post, path = "/api/agent/handoff", tag = "widget",
    request_body = HandoffRequest,
    params(("X-Frontdesk-Client" = String, Header, description = "any value, e.g. `widget` (CSRF defence)")),
    responses(
        (status = 200, description = "queued (or already with a person)", body = HandoffResponse),
        (status = 400, description = "bad body", body = ErrorBody),
        (status = 401, description = "no, an invalid or an expired session token", body = ErrorBody),
        (status = 403, description = "CSRF check failed", body = ErrorBody),
        (status = 404, description = "no such thread for this session", body = ErrorBody),
        (status = 413, description = "body too large", body = ErrorBody),
        (status = 415, description = "not JSON", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("session" = [])))]
pub async fn request_handoff(
    State(state): State<AppState>,
    caller: SessionCaller,
    ApiJson(request): ApiJson<HandoffRequest>,
) -> ApiResult<Json<HandoffResponse>> {
    let thread =
        frontdesk::threads::for_session(&state.pool, request.thread_id, Some(&caller.session.id))
            .await?
            .ok_or_else(ApiError::thread_not_found)?;
    let reason = request
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .unwrap_or("the customer asked for a person");
    if reason.chars().count() > MAX_REASON {
        return Err(ApiError::bad_request(
            "invalid_request",
            format!("reason: at most {MAX_REASON} characters"),
        ));
    }
    let excerpt = excerpt(&state, request.thread_id).await?;
    let h = state
        .agent
        .tools()
        .hand_off(
            thread.id,
            reason,
            &excerpt,
            Actor::Customer,
            caller
                .session
                .verified_email
                .as_deref()
                .or(thread.customer_email.as_deref()),
        )
        .await
        .map_err(|e| ApiError::internal("handing off", e))?;
    let status = h.status;
    if h.queued_now {
        let live = state.agent.live();
        live.status(thread.id, status, h.position, None).await;
    }
    Ok(Json(HandoffResponse {
        thread_id: thread.id,
        thread_status: status,
        position: h.position,
        message: h.message,
    }))
}

/// The last few customer-visible messages, for the person who picks the thread up.
async fn excerpt(state: &AppState, thread_id: uuid::Uuid) -> ApiResult<String> {
    let rows = frontdesk::threads::visible(&state.pool, thread_id, 6).await?;
    Ok(rows
        .iter()
        .map(|m| {
            format!(
                "{}: {}",
                m.role,
                m.content.chars().take(300).collect::<String>()
            )
        })
        .collect::<Vec<_>>()
        .join("\n"))
}
