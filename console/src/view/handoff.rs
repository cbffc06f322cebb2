//! The side panel of a conversation: the handoff (why the customer wants a person, the
//! bot's summary and transcript excerpt, how long they have waited against the SLA,
//! who claimed it) and every change of owner, oldest first.

use frontdesk_api::admin::{HandoffView, ThreadDetail, TransitionView};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

use super::format::{clean, clock, duration, one_line, wrap};
use super::theme;
use crate::app::State;

pub fn render(state: &State, detail: &ThreadDetail, frame: &mut Frame, area: Rect) {
    let inner_cols = area.width.saturating_sub(2) as usize;
    let handoff = match &detail.handoff {
        Some(h) => handoff_lines(state, h, inner_cols),
        None => vec![Line::styled(
            "no handoff: the bot has had it throughout",
            theme::DIM,
        )],
    };
    let transitions = transition_lines(state, &detail.transitions, inner_cols);
    // the handoff gets what it needs, up to two thirds; ownership the rest
    let wanted = handoff.len() as u16 + 2;
    let [top, bottom] = Layout::vertical([
        Constraint::Length(wanted.min(area.height.saturating_mul(2) / 3)),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(handoff).block(Block::bordered().title(" Handoff ")),
        top,
    );
    // the newest changes matter most: show the tail when they do not fit
    let room = bottom.height.saturating_sub(2) as usize;
    let skip = transitions.len().saturating_sub(room);
    frame.render_widget(
        Paragraph::new(transitions.into_iter().skip(skip).collect::<Vec<_>>())
            .block(Block::bordered().title(" Ownership ")),
        bottom,
    );
}

fn field(name: &str, value: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{name:<8} "), theme::DIM),
        Span::raw(value),
    ])
}

fn handoff_lines(state: &State, h: &HandoffView, cols: usize) -> Vec<Line<'static>> {
    let mut out = vec![
        field("reason", one_line(&h.reason)),
        field(
            "queue",
            format!("{} · by {}", one_line(&h.queue), one_line(&h.requested_by)),
        ),
    ];
    let overdue = h.claimed_at.is_none() && state.now > h.sla_due_at;
    // "waited" once someone picked it up, "waiting" while nobody has
    let (label, waited) = match h.claimed_at {
        Some(at) => ("waited", (at - h.requested_at).num_seconds()),
        None => ("waiting", (state.now - h.requested_at).num_seconds()),
    };
    let mut wait = vec![
        Span::styled(format!("{label:<8} "), theme::DIM),
        Span::raw(duration(waited)),
    ];
    if overdue {
        wait.push(Span::styled(" OVERDUE", theme::ERROR));
    }
    out.push(Line::from(wait));
    out.push(field("SLA due", clock(h.sla_due_at, state.utc_offset)));
    if let (Some(by), Some(at)) = (&h.claimed_by, h.claimed_at) {
        out.push(field(
            "claimed",
            format!("{} at {}", one_line(by), clock(at, state.utc_offset)),
        ));
    }
    if h.after_hours {
        let text = "after hours: a ticket and an email follow-up were promised";
        for line in wrap(text, cols) {
            out.push(Line::styled(line, theme::WARN));
        }
    }
    if let Some(n) = h.ticket_number {
        out.push(field("ticket", format!("#{n}")));
    }
    out.push(Line::styled("summary", theme::DIM));
    for line in wrap(&clean(&h.summary), cols.saturating_sub(1)) {
        out.push(Line::raw(format!(" {line}")));
    }
    if !h.transcript_excerpt.trim().is_empty() {
        out.push(Line::styled("excerpt", theme::DIM));
        for line in wrap(&clean(h.transcript_excerpt.trim()), cols.saturating_sub(1)) {
            out.push(Line::raw(format!(" {line}")));
        }
    }
    out
}

fn transition_lines(state: &State, ts: &[TransitionView], cols: usize) -> Vec<Line<'static>> {
    if ts.is_empty() {
        return vec![Line::styled("no changes yet", theme::DIM)];
    }
    let mut out = Vec::new();
    for t in ts {
        let to = match &t.assignee {
            Some(a) => format!("{} ({})", t.to.as_str(), one_line(a)),
            None => t.to.as_str().to_string(),
        };
        out.push(Line::from(vec![
            Span::styled(clock(t.at, state.utc_offset), theme::DIM),
            Span::raw(format!(" {} → {to}", t.from.as_str())),
        ]));
        let mut why = format!("by {}", one_line(&t.actor));
        if let Some(r) = t.reason.as_deref().filter(|r| !r.trim().is_empty()) {
            why.push_str(&format!(": {}", one_line(r)));
        }
        for line in wrap(&why, cols.saturating_sub(6)) {
            out.push(Line::styled(format!("      {line}"), theme::DIM));
        }
    }
    out
}
