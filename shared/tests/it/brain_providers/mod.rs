//! The remote Brains against the scripted LLM server: the same cases for the
//! OpenAI-compatible and the Anthropic wire, through real HTTP.

use std::sync::Arc;
use std::time::Duration;

use frontdesk::brain::{
    endpoint_brain, Brain, BrainError, BrainReply, BrainRequest, ChatItem, Purpose, ToolSpec,
};
use frontdesk::config::LlmEndpoint;
use serde_json::json;

use crate::support::ScriptedLlm;

const SYSTEM: &str = "You are the support assistant of Acme.";
const TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Provider {
    OpenAi,
    Anthropic,
}

impl Provider {
    fn model(self) -> &'static str {
        match self {
            Self::OpenAi => "gpt-4o-mini",
            Self::Anthropic => "claude-3-5-haiku-latest",
        }
    }

    fn endpoint(self, llm: &ScriptedLlm) -> LlmEndpoint {
        match self {
            Self::OpenAi => llm.openai_endpoint(self.model()),
            Self::Anthropic => llm.anthropic_endpoint(self.model()),
        }
    }

    fn brain(self, llm: &ScriptedLlm) -> Arc<dyn Brain> {
        build(&self.endpoint(llm))
    }
}

fn build(endpoint: &LlmEndpoint) -> Arc<dyn Brain> {
    endpoint_brain(endpoint)
        .expect("valid endpoint")
        .expect("a provider is configured")
}

fn search_kb() -> ToolSpec {
    ToolSpec {
        name: "search_kb".into(),
        description: "Search the help centre.".into(),
        parameters: json!({
            "type": "object",
            "properties": {
                "query": {"type": "string"},
                "top_k": {"type": "integer", "minimum": 1, "maximum": 8},
            },
            "required": ["query"],
            "additionalProperties": false,
        }),
    }
}

fn user(text: &str) -> ChatItem {
    ChatItem::User { text: text.into() }
}

async fn ask(
    brain: &dyn Brain,
    history: &[ChatItem],
    tools: &[ToolSpec],
    purpose: Purpose,
    timeout: Duration,
) -> Result<BrainReply, BrainError> {
    brain
        .complete(&BrainRequest {
            system: SYSTEM,
            prompt_version: "test-v1",
            history,
            tools,
            purpose,
            timeout,
            stream: None,
        })
        .await
}

/// One `#[tokio::test]` per provider for each case: `CASE::openai`, `CASE::anthropic`.
macro_rules! both {
    ($($case:ident),* $(,)?) => {$(
        mod $case {
            #[tokio::test]
            async fn openai() {
                super::$case(super::Provider::OpenAi).await;
            }

            #[tokio::test]
            async fn anthropic() {
                super::$case(super::Provider::Anthropic).await;
            }
        }
    )*};
}

mod failures;
mod replies;
mod scripted;
mod streaming;
