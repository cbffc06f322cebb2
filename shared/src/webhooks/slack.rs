//! Events as Slack messages, for a receiver with `format = "slack"` (an incoming-webhook
//! URL): one line each, naming the thread so the team can open it in the console.

use serde_json::Value;

fn field<'a>(payload: &'a Value, key: &str) -> &'a str {
    payload[key].as_str().unwrap_or("?")
}

/// The message text for `event` with its outbox `payload`.
pub fn text(event: &str, payload: &Value) -> String {
    let thread = field(payload, "thread_id");
    match event {
        "handoff.requested" => {
            let when = if payload["after_hours"] == true {
                " (outside business hours: ticket opened, email follow-up promised)"
            } else {
                ""
            };
            format!(
                ":raising_hand: A customer is waiting for a person in *{}*{when}: {} — thread `{thread}`\n> {}",
                field(payload, "queue"),
                field(payload, "reason"),
                field(payload, "summary")
            )
        }
        "handoff.claimed" => format!(
            ":handshake: {} took the conversation `{thread}`",
            field(payload, "operator")
        ),
        "handoff.takeover" => format!(
            ":eyes: {} took over the conversation `{thread}` from the bot",
            field(payload, "operator")
        ),
        "handoff.overdue" => format!(
            ":warning: A customer has waited past the SLA of *{}* — thread `{thread}`",
            field(payload, "queue")
        ),
        "ticket.created" => {
            let t = &payload["ticket"];
            format!(
                ":ticket: Ticket #{} ({}): {}",
                t["number"],
                t["priority"].as_str().unwrap_or("normal"),
                t["subject"].as_str().unwrap_or("")
            )
        }
        other => format!("Frontdesk event `{other}` for thread `{thread}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_lines() {
        let p = serde_json::json!({"thread_id": "t1", "queue": "support", "reason": "refund", "summary": "asked twice", "after_hours": false});
        assert_eq!(
            text("handoff.requested", &p),
            ":raising_hand: A customer is waiting for a person in *support*: refund — thread `t1`\n> asked twice"
        );
        let c = serde_json::json!({"thread_id": "t1", "operator": "sam"});
        assert_eq!(
            text("handoff.takeover", &c),
            ":eyes: sam took over the conversation `t1` from the bot"
        );
    }
}
