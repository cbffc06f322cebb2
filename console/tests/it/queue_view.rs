//! The queue view as agents see it.

use agent_console::app::{Msg, Section};
use crossterm::event::KeyCode;

use crate::support::{blank, ch, id, key, later, loaded, render, send};

#[test]
fn every_section_with_waits_reasons_and_owners() {
    let state = loaded();
    insta::assert_snapshot!("queue_view", render(&state, 100, 30));
}

#[test]
fn waiting_times_grow_between_fetches() {
    let mut state = loaded();
    assert!(render(&state, 100, 30).contains("4m12s     OVERDUE"));
    send(&mut state, Msg::Tick(later(50)));
    let screen = render(&state, 100, 30);
    assert!(screen.contains("5m02s     OVERDUE"), "{screen}");
    assert!(screen.contains("1m35s"), "{screen}");
}

#[test]
fn one_section_at_a_time() {
    let mut state = loaded();
    send(&mut state, ch('2'));
    assert_eq!(state.filter, Some(Section::Mine));
    let screen = render(&state, 100, 30);
    assert!(screen.contains("[2 Mine (1)]"), "{screen}");
    assert!(screen.contains("── Mine (1)"), "{screen}");
    assert!(!screen.contains("── Waiting"), "{screen}");
    assert!(
        screen.contains("> lee"),
        "the cursor moves into the section: {screen}"
    );
}

#[test]
fn search_shows_only_matches_and_says_when_none() {
    let mut state = loaded();
    send(&mut state, ch('/'));
    crate::support::type_text(&mut state, "parcel");
    send(&mut state, key(KeyCode::Enter));
    let screen = render(&state, 100, 30);
    assert!(screen.contains("search: parcel"), "{screen}");
    assert!(screen.contains("Where is my parcel?"), "{screen}");
    assert!(!screen.contains("refund for order 1042"), "{screen}");
    assert!(screen.contains("no match for \"parcel\""), "{screen}");
    assert_eq!(state.selected, Some(id(2)));
}

#[test]
fn before_the_first_answer_and_after_a_failed_one() {
    let mut state = blank();
    assert!(render(&state, 100, 30).contains("loading the queues…"));
    assert!(render(&state, 100, 30).contains("◌ connecting"));
    send(
        &mut state,
        Msg::Queues(Err(agent_console::client::ClientError::Network(
            "connection refused".into(),
        ))),
    );
    let screen = render(&state, 100, 30);
    assert!(
        screen.contains("could not load the queues: cannot reach agentd: connection refused"),
        "{screen}"
    );
}

#[test]
fn outside_business_hours_is_said() {
    let mut state = blank();
    let mut q = crate::support::queues();
    q.open_now = false;
    send(&mut state, Msg::Queues(Ok(q)));
    assert!(render(&state, 120, 10).contains("outside business hours"));
}
