//! The terminal's modes: raw input and the alternate screen while the console runs,
//! and everything put back on the way out — including on a panic, whose hook restores
//! the terminal before the message is printed, so the message is readable and the
//! shell is usable afterwards.

use std::io::{self, stdout, Stdout};
use std::sync::Once;

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, alternate screen, bracketed paste (a pasted reply arrives as one piece,
/// not as keys that could trigger commands).
pub fn enter() -> io::Result<Tui> {
    install_panic_hook();
    enable_raw_mode()?;
    if let Err(e) = execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste) {
        let _ = restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(stdout()))
}

/// Back to the normal screen and cooked input. Every step is tried even if one fails.
pub fn restore() -> io::Result<()> {
    let raw = disable_raw_mode();
    let screen = execute!(
        stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    raw.and(screen)
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore();
            tracing::error!(panic = %info, "the console panicked");
            previous(info);
        }));
    });
}
