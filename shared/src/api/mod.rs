//! The wire types of agentd's HTTP API, shared by the daemon (which serves them and
//! documents them in its OpenAPI document) and its clients (`agent-console`, tests).
//! Requests refuse unknown fields, so a typo is an error rather than a silent default.

pub mod admin;
pub mod widget;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Every error response: `{"error": {"code": "...", "message": "..."}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code (`thread_not_found`, `rate_limited`, ...).
    pub code: String,
    /// A sentence for people; may change between versions.
    pub message: String,
}

/// Who owns a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ThreadStatus {
    /// The bot answers.
    Bot,
    /// Handed off; waiting for a person to claim it.
    WaitingHuman,
    /// A person owns it; the bot stays silent.
    Human,
    /// Closed by a person; a new customer message starts a fresh bot episode.
    Resolved,
}

impl ThreadStatus {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "bot" => Self::Bot,
            "waiting_human" => Self::WaitingHuman,
            "human" => Self::Human,
            "resolved" => Self::Resolved,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bot => "bot",
            Self::WaitingHuman => "waiting_human",
            Self::Human => "human",
            Self::Resolved => "resolved",
        }
    }
}
