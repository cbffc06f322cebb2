//! `POST /api/agent/messages`: one customer message, one turn of the agent.
//!
//! Checks run before anything is stored (session, size, rate limits, thread ownership);
//! then the turn runs as a task of its own, so a customer who closes the tab still gets
//! their answer stored, and the drain on shutdown waits for it. With
//! `Accept: text/event-stream` the reply streams: `meta` (stored), `status` (the state
//! machine's steps), `delta` (each sentence once it passed the guardrails — a remote
//! model's sentences as it writes them), `reset` (forget the deltas so far: the answer
//! is being replaced), `done` (the full reply) or `error`.

use std::convert::Infallible;

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use frontdesk::limits::Verdict;
use frontdesk::orchestrator::{Progress, TurnError, TurnEvent, TurnRequest, TurnResult};
use frontdesk_api::widget::{HandoffInfo, MessageRequest, MessageResponse};
use frontdesk_api::{Channel, ErrorBody, ThreadStatus};
use tokio::sync::{mpsc, oneshot};
use tokio_stream::wrappers::ReceiverStream;
use tracing::Instrument as _;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ClientInfo, SessionCaller};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/agent/messages", post(post_message))
}

/// Sends the customer's message and returns the agent's reply (or streams it).
#[utoipa::path(post, path = "/api/agent/messages", tag = "widget",
    request_body = MessageRequest,
    params(
        ("X-Frontdesk-Client" = String, Header, description = "any value, e.g. `widget` (CSRF defence)"),
        ("X-Frontdesk-Fingerprint" = Option<String>, Header, description = "the device's random id, for rate limits")),
    responses(
        (status = 200, description = "the reply; with `Accept: text/event-stream`, a stream of `meta`, `status`, `delta`, `done` and `error` events",
            content(
                (MessageResponse = "application/json"),
                (String = "text/event-stream"))),
        (status = 400, description = "bad body, empty or too long message", body = ErrorBody),
        (status = 401, description = "no, an invalid or an expired session token", body = ErrorBody),
        (status = 403, description = "CSRF check failed", body = ErrorBody),
        (status = 404, description = "no such thread for this session", body = ErrorBody),
        (status = 413, description = "body too large", body = ErrorBody),
        (status = 415, description = "not JSON", body = ErrorBody),
        (status = 429, description = "rate limit or new-conversation cap; see Retry-After", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("session" = [])))]
pub async fn post_message(
    State(state): State<AppState>,
    caller: SessionCaller,
    client: ClientInfo,
    headers: HeaderMap,
    ApiJson(request): ApiJson<MessageRequest>,
) -> ApiResult<Response> {
    let message = request.user_msg.trim().to_string();
    if message.is_empty() {
        return Err(ApiError::bad_request("empty_message", "user_msg is empty"));
    }
    let max = state.config.server.max_message_chars;
    if message.chars().count() > max {
        return Err(ApiError::bad_request(
            "message_too_long",
            format!("user_msg is longer than {max} characters"),
        ));
    }
    let limits = &state.config.limits;
    let ip = client.ip.clone().unwrap_or_default();
    limit(
        &state,
        "messages_ip",
        &ip,
        limits.messages_per_minute_per_ip,
        60,
    )
    .await?;
    if let Some(device) = &client.fingerprint {
        limit(
            &state,
            "messages_device",
            device,
            limits.messages_per_minute_per_device,
            60,
        )
        .await?;
    }
    let session = &caller.session;
    let (thread_id, previous_status) = match request.thread_id {
        Some(id) => {
            let thread = frontdesk::threads::get(&state.pool, id)
                .await?
                .filter(|t| t.session_id.as_deref() == Some(session.id.as_str()))
                .ok_or_else(ApiError::thread_not_found)?;
            (id, thread.status)
        }
        None => {
            if let Verdict::Limited { retry_after_secs } = state
                .limiter
                .hit("threads_ip", &ip, limits.new_threads_per_hour_per_ip, 3_600)
                .await?
            {
                metrics::counter!("frontdesk_rate_limited_total", "limit" => "threads_ip")
                    .increment(1);
                return Err(ApiError::too_many(
                    "thread_limit",
                    "too many new conversations from this address; please continue an existing one or wait",
                    retry_after_secs,
                ));
            }
            (Uuid::now_v7(), ThreadStatus::Bot)
        }
    };
    let offline_only = !state.budget.allows_remote(&session.id).await?;
    if offline_only {
        tracing::info!(session = %session.id, "LLM budget spent; answering with the offline brain");
    }
    let streaming = wants_stream(&headers);
    let (progress, progress_rx) = if streaming {
        let (p, rx) = Progress::channel();
        (p, Some(rx))
    } else {
        (Progress::default(), None)
    };
    let turn = TurnRequest {
        thread_id: Some(thread_id),
        message,
        channel: Channel::Web,
        identity: session.identity(client.ip.clone(), client.fingerprint.clone()),
        session_id: Some(session.id.clone()),
        offline_only,
        progress,
    };
    let (done_tx, done_rx) = oneshot::channel();
    let task_state = state.clone();
    let session_id = session.id.clone();
    // the turn's log lines keep the request's span (its request id)
    let span = tracing::Span::current();
    state.tasks.spawn(
        async move {
            let result = run_turn(&task_state, turn, &session_id, previous_status).await;
            let _ = done_tx.send(result);
        }
        .instrument(span),
    );
    match progress_rx {
        None => {
            let result = done_rx
                .await
                .map_err(|e| ApiError::internal("the turn task ended early", e))??;
            Ok(Json(result).into_response())
        }
        Some(rx) => Ok(stream(rx, done_rx)),
    }
}

async fn limit(
    state: &AppState,
    bucket: &'static str,
    subject: &str,
    per_minute: u32,
    window: u64,
) -> ApiResult<()> {
    match state
        .limiter
        .hit(bucket, subject, per_minute, window)
        .await?
    {
        Verdict::Allowed => Ok(()),
        Verdict::Limited { retry_after_secs } => {
            metrics::counter!("frontdesk_rate_limited_total", "limit" => bucket).increment(1);
            Err(ApiError::too_many(
                "rate_limited",
                "too many messages; please wait a moment",
                retry_after_secs,
            ))
        }
    }
}

fn wants_stream(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/event-stream"))
}

/// The turn and what follows it: the session's LLM spend, live events for the thread.
async fn run_turn(
    state: &AppState,
    turn: TurnRequest,
    session_id: &str,
    previous_status: ThreadStatus,
) -> ApiResult<MessageResponse> {
    let user_text = turn.message.clone();
    let result = state.agent.turn(turn).await.map_err(|e| match e {
        TurnError::Invalid(message) => ApiError::bad_request("invalid_request", message),
        TurnError::Store(e) => ApiError::from(e),
    })?;
    let tokens = u64::from(result.tokens_in) + u64::from(result.tokens_out);
    if let Err(error) = state
        .budget
        .record(session_id, tokens, result.cost_usd)
        .await
    {
        tracing::warn!(%error, "could not record the session's LLM spend");
    }
    let response = to_response(state, &result).await?;
    publish(state, &result, &user_text, &response, previous_status).await;
    Ok(response)
}

pub async fn to_response(state: &AppState, r: &TurnResult) -> ApiResult<MessageResponse> {
    let status = r.thread_status;
    let handoff = match status {
        ThreadStatus::WaitingHuman => Some(HandoffInfo {
            position: Some(frontdesk::threads::queue_position(&state.pool, r.thread_id).await?),
        }),
        ThreadStatus::Human => Some(HandoffInfo { position: None }),
        _ => None,
    };
    Ok(MessageResponse {
        thread_id: r.thread_id,
        user_message_id: r.user_message_id,
        message_id: r.message_id,
        answer: r.answer.clone(),
        citations: r.citations.clone(),
        outcome: r.outcome,
        thread_status: status,
        ticket_number: r.ticket_number,
        handoff,
    })
}

async fn publish(
    state: &AppState,
    r: &TurnResult,
    user_text: &str,
    response: &MessageResponse,
    previous_status: ThreadStatus,
) {
    let none = serde_json::json!([]);
    crate::live::message_posted(
        state,
        r.thread_id,
        r.user_message_id,
        "user",
        user_text,
        &none,
        None,
        true,
    )
    .await;
    if let Some(id) = r.message_id {
        let citations = serde_json::to_value(&r.citations).unwrap_or(none);
        crate::live::message_posted(
            state,
            r.thread_id,
            id,
            "assistant",
            &r.answer,
            &citations,
            None,
            true,
        )
        .await;
    }
    if response.thread_status != previous_status {
        let position = response.handoff.as_ref().and_then(|h| h.position);
        crate::live::status_changed(state, r.thread_id, response.thread_status, position).await;
    }
}

fn stream(
    mut progress: mpsc::UnboundedReceiver<TurnEvent>,
    done: oneshot::Receiver<ApiResult<MessageResponse>>,
) -> Response {
    let (tx, rx) = mpsc::channel::<Result<Event, Infallible>>(64);
    tokio::spawn(async move {
        // a client that went away only stops the forwarding; the turn runs on regardless
        while let Some(event) = progress.recv().await {
            if tx.send(Ok(sse_event(&event))).await.is_err() {
                break;
            }
        }
        let last = match done.await {
            Ok(Ok(response)) => Event::default()
                .event("done")
                .json_data(&response)
                .unwrap_or_else(|_| Event::default().event("done")),
            Ok(Err(error)) => error_event(&error.body()),
            Err(_) => {
                error_event(&ApiError::internal("the turn task ended early", "no result").body())
            }
        };
        let _ = tx.send(Ok(last)).await;
    });
    Sse::new(ReceiverStream::new(rx))
        .keep_alive(KeepAlive::default())
        .into_response()
}

fn sse_event(event: &TurnEvent) -> Event {
    let (name, data) = match event {
        TurnEvent::Stored {
            thread_id,
            user_message_id,
        } => (
            "meta",
            serde_json::json!({ "thread_id": thread_id, "user_message_id": user_message_id }),
        ),
        TurnEvent::Step { state, note } => (
            "status",
            serde_json::json!({
                "state": serde_json::to_value(state).ok().and_then(|v| v.as_str().map(str::to_lowercase)),
                "detail": note,
            }),
        ),
        TurnEvent::Sentence(text) => ("delta", serde_json::json!({ "text": text })),
        TurnEvent::Reset => ("reset", serde_json::json!({})),
    };
    Event::default().event(name).data(data.to_string())
}

fn error_event(body: &ErrorBody) -> Event {
    Event::default()
        .event("error")
        .data(serde_json::to_string(body).unwrap_or_default())
}
