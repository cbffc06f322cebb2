//! `POST /api/agent/messages`: one customer message, one turn of the agent.
//!
//! The route is an edge: the session, its rate limits, then the agent's turn service
//! (`Agent::admit` checks the message, the thread's owner and the budget before
//! anything is stored; `Agent::run_turn` stores, answers, settles the spend and
//! publishes the live events). The turn runs as a task of its own, so a customer who closes the tab still gets
//! their answer stored, and the drain on shutdown waits for it. With
//! `Accept: text/event-stream` the reply streams: `meta` (stored), `status` (the state
//! machine's steps), `delta` (each sentence once it passed the guardrails — a remote
//! model's sentences as it writes them), `reset` (forget the deltas so far: the answer
//! is being replaced), `done` (the full reply) or `error`.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use frontdesk::limits::Verdict;
use frontdesk::orchestrator::{Progress, TurnEvent, TurnRequest, TurnResult};
use frontdesk_api::stream::StreamEvent;
use frontdesk_api::widget::{HandoffInfo, MessageRequest, MessageResponse};
use frontdesk_api::{Channel, ErrorBody, ThreadStatus};
use tokio::sync::{mpsc, oneshot};
use tokio_stream::wrappers::ReceiverStream;
use tracing::Instrument as _;

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
    admit_client(&state, &client, request.thread_id.is_none()).await?;
    let session = &caller.session;
    let (progress, progress_rx) = if wants_stream(&headers) {
        let (p, rx) = Progress::channel();
        (p, Some(rx))
    } else {
        (Progress::default(), None)
    };
    let turn = TurnRequest {
        thread_id: request.thread_id,
        message: request.user_msg,
        channel: Channel::Web,
        identity: session.identity(client.ip.clone(), client.fingerprint.clone()),
        session_id: Some(session.id.clone()),
        offline_only: false,
        progress,
    };
    // refusals (empty, too long, someone else's thread) are plain HTTP errors, even
    // for a client that asked for a stream
    let admitted = state.agent.admit(turn).await?;
    let (done_tx, done_rx) = oneshot::channel();
    let agent = Arc::clone(&state.agent);
    // the turn's log lines keep the request's span (its request id)
    let span = tracing::Span::current();
    state.tasks.spawn(
        async move {
            let result = agent.run_turn(admitted).await;
            let _ = done_tx.send(result.map(|r| to_response(&r)).map_err(ApiError::from));
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

/// The edge's own limits, before the agent sees the message: messages per minute per
/// address and per device, and new conversations per hour per address.
async fn admit_client(state: &AppState, client: &ClientInfo, new_thread: bool) -> ApiResult<()> {
    let limits = &state.config.limits;
    let ip = client.ip.clone().unwrap_or_default();
    let too_many = "too many messages; please wait a moment";
    limit(
        state,
        "messages_ip",
        &ip,
        limits.messages_per_minute_per_ip,
        60,
        "rate_limited",
        too_many,
    )
    .await?;
    if let Some(device) = &client.fingerprint {
        let per_minute = limits.messages_per_minute_per_device;
        limit(
            state,
            "messages_device",
            device,
            per_minute,
            60,
            "rate_limited",
            too_many,
        )
        .await?;
    }
    if new_thread {
        let per_hour = limits.new_threads_per_hour_per_ip;
        let message =
            "too many new conversations from this address; please continue an existing one or wait";
        limit(
            state,
            "threads_ip",
            &ip,
            per_hour,
            3_600,
            "thread_limit",
            message,
        )
        .await?;
    }
    Ok(())
}

async fn limit(
    state: &AppState,
    bucket: &'static str,
    subject: &str,
    max: u32,
    window_secs: u64,
    code: &'static str,
    message: &str,
) -> ApiResult<()> {
    match state.limiter.hit(bucket, subject, max, window_secs).await? {
        Verdict::Allowed => Ok(()),
        Verdict::Limited { retry_after_secs } => {
            metrics::counter!("frontdesk_rate_limited_total", "limit" => bucket).increment(1);
            Err(ApiError::too_many(code, message, retry_after_secs))
        }
    }
}

fn wants_stream(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/event-stream"))
}

pub fn to_response(r: &TurnResult) -> MessageResponse {
    let handoff = match r.thread_status {
        ThreadStatus::WaitingHuman => Some(HandoffInfo {
            position: r.queue_position,
        }),
        ThreadStatus::Human => Some(HandoffInfo { position: None }),
        _ => None,
    };
    MessageResponse {
        thread_id: r.thread_id,
        user_message_id: r.user_message_id,
        message_id: r.message_id,
        answer: r.answer.clone(),
        citations: r.citations.clone(),
        outcome: r.outcome,
        thread_status: r.thread_status,
        ticket_number: r.ticket_number,
        handoff,
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
            if tx.send(Ok(sse(&stream_event(event)))).await.is_err() {
                break;
            }
        }
        let last = match done.await {
            Ok(Ok(response)) => StreamEvent::Done(Box::new(response)),
            Ok(Err(error)) => StreamEvent::Error(error.body()),
            Err(_) => StreamEvent::Error(
                ApiError::internal("the turn task ended early", "no result").body(),
            ),
        };
        let _ = tx.send(Ok(sse(&last))).await;
    });
    Sse::new(ReceiverStream::new(rx))
        .keep_alive(KeepAlive::default())
        .into_response()
}

fn stream_event(event: TurnEvent) -> StreamEvent {
    match event {
        TurnEvent::Stored {
            thread_id,
            user_message_id,
        } => StreamEvent::Meta {
            thread_id,
            user_message_id,
        },
        TurnEvent::Step { state, note } => StreamEvent::Status {
            state: state.wire_name().to_string(),
            detail: note,
        },
        TurnEvent::Sentence(text) => StreamEvent::Delta { text },
        TurnEvent::Reset => StreamEvent::Reset {},
    }
}

fn sse(event: &StreamEvent) -> Event {
    Event::default()
        .event(event.name())
        .data(event.data().to_string())
}
