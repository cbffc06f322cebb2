//! The turn's states and the record of every transition between them.

use std::time::Instant;

use serde::Serialize;

use super::progress::{Progress, TurnEvent};

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
    progress: Progress,
}

impl Trace {
    pub fn new(started: Instant, progress: Progress) -> Self {
        Self {
            started,
            transitions: Vec::new(),
            progress,
        }
    }

    pub fn enter(&mut self, state: State, note: impl Into<String>) {
        let note = note.into();
        self.progress.send(TurnEvent::Step {
            state,
            note: note.clone(),
        });
        self.transitions.push(Transition {
            state,
            at_ms: self.started.elapsed().as_millis() as u64,
            note,
        });
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn elapsed_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }
}
