//! The offline brain: routes with the embedding model plus rules, extracts slots, and
//! drafts grounded answers extractively from tool results. No network, no API key.
//! It is the default when no LLM is configured and the last fallback when one fails.

pub mod draft;
pub mod router;
mod units;

pub use router::{Route, Router, Routing};

use super::{Brain, BrainError, BrainReply, BrainRequest, ChatItem, Purpose, ToolCall};
use crate::text::replies;
use crate::text::slots::{self, OrderIds};
use crate::tool_api::{CreateTicketInput, GetOrderInput, HandoffInput, SearchKbInput, ToolName};
use frontdesk_api::Priority;
use frontdesk_embed::Embedder;

pub const PROVIDER: &str = "offline";
/// The subject of the ticket the offline brain opens for an abusive message.
const ABUSE_TICKET_SUBJECT: &str = "Abusive message in chat";
pub const MODEL: &str = "offline-router-v1";

pub struct OfflineBrain {
    router: Router,
    embedder: Embedder,
    order_ids: OrderIds,
}

impl std::fmt::Debug for OfflineBrain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OfflineBrain").finish()
    }
}

impl OfflineBrain {
    /// `order_ids` finds order ids in customers' messages (`orders.id_pattern`).
    pub async fn new(
        embedder: Embedder,
        order_ids: OrderIds,
    ) -> Result<Self, frontdesk_embed::EmbedError> {
        Ok(Self {
            router: Router::new(embedder.clone()).await?,
            embedder,
            order_ids,
        })
    }

    pub fn router(&self) -> &Router {
        &self.router
    }

    async fn plan(&self, history: &[ChatItem], question: &str) -> Result<BrainReply, BrainError> {
        let mut routing = self
            .router
            .route(question)
            .await
            .map_err(|e| BrainError::Malformed(format!("routing failed: {e}")))?;
        // an answer to "send me your order number and email" continues the order look-up
        let asked_for_order = history.iter().rev().skip(1).find_map(|i| match i {
            ChatItem::Assistant { text: Some(t), .. } => Some(replies::asks_for_order_details(t)),
            _ => None,
        });
        let order_id = self.order_ids.find(question);
        let email = slots::email(question);
        let has_slot = order_id.is_some() || email.is_some();
        if asked_for_order == Some(true) && has_slot && routing.route != Route::Abusive {
            routing.route = Route::OrderStatus;
        }
        // an order id and an e-mail together are an order look-up, whatever the
        // embedding thought (an explicit request for a person still wins)
        if order_id.is_some() && email.is_some() && routing.by == "embedding" {
            routing.route = Route::OrderStatus;
        }
        let call = |call: ToolCall| BrainReply {
            tool_calls: vec![call],
            model: MODEL.into(),
            ..Default::default()
        };
        let text = |t: &str| BrainReply {
            text: Some(t.to_string()),
            model: MODEL.into(),
            ..Default::default()
        };
        Ok(match routing.route {
            Route::OrderStatus => {
                // slots may have come in earlier messages of the conversation (the
                // memory window): the latest mention wins
                let user_texts: Vec<&str> = history
                    .iter()
                    .rev()
                    .filter_map(|i| match i {
                        ChatItem::User { text } => Some(text.as_str()),
                        _ => None,
                    })
                    .collect();
                let order_id = user_texts.iter().find_map(|t| self.order_ids.find(t));
                let email = user_texts.iter().find_map(|t| slots::email(t));
                call(call_of(ToolName::GetOrder, &GetOrderInput { order_id, email }))
            }
            Route::Returns | Route::ProductQuestion | Route::Faq => call(call_of(
                ToolName::SearchKb,
                &SearchKbInput {
                    query: question.to_string(),
                    top_k: 3,
                },
            )),
            Route::HumanRequest => call(call_of(
                ToolName::HandoffHuman,
                &HandoffInput {
                    reason: "the customer asked for a person".into(),
                    transcript_excerpt: question.to_string(),
                },
            )),
            Route::Abusive => call(call_of(
                ToolName::CreateTicket,
                &CreateTicketInput {
                    email: None,
                    subject: ABUSE_TICKET_SUBJECT.into(),
                    body: "A customer message was flagged as abusive; please review the conversation.".into(),
                    priority: Priority::Normal,
                },
            )),
            Route::OutOfScope => text(
                "I'm the shop's support assistant, so I can only help with our products, orders, shipping, returns and your account. Is there anything about those I can do for you?",
            ),
            Route::SmallTalk => text(small_talk(question)),
        })
    }
}

fn small_talk(question: &str) -> &'static str {
    let q = question.to_lowercase();
    if ["thank", "merci", "danke", "gracias", "cheers"]
        .iter()
        .any(|w| q.contains(w))
    {
        "You're welcome! Is there anything else I can help with?"
    } else if ["bye", "good night", "ciao", "tschüss"]
        .iter()
        .any(|w| q.contains(w))
    {
        "Goodbye, and thanks for shopping with us!"
    } else if q.contains("bot")
        || q.contains(" ai")
        || q.contains("human")
        || q.contains("real person")
    {
        "I'm the shop's automated assistant. I can answer questions and check orders, and I can bring in a person from our team whenever you like."
    } else {
        "Hello! How can I help you today? I can answer questions about products, shipping and returns, or check an order."
    }
}

#[async_trait::async_trait]
impl Brain for OfflineBrain {
    fn provider(&self) -> &str {
        PROVIDER
    }

    fn model(&self) -> &str {
        MODEL
    }

    async fn complete(&self, request: &BrainRequest<'_>) -> Result<BrainReply, BrainError> {
        let history = request.history;
        let last_user = history
            .iter()
            .rposition(|i| matches!(i, ChatItem::User { .. }))
            .ok_or_else(|| BrainError::Malformed("no customer message to answer".into()))?;
        let ChatItem::User { text: question } = &history[last_user] else {
            unreachable!("rposition matched a user item")
        };
        let results: Vec<(&str, &str, bool)> = history[last_user + 1..]
            .iter()
            .filter_map(|i| match i {
                ChatItem::ToolResult {
                    name,
                    content,
                    is_error,
                    ..
                } => Some((name.as_str(), content.as_str(), *is_error)),
                _ => None,
            })
            .collect();
        if let Some((tool, content, is_error)) = results.last() {
            let text = match ToolName::find(tool) {
                Some(ToolName::CreateTicket)
                    if results.len() == 1 && is_abuse_ticket(history, last_user) =>
                {
                    replies::NEUTRAL.to_string()
                }
                Some(tool) => {
                    draft::from_tool(&self.embedder, question, tool, content, *is_error).await
                }
                None => replies::TOOL_FAILED.to_string(),
            };
            return Ok(BrainReply {
                text: Some(text),
                model: MODEL.into(),
                ..Default::default()
            });
        }
        if request.purpose == Purpose::Draft || request.tools.is_empty() {
            return Ok(BrainReply {
                text: Some(replies::NOTHING_FOUND.into()),
                model: MODEL.into(),
                ..Default::default()
            });
        }
        self.plan(&history[..=last_user], question).await
    }
}

/// True when the ticket this turn opened was the offline brain's abuse ticket.
fn is_abuse_ticket(history: &[ChatItem], last_user: usize) -> bool {
    history[last_user + 1..].iter().any(|i| match i {
        ChatItem::Assistant { tool_calls, .. } => tool_calls.iter().any(|c| {
            c.tool() == Some(ToolName::CreateTicket)
                && serde_json::from_str::<CreateTicketInput>(&c.arguments)
                    .is_ok_and(|i| i.subject == ABUSE_TICKET_SUBJECT)
        }),
        _ => false,
    })
}

/// The offline brain's call of `tool` (ids say who made them).
fn call_of(tool: ToolName, input: &impl serde::Serialize) -> ToolCall {
    ToolCall::new(format!("offline-{tool}"), tool, input)
}
