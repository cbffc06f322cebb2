//! The widget's endpoints (`/api/agent/...`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{Citation, Outcome, ThreadStatus};

/// `POST /api/agent/session`: `{}` for an anonymous visitor, or the WordPress JWT.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionRequest {
    /// The JWT the WordPress plugin minted for a signed-in customer.
    #[serde(default)]
    pub user_token: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SessionResponse {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    pub expires_at: DateTime<Utc>,
    /// Seconds until `expires_at`; rotate before half of it has passed.
    pub expires_in: u64,
    /// True when the session carries a verified email (signed-in customer).
    pub verified: bool,
    pub display_name: Option<String>,
}

/// `POST /api/agent/messages`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageRequest {
    /// Continue this conversation; absent = start a new one.
    #[serde(default)]
    pub thread_id: Option<Uuid>,
    /// The customer's message (at most `server.max_message_chars`, 2000 by default).
    #[schema(max_length = 4000)]
    pub user_msg: String,
}

/// The reply to a customer message (also the `done` event of the stream).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MessageResponse {
    pub thread_id: Uuid,
    pub user_message_id: Uuid,
    /// The stored reply; null when a person owns the thread and the bot stayed silent.
    pub message_id: Option<Uuid>,
    pub answer: String,
    pub citations: Vec<Citation>,
    pub outcome: Outcome,
    pub thread_status: ThreadStatus,
    pub ticket_number: Option<i64>,
    /// Set when the thread waits for a person.
    pub handoff: Option<HandoffInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HandoffInfo {
    /// Place in the queue (1 = next), when known.
    pub position: Option<i64>,
}

/// `GET /api/agent/thread/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ThreadView {
    pub thread_id: Uuid,
    pub status: ThreadStatus,
    /// The display name of the person who owns the thread.
    pub assignee: Option<String>,
    /// The last messages, oldest first.
    pub messages: Vec<MessageView>,
}

/// Who wrote a message, as the customer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VisibleRole {
    User,
    Assistant,
    HumanAgent,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MessageView {
    pub id: Uuid,
    pub role: VisibleRole,
    pub content: String,
    pub citations: Vec<Citation>,
    /// The person's name, for `human_agent` messages.
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/agent/handoff`: the "talk to a human" button.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HandoffRequest {
    pub thread_id: Uuid,
    #[serde(default)]
    #[schema(max_length = 500)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HandoffResponse {
    pub thread_id: Uuid,
    pub thread_status: ThreadStatus,
    pub position: Option<i64>,
    /// What the customer is told happens next.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Up,
    Down,
}

impl Rating {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Up => "up",
            Self::Down => "down",
        }
    }
}

/// `POST /api/agent/feedback`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackRequest {
    pub thread_id: Uuid,
    pub message_id: Uuid,
    pub rating: Rating,
    /// At most 10, each 1 to 40 characters.
    #[serde(default)]
    #[schema(max_items = 10)]
    pub tags: Vec<String>,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FeedbackResponse {
    pub id: Uuid,
    pub message_id: Uuid,
    pub rating: Rating,
}
