//! The typed publisher of live events, to the two audiences: the thread's own topic
//! (the customer's widget and anyone watching the conversation; never internal notes)
//! and the queue topic (the console: every change in any thread). Payloads are
//! `frontdesk_api::live`'s types, so the wire is defined once.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Utc;
use frontdesk_api::live::{
    MessagePosted, QueueChange, QueueEvent, StatusChanged, ThreadEvent, Typing, Wire,
};
use frontdesk_api::widget::VisibleRole;
use frontdesk_api::{Citation, ThreadStatus};
use uuid::Uuid;

use super::{EventSink, Topic};

/// A message to announce.
#[derive(Debug, Clone, Copy)]
pub struct Posted<'a> {
    pub id: Uuid,
    /// As stored: `user`, `assistant`, `human_agent` or `note`.
    pub role: &'a str,
    pub content: &'a str,
    pub citations: &'a [Citation],
    /// The person's display name, for `human_agent` messages.
    pub author: Option<&'a str>,
}

#[derive(Clone)]
pub struct Live {
    sink: Arc<dyn EventSink>,
    /// Operator name → the name customers see.
    display_names: Arc<BTreeMap<String, String>>,
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live").finish_non_exhaustive()
    }
}

impl Live {
    pub fn new(sink: Arc<dyn EventSink>, display_names: BTreeMap<String, String>) -> Self {
        Self {
            sink,
            display_names: Arc::new(display_names),
        }
    }

    /// The name customers see for `operator` (its configured display name, else itself).
    pub fn display_name(&self, operator: &str) -> String {
        self.display_names
            .get(operator)
            .cloned()
            .unwrap_or_else(|| operator.to_string())
    }

    async fn thread(&self, thread_id: Uuid, event: ThreadEvent) {
        self.sink
            .send(&Topic::Thread(thread_id), event.kind(), event.data())
            .await;
    }

    async fn queue(&self, thread_id: Uuid, change: QueueChange) {
        let event = QueueEvent { thread_id, change };
        self.sink
            .send(&Topic::Queue, event.kind(), event.data())
            .await;
    }

    /// A message was stored: the customer's, the bot's and a person's reach the
    /// thread's topic; every one, notes included, the queue's.
    pub async fn message(&self, thread_id: Uuid, m: Posted<'_>) {
        let visible = match m.role {
            "user" => Some(VisibleRole::User),
            "assistant" => Some(VisibleRole::Assistant),
            "human_agent" => Some(VisibleRole::HumanAgent),
            _ => None,
        };
        if let Some(role) = visible {
            let posted = MessagePosted {
                id: m.id,
                role,
                content: m.content.to_string(),
                citations: m.citations.to_vec(),
                author: m.author.map(str::to_string),
                created_at: Utc::now(),
            };
            self.thread(thread_id, ThreadEvent::Message(posted)).await;
        }
        let change = QueueChange::Message {
            message_id: m.id,
            role: m.role.to_string(),
        };
        self.queue(thread_id, change).await;
    }

    /// The thread's owner changed; `assignee` is the operator name.
    pub async fn status(
        &self,
        thread_id: Uuid,
        status: ThreadStatus,
        position: Option<i64>,
        assignee: Option<&str>,
    ) {
        let shown = StatusChanged {
            status,
            position,
            assignee: assignee.map(|a| self.display_name(a)),
        };
        self.thread(thread_id, ThreadEvent::Status(shown)).await;
        let change = QueueChange::Status {
            status,
            assignee: assignee.map(str::to_string),
        };
        self.queue(thread_id, change).await;
    }

    /// A person is typing a reply (the widget shows it for a few seconds).
    pub async fn typing(&self, thread_id: Uuid, author: &str) {
        let typing = Typing {
            typing: true,
            author: author.to_string(),
        };
        self.thread(thread_id, ThreadEvent::Typing(typing)).await;
    }

    /// A waiting customer passed the queue's waiting-time SLA.
    pub async fn overdue(&self, thread_id: Uuid, queue: &str) {
        let change = QueueChange::Overdue {
            queue: queue.to_string(),
        };
        self.queue(thread_id, change).await;
    }
}
