//! What a turn returns: the same JSON shape `agentctl ask --json` prints and the API serves.

use frontdesk_api::ThreadStatus;
use serde::Serialize;
use uuid::Uuid;

use super::trace::Transition;
use crate::brain::chain::BrainAttempt;
use crate::kb::Citation;
use crate::tools::ToolRun;

pub use frontdesk_api::Outcome;

/// One tool call as shown to engineers (arguments are not echoed).
#[derive(Debug, Clone, Serialize)]
pub struct ToolCallSummary {
    pub tool: String,
    pub outcome: &'static str,
    pub latency_ms: u64,
    pub attempts: u32,
}

impl ToolCallSummary {
    pub fn of(run: &ToolRun) -> Self {
        Self {
            tool: run.tool.clone(),
            outcome: run.outcome.as_str(),
            latency_ms: run.latency_ms,
            attempts: run.attempts,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TurnResult {
    pub thread_id: Uuid,
    pub user_message_id: Uuid,
    /// The stored reply; `None` when a person owns the thread and the bot stayed silent.
    pub message_id: Option<Uuid>,
    pub answer: String,
    pub citations: Vec<Citation>,
    pub outcome: Outcome,
    pub thread_status: ThreadStatus,
    /// Place in the queue while the thread waits for a person.
    pub queue_position: Option<i64>,
    pub ticket_number: Option<i64>,
    pub tool_calls: Vec<ToolCallSummary>,
    pub trace: Vec<Transition>,
    pub brain: Vec<BrainAttempt>,
    pub guardrail_trips: Vec<&'static str>,
    /// How well a knowledge answer was supported by what it cites (`None`: no
    /// knowledge answer was drafted).
    pub answerability: Option<super::Answerability>,
    pub tokens_in: u32,
    pub tokens_out: u32,
    pub cost_usd: f64,
    pub latency_ms: u64,
}
