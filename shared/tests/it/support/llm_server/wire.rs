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

/// The answer to a settled step as the provider streams it (`"stream": true`): text in
/// small pieces, tool calls in fragments, a few milliseconds apart, so a client that
/// acts on the first piece before the last arrived can be told from one that waits.
pub fn stream_reply(
    wire: Wire,
    step: &Step,
    model: &str,
    usage: Usage,
    next_id: &mut u64,
) -> Response {
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
        // errors and raw bodies answer as they would without streaming
        _ => return reply(wire, step, model, usage, next_id),
    };
    let pieces: Vec<String> = text.map(word_pieces).unwrap_or_default();
    let mut id = || {
        let n = *next_id;
        *next_id += 1;
        n
    };
    let mut events: Vec<String> = Vec::new();
    let data = |v: Value| format!("data: {v}\n\n");
    match wire {
        Wire::OpenAi => {
            let chunk_id = format!("chatcmpl-{}", id());
            let chunk = |delta: Value| {
                json!({"id": chunk_id, "object": "chat.completion.chunk", "model": model,
                       "choices": [{"index": 0, "delta": delta, "finish_reason": null}]})
            };
            events.push(data(chunk(json!({"role": "assistant", "content": ""}))));
            for p in &pieces {
                events.push(data(chunk(json!({ "content": p }))));
            }
            for (i, call) in calls.iter().enumerate() {
                let call_id = format!("call_{}", id());
                events.push(data(chunk(
                    json!({"tool_calls": [{"index": i, "id": call_id, "type": "function",
                    "function": {"name": call.name, "arguments": ""}}]}),
                )));
                let args: Vec<char> = call.arguments.chars().collect();
                for part in args.chunks(8) {
                    let part: String = part.iter().collect();
                    events.push(data(chunk(
                        json!({"tool_calls": [{"index": i, "function": {"arguments": part}}]}),
                    )));
                }
            }
            events.push(data(json!({"id": chunk_id, "object": "chat.completion.chunk", "model": model, "choices": [],
                "usage": {"prompt_tokens": usage.tokens_in, "completion_tokens": usage.tokens_out,
                          "total_tokens": usage.tokens_in + usage.tokens_out}})));
            events.push("data: [DONE]\n\n".into());
        }
        Wire::Anthropic => {
            let event = |name: &str, v: Value| format!("event: {name}\ndata: {v}\n\n");
            events.push(event("message_start", json!({"type": "message_start", "message": {
                "id": format!("msg_{}", id()), "type": "message", "role": "assistant", "model": model,
                "content": [], "usage": {"input_tokens": usage.tokens_in, "output_tokens": 1}}})));
            let mut index = 0;
            if text.is_some() {
                events.push(event(
                    "content_block_start",
                    json!({"type": "content_block_start", "index": 0,
                    "content_block": {"type": "text", "text": ""}}),
                ));
                events.push(event("ping", json!({"type": "ping"})));
                for p in &pieces {
                    events.push(event(
                        "content_block_delta",
                        json!({"type": "content_block_delta", "index": 0,
                        "delta": {"type": "text_delta", "text": p}}),
                    ));
                }
                events.push(event(
                    "content_block_stop",
                    json!({"type": "content_block_stop", "index": 0}),
                ));
                index = 1;
            }
            for call in &calls {
                events.push(event("content_block_start", json!({"type": "content_block_start", "index": index,
                    "content_block": {"type": "tool_use", "id": format!("toolu_{}", id()), "name": call.name, "input": {}}})));
                let args: Vec<char> = call.arguments.chars().collect();
                for part in args.chunks(8) {
                    let part: String = part.iter().collect();
                    events.push(event(
                        "content_block_delta",
                        json!({"type": "content_block_delta", "index": index,
                        "delta": {"type": "input_json_delta", "partial_json": part}}),
                    ));
                }
                events.push(event(
                    "content_block_stop",
                    json!({"type": "content_block_stop", "index": index}),
                ));
                index += 1;
            }
            events.push(event("message_delta", json!({"type": "message_delta",
                "delta": {"stop_reason": if calls.is_empty() { "end_turn" } else { "tool_use" }, "stop_sequence": null},
                "usage": {"output_tokens": usage.tokens_out}})));
            events.push(event("message_stop", json!({"type": "message_stop"})));
        }
    }
    let stream = futures_util::stream::unfold(events.into_iter(), |mut rest| async move {
        let next = rest.next()?;
        tokio::time::sleep(std::time::Duration::from_millis(15)).await;
        Some((
            Ok::<_, std::convert::Infallible>(axum::body::Bytes::from(next)),
            rest,
        ))
    });
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/event-stream")],
        axum::body::Body::from_stream(stream),
    )
        .into_response()
}

/// Text cut into pieces of about two words, keeping every character.
fn word_pieces(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut words = 0;
    for c in text.chars() {
        current.push(c);
        if c == ' ' {
            words += 1;
            if words == 2 {
                pieces.push(std::mem::take(&mut current));
                words = 0;
            }
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}
