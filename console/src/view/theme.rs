//! The console's few styles, in one place. Every distinction they draw is also made in
//! text (brackets, labels, `OVERDUE`), so the console reads the same without colour.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

pub const HEADER: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const ACTIVE: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD));
pub const DIM: Style = Style::new().fg(Color::DarkGray);
pub const ERROR: Style = Style::new().fg(Color::Red);
pub const WARN: Style = Style::new().fg(Color::Yellow);
pub const OK: Style = Style::new().fg(Color::Green);
pub const KEY: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);

pub const CUSTOMER: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const BOT: Style = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
pub const HUMAN: Style = Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD);
pub const NOTE: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);

/// `Enter open · c claim · ...`: the keys that matter on a screen.
pub fn hints(keys: &[(&str, &str)]) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (i, (key, what)) in keys.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", DIM));
        }
        spans.push(Span::styled(key.to_string(), KEY));
        spans.push(Span::raw(format!(" {what}")));
    }
    Line::from(spans)
}
