//! The offline brain on another shop's knowledge base: a catalogue of many kettles
//! beside one returns policy, a shipping page that lists countries, a warranty page and
//! a Spanish returns page. Questions the knowledge base does not answer get an honest
//! "I don't have that information" and the offer of a person (and "yes" accepts it);
//! policy questions naming a product get the policy; a defect report does not get a
//! care tip; a Spanish question gets the Spanish page.

use frontdesk::orchestrator::{Outcome, State};
use frontdesk::text::replies;
use frontdesk_api::ThreadStatus;

use super::{anonymous, ingest, Harness};

const RETURNS: &str = "---
title: Returns and refunds
url: https://brightkitchen.example/help/returns
---
# Returns and refunds

## How long do I have to return something?

You can return any item within 45 days of delivery, opened or not, as long as it is complete and undamaged. Items from the outlet are final sale.

## When do I get my money back?

We refund to your original payment method within 7 days of receiving your return.
";

const SHIPPING: &str = "---
title: Shipping
url: https://brightkitchen.example/help/shipping
---
# Shipping

## Where do you ship to?

We ship to Ireland, the United Kingdom, France, Germany, Spain, Italy, the Netherlands, Belgium and Austria.

## How much does shipping cost?

Standard shipping costs €5.95 and is free on orders over €60.
";

const WARRANTY: &str = "---
title: Warranty and faulty products
url: https://brightkitchen.example/help/warranty
---
# Warranty and faulty products

## What if my product is faulty?

Every appliance has a 2-year warranty. If it leaks, stops heating or breaks in normal use, contact us with your order number and a photo and we will repair or replace it free of charge.
";

const DEVOLUCIONES: &str = "---
title: Devoluciones y reembolsos
url: https://brightkitchen.example/es/ayuda/devoluciones
lang: es
---
# Devoluciones y reembolsos

## ¿Cuánto tiempo tengo para devolver un artículo?

Puede devolver cualquier artículo en un plazo de 45 días desde la entrega, abierto o no, siempre que esté completo y sin daños.
";

/// A product page, as catalogues write them: variants, care, a word on returns.
fn kettle(n: usize) -> (String, String) {
    let names = [
        "Aurora", "Brook", "Cedar", "Delta", "Ember", "Fjord", "Glen", "Harbor", "Iris", "Juniper",
        "Kestrel", "Linden",
    ];
    let name = names[n % names.len()];
    let text = format!(
        "---
title: {name} Electric Kettle
url: https://brightkitchen.example/products/{slug}-electric-kettle
---
# {name} Electric Kettle

The {name} Electric Kettle boils 1.{n} litres in under four minutes and switches off by itself.

## Variants

The {name} Electric Kettle is available in {variants} variants: matte black, cream, sage green and brushed steel, each with a wooden or a steel handle.

## Care

Descale the {name} kettle once a month. Don't leave water in the kettle overnight, so limescale cannot build up. Free returns on unused kettles.
",
        slug = name.to_lowercase(),
        variants = 8 + n,
    );
    (format!("products/{}-kettle.md", name.to_lowercase()), text)
}

async fn harness() -> Harness {
    let h = Harness::new(false, &[], |_| {}).await;
    let kettles: Vec<(String, String)> = (0..12).map(kettle).collect();
    let mut files: Vec<(&str, &str)> = vec![
        ("help/returns.md", RETURNS),
        ("help/shipping.md", SHIPPING),
        ("help/warranty.md", WARRANTY),
        ("help/es/devoluciones.md", DEVOLUCIONES),
    ];
    files.extend(kettles.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    ingest(&h.db.pool, &h.config, &files).await;
    h
}

#[tokio::test]
async fn agent_offline_says_so_when_the_knowledge_base_has_no_answer() {
    let h = harness().await;
    for question in [
        "Do you have a physical store in Berlin?",
        "Can I pay in instalments with Affirm?",
        "Do you offer gift wrapping?",
    ] {
        let r = h.ask(None, question, anonymous("u")).await;
        assert_eq!(r.answer, replies::NOTHING_FOUND, "{question}");
        assert!(r.citations.is_empty(), "{question}: {:?}", r.citations);
        // why, in the trace, with the figures
        let why = r
            .trace
            .iter()
            .find(|t| t.note.starts_with("abstaining"))
            .unwrap_or_else(|| panic!("{question}: no abstention in {:?}", r.trace));
        assert_eq!(why.state, State::Draft);
        assert!(why.note.contains("answerability"), "{}", why.note);
        assert!(r.guardrail_trips.contains(&"unanswerable"));
    }
}

#[tokio::test]
async fn agent_offline_hands_over_when_the_customer_accepts_the_offer() {
    let h = harness().await;
    let first = h
        .ask(
            None,
            "Do you have a physical store in Berlin?",
            anonymous("y"),
        )
        .await;
    assert_eq!(first.answer, replies::NOTHING_FOUND);
    let yes = h
        .ask(Some(first.thread_id), "yes please", anonymous("y"))
        .await;
    assert_eq!(yes.outcome, Outcome::Handoff, "{}", yes.answer);
    assert_eq!(yes.thread_status, ThreadStatus::WaitingHuman);
    // the person sees the unanswered question, not the "yes"
    let excerpt: String =
        sqlx::query_scalar("SELECT transcript_excerpt FROM handoffs WHERE thread_id = $1")
            .bind(first.thread_id)
            .fetch_one(&h.db.pool)
            .await
            .expect("a handoff row");
    assert!(excerpt.contains("Berlin"), "{excerpt}");
}

#[tokio::test]
async fn agent_offline_answers_policy_questions_from_the_policy_among_many_products() {
    let h = harness().await;
    for (question, fact) in [
        (
            "How many days do I have to return an opened kettle?",
            "45 days",
        ),
        (
            "When do I get my money back for a returned kettle?",
            "7 days",
        ),
    ] {
        let r = h.ask(None, question, anonymous("p")).await;
        assert!(r.answer.contains(fact), "{question}: {}", r.answer);
        assert_eq!(
            r.citations.first().map(|c| c.title.as_str()),
            Some("Returns and refunds"),
            "{question}"
        );
        assert!(!r.answer.contains("variants"), "{}", r.answer);
    }
    // product questions still get the product page
    let r = h
        .ask(
            None,
            "How many variants of the Fjord Electric Kettle are there?",
            anonymous("p"),
        )
        .await;
    assert!(r.answer.contains("13 variants"), "{}", r.answer);
}

#[tokio::test]
async fn agent_offline_does_not_answer_a_defect_with_a_care_tip() {
    let h = harness().await;
    let r = h
        .ask(
            None,
            "My kettle is leaking water from the bottom",
            anonymous("l"),
        )
        .await;
    assert!(!r.answer.contains("overnight"), "{}", r.answer);
    let warranty =
        r.citations.first().map(|c| c.title.as_str()) == Some("Warranty and faulty products");
    let routed = (warranty && r.answer.contains("repair or replace"))
        || r.answer == replies::NOTHING_FOUND
        || matches!(r.outcome, Outcome::Handoff | Outcome::Ticket);
    assert!(routed, "the warranty, a person or a ticket: {}", r.answer);
}

#[tokio::test]
async fn agent_offline_answers_from_the_page_in_the_customers_language() {
    let h = harness().await;
    let r = h
        .ask(
            None,
            "¿Cuánto tiempo tengo para devolver una tetera abierta?",
            anonymous("es"),
        )
        .await;
    assert!(r.answer.contains("45 días"), "{}", r.answer);
    assert_eq!(
        r.citations.first().map(|c| c.title.as_str()),
        Some("Devoluciones y reembolsos")
    );
    assert!(
        !r.answer.contains("inglés"),
        "an answer in Spanish needs no note: {}",
        r.answer
    );
}
