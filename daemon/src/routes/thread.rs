//! A conversation as its customer sees it: `GET /api/agent/thread/{id}` (the last
//! messages and who owns the thread) and `GET /api/agent/thread/{id}/events` (live:
//! new messages, status changes, typing), readable only by the thread's own session
//! or an operator. The stream resumes after `Last-Event-ID`, so a reconnect loses
//! nothing.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use frontdesk::events::Topic;
use frontdesk::kb::Citation;
use frontdesk_api::widget::{MessageView, ThreadView, VisibleRole};
use frontdesk_api::ErrorBody;
use serde::Deserialize;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiQuery, Caller, ThreadId};
use crate::AppState;
use frontdesk::config::Role;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/agent/thread/{id}", get(get_thread))
        .route("/api/agent/thread/{id}/events", get(thread_events))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// How many of the latest messages (default `server.thread_history_limit`, at most 200).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
}

/// The thread, when `caller` may read it (someone else's thread reads as unknown).
pub async fn readable_thread(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
) -> ApiResult<frontdesk::threads::ThreadRow> {
    let session = match caller {
        Caller::Session(s) => Some(s.session.id.as_str()),
        Caller::Operator(op) if op.allows(Role::Viewer) => None,
        Caller::Operator(_) => return Err(ApiError::thread_not_found()),
    };
    frontdesk::threads::for_session(&state.pool, id, session)
        .await?
        .ok_or_else(ApiError::thread_not_found)
}

/// The last messages of a conversation and who owns it.
#[utoipa::path(get, path = "/api/agent/thread/{id}", tag = "widget",
    params(("id" = Uuid, Path, description = "thread id"), HistoryQuery),
    responses(
        (status = 200, description = "the conversation", body = ThreadView),
        (status = 400, description = "bad query", body = ErrorBody),
        (status = 401, description = "no, an invalid or an expired token", body = ErrorBody),
        (status = 404, description = "no such thread for this caller", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("session" = []), ("admin" = [])))]
pub async fn get_thread(
    State(state): State<AppState>,
    ThreadId(id): ThreadId,
    caller: Caller,
    ApiQuery(query): ApiQuery<HistoryQuery>,
) -> ApiResult<Json<ThreadView>> {
    let thread = readable_thread(&state, &caller, id).await?;
    let default = state.config.server.thread_history_limit.clamp(1, 200) as u32;
    let limit = crate::extract::in_range("limit", query.limit, default, 1, 200)?;
    let rows = frontdesk::threads::visible(&state.pool, id, limit as i64).await?;
    let messages = rows.into_iter().filter_map(message_view).collect();
    Ok(Json(ThreadView {
        thread_id: id,
        status: thread.status,
        assignee: thread
            .assignee
            .as_deref()
            .map(|a| state.agent.live().display_name(a)),
        messages,
    }))
}

/// How a person is shown to customers: their configured display name.
fn message_view(row: frontdesk::threads::MessageRow) -> Option<MessageView> {
    let role = match row.role.as_str() {
        "user" => VisibleRole::User,
        "assistant" => VisibleRole::Assistant,
        "human_agent" => VisibleRole::HumanAgent,
        _ => return None,
    };
    let payload = row.tool_payload.unwrap_or_default();
    let citations: Vec<Citation> =
        serde_json::from_value(payload["citations"].clone()).unwrap_or_default();
    Some(MessageView {
        id: row.id,
        role,
        content: row.content,
        citations,
        author: payload["author"].as_str().map(str::to_string),
        created_at: row.created_at,
    })
}

/// How often a live stream re-reads its topic even without a wake-up (a missed
/// announcement costs at most this much delay).
const RESYNC: Duration = Duration::from_secs(5);

/// Live events of a conversation, as server-sent events with ids.
#[utoipa::path(get, path = "/api/agent/thread/{id}/events", tag = "widget",
    params(
        ("id" = Uuid, Path, description = "thread id"),
        ("Last-Event-ID" = Option<String>, Header, description = "resume after this event")),
    responses(
        (status = 200, description = "`message`, `status` and `typing` events", body = String, content_type = "text/event-stream"),
        (status = 401, description = "no, an invalid or an expired token", body = ErrorBody),
        (status = 404, description = "no such thread for this caller", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("session" = []), ("admin" = [])))]
pub async fn thread_events(
    State(state): State<AppState>,
    ThreadId(id): ThreadId,
    caller: Caller,
    headers: HeaderMap,
) -> ApiResult<impl IntoResponse> {
    readable_thread(&state, &caller, id).await?;
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| frontdesk::events::parse_id(v).is_some())
        .map(str::to_string);
    Ok(live(&state, Topic::Thread(id), resume).await?)
}

/// A live stream of `topic` from `resume` (exclusive), or from now when `None`.
pub async fn live(
    state: &AppState,
    topic: Topic,
    resume: Option<String>,
) -> Result<Response, redis::RedisError> {
    let mut wake = state.events.wake_ups();
    let mut last = match resume {
        Some(id) => Some(id),
        None => state.events.last_id(&topic).await?,
    };
    let (tx, rx) = mpsc::channel::<Result<Event, Infallible>>(32);
    let events = state.events.clone();
    let shutdown = state.shutdown.clone();
    tokio::spawn(async move {
        loop {
            match events.since(&topic, last.as_deref(), 100).await {
                Ok(batch) => {
                    for e in batch {
                        let event = Event::default()
                            .id(e.id.clone())
                            .event(e.kind)
                            .data(e.data.to_string());
                        last = Some(e.id);
                        if tx.send(Ok(event)).await.is_err() {
                            return;
                        }
                    }
                }
                Err(error) => tracing::warn!(%error, "could not read live events"),
            }
            tokio::select! {
                _ = shutdown.cancelled() => return,
                _ = tx.closed() => return,
                _ = tokio::time::sleep(RESYNC) => {}
                woke = wait_for(&mut wake, &topic) => if !woke { return },
            }
        }
    });
    Ok(Sse::new(ReceiverStream::new(rx))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response())
}

/// Waits for a wake-up of `topic`; false when the bus is gone.
async fn wait_for(wake: &mut tokio::sync::broadcast::Receiver<Topic>, topic: &Topic) -> bool {
    loop {
        match wake.recv().await {
            Ok(t) if t == *topic => return true,
            Ok(_) => {}
            // fell behind: re-read the stream to be safe
            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => return true,
            Err(tokio::sync::broadcast::error::RecvError::Closed) => return false,
        }
    }
}
