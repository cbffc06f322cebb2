//! Threads and messages in Postgres: the long-term memory and the system of record.

use serde::Serialize;
use sqlx::PgPool;
use uuid::Uuid;

use frontdesk_api::{Channel, ThreadStatus};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ThreadRow {
    pub id: Uuid,
    pub channel: Channel,
    pub status: ThreadStatus,
    pub assignee: Option<String>,
    pub session_id: Option<String>,
    pub customer_email: Option<String>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MessageRow {
    pub id: Uuid,
    pub role: String,
    pub content: String,
    pub tool_name: Option<String>,
    pub tool_payload: Option<serde_json::Value>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// The thread, created when it does not exist yet (one statement either way).
pub async fn ensure(
    pool: &PgPool,
    id: Uuid,
    channel: Channel,
    session_id: Option<&str>,
    customer_email: Option<&str>,
) -> Result<ThreadRow, sqlx::Error> {
    sqlx::query_as(
        "WITH created AS (
            INSERT INTO threads (id, channel, session_id, customer_email) VALUES ($1, $2, $3, $4)
            ON CONFLICT (id) DO NOTHING
            RETURNING id, channel, status, assignee, session_id, customer_email)
         SELECT * FROM created
         UNION ALL
         SELECT id, channel, status, assignee, session_id, customer_email FROM threads WHERE id = $1
         LIMIT 1",
    )
    .bind(id)
    .bind(channel)
    .bind(session_id)
    .bind(customer_email)
    .fetch_one(pool)
    .await
}

pub async fn get(pool: &PgPool, id: Uuid) -> Result<Option<ThreadRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, channel, status, assignee, session_id, customer_email FROM threads WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// The thread as `session` may see it: a session sees only its own threads, and
/// another session's thread reads exactly like a missing one; `None` is a trusted
/// caller (an operator, the command line), who sees every thread.
pub async fn for_session(
    pool: &PgPool,
    id: Uuid,
    session: Option<&str>,
) -> Result<Option<ThreadRow>, sqlx::Error> {
    let thread = get(pool, id).await?;
    Ok(thread.filter(|t| session.is_none() || t.session_id.as_deref() == session))
}

/// Where a thread stands: who owns it, and its place in the queue while it waits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub status: ThreadStatus,
    /// The owner's operator name.
    pub assignee: Option<String>,
    /// Place in the queue (1 = next) while waiting for a person.
    pub queue_position: Option<i64>,
}

/// Who owns the thread now, and its place in the queue while it waits (one query).
pub async fn standing(pool: &PgPool, id: Uuid) -> Result<Standing, sqlx::Error> {
    let (status, assignee, queue_position): (ThreadStatus, Option<String>, Option<i64>) =
        sqlx::query_as(
            "SELECT t.status, t.assignee,
                CASE WHEN t.status = 'waiting_human' THEN greatest(1, (
                    SELECT count(*) FROM threads w
                    WHERE w.status = 'waiting_human' AND w.updated_at <= t.updated_at))
                END
             FROM threads t WHERE t.id = $1",
        )
        .bind(id)
        .fetch_one(pool)
        .await?;
    Ok(Standing {
        status,
        assignee,
        queue_position,
    })
}

/// Appends a message; returns its id (time-ordered uuid v7).
pub async fn append(
    pool: &PgPool,
    thread_id: Uuid,
    role: &str,
    content: &str,
    tool_name: Option<&str>,
    tool_payload: Option<&serde_json::Value>,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO messages (id, thread_id, role, content, tool_name, tool_payload)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(thread_id)
    .bind(role)
    .bind(content)
    .bind(tool_name)
    .bind(tool_payload)
    .execute(pool)
    .await?;
    sqlx::query("UPDATE threads SET updated_at = now() WHERE id = $1")
        .bind(thread_id)
        .execute(pool)
        .await?;
    Ok(id)
}

/// Records the language the customer writes in (ISO 639-1), when it changed.
pub async fn record_language(
    pool: &PgPool,
    thread_id: Uuid,
    language: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE threads SET language = $2 WHERE id = $1 AND language IS DISTINCT FROM $2")
        .bind(thread_id)
        .bind(language)
        .execute(pool)
        .await?;
    Ok(())
}

/// The last `limit` messages of the thread, oldest first.
pub async fn recent(
    pool: &PgPool,
    thread_id: Uuid,
    limit: i64,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    let mut rows: Vec<MessageRow> = sqlx::query_as(
        "SELECT id, role, content, tool_name, tool_payload, created_at FROM messages
         WHERE thread_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(thread_id)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.reverse();
    Ok(rows)
}

/// The thread's place among those waiting for a person (1 = next).
pub async fn queue_position(pool: &PgPool, thread_id: Uuid) -> Result<i64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM threads WHERE status = 'waiting_human'
         AND updated_at <= (SELECT updated_at FROM threads WHERE id = $1)",
    )
    .bind(thread_id)
    .fetch_one(pool)
    .await?;
    Ok(n.max(1))
}

/// The last `limit` messages a customer may see (theirs, the bot's, people's replies),
/// oldest first; internal notes, tool records and system messages are left out.
pub async fn visible(
    pool: &PgPool,
    thread_id: Uuid,
    limit: i64,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    let mut rows: Vec<MessageRow> = sqlx::query_as(
        "SELECT id, role, content, tool_name, tool_payload, created_at FROM messages
         WHERE thread_id = $1 AND role IN ('user', 'assistant', 'human_agent')
         ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(thread_id)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.reverse();
    Ok(rows)
}

/// Like [`visible`], only the current episode (since a resolved conversation reopened).
pub async fn visible_in_episode(
    pool: &PgPool,
    thread_id: Uuid,
    limit: i64,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    in_episode(
        pool,
        thread_id,
        limit,
        &["user", "assistant", "human_agent"],
    )
    .await
}

/// The conversation items of the current episode, for memory: every role but notes.
pub async fn recent_in_episode(
    pool: &PgPool,
    thread_id: Uuid,
    limit: i64,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    in_episode(
        pool,
        thread_id,
        limit,
        &["user", "assistant", "human_agent", "tool", "system"],
    )
    .await
}

/// The last `limit` messages of the current episode with one of `roles`, oldest first.
async fn in_episode(
    pool: &PgPool,
    thread_id: Uuid,
    limit: i64,
    roles: &[&str],
) -> Result<Vec<MessageRow>, sqlx::Error> {
    let roles: Vec<String> = roles.iter().map(|r| r.to_string()).collect();
    let mut rows: Vec<MessageRow> = sqlx::query_as(
        "SELECT m.id, m.role, m.content, m.tool_name, m.tool_payload, m.created_at FROM messages m
         JOIN threads t ON t.id = m.thread_id
         WHERE m.thread_id = $1 AND m.role = ANY($3) AND m.created_at >= t.episode_started_at
         ORDER BY m.created_at DESC, m.id DESC LIMIT $2",
    )
    .bind(thread_id)
    .bind(limit)
    .bind(&roles)
    .fetch_all(pool)
    .await?;
    rows.reverse();
    Ok(rows)
}
