//! Drafting from tool results, extractively: every sentence of a knowledge answer is
//! copied from a retrieved passage and cited "(See: Title)"; order answers are built
//! from the order record's fields. Nothing is invented.

use frontdesk_embed::Embedder;

use crate::orders::Order;
use crate::text::replies::{self, NOTHING_FOUND, TOOL_FAILED};
use crate::tool_api::{OrderLookup, Passage, Slot, ToolName, ToolResult};

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
    // sentences of every retrieved passage, each with the passage it came from
    let mut sentences: Vec<(usize, String)> = Vec::new();
    // each sentence is scored with its section heading, which often states the question
    let mut scored_texts: Vec<String> = Vec::new();
    for (n, hit) in results.iter().enumerate() {
        let content = if hit.content.is_empty() {
            hit.citation.snippet.as_str()
        } else {
            hit.content.as_str()
        };
        let section = hit.citation.section.as_str();
        for sentence in split_sentences(content) {
            scored_texts.push(sentence.clone());
            scored_texts.push(if section.is_empty() {
                sentence.clone()
            } else {
                section.to_string()
            });
            sentences.push((n, sentence));
        }
    }
    if sentences.is_empty() {
        return NOTHING_FOUND.into();
    }
    let masked = frontdesk_redact::pii::mask(question);
    let scored: Vec<f32> = match (
        embedder.embed_query(&masked).await,
        embedder.embed_passages(&scored_texts).await,
    ) {
        // half the sentence's own similarity, half its section heading's
        (Ok(q), Ok(vectors)) => vectors
            .chunks(2)
            .map(|pair| {
                let sim = |v: &Vec<f32>| v.iter().zip(q.iter()).map(|(a, b)| a * b).sum::<f32>();
                0.5 * sim(&pair[0]) + 0.5 * sim(&pair[1])
            })
            .collect(),
        // without the model, keep the best passage's opening sentences
        _ => (0..sentences.len())
            .map(|i| 1.0 - i as f32 * 0.01)
            .collect(),
    };
    // a question about an amount (how long, how much, how many, when) is answered by a
    // sentence that states one
    let wants_amount = asks_for_amount(question);
    let scored: Vec<f32> = scored
        .iter()
        .zip(&sentences)
        .map(|(s, (_, text))| {
            if wants_amount && text.chars().any(|c| c.is_ascii_digit()) {
                s + AMOUNT_BONUS
            } else {
                *s
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    order.sort_by(|a, b| scored[*b].total_cmp(&scored[*a]));
    let best = order[0];
    if scored[best] < MIN_SENTENCE_SIMILARITY {
        return NOTHING_FOUND.into();
    }
    let source = sentences[best].0;
    // the best sentence and the next best of the same passage if close, in passage order
    let mut picked: Vec<usize> = order
        .iter()
        .copied()
        .filter(|i| sentences[*i].0 == source && scored[*i] >= scored[best] - 0.12)
        .take(2)
        .collect();
    picked.sort_unstable();
    let body: Vec<&str> = picked.iter().map(|i| sentences[*i].1.as_str()).collect();
    let title = &results[source].citation.title;
    format!("{} (See: {title})", body.join(" "))
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

fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim().trim_start_matches(['-', '*', '#', ' ']);
        if line.is_empty() {
            continue;
        }
        let mut start = 0;
        let bytes: Vec<(usize, char)> = line.char_indices().collect();
        for (n, (i, c)) in bytes.iter().enumerate() {
            let next_is_space = bytes.get(n + 1).is_none_or(|(_, c)| c.is_whitespace());
            if matches!(c, '.' | '!' | '?') && next_is_space {
                let s = line[start..i + c.len_utf8()].trim();
                if s.split_whitespace().count() >= 3 {
                    out.push(s.to_string());
                }
                start = i + c.len_utf8();
            }
        }
        let rest = line[start..].trim();
        if rest.split_whitespace().count() >= 4 {
            out.push(rest.to_string());
        }
    }
    out
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
    fn sentences() {
        let s = split_sentences(
            "You have 30 days to return. Refunds take 5 days!\n- Keep the box please thanks",
        );
        assert_eq!(
            s,
            vec![
                "You have 30 days to return.",
                "Refunds take 5 days!",
                "Keep the box please thanks"
            ]
        );
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
