//! The Brain: plans, picks tools and drafts. It never sees a data store or a secret.
//!
//! Every provider speaks the same small contract: given the system prompt, the
//! conversation so far (user text, earlier assistant turns, tool results marked as
//! untrusted data) and the tool specs, return either tool calls or text. Providers:
//! OpenAI-compatible Chat Completions (`openai.rs`), Anthropic Messages
//! (`anthropic.rs`) and the built-in offline brain (`offline/`). `chain.rs` runs them
//! primary → fallback → offline; `endpoint.rs` builds a remote provider from its config
//! and `pricing.rs` turns token counts into dollars. Remote providers wrap user text and
//! tool results in the delimiters of `untrusted.rs`.

mod anthropic;
mod anthropic_stream;
mod endpoint;
mod http;
mod openai;
mod openai_stream;
mod pricing;
mod sse;
pub mod untrusted;

pub mod chain;
pub mod offline;
pub mod prompts;

use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use anthropic::AnthropicBrain;
pub use endpoint::{endpoint_brain, provider_name, EndpointError};
pub use openai::OpenAiBrain;
pub use pricing::{cost_usd, price_for};

pub use crate::tool_api::{ToolCall, ToolSpec};

/// One entry of the conversation as the Brain sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ChatItem {
    /// The customer's words (untrusted).
    User { text: String },
    /// An earlier assistant turn: text, tool calls, or both.
    Assistant {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        tool_calls: Vec<ToolCall>,
    },
    /// The result of a tool call, as JSON text (untrusted data, never instructions).
    ToolResult {
        call_id: String,
        name: String,
        content: String,
        is_error: bool,
    },
}

/// What a call is for; it sets the sampling temperature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Choosing tools (temperature 0.2).
    Route,
    /// Writing the answer from tool results (temperature 0.5).
    Draft,
}

impl Purpose {
    pub fn temperature(self) -> f32 {
        match self {
            Self::Route => 0.2,
            Self::Draft => 0.5,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Route => "route",
            Self::Draft => "draft",
        }
    }
}

/// One request to a Brain.
#[derive(Debug, Clone)]
pub struct BrainRequest<'a> {
    pub system: &'a str,
    pub prompt_version: &'a str,
    pub history: &'a [ChatItem],
    /// Empty when the Brain must answer in text (the draft step).
    pub tools: &'a [ToolSpec],
    pub purpose: Purpose,
    /// Upper bound for this call; providers must return `BrainError::Timeout` past it.
    pub timeout: Duration,
    /// Where to send the reply's text as it is generated; providers that can stream
    /// (both remote ones) do so when this is set. The full reply is returned either way.
    pub stream: Option<&'a dyn TextSink>,
}

/// Receives a reply's text while the model writes it.
pub trait TextSink: Send + Sync + std::fmt::Debug {
    /// The next piece of text.
    fn text(&self, delta: &str);
    /// What was sent so far is void: another attempt (the fallback model) starts over.
    fn restart(&self);
}

/// Token counts as the provider reported them (estimated for the offline brain: 0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub tokens_in: u32,
    pub tokens_out: u32,
}

/// A Brain's answer: tool calls to run, or the text of the reply (or both).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BrainReply {
    pub text: Option<String>,
    pub tool_calls: Vec<ToolCall>,
    pub usage: Usage,
    /// The model that actually answered, as the provider named it.
    pub model: String,
}

#[derive(Debug, thiserror::Error)]
pub enum BrainError {
    #[error("the model did not answer within {0:?}")]
    Timeout(Duration),
    #[error("the provider answered HTTP {status}: {message}")]
    Http { status: u16, message: String },
    #[error("could not reach the provider: {0}")]
    Transport(String),
    #[error("the provider's answer could not be read: {0}")]
    Malformed(String),
}

impl BrainError {
    /// Stable short name stored in `llm_calls.outcome`.
    pub fn outcome(&self) -> &'static str {
        match self {
            Self::Timeout(_) => "timeout",
            Self::Http { .. } => "http_error",
            Self::Transport(_) => "transport_error",
            Self::Malformed(_) => "malformed",
        }
    }
}

/// A planner/drafter behind the tool-calling contract.
#[async_trait::async_trait]
pub trait Brain: Send + Sync {
    /// Provider name as recorded in `llm_calls.provider` (`openai`, `anthropic`, `offline`).
    fn provider(&self) -> &str;
    /// Configured model name.
    fn model(&self) -> &str;
    async fn complete(&self, request: &BrainRequest<'_>) -> Result<BrainReply, BrainError>;
}
