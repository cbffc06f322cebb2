//! Who owns a conversation, in Postgres: each change locks the thread row
//! (`SELECT ... FOR UPDATE`), asks the pure state machine (`transition.rs`) whether
//! and where the action leads, updates the row and records the transition (who, when,
//! why) in one transaction. Two agents claiming at once are serialised, and the second
//! is told who won.

use frontdesk_api::ThreadStatus;
use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

use super::transition::{self, Acting, Action, Next, Refused};

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
    #[error(transparent)]
    Refused(#[from] Refused),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The thread's owner after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub thread_id: Uuid,
    pub from: ThreadStatus,
    pub status: ThreadStatus,
    pub assignee: Option<String>,
    /// False when the thread was already in the requested state (nothing recorded).
    pub changed: bool,
}

/// The locked row, and what the action does to it.
struct Locked<'c> {
    tx: Transaction<'c, Postgres>,
    thread_id: Uuid,
    from: ThreadStatus,
    assignee: Option<String>,
}

enum Begun<'c> {
    /// Go on: move the thread to `to` (and commit).
    Change(Locked<'c>, ThreadStatus),
    /// Already there; nothing to write.
    Same(Owner),
}

/// Locks the thread and decides `action` by `actor`.
async fn begin<'c>(
    pool: &'c PgPool,
    thread_id: Uuid,
    action: Action,
    actor: &Actor,
    is_admin: bool,
) -> Result<Begun<'c>, OwnershipError> {
    let mut tx = pool.begin().await?;
    let row: Option<(ThreadStatus, Option<String>)> =
        sqlx::query_as("SELECT status, assignee FROM threads WHERE id = $1 FOR UPDATE")
            .bind(thread_id)
            .fetch_optional(&mut *tx)
            .await?;
    let (from, assignee) = row.ok_or(OwnershipError::NotFound)?;
    let by = Acting {
        operator: actor.operator(),
        is_admin,
    };
    Ok(
        match transition::decide(from, assignee.as_deref(), action, by)? {
            Next::Stay => Begun::Same(Owner {
                thread_id,
                from,
                status: from,
                assignee,
                changed: false,
            }),
            Next::To(to) => Begun::Change(
                Locked {
                    tx,
                    thread_id,
                    from,
                    assignee,
                },
                to,
            ),
        },
    )
}

impl Locked<'_> {
    /// Moves the thread to `to` with `assignee` and records the transition.
    async fn set(
        &mut self,
        to: ThreadStatus,
        assignee: Option<&str>,
        actor: &Actor,
        reason: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE threads SET status = $2, assignee = $3, updated_at = now(),
                queue = CASE WHEN $2 IN ('bot', 'resolved') THEN NULL ELSE queue END
             WHERE id = $1",
        )
        .bind(self.thread_id)
        .bind(to)
        .bind(assignee)
        .execute(&mut *self.tx)
        .await?;
        sqlx::query(
            "INSERT INTO thread_transitions (thread_id, from_status, to_status, assignee, actor, reason)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(self.thread_id)
        .bind(self.from)
        .bind(to)
        .bind(assignee)
        .bind(actor.label())
        .bind(reason)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Closes the thread's open handoff request with `outcome`.
    async fn close_request(&mut self, outcome: &str, by: Option<&str>) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE handoffs SET closed_at = now(), outcome = $2,
                claimed_by = CASE WHEN $2 = 'claimed' THEN $3 ELSE claimed_by END,
                claimed_at = CASE WHEN $2 = 'claimed' THEN now() ELSE claimed_at END
             WHERE thread_id = $1 AND closed_at IS NULL",
        )
        .bind(self.thread_id)
        .bind(outcome)
        .bind(by)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn outbox(&mut self, event: &str, payload: serde_json::Value) -> Result<(), sqlx::Error> {
        sqlx::query("INSERT INTO outbox (event, payload) VALUES ($1, $2)")
            .bind(event)
            .bind(payload)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    async fn commit(self, to: ThreadStatus, assignee: Option<&str>) -> Result<Owner, sqlx::Error> {
        self.tx.commit().await?;
        Ok(Owner {
            thread_id: self.thread_id,
            from: self.from,
            status: to,
            assignee: assignee.map(str::to_string),
            changed: true,
        })
    }
}

/// `operator` takes the thread: from `waiting_human`, or a takeover from the bot.
pub async fn claim(
    pool: &PgPool,
    thread_id: Uuid,
    operator: &str,
    reason: Option<&str>,
) -> Result<Owner, OwnershipError> {
    let actor = Actor::Operator(operator.to_string());
    let (mut t, to) = match begin(pool, thread_id, Action::Claim, &actor, false).await? {
        Begun::Same(owner) => return Ok(owner),
        Begun::Change(t, to) => (t, to),
    };
    let takeover = t.from == ThreadStatus::Bot;
    let reason = reason.or(Some(if takeover {
        "taken over from the bot"
    } else {
        "claimed from the queue"
    }));
    t.set(to, Some(operator), &actor, reason).await?;
    t.close_request("claimed", Some(operator)).await?;
    let event = if takeover {
        "handoff.takeover"
    } else {
        "handoff.claimed"
    };
    t.outbox(
        event,
        serde_json::json!({ "thread_id": thread_id, "operator": operator }),
    )
    .await?;
    Ok(t.commit(to, Some(operator)).await?)
}

/// The owner gives the thread back to the bot.
pub async fn hand_back(
    pool: &PgPool,
    thread_id: Uuid,
    actor: &Actor,
    is_admin: bool,
    reason: Option<&str>,
) -> Result<Owner, OwnershipError> {
    let (mut t, to) = match begin(pool, thread_id, Action::HandBack, actor, is_admin).await? {
        Begun::Same(owner) => return Ok(owner),
        Begun::Change(t, to) => (t, to),
    };
    let reason = reason.or(Some("handed back to the bot"));
    t.set(to, None, actor, reason).await?;
    Ok(t.commit(to, None).await?)
}

/// Closes the conversation (from `human` by its owner, or from the queue).
pub async fn resolve(
    pool: &PgPool,
    thread_id: Uuid,
    actor: &Actor,
    is_admin: bool,
    reason: Option<&str>,
) -> Result<Owner, OwnershipError> {
    let (mut t, to) = match begin(pool, thread_id, Action::Resolve, actor, is_admin).await? {
        Begun::Same(owner) => return Ok(owner),
        Begun::Change(t, to) => (t, to),
    };
    let keep = t
        .assignee
        .clone()
        .or_else(|| actor.operator().map(str::to_string));
    t.set(to, keep.as_deref(), actor, reason.or(Some("resolved")))
        .await?;
    t.close_request("resolved", None).await?;
    Ok(t.commit(to, keep.as_deref()).await?)
}

/// Gives a waiting or human-owned thread to `to` (its owner, or any agent for a waiting one).
pub async fn assign(
    pool: &PgPool,
    thread_id: Uuid,
    actor: &Actor,
    is_admin: bool,
    to: &str,
) -> Result<Owner, OwnershipError> {
    let (mut t, status) = match begin(pool, thread_id, Action::Assign, actor, is_admin).await? {
        Begun::Same(owner) => return Ok(owner),
        Begun::Change(t, status) => (t, status),
    };
    let reason = format!("assigned to {to}");
    t.set(status, Some(to), actor, Some(&reason)).await?;
    t.close_request("claimed", Some(to)).await?;
    Ok(t.commit(status, Some(to)).await?)
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
    let (mut t, to) = match begin(pool, thread_id, Action::Request, r.requested_by, false).await? {
        Begun::Same(owner) => return Ok(owner),
        Begun::Change(t, to) => (t, to),
    };
    t.set(to, None, r.requested_by, Some(r.reason)).await?;
    sqlx::query("UPDATE threads SET queue = $2 WHERE id = $1")
        .bind(thread_id)
        .bind(r.queue)
        .execute(&mut *t.tx)
        .await?;
    // a stale open request (an earlier episode's) ends here
    t.close_request("superseded", None).await?;
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
    .execute(&mut *t.tx)
    .await?;
    t.outbox(
        "handoff.requested",
        serde_json::json!({
            "thread_id": thread_id, "queue": r.queue, "reason": r.reason,
            "summary": r.summary, "after_hours": r.after_hours,
        }),
    )
    .await?;
    Ok(t.commit(to, None).await?)
}

/// The customer writes to a resolved conversation: back to the bot, as a new episode
/// (the bot's memory starts fresh; the earlier handoff is not repeated).
pub async fn reopen(pool: &PgPool, thread_id: Uuid) -> Result<Owner, OwnershipError> {
    let actor = Actor::Customer;
    let (mut t, to) = match begin(pool, thread_id, Action::Reopen, &actor, false).await? {
        Begun::Same(owner) => return Ok(owner),
        Begun::Change(t, to) => (t, to),
    };
    t.set(to, None, &actor, Some("the customer wrote again"))
        .await?;
    sqlx::query(
        "UPDATE threads SET episode = episode + 1, episode_started_at = now() WHERE id = $1",
    )
    .bind(thread_id)
    .execute(&mut *t.tx)
    .await?;
    Ok(t.commit(to, None).await?)
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
