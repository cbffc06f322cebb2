//! The box a prompt is typed into, above the status bar: the reply box (a few lines,
//! for prose), or a one-line prompt for search, an agent's name, a reason or a
//! ticket subject. Its title says what Enter and Esc will do.

use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

use super::format::{one_line, rows_with_cursor, truncate};
use super::theme;
use crate::app::{Compose, Input, Prompt, State};

/// Text rows of a multi-line box.
const PROSE_ROWS: u16 = 4;

/// Rows the prompt needs (0 when there is none).
pub fn height(state: &State) -> u16 {
    match &state.input {
        None => 0,
        Some(i) if i.prompt.multiline() => PROSE_ROWS + 2,
        Some(_) => 3,
    }
}

pub fn title(prompt: &Prompt) -> String {
    match prompt {
        Prompt::Search => {
            " Search last message, reason, thread id · Enter keep · Esc clear ".into()
        }
        Prompt::Compose(_, Compose::Reply) => {
            " Reply to the customer · Enter send · Alt+Enter new line · Esc close (draft kept) "
                .into()
        }
        Prompt::Compose(_, Compose::Note) => {
            " Internal note, never shown to the customer · Enter save · Esc close ".into()
        }
        Prompt::Assign(_) => " Assign to agent (operator name) · Enter assign · Esc cancel ".into(),
        Prompt::HandBack(_) => {
            " Hand back to the bot · reason (optional) · Enter confirm · Esc cancel ".into()
        }
        Prompt::Resolve(_) => " Resolve · reason (optional) · Enter confirm · Esc cancel ".into(),
        Prompt::TicketSubject(_) => " New ticket: subject · Enter next · Esc cancel ".into(),
        Prompt::TicketBody { subject, .. } => format!(
            " Ticket \"{}\": body · Enter create · Esc cancel ",
            truncate(&one_line(subject), 30)
        ),
    }
}

pub fn render(input: &Input, frame: &mut Frame, area: Rect) {
    let block = Block::bordered()
        .title(title(&input.prompt))
        .border_style(theme::ACTIVE);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let (rows, (row, col)) = rows_with_cursor(
        input.editor.text(),
        input.editor.cursor(),
        inner.width as usize,
    );
    // keep the cursor's row in view
    let height = inner.height as usize;
    let skip = (row + 1).saturating_sub(height);
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(skip)
        .take(height)
        .map(Line::raw)
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    let x = inner
        .x
        .saturating_add(col as u16)
        .min(inner.right().saturating_sub(1));
    let y = inner.y.saturating_add((row - skip) as u16);
    frame.set_cursor_position(Position::new(x, y));
}
