//! The action keys: what `update` asks agentd to do (claim, reply, note, hand back,
//! resolve, assign, ticket) and how it takes the answers, including agentd's refusals.

use agent_console::app::{Action, ActionKind, Compose, Msg, Outcome, Prompt, Screen};
use agent_console::client::ClientError;
use crossterm::event::KeyCode;
use frontdesk_api::admin::{OwnershipView, TicketView};
use frontdesk_api::ThreadStatus;

use crate::support::{
    ch, detail, id, key, later, loaded, open_conversation, render, send, type_text,
};

fn conflict(message: &str) -> ClientError {
    ClientError::from_response(
        409,
        &serde_json::json!({"error": {"code": "already_claimed", "message": message}}).to_string(),
    )
}

fn flash(state: &agent_console::app::State) -> String {
    state
        .flash
        .as_ref()
        .map(|f| f.text.clone())
        .unwrap_or_default()
}

#[test]
fn claim_on_a_waiting_thread() {
    let mut state = loaded();
    assert_eq!(
        state.selected,
        Some(id(1)),
        "the cursor starts on the longest wait"
    );
    let action = send(&mut state, ch('c'));
    assert!(
        matches!(action, Some(Action::Claim(t)) if t == id(1)),
        "{action:?}"
    );
}

#[test]
fn take_over_from_the_bot() {
    let mut state = loaded();
    send(&mut state, ch('4'));
    assert_eq!(state.selected, Some(id(5)));
    assert!(matches!(send(&mut state, ch('c')), Some(Action::Claim(t)) if t == id(5)));
}

#[test]
fn claiming_your_own_thread_asks_nothing() {
    let mut state = loaded();
    send(&mut state, ch('2'));
    assert!(send(&mut state, ch('c')).is_none());
    assert_eq!(flash(&state), "this conversation is already yours");
}

#[test]
fn a_lost_claim_race_names_the_winner() {
    let mut state = loaded();
    // the console saw thread 4 with sam
    send(&mut state, ch('3'));
    let claim = send(&mut state, ch('c'));
    assert!(matches!(claim, Some(Action::Claim(t)) if t == id(4)));
    let action = send(
        &mut state,
        Msg::Done {
            thread: id(4),
            kind: ActionKind::Claim,
            result: Err(conflict("already claimed")),
        },
    );
    assert_eq!(flash(&state), "sam already has this conversation");
    assert!(render(&state, 100, 30).contains("sam already has this conversation"));
    assert!(matches!(action, Some(Action::Refresh { thread: Some(t) }) if t == id(4)));
}

#[test]
fn a_lost_claim_race_on_stale_data_learns_the_winner_from_the_refetch() {
    let mut state = loaded();
    // thread 1 looked unclaimed: agentd's message speaks first, the refetch names sam
    send(
        &mut state,
        Msg::Done {
            thread: id(1),
            kind: ActionKind::Claim,
            result: Err(conflict("sam claimed it first")),
        },
    );
    assert_eq!(flash(&state), "sam claimed it first");
    let mut claimed = detail();
    claimed.id = id(1);
    claimed.assignee = Some("Sam".into());
    if let Some(last) = claimed.transitions.last_mut() {
        last.assignee = Some("sam".into());
        last.actor = "operator:sam".into();
    }
    send(&mut state, Msg::Thread(id(1), Ok(Box::new(claimed))));
    assert_eq!(flash(&state), "sam already has this conversation");
}

#[test]
fn a_won_claim_says_so_and_refreshes() {
    let mut state = loaded();
    let result = Ok(Outcome::Ownership(OwnershipView {
        thread_id: id(1),
        status: ThreadStatus::Human,
        assignee: Some("lee".into()),
    }));
    let action = send(
        &mut state,
        Msg::Done {
            thread: id(1),
            kind: ActionKind::Claim,
            result,
        },
    );
    assert!(matches!(action, Some(Action::Refresh { thread: None })));
    assert_eq!(flash(&state), "you have this conversation now: r to reply");
    assert_eq!(state.me.as_deref(), Some("lee"));
}

#[test]
fn ownership_comes_from_the_transitions_not_the_display_name() {
    let mut state = open_conversation();
    // not in any queue any more: only the conversation itself says whose it is
    let mut q = crate::support::queues();
    q.mine.clear();
    send(&mut state, Msg::Queues(Ok(q)));
    assert!(state.is_mine(id(3)));
    assert!(render(&state, 100, 30).contains("Conversation 00000003 · yours"));
    assert!(
        send(&mut state, ch('c')).is_none(),
        "no claim of your own thread"
    );
}

#[test]
fn reply_typed_then_sent() {
    let mut state = open_conversation();
    assert!(send(&mut state, ch('r')).is_none());
    assert!(matches!(
        &state.input,
        Some(i) if i.prompt == Prompt::Compose(id(3), Compose::Reply)
    ));
    let actions = type_text(&mut state, "Hello Ann");
    // one typing signal, not one per key
    assert!(
        matches!(actions.as_slice(), [Action::Typing(t)] if *t == id(3)),
        "{actions:?}"
    );
    // `q` and `c` were text, not commands
    type_text(&mut state, ", quick check");
    let action = send(&mut state, key(KeyCode::Enter));
    match action {
        Some(Action::Reply { thread, text }) => {
            assert_eq!((thread, text.as_str()), (id(3), "Hello Ann, quick check"));
        }
        other => panic!("expected a reply, got {other:?}"),
    }
    assert!(state.input.is_none());
}

#[test]
fn typing_signals_again_after_a_pause() {
    let mut state = open_conversation();
    send(&mut state, ch('r'));
    assert_eq!(type_text(&mut state, "Hi").len(), 1);
    send(&mut state, Msg::Tick(later(4)));
    assert_eq!(type_text(&mut state, " there").len(), 1);
}

#[test]
fn a_failed_reply_comes_back_into_the_box() {
    let mut state = open_conversation();
    send(&mut state, ch('r'));
    type_text(&mut state, "Your label is attached");
    send(&mut state, key(KeyCode::Enter));
    let not_owner = ClientError::from_response(
        409,
        r#"{"error":{"code":"not_owner","message":"this conversation belongs to sam"}}"#,
    );
    send(
        &mut state,
        Msg::Done {
            thread: id(3),
            kind: ActionKind::Reply,
            result: Err(not_owner),
        },
    );
    assert_eq!(flash(&state), "not yours: this conversation belongs to sam");
    let input = state.input.as_ref().expect("the box is open again");
    assert_eq!(input.editor.text(), "Your label is attached");
}

#[test]
fn esc_keeps_a_draft_for_later() {
    let mut state = open_conversation();
    send(&mut state, ch('r'));
    type_text(&mut state, "half a thought");
    send(&mut state, key(KeyCode::Esc));
    assert!(state.input.is_none());
    send(&mut state, ch('r'));
    assert_eq!(
        state.input.as_ref().unwrap().editor.text(),
        "half a thought"
    );
}

#[test]
fn an_empty_reply_is_not_sent() {
    let mut state = open_conversation();
    send(&mut state, ch('r'));
    type_text(&mut state, "   ");
    assert!(send(&mut state, key(KeyCode::Enter)).is_none());
    assert!(state.input.is_some());
}

#[test]
fn reply_from_the_queue_opens_the_conversation_first() {
    let mut state = loaded();
    let action = send(&mut state, ch('r'));
    assert!(matches!(action, Some(Action::FetchThread(t)) if t == id(1)));
    assert!(matches!(&state.screen, Screen::Conversation(c) if c.thread_id == id(1)));
    assert_eq!(
        flash(&state),
        "not yours yet: press c to claim it before replying"
    );
}

#[test]
fn note() {
    let mut state = open_conversation();
    send(&mut state, ch('n'));
    type_text(&mut state, "called the courier");
    let action = send(&mut state, key(KeyCode::Enter));
    assert!(
        matches!(&action, Some(Action::Note { thread, text }) if *thread == id(3) && text == "called the courier")
    );
}

#[test]
fn hand_back_and_resolve_with_optional_reasons() {
    let mut state = open_conversation();
    send(&mut state, ch('b'));
    let action = send(&mut state, key(KeyCode::Enter));
    assert!(matches!(
        action,
        Some(Action::HandBack { reason: None, .. })
    ));
    send(&mut state, ch('x'));
    type_text(&mut state, "refund issued");
    let action = send(&mut state, key(KeyCode::Enter));
    assert!(
        matches!(&action, Some(Action::Resolve { thread, reason: Some(r) }) if *thread == id(3) && r == "refund issued")
    );
}

#[test]
fn resolving_a_bot_thread_is_explained() {
    let mut state = loaded();
    let invalid = ClientError::from_response(
        409,
        r#"{"error":{"code":"invalid_transition","message":"a bot thread cannot be resolved"}}"#,
    );
    let action = send(
        &mut state,
        Msg::Done {
            thread: id(5),
            kind: ActionKind::Resolve,
            result: Err(invalid),
        },
    );
    assert_eq!(
        flash(&state),
        "cannot resolve now: a bot thread cannot be resolved"
    );
    assert!(matches!(action, Some(Action::Refresh { .. })));
}

#[test]
fn assign_asks_for_a_name() {
    let mut state = loaded();
    send(&mut state, ch('a'));
    assert!(
        send(&mut state, key(KeyCode::Enter)).is_none(),
        "no name, no request"
    );
    type_text(&mut state, "sam");
    let action = send(&mut state, key(KeyCode::Enter));
    assert!(
        matches!(&action, Some(Action::Assign { thread, to }) if *thread == id(1) && to == "sam")
    );
    let unknown = ClientError::from_response(
        400,
        r#"{"error":{"code":"unknown_agent","message":"no such agent"}}"#,
    );
    send(
        &mut state,
        Msg::Done {
            thread: id(1),
            kind: ActionKind::Assign { to: "sma".into() },
            result: Err(unknown),
        },
    );
    assert_eq!(flash(&state), "no agent is called \"sma\"");
}

#[test]
fn ticket_subject_then_body_prefilled_with_the_summary() {
    let mut state = open_conversation();
    send(&mut state, ch('t'));
    type_text(&mut state, "Refund for 1042");
    assert!(send(&mut state, key(KeyCode::Enter)).is_none());
    let body = state.input.as_ref().unwrap().editor.text().to_string();
    assert_eq!(body, detail().handoff.unwrap().summary);
    match send(&mut state, key(KeyCode::Enter)) {
        Some(Action::Ticket { thread, request }) => {
            assert_eq!(thread, id(3));
            assert_eq!(request.subject, "Refund for 1042");
            assert_eq!(request.body, body);
            assert_eq!(request.priority, None);
        }
        other => panic!("expected a ticket, got {other:?}"),
    }
    send(
        &mut state,
        Msg::Done {
            thread: id(3),
            kind: ActionKind::Ticket,
            result: Ok(Outcome::Ticket(TicketView {
                number: 1001,
                status: "open".into(),
                created: true,
            })),
        },
    );
    assert_eq!(flash(&state), "ticket #1001 created");
}
