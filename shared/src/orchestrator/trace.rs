//! The turn's states and the record of every transition between them.

use std::time::Instant;

use serde::Serialize;

/// States of the turn state machine: PLAN → (TOOL_LOOP ≤ 3) → DRAFT → GUARDRAIL → RESPOND.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum State {
    Received,
    Plan,
    ToolLoop,
    Draft,
    Guardrail,
    Respond,
    /// Past the SLA: degraded answer and a ticket.
    Degraded,
    /// Handed to a person or blocked before planning.
    Escalate,
}

#[derive(Debug, Clone, Serialize)]
pub struct Transition {
    pub state: State,
    /// Milliseconds since the turn started.
    pub at_ms: u64,
    pub note: String,
}

#[derive(Debug)]
pub struct Trace {
    started: Instant,
    pub transitions: Vec<Transition>,
}

impl Trace {
    pub fn new(started: Instant) -> Self {
        Self {
            started,
            transitions: Vec::new(),
        }
    }

    pub fn enter(&mut self, state: State, note: impl Into<String>) {
        self.transitions.push(Transition {
            state,
            at_ms: self.started.elapsed().as_millis() as u64,
            note: note.into(),
        });
    }

    pub fn elapsed_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }
}
