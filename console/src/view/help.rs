//! The help overlay (`?`): every key binding, by where it works, drawn over whatever
//! is on screen. The list here is the one place the bindings are described.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

use super::theme;

/// (heading, [(keys, what they do)]).
pub const BINDINGS: &[(&str, &[(&str, &str)])] = &[
    (
        "Queues",
        &[
            ("↑ ↓  j k", "move between conversations"),
            ("Enter", "open the conversation"),
            (
                "1 … 5",
                "show one section: waiting, mine, others, bot, resolved",
            ),
            ("0  Tab", "show all sections · cycle through them"),
            ("/", "search last message, reason, thread id (Esc clears)"),
        ],
    ),
    (
        "Conversation",
        &[
            ("c", "claim it, or take it over from the bot"),
            ("r  n", "reply to the customer · add an internal note"),
            ("b  x", "hand back to the bot · resolve"),
            ("t  a", "open a ticket · assign to another agent"),
            ("↑ ↓  End", "scroll the transcript · back to the newest"),
            ("Esc", "back to the queues"),
        ],
    ),
    (
        "Typing",
        &[
            ("Enter", "send or confirm"),
            ("Alt+Enter", "new line in a reply or note"),
            ("Esc", "close (a reply keeps its draft)"),
        ],
    ),
    (
        "Anywhere",
        &[
            ("Ctrl+R", "refresh now"),
            ("?", "this help"),
            ("q  Ctrl+C", "quit"),
        ],
    ),
];

fn lines() -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (i, (heading, keys)) in BINDINGS.iter().enumerate() {
        if i > 0 {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(heading.to_string(), theme::HEADER));
        for (key, what) in keys.iter() {
            out.push(Line::from(vec![
                Span::styled(format!("  {key:<11}"), theme::KEY),
                Span::raw(what.to_string()),
            ]));
        }
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect) {
    let lines = lines();
    let height = (lines.len() as u16).saturating_add(2);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(72)])
        .flex(Flex::Center)
        .areas(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Keys · any key closes ")),
        popup,
    );
}
