//! Drawing: [`view`] renders the state into a frame and does nothing else (no I/O, no
//! state changes), so what a test renders on a `TestBackend` is what agents see.
//! One module per part of the screen; `format` and `theme` are shared by all.

mod conversation;
pub mod format;
mod handoff;
pub mod help;
mod prompt;
mod queue;
mod status_bar;
mod theme;
mod transcript;

use ratatui::layout::{Constraint, Layout};
use ratatui::Frame;

use crate::app::{Screen, State};

pub fn view(state: &State, frame: &mut Frame) {
    let area = frame.area();
    let [body, input, status] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(prompt::height(state)),
        Constraint::Length(1),
    ])
    .areas(area);
    match &state.screen {
        Screen::Queues => queue::render(state, frame, body),
        Screen::Conversation(c) => conversation::render(state, c, frame, body),
    }
    if let Some(i) = &state.input {
        prompt::render(i, frame, input);
    }
    status_bar::render(state, frame, status);
    if state.help {
        help::render(frame, area);
    }
}
