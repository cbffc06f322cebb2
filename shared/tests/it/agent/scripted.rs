//! Every branch of the state machine, driven by a scripted LLM over the real wire.

use std::time::{Duration, Instant};

use frontdesk::orchestrator::{Outcome, State, DEGRADED_REPLY};
use frontdesk_api::ThreadStatus;

use super::{anonymous, Harness};
use crate::support::{ScriptedLlm, Step};

#[tokio::test]
async fn agent_unknown_tool_twice_ends_in_handoff() {
    let llm = ScriptedLlm::start().await;
    llm.push(Step::tool_call("refund_everything", "{}"));
    llm.push(Step::tool_call("refund_everything", "{}"));
    let h = Harness::new(false, &[llm.openai_endpoint("gpt-test")], |_| {}).await;
    let r = h.ask(None, "please refund me", anonymous("u")).await;
    assert_eq!(r.outcome, Outcome::Handoff, "{r:?}");
    assert_eq!(r.thread_status, ThreadStatus::WaitingHuman);
    let tools: Vec<(&str, &str)> = r
        .tool_calls
        .iter()
        .map(|t| (t.tool.as_str(), t.outcome))
        .collect();
    assert_eq!(
        tools,
        [
            ("refund_everything", "unknown_tool"),
            ("refund_everything", "unknown_tool"),
            ("handoff_human", "ok")
        ]
    );
    // the Brain was told what was wrong before its second try
    let second = llm.requests()[1].to_string();
    assert!(second.contains("there is no tool named"), "{second}");
    assert!(r.trace.iter().any(|t| t.note.contains("corrective retry")));
}

#[tokio::test]
async fn agent_malformed_arguments_get_one_corrective_retry() {
    let llm = ScriptedLlm::start().await;
    llm.push(Step::tool_call("get_order", r#"{"order":"1042""#));
    llm.push(Step::tool_call(
        "get_order",
        r#"{"order_id":"1042","email":"maria.rossi@example.com"}"#,
    ));
    llm.push(Step::text("Your order 1042 has shipped with DHL."));
    let h = Harness::new(false, &[llm.anthropic_endpoint("claude-test")], |_| {}).await;
    let r = h
        .ask(
            None,
            "where is 1042, maria.rossi@example.com",
            anonymous("m"),
        )
        .await;
    assert_eq!(r.outcome, Outcome::Answered, "{r:?}");
    assert_eq!(r.tool_calls[0].outcome, "invalid_arguments");
    assert_eq!(r.tool_calls[1].outcome, "ok");
    assert_eq!(r.answer, "Your order 1042 has shipped with DHL.");
}

#[tokio::test]
async fn agent_llm_hanging_past_the_sla_gives_the_degraded_answer_and_a_ticket() {
    let llm = ScriptedLlm::start().await;
    llm.push(Step::Hang(Duration::from_secs(9)));
    let mut endpoint = llm.openai_endpoint("gpt-test");
    endpoint.timeout_ms = 20_000;
    let h = Harness::new(false, &[endpoint], |_| {}).await;
    let started = Instant::now();
    let r = h
        .ask(None, "what's your return window?", anonymous("h"))
        .await;
    let took = started.elapsed();
    assert!(took < Duration::from_millis(6_800), "took {took:?}");
    assert_eq!(r.outcome, Outcome::Ticket);
    assert_eq!(r.answer, DEGRADED_REPLY);
    assert!(r.ticket_number.is_some());
    assert!(r.trace.iter().any(|t| t.state == State::Degraded));
    assert_eq!(
        h.count(
            "SELECT count(*) FROM tickets WHERE thread_id = $1 AND reason = 'sla_degraded'",
            r.thread_id
        )
        .await,
        1
    );
}

#[tokio::test]
async fn agent_provider_500s_fall_back_to_the_next_brain() {
    let primary = ScriptedLlm::start().await;
    primary.set_default(Step::error(500, "upstream exploded"));
    let fallback = ScriptedLlm::start().await;
    fallback.push(Step::text("Our return window is 30 days from delivery."));
    let h = Harness::new(
        false,
        &[
            primary.openai_endpoint("gpt-main"),
            fallback.anthropic_endpoint("claude-backup"),
        ],
        |c| {
            c.llm.prices.insert(
                "claude-backup".into(),
                frontdesk::config::ModelPrice {
                    input_per_mtok: 1.0,
                    output_per_mtok: 5.0,
                },
            );
        },
    )
    .await;
    let r = h
        .ask(None, "what's your return window?", anonymous("f"))
        .await;
    assert_eq!(r.answer, "Our return window is 30 days from delivery.");
    let brains: Vec<(&str, &str)> = r
        .brain
        .iter()
        .map(|b| (b.provider.as_str(), b.outcome.as_str()))
        .collect();
    assert_eq!(brains, [("openai", "http_error"), ("anthropic", "ok")]);
    assert!(r.cost_usd > 0.0 && r.tokens_in > 0);
    let recorded = h
        .count(
            "SELECT count(*) FROM llm_calls WHERE thread_id = $1",
            r.thread_id,
        )
        .await;
    assert_eq!(recorded, 2);
}

#[tokio::test]
async fn agent_all_llms_down_falls_back_to_the_offline_brain() {
    let llm = ScriptedLlm::start().await;
    llm.set_default(Step::error(503, "overloaded"));
    let h = Harness::new(false, &[llm.openai_endpoint("gpt-main")], |_| {}).await;
    let r = h
        .ask(
            None,
            "where is my order 1042? my email is maria.rossi@example.com",
            anonymous("o"),
        )
        .await;
    assert!(r.answer.contains("Order #1042 is shipped"), "{}", r.answer);
    assert!(r
        .brain
        .iter()
        .any(|b| b.provider == "offline" && b.outcome == "ok"));
}
