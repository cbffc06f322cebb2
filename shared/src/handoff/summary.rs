//! The short summary a person reads before picking up a conversation: what the
//! customer asked first and last, what the bot said last, and why they want a person.
//! Extractive (no model involved). Masked for staff: card and national-id numbers and
//! e-mail addresses other than the verified one are hidden; order and tracking
//! numbers, the phone number, address and IBAN the customer gave stay readable
//! (`frontdesk_redact::pii::mask_for_staff`, docs/security.md).

use crate::threads::MessageRow;

/// Longest quote taken from one message.
const QUOTE_CHARS: usize = 140;

fn quote(text: &str, verified_email: Option<&str>) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let masked = frontdesk_redact::pii::mask_for_staff(&flat, verified_email).into_owned();
    if masked.chars().count() <= QUOTE_CHARS {
        masked
    } else {
        format!(
            "{}…",
            masked
                .chars()
                .take(QUOTE_CHARS)
                .collect::<String>()
                .trim_end()
        )
    }
}

/// `messages` oldest first (the customer-visible ones of the current episode);
/// `verified_email` is the address the customer's identity token carries, if any.
pub fn summarize(messages: &[MessageRow], reason: &str, verified_email: Option<&str>) -> String {
    let quote = |text: &str| quote(text, verified_email);
    let customer: Vec<&MessageRow> = messages.iter().filter(|m| m.role == "user").collect();
    let bot = messages.iter().rev().find(|m| m.role == "assistant");
    let mut parts = Vec::new();
    match (customer.first(), customer.last()) {
        (Some(first), Some(last)) if first.id != last.id => {
            parts.push(format!(
                "Customer first asked: \"{}\"",
                quote(&first.content)
            ));
            parts.push(format!(
                "latest: \"{}\" ({} messages)",
                quote(&last.content),
                customer.len()
            ));
        }
        (Some(only), _) => parts.push(format!("Customer asked: \"{}\"", quote(&only.content))),
        _ => parts.push("No customer message yet".into()),
    }
    if let Some(b) = bot {
        parts.push(format!("bot's last answer: \"{}\"", quote(&b.content)));
    }
    format!(
        "{}. Reason: {}.",
        parts.join("; "),
        quote(reason.trim_end_matches('.'))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(role: &str, content: &str) -> MessageRow {
        MessageRow {
            id: uuid::Uuid::now_v7(),
            role: role.into(),
            content: content.into(),
            tool_name: None,
            tool_payload: None,
            created_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn quotes_first_and_last_question_and_the_bot() {
        let s = summarize(
            &[
                msg("user", "where is my order 1042? mail: ann@example.com"),
                msg(
                    "assistant",
                    "No order matches that order number and email address.",
                ),
                msg("user", "it is definitely mine"),
            ],
            "the customer asked for a person",
            None,
        );
        assert_eq!(
            s,
            "Customer first asked: \"where is my order 1042? mail: [email]\"; latest: \"it is definitely mine\" (2 messages); bot's last answer: \"No order matches that order number and email address.\". Reason: the customer asked for a person."
        );
        let short = summarize(&[msg("user", &"very long ".repeat(40))], "x", None);
        assert!(short.contains('…') && short.len() < 260, "{short}");
    }

    #[test]
    fn staff_read_ids_tracking_numbers_and_the_verified_address() {
        let s = summarize(
            &[
                msg(
                    "user",
                    "Order #W2611340 from ann@example.com, card 4111 1111 1111 1111",
                ),
                msg(
                    "assistant",
                    "Your DHL tracking number is JJD014600003828000000.",
                ),
            ],
            "parcel lost",
            Some("ann@example.com"),
        );
        assert_eq!(
            s,
            "Customer asked: \"Order #W2611340 from ann@example.com, card [card]\"; bot's last answer: \"Your DHL tracking number is JJD014600003828000000.\". Reason: parcel lost."
        );
    }
}
