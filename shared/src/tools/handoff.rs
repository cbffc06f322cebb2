//! Handing a conversation to a person (the `handoff_human` tool and the widget's
//! button share this): the request with its summary and transcript excerpt, the move to
//! `waiting_human`, and the truth about what happens next — the place in the queue and
//! the usual wait, or, outside business hours, a ticket and an email follow-up. The
//! words are `text::replies::handoff`'s; this file only finds the facts.

use chrono::Utc;
use frontdesk_api::{Priority, ThreadStatus};
use uuid::Uuid;

use super::Toolbox;
use crate::handoff::ownership::{self, Actor, NewRequest, Owner};
use crate::handoff::{hours, summary};
use crate::text::replies::{self, HandoffNews};
use crate::tickets::NewTicket;

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
        let summary = summary::summarize(&messages, reason, email);
        let now = Utc::now();
        let after_hours = !hours::is_open(&config.hours, now);
        let queue = config.default_queue.as_str();
        let request = NewRequest {
            queue,
            reason,
            summary: &summary,
            transcript_excerpt: &frontdesk_redact::pii::mask_for_staff(transcript_excerpt, email),
            requested_by: &requested_by,
            sla_secs: config.wait_sla_secs(queue),
            after_hours,
        };
        let owner = ownership::request(&self.pool, thread_id, &request)
            .await
            .map_err(|e| e.to_string())?;
        let (position, expected_wait_secs) = self.place_in_queue(&owner, queue).await?;
        // where to follow up: the verified address, else one the customer typed
        let email = email.map(str::to_string).or_else(|| {
            messages
                .iter()
                .rev()
                .filter(|m| m.role == "user")
                .find_map(|m| crate::text::slots::email(&m.content))
        });
        let ticket_number = if owner.changed && after_hours {
            self.after_hours_ticket(thread_id, email.clone(), &summary)
                .await
        } else {
            None
        };
        let news = if owner.status == ThreadStatus::Human {
            HandoffNews::AlreadyWithPerson
        } else if after_hours && owner.changed {
            HandoffNews::AfterHours {
                back: hours::next_open(&config.hours, now),
                ticket: ticket_number,
                has_email: email.is_some(),
            }
        } else {
            HandoffNews::Queued {
                position,
                usual_wait_secs: expected_wait_secs,
            }
        };
        Ok(HandoffOutcome {
            status: owner.status,
            queued_now: owner.changed,
            position,
            expected_wait_secs,
            after_hours,
            ticket_number,
            message: replies::handoff(news, now),
        })
    }

    /// The place in the queue and the usual wait, while the thread waits.
    async fn place_in_queue(
        &self,
        owner: &Owner,
        queue: &str,
    ) -> Result<(Option<i64>, Option<i64>), String> {
        if owner.status != ThreadStatus::WaitingHuman {
            return Ok((None, None));
        }
        let position = crate::threads::queue_position(&self.pool, owner.thread_id)
            .await
            .map_err(|e| e.to_string())?;
        Ok((Some(position), self.median_wait(queue).await))
    }

    /// Opens the follow-up ticket of a handoff nobody can take now.
    async fn after_hours_ticket(
        &self,
        thread_id: Uuid,
        email: Option<String>,
        summary: &str,
    ) -> Option<i64> {
        let ticket = NewTicket {
            thread_id: Some(thread_id),
            reason: "after_hours_handoff".into(),
            email,
            subject: "Follow up: the customer asked for a person outside business hours".into(),
            body: summary.to_string(),
            priority: Priority::Normal,
        };
        match self.open_ticket(&ticket).await {
            Ok(t) => {
                let _ = ownership::note_ticket(&self.pool, thread_id, t.number).await;
                Some(t.number)
            }
            Err(error) => {
                tracing::error!(%error, "could not open the after-hours ticket");
                None
            }
        }
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
