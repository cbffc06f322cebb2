//! OpenAI-compatible Chat Completions with tools: OpenAI itself and the servers that
//! speak its wire (vLLM, Ollama, llama.cpp server, LM Studio), reached through
//! `base_url` (`http://127.0.0.1:11434/v1`).

use serde::Deserialize;
use serde_json::{json, Value};

use super::endpoint::{self, EndpointError};
use super::{http, untrusted};
use super::{Brain, BrainError, BrainReply, BrainRequest, ChatItem, ToolCall, Usage};
use crate::config::{LlmEndpoint, Secret};

/// The public API, used when `base_url` is empty.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";

pub struct OpenAiBrain {
    http: reqwest::Client,
    url: String,
    api_key: Secret,
    model: String,
    max_tokens: u32,
    timeout_ms: u64,
}

impl OpenAiBrain {
    pub fn new(config: &LlmEndpoint) -> Result<Self, EndpointError> {
        let base = endpoint::base_url(config, DEFAULT_BASE_URL)?;
        Ok(Self {
            http: http::client().map_err(|e| EndpointError::Client(e.to_string()))?,
            url: format!("{base}/chat/completions"),
            api_key: config.api_key.clone(),
            model: endpoint::model(config)?,
            max_tokens: config.max_tokens,
            timeout_ms: config.timeout_ms,
        })
    }
}

#[async_trait::async_trait]
impl Brain for OpenAiBrain {
    fn provider(&self) -> &str {
        "openai"
    }

    fn model(&self) -> &str {
        &self.model
    }

    #[tracing::instrument(
        name = "llm_call",
        skip_all,
        fields(provider = "openai", model = %self.model, purpose = request.purpose.as_str())
    )]
    async fn complete(&self, request: &BrainRequest<'_>) -> Result<BrainReply, BrainError> {
        let mut body = request_body(&self.model, self.max_tokens, request);
        if request.stream.is_some() {
            body["stream"] = json!(true);
            body["stream_options"] = json!({ "include_usage": true });
        }
        let mut call = self.http.post(&self.url).json(&body);
        if !self.api_key.is_empty() {
            call = call.bearer_auth(self.api_key.expose());
        }
        let timeout = http::deadline(request.timeout, self.timeout_ms);
        let answer: Completion = match request.stream {
            None => http::post_json(call, timeout, &self.api_key).await?,
            Some(sink) => {
                let (response, deadline) = http::post_stream(call, timeout, &self.api_key).await?;
                let body =
                    super::openai_stream::read(response, deadline, timeout, &|t| sink.text(t))
                        .await?;
                serde_json::from_value(body).map_err(|e| BrainError::Malformed(e.to_string()))?
            }
        };
        answer.into_reply(&self.model)
    }
}

/// The JSON body of one Chat Completions call.
pub(super) fn request_body(model: &str, max_tokens: u32, request: &BrainRequest<'_>) -> Value {
    let mut messages = Vec::with_capacity(request.history.len() + 1);
    if !request.system.is_empty() {
        messages.push(json!({"role": "system", "content": request.system}));
    }
    messages.extend(request.history.iter().map(message));
    let mut body = json!({
        "model": model,
        "messages": messages,
        "temperature": http::temperature(request.purpose),
        "stream": false,
    });
    if max_tokens > 0 {
        body["max_tokens"] = json!(max_tokens);
    }
    if !request.tools.is_empty() {
        let tools: Vec<Value> = request
            .tools
            .iter()
            .map(|tool| {
                json!({
                    "type": "function",
                    "function": {
                        "name": tool.name,
                        "description": tool.description,
                        "parameters": tool.parameters,
                    }
                })
            })
            .collect();
        body["tools"] = Value::Array(tools);
    }
    body
}

fn message(item: &ChatItem) -> Value {
    match item {
        ChatItem::User { text } => {
            json!({"role": "user", "content": untrusted::customer_message(text)})
        }
        ChatItem::Assistant { text, tool_calls } => {
            // An empty string, not null, when there is no text: OpenAI takes either,
            // Ollama refuses null ("invalid message content type").
            let content = text.as_deref().unwrap_or_default();
            let mut message = json!({"role": "assistant", "content": content});
            if !tool_calls.is_empty() {
                let calls: Vec<Value> = tool_calls
                    .iter()
                    .map(|call| {
                        json!({
                            "id": call.id,
                            "type": "function",
                            "function": {"name": call.name, "arguments": call.arguments},
                        })
                    })
                    .collect();
                message["tool_calls"] = Value::Array(calls);
            }
            message
        }
        ChatItem::ToolResult {
            call_id,
            name,
            content,
            is_error,
        } => json!({
            "role": "tool",
            "tool_call_id": call_id,
            "content": untrusted::tool_result(name, content, *is_error),
        }),
    }
}

#[derive(Deserialize)]
struct Completion {
    #[serde(default)]
    model: Option<String>,
    choices: Vec<Choice>,
    #[serde(default)]
    usage: Option<WireUsage>,
}

#[derive(Deserialize)]
struct Choice {
    message: Message,
}

#[derive(Deserialize)]
struct Message {
    /// A string, null, or (some servers) an array of `{"type":"text","text":...}` parts.
    #[serde(default)]
    content: Value,
    #[serde(default)]
    tool_calls: Option<Vec<WireToolCall>>,
}

#[derive(Deserialize)]
struct WireToolCall {
    #[serde(default)]
    id: Option<String>,
    function: WireFunction,
}

#[derive(Deserialize)]
struct WireFunction {
    name: String,
    /// A JSON string per the spec; kept raw, even when it is not valid JSON.
    #[serde(default)]
    arguments: Value,
}

#[derive(Deserialize)]
struct WireUsage {
    #[serde(default)]
    prompt_tokens: u64,
    #[serde(default)]
    completion_tokens: u64,
}

impl Completion {
    fn into_reply(self, configured_model: &str) -> Result<BrainReply, BrainError> {
        let Some(choice) = self.choices.into_iter().next() else {
            return Err(BrainError::Malformed("the answer has no choices".into()));
        };
        let text = content_text(&choice.message.content)?;
        let tool_calls: Vec<ToolCall> = choice
            .message
            .tool_calls
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(index, call)| ToolCall {
                id: call
                    .id
                    .filter(|id| !id.is_empty())
                    .unwrap_or_else(|| format!("call_{index}")),
                name: call.function.name,
                arguments: match call.function.arguments {
                    Value::String(raw) => raw,
                    Value::Null => "{}".into(),
                    other => other.to_string(),
                },
            })
            .collect();
        if text.is_none() && tool_calls.is_empty() {
            return Err(BrainError::Malformed(
                "the answer has neither text nor tool calls".into(),
            ));
        }
        let usage = self.usage.map_or_else(Usage::default, |u| Usage {
            tokens_in: saturate(u.prompt_tokens),
            tokens_out: saturate(u.completion_tokens),
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

/// The message text, `None` when absent or blank.
fn content_text(content: &Value) -> Result<Option<String>, BrainError> {
    let text = match content {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Array(parts) => parts
            .iter()
            .filter_map(|part| part.get("text").and_then(Value::as_str))
            .collect(),
        other => {
            return Err(BrainError::Malformed(format!(
                "message content is neither text nor parts: {}",
                kind(other)
            )))
        }
    };
    Ok((!text.trim().is_empty()).then_some(text))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(super) fn saturate(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::brain::{Purpose, ToolSpec};

    fn request<'a>(history: &'a [ChatItem], tools: &'a [ToolSpec]) -> BrainRequest<'a> {
        BrainRequest {
            system: "be brief",
            prompt_version: "test-1",
            history,
            tools,
            purpose: Purpose::Route,
            timeout: Duration::from_secs(1),
            stream: None,
        }
    }

    #[test]
    fn brain_openai_maps_history_to_the_wire() {
        let history = [
            ChatItem::User {
                text: "where is 1042?".into(),
            },
            ChatItem::Assistant {
                text: None,
                tool_calls: vec![ToolCall {
                    id: "call_1".into(),
                    name: "get_order".into(),
                    arguments: r#"{"order_id":"1042"}"#.into(),
                }],
            },
            ChatItem::ToolResult {
                call_id: "call_1".into(),
                name: "get_order".into(),
                content: r#"{"status":"shipped"}"#.into(),
                is_error: false,
            },
        ];
        let body = request_body("gpt-4o-mini", 600, &request(&history, &[]));
        assert_eq!(
            body,
            json!({
                "model": "gpt-4o-mini",
                "temperature": 0.2,
                "max_tokens": 600,
                "stream": false,
                "messages": [
                    {"role": "system", "content": "be brief"},
                    {"role": "user", "content": "<customer_message>where is 1042?</customer_message>"},
                    {"role": "assistant", "content": "", "tool_calls": [
                        {"id": "call_1", "type": "function",
                         "function": {"name": "get_order", "arguments": "{\"order_id\":\"1042\"}"}}
                    ]},
                    {"role": "tool", "tool_call_id": "call_1",
                     "content": "<tool_result name=\"get_order\" status=\"ok\">{\"status\":\"shipped\"}</tool_result>"},
                ],
            })
        );
    }

    #[track_caller]
    fn parse(body: Value) -> Result<BrainReply, BrainError> {
        serde_json::from_value::<Completion>(body)
            .map_err(|e| BrainError::Malformed(e.to_string()))?
            .into_reply("configured")
    }

    #[test]
    fn brain_openai_parses_lenient_servers() {
        // No id, arguments as an object (some local servers), no usage, no model.
        let reply = parse(
            json!({"choices": [{"message": {"content": "", "tool_calls": [
                {"function": {"name": "search_kb", "arguments": {"query": "returns"}}}
            ]}}]}),
        )
        .unwrap();
        assert_eq!(reply.text, None);
        assert_eq!(reply.model, "configured");
        assert_eq!(reply.usage, Usage::default());
        assert_eq!(
            reply.tool_calls,
            [ToolCall {
                id: "call_0".into(),
                name: "search_kb".into(),
                arguments: r#"{"query":"returns"}"#.into()
            }]
        );
        let reply = parse(json!({"choices": [{"message": {"content": [
            {"type": "text", "text": "Hello"}, {"type": "text", "text": " there"}
        ]}}]}))
        .unwrap();
        assert_eq!(reply.text.as_deref(), Some("Hello there"));
    }

    #[test]
    fn brain_openai_rejects_empty_answers() {
        for body in [
            json!({"choices": []}),
            json!({"choices": [{"message": {"content": "  "}}]}),
            json!({"choices": [{"message": {"content": 3}}]}),
        ] {
            assert!(matches!(parse(body), Err(BrainError::Malformed(_))));
        }
    }
}
