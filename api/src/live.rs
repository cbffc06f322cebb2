//! Live events, as agentd stores them and sends them on the `.../events` streams (the
//! SSE `event:` is [`ThreadEvent::kind`] or `thread`, the `data:` the JSON body):
//!
//! - a thread's topic (`GET /api/agent/thread/{id}/events`: the customer's widget and
//!   anyone watching the conversation) carries [`ThreadEvent`]s; internal notes never;
//! - the queue topic (`GET /admin/agent/events`: the console) carries a
//!   [`QueueEvent`] for every change in any thread.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::widget::VisibleRole;
use crate::{Citation, ThreadStatus};

/// The SSE event name of every queue event.
pub const QUEUE_EVENT_KIND: &str = "thread";

/// What happened in one conversation, as its customer may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum ThreadEvent {
    /// A visible message was stored (the customer's, the bot's or a person's).
    Message(MessagePosted),
    /// The owner changed.
    Status(StatusChanged),
    /// A person is typing a reply (the widget shows it for a few seconds).
    Typing(Typing),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessagePosted {
    pub id: Uuid,
    pub role: VisibleRole,
    pub content: String,
    pub citations: Vec<Citation>,
    /// The person's display name, for `human_agent` messages.
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChanged {
    pub status: ThreadStatus,
    /// Place in the queue while waiting for a person.
    pub position: Option<i64>,
    /// The display name of the person who owns the thread.
    pub assignee: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Typing {
    pub typing: bool,
    pub author: String,
}

/// A change in some thread, for the console's queues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueEvent {
    pub thread_id: Uuid,
    #[serde(flatten)]
    pub change: QueueChange,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum QueueChange {
    /// The owner changed; `assignee` is the operator name.
    Status {
        status: ThreadStatus,
        assignee: Option<String>,
    },
    /// A message was stored; `role` is any role, internal notes (`note`) included.
    Message { message_id: Uuid, role: String },
    /// A waiting customer passed the queue's waiting-time SLA.
    Overdue { queue: String },
}

/// An event as `(kind, data)`: the SSE event name and its JSON body.
pub trait Wire: Sized {
    fn kind(&self) -> &'static str;
    fn data(&self) -> serde_json::Value;
    /// Reads an event back from its name and body.
    fn parse(kind: &str, data: &serde_json::Value) -> Result<Self, serde_json::Error>;
}

impl Wire for ThreadEvent {
    fn kind(&self) -> &'static str {
        match self {
            Self::Message(_) => "message",
            Self::Status(_) => "status",
            Self::Typing(_) => "typing",
        }
    }

    fn data(&self) -> serde_json::Value {
        let mut tagged = serde_json::to_value(self).unwrap_or_default();
        tagged["data"].take()
    }

    fn parse(kind: &str, data: &serde_json::Value) -> Result<Self, serde_json::Error> {
        serde_json::from_value(serde_json::json!({ "kind": kind, "data": data }))
    }
}

impl Wire for QueueEvent {
    fn kind(&self) -> &'static str {
        QUEUE_EVENT_KIND
    }

    fn data(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    fn parse(_kind: &str, data: &serde_json::Value) -> Result<Self, serde_json::Error> {
        serde_json::from_value(data.clone())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn thread_events_keep_their_wire_shape() {
        let e = ThreadEvent::Status(StatusChanged {
            status: ThreadStatus::WaitingHuman,
            position: Some(2),
            assignee: None,
        });
        assert_eq!(e.kind(), "status");
        assert_eq!(
            e.data(),
            json!({ "status": "waiting_human", "position": 2, "assignee": null })
        );
        assert_eq!(ThreadEvent::parse(e.kind(), &e.data()).unwrap(), e);
    }

    #[test]
    fn queue_events_keep_their_wire_shape() {
        let id = Uuid::nil();
        let e = QueueEvent {
            thread_id: id,
            change: QueueChange::Status {
                status: ThreadStatus::Human,
                assignee: Some("ana".into()),
            },
        };
        assert_eq!(
            e.data(),
            json!({ "thread_id": id, "change": "status", "status": "human", "assignee": "ana" })
        );
        assert_eq!(QueueEvent::parse("thread", &e.data()).unwrap(), e);
        let overdue = json!({ "thread_id": id, "change": "overdue", "queue": "general" });
        assert_eq!(
            QueueEvent::parse("thread", &overdue).unwrap().change,
            QueueChange::Overdue {
                queue: "general".into()
            }
        );
    }
}
