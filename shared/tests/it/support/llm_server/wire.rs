//! Steps rendered in each provider's response format.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use frontdesk::brain::Usage;
use serde_json::{json, Value};

use super::{ScriptedCall, Step};

/// Which API a request came in on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wire {
    /// `POST /v1/chat/completions`.
    OpenAi,
    /// `POST /v1/messages`.
    Anthropic,
}

/// The answer to a settled step (no `Hang` or `Delayed` left).
pub fn reply(wire: Wire, step: &Step, model: &str, usage: Usage, next_id: &mut u64) -> Response {
    let mut id = || {
        let n = *next_id;
        *next_id += 1;
        n
    };
    let (text, calls): (Option<&str>, Vec<ScriptedCall>) = match step {
        Step::Text(text) => (Some(text), Vec::new()),
        Step::ToolCall { name, arguments } => (
            None,
            vec![ScriptedCall {
                name: name.clone(),
                arguments: arguments.clone(),
            }],
        ),
        Step::ToolCalls(calls) => (None, calls.clone()),
        Step::Error { status, message } => return error(wire, status_code(*status), message),
        Step::Raw { status, body } => {
            return (
                status_code(*status),
                [(header::CONTENT_TYPE, "application/json")],
                body.clone(),
            )
                .into_response()
        }
        Step::Hang(_) | Step::Delayed { .. } => unreachable!("settled before replying"),
    };
    let body = match wire {
        Wire::OpenAi => {
            let tool_calls: Vec<Value> = calls
                .iter()
                .map(|call| {
                    json!({
                        "id": format!("call_{}", id()),
                        "type": "function",
                        "function": {"name": call.name, "arguments": call.arguments},
                    })
                })
                .collect();
            let mut message = json!({"role": "assistant", "content": text});
            if !tool_calls.is_empty() {
                message["tool_calls"] = Value::Array(tool_calls);
            }
            json!({
                "id": format!("chatcmpl-{}", id()),
                "object": "chat.completion",
                "created": 1_700_000_000,
                "model": model,
                "choices": [{
                    "index": 0,
                    "message": message,
                    "finish_reason": if calls.is_empty() { "stop" } else { "tool_calls" },
                }],
                "usage": {
                    "prompt_tokens": usage.tokens_in,
                    "completion_tokens": usage.tokens_out,
                    "total_tokens": usage.tokens_in + usage.tokens_out,
                },
            })
        }
        Wire::Anthropic => {
            let mut content: Vec<Value> = text
                .map(|text| json!({"type": "text", "text": text}))
                .into_iter()
                .collect();
            content.extend(calls.iter().map(|call| {
                json!({
                    "type": "tool_use",
                    "id": format!("toolu_{}", id()),
                    "name": call.name,
                    "input": anthropic_input(&call.arguments),
                })
            }));
            json!({
                "id": format!("msg_{}", id()),
                "type": "message",
                "role": "assistant",
                "model": model,
                "content": content,
                "stop_reason": if calls.is_empty() { "end_turn" } else { "tool_use" },
                "stop_sequence": null,
                "usage": {"input_tokens": usage.tokens_in, "output_tokens": usage.tokens_out},
            })
        }
    };
    (StatusCode::OK, Json(body)).into_response()
}

/// A JSON object stays an object; anything else is sent as a JSON string, an `input`
/// of the wrong shape, which is how malformed arguments look on this wire.
fn anthropic_input(arguments: &str) -> Value {
    match serde_json::from_str::<Value>(arguments) {
        Ok(value @ Value::Object(_)) => value,
        _ => Value::String(arguments.to_string()),
    }
}

/// The provider's error body: `{"error":{"message",...}}` or
/// `{"type":"error","error":{"type","message"}}`.
pub fn error(wire: Wire, status: StatusCode, message: &str) -> Response {
    let body = match wire {
        Wire::OpenAi => json!({
            "error": {
                "message": message,
                "type": match status.as_u16() {
                    400 | 404 => "invalid_request_error",
                    401 => "authentication_error",
                    429 => "rate_limit_error",
                    _ => "server_error",
                },
                "param": null,
                "code": null,
            }
        }),
        Wire::Anthropic => json!({
            "type": "error",
            "error": {
                "type": match status.as_u16() {
                    400 => "invalid_request_error",
                    401 => "authentication_error",
                    404 => "not_found_error",
                    429 => "rate_limit_error",
                    529 => "overloaded_error",
                    _ => "api_error",
                },
                "message": message,
            }
        }),
    };
    (status, Json(body)).into_response()
}

fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).expect("a valid http status in the script")
}
