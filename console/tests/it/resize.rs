//! Any terminal size, however small, draws without a panic.

use crossterm::event::KeyCode;

use crate::support::{ch, key, loaded, open_conversation, render, send, type_text};

#[test]
fn every_screen_at_tiny_sizes() {
    let queue = loaded();
    let conversation = open_conversation();
    let mut replying = open_conversation();
    send(&mut replying, ch('r'));
    type_text(
        &mut replying,
        "a reply long enough to wrap in a narrow box, twice over",
    );
    let mut helping = loaded();
    send(&mut helping, ch('?'));
    let mut searching = loaded();
    send(&mut searching, ch('/'));
    type_text(&mut searching, "refund");
    let mut ticket = open_conversation();
    send(&mut ticket, ch('t'));
    type_text(&mut ticket, "Refund");
    send(&mut ticket, key(KeyCode::Enter));

    let sizes = [
        (0, 0),
        (1, 1),
        (20, 5),
        (5, 20),
        (10, 3),
        (100, 2),
        (2, 100),
        (40, 8),
        (79, 12),
        (80, 12),
        (250, 70),
    ];
    for state in [
        &queue,
        &conversation,
        &replying,
        &helping,
        &searching,
        &ticket,
    ] {
        for (w, h) in sizes {
            let screen = render(state, w, h);
            assert_eq!(screen.lines().count(), h as usize, "{w}x{h}");
        }
    }
}

#[test]
fn a_resize_message_changes_nothing_but_the_next_draw() {
    let mut state = loaded();
    assert!(send(&mut state, agent_console::app::Msg::Resize(20, 5)).is_none());
    let screen = render(&state, 20, 5);
    assert_eq!(screen.lines().count(), 5);
}
