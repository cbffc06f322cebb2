//! The bottom line: the connection to agentd (connected, reconnecting with a countdown,
//! offline and why), the latest flash message or else agentd's address, and where help is.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::format::one_line;
use super::theme;
use crate::app::state::OFFLINE_AFTER_ATTEMPTS;
use crate::app::{Connection, FlashLevel, State};

pub fn render(state: &State, frame: &mut Frame, area: Rect) {
    let [left, right] = Layout::horizontal([Constraint::Min(0), Constraint::Length(9)]).areas(area);
    let mut spans = vec![connection(state), Span::styled(" │ ", theme::DIM)];
    match &state.flash {
        Some(f) => spans.push(Span::styled(
            one_line(&f.text),
            match f.level {
                FlashLevel::Info => theme::OK,
                FlashLevel::Error => theme::ERROR,
            },
        )),
        None => spans.push(Span::styled(format!("agentd {}", state.server), theme::DIM)),
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), left);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("?", theme::KEY),
            Span::raw(" help "),
        ]))
        .right_aligned(),
        right,
    );
}

/// `● connected`, `↻ reconnecting in 4s`, `✕ offline · retrying in 16s`, `✕ offline: why`.
pub fn connection(state: &State) -> Span<'static> {
    match &state.connection {
        Connection::Connecting => Span::styled(" ◌ connecting", theme::WARN),
        Connection::Connected => Span::styled(" ● connected", theme::OK),
        Connection::Reconnecting {
            attempt, retry_at, ..
        } => {
            // round up: "in 0s" while an attempt is still ahead would read as stuck
            let ms = (*retry_at - state.now).num_milliseconds().max(0);
            let secs = (ms + 999) / 1000;
            let when = if secs == 0 {
                "now".to_string()
            } else {
                format!("in {secs}s")
            };
            if *attempt > OFFLINE_AFTER_ATTEMPTS {
                Span::styled(format!(" ✕ offline · retrying {when}"), theme::ERROR)
            } else {
                Span::styled(format!(" ↻ reconnecting {when}"), theme::WARN)
            }
        }
        Connection::Offline { reason } => {
            Span::styled(format!(" ✕ offline: {}", one_line(reason)), theme::ERROR)
        }
    }
}
