//! Handing a conversation to a person (the `handoff_human` tool and the widget's
//! button share this): the request with its summary and transcript excerpt, the move to
//! `waiting_human`, and the truth about what happens next — the place in the queue and
//! the usual wait, or, outside business hours, a ticket and an email follow-up.

use chrono::Utc;
use frontdesk_api::ThreadStatus;
use uuid::Uuid;

use super::Toolbox;
use crate::handoff::ownership::{self, Actor, NewRequest};
use crate::handoff::{hours, summary};
use crate::tickets::{NewTicket, Priority};

/// What a handoff request did, and what to tell the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoffOutcome {
    /// The thread's status afterwards.
    pub status: ThreadStatus,
    /// False when the thread already waited for, or was with, a person.
    pub queued_now: bool,
    /// Place in the queue (1 = next) while waiting.
    pub position: Option<i64>,
    /// The queue's recent median wait, when there is history to tell.
    pub expected_wait_secs: Option<i64>,
    pub after_hours: bool,
    pub ticket_number: Option<i64>,
    /// The sentence for the customer.
    pub message: String,
}

impl Toolbox {
    /// Asks for a person for `thread_id`; `email` is where an after-hours follow-up goes.
    pub async fn hand_off(
        &self,
        thread_id: Uuid,
        reason: &str,
        transcript_excerpt: &str,
        requested_by: Actor,
        email: Option<&str>,
    ) -> Result<HandoffOutcome, String> {
        let config = &self.handoff;
        let messages = crate::threads::visible_in_episode(&self.pool, thread_id, 20)
            .await
            .map_err(|e| e.to_string())?;
        let summary = summary::summarize(&messages, reason);
        let now = Utc::now();
        let after_hours = !hours::is_open(&config.hours, now);
        let queue = config.default_queue.as_str();
        let owner = ownership::request(
            &self.pool,
            thread_id,
            &NewRequest {
                queue,
                reason,
                summary: &summary,
                transcript_excerpt: &frontdesk_redact::pii::mask(transcript_excerpt),
                requested_by: &requested_by,
                sla_secs: config.wait_sla_secs(queue),
                after_hours,
            },
        )
        .await
        .map_err(|e| e.to_string())?;
        let waiting = owner.status == ThreadStatus::WaitingHuman;
        let position = if waiting {
            Some(
                crate::threads::queue_position(&self.pool, thread_id)
                    .await
                    .map_err(|e| e.to_string())?,
            )
        } else {
            None
        };
        let expected_wait_secs = if waiting {
            self.median_wait(queue).await
        } else {
            None
        };
        let email = email.map(str::to_string).or_else(|| {
            messages
                .iter()
                .rev()
                .filter(|m| m.role == "user")
                .find_map(|m| frontdesk_redact::email::find_email(&m.content))
        });
        let mut ticket_number = None;
        if owner.changed && after_hours {
            let ticket = NewTicket {
                thread_id: Some(thread_id),
                reason: "after_hours_handoff".into(),
                email: email.clone(),
                subject: "Follow up: the customer asked for a person outside business hours".into(),
                body: summary.clone(),
                priority: Priority::Normal,
            };
            match self.open_ticket(&ticket).await {
                Ok(t) => {
                    ticket_number = Some(t.number);
                    let _ = ownership::note_ticket(&self.pool, thread_id, t.number).await;
                }
                Err(error) => tracing::error!(%error, "could not open the after-hours ticket"),
            }
        }
        let message = if owner.status == ThreadStatus::Human {
            "A member of our team is already looking after this conversation and will reply here."
                .to_string()
        } else if after_hours && owner.changed {
            let back = hours::next_open(&config.hours, now)
                .map(|at| format!(" — we're back {}", hours::describe(&at, now)))
                .unwrap_or_default();
            let follow_up = match (ticket_number, email.is_some()) {
                (Some(n), true) => format!(" I've opened ticket #{n}, and we'll reply to you by email."),
                (Some(n), false) => format!(
                    " I've opened ticket #{n}; leave your email address here and we'll reply to you by email."
                ),
                (None, _) => " Leave your email address here and we'll reply to you by email.".to_string(),
            };
            format!("Our team is offline right now{back}.{follow_up}")
        } else {
            let wait = expected_wait_secs
                .map(|s| format!(" (usually about {} min)", (s + 59) / 60))
                .unwrap_or_default();
            match position {
                Some(1) | None => format!(
                    "I've asked a member of our team to take over. You're next in the queue{wait}; they'll reply right here."
                ),
                Some(p) => format!(
                    "I've asked a member of our team to take over. You're number {p} in the queue{wait}; they'll reply right here."
                ),
            }
        };
        Ok(HandoffOutcome {
            status: owner.status,
            queued_now: owner.changed,
            position,
            expected_wait_secs,
            after_hours,
            ticket_number,
            message,
        })
    }

    /// The median time from request to claim over the queue's last 20 claims (a week).
    async fn median_wait(&self, queue: &str) -> Option<i64> {
        sqlx::query_scalar::<_, Option<f64>>(
            "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY w) FROM (
                SELECT extract(epoch FROM claimed_at - created_at) AS w FROM handoffs
                WHERE queue = $1 AND claimed_at IS NOT NULL AND claimed_at > now() - interval '7 days'
                ORDER BY claimed_at DESC LIMIT 20) recent",
        )
        .bind(queue)
        .fetch_one(&self.pool)
        .await
        .ok()
        .flatten()
        .map(|s| s.round() as i64)
    }
}
