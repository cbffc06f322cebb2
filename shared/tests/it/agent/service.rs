//! The turn service every edge shares: whatever runs the turn (agentd's route, a
//! channel, `agentctl ask`), the thread must be the caller's, the session's LLM spend
//! is counted and capped, and the console hears about it live.

use frontdesk::events::Topic;
use frontdesk::limits::Budget;
use frontdesk::orchestrator::{TurnError, TurnRequest};
use frontdesk_api::live::{QueueChange, QueueEvent, ThreadEvent, Wire};
use frontdesk_api::widget::VisibleRole;
use frontdesk_api::Channel;

use super::{anonymous, Harness};
use crate::support::llm_server::DEFAULT_USAGE;
use crate::support::{ScriptedLlm, Step};

fn request(thread: Option<uuid::Uuid>, session: Option<&str>, text: &str) -> TurnRequest {
    TurnRequest {
        session_id: session.map(str::to_string),
        ..TurnRequest::new(thread, text, Channel::Web, anonymous("svc"))
    }
}

#[tokio::test]
async fn a_turn_is_announced_on_the_thread_and_the_queue() {
    let h = Harness::new(true, &[], |_| {}).await;
    let r = h
        .ask(None, "what's your return window?", anonymous("ev"))
        .await;
    let thread = h
        .events
        .since(&Topic::Thread(r.thread_id), None, 10)
        .await
        .unwrap();
    let messages: Vec<(VisibleRole, String)> = thread
        .iter()
        .map(|e| match ThreadEvent::parse(&e.kind, &e.data).unwrap() {
            ThreadEvent::Message(m) => (m.role, m.content),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        messages,
        [
            (VisibleRole::User, "what's your return window?".to_string()),
            (VisibleRole::Assistant, r.answer.clone()),
        ]
    );
    let queue = h.events.since(&Topic::Queue, None, 10).await.unwrap();
    let ours: Vec<QueueChange> = queue
        .iter()
        .map(|e| QueueEvent::parse(&e.kind, &e.data).unwrap())
        .filter(|e| e.thread_id == r.thread_id)
        .map(|e| e.change)
        .collect();
    assert_eq!(ours.len(), 2, "{ours:?}");
    assert!(
        matches!(&ours[1], QueueChange::Message { message_id, role } if Some(*message_id) == r.message_id && role == "assistant")
    );
}

#[tokio::test]
async fn a_handoff_announces_the_new_owner() {
    let h = Harness::new(false, &[], |_| {}).await;
    let r = h
        .ask(None, "I want to speak to a person", anonymous("ho"))
        .await;
    let events = h
        .events
        .since(&Topic::Thread(r.thread_id), None, 10)
        .await
        .unwrap();
    let status = events
        .iter()
        .find_map(|e| match ThreadEvent::parse(&e.kind, &e.data).ok()? {
            ThreadEvent::Status(s) => Some(s),
            _ => None,
        })
        .expect("a status event");
    assert_eq!(status.status, frontdesk_api::ThreadStatus::WaitingHuman);
    assert_eq!(status.position, r.queue_position);
    assert!(status.position.is_some());
}

#[tokio::test]
async fn a_thread_belongs_to_its_session() {
    let h = Harness::new(false, &[], |_| {}).await;
    let first = h
        .agent
        .turn(request(None, Some("session-a"), "hello"))
        .await
        .unwrap();
    let other = h
        .agent
        .turn(request(
            Some(first.thread_id),
            Some("session-b"),
            "hello again",
        ))
        .await;
    assert!(matches!(other, Err(TurnError::ThreadNotFound)), "{other:?}");
    let invented = h
        .agent
        .turn(request(Some(uuid::Uuid::now_v7()), Some("session-a"), "hi"))
        .await;
    assert!(matches!(invented, Err(TurnError::ThreadNotFound)));
    // its own session continues it; a trusted caller without a session may too
    for session in [Some("session-a"), None] {
        let again = h
            .agent
            .turn(request(Some(first.thread_id), session, "thanks"))
            .await
            .unwrap();
        assert_eq!(again.thread_id, first.thread_id);
    }
}

#[tokio::test]
async fn a_sessions_spend_is_counted_and_capped() {
    let llm = ScriptedLlm::start().await;
    llm.set_default(Step::text("Hello! How can I help?"));
    let h = Harness::new(false, &[llm.openai_endpoint("gpt-test")], |c| {
        c.limits.session_max_tokens = 1;
    })
    .await;
    let budget = Budget::new(
        frontdesk::orchestrator::connect_redis(&h.config.redis)
            .await
            .unwrap(),
        &h.config.redis.key_prefix,
        1,
        0.0,
    );
    let first = h
        .agent
        .turn(request(None, Some("payer"), "hello there"))
        .await
        .unwrap();
    assert_eq!(first.answer, "Hello! How can I help?");
    let spent = budget.spent("payer").await.unwrap();
    let reported = u64::from(DEFAULT_USAGE.tokens_in + DEFAULT_USAGE.tokens_out);
    assert_eq!(spent.tokens, reported);
    // past the cap only the offline brain answers; the model hears nothing more
    let calls = llm.requests().len();
    let admitted = h
        .agent
        .admit(request(Some(first.thread_id), Some("payer"), "and again?"))
        .await
        .unwrap();
    assert!(admitted.offline_only());
    let second = h.agent.run_turn(admitted).await.unwrap();
    assert_eq!(llm.requests().len(), calls, "{second:?}");
    assert!(second.brain.iter().all(|a| a.provider == "offline"));
}
