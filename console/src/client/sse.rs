//! A parser for server-sent events (the `text/event-stream` format): bytes in, whole
//! events out. It keeps partial lines between chunks, so an event split across reads
//! (or a multi-byte character split between them) comes out whole.
//!
//! Per the format: `event:` names the kind (default `message`), `data:` lines are
//! joined with newlines, `id:` sets the id to resume from, `retry:` the reconnection
//! delay, lines starting with `:` are comments (keep-alives), and a blank line ends
//! an event. Lines end in `\n` or `\r\n`.

use std::time::Duration;

/// One event from the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveEvent {
    /// The id agentd gave it (`<ms>-<seq>`), the resume point after a reconnect.
    pub id: Option<String>,
    /// `event:`, e.g. `thread`.
    pub kind: String,
    /// The `data:` lines, usually one line of JSON.
    pub data: String,
}

impl LiveEvent {
    /// The thread it is about, when its data names one (`{"thread_id": ...}`).
    pub fn thread_id(&self) -> Option<uuid::Uuid> {
        let value: serde_json::Value = serde_json::from_str(&self.data).ok()?;
        value.get("thread_id")?.as_str()?.parse().ok()
    }
}

/// What a chunk of the stream yielded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    Event(LiveEvent),
    /// `retry:` — how long to wait before reconnecting.
    Retry(Duration),
}

#[derive(Debug, Default)]
pub struct Parser {
    pending: Vec<u8>,
    kind: String,
    data: Vec<String>,
    has_data: bool,
    /// The last id seen; per the format it carries over to later events that have none.
    last_id: Option<String>,
}

impl Parser {
    pub fn last_id(&self) -> Option<&str> {
        self.last_id.as_deref()
    }

    /// Starts from `id` (the one sent as `Last-Event-ID`), so it is kept until a newer
    /// one arrives.
    pub fn resuming(id: Option<String>) -> Self {
        Self {
            last_id: id,
            ..Self::default()
        }
    }

    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Frame> {
        self.pending.extend_from_slice(bytes);
        let mut frames = Vec::new();
        while let Some(end) = self.pending.iter().position(|b| *b == b'\n') {
            let mut line: Vec<u8> = self.pending.drain(..=end).collect();
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            let line = String::from_utf8_lossy(&line).into_owned();
            if let Some(frame) = self.line(&line) {
                frames.push(frame);
            }
        }
        frames
    }

    fn line(&mut self, line: &str) -> Option<Frame> {
        if line.is_empty() {
            return self.dispatch();
        }
        if line.starts_with(':') {
            return None;
        }
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (line, ""),
        };
        match field {
            "event" => self.kind = value.to_string(),
            "data" => {
                self.data.push(value.to_string());
                self.has_data = true;
            }
            // an id with NUL is ignored, as the format says
            "id" if !value.contains('\0') => self.last_id = Some(value.to_string()),
            "retry" => {
                if let Ok(ms) = value.parse::<u64>() {
                    return Some(Frame::Retry(Duration::from_millis(ms)));
                }
            }
            _ => {}
        }
        None
    }

    fn dispatch(&mut self) -> Option<Frame> {
        let kind = std::mem::take(&mut self.kind);
        let data = std::mem::take(&mut self.data);
        if !std::mem::take(&mut self.has_data) {
            return None;
        }
        Some(Frame::Event(LiveEvent {
            id: self.last_id.clone(),
            kind: if kind.is_empty() {
                "message".into()
            } else {
                kind
            },
            data: data.join("\n"),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(chunks: &[&[u8]]) -> Vec<Frame> {
        let mut p = Parser::default();
        chunks.iter().flat_map(|c| p.feed(c)).collect()
    }

    fn event(id: Option<&str>, kind: &str, data: &str) -> Frame {
        Frame::Event(LiveEvent {
            id: id.map(str::to_string),
            kind: kind.into(),
            data: data.into(),
        })
    }

    #[test]
    fn whole_events_across_chunks() {
        assert_eq!(
            events(&[b"id: 1-0\nevent: thr", b"ead\ndata: {\"a\":1}\n", b"\n"]),
            vec![event(Some("1-0"), "thread", "{\"a\":1}")]
        );
        // "é" split between two reads
        assert_eq!(
            events(&[b"data: caf\xc3", b"\xa9\r\n\r\n"]),
            vec![event(None, "message", "café")]
        );
    }

    #[test]
    fn comments_multiline_data_retry_and_empty_events() {
        assert_eq!(
            events(&[b": keep-alive\n\nretry: 1500\ndata: a\ndata:b\n\nid: 7-1\n\n"]),
            vec![
                Frame::Retry(Duration::from_millis(1500)),
                event(None, "message", "a\nb"),
            ]
        );
        let mut p = Parser::default();
        p.feed(b"id: 7-1\n\n");
        assert_eq!(p.last_id(), Some("7-1"));
    }

    #[test]
    fn thread_id_from_data() {
        let e = LiveEvent {
            id: None,
            kind: "thread".into(),
            data: r#"{"thread_id":"0190f3a2-0000-7000-8000-000000000001","status":"human"}"#.into(),
        };
        assert_eq!(
            e.thread_id().map(|u| u.to_string()).as_deref(),
            Some("0190f3a2-0000-7000-8000-000000000001")
        );
    }
}
