//! Anthropic Messages with `"stream": true`: `text_delta`s go to the request's
//! [`TextSink`](super::TextSink) as they arrive; content blocks (`text`, `tool_use`
//! with its `input_json_delta` pieces) and the usage of `message_start` and
//! `message_delta` are put back together into a non-streamed answer body.

use serde_json::{json, Value};

use super::{sse, BrainError};

#[derive(Default)]
pub(super) struct Assembled {
    model: Option<String>,
    /// `(type, text or tool input JSON, id, name)` per block index.
    blocks: Vec<(String, String, String, String)>,
    input_tokens: u64,
    output_tokens: u64,
}

impl Assembled {
    /// Folds one event in; false at `message_stop`.
    pub(super) fn absorb(
        &mut self,
        data: &str,
        on_text: &(dyn Fn(&str) + Sync),
    ) -> Result<bool, BrainError> {
        let event: Value = serde_json::from_str(data)
            .map_err(|e| BrainError::Malformed(format!("a streamed event is not JSON: {e}")))?;
        match event["type"].as_str().unwrap_or_default() {
            "message_start" => {
                let message = &event["message"];
                self.model = message["model"].as_str().map(str::to_string);
                self.input_tokens = message
                    .pointer("/usage/input_tokens")
                    .and_then(Value::as_u64)
                    .unwrap_or(0);
            }
            "content_block_start" => {
                let index = event["index"].as_u64().unwrap_or(self.blocks.len() as u64) as usize;
                let block = &event["content_block"];
                while self.blocks.len() <= index {
                    self.blocks.push(Default::default());
                }
                self.blocks[index] = (
                    block["type"].as_str().unwrap_or_default().to_string(),
                    block["text"].as_str().unwrap_or_default().to_string(),
                    block["id"].as_str().unwrap_or_default().to_string(),
                    block["name"].as_str().unwrap_or_default().to_string(),
                );
            }
            "content_block_delta" => {
                let index = event["index"].as_u64().unwrap_or(0) as usize;
                let Some(block) = self.blocks.get_mut(index) else {
                    return Err(BrainError::Malformed(
                        "a delta for a block that never started".into(),
                    ));
                };
                let delta = &event["delta"];
                match delta["type"].as_str().unwrap_or_default() {
                    "text_delta" => {
                        let text = delta["text"].as_str().unwrap_or_default();
                        block.1.push_str(text);
                        if !text.is_empty() {
                            on_text(text);
                        }
                    }
                    "input_json_delta" => block
                        .1
                        .push_str(delta["partial_json"].as_str().unwrap_or_default()),
                    _ => {}
                }
            }
            "message_delta" => {
                if let Some(n) = event
                    .pointer("/usage/output_tokens")
                    .and_then(Value::as_u64)
                {
                    self.output_tokens = n;
                }
            }
            "message_stop" => return Ok(false),
            "error" => {
                return Err(BrainError::Http {
                    status: 500,
                    message: event
                        .pointer("/error/message")
                        .and_then(Value::as_str)
                        .unwrap_or("the stream reported an error")
                        .chars()
                        .take(300)
                        .collect(),
                })
            }
            // ping, content_block_stop
            _ => {}
        }
        Ok(true)
    }

    /// The answer as a non-streamed Messages body.
    pub(super) fn into_answer(self) -> Value {
        let content: Vec<Value> = self
            .blocks
            .into_iter()
            .map(|(kind, body, id, name)| match kind.as_str() {
                "tool_use" => {
                    // an input that is not JSON stays a string: the malformed-arguments path
                    let input = if body.trim().is_empty() {
                        json!({})
                    } else {
                        serde_json::from_str(&body).unwrap_or(Value::String(body))
                    };
                    json!({ "type": "tool_use", "id": id, "name": name, "input": input })
                }
                "text" => json!({ "type": "text", "text": body }),
                other => json!({ "type": other }),
            })
            .collect();
        json!({
            "model": self.model,
            "content": content,
            "usage": { "input_tokens": self.input_tokens, "output_tokens": self.output_tokens },
        })
    }
}

pub(super) async fn read(
    response: reqwest::Response,
    deadline: tokio::time::Instant,
    timeout: std::time::Duration,
    on_text: &(dyn Fn(&str) + Sync),
) -> Result<Value, BrainError> {
    let mut assembled = Assembled::default();
    sse::read_events(response, deadline, timeout, |_, data| {
        assembled.absorb(data, on_text)
    })
    .await?;
    Ok(assembled.into_answer())
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    #[test]
    fn brain_anthropic_stream_reassembles_blocks_and_usage() {
        let seen = Mutex::new(String::new());
        let on_text = |t: &str| seen.lock().unwrap().push_str(t);
        let mut a = Assembled::default();
        for data in [
            r#"{"type":"message_start","message":{"id":"msg_1","model":"claude-x","usage":{"input_tokens":20,"output_tokens":1}}}"#,
            r#"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#,
            r#"{"type":"ping"}"#,
            r#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking "}}"#,
            r#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"now."}}"#,
            r#"{"type":"content_block_stop","index":0}"#,
            r#"{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_order","input":{}}}"#,
            r#"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"order_id\": "}}"#,
            r#"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\"1042\"}"}}"#,
            r#"{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":30}}"#,
        ] {
            assert!(a.absorb(data, &on_text).unwrap());
        }
        assert!(!a.absorb(r#"{"type":"message_stop"}"#, &on_text).unwrap());
        assert_eq!(*seen.lock().unwrap(), "Checking now.");
        let body = a.into_answer();
        assert_eq!(body["model"], "claude-x");
        assert_eq!(body["content"][0]["text"], "Checking now.");
        assert_eq!(body["content"][1]["input"]["order_id"], "1042");
        assert_eq!(body["usage"]["input_tokens"], 20);
        assert_eq!(body["usage"]["output_tokens"], 30);
    }
}
