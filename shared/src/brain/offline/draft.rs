//! Drafting from tool results, extractively: every sentence of a knowledge answer is
//! copied from a retrieved passage and cited "(See: Title)"; order answers are built
//! from the order record's fields. Nothing is invented.

use serde_json::Value;

use frontdesk_embed::Embedder;

/// The reply when a search found nothing relevant.
pub const NOTHING_FOUND: &str = "I couldn't find that in our help centre. I can pass your question to a member of our team if you like — just say \"talk to a person\".";
/// The reply to an abusive message.
pub const NEUTRAL: &str = "I'm here to help with orders, products, shipping and returns. I've passed this conversation to our team, who will follow up.";
/// The reply when a tool failed.
pub const TOOL_FAILED: &str = "Sorry, I couldn't check that just now. Please try again in a moment, or ask for a person and our team will help.";

/// Drafts the reply from one tool's result.
pub async fn from_tool(
    embedder: &Embedder,
    question: &str,
    tool: &str,
    content: &str,
    is_error: bool,
) -> String {
    let value: Value = serde_json::from_str(content).unwrap_or(Value::Null);
    if is_error || value.get("error").is_some() {
        return TOOL_FAILED.into();
    }
    if tool == crate::tools::SEARCH_KB {
        knowledge(embedder, question, &value).await
    } else {
        from_tool_value(tool, &value)
    }
}

/// Drafts from a result that needs no model (orders, tickets, handoffs).
pub fn from_tool_value(tool: &str, value: &Value) -> String {
    match tool {
        crate::tools::GET_ORDER => order(value),
        crate::tools::CREATE_TICKET => ticket(value),
        crate::tools::HANDOFF_HUMAN => handoff(value),
        _ => TOOL_FAILED.into(),
    }
}

/// Lowest similarity between the question and a retrieved passage's best sentence for
/// the passage to count as an answer.
const MIN_SENTENCE_SIMILARITY: f32 = 0.25;

async fn knowledge(embedder: &Embedder, question: &str, value: &Value) -> String {
    let results = value["results"].as_array().cloned().unwrap_or_default();
    // sentences of every retrieved passage, each with the passage it came from
    let mut sentences: Vec<(usize, String)> = Vec::new();
    // each sentence is scored with its section heading, which often states the question
    let mut scored_texts: Vec<String> = Vec::new();
    for (n, hit) in results.iter().enumerate() {
        let content = hit["content"]
            .as_str()
            .or_else(|| hit["snippet"].as_str())
            .unwrap_or("");
        let section = hit["section"].as_str().unwrap_or("");
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
    let title = results[source]["title"]
        .as_str()
        .unwrap_or("our help centre");
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

fn order(value: &Value) -> String {
    if value["found"].as_bool() == Some(true) {
        let orders = value["orders"].as_array().cloned().unwrap_or_default();
        let lines: Vec<String> = orders.iter().map(describe_order).collect();
        return lines.join("\n");
    }
    if value.get("need").is_some() {
        return "I can check that for you. Please send me your order number and the email address you used for the order.".into();
    }
    value["message"]
        .as_str()
        .unwrap_or(crate::tools::ORDER_NOT_FOUND)
        .to_string()
        + if value.get("locked").is_some() {
            ""
        } else {
            " Please check both and try again."
        }
}

fn describe_order(o: &Value) -> String {
    let id = o["order_id"].as_str().unwrap_or("?");
    let status = o["status"]
        .as_str()
        .unwrap_or("unknown")
        .replace(['-', '_'], " ");
    let mut s = format!("Order #{id} is {status}.");
    let items: Vec<String> = o["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| {
                    format!(
                        "{} × {}",
                        i["quantity"].as_u64().unwrap_or(1),
                        i["name"].as_str().unwrap_or("item")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    if !items.is_empty() {
        s.push_str(&format!(" It contains {}.", items.join(", ")));
    }
    match (o["carrier"].as_str(), o["tracking_number"].as_str()) {
        (Some(carrier), Some(number)) => {
            s.push_str(&format!(" It's with {carrier}, tracking number {number}"));
            if let Some(url) = o["tracking_url"].as_str() {
                s.push_str(&format!(" — track it here: {url}"));
            }
            s.push('.');
        }
        (None, Some(number)) => s.push_str(&format!(" Tracking number: {number}.")),
        _ => {}
    }
    s
}

fn ticket(value: &Value) -> String {
    match value["ticket_number"].as_i64() {
        Some(n) => format!("I've opened ticket #{n} for you. Our team will follow up by email."),
        None => TOOL_FAILED.into(),
    }
}

fn handoff(value: &Value) -> String {
    // the handoff knows what happens next (queue, wait, business hours); say exactly that
    if let Some(message) = value["message"].as_str().filter(|m| !m.is_empty()) {
        return message.to_string();
    }
    match value["position"].as_i64() {
        Some(1) => "I've asked a member of our team to take over. You're next in the queue; they'll reply right here.".into(),
        Some(p) => format!("I've asked a member of our team to take over. You're number {p} in the queue; they'll reply right here."),
        None => "A member of our team has been asked to take over and will reply right here.".into(),
    }
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
        let v = serde_json::json!({"found": true, "orders": [{"order_id": "1042", "status": "shipped",
            "items": [{"name": "Classic Kettle", "quantity": 1}], "carrier": "DHL",
            "tracking_number": "JD0001", "tracking_url": "https://t.example/JD0001"}]});
        assert_eq!(order(&v), "Order #1042 is shipped. It contains 1 × Classic Kettle. It's with DHL, tracking number JD0001 — track it here: https://t.example/JD0001.");
    }
}
