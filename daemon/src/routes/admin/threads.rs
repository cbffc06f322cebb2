//! Conversations for operators: a filtered list and one thread in full (tool payloads,
//! internal notes and system records included).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use frontdesk::config::Role;
use frontdesk_api::admin::{AdminMessage, ThreadDetail, ThreadList, ThreadSummary};
use frontdesk_api::{Channel, ErrorBody, ThreadStatus};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiQuery, OperatorCaller, ThreadId};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/agent/threads", get(list_threads))
        .route("/admin/agent/threads/{id}", get(get_thread_detail))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only threads in this state.
    pub status: Option<ThreadStatus>,
    /// At most this many, newest activity first (default 50, at most 500).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    channel: Channel,
    status: ThreadStatus,
    assignee: Option<String>,
    messages: i64,
    last_user_message: Option<String>,
    created_at: chrono::DateTime<chrono::Utc>,
    updated_at: chrono::DateTime<chrono::Utc>,
}

/// Conversations, newest activity first.
#[utoipa::path(get, path = "/admin/agent/threads", tag = "admin",
    params(ListQuery),
    responses(
        (status = 200, description = "the threads", body = ThreadList),
        (status = 400, description = "bad query", body = ErrorBody),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn list_threads(
    State(state): State<AppState>,
    op: OperatorCaller,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<Json<ThreadList>> {
    op.require(Role::Viewer)?;
    let limit = i64::from(crate::extract::in_range("limit", q.limit, 50, 1, 500)?);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT t.id, t.channel, t.status, t.assignee, t.created_at, t.updated_at,
                (SELECT count(*) FROM messages m WHERE m.thread_id = t.id) AS messages,
                (SELECT content FROM messages m WHERE m.thread_id = t.id AND m.role = 'user'
                 ORDER BY m.created_at DESC LIMIT 1) AS last_user_message
         FROM threads t
         WHERE $1::text IS NULL OR t.status = $1
         ORDER BY t.updated_at DESC LIMIT $2",
    )
    .bind(q.status.map(|s| s.as_str()))
    .bind(limit)
    .fetch_all(&state.pool)
    .await?;
    let threads = rows
        .into_iter()
        .map(|r| ThreadSummary {
            id: r.id,
            channel: r.channel,
            status: r.status,
            assignee: r.assignee,
            messages: r.messages,
            last_user_message: r.last_user_message.map(|m| {
                frontdesk_redact::pii::mask(&m.chars().take(160).collect::<String>()).into_owned()
            }),
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
        .collect();
    Ok(Json(ThreadList { threads }))
}

/// One conversation with every message.
#[utoipa::path(get, path = "/admin/agent/threads/{id}", tag = "admin",
    params(("id" = Uuid, Path, description = "thread id")),
    responses(
        (status = 200, description = "the thread", body = ThreadDetail),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody),
        (status = 404, description = "no such thread", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn get_thread_detail(
    State(state): State<AppState>,
    op: OperatorCaller,
    ThreadId(id): ThreadId,
) -> ApiResult<Json<ThreadDetail>> {
    op.require(Role::Viewer)?;
    let thread = frontdesk::threads::get(&state.pool, id)
        .await?
        .ok_or_else(ApiError::thread_not_found)?;
    let created_at: chrono::DateTime<chrono::Utc> =
        sqlx::query_scalar("SELECT created_at FROM threads WHERE id = $1")
            .bind(id)
            .fetch_one(&state.pool)
            .await?;
    let messages = frontdesk::threads::recent(&state.pool, id, 500)
        .await?
        .into_iter()
        .map(|m| AdminMessage {
            id: m.id,
            role: m.role,
            // staff read the customer's words, but never a card number or national id
            content: frontdesk_redact::pii::mask_kinds(
                &m.content,
                &frontdesk_redact::pii::HIDDEN_FROM_STAFF,
            )
            .into_owned(),
            tool_name: m.tool_name,
            tool_payload: m.tool_payload,
            created_at: m.created_at,
        })
        .collect();
    Ok(Json(ThreadDetail {
        id,
        channel: thread.channel,
        status: thread.status,
        assignee: thread.assignee,
        customer_email: thread.customer_email,
        created_at,
        messages,
        handoff: frontdesk::handoff::queues::handoff(&state.pool, id).await?,
        transitions: frontdesk::handoff::queues::transitions(&state.pool, id).await?,
    }))
}
