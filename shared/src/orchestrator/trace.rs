//! The turn's states, which moves between them are allowed, and the record of every
//! transition. An invalid move is an error ([`StateError`]), not a line in a log: the
//! turn that attempts one fails instead of answering.

use std::time::Instant;

use serde::Serialize;

use super::progress::{Progress, TurnEvent};

/// States of the turn state machine: PLAN → (TOOL_LOOP ≤ 3) → DRAFT → GUARDRAIL → RESPOND.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
    /// Handed to a person, refused, or silent while a person owns the thread.
    Escalate,
}

impl State {
    pub const ALL: [State; 8] = [
        Self::Received,
        Self::Plan,
        Self::ToolLoop,
        Self::Draft,
        Self::Guardrail,
        Self::Respond,
        Self::Degraded,
        Self::Escalate,
    ];

    /// Lower case, as the streaming API names it (`tool_loop`).
    pub fn wire_name(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Plan => "plan",
            Self::ToolLoop => "tool_loop",
            Self::Draft => "draft",
            Self::Guardrail => "guardrail",
            Self::Respond => "respond",
            Self::Degraded => "degraded",
            Self::Escalate => "escalate",
        }
    }
}

/// Whether the turn may move from `from` (`None`: nothing yet) to `to`.
///
/// The planned path is Received → Plan → ToolLoop* → Draft → Guardrail → Respond. A
/// corrective retry goes back from ToolLoop to Plan; a draft that cited nothing is
/// re-drafted (Guardrail → Draft); a Brain that answers without tools goes straight
/// from Plan to Guardrail. Escalate (hand off, block, stay silent) is reachable before
/// Respond; Degraded from anywhere but the end, when the SLA runs out.
pub fn allowed(from: Option<State>, to: State) -> bool {
    use State as S;
    match (from, to) {
        (None, S::Received) => true,
        (None, _) | (Some(S::Respond), _) => false,
        (Some(S::Degraded), to) => to == S::Respond,
        (Some(_), S::Degraded) => true,
        (Some(S::Escalate), to) => to == S::Respond,
        (Some(_), S::Escalate) => true,
        (Some(S::Received), to) => to == S::Plan,
        (Some(S::Plan), to) => matches!(to, S::ToolLoop | S::Draft | S::Guardrail),
        (Some(S::ToolLoop), to) => matches!(to, S::ToolLoop | S::Plan | S::Draft),
        (Some(S::Draft), to) => matches!(to, S::Draft | S::Guardrail),
        (Some(S::Guardrail), to) => matches!(to, S::Draft | S::Respond),
    }
}

/// A move the state machine does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the turn cannot move from {from:?} to {to:?}")]
pub struct StateError {
    pub from: Option<State>,
    pub to: State,
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

    pub fn state(&self) -> Option<State> {
        self.transitions.last().map(|t| t.state)
    }

    /// Moves to `state`, recorded and reported; refused when the move is not allowed.
    pub fn enter(&mut self, state: State, note: impl Into<String>) -> Result<(), StateError> {
        let from = self.state();
        if !allowed(from, state) {
            return Err(StateError { from, to: state });
        }
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
        Ok(())
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn elapsed_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use State as S;

    /// Every (from, to) pair: the allowed ones listed, every other one refused.
    #[test]
    fn every_pair() {
        let allowed_moves: &[(Option<S>, &[S])] = &[
            (None, &[S::Received]),
            (Some(S::Received), &[S::Plan, S::Escalate, S::Degraded]),
            (
                Some(S::Plan),
                &[
                    S::ToolLoop,
                    S::Draft,
                    S::Guardrail,
                    S::Escalate,
                    S::Degraded,
                ],
            ),
            (
                Some(S::ToolLoop),
                &[S::ToolLoop, S::Plan, S::Draft, S::Escalate, S::Degraded],
            ),
            (
                Some(S::Draft),
                &[S::Draft, S::Guardrail, S::Escalate, S::Degraded],
            ),
            (
                Some(S::Guardrail),
                &[S::Draft, S::Respond, S::Escalate, S::Degraded],
            ),
            // the SLA may run out while the handoff itself is under way
            (Some(S::Escalate), &[S::Respond, S::Degraded]),
            (Some(S::Degraded), &[S::Respond]),
            (Some(S::Respond), &[]),
        ];
        assert_eq!(allowed_moves.len(), S::ALL.len() + 1);
        for (from, to_ok) in allowed_moves {
            for to in S::ALL {
                assert_eq!(allowed(*from, to), to_ok.contains(&to), "{from:?} → {to:?}");
            }
        }
    }

    #[test]
    fn an_invalid_move_is_an_error_and_not_recorded() {
        let mut trace = Trace::new(Instant::now(), Progress::default());
        assert_eq!(
            trace.enter(S::Plan, "too early"),
            Err(StateError {
                from: None,
                to: S::Plan
            })
        );
        trace.enter(S::Received, "thread bot").unwrap();
        trace.enter(S::Plan, "4 tools offered").unwrap();
        assert!(trace.enter(S::Respond, "skipping the guardrail").is_err());
        assert_eq!(trace.state(), Some(S::Plan));
        assert_eq!(trace.transitions.len(), 2);
    }
}
