//! The fixed sentences customers read, in one place: what the bot says when it found
//! nothing, when a tool failed, when it must refuse, when the turn ran late, and what
//! a handoff promises. Every layer that answers without a model (the offline brain, the
//! orchestrator's escalations, the tools' results) takes its words from here.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// A search found nothing relevant.
pub const NOTHING_FOUND: &str = "I don't have that information in our help centre, and I'd rather not guess. Would you like me to pass your question to a member of our team?";
/// A message about something other than the shop.
pub const OUT_OF_SCOPE: &str = "I'm the shop's support assistant, so I can only help with our products, orders, shipping, returns and your account. Is there anything about those I can do for you?";
/// The reply to an abusive message.
pub const NEUTRAL: &str = "I'm here to help with orders, products, shipping and returns. I've passed this conversation to our team, who will follow up.";
/// The reply to a threat of violence; the conversation goes to the team.
pub const THREAT: &str = "I can't continue this conversation. Threats are taken seriously, and I've passed it to our team.";
/// Said first to someone who may harm themselves, before the handoff's own words.
pub const SELF_HARM: &str = "I'm really sorry you're feeling this way, and I'm glad you said something. If you might act on these thoughts or are in danger, please call your local emergency number now (112 in Europe, 911 in the US and Canada, 999 in the UK) or a crisis line such as 988 in the US or 116 123 (Samaritans) in the UK and Ireland. I'm bringing in a person from our team to talk with you.";
/// A tool failed.
pub const TOOL_FAILED: &str = "Sorry, I couldn't check that just now. Please try again in a moment, or ask for a person and our team will help.";
/// A draft was withheld by a guardrail.
pub const BLOCKED: &str = "I'm sorry, I can't answer that reliably. I can connect you with a member of our team — just say \"talk to a person\".";
/// The turn missed its SLA.
pub const DEGRADED: &str = "Thanks for your patience — this is taking longer than it should. We're checking further and will follow up by email.";

/// The same words for "no such order" and "not yours": nothing to learn from the difference.
pub const ORDER_NOT_FOUND: &str = "No order matches that order number and email address.";
/// Too many failed look-ups.
pub const ORDER_LOCKED: &str =
    "Too many unsuccessful order look-ups. Please try again later or ask for a person.";
/// What the order tool says it needs (to the Brain).
pub const ORDER_NEEDS: &str =
    "To look up an order I need the order number and the email address it was placed with.";
/// What the customer is asked when an order look-up lacks the order number and e-mail.
pub const ASK_ORDER_DETAILS: &str = "I can check that for you. Please send me your order number and the email address you used for the order.";
/// … when it has the order number but not the e-mail.
pub const ASK_ORDER_EMAIL: &str =
    "I can check that for you. Please send me the email address you used for the order.";
/// … when it has the e-mail but not the order number.
pub const ASK_ORDER_NUMBER: &str = "I can check that for you. Please send me your order number.";

/// True when `text` ends with one of the questions for order details above (it may
/// follow a note on the language of the answer).
pub fn asks_for_order_details(text: &str) -> bool {
    [ASK_ORDER_DETAILS, ASK_ORDER_EMAIL, ASK_ORDER_NUMBER]
        .iter()
        .any(|q| text.ends_with(q))
}

/// True when `text` ends with the offer to pass the question to a person (it may
/// follow a note on the language of the answer), so a "yes" accepts it.
pub fn offers_a_person(text: &str) -> bool {
    text.ends_with(NOTHING_FOUND)
}

/// Splits a draft that ends with a request for order details into the answer before
/// it and the request.
pub fn split_order_ask(text: &str) -> (&str, Option<&'static str>) {
    for ask in [ASK_ORDER_DETAILS, ASK_ORDER_EMAIL, ASK_ORDER_NUMBER] {
        if let Some(answer) = text.strip_suffix(ask) {
            return (answer.trim_end(), Some(ask));
        }
    }
    (text, None)
}

/// A ticket was opened for the customer.
pub fn ticket_opened(number: i64) -> String {
    format!("I've opened ticket #{number} for you. Our team will follow up by email.")
}

/// What a handoff request means for the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandoffNews {
    /// A person already owns the conversation.
    AlreadyWithPerson,
    /// Queued inside business hours: the place (1 = next) and the usual wait.
    Queued {
        position: Option<i64>,
        usual_wait_secs: Option<i64>,
    },
    /// Outside business hours: when people are back, the ticket opened, and whether
    /// we know where to e-mail.
    AfterHours {
        back: Option<DateTime<Tz>>,
        ticket: Option<i64>,
        has_email: bool,
    },
}

/// The sentence telling the customer what happens next, truthfully.
pub fn handoff(news: HandoffNews, now: DateTime<Utc>) -> String {
    match news {
        HandoffNews::AlreadyWithPerson => {
            "A member of our team is already looking after this conversation and will reply here."
                .to_string()
        }
        HandoffNews::Queued {
            position,
            usual_wait_secs,
        } => {
            let wait = usual_wait_secs
                .map(|s| format!(" (usually about {} min)", (s + 59) / 60))
                .unwrap_or_default();
            match position {
                Some(1) | None => format!(
                    "I've asked a member of our team to take over. You're next in the queue{wait}; they'll reply right here."
                ),
                Some(p) => format!(
                    "I've asked a member of our team to take over. You're number {p} in the queue{wait}; they'll reply right here."
                ),
            }
        }
        HandoffNews::AfterHours {
            back,
            ticket,
            has_email,
        } => {
            let back = back
                .map(|at| format!(" — we're back {}", when(&at, now)))
                .unwrap_or_default();
            let follow_up = match (ticket, has_email) {
                (Some(n), true) => format!(" I've opened ticket #{n}, and we'll reply to you by email."),
                (Some(n), false) => format!(
                    " I've opened ticket #{n}; leave your email address here and we'll reply to you by email."
                ),
                (None, _) => " Leave your email address here and we'll reply to you by email.".to_string(),
            };
            format!("Our team is offline right now{back}.{follow_up}")
        }
    }
}

/// "Monday 09:00" (or "09:00" when it is later today).
pub fn when(at: &DateTime<Tz>, now: DateTime<Utc>) -> String {
    let today = now.with_timezone(&at.timezone()).date_naive() == at.date_naive();
    if today {
        at.format("%H:%M").to_string()
    } else {
        at.format("%A %H:%M").to_string()
    }
}

/// The offline brain's fixed replies, which cite nothing and need no citation.
pub fn is_fixed(text: &str) -> bool {
    [
        NOTHING_FOUND,
        NEUTRAL,
        TOOL_FAILED,
        OUT_OF_SCOPE,
        ASK_ORDER_DETAILS,
        ASK_ORDER_EMAIL,
        ASK_ORDER_NUMBER,
    ]
    .contains(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(news: HandoffNews, expected: &str) {
        let now: DateTime<Utc> = "2026-12-04T18:00:00Z".parse().unwrap();
        assert_eq!(handoff(news, now), expected);
    }

    #[test]
    fn handoff_news() {
        check(
            HandoffNews::Queued {
                position: Some(3),
                usual_wait_secs: Some(61),
            },
            "I've asked a member of our team to take over. You're number 3 in the queue (usually about 2 min); they'll reply right here.",
        );
        check(
            HandoffNews::Queued {
                position: Some(1),
                usual_wait_secs: None,
            },
            "I've asked a member of our team to take over. You're next in the queue; they'll reply right here.",
        );
        let monday = "Europe/Amsterdam"
            .parse::<Tz>()
            .unwrap()
            .with_ymd_and_hms(2026, 12, 7, 9, 0, 0)
            .unwrap();
        check(
            HandoffNews::AfterHours {
                back: Some(monday),
                ticket: Some(1001),
                has_email: false,
            },
            "Our team is offline right now — we're back Monday 09:00. I've opened ticket #1001; leave your email address here and we'll reply to you by email.",
        );
    }

    use chrono::TimeZone as _;
}
