//! Identity rules, tried the way an attacker would: the Brain's arguments never
//! override the session, anonymous look-ups need both keys, and guessing is locked out.

use frontdesk::identity::Identity;
use frontdesk::orchestrator::Outcome;
use frontdesk::tools::ORDER_NOT_FOUND;

use super::{anonymous, Harness};
use crate::support::{ScriptedLlm, Step};

#[tokio::test]
async fn agent_verified_session_wins_over_llm_arguments() {
    let llm = ScriptedLlm::start().await;
    // the model tries to look up someone else's order with that person's email
    llm.push(Step::tool_call(
        "get_order",
        r#"{"order_id":"1042","email":"maria.rossi@example.com"}"#,
    ));
    llm.push(Step::text("Here is what I found."));
    let h = Harness::new(false, &[llm.openai_endpoint("gpt-test")], |_| {}).await;
    let r = h
        .ask(
            None,
            "status of 1042 please",
            Identity::verified("ann@example.com"),
        )
        .await;
    let tool_result = llm.requests().last().unwrap().to_string();
    assert!(tool_result.contains(ORDER_NOT_FOUND), "{tool_result}");
    assert!(
        !tool_result.contains("JJD000390010421"),
        "another customer's tracking leaked: {tool_result}"
    );
    assert_eq!(r.outcome, Outcome::Answered);
}

#[tokio::test]
async fn agent_verified_customer_without_order_number_gets_their_own_orders() {
    let h = Harness::new(false, &[], |_| {}).await;
    let r = h
        .ask(
            None,
            "where is my order?",
            Identity::verified("Maria.Rossi@example.com"),
        )
        .await;
    assert!(r.answer.contains("Order #1042"), "{}", r.answer);
}

#[tokio::test]
async fn agent_anonymous_needs_order_number_and_email_together() {
    let h = Harness::new(false, &[], |_| {}).await;
    let r = h.ask(None, "where is my order 1042?", anonymous("n")).await;
    // the order number alone is not enough: only the e-mail is asked for
    assert_eq!(r.answer, frontdesk::text::replies::ASK_ORDER_EMAIL);
    assert!(!r.answer.contains("shipped"), "{}", r.answer);
    // the email in a follow-up message completes the look-up
    let r2 = h
        .ask(
            Some(r.thread_id),
            "it's maria.rossi@example.com",
            anonymous("n"),
        )
        .await;
    assert!(
        r2.answer.contains("Order #1042 is shipped"),
        "{}",
        r2.answer
    );
}

#[tokio::test]
async fn agent_failed_lookups_lock_out_the_guesser() {
    let h = Harness::new(false, &[], |c| c.agent.lookup_max_failures = 3).await;
    let guesser = anonymous("attacker");
    for n in 0..3 {
        let r = h
            .ask(
                None,
                &format!("order 10{} email maria.rossi@example.com", 50 + n),
                guesser.clone(),
            )
            .await;
        assert!(r.answer.starts_with(ORDER_NOT_FOUND), "{}", r.answer);
    }
    // now even the right pair is refused for this visitor
    let r = h
        .ask(
            None,
            "where is my order 1042? my email is maria.rossi@example.com",
            guesser,
        )
        .await;
    assert!(r.answer.contains("Too many unsuccessful"), "{}", r.answer);
    assert!(!r.answer.contains("JJD"), "{}", r.answer);
}
