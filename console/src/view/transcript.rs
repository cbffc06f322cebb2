//! The transcript as lines: each message under a label that says who wrote it —
//! `customer`, `bot`, a person (`Sam (agent)`) or `NOTE (internal)` — and, under a bot
//! answer, what it did: each tool call with its outcome and latency, the citations
//! with their URLs, and any guardrail that tripped.

use frontdesk_api::admin::AdminMessage;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::format::{clean, clock, one_line, wrap};
use super::theme;
use crate::app::payload::ToolPayload;
use crate::app::State;

/// Every line of `messages`, wrapped to `cols`.
pub fn lines(state: &State, messages: &[AdminMessage], cols: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (i, m) in messages.iter().enumerate() {
        if i > 0 {
            out.push(Line::raw(""));
        }
        message(state, m, cols, &mut out);
    }
    out
}

fn message(state: &State, m: &AdminMessage, cols: usize, out: &mut Vec<Line<'static>>) {
    let payload = m
        .tool_payload
        .as_ref()
        .map(ToolPayload::parse)
        .unwrap_or_default();
    let author = payload.author.as_deref().map(one_line);
    let (label, style) = match m.role.as_str() {
        "user" => ("customer".to_string(), theme::CUSTOMER),
        "assistant" => (
            match &payload.outcome {
                Some(o) => format!("bot · {o}"),
                None => "bot".into(),
            },
            theme::BOT,
        ),
        "human_agent" => (
            match &author {
                Some(a) => format!("{a} (agent)"),
                None => "agent".into(),
            },
            theme::HUMAN,
        ),
        "note" => (
            match &author {
                Some(a) => format!("NOTE (internal) · {a}"),
                None => "NOTE (internal)".into(),
            },
            theme::NOTE,
        ),
        "tool" => (
            format!(
                "tool {}",
                m.tool_name.as_deref().map(one_line).unwrap_or_default()
            ),
            theme::DIM,
        ),
        other => (one_line(other), theme::DIM),
    };
    out.push(Line::from(vec![
        Span::styled(clock(m.created_at, state.utc_offset), theme::DIM),
        Span::raw(" "),
        Span::styled(label, style),
    ]));
    let body_style = if m.role == "note" {
        theme::NOTE.remove_modifier(ratatui::style::Modifier::BOLD)
    } else {
        Style::new()
    };
    let prefix = if m.role == "note" { "  │ " } else { "  " };
    for line in wrap(
        &clean(m.content.trim_end()),
        cols.saturating_sub(prefix.len()),
    ) {
        out.push(Line::styled(format!("{prefix}{line}"), body_style));
    }
    details(&payload, cols, out);
}

/// What the bot did for this answer, one dim line each.
fn details(p: &ToolPayload, cols: usize, out: &mut Vec<Line<'static>>) {
    let mut push = |text: String, style: Style| {
        for (i, line) in wrap(&text, cols.saturating_sub(4)).into_iter().enumerate() {
            let indent = if i == 0 { "  " } else { "      " };
            out.push(Line::styled(format!("{indent}{line}"), style));
        }
    };
    for call in &p.tool_calls {
        let mut text = format!("tool  {}", one_line(&call.tool));
        if let Some(outcome) = &call.outcome {
            text.push_str(&format!(" · {}", one_line(outcome)));
        }
        if let Some(ms) = call.latency_ms {
            text.push_str(&format!(" · {ms} ms"));
        }
        if let Some(n) = call.attempts.filter(|n| *n > 1) {
            text.push_str(&format!(" · {n} attempts"));
        }
        push(text, theme::DIM);
    }
    for c in &p.citations {
        let text = match &c.url {
            Some(url) => format!("cite  {} <{}>", one_line(&c.title), one_line(url)),
            None => format!("cite  {}", one_line(&c.title)),
        };
        push(text, theme::DIM);
    }
    for trip in &p.guardrail_trips {
        push(format!("guard {}", one_line(trip)), theme::WARN);
    }
    if let Some(n) = p.ticket_number {
        push(format!("ticket #{n}"), theme::DIM);
    }
}
