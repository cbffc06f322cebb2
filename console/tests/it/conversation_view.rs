//! The conversation view: transcript, tool calls, handoff and ownership, the reply box.

use agent_console::app::Msg;
use crossterm::event::KeyCode;

use crate::support::{ch, detail, id, key, open_conversation, render, send, type_text};

#[test]
fn transcript_tools_handoff_and_ownership() {
    let state = open_conversation();
    insta::assert_snapshot!("conversation_view", render(&state, 100, 30));
}

#[test]
fn every_author_is_marked() {
    let screen = render(&open_conversation(), 100, 40);
    for expected in [
        "10:20 customer",
        "10:20 bot · answered",
        "tool  get_order · ok · 120 ms",
        "cite  Returns and refunds <https://shop.example/returns>",
        "guard uncited_claim",
        "10:26 NOTE (internal) · lee",
        "│ Second broken delivery this month",
        "10:27 Lee (agent)",
    ] {
        assert!(
            screen.contains(expected),
            "missing {expected:?} in\n{screen}"
        );
    }
}

#[test]
fn reply_box_with_a_draft() {
    let mut state = open_conversation();
    send(&mut state, ch('r'));
    type_text(&mut state, "Your refund is on its way");
    insta::assert_snapshot!("reply_box", render(&state, 100, 30));
}

#[test]
fn narrow_screens_leave_the_side_panel_out() {
    let screen = render(&open_conversation(), 60, 20);
    assert!(!screen.contains("Handoff"), "{screen}");
    assert!(screen.contains("Lee (agent)"), "{screen}");
}

#[test]
fn scrolling_up_hides_newer_messages() {
    let mut state = open_conversation();
    send(&mut state, key(KeyCode::Up));
    send(&mut state, key(KeyCode::Up));
    let screen = render(&state, 100, 30);
    assert!(screen.contains("2 newer below"), "{screen}");
    assert!(!screen.contains("Lee (agent)"), "{screen}");
    send(&mut state, key(KeyCode::End));
    assert!(render(&state, 100, 30).contains("Lee (agent)"));
}

#[test]
fn while_loading_and_when_gone() {
    let mut state = crate::support::loaded();
    state.selected = Some(id(1));
    send(&mut state, key(KeyCode::Enter));
    assert!(render(&state, 100, 30).contains("loading the conversation…"));
    let gone = agent_console::client::ClientError::from_response(
        404,
        r#"{"error":{"code":"thread_not_found","message":"no such thread"}}"#,
    );
    send(&mut state, Msg::Thread(id(1), Err(gone)));
    let screen = render(&state, 100, 30);
    assert!(
        screen.contains("this conversation no longer exists"),
        "{screen}"
    );
}

#[test]
fn waiting_thread_shows_the_wait_against_the_sla() {
    let mut state = crate::support::loaded();
    state.selected = Some(id(3));
    send(&mut state, key(KeyCode::Enter));
    let mut waiting = detail();
    waiting.status = frontdesk_api::ThreadStatus::WaitingHuman;
    waiting.assignee = None;
    if let Some(h) = waiting.handoff.as_mut() {
        h.claimed_by = None;
        h.claimed_at = None;
        h.sla_due_at = crate::support::at(10, 29, 0);
    }
    send(&mut state, Msg::Thread(id(3), Ok(Box::new(waiting))));
    let screen = render(&state, 100, 30);
    assert!(
        screen.contains("waiting for a person (c to claim)"),
        "{screen}"
    );
    assert!(screen.contains("waiting  5m29s OVERDUE"), "{screen}");
    assert!(screen.contains("SLA due  10:29"), "{screen}");
}
