//! Who owns a conversation, as an explicit state machine in Postgres:
//!
//! ```text
//! bot ──request──▶ waiting_human ──claim──▶ human(assignee) ──resolve──▶ resolved
//!  ▲  ◀────────────────handback───────────────┘    │                      │
//!  │  ───────────────takeover (claim)──────────────▶│                      │
//!  └──────────────────reopen (the customer writes again: a new episode)───┘
//! ```
//!
//! Each change locks the thread row (`SELECT ... FOR UPDATE`), checks the current
//! state, updates it and records the transition (who, when, why) in one transaction:
//! two agents claiming at once are serialised, and the second is told who won.

use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

/// Who made a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Customer,
    Bot,
    System,
    Operator(String),
}

impl Actor {
    pub fn label(&self) -> String {
        match self {
            Self::Customer => "customer".into(),
            Self::Bot => "bot".into(),
            Self::System => "system".into(),
            Self::Operator(name) => format!("operator:{name}"),
        }
    }

    fn operator(&self) -> Option<&str> {
        match self {
            Self::Operator(name) => Some(name),
            _ => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OwnershipError {
    #[error("no such thread")]
    NotFound,
    /// Someone else claimed it first.
    #[error("{assignee} already has this conversation")]
    AlreadyClaimed { assignee: String },
    /// Only the owner (or an admin) may do this.
    #[error("this conversation belongs to {}", assignee.as_deref().unwrap_or("nobody"))]
    NotOwner { assignee: Option<String> },
    #[error("cannot {action} a conversation that is {status}")]
    Invalid {
        action: &'static str,
        status: String,
    },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The thread's owner after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub thread_id: Uuid,
    pub from: String,
    pub status: String,
    pub assignee: Option<String>,
    /// False when the thread was already in the requested state (nothing recorded).
    pub changed: bool,
}

struct Row {
    status: String,
    assignee: Option<String>,
}

async fn lock(tx: &mut Transaction<'_, Postgres>, thread_id: Uuid) -> Result<Row, OwnershipError> {
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT status, assignee FROM threads WHERE id = $1 FOR UPDATE")
            .bind(thread_id)
            .fetch_optional(&mut **tx)
            .await?;
    let (status, assignee) = row.ok_or(OwnershipError::NotFound)?;
    Ok(Row { status, assignee })
}

/// Moves the locked thread to `to` and records the transition.
async fn set(
    tx: &mut Transaction<'_, Postgres>,
    thread_id: Uuid,
    from: &Row,
    to: &str,
    assignee: Option<&str>,
    actor: &Actor,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE threads SET status = $2, assignee = $3, updated_at = now(),
            queue = CASE WHEN $2 IN ('bot', 'resolved') THEN NULL ELSE queue END
         WHERE id = $1",
    )
    .bind(thread_id)
    .bind(to)
    .bind(assignee)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO thread_transitions (thread_id, from_status, to_status, assignee, actor, reason)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(thread_id)
    .bind(&from.status)
    .bind(to)
    .bind(assignee)
    .bind(actor.label())
    .bind(reason)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn owner(
    thread_id: Uuid,
    from: &Row,
    status: &str,
    assignee: Option<&str>,
    changed: bool,
) -> Owner {
    Owner {
        thread_id,
        from: from.status.clone(),
        status: status.to_string(),
        assignee: assignee.map(str::to_string),
        changed,
    }
}

/// Closes the thread's open handoff request with `outcome`.
async fn close_request(
    tx: &mut Transaction<'_, Postgres>,
    thread_id: Uuid,
    outcome: &str,
    by: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE handoffs SET closed_at = now(), outcome = $2,
            claimed_by = CASE WHEN $2 = 'claimed' THEN $3 ELSE claimed_by END,
            claimed_at = CASE WHEN $2 = 'claimed' THEN now() ELSE claimed_at END
         WHERE thread_id = $1 AND closed_at IS NULL",
    )
    .bind(thread_id)
    .bind(outcome)
    .bind(by)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn outbox(
    tx: &mut Transaction<'_, Postgres>,
    event: &str,
    payload: serde_json::Value,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO outbox (event, payload) VALUES ($1, $2)")
        .bind(event)
        .bind(payload)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// `operator` takes the thread: from `waiting_human`, or a takeover from the bot.
pub async fn claim(
    pool: &PgPool,
    thread_id: Uuid,
    operator: &str,
    reason: Option<&str>,
) -> Result<Owner, OwnershipError> {
    let mut tx = pool.begin().await?;
    let row = lock(&mut tx, thread_id).await?;
    match (row.status.as_str(), row.assignee.as_deref()) {
        ("human", Some(a)) if a == operator => {
            return Ok(owner(thread_id, &row, "human", Some(a), false))
        }
        ("human", a) => {
            return Err(OwnershipError::AlreadyClaimed {
                assignee: a.unwrap_or("someone").to_string(),
            })
        }
        ("waiting_human" | "bot", _) => {}
        (status, _) => {
            return Err(OwnershipError::Invalid {
                action: "claim",
                status: status.to_string(),
            })
        }
    }
    let actor = Actor::Operator(operator.to_string());
    let takeover = row.status == "bot";
    let reason = reason.or(Some(if takeover {
        "taken over from the bot"
    } else {
        "claimed from the queue"
    }));
    set(
        &mut tx,
        thread_id,
        &row,
        "human",
        Some(operator),
        &actor,
        reason,
    )
    .await?;
    close_request(&mut tx, thread_id, "claimed", Some(operator)).await?;
    outbox(
        &mut tx,
        if takeover {
            "handoff.takeover"
        } else {
            "handoff.claimed"
        },
        serde_json::json!({ "thread_id": thread_id, "operator": operator }),
    )
    .await?;
    tx.commit().await?;
    Ok(owner(thread_id, &row, "human", Some(operator), true))
}

/// Whether `actor` may act on a thread `row` owns: its owner, or an admin.
fn may_act(row: &Row, actor: &Actor, is_admin: bool) -> Result<(), OwnershipError> {
    if is_admin || row.assignee.as_deref() == actor.operator() {
        Ok(())
    } else {
        Err(OwnershipError::NotOwner {
            assignee: row.assignee.clone(),
        })
    }
}

/// The owner gives the thread back to the bot.
pub async fn hand_back(
    pool: &PgPool,
    thread_id: Uuid,
    actor: &Actor,
    is_admin: bool,
    reason: Option<&str>,
) -> Result<Owner, OwnershipError> {
    let mut tx = pool.begin().await?;
    let row = lock(&mut tx, thread_id).await?;
    if row.status != "human" {
        return Err(OwnershipError::Invalid {
            action: "hand back",
            status: row.status,
        });
    }
    may_act(&row, actor, is_admin)?;
    set(
        &mut tx,
        thread_id,
        &row,
        "bot",
        None,
        actor,
        reason.or(Some("handed back to the bot")),
    )
    .await?;
    tx.commit().await?;
    Ok(owner(thread_id, &row, "bot", None, true))
}

/// Closes the conversation (from `human` by its owner, or from the queue).
pub async fn resolve(
    pool: &PgPool,
    thread_id: Uuid,
    actor: &Actor,
    is_admin: bool,
    reason: Option<&str>,
) -> Result<Owner, OwnershipError> {
    let mut tx = pool.begin().await?;
    let row = lock(&mut tx, thread_id).await?;
    match row.status.as_str() {
        "human" => may_act(&row, actor, is_admin)?,
        "waiting_human" => {}
        "resolved" => {
            return Ok(owner(
                thread_id,
                &row,
                "resolved",
                row.assignee.as_deref(),
                false,
            ))
        }
        status => {
            return Err(OwnershipError::Invalid {
                action: "resolve",
                status: status.to_string(),
            })
        }
    }
    let keep = row
        .assignee
        .clone()
        .or_else(|| actor.operator().map(str::to_string));
    set(
        &mut tx,
        thread_id,
        &row,
        "resolved",
        keep.as_deref(),
        actor,
        reason.or(Some("resolved")),
    )
    .await?;
    close_request(&mut tx, thread_id, "resolved", None).await?;
    tx.commit().await?;
    Ok(owner(thread_id, &row, "resolved", keep.as_deref(), true))
}

/// Gives a waiting or human-owned thread to `to` (its owner, or any agent for a waiting one).
pub async fn assign(
    pool: &PgPool,
    thread_id: Uuid,
    actor: &Actor,
    is_admin: bool,
    to: &str,
) -> Result<Owner, OwnershipError> {
    let mut tx = pool.begin().await?;
    let row = lock(&mut tx, thread_id).await?;
    match row.status.as_str() {
        "human" => may_act(&row, actor, is_admin)?,
        "waiting_human" => {}
        status => {
            return Err(OwnershipError::Invalid {
                action: "assign",
                status: status.to_string(),
            })
        }
    }
    let reason = format!("assigned to {to}");
    set(
        &mut tx,
        thread_id,
        &row,
        "human",
        Some(to),
        actor,
        Some(&reason),
    )
    .await?;
    close_request(&mut tx, thread_id, "claimed", Some(to)).await?;
    tx.commit().await?;
    Ok(owner(thread_id, &row, "human", Some(to), true))
}

/// A new request for a person, as stored with the thread's move to `waiting_human`.
#[derive(Debug, Clone)]
pub struct NewRequest<'a> {
    pub queue: &'a str,
    pub reason: &'a str,
    pub summary: &'a str,
    pub transcript_excerpt: &'a str,
    pub requested_by: &'a Actor,
    pub sla_secs: u64,
    pub after_hours: bool,
}

/// Moves a bot-owned or resolved thread to `waiting_human` with a handoff request; a
/// thread already waiting or with a person is left as it is (`changed: false`).
pub async fn request(
    pool: &PgPool,
    thread_id: Uuid,
    r: &NewRequest<'_>,
) -> Result<Owner, OwnershipError> {
    let mut tx = pool.begin().await?;
    let row = lock(&mut tx, thread_id).await?;
    if matches!(row.status.as_str(), "waiting_human" | "human") {
        return Ok(owner(
            thread_id,
            &row,
            &row.status.clone(),
            row.assignee.as_deref(),
            false,
        ));
    }
    set(
        &mut tx,
        thread_id,
        &row,
        "waiting_human",
        None,
        r.requested_by,
        Some(r.reason),
    )
    .await?;
    sqlx::query("UPDATE threads SET queue = $2 WHERE id = $1")
        .bind(thread_id)
        .bind(r.queue)
        .execute(&mut *tx)
        .await?;
    // a stale open request (an earlier episode's) ends here
    close_request(&mut tx, thread_id, "superseded", None).await?;
    sqlx::query(
        "INSERT INTO handoffs (id, thread_id, queue, reason, summary, transcript_excerpt, requested_by, sla_due_at, after_hours)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8), $9)",
    )
    .bind(Uuid::now_v7())
    .bind(thread_id)
    .bind(r.queue)
    .bind(r.reason)
    .bind(r.summary)
    .bind(r.transcript_excerpt)
    .bind(r.requested_by.label())
    .bind(r.sla_secs as f64)
    .bind(r.after_hours)
    .execute(&mut *tx)
    .await?;
    outbox(
        &mut tx,
        "handoff.requested",
        serde_json::json!({
            "thread_id": thread_id, "queue": r.queue, "reason": r.reason,
            "summary": r.summary, "after_hours": r.after_hours,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(owner(thread_id, &row, "waiting_human", None, true))
}

/// The customer writes to a resolved conversation: back to the bot, as a new episode
/// (the bot's memory starts fresh; the earlier handoff is not repeated).
pub async fn reopen(pool: &PgPool, thread_id: Uuid) -> Result<Owner, OwnershipError> {
    let mut tx = pool.begin().await?;
    let row = lock(&mut tx, thread_id).await?;
    if row.status != "resolved" {
        return Ok(owner(
            thread_id,
            &row,
            &row.status.clone(),
            row.assignee.as_deref(),
            false,
        ));
    }
    set(
        &mut tx,
        thread_id,
        &row,
        "bot",
        None,
        &Actor::Customer,
        Some("the customer wrote again"),
    )
    .await?;
    sqlx::query(
        "UPDATE threads SET episode = episode + 1, episode_started_at = now() WHERE id = $1",
    )
    .bind(thread_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(owner(thread_id, &row, "bot", None, true))
}

/// Records a stored ticket number on the thread's open handoff request.
pub async fn note_ticket(pool: &PgPool, thread_id: Uuid, number: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE handoffs SET ticket_number = $2 WHERE thread_id = $1 AND closed_at IS NULL",
    )
    .bind(thread_id)
    .bind(number)
    .execute(pool)
    .await?;
    Ok(())
}
