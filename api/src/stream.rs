//! The events of a streamed reply (`POST /api/agent/messages` with
//! `Accept: text/event-stream`), in order: `meta` once the message is stored, `status`
//! for each step of the turn, `delta` for each sentence that passed the guardrails,
//! `reset` when the sentences so far are void (the answer is being replaced), and
//! finally `done` with the whole reply or `error`.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::widget::MessageResponse;
use crate::ErrorBody;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", content = "data", rename_all = "snake_case")]
pub enum StreamEvent {
    Meta {
        thread_id: Uuid,
        user_message_id: Uuid,
    },
    Status {
        /// The turn's state, lower case: `received`, `plan`, `tool_loop`, `draft`,
        /// `guardrail`, `respond`, `degraded` or `escalate`.
        state: String,
        detail: String,
    },
    Delta {
        /// The next sentence, with its trailing whitespace.
        text: String,
    },
    Reset {},
    Done(Box<MessageResponse>),
    Error(ErrorBody),
}

impl StreamEvent {
    /// The SSE `event:` name.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Meta { .. } => "meta",
            Self::Status { .. } => "status",
            Self::Delta { .. } => "delta",
            Self::Reset {} => "reset",
            Self::Done(_) => "done",
            Self::Error(_) => "error",
        }
    }

    /// The SSE `data:` body.
    pub fn data(&self) -> serde_json::Value {
        let mut tagged = serde_json::to_value(self).unwrap_or_default();
        tagged["data"].take()
    }

    /// Reads an event back from its name and body (clients, tests).
    pub fn parse(name: &str, data: &serde_json::Value) -> Result<Self, serde_json::Error> {
        serde_json::from_value(serde_json::json!({ "event": name, "data": data }))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn names_and_bodies() {
        let delta = StreamEvent::Delta {
            text: "Hello. ".into(),
        };
        assert_eq!(delta.name(), "delta");
        assert_eq!(delta.data(), json!({ "text": "Hello. " }));
        assert_eq!(StreamEvent::Reset {}.data(), json!({}));
        assert_eq!(
            StreamEvent::parse("status", &json!({ "state": "plan", "detail": "4 tools" })).unwrap(),
            StreamEvent::Status {
                state: "plan".into(),
                detail: "4 tools".into()
            }
        );
        let error = StreamEvent::Error(ErrorBody::new("internal", "x"));
        assert_eq!(
            error.data(),
            json!({ "error": { "code": "internal", "message": "x" } })
        );
    }
}
