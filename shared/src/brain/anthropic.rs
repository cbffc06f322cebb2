//! Anthropic Messages with tools (`POST {base_url}/v1/messages`).
//!
//! The wire differs from Chat Completions in three ways that matter here: the system
//! prompt is a top-level field, tool results travel as `tool_result` blocks inside a
//! user message, and roles must alternate, so consecutive items of one role are merged
//! into one message (tool results first, as the API requires).
//!
//! The API refuses `tool_use`/`tool_result` blocks in a request that defines no tools,
//! so a call without tools (the draft step) carries the earlier tool exchange as text:
//! the call as `(called tool NAME with ARGS)`, the result in its usual delimiters.

use serde::Deserialize;
use serde_json::{json, Value};

use super::endpoint::{self, EndpointError};
use super::openai::saturate;
use super::{http, untrusted};
use super::{Brain, BrainError, BrainReply, BrainRequest, ChatItem, ToolCall, Usage};
use crate::config::{LlmEndpoint, Secret};

/// The public API, used when `base_url` is empty.
pub const DEFAULT_BASE_URL: &str = "https://api.anthropic.com";
/// The Messages API version this client speaks.
pub const API_VERSION: &str = "2023-06-01";
/// `max_tokens` is mandatory on this wire; used when the endpoint sets 0.
const DEFAULT_MAX_TOKENS: u32 = 1024;

pub struct AnthropicBrain {
    http: reqwest::Client,
    url: String,
    api_key: Secret,
    model: String,
    max_tokens: u32,
    timeout_ms: u64,
}

impl AnthropicBrain {
    pub fn new(config: &LlmEndpoint) -> Result<Self, EndpointError> {
        let base = endpoint::base_url(config, DEFAULT_BASE_URL)?;
        // Accept a base given with the version segment (`https://api.anthropic.com/v1`).
        let base = base.strip_suffix("/v1").unwrap_or(&base);
        Ok(Self {
            http: http::client().map_err(|e| EndpointError::Client(e.to_string()))?,
            url: format!("{base}/v1/messages"),
            api_key: config.api_key.clone(),
            model: endpoint::model(config)?,
            max_tokens: if config.max_tokens == 0 {
                DEFAULT_MAX_TOKENS
            } else {
                config.max_tokens
            },
            timeout_ms: config.timeout_ms,
        })
    }
}

#[async_trait::async_trait]
impl Brain for AnthropicBrain {
    fn provider(&self) -> &str {
        "anthropic"
    }

    fn model(&self) -> &str {
        &self.model
    }

    #[tracing::instrument(
        name = "llm_call",
        skip_all,
        fields(provider = "anthropic", model = %self.model, purpose = request.purpose.as_str())
    )]
    async fn complete(&self, request: &BrainRequest<'_>) -> Result<BrainReply, BrainError> {
        let mut body = request_body(&self.model, self.max_tokens, request);
        if request.stream.is_some() {
            body["stream"] = json!(true);
        }
        let mut call = self
            .http
            .post(&self.url)
            .header("anthropic-version", API_VERSION)
            .json(&body);
        if !self.api_key.is_empty() {
            call = call.header("x-api-key", self.api_key.expose());
        }
        let timeout = http::deadline(request.timeout, self.timeout_ms);
        let answer: Answer = match request.stream {
            None => http::post_json(call, timeout, &self.api_key).await?,
            Some(sink) => {
                let (response, deadline) = http::post_stream(call, timeout, &self.api_key).await?;
                let body =
                    super::anthropic_stream::read(response, deadline, timeout, &|t| sink.text(t))
                        .await?;
                serde_json::from_value(body).map_err(|e| BrainError::Malformed(e.to_string()))?
            }
        };
        answer.into_reply(&self.model)
    }
}

/// The JSON body of one Messages call.
pub(super) fn request_body(model: &str, max_tokens: u32, request: &BrainRequest<'_>) -> Value {
    let mut body = json!({
        "model": model,
        "max_tokens": max_tokens,
        "temperature": http::temperature(request.purpose),
        "messages": messages(request.history, !request.tools.is_empty()),
    });
    if !request.system.is_empty() {
        body["system"] = json!(request.system);
    }
    if !request.tools.is_empty() {
        let tools: Vec<Value> = request
            .tools
            .iter()
            .map(|tool| {
                json!({
                    "name": tool.name,
                    "description": tool.description,
                    "input_schema": tool.parameters,
                })
            })
            .collect();
        body["tools"] = Value::Array(tools);
    }
    body
}

/// The history as alternating user/assistant messages of content blocks; without
/// `tool_blocks`, tool calls and results travel as text blocks.
fn messages(history: &[ChatItem], tool_blocks: bool) -> Vec<Value> {
    let mut merged: Vec<(&'static str, Vec<Value>)> = Vec::new();
    for item in history {
        let (role, blocks) = blocks(item, tool_blocks);
        if blocks.is_empty() {
            continue;
        }
        match merged.last_mut() {
            Some((last, existing)) if *last == role => existing.extend(blocks),
            _ => merged.push((role, blocks)),
        }
    }
    merged
        .into_iter()
        .map(|(role, mut blocks)| {
            if role == "user" {
                // Tool results must open the user message that answers the tool calls.
                blocks.sort_by_key(|block| block["type"] != "tool_result");
            }
            json!({"role": role, "content": blocks})
        })
        .collect()
}

fn blocks(item: &ChatItem, tool_blocks: bool) -> (&'static str, Vec<Value>) {
    match item {
        ChatItem::User { text } => (
            "user",
            vec![json!({"type": "text", "text": untrusted::customer_message(text)})],
        ),
        ChatItem::Assistant { text, tool_calls } => {
            let text = text
                .as_deref()
                .filter(|t| !t.trim().is_empty())
                .map(|t| json!({"type": "text", "text": t}));
            let calls = tool_calls.iter().map(|call| {
                if tool_blocks {
                    json!({
                        "type": "tool_use",
                        "id": call.id,
                        "name": call.name,
                        "input": tool_input(&call.arguments),
                    })
                } else {
                    let text = format!("(called tool {} with {})", call.name, call.arguments);
                    json!({"type": "text", "text": text})
                }
            });
            ("assistant", text.into_iter().chain(calls).collect())
        }
        ChatItem::ToolResult {
            call_id,
            name,
            content,
            is_error,
        } => {
            let content = untrusted::tool_result(name, content, *is_error);
            let block = if tool_blocks {
                json!({
                    "type": "tool_result",
                    "tool_use_id": call_id,
                    "content": content,
                    "is_error": is_error,
                })
            } else {
                json!({"type": "text", "text": content})
            };
            ("user", vec![block])
        }
    }
}

/// A tool call's arguments as the `input` object the API insists on. Arguments that
/// are not a JSON object (the model got them wrong, and the tool result that follows
/// says so) are sent back as `{}`.
fn tool_input(arguments: &str) -> Value {
    match serde_json::from_str::<Value>(arguments) {
        Ok(value @ Value::Object(_)) => value,
        _ => json!({}),
    }
}

#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    model: Option<String>,
    content: Vec<Block>,
    #[serde(default)]
    usage: Option<WireUsage>,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Block {
    Text {
        text: String,
    },
    ToolUse {
        id: String,
        name: String,
        #[serde(default)]
        input: Value,
    },
    /// Thinking and other blocks this client does not use.
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
struct WireUsage {
    #[serde(default)]
    input_tokens: u64,
    #[serde(default)]
    output_tokens: u64,
}

impl Answer {
    fn into_reply(self, configured_model: &str) -> Result<BrainReply, BrainError> {
        let mut text = String::new();
        let mut tool_calls = Vec::new();
        for block in self.content {
            match block {
                Block::Text { text: part } => text.push_str(&part),
                Block::ToolUse { id, name, input } => tool_calls.push(ToolCall {
                    id,
                    name,
                    arguments: input.to_string(),
                }),
                Block::Other => {}
            }
        }
        let text = (!text.trim().is_empty()).then_some(text);
        if text.is_none() && tool_calls.is_empty() {
            return Err(BrainError::Malformed(
                "the answer has neither text nor tool calls".into(),
            ));
        }
        let usage = self.usage.map_or_else(Usage::default, |u| Usage {
            tokens_in: saturate(u.input_tokens),
            tokens_out: saturate(u.output_tokens),
        });
        Ok(BrainReply {
            text,
            tool_calls,
            usage,
            model: self
                .model
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| configured_model.to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::brain::Purpose;

    fn call(id: &str, arguments: &str) -> ToolCall {
        ToolCall {
            id: id.into(),
            name: "search_kb".into(),
            arguments: arguments.into(),
        }
    }

    fn result(id: &str) -> ChatItem {
        ChatItem::ToolResult {
            call_id: id.into(),
            name: "search_kb".into(),
            content: "[]".into(),
            is_error: false,
        }
    }

    #[test]
    fn brain_anthropic_merges_roles_and_puts_tool_results_first() {
        let history = [
            ChatItem::User { text: "hi".into() },
            ChatItem::User {
                text: "returns?".into(),
            },
            ChatItem::Assistant {
                text: Some("Let me look.".into()),
                tool_calls: vec![call("t1", r#"{"query":"returns"}"#), call("t2", "{oops")],
            },
            result("t1"),
            ChatItem::User {
                text: "thanks".into(),
            },
            result("t2"),
        ];
        let wire = messages(&history, true);
        let roles: Vec<&str> = wire.iter().map(|m| m["role"].as_str().unwrap()).collect();
        assert_eq!(roles, ["user", "assistant", "user"]);
        assert_eq!(wire[0]["content"].as_array().unwrap().len(), 2);
        assert_eq!(
            wire[1]["content"],
            json!([
                {"type": "text", "text": "Let me look."},
                {"type": "tool_use", "id": "t1", "name": "search_kb", "input": {"query": "returns"}},
                {"type": "tool_use", "id": "t2", "name": "search_kb", "input": {}},
            ])
        );
        let types: Vec<&str> = wire[2]["content"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["type"].as_str().unwrap())
            .collect();
        assert_eq!(types, ["tool_result", "tool_result", "text"]);
        assert_eq!(wire[2]["content"][1]["tool_use_id"], "t2");
    }

    #[test]
    fn brain_anthropic_without_tools_sends_the_exchange_as_text() {
        let history = [
            ChatItem::User {
                text: "returns?".into(),
            },
            ChatItem::Assistant {
                text: None,
                tool_calls: vec![call("t1", r#"{"query":"returns"}"#)],
            },
            result("t1"),
        ];
        assert_eq!(
            messages(&history, false)[1..],
            [
                json!({"role": "assistant", "content": [
                    {"type": "text", "text": "(called tool search_kb with {\"query\":\"returns\"})"}
                ]}),
                json!({"role": "user", "content": [
                    {"type": "text", "text": "<tool_result name=\"search_kb\" status=\"ok\">[]</tool_result>"}
                ]}),
            ]
        );
    }

    #[test]
    fn brain_anthropic_system_is_top_level() {
        let history = [ChatItem::User { text: "hi".into() }];
        let request = BrainRequest {
            system: "be brief",
            prompt_version: "test-1",
            history: &history,
            tools: &[],
            purpose: Purpose::Draft,
            timeout: Duration::from_secs(1),
            stream: None,
        };
        let body = request_body("claude-3-5-haiku-latest", 300, &request);
        assert_eq!(body["system"], "be brief");
        assert_eq!(body["temperature"], json!(0.5));
        assert_eq!(body["max_tokens"], 300);
        assert!(body.get("tools").is_none());
        assert_eq!(body["messages"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn brain_anthropic_parses_blocks() {
        let answer: Answer = serde_json::from_value(json!({
            "model": "claude-3-5-haiku-20241022",
            "content": [
                {"type": "thinking", "thinking": "..."},
                {"type": "text", "text": "Checking."},
                {"type": "tool_use", "id": "toolu_1", "name": "get_order", "input": "1042"},
            ],
            "usage": {"input_tokens": 11, "output_tokens": 4},
        }))
        .unwrap();
        let reply = answer.into_reply("configured").unwrap();
        assert_eq!(reply.text.as_deref(), Some("Checking."));
        assert_eq!(
            reply.tool_calls,
            [ToolCall {
                id: "toolu_1".into(),
                name: "get_order".into(),
                arguments: "\"1042\"".into(),
            }]
        );
        assert_eq!(
            reply.usage,
            Usage {
                tokens_in: 11,
                tokens_out: 4
            }
        );
        assert_eq!(reply.model, "claude-3-5-haiku-20241022");
    }
}
