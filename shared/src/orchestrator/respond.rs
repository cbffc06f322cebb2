//! The two ends of a turn that touch the record: storing the customer's message first
//! (a resolved thread reopens as a new episode; the message is announced live), and
//! RESPOND — the reply stored with its citations, outcome and trace, memory updated,
//! the session's LLM spend settled, and the reply and any change of owner announced.

use frontdesk_api::ThreadStatus;
use uuid::Uuid;

use super::admit::Admitted;
use super::run::Drafted;
use super::trace::State;
use super::turn::TurnState;
use super::{Agent, TurnError, TurnResult};
use crate::brain::ChatItem;
use crate::events::live::Posted;
use crate::handoff::OwnershipError;

impl Agent {
    /// Creates the thread if needed, reopens a resolved one, stores the message; the
    /// thread's status and the message id.
    pub(super) async fn store_message(
        &self,
        a: &Admitted,
    ) -> Result<(ThreadStatus, Uuid), TurnError> {
        let request = &a.request;
        let thread = crate::threads::ensure(
            &self.pool,
            a.thread_id(),
            request.channel,
            request.session_id.as_deref(),
            request.identity.verified_email(),
        )
        .await?;
        let mut status = thread.status;
        // a resolved conversation the customer writes to again is a new bot episode
        if status == ThreadStatus::Resolved {
            match crate::handoff::ownership::reopen(&self.pool, thread.id).await {
                Ok(owner) => {
                    status = owner.status;
                    self.memory.forget(thread.id).await;
                }
                Err(OwnershipError::Db(e)) => return Err(TurnError::Store(e)),
                Err(error) => tracing::warn!(%error, "could not reopen the conversation"),
            }
        }
        // stored first: whatever happens next, the message is on record
        let id =
            crate::threads::append(&self.pool, thread.id, "user", a.message(), None, None).await?;
        request.progress.send(super::TurnEvent::Stored {
            thread_id: thread.id,
            user_message_id: id,
        });
        let posted = Posted {
            id,
            role: "user",
            content: a.message(),
            citations: &[],
            author: None,
        };
        self.live.message(thread.id, posted).await;
        Ok((status, id))
    }

    /// RESPOND: stores the reply, remembers the exchange, settles the spend, announces.
    pub(super) async fn respond(
        &self,
        a: &Admitted,
        drafted: Drafted,
        mut turn: TurnState,
    ) -> Result<TurnResult, TurnError> {
        turn.trace.enter(State::Respond, drafted.outcome.as_str())?;
        let standing = crate::threads::standing(&self.pool, turn.thread_id).await?;
        let mut result = turn.finish(drafted.answer, drafted.outcome, &standing);
        let payload = serde_json::json!({
            "outcome": result.outcome,
            "citations": result.citations,
            "ticket_number": result.ticket_number,
            "trace": result.trace,
            "tool_calls": result.tool_calls,
            "guardrail_trips": result.guardrail_trips,
            "answerability": result.answerability,
        });
        let id = crate::threads::append(
            &self.pool,
            result.thread_id,
            "assistant",
            &result.answer,
            None,
            Some(&payload),
        )
        .await?;
        result.message_id = Some(id);
        let exchange = [
            ChatItem::User {
                text: a.message().to_string(),
            },
            ChatItem::Assistant {
                text: Some(result.answer.clone()),
                tool_calls: Vec::new(),
            },
        ];
        self.memory.push(result.thread_id, &exchange).await;
        self.settle(a, &result).await;
        self.announce(a, &result, &standing, id).await;
        Ok(result)
    }

    /// Counts the turn's LLM tokens and dollars against the caller's session.
    async fn settle(&self, a: &Admitted, result: &TurnResult) {
        let (Some(budget), Some(session)) = (&self.budget, &a.request.session_id) else {
            return;
        };
        let tokens = u64::from(result.tokens_in) + u64::from(result.tokens_out);
        if let Err(error) = budget.record(session, tokens, result.cost_usd).await {
            tracing::warn!(%error, "could not record the session's LLM spend");
        }
    }

    /// The reply, and the new owner when the turn changed it (a handoff).
    async fn announce(
        &self,
        a: &Admitted,
        result: &TurnResult,
        standing: &super::Standing,
        reply_id: Uuid,
    ) {
        let reply = Posted {
            id: reply_id,
            role: "assistant",
            content: &result.answer,
            citations: &result.citations,
            author: None,
        };
        self.live.message(result.thread_id, reply).await;
        if standing.status != a.previous_status() {
            self.live
                .status(
                    result.thread_id,
                    standing.status,
                    standing.queue_position,
                    standing.assignee.as_deref(),
                )
                .await;
        }
    }
}
