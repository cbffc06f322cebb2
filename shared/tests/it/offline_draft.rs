//! The offline drafter on another shop's help pages (an outdoor-gear shop, written for
//! this test): a list answers with its matching item and lead-in, a table with its
//! matching row as a sentence, with the real embedding model.

use frontdesk::brain::offline::draft;
use frontdesk::tool_api::{Passage, SearchResult, ToolName};
use frontdesk_api::Citation;
use uuid::Uuid;

use crate::support;

fn passage(title: &str, section: &str, content: &str) -> Passage {
    Passage {
        citation: Citation {
            doc_id: Uuid::new_v4(),
            chunk_id: Uuid::new_v4(),
            title: title.into(),
            url: Some(format!(
                "https://trailhead.example/help/{}",
                title.to_lowercase().replace(' ', "-")
            )),
            section: section.into(),
            snippet: String::new(),
            score: 0.8,
        },
        content: content.into(),
        coverage: 0.5,
        class: None,
    }
}

async fn answer(question: &str, passages: Vec<Passage>) -> String {
    let content = serde_json::to_string(&SearchResult { results: passages }).unwrap();
    draft::from_tool(
        &support::embedder(),
        question,
        ToolName::SearchKb,
        &content,
        false,
    )
    .await
}

const PAYMENTS: &str = "We accept:\n- Visa, Mastercard and American Express\n- PayPal\n- Klarna invoice (Sweden, Norway, Finland)\n- Gift cards\n\nWe don't accept cash on delivery or cheques.";
const DELIVERY: &str = "| Destination | Carrier | Delivery time |\n|---|---|---|\n| Sweden | PostNord | 1–2 business days |\n| Rest of the EU | DHL | 3–5 business days |\n| Norway and Switzerland | DHL | 5–8 business days |";

#[tokio::test]
async fn a_list_answers_with_its_matching_item_and_lead_in() {
    let a = answer(
        "Do you take PayPal?",
        vec![passage(
            "Paying for your order",
            "Paying for your order > Payment methods",
            PAYMENTS,
        )],
    )
    .await;
    assert!(a.starts_with("We accept: PayPal."), "{a}");
    assert!(!a.contains("cash on delivery"), "{a}");
    assert!(a.ends_with("(See: Paying for your order)"), "{a}");
}

#[tokio::test]
async fn a_table_answers_with_its_matching_row_as_a_sentence() {
    let a = answer(
        "How long does delivery to the rest of the EU take?",
        vec![passage("Delivery times", "Delivery times", DELIVERY)],
    )
    .await;
    assert!(
        a.contains("Rest of the EU: carrier DHL, delivery time 3–5 business days."),
        "{a}"
    );
    assert!(!a.contains('|'), "no raw table row: {a}");
}
