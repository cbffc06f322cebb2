//! The contract between the Brain and the Hands, with nothing behind it: the tools'
//! names ([`ToolName`]), a call as a model writes it ([`ToolCall`]), what a model is
//! offered ([`ToolSpec`], generated from the input types of `input.rs`), validated
//! arguments ([`ToolInput`]) and typed results ([`ToolResult`], `result.rs`).
//!
//! The Brain (`brain`) writes calls and reads results; the Hands (`tools`) read calls
//! and write results; neither imports the other.

mod input;
mod result;

use serde::{Deserialize, Serialize};

pub use input::{CreateTicketInput, GetOrderInput, HandoffInput, SearchKbInput};
pub use result::{
    HandoffResult, OrderLookup, Passage, SearchResult, Slot, TicketResult, ToolResult,
};

/// The four tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolName {
    SearchKb,
    GetOrder,
    CreateTicket,
    HandoffHuman,
}

impl ToolName {
    pub const ALL: [ToolName; 4] = [
        Self::SearchKb,
        Self::GetOrder,
        Self::CreateTicket,
        Self::HandoffHuman,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SearchKb => "search_kb",
            Self::GetOrder => "get_order",
            Self::CreateTicket => "create_ticket",
            Self::HandoffHuman => "handoff_human",
        }
    }

    /// The tool a model named, if there is one by that name.
    pub fn find(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }

    fn description(self) -> &'static str {
        match self {
            Self::SearchKb => "Search the shop's help centre and product pages. Returns passages with title and URL to cite.",
            Self::GetOrder => "Look up an order's status, items and tracking. Anonymous customers must give both the order number and the order's email.",
            Self::CreateTicket => "Open a support ticket so the team follows up by email.",
            Self::HandoffHuman => "Hand the conversation to a human support agent.",
        }
    }

    /// What a model is offered: name, description and the input's JSON schema.
    pub fn spec(self) -> ToolSpec {
        let schema = match self {
            Self::SearchKb => schemars::schema_for!(SearchKbInput),
            Self::GetOrder => schemars::schema_for!(GetOrderInput),
            Self::CreateTicket => schemars::schema_for!(CreateTicketInput),
            Self::HandoffHuman => schemars::schema_for!(HandoffInput),
        };
        let mut parameters = serde_json::to_value(schema).unwrap_or_default();
        if let Some(obj) = parameters.as_object_mut() {
            obj.remove("$schema");
            obj.remove("title");
        }
        ToolSpec {
            name: self.as_str().to_string(),
            description: self.description().to_string(),
            parameters,
        }
    }
}

impl std::fmt::Display for ToolName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every tool's spec, whether offered right now or not.
pub fn all_specs() -> Vec<ToolSpec> {
    ToolName::ALL.into_iter().map(ToolName::spec).collect()
}

/// A tool call as the model emitted it; `arguments` is the raw JSON text, validated
/// by [`ToolInput::parse`], so a malformed call can be reported back to the Brain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolCall {
    pub id: String,
    /// As the model wrote it: possibly no tool at all.
    pub name: String,
    pub arguments: String,
}

impl ToolCall {
    /// A call of `tool` with typed arguments (the offline brain, the orchestrator).
    pub fn new(id: impl Into<String>, tool: ToolName, input: &impl Serialize) -> Self {
        Self {
            id: id.into(),
            name: tool.as_str().to_string(),
            arguments: serde_json::to_string(input).unwrap_or_else(|_| "{}".into()),
        }
    }

    pub fn tool(&self) -> Option<ToolName> {
        ToolName::find(&self.name)
    }
}

/// A tool the Brain may call: name, description and the JSON schema of its input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToolSpec {
    pub name: String,
    pub description: String,
    pub parameters: serde_json::Value,
}

/// Validated arguments of one of the four tools.
#[derive(Debug, Clone, PartialEq)]
pub enum ToolInput {
    SearchKb(SearchKbInput),
    GetOrder(GetOrderInput),
    CreateTicket(CreateTicketInput),
    Handoff(HandoffInput),
}

impl ToolInput {
    /// Parses `arguments` strictly for `tool` and checks what a schema cannot express;
    /// the error is a sentence the Brain can act on.
    pub fn parse(tool: ToolName, arguments: &str) -> Result<Self, String> {
        let name = tool.as_str();
        Ok(match tool {
            ToolName::SearchKb => {
                let i: SearchKbInput = input::parse(name, arguments)?;
                input::check_search(&i)?;
                Self::SearchKb(i)
            }
            ToolName::GetOrder => Self::GetOrder(input::parse(name, arguments)?),
            ToolName::CreateTicket => {
                let i: CreateTicketInput = input::parse(name, arguments)?;
                input::check_ticket(&i)?;
                Self::CreateTicket(i)
            }
            ToolName::HandoffHuman => {
                let i: HandoffInput = input::parse(name, arguments)?;
                input::check_handoff(&i)?;
                Self::Handoff(i)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for tool in ToolName::ALL {
            assert_eq!(ToolName::find(tool.as_str()), Some(tool));
            assert_eq!(serde_json::to_value(tool).unwrap(), tool.as_str());
            assert_eq!(tool.spec().name, tool.as_str());
        }
        assert_eq!(ToolName::find("delete_order"), None);
    }

    #[test]
    fn typed_calls_parse_back() {
        let call = ToolCall::new(
            "c1",
            ToolName::HandoffHuman,
            &HandoffInput {
                reason: "asked for a person".into(),
                transcript_excerpt: String::new(),
            },
        );
        assert_eq!(call.tool(), Some(ToolName::HandoffHuman));
        assert!(matches!(
            ToolInput::parse(ToolName::HandoffHuman, &call.arguments),
            Ok(ToolInput::Handoff(HandoffInput { reason, .. })) if reason == "asked for a person"
        ));
        assert!(ToolInput::parse(ToolName::SearchKb, r#"{"query":" "}"#).is_err());
    }
}
