//! Drafting from tool results, extractively: every sentence of a knowledge answer is
//! copied from a retrieved passage (a sentence, a list item with its lead-in, a table
//! row put as a sentence: `units.rs`) and cited "(See: Title)"; order answers are built
//! from the order record's fields. Nothing is invented.

use frontdesk_embed::Embedder;

use crate::kb::DocClass;
use crate::orders::Order;
use crate::text::cues;
use crate::text::replies::{self, NOTHING_FOUND, TOOL_FAILED};
use crate::tool_api::{OrderLookup, Passage, Slot, ToolName, ToolResult};

use super::units::{self, Unit};

/// Drafts the reply from one tool's result, as the Brain was given it.
pub async fn from_tool(
    embedder: &Embedder,
    question: &str,
    tool: ToolName,
    content: &str,
    is_error: bool,
) -> String {
    match ToolResult::parse(tool, content) {
        Ok(_) if is_error => TOOL_FAILED.into(),
        Ok(ToolResult::Search(r)) => knowledge(embedder, question, &r.results).await,
        Ok(result) => from_result(&result),
        Err(_) => TOOL_FAILED.into(),
    }
}

/// What an order look-up's result says, when it parses: the ask for missing details,
/// the orders found, or why not. `None` for anything that is not a look-up result.
pub fn from_tool_result_text(tool: ToolName, content: &str) -> Option<String> {
    match ToolResult::parse(tool, content) {
        Ok(result @ ToolResult::Order(_)) => Some(from_result(&result)),
        _ => None,
    }
}

/// Drafts from a result that needs no model (orders, tickets, handoffs).
pub fn from_result(result: &ToolResult) -> String {
    match result {
        ToolResult::Order(lookup) => order(lookup),
        ToolResult::Ticket(t) => replies::ticket_opened(t.ticket_number),
        // the handoff knows what happens next (queue, wait, business hours); say exactly that
        ToolResult::Handoff(h) => h.message.clone(),
        ToolResult::Search(_) | ToolResult::Error(_) => TOOL_FAILED.into(),
    }
}

/// Lowest similarity between the question and a retrieved passage's best sentence for
/// the passage to count as an answer.
const MIN_SENTENCE_SIMILARITY: f32 = 0.25;

async fn knowledge(embedder: &Embedder, question: &str, results: &[Passage]) -> String {
    // quotable units of every retrieved passage, each with the passage it came from
    let mut units: Vec<(usize, Unit)> = Vec::new();
    // each unit is scored with its section heading, which often states the question
    let mut scored_texts: Vec<String> = Vec::new();
    for (n, hit) in results.iter().enumerate() {
        let content = if hit.content.is_empty() {
            hit.citation.snippet.as_str()
        } else {
            hit.content.as_str()
        };
        let section = hit.citation.section.as_str();
        let heading = section.rsplit(" > ").next().unwrap_or(section);
        for unit in units::units(content, heading) {
            scored_texts.push(unit.text.clone());
            // the heading path under the document's title: "Fjord Kettle > Variants"
            let title = hit.citation.title.as_str();
            scored_texts.push(match (section.is_empty(), title.is_empty()) {
                (true, true) => unit.text.clone(),
                (true, false) => title.to_string(),
                (false, true) => section.to_string(),
                (false, false) => format!("{title} > {section}"),
            });
            units.push((n, unit));
        }
    }
    if units.is_empty() {
        return NOTHING_FOUND.into();
    }
    let scored = score(embedder, question, results, &units, &scored_texts).await;
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by(|a, b| scored[*b].total_cmp(&scored[*a]));
    let best = order[0];
    if scored[best] < MIN_SENTENCE_SIMILARITY {
        return NOTHING_FOUND.into();
    }
    let source = units[best].0;
    // the best unit and the next best of its kind (prose, or the same list or table)
    // in the same passage if close, in passage order
    let (best_unit, same_kind) = (&units[best].1, |u: &Unit, b: &Unit| {
        u.structured == b.structured && u.lead == b.lead
    });
    let mut picked: Vec<usize> = order
        .iter()
        .copied()
        .filter(|i| {
            units[*i].0 == source
                && same_kind(&units[*i].1, best_unit)
                && scored[*i] >= scored[best] - 0.12
        })
        .take(2)
        .collect();
    picked.sort_unstable();
    let title = &results[source].citation.title;
    format!(
        "{} (See: {title})",
        quote(picked.iter().map(|i| &units[*i].1))
    )
}

/// How well each unit answers the question: half its own similarity, half its heading
/// path's under the document title; a unit stating a number gains when an amount is asked for, and a list
/// item or table row naming a word of the question few units name ("PayPal") gains
/// too (prose has enough words for its embedding to show it).
async fn score(
    embedder: &Embedder,
    question: &str,
    passages: &[Passage],
    units: &[(usize, Unit)],
    scored_texts: &[String],
) -> Vec<f32> {
    let masked = frontdesk_redact::pii::mask(question);
    let similarity: Vec<f32> = match (
        embedder.embed_query(&masked).await,
        embedder.embed_passages(scored_texts).await,
    ) {
        (Ok(q), Ok(vectors)) => vectors
            .chunks(2)
            .map(|pair| {
                let sim = |v: &Vec<f32>| v.iter().zip(q.iter()).map(|(a, b)| a * b).sum::<f32>();
                0.5 * sim(&pair[0]) + 0.5 * sim(&pair[1])
            })
            .collect(),
        // without the model, keep the best passage's opening units
        _ => (0..units.len()).map(|i| 1.0 - i as f32 * 0.01).collect(),
    };
    let wants_amount = asks_for_amount(question);
    let about_policy = cues::POLICY_TOPIC.is_match(question);
    // each passage's document's place among the retrieved documents
    let mut docs: Vec<uuid::Uuid> = Vec::new();
    let doc_rank: Vec<usize> = passages
        .iter()
        .map(
            |p| match docs.iter().position(|d| *d == p.citation.doc_id) {
                Some(rank) => rank,
                None => {
                    docs.push(p.citation.doc_id);
                    docs.len() - 1
                }
            },
        )
        .collect();
    let texts: Vec<String> = units.iter().map(|(_, u)| u.text.to_lowercase()).collect();
    // a word of the question only a unit or two name singles them out ("PayPal");
    // one most units name ("return") says nothing
    let keywords: Vec<String> = keywords(question)
        .into_iter()
        .filter(|k| texts.iter().filter(|t| t.contains(k.as_str())).count() <= 2)
        .collect();
    similarity
        .iter()
        .zip(&texts)
        .zip(units)
        .map(|((s, text), (passage, unit))| {
            // retrieval already weighed the whole document: its rank counts a little
            let mut s = *s + RANK_PRIOR.get(doc_rank[*passage]).copied().unwrap_or(0.0);
            // a question about policy is answered from a policy page before a product's
            if about_policy && passages[*passage].class == Some(DocClass::Policy) {
                s += POLICY_BONUS;
            }
            if wants_amount && text.chars().any(|c| c.is_ascii_digit()) {
                s += AMOUNT_BONUS;
            }
            if unit.structured && keywords.iter().any(|k| text.contains(k.as_str())) {
                s += KEYWORD_BONUS;
            }
            s
        })
        .collect()
}

/// The picked units as one text, each list's lead-in said once before its items.
fn quote<'a>(units: impl Iterator<Item = &'a Unit>) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let mut last_lead: Option<&str> = None;
    for unit in units {
        if let Some(lead) = unit.lead.as_deref() {
            if last_lead != Some(lead) {
                parts.push(lead);
            }
        }
        last_lead = unit.lead.as_deref();
        parts.push(&unit.text);
    }
    parts.join(" ")
}

/// Added to the units of a policy page when the question is about policy.
const POLICY_BONUS: f32 = 0.1;

/// Added to the units of the first, second… retrieved document.
const RANK_PRIOR: [f32; 2] = [0.05, 0.02];

/// Added to a list item or table row naming a word of the question few units name.
const KEYWORD_BONUS: f32 = 0.1;

/// The question's words of five letters or more that are not everyday words.
fn keywords(question: &str) -> Vec<String> {
    const COMMON: &[&str] = &[
        "about", "after", "again", "could", "there", "their", "these", "those", "which", "would",
        "should", "where", "while", "order", "orders", "please", "thanks", "hello",
    ];
    question
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 5 && !COMMON.contains(w))
        .map(str::to_string)
        .collect()
}

/// Added to a sentence with a number when the question asks for an amount.
const AMOUNT_BONUS: f32 = 0.08;

fn asks_for_amount(question: &str) -> bool {
    let q = question.to_lowercase();
    [
        "how long", "how much", "how many", "how soon", "when ", "window", "deadline", "cost",
        "price", "days", "weeks", "hours", "fee",
    ]
    .iter()
    .any(|w| q.contains(w))
}

fn order(lookup: &OrderLookup) -> String {
    match lookup {
        OrderLookup::Found(orders) => orders
            .iter()
            .map(describe_order)
            .collect::<Vec<_>>()
            .join("\n"),
        // ask only for what is missing
        OrderLookup::Need(need) => match need.as_slice() {
            [Slot::Email] => replies::ASK_ORDER_EMAIL.into(),
            [Slot::OrderId] => replies::ASK_ORDER_NUMBER.into(),
            _ => replies::ASK_ORDER_DETAILS.into(),
        },
        OrderLookup::Locked => replies::ORDER_LOCKED.into(),
        OrderLookup::NotFound => format!(
            "{} Please check both and try again.",
            replies::ORDER_NOT_FOUND
        ),
    }
}

fn describe_order(o: &Order) -> String {
    let status = o.status.replace(['-', '_'], " ");
    let mut s = format!("Order #{} is {status}.", o.order_id);
    let items: Vec<String> = o
        .items
        .iter()
        .map(|i| format!("{} × {}", i.quantity, i.name))
        .collect();
    if !items.is_empty() {
        s.push_str(&format!(" It contains {}.", items.join(", ")));
    }
    match (&o.carrier, &o.tracking_number) {
        (Some(carrier), Some(number)) => {
            s.push_str(&format!(" It's with {carrier}, tracking number {number}"));
            if let Some(url) = &o.tracking_url {
                s.push_str(&format!(" — track it here: {url}"));
            }
            s.push('.');
        }
        (None, Some(number)) => s.push_str(&format!(" Tracking number: {number}.")),
        _ => {}
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amount_questions() {
        assert!(asks_for_amount("what's your return window?"));
        assert!(asks_for_amount("How long does shipping take"));
        assert!(!asks_for_amount("is the kettle dishwasher safe"));
    }

    #[test]
    fn order_with_tracking() {
        let order: Order = serde_json::from_value(serde_json::json!({
            "order_id": "1042", "email": "ann@example.com", "status": "shipped",
            "items": [{"sku": "K1", "name": "Classic Kettle", "quantity": 1, "price": "49.00"}],
            "total": "49.00", "currency": "EUR", "carrier": "DHL",
            "tracking_number": "JD0001", "tracking_url": "https://t.example/JD0001",
            "created_at": "2026-11-20T10:00:00Z", "updated_at": "2026-11-21T10:00:00Z"
        }))
        .unwrap();
        assert_eq!(order_text(&OrderLookup::Found(vec![order])), "Order #1042 is shipped. It contains 1 × Classic Kettle. It's with DHL, tracking number JD0001 — track it here: https://t.example/JD0001.");
    }

    fn order_text(lookup: &OrderLookup) -> String {
        order(lookup)
    }
}
