//! The turn's own ways out: handing the thread to a person with the orchestrator's
//! `handoff_human` call, opening a ticket on its own account (abuse, a withheld
//! answer, models down), and the degraded answer when the SLA runs out.

use std::time::Duration;

use frontdesk_api::Priority;

use super::admit::Admitted;
use super::result::Outcome;
use super::run::Drafted;
use super::trace::{State, StateError};
use super::turn::TurnState;
use super::Agent;
use crate::text::replies;
use crate::tickets::NewTicket;
use crate::tool_api::{HandoffInput, ToolCall, ToolName, ToolResult};
use crate::tools::ToolContext;

/// Hands the thread to a person: ESCALATE (`why` in the trace), then the
/// orchestrator's own `handoff_human` call; the customer reads what it says.
pub async fn escalate(
    agent: &Agent,
    a: &Admitted,
    turn: &mut TurnState,
    why: &str,
    reason: &str,
) -> Result<Drafted, StateError> {
    turn.trace.enter(State::Escalate, why)?;
    let input = HandoffInput {
        reason: reason.to_string(),
        transcript_excerpt: String::new(),
    };
    let call = ToolCall::new("orchestrator-handoff", ToolName::HandoffHuman, &input);
    let ctx = ToolContext {
        thread_id: turn.thread_id,
        channel: a.request.channel,
        identity: &a.request.identity,
    };
    let run = agent.tools.run(&ctx, &call).await;
    let text = match &run.result {
        ToolResult::Handoff(h) if run.succeeded() => h.message.clone(),
        _ => replies::TOOL_FAILED.to_string(),
    };
    turn.tool_runs.push(run);
    Ok(Drafted::new(text, Outcome::Handoff))
}

/// Opens a ticket for this thread on the orchestrator's account; its number, or
/// `None` (logged) when the ticket back end failed.
pub async fn open_ticket(
    agent: &Agent,
    a: &Admitted,
    turn: &mut TurnState,
    reason: &str,
    subject: &str,
    priority: Priority,
) -> Option<i64> {
    let ticket = NewTicket {
        thread_id: Some(turn.thread_id),
        reason: reason.into(),
        email: a.request.identity.verified_email().map(str::to_string),
        subject: subject.into(),
        body: format!(
            "Please review the conversation {} and follow up with the customer.",
            turn.thread_id
        ),
        priority,
    };
    match agent.tools.open_ticket(&ticket).await {
        Ok(t) => {
            turn.ticket_number = Some(t.number);
            Some(t.number)
        }
        Err(error) => {
            tracing::error!(%error, reason, "could not open a ticket");
            None
        }
    }
}

/// The SLA ran out: DEGRADED, the apology and a high-priority ticket.
pub async fn degrade(
    agent: &Agent,
    a: &Admitted,
    turn: &mut TurnState,
) -> Result<Drafted, StateError> {
    turn.trace.enter(
        State::Degraded,
        format!("turn SLA of {} ms missed", agent.config.turn_sla_ms),
    )?;
    let ticket = NewTicket {
        thread_id: Some(turn.thread_id),
        reason: "sla_degraded".into(),
        email: a.request.identity.verified_email().map(str::to_string),
        subject: "Follow up: the assistant could not answer in time".into(),
        body: frontdesk_redact::pii::mask(a.message()).into_owned(),
        priority: Priority::High,
    };
    let opening = tokio::time::timeout(Duration::from_secs(2), agent.tools.open_ticket(&ticket));
    match opening.await {
        Ok(Ok(t)) => turn.ticket_number = Some(t.number),
        Ok(Err(error)) => tracing::error!(%error, "could not open the degraded-turn ticket"),
        Err(_) => tracing::error!("opening the degraded-turn ticket timed out"),
    }
    Ok(Drafted::new(replies::DEGRADED, Outcome::Ticket))
}
