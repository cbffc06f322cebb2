//! Chat Completions with `"stream": true`: text deltas go to the request's
//! [`TextSink`](super::TextSink) as they arrive; tool-call fragments (`index`, `id`,
//! `name`, `arguments` pieces) and the final `usage` chunk are put back together into
//! the same shape a non-streamed answer has, so both are read by one parser.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::{sse, BrainError};

#[derive(Default)]
pub(super) struct Assembled {
    model: Option<String>,
    text: String,
    calls: BTreeMap<u64, (String, String, String)>,
    usage: Option<Value>,
}

impl Assembled {
    /// Folds one `data:` payload in; false at `[DONE]`.
    pub(super) fn absorb(
        &mut self,
        data: &str,
        on_text: &(dyn Fn(&str) + Sync),
    ) -> Result<bool, BrainError> {
        if data.trim() == "[DONE]" {
            return Ok(false);
        }
        let chunk: Value = serde_json::from_str(data)
            .map_err(|e| BrainError::Malformed(format!("a streamed chunk is not JSON: {e}")))?;
        if let Some(message) = chunk.pointer("/error/message").and_then(Value::as_str) {
            return Err(BrainError::Http {
                status: 500,
                message: message.chars().take(300).collect(),
            });
        }
        if let Some(model) = chunk["model"].as_str().filter(|m| !m.is_empty()) {
            self.model = Some(model.to_string());
        }
        if chunk["usage"].is_object() {
            self.usage = Some(chunk["usage"].clone());
        }
        for choice in chunk["choices"].as_array().into_iter().flatten() {
            let delta = &choice["delta"];
            if let Some(text) = delta["content"].as_str().filter(|t| !t.is_empty()) {
                self.text.push_str(text);
                on_text(text);
            }
            for (position, call) in delta["tool_calls"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
            {
                let index = call["index"].as_u64().unwrap_or(position as u64);
                let entry = self.calls.entry(index).or_default();
                if let Some(id) = call["id"].as_str() {
                    entry.0 = id.to_string();
                }
                if let Some(name) = call.pointer("/function/name").and_then(Value::as_str) {
                    entry.1.push_str(name);
                }
                if let Some(args) = call.pointer("/function/arguments").and_then(Value::as_str) {
                    entry.2.push_str(args);
                }
            }
        }
        Ok(true)
    }

    /// The answer as a non-streamed completion body.
    pub(super) fn into_completion(self) -> Value {
        let tool_calls: Vec<Value> = self
            .calls
            .into_values()
            .map(|(id, name, arguments)| {
                json!({ "id": id, "type": "function", "function": { "name": name, "arguments": arguments } })
            })
            .collect();
        let mut message = json!({ "role": "assistant", "content": self.text });
        if !tool_calls.is_empty() {
            message["tool_calls"] = Value::Array(tool_calls);
        }
        json!({
            "model": self.model,
            "choices": [{ "index": 0, "message": message }],
            "usage": self.usage,
        })
    }
}

/// Reads a streamed answer into a completion body, passing text on as it comes.
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
    Ok(assembled.into_completion())
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    #[test]
    fn brain_openai_stream_reassembles_text_tools_and_usage() {
        let seen = Mutex::new(Vec::<String>::new());
        let on_text = |t: &str| seen.lock().unwrap().push(t.to_string());
        let mut a = Assembled::default();
        for data in [
            r#"{"model":"gpt-x","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}"#,
            r#"{"choices":[{"index":0,"delta":{"content":"Let me "}}]}"#,
            r#"{"choices":[{"index":0,"delta":{"content":"check."}}]}"#,
            r#"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_order","arguments":""}}]}}]}"#,
            r#"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"order_id\":"}}]}}]}"#,
            r#"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"1042\"}"}}]}}]}"#,
            r#"{"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":7}}"#,
        ] {
            assert!(a.absorb(data, &on_text).unwrap());
        }
        assert!(!a.absorb("[DONE]", &on_text).unwrap());
        assert_eq!(*seen.lock().unwrap(), ["Let me ", "check."]);
        let body = a.into_completion();
        assert_eq!(body["model"], "gpt-x");
        assert_eq!(body["choices"][0]["message"]["content"], "Let me check.");
        let call = &body["choices"][0]["message"]["tool_calls"][0];
        assert_eq!(call["id"], "call_1");
        assert_eq!(call["function"]["name"], "get_order");
        assert_eq!(call["function"]["arguments"], r#"{"order_id":"1042"}"#);
        assert_eq!(body["usage"]["completion_tokens"], 7);
    }

    #[test]
    fn brain_openai_stream_surfaces_errors_in_the_stream() {
        let mut a = Assembled::default();
        let err = a
            .absorb(r#"{"error":{"message":"overloaded"}}"#, &|_| {})
            .unwrap_err();
        assert!(err.to_string().contains("overloaded"), "{err}");
        assert!(a.absorb("not json", &|_| {}).is_err());
    }
}
