//! The wire types of agentd's HTTP API, shared by the daemon (which serves them and
//! documents them in its OpenAPI document) and its clients (`agent-console`, tests).
//! This crate depends on nothing else of Frontdesk, so a change to the wire is one edit
//! here and a compile error wherever it matters.
//!
//! Requests refuse unknown fields, so a typo is an error rather than a silent default.
//!
//! - `thread.rs`: [`ThreadStatus`], [`Channel`], [`Outcome`], [`Citation`], [`Priority`]
//!   — the domain words every body uses;
//! - `widget.rs`: `/api/agent/...` (sessions, messages, threads, handoff, feedback);
//! - `admin.rs`: `/admin/agent/...` (tools, knowledge base, metrics, the Agent API);
//! - `stream.rs`: the events of a streamed reply (`POST /api/agent/messages` with
//!   `Accept: text/event-stream`);
//! - `live.rs`: live events of a thread and of the queue (`.../events` streams);
//! - `backoff.rs`: [`Backoff`], the one retry spacing of clients and workers.

pub mod admin;
mod backoff;
pub mod live;
pub mod stream;
mod thread;
pub mod widget;

#[cfg(feature = "sqlx")]
mod text_column;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use backoff::Backoff;
pub use thread::{Channel, Citation, Outcome, Priority, ThreadStatus, UnknownValue};

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

impl ErrorBody {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            error: ErrorDetail {
                code: code.into(),
                message: message.into(),
            },
        }
    }
}
