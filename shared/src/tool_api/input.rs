//! The tools' input types. Their JSON schemas are generated from these types, and the
//! same types validate what the Brain sends: unknown fields and wrong types are
//! rejected with a message the Brain can act on. The offline brain writes its calls
//! with the same types.

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use frontdesk_api::Priority;

/// Search the shop's knowledge base (policies, help pages, product pages).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SearchKbInput {
    /// What to look for, in the customer's words.
    pub query: String,
    /// How many passages to return (1–8, default 3).
    #[serde(default = "default_top_k")]
    pub top_k: u32,
}

fn default_top_k() -> u32 {
    3
}

/// Look up an order. Signed-in customers are identified by their session; anonymous
/// visitors must give both the order number and the email used for the order.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GetOrderInput {
    /// The order number, e.g. "1042".
    #[serde(default)]
    pub order_id: Option<String>,
    /// The email address the order was placed with, as the customer typed it.
    #[serde(default)]
    pub email: Option<String>,
}

/// Open a ticket for the support team to follow up by email.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CreateTicketInput {
    /// Where to reply; ignored for signed-in customers (their verified email is used).
    #[serde(default)]
    pub email: Option<String>,
    /// One line saying what the ticket is about.
    pub subject: String,
    /// What the team needs to know.
    pub body: String,
    #[serde(default)]
    pub priority: Priority,
}

/// Hand the conversation to a human support agent.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HandoffInput {
    /// Why a person is needed, in a few words.
    pub reason: String,
    /// The part of the conversation the agent should read first.
    #[serde(default)]
    pub transcript_excerpt: String,
}

/// Parses arguments strictly, then checks values a schema cannot express.
pub fn parse<T: DeserializeOwned>(tool: &str, arguments: &str) -> Result<T, String> {
    let arguments = if arguments.trim().is_empty() {
        "{}"
    } else {
        arguments
    };
    serde_json::from_str(arguments)
        .map_err(|e| format!("arguments for {tool} are invalid: {e}; send a JSON object that matches the tool's schema"))
}

pub fn check_search(input: &SearchKbInput) -> Result<(), String> {
    if input.query.trim().is_empty() {
        return Err("search_kb: `query` must not be empty".into());
    }
    if !(1..=8).contains(&input.top_k) {
        return Err("search_kb: `top_k` must be between 1 and 8".into());
    }
    Ok(())
}

pub fn check_ticket(input: &CreateTicketInput) -> Result<(), String> {
    if input.subject.trim().is_empty() || input.body.trim().is_empty() {
        return Err("create_ticket: `subject` and `body` must not be empty".into());
    }
    if let Some(email) = &input.email {
        if !frontdesk_redact::email::is_email(email.trim()) {
            return Err(format!("create_ticket: `{email}` is not an email address"));
        }
    }
    Ok(())
}

pub fn check_handoff(input: &HandoffInput) -> Result<(), String> {
    if input.reason.trim().is_empty() {
        return Err("handoff_human: `reason` must not be empty".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_err<T: DeserializeOwned + std::fmt::Debug>(args: &str, expected_fragment: &str) {
        let err = parse::<T>("tool", args).unwrap_err();
        assert!(err.contains(expected_fragment), "{err}");
    }

    #[test]
    fn strict_parsing() {
        assert_eq!(
            parse::<SearchKbInput>("search_kb", r#"{"query":"returns"}"#).unwrap(),
            SearchKbInput {
                query: "returns".into(),
                top_k: 3
            }
        );
        check_err::<SearchKbInput>(r#"{"query":"x","k":2}"#, "unknown field `k`");
        check_err::<SearchKbInput>(r#"{"query":5}"#, "invalid type");
        check_err::<SearchKbInput>(r#"{"query":"x""#, "EOF");
        check_err::<HandoffInput>(r#"{}"#, "missing field `reason`");
        check_err::<CreateTicketInput>(
            r#"{"subject":"s","body":"b","priority":"asap"}"#,
            "unknown variant `asap`",
        );
        assert!(check_search(&SearchKbInput {
            query: "x".into(),
            top_k: 20
        })
        .is_err());
    }
}
