//! What support agents see: the queues (waiting, mine, others', bot-active, recently
//! resolved), a thread's handoff request and ownership history, and the sweep that
//! flags requests waiting past their queue's SLA (each once, across processes).

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use frontdesk_api::admin::{HandoffView, QueueEntry, QueuesView, TransitionView};
use frontdesk_api::{Channel, ThreadStatus};

#[derive(sqlx::FromRow)]
struct Row {
    thread_id: Uuid,
    status: ThreadStatus,
    channel: Channel,
    queue: Option<String>,
    assignee: Option<String>,
    waiting_secs: Option<f64>,
    overdue: bool,
    reason: Option<String>,
    last_message: Option<String>,
    updated_at: DateTime<Utc>,
}

const SELECT: &str =
    "SELECT t.id AS thread_id, t.status, t.channel, t.queue, t.assignee, t.updated_at,
        extract(epoch FROM now() - h.created_at)::float8 AS waiting_secs,
        coalesce(h.sla_due_at < now(), false) AS overdue,
        h.reason,
        (SELECT content FROM messages m WHERE m.thread_id = t.id AND m.role = 'user'
         ORDER BY m.created_at DESC LIMIT 1) AS last_message
     FROM threads t
     LEFT JOIN handoffs h ON h.thread_id = t.id AND h.closed_at IS NULL";

fn entry(r: Row) -> QueueEntry {
    QueueEntry {
        thread_id: r.thread_id,
        status: r.status,
        channel: r.channel,
        queue: r.queue,
        assignee: r.assignee,
        waiting_secs: r.waiting_secs.map(|s| s.max(0.0) as i64),
        overdue: r.overdue,
        reason: r.reason,
        last_message: r.last_message.map(|m| {
            frontdesk_redact::pii::mask(&m.chars().take(160).collect::<String>()).into_owned()
        }),
        updated_at: r.updated_at,
    }
}

async fn list(
    pool: &PgPool,
    filter: &str,
    operator: &str,
    limit: i64,
) -> Result<Vec<QueueEntry>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!("{SELECT} WHERE {filter} LIMIT $2"))
        .bind(operator)
        .bind(limit)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(entry).collect())
}

/// The queues as `operator` sees them.
pub async fn queues(
    pool: &PgPool,
    operator: &str,
    open_now: bool,
) -> Result<QueuesView, sqlx::Error> {
    Ok(QueuesView {
        waiting: list(pool, "t.status = 'waiting_human' AND $1 = $1 ORDER BY h.created_at NULLS LAST", operator, 200).await?,
        mine: list(pool, "t.status = 'human' AND t.assignee = $1 ORDER BY t.updated_at DESC", operator, 200).await?,
        others: list(
            pool,
            "t.status = 'human' AND t.assignee IS DISTINCT FROM $1 ORDER BY t.updated_at DESC",
            operator,
            200,
        )
        .await?,
        bot_active: list(
            pool,
            "t.status = 'bot' AND t.updated_at > now() - interval '1 hour' AND $1 = $1 ORDER BY t.updated_at DESC",
            operator,
            50,
        )
        .await?,
        resolved: list(
            pool,
            "t.status = 'resolved' AND t.updated_at > now() - interval '24 hours' AND $1 = $1 ORDER BY t.updated_at DESC",
            operator,
            50,
        )
        .await?,
        open_now,
        me: operator.to_string(),
    })
}

#[derive(sqlx::FromRow)]
struct HandoffRow {
    id: Uuid,
    queue: String,
    reason: String,
    summary: String,
    transcript_excerpt: String,
    requested_by: String,
    created_at: DateTime<Utc>,
    sla_due_at: DateTime<Utc>,
    claimed_by: Option<String>,
    claimed_at: Option<DateTime<Utc>>,
    after_hours: bool,
    ticket_number: Option<i64>,
}

/// The thread's open handoff request, else its latest one.
pub async fn handoff(pool: &PgPool, thread_id: Uuid) -> Result<Option<HandoffView>, sqlx::Error> {
    let row: Option<HandoffRow> = sqlx::query_as(
        "SELECT id, queue, reason, summary, transcript_excerpt, requested_by, created_at, sla_due_at,
                claimed_by, claimed_at, after_hours, ticket_number
         FROM handoffs WHERE thread_id = $1 ORDER BY (closed_at IS NULL) DESC, created_at DESC LIMIT 1",
    )
    .bind(thread_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| HandoffView {
        id: r.id,
        queue: r.queue,
        reason: r.reason,
        summary: r.summary,
        transcript_excerpt: r.transcript_excerpt,
        requested_by: r.requested_by,
        requested_at: r.created_at,
        sla_due_at: r.sla_due_at,
        claimed_by: r.claimed_by,
        claimed_at: r.claimed_at,
        after_hours: r.after_hours,
        ticket_number: r.ticket_number,
    }))
}

#[derive(sqlx::FromRow)]
struct TransitionRow {
    from_status: ThreadStatus,
    to_status: ThreadStatus,
    assignee: Option<String>,
    actor: String,
    reason: Option<String>,
    created_at: DateTime<Utc>,
}

/// Every change of the thread's owner, oldest first.
pub async fn transitions(
    pool: &PgPool,
    thread_id: Uuid,
) -> Result<Vec<TransitionView>, sqlx::Error> {
    let rows: Vec<TransitionRow> = sqlx::query_as(
        "SELECT from_status, to_status, assignee, actor, reason, created_at FROM thread_transitions
         WHERE thread_id = $1 ORDER BY id",
    )
    .bind(thread_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| TransitionView {
            from: r.from_status,
            to: r.to_status,
            assignee: r.assignee,
            actor: r.actor,
            reason: r.reason,
            at: r.created_at,
        })
        .collect())
}

/// Flags requests that have waited past their SLA, once each; the threads flagged now.
/// Each breach also goes to the outbox (`handoff.overdue`, for Slack).
pub async fn flag_overdue(pool: &PgPool) -> Result<Vec<(Uuid, String)>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let flagged: Vec<(Uuid, String)> = sqlx::query_as(
        "UPDATE handoffs SET flagged_at = now()
         WHERE claimed_at IS NULL AND closed_at IS NULL AND flagged_at IS NULL AND sla_due_at < now()
         RETURNING thread_id, queue",
    )
    .fetch_all(&mut *tx)
    .await?;
    for (thread_id, queue) in &flagged {
        sqlx::query("INSERT INTO outbox (event, payload) VALUES ('handoff.overdue', $1)")
            .bind(serde_json::json!({ "thread_id": thread_id, "queue": queue }))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(flagged)
}
