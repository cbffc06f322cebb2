//! The conversation view: a header saying whose conversation it is, the transcript
//! (newest at the bottom, scrollable by message), the handoff and ownership panel on
//! the right when there is room, and the keys that act on it.

use frontdesk_api::admin::ThreadDetail;
use frontdesk_api::ThreadStatus;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

use super::format::{one_line, short_id};
use super::{handoff, theme, transcript};
use crate::app::{Conversation, State};

/// Below this width the side panel would squeeze the transcript: it is left out.
const SIDE_PANEL_MIN_WIDTH: u16 = 80;

pub fn render(state: &State, c: &Conversation, frame: &mut Frame, area: Rect) {
    let [header, main, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(header_line(state, c)), header);
    frame.render_widget(
        Paragraph::new(theme::hints(&[
            ("c", "claim"),
            ("r", "reply"),
            ("n", "note"),
            ("b", "hand back"),
            ("x", "resolve"),
            ("t", "ticket"),
            ("a", "assign"),
            ("Esc", "back"),
            ("?", "help"),
        ])),
        hints,
    );
    let Some(detail) = &c.detail else {
        let text = match &c.error {
            Some(e) => Line::styled(format!(" {}", one_line(e)), theme::ERROR),
            None => Line::styled(" loading the conversation…", theme::DIM),
        };
        frame.render_widget(Paragraph::new(text), main);
        return;
    };
    if main.width >= SIDE_PANEL_MIN_WIDTH {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
                .areas(main);
        render_transcript(state, c, detail, frame, left);
        handoff::render(state, detail, frame, right);
    } else {
        render_transcript(state, c, detail, frame, main);
    }
}

fn header_line(state: &State, c: &Conversation) -> Line<'static> {
    let mut spans = vec![Span::styled(
        format!(" Conversation {} ", short_id(c.thread_id)),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    let Some(d) = &c.detail else {
        return Line::from(spans);
    };
    let (owner, style) = owner(state, d);
    spans.push(Span::styled("· ", theme::DIM));
    spans.push(Span::styled(owner, style));
    spans.push(Span::styled(
        format!(" · {}", one_line(d.channel.as_str())),
        theme::DIM,
    ));
    if let Some(email) = &d.customer_email {
        spans.push(Span::styled(format!(" · {}", one_line(email)), theme::DIM));
    }
    if let Some(e) = &c.error {
        spans.push(Span::styled(format!("  ({})", one_line(e)), theme::ERROR));
    }
    Line::from(spans)
}

/// Whose it is, in words.
fn owner(state: &State, d: &ThreadDetail) -> (String, Style) {
    match d.status {
        ThreadStatus::Bot => ("the bot is answering (c to take over)".into(), theme::OK),
        ThreadStatus::WaitingHuman => ("waiting for a person (c to claim)".into(), theme::ERROR),
        ThreadStatus::Human if state.is_mine(d.id) => ("yours".into(), theme::ACTIVE),
        ThreadStatus::Human => match &d.assignee {
            Some(a) => (format!("with {}", one_line(a)), theme::HUMAN),
            None => ("with a person".into(), theme::HUMAN),
        },
        ThreadStatus::Resolved => ("resolved".into(), theme::DIM),
    }
}

fn render_transcript(
    state: &State,
    c: &Conversation,
    d: &ThreadDetail,
    frame: &mut Frame,
    area: Rect,
) {
    let shown = d.messages.len().saturating_sub(c.scroll);
    let mut title = format!(" Transcript ({} messages) ", d.messages.len());
    if c.scroll > 0 {
        title = format!(" Transcript · {} newer below (End) ", c.scroll);
    }
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    let lines = transcript::lines(state, &d.messages[..shown], inner.width as usize);
    if d.messages.is_empty() {
        let empty = Line::styled("no messages yet", theme::DIM);
        frame.render_widget(Paragraph::new(empty).block(block), area);
        return;
    }
    // newest at the bottom: show the tail that fits
    let skip = lines.len().saturating_sub(inner.height as usize);
    let visible: Vec<Line> = lines.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(visible).block(block), area);
}
