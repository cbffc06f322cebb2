//! Moving around without acting: the cursor, sections, search, opening and leaving a
//! conversation, live events and ticks, help and quitting.

use agent_console::app::{Action, Msg, Screen, Section};
use agent_console::client::LiveEvent;
use crossterm::event::KeyCode;

use crate::support::{ch, id, key, later, loaded, open_conversation, send, type_text};

#[test]
fn search_filters_by_message_reason_and_id() {
    let mut state = loaded();
    send(&mut state, ch('/'));
    type_text(&mut state, "BILLING");
    let rows: Vec<_> = agent_console::app::queues::rows(&state)
        .iter()
        .map(|r| r.entry.thread_id)
        .collect();
    assert_eq!(rows, [id(4)]);
    assert_eq!(state.selected, Some(id(4)), "the cursor follows the filter");
    // Esc while typing clears the search
    send(&mut state, key(KeyCode::Esc));
    assert_eq!(agent_console::app::queues::rows(&state).len(), 6);

    send(&mut state, ch('/'));
    type_text(&mut state, "000000000006");
    send(&mut state, key(KeyCode::Enter));
    let rows = agent_console::app::queues::rows(&state);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].section, Section::Resolved);
    // and Esc afterwards clears it too
    send(&mut state, key(KeyCode::Esc));
    assert!(state.search.is_empty());
}

#[test]
fn tab_cycles_sections_and_zero_shows_all() {
    let mut state = loaded();
    let mut seen = Vec::new();
    for _ in 0..6 {
        send(&mut state, key(KeyCode::Tab));
        seen.push(state.filter);
    }
    assert_eq!(
        seen,
        [
            Some(Section::Waiting),
            Some(Section::Mine),
            Some(Section::Others),
            Some(Section::BotActive),
            Some(Section::Resolved),
            None
        ]
    );
    send(&mut state, key(KeyCode::BackTab));
    assert_eq!(state.filter, Some(Section::Resolved));
    send(&mut state, ch('0'));
    assert_eq!(state.filter, None);
}

#[test]
fn cursor_moves_within_the_rows_and_survives_a_refresh() {
    let mut state = loaded();
    send(&mut state, key(KeyCode::Down));
    send(&mut state, key(KeyCode::Down));
    assert_eq!(state.selected, Some(id(3)));
    send(&mut state, key(KeyCode::End));
    assert_eq!(state.selected, Some(id(6)));
    send(&mut state, key(KeyCode::Down));
    assert_eq!(state.selected, Some(id(6)), "stops at the end");
    // thread 6 disappears: the cursor goes back to the top
    let mut q = crate::support::queues();
    q.resolved.clear();
    send(&mut state, Msg::Queues(Ok(q)));
    assert_eq!(state.selected, Some(id(1)));
}

#[test]
fn open_and_back() {
    let mut state = loaded();
    send(&mut state, key(KeyCode::Down));
    let action = send(&mut state, key(KeyCode::Enter));
    assert!(matches!(action, Some(Action::FetchThread(t)) if t == id(2)));
    send(&mut state, key(KeyCode::Esc));
    assert!(matches!(state.screen, Screen::Queues));
    assert_eq!(state.selected, Some(id(2)));
}

#[test]
fn live_events_refresh_what_they_are_about() {
    let mut state = open_conversation();
    let event = |thread: uuid::Uuid| {
        Msg::Live(LiveEvent {
            id: Some("1764067800000-0".into()),
            kind: "thread".into(),
            data: serde_json::json!({"thread_id": thread, "status": "human"}).to_string(),
        })
    };
    assert!(matches!(
        send(&mut state, event(id(3))),
        Some(Action::Refresh { thread: Some(t) }) if t == id(3)
    ));
    assert!(matches!(
        send(&mut state, event(id(1))),
        Some(Action::Refresh { thread: None })
    ));
}

#[test]
fn periodic_refresh_only_when_due() {
    let mut state = crate::support::blank();
    // the first tick asks for the queues
    assert!(matches!(
        send(&mut state, Msg::Tick(later(0))),
        Some(Action::FetchQueues)
    ));
    assert!(send(&mut state, Msg::Tick(later(5))).is_none());
    // not connected yet: every 10 s
    assert!(matches!(
        send(&mut state, Msg::Tick(later(10))),
        Some(Action::FetchQueues)
    ));
    send(&mut state, Msg::Connected);
    assert!(send(&mut state, Msg::Tick(later(25))).is_none());
    assert!(matches!(
        send(&mut state, Msg::Tick(later(40))),
        Some(Action::FetchQueues)
    ));
}

#[test]
fn a_reconnect_refreshes() {
    let mut state = open_conversation();
    send(
        &mut state,
        Msg::ConnectionLost {
            attempt: 1,
            retry_in: std::time::Duration::from_millis(500),
            error: "reset".into(),
        },
    );
    assert!(matches!(
        send(&mut state, Msg::Connected),
        Some(Action::Refresh { thread: Some(t) }) if t == id(3)
    ));
}

#[test]
fn quit_and_help() {
    let mut state = loaded();
    assert!(matches!(send(&mut state, ch('q')), Some(Action::Quit)));
    send(&mut state, ch('?'));
    assert!(state.help);
    send(&mut state, key(KeyCode::Esc));
    assert!(!state.help);
    assert!(matches!(
        send(&mut state, crate::support::ctrl('c')),
        Some(Action::Quit)
    ));
    // in a prompt, q is a letter
    send(&mut state, ch('/'));
    assert!(send(&mut state, ch('q')).is_none());
    assert_eq!(state.search, "q");
}

#[test]
fn pasted_text_goes_into_the_box_in_one_piece() {
    let mut state = open_conversation();
    send(&mut state, ch('n'));
    send(&mut state, Msg::Paste("line one\nline two".into()));
    assert_eq!(
        state.input.as_ref().unwrap().editor.text(),
        "line one\nline two"
    );
    // outside a prompt a paste does nothing (it must not run commands)
    send(&mut state, key(KeyCode::Esc));
    assert!(send(&mut state, Msg::Paste("cq".into())).is_none());
}
