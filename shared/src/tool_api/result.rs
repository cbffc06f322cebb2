//! What a tool returns, typed. A remote model reads it as JSON text (the shape of
//! each variant's body, unchanged for the providers); the offline brain and the
//! orchestrator read the types, never keys of a JSON value.

use frontdesk_api::{Citation, ThreadStatus};
use serde::{Deserialize, Serialize};

use super::ToolName;
use crate::orders::Order;
use crate::text::replies;

/// The result of one tool call.
#[derive(Debug, Clone, PartialEq)]
pub enum ToolResult {
    Search(SearchResult),
    Order(OrderLookup),
    Ticket(TicketResult),
    Handoff(HandoffResult),
    /// The call failed or was refused; what went wrong, for the Brain (`{"error": ...}`).
    Error(String),
}

/// `search_kb`: the passages found, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResult {
    pub results: Vec<Passage>,
}

/// A retrieved passage: what to cite, and the text to answer from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    #[serde(flatten)]
    pub citation: Citation,
    pub content: String,
    /// Share of the question's IDF-weighted terms the passage contains, in [0, 1]:
    /// one of the signals of whether it answers the question at all.
    #[serde(default)]
    pub coverage: f32,
    /// What the passage's document is for: `policy`, `product` or `other`.
    #[serde(default)]
    pub class: Option<crate::kb::DocClass>,
}

/// `get_order`: what the look-up found. "No such order" and "not yours" are one
/// variant, so nothing can be learned from the difference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "OrderWire", from = "OrderWire")]
pub enum OrderLookup {
    /// The customer's orders (never empty).
    Found(Vec<Order>),
    NotFound,
    /// Too many failed look-ups from this visitor or for this address.
    Locked,
    /// An anonymous look-up lacks these.
    Need(Vec<Slot>),
}

/// What an anonymous order look-up must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    OrderId,
    Email,
}

/// `create_ticket`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketResult {
    pub ticket_number: i64,
    /// False when the thread already had a ticket for this reason.
    pub created: bool,
    pub status: String,
}

/// `handoff_human`: where the thread stands and what the customer is told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffResult {
    pub queued: bool,
    pub status: ThreadStatus,
    pub after_hours: bool,
    /// The sentence for the customer.
    pub message: String,
    /// Place in the queue (1 = next), when queued by this call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
    /// The thread already waited for, or was with, a person.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub already_waiting: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_number: Option<i64>,
}

#[derive(Serialize, Deserialize)]
struct ErrorWire {
    error: String,
}

impl ToolResult {
    /// The JSON body a model reads.
    pub fn to_json(&self) -> serde_json::Value {
        let value = match self {
            Self::Search(r) => serde_json::to_value(r),
            Self::Order(r) => serde_json::to_value(r),
            Self::Ticket(r) => serde_json::to_value(r),
            Self::Handoff(r) => serde_json::to_value(r),
            Self::Error(error) => serde_json::to_value(ErrorWire {
                error: error.clone(),
            }),
        };
        value.unwrap_or_default()
    }

    /// [`to_json`](Self::to_json) as text, for a model's conversation.
    pub fn content(&self) -> String {
        self.to_json().to_string()
    }

    /// Reads back the result of `tool` from the text a model was given.
    pub fn parse(tool: ToolName, content: &str) -> Result<Self, serde_json::Error> {
        if let Ok(ErrorWire { error }) = serde_json::from_str(content) {
            return Ok(Self::Error(error));
        }
        Ok(match tool {
            ToolName::SearchKb => Self::Search(serde_json::from_str(content)?),
            ToolName::GetOrder => Self::Order(serde_json::from_str(content)?),
            ToolName::CreateTicket => Self::Ticket(serde_json::from_str(content)?),
            ToolName::HandoffHuman => Self::Handoff(serde_json::from_str(content)?),
        })
    }

    /// The ticket this result opened, if any.
    pub fn ticket_number(&self) -> Option<i64> {
        match self {
            Self::Ticket(t) => Some(t.ticket_number),
            Self::Handoff(h) => h.ticket_number,
            _ => None,
        }
    }

    /// A short, PII-free description for the audit trail.
    pub fn summary(&self) -> String {
        match self {
            Self::Error(error) => frontdesk_redact::pii::mask(error)
                .chars()
                .take(200)
                .collect(),
            Self::Search(r) => {
                let titles: Vec<&str> = r
                    .results
                    .iter()
                    .map(|p| p.citation.title.as_str())
                    .collect();
                format!("{} passages: {}", r.results.len(), titles.join("; "))
            }
            Self::Order(OrderLookup::Found(orders)) => format!("found {} order(s)", orders.len()),
            Self::Order(_) => "no matching order".into(),
            Self::Ticket(t) => format!("ticket #{}", t.ticket_number),
            Self::Handoff(h) => format!("handoff queued: {}", h.queued),
        }
    }
}

/// `get_order`'s JSON as models have always read it.
#[derive(Serialize, Deserialize)]
struct OrderWire {
    found: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    orders: Vec<Order>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    locked: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    need: Vec<Slot>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

impl From<OrderLookup> for OrderWire {
    fn from(lookup: OrderLookup) -> Self {
        let wire = |message: &str| OrderWire {
            found: false,
            orders: Vec::new(),
            locked: false,
            need: Vec::new(),
            message: Some(message.to_string()),
        };
        match lookup {
            OrderLookup::Found(orders) if !orders.is_empty() => OrderWire {
                found: true,
                orders,
                message: None,
                ..wire("")
            },
            OrderLookup::Found(_) | OrderLookup::NotFound => wire(replies::ORDER_NOT_FOUND),
            OrderLookup::Locked => OrderWire {
                locked: true,
                ..wire(replies::ORDER_LOCKED)
            },
            OrderLookup::Need(need) => OrderWire {
                need,
                ..wire(replies::ORDER_NEEDS)
            },
        }
    }
}

impl From<OrderWire> for OrderLookup {
    fn from(w: OrderWire) -> Self {
        if w.found && !w.orders.is_empty() {
            Self::Found(w.orders)
        } else if w.locked {
            Self::Locked
        } else if !w.need.is_empty() {
            Self::Need(w.need)
        } else {
            Self::NotFound
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[track_caller]
    fn round_trip(tool: ToolName, result: ToolResult, body: serde_json::Value) {
        assert_eq!(result.to_json(), body);
        assert_eq!(ToolResult::parse(tool, &result.content()).unwrap(), result);
    }

    #[test]
    fn order_lookups_keep_their_wire_shape() {
        round_trip(
            ToolName::GetOrder,
            ToolResult::Order(OrderLookup::NotFound),
            json!({ "found": false, "message": replies::ORDER_NOT_FOUND }),
        );
        round_trip(
            ToolName::GetOrder,
            ToolResult::Order(OrderLookup::Locked),
            json!({ "found": false, "locked": true, "message": replies::ORDER_LOCKED }),
        );
        round_trip(
            ToolName::GetOrder,
            ToolResult::Order(OrderLookup::Need(vec![Slot::Email])),
            json!({ "found": false, "need": ["email"], "message": replies::ORDER_NEEDS }),
        );
    }

    #[test]
    fn errors_and_tickets() {
        round_trip(
            ToolName::SearchKb,
            ToolResult::Error("search_kb is disabled".into()),
            json!({ "error": "search_kb is disabled" }),
        );
        let ticket = ToolResult::Ticket(TicketResult {
            ticket_number: 1001,
            created: true,
            status: "open".into(),
        });
        assert_eq!(ticket.ticket_number(), Some(1001));
        assert_eq!(ticket.summary(), "ticket #1001");
        round_trip(
            ToolName::CreateTicket,
            ticket,
            json!({ "ticket_number": 1001, "created": true, "status": "open" }),
        );
    }
}
