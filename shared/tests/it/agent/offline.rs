//! With no LLM configured: the offline brain on the demo shop's data.

use frontdesk::orchestrator::{Outcome, State};
use frontdesk::tools::ORDER_NOT_FOUND;
use frontdesk_api::{Channel, ThreadStatus};

use super::{anonymous, Harness};

#[tokio::test]
async fn agent_offline_answers_orders_with_the_real_status_and_tracking() {
    let h = Harness::new(false, &[], |_| {}).await;
    let r = h
        .ask(
            None,
            "where is my order 1042? my email is maria.rossi@example.com",
            anonymous("a"),
        )
        .await;
    assert_eq!(r.outcome, Outcome::Answered, "{r:?}");
    assert!(r.answer.contains("Order #1042 is shipped"), "{}", r.answer);
    assert!(
        r.answer.contains("DHL") && r.answer.contains("JJD000390010421"),
        "{}",
        r.answer
    );
    assert_eq!(r.tool_calls[0].tool, "get_order");
    // the customer's message was stored, then the reply
    let roles: Vec<String> = sqlx::query_scalar(
        "SELECT role FROM messages WHERE thread_id = $1 ORDER BY created_at, id",
    )
    .bind(r.thread_id)
    .fetch_all(&h.db.pool)
    .await
    .unwrap();
    assert_eq!(roles, ["user", "assistant"]);
    // the tool call is on record, with the email masked
    let args: serde_json::Value =
        sqlx::query_scalar("SELECT arguments FROM tool_calls WHERE thread_id = $1")
            .bind(r.thread_id)
            .fetch_one(&h.db.pool)
            .await
            .unwrap();
    assert!(!args.to_string().contains("maria.rossi"), "{args}");
}

#[tokio::test]
async fn agent_offline_wrong_email_gets_the_not_found_reply_and_no_data() {
    let h = Harness::new(false, &[], |_| {}).await;
    let wrong = h
        .ask(
            None,
            "where is my order 1042? my email is someone.else@example.com",
            anonymous("b"),
        )
        .await;
    let missing = h
        .ask(
            None,
            "where is my order 9999? my email is someone.else@example.com",
            anonymous("c"),
        )
        .await;
    for r in [&wrong, &missing] {
        assert!(r.answer.starts_with(ORDER_NOT_FOUND), "{}", r.answer);
        assert!(
            !r.answer.contains("shipped") && !r.answer.contains("JJD"),
            "{}",
            r.answer
        );
    }
    // "not yours" and "no such order" read the same
    assert_eq!(wrong.answer, missing.answer);
}

#[tokio::test]
async fn agent_offline_cites_the_returns_policy() {
    let h = Harness::new(true, &[], |_| {}).await;
    let r = h
        .ask(None, "what's your return window?", anonymous("d"))
        .await;
    assert_eq!(r.outcome, Outcome::Answered);
    assert_eq!(
        r.citations.first().map(|c| c.title.as_str()),
        Some("Returns and refunds"),
        "{r:?}"
    );
    assert!(r.answer.contains("30 days"), "{}", r.answer);
    assert!(
        r.answer.ends_with("(See: Returns and refunds)"),
        "{}",
        r.answer
    );
    let states: Vec<State> = r.trace.iter().map(|t| t.state).collect();
    assert_eq!(
        states,
        [
            State::Received,
            State::Plan,
            State::ToolLoop,
            State::Draft,
            State::Guardrail,
            State::Respond
        ]
    );
}

#[tokio::test]
async fn agent_offline_hands_off_and_then_stays_silent() {
    let h = Harness::new(false, &[], |_| {}).await;
    let r = h
        .ask(None, "I want to speak to a person", anonymous("e"))
        .await;
    assert_eq!(r.outcome, Outcome::Handoff);
    assert_eq!(r.thread_status, ThreadStatus::WaitingHuman);
    assert!(r.answer.contains("member of our team"), "{}", r.answer);
    let next = h
        .ask(
            Some(r.thread_id),
            "what's your return window?",
            anonymous("e"),
        )
        .await;
    assert_eq!(next.outcome, Outcome::Handoff);
    assert_eq!(next.answer, "", "silent: the message is for the person");
    assert!(
        next.message_id.is_none(),
        "the bot must not reply while a person is waited for"
    );
    assert!(next.tool_calls.is_empty());
    // the customer's second message is still stored
    assert_eq!(
        h.count(
            "SELECT count(*) FROM messages WHERE thread_id = $1 AND role = 'user'",
            r.thread_id
        )
        .await,
        2
    );
}

#[tokio::test]
async fn agent_offline_abuse_gets_the_neutral_reply_and_a_ticket() {
    let h = Harness::new(false, &[], |_| {}).await;
    let r = h
        .ask(None, "you useless piece of junk bot", anonymous("f"))
        .await;
    assert_eq!(r.outcome, Outcome::Blocked);
    assert_eq!(r.answer, frontdesk::text::replies::NEUTRAL);
    assert!(r.ticket_number.is_some());
    assert_eq!(
        h.count(
            "SELECT count(*) FROM tickets WHERE thread_id = $1 AND reason = 'abusive'",
            r.thread_id
        )
        .await,
        1
    );
    // a second abusive message in the same thread does not open a second ticket
    h.ask(
        Some(r.thread_id),
        "shut up you stupid machine",
        anonymous("f"),
    )
    .await;
    assert_eq!(
        h.count(
            "SELECT count(*) FROM tickets WHERE thread_id = $1",
            r.thread_id
        )
        .await,
        1
    );
}

#[tokio::test]
async fn agent_rejects_empty_and_oversized_messages_without_storing_them() {
    let h = Harness::new(false, &[], |_| {}).await;
    for message in ["   ".to_string(), "x".repeat(4_001)] {
        let err = h
            .agent
            .turn(frontdesk::orchestrator::TurnRequest {
                thread_id: None,
                message,
                channel: Channel::Web,
                identity: anonymous("g"),
                session_id: None,
                offline_only: false,
                progress: Default::default(),
            })
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                frontdesk::orchestrator::TurnError::EmptyMessage
                    | frontdesk::orchestrator::TurnError::TooLong { .. }
            ),
            "{err}"
        );
    }
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM messages")
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}
