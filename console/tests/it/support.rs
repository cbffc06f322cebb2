//! Fixtures (a fixed clock, fixed ids, queues with every section filled, a conversation
//! with every kind of message) and helpers: feeding messages, typing keys, rendering.

use agent_console::app::{update, Action, Msg, State};
use agent_console::view::view;
use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use frontdesk_api::admin::{
    AdminMessage, HandoffView, QueueEntry, QueuesView, ThreadDetail, TransitionView,
};
use frontdesk_api::ThreadStatus;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use uuid::Uuid;

pub const SERVER: &str = "http://127.0.0.1:8080";

/// Thread `n`'s id: `0190f3a2-…-00000000000n`, so its short form is `0000000n`.
pub fn id(n: u128) -> Uuid {
    Uuid::from_u128(0x0190f3a2_0000_7000_8000_000000000000 + n)
}

pub fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, h, m, s).unwrap()
}

/// The fixed "now" of every test.
pub fn now() -> DateTime<Utc> {
    at(10, 30, 0)
}

pub fn later(secs: i64) -> DateTime<Utc> {
    now() + chrono::Duration::seconds(secs)
}

fn entry(n: u128, status: ThreadStatus) -> QueueEntry {
    QueueEntry {
        thread_id: id(n),
        status,
        channel: frontdesk_api::Channel::Web,
        queue: None,
        assignee: None,
        waiting_secs: None,
        overdue: false,
        reason: None,
        last_message: None,
        updated_at: now(),
    }
}

pub fn queues() -> QueuesView {
    QueuesView {
        waiting: vec![
            QueueEntry {
                queue: Some("general".into()),
                waiting_secs: Some(252),
                overdue: true,
                reason: Some("customer_request".into()),
                last_message: Some("I want a refund for order 1042, it arrived broken".into()),
                ..entry(1, ThreadStatus::WaitingHuman)
            },
            QueueEntry {
                queue: Some("orders".into()),
                waiting_secs: Some(45),
                reason: Some("order_problem".into()),
                last_message: Some("Where is my parcel? Tracking says nothing since Monday".into()),
                ..entry(2, ThreadStatus::WaitingHuman)
            },
        ],
        mine: vec![QueueEntry {
            assignee: Some("lee".into()),
            reason: Some("customer_request".into()),
            last_message: Some("Thanks, I'll wait for the label".into()),
            ..entry(3, ThreadStatus::Human)
        }],
        others: vec![QueueEntry {
            assignee: Some("sam".into()),
            reason: Some("billing".into()),
            last_message: Some("The invoice shows the wrong address".into()),
            ..entry(4, ThreadStatus::Human)
        }],
        bot_active: vec![QueueEntry {
            last_message: Some("Do you ship to Norway?".into()),
            ..entry(5, ThreadStatus::Bot)
        }],
        resolved: vec![QueueEntry {
            assignee: Some("lee".into()),
            reason: Some("customer_request".into()),
            last_message: Some("Perfect, thank you!".into()),
            ..entry(6, ThreadStatus::Resolved)
        }],
        open_now: true,
        me: "lee".into(),
    }
}

fn message(n: u128, role: &str, text: &str, time: DateTime<Utc>) -> AdminMessage {
    AdminMessage {
        id: Uuid::from_u128(0x0190f3b0_0000_7000_8000_000000000000 + n),
        role: role.into(),
        content: text.into(),
        tool_name: None,
        tool_payload: None,
        created_at: time,
    }
}

/// Thread 3: handed off, claimed by lee (this agent), with every kind of message.
pub fn detail() -> ThreadDetail {
    let answer = serde_json::json!({
        "outcome": "answered",
        "tool_calls": [
            {"tool": "get_order", "outcome": "ok", "latency_ms": 120, "attempts": 1},
            {"tool": "search_kb", "outcome": "ok", "latency_ms": 48, "attempts": 1}
        ],
        "citations": [{"doc_id": id(90), "chunk_id": id(91), "title": "Returns and refunds",
                       "url": "https://shop.example/returns", "section": "Damaged items",
                       "snippet": "...", "score": 0.82}],
        "guardrail_trips": [],
        "trace": []
    });
    let handoff = serde_json::json!({
        "outcome": "handoff",
        "tool_calls": [{"tool": "handoff_human", "outcome": "ok", "latency_ms": 15, "attempts": 1}],
        "citations": [],
        "guardrail_trips": ["uncited_claim"]
    });
    ThreadDetail {
        id: id(3),
        channel: frontdesk_api::Channel::Web,
        status: ThreadStatus::Human,
        // agentd sends the display name here, the operator name in transitions
        assignee: Some("Lee".into()),
        customer_email: Some("ann@example.com".into()),
        created_at: at(10, 20, 0),
        messages: vec![
            message(
                1,
                "user",
                "My order 1042 arrived broken. I want a refund.",
                at(10, 20, 5),
            ),
            AdminMessage {
                tool_payload: Some(answer),
                ..message(
                    2,
                    "assistant",
                    "I'm sorry to hear that. Refunds for damaged items are issued once we \
                     receive a photo of the damage. (See: Returns and refunds)",
                    at(10, 20, 7),
                )
            },
            message(
                3,
                "user",
                "I already sent a photo. Can I talk to a person?",
                at(10, 24, 30),
            ),
            AdminMessage {
                tool_payload: Some(handoff),
                ..message(
                    4,
                    "assistant",
                    "Of course. A member of our team will reply here.",
                    at(10, 24, 31),
                )
            },
            AdminMessage {
                tool_payload: Some(serde_json::json!({"author": "lee"})),
                ..message(
                    5,
                    "note",
                    "Second broken delivery this month",
                    at(10, 26, 0),
                )
            },
            AdminMessage {
                tool_payload: Some(serde_json::json!({"author": "Lee"})),
                ..message(
                    6,
                    "human_agent",
                    "Hi Ann, I'm Lee. I've sent you a return label by email.",
                    at(10, 27, 0),
                )
            },
        ],
        handoff: Some(HandoffView {
            id: id(80),
            queue: "general".into(),
            reason: "customer_request".into(),
            summary: "Order 1042 arrived damaged; the customer sent a photo and wants a refund."
                .into(),
            transcript_excerpt: "user: I already sent a photo. Can I talk to a person?".into(),
            requested_by: "customer".into(),
            requested_at: at(10, 24, 31),
            sla_due_at: at(10, 34, 31),
            claimed_by: Some("lee".into()),
            claimed_at: Some(at(10, 26, 10)),
            after_hours: false,
            ticket_number: None,
        }),
        transitions: vec![
            TransitionView {
                from: ThreadStatus::Bot,
                to: ThreadStatus::WaitingHuman,
                assignee: None,
                actor: "customer".into(),
                reason: Some("asked for a person".into()),
                at: at(10, 24, 31),
            },
            TransitionView {
                from: ThreadStatus::WaitingHuman,
                to: ThreadStatus::Human,
                assignee: Some("lee".into()),
                actor: "operator:lee".into(),
                reason: None,
                at: at(10, 26, 10),
            },
        ],
    }
}

/// A fresh console at `now()`, in UTC, before anything arrived.
pub fn blank() -> State {
    State::new(SERVER, now(), FixedOffset::east_opt(0).unwrap())
}

/// Connected, with the queues loaded.
pub fn loaded() -> State {
    let mut s = blank();
    send(&mut s, Msg::Connected);
    send(&mut s, Msg::Queues(Ok(queues())));
    s
}

/// Thread 3 open in the conversation view, its detail loaded.
pub fn open_conversation() -> State {
    let mut s = loaded();
    s.selected = Some(id(3));
    let action = send(&mut s, key(KeyCode::Enter));
    assert!(matches!(action, Some(Action::FetchThread(t)) if t == id(3)));
    send(&mut s, Msg::Thread(id(3), Ok(Box::new(detail()))));
    s
}

pub fn send(state: &mut State, msg: Msg) -> Option<Action> {
    update(state, msg)
}

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Types `text` key by key; returns every action that came out.
pub fn type_text(state: &mut State, text: &str) -> Vec<Action> {
    text.chars().filter_map(|c| send(state, ch(c))).collect()
}

/// The screen as text, one line per row, trailing spaces trimmed.
pub fn render(state: &State, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view(state, frame)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let line: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
