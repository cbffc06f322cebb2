//! What an assistant message's `tool_payload` says, for the transcript: the turn's
//! outcome, each tool call (tool, outcome, latency), the citations (title, URL) and
//! the guardrails that tripped; for a person's message, its author.
//!
//! The payload is free-form JSON on the wire, so it is read field by field: an
//! unexpected or missing field drops that detail, never the whole message.

use serde_json::Value;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ToolPayload {
    pub outcome: Option<String>,
    pub tool_calls: Vec<ToolCallLine>,
    pub citations: Vec<CitationLine>,
    pub guardrail_trips: Vec<String>,
    pub author: Option<String>,
    pub ticket_number: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolCallLine {
    pub tool: String,
    pub outcome: Option<String>,
    pub latency_ms: Option<u64>,
    pub attempts: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationLine {
    pub title: String,
    pub url: Option<String>,
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)?.as_str().map(str::to_string)
}

fn list<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v.get(key).and_then(Value::as_array).into_iter().flatten()
}

impl ToolPayload {
    pub fn parse(v: &Value) -> Self {
        Self {
            outcome: text(v, "outcome"),
            tool_calls: list(v, "tool_calls")
                .filter_map(|c| {
                    Some(ToolCallLine {
                        tool: text(c, "tool").or_else(|| text(c, "name"))?,
                        outcome: text(c, "outcome"),
                        latency_ms: c.get("latency_ms").and_then(Value::as_u64),
                        attempts: c.get("attempts").and_then(Value::as_u64),
                    })
                })
                .collect(),
            citations: list(v, "citations")
                .filter_map(|c| {
                    Some(CitationLine {
                        title: text(c, "title")?,
                        url: text(c, "url").filter(|u| !u.is_empty()),
                    })
                })
                .collect(),
            guardrail_trips: list(v, "guardrail_trips")
                .filter_map(|t| match t {
                    Value::String(s) => Some(s.clone()),
                    other => text(other, "kind").or_else(|| text(other, "name")),
                })
                .collect(),
            author: text(v, "author"),
            ticket_number: v.get("ticket_number").and_then(Value::as_i64),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_can() {
        let v = serde_json::json!({
            "outcome": "answered",
            "tool_calls": [
                {"tool": "get_order", "outcome": "ok", "latency_ms": 120, "attempts": 1},
                {"outcome": "ok"},
                {"tool": "search_kb", "latency_ms": "fast"}
            ],
            "citations": [{"title": "Returns", "url": "https://shop.example/returns"},
                          {"title": "FAQ", "url": null}, {"url": "x"}],
            "guardrail_trips": ["uncited_claim", {"kind": "link"}, 3],
            "ticket_number": 1001,
            "trace": [{"state": "plan"}]
        });
        let p = ToolPayload::parse(&v);
        assert_eq!(p.outcome.as_deref(), Some("answered"));
        assert_eq!(p.tool_calls.len(), 2);
        assert_eq!(p.tool_calls[1].latency_ms, None);
        assert_eq!(p.citations[1].url, None);
        assert_eq!(p.citations.len(), 2);
        assert_eq!(p.guardrail_trips, ["uncited_claim", "link"]);
        assert_eq!(p.ticket_number, Some(1001));
        assert_eq!(ToolPayload::parse(&Value::Null), ToolPayload::default());
    }
}
