//! The offline brain on data it was not written for: another shop's order numbers
//! (`#W2611340`, `100-2345678`, `WC-58812`), typed in any case, remembered across
//! turns, never an oracle for an anonymous customer; and threats and words of
//! self-harm in the languages the router reads; the customer's language noticed and
//! recorded.

use frontdesk::orchestrator::{Outcome, State};
use frontdesk::text::replies;
use frontdesk::tools::ORDER_NOT_FOUND;
use frontdesk_api::ThreadStatus;

use super::{anonymous, Harness};
use crate::support::{ScriptedLlm, Step};

/// Orders of another shop, with the id formats real shops use.
const OTHER_SHOP: &str = r##"{"order_id": "#W2611340", "email": "james.li@example.com", "status": "shipped", "items": [{"sku": "TENT-2P", "name": "Ridge 2P Tent", "quantity": 1, "price": "289.00"}], "total": "289.00", "currency": "USD", "carrier": "UPS", "tracking_number": "1Z999AA10123456784", "created_at": "2026-11-20T09:00:00Z"}
{"order_id": "100-2345678", "email": "ana.garcia@example.com", "status": "processing", "items": [{"sku": "BAG-40", "name": "Trail Pack 40 L", "quantity": 1, "price": "129.00"}], "total": "129.00", "currency": "EUR", "created_at": "2026-11-28T10:00:00Z"}
{"order_id": "WC-58812", "email": "tom@example.com", "status": "delivered", "items": [{"sku": "STOVE-1", "name": "Camp Stove", "quantity": 1, "price": "59.00"}], "total": "59.00", "currency": "GBP", "created_at": "2026-11-01T10:00:00Z"}
"##;

async fn harness() -> Harness {
    let h = Harness::new(false, &[], |_| {}).await;
    let summary = frontdesk::orders::import::import_reader(&h.db.pool, OTHER_SHOP.as_bytes())
        .await
        .expect("orders import");
    assert_eq!(summary.inserted, 3, "{summary:?}");
    h
}

#[tokio::test]
async fn agent_offline_finds_orders_in_other_shops_formats() {
    let h = harness().await;
    for (message, status) in [
        (
            "Where is my order W2611340? My email is james.li@example.com",
            "shipped",
        ),
        (
            "status of #w2611340 please, james.li@example.com",
            "shipped",
        ),
        (
            "order 100-2345678, email ana.garcia@example.com",
            "processing",
        ),
        ("wc-58812 tom@example.com has it arrived?", "delivered"),
    ] {
        let r = h.ask(None, message, anonymous("o")).await;
        assert!(r.answer.contains(status), "{message}: {}", r.answer);
        assert!(
            !r.answer.contains("order number"),
            "{message}: {}",
            r.answer
        );
    }
}

#[tokio::test]
async fn agent_offline_asks_only_for_what_is_missing_and_remembers_the_id() {
    let h = harness().await;
    let r = h
        .ask(None, "Where is my order W2611340?", anonymous("m"))
        .await;
    assert_eq!(
        r.answer,
        replies::ASK_ORDER_EMAIL,
        "the id is not asked again"
    );
    // the id from the first turn completes the look-up with the e-mail of the second
    let r2 = h
        .ask(
            Some(r.thread_id),
            "it's james.li@example.com",
            anonymous("m"),
        )
        .await;
    assert!(r2.answer.contains("shipped"), "{}", r2.answer);
    assert!(r2.answer.contains("1Z999AA10123456784"), "{}", r2.answer);

    let r3 = h
        .ask(None, "I was charged twice for order 1045", anonymous("c"))
        .await;
    assert!(!r3.answer.contains("order number"), "{}", r3.answer);
}

#[tokio::test]
async fn agent_offline_anonymous_customer_learns_nothing_from_an_existing_id() {
    let h = harness().await;
    let real = h
        .ask(
            None,
            "order W2611340, email someone@example.com",
            anonymous("x"),
        )
        .await;
    let made_up = h
        .ask(
            None,
            "order W9999999, email someone@example.com",
            anonymous("y"),
        )
        .await;
    assert!(real.answer.starts_with(ORDER_NOT_FOUND), "{}", real.answer);
    assert_eq!(real.answer, made_up.answer);
    assert!(!real.answer.contains("shipped") && !real.answer.contains("1Z999"));
}

#[tokio::test]
async fn agent_threat_is_blocked_with_an_urgent_ticket_and_the_reason_traced() {
    let h = Harness::new(false, &[], |_| {}).await;
    for (n, message) in [
        "I will find where you live and hurt you",
        "te voy a matar si no me devuelves el dinero",
    ]
    .into_iter()
    .enumerate()
    {
        let r = h.ask(None, message, anonymous(&"t".repeat(n + 1))).await;
        assert_eq!(r.outcome, Outcome::Blocked, "{message}");
        assert_eq!(r.answer, replies::THREAT);
        assert!(
            r.guardrail_trips.contains(&"threat"),
            "{:?}",
            r.guardrail_trips
        );
        assert!(r.tool_calls.is_empty(), "no planning after a threat");
        assert!(
            r.trace
                .iter()
                .any(|t| t.state == State::Escalate && t.note.contains("threat")),
            "{:?}",
            r.trace
        );
        let urgent = h
            .count(
                "SELECT count(*) FROM tickets WHERE thread_id = $1 AND reason = 'threat' AND priority = 'urgent'",
                r.thread_id,
            )
            .await;
        assert_eq!(urgent, 1, "{message}");
    }
}

#[tokio::test]
async fn agent_words_of_self_harm_get_help_now_and_a_person() {
    let h = Harness::new(false, &[], |_| {}).await;
    let r = h
        .ask(
            None,
            "my order is late and honestly I just want to die",
            anonymous("s"),
        )
        .await;
    assert_eq!(r.outcome, Outcome::Handoff);
    assert!(r.answer.starts_with(replies::SELF_HARM), "{}", r.answer);
    assert_eq!(r.thread_status, ThreadStatus::WaitingHuman);
    assert!(r.guardrail_trips.contains(&"self_harm"));
    let reason: String = sqlx::query_scalar("SELECT reason FROM handoffs WHERE thread_id = $1")
        .bind(r.thread_id)
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert!(reason.contains("harming themselves"), "{reason}");
}

#[tokio::test]
async fn agent_offline_says_in_the_customers_language_that_it_answers_in_english() {
    let h = Harness::new(true, &[], |_| {}).await;
    let r = h
        .ask(
            None,
            "¿Cuánto tiempo tengo para devolver un hervidor que no me gusta?",
            anonymous("es"),
        )
        .await;
    assert!(
        r.answer
            .starts_with(frontdesk::text::language::english_only_note(
                frontdesk::text::language::detect(
                    "¿Cuánto tiempo tengo para devolver un hervidor?"
                )
                .expect("Spanish detected")
            )),
        "{}",
        r.answer
    );
    assert!(
        r.answer
            .starts_with("Por ahora solo puedo responder en inglés."),
        "{}",
        r.answer
    );
    let language: Option<String> = sqlx::query_scalar("SELECT language FROM threads WHERE id = $1")
        .bind(r.thread_id)
        .fetch_one(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(language.as_deref(), Some("es"));

    // an English question gets no note
    let en = h
        .ask(
            None,
            "my kettle is leaking water from the bottom",
            anonymous("en"),
        )
        .await;
    assert!(
        !en.answer.contains("inglés") && !en.answer.contains("only answer in English"),
        "{}",
        en.answer
    );
}

#[tokio::test]
async fn agent_remote_brain_is_told_to_answer_in_the_customers_language() {
    let llm = ScriptedLlm::start().await;
    llm.push(Step::text(
        "Tiene 30 días para devolver el hervidor, siempre que esté sin usar y en su caja original.",
    ));
    let h = Harness::new(false, &[llm.openai_endpoint("gpt-test")], |_| {}).await;
    let r = h
        .ask(
            None,
            "¿Cuánto tiempo tengo para devolver un hervidor?",
            anonymous("r"),
        )
        .await;
    assert!(
        r.answer.starts_with("Tiene 30 días"),
        "an answer in Spanish needs no note: {}",
        r.answer
    );
    let request = llm.requests().first().expect("one request").to_string();
    assert!(
        request.contains("same language as the customer"),
        "{request}"
    );
}
