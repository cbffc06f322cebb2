//! The offline brain: routes with the embedding model plus rules, extracts slots, and
//! drafts grounded answers extractively from tool results. No network, no API key.
//! It is the default when no LLM is configured and the last fallback when one fails.

pub mod draft;
pub mod router;
mod units;

pub use router::{Route, Router, Routing};

use super::{Brain, BrainError, BrainReply, BrainRequest, ChatItem, Purpose, ToolCall};
use crate::text::slots::{self, OrderIds};
use crate::text::{cues, replies};
use crate::tool_api::{
    CreateTicketInput, GetOrderInput, HandoffInput, OrderLookup, SearchKbInput, ToolName,
    ToolResult,
};
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

    /// Where the conversation's latest message goes, and what it names.
    async fn decide(&self, history: &[ChatItem], question: &str) -> Result<Decision, BrainError> {
        let mut routing = self
            .router
            .route(question)
            .await
            .map_err(|e| BrainError::Malformed(format!("routing failed: {e}")))?;
        // an answer to "send me your order number and email" continues the order look-up
        let asked_for_order = last_reply(history).map(replies::asks_for_order_details);
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
        // "yes" to "would you like me to pass your question to a member of our team?"
        let offered_person = last_reply(history).is_some_and(replies::offers_a_person);
        if offered_person && cues::is_affirmative(question) {
            routing.route = Route::HumanRequest;
        }
        // slots may have come in earlier messages of the conversation (the memory
        // window): the latest mention wins
        let user_texts: Vec<&str> = history
            .iter()
            .rev()
            .filter_map(|i| match i {
                ChatItem::User { text } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        Ok(Decision {
            route: routing.route,
            guessed: routing.by == "embedding",
            offered_person,
            asked_for_order: asked_for_order == Some(true),
            order_id: user_texts.iter().find_map(|t| self.order_ids.find(t)),
            email: user_texts.iter().find_map(|t| slots::email(t)),
        })
    }

    async fn plan(&self, history: &[ChatItem], question: &str) -> Result<BrainReply, BrainError> {
        let decision = self.decide(history, question).await?;
        let offered_person = decision.offered_person;
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
        let search = || call(call_of(ToolName::SearchKb, &search_input(question)));
        Ok(match decision.route {
            Route::OutOfScope if decision.maybe_out_of_scope() => search(),
            Route::OrderStatus => {
                let Decision {
                    order_id, email, ..
                } = decision;
                call(call_of(
                    ToolName::GetOrder,
                    &GetOrderInput { order_id, email },
                ))
            }
            Route::Returns | Route::ProductQuestion | Route::Faq => search(),
            Route::HumanRequest if offered_person => call(call_of(
                ToolName::HandoffHuman,
                &HandoffInput {
                    reason: "the help centre has no answer; the customer accepted a person".into(),
                    // the question that went unanswered, not the "yes"
                    transcript_excerpt: previous_question(history).unwrap_or(question).to_string(),
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
                    body:
                        "A customer message was flagged as abusive; please review the conversation."
                            .into(),
                    priority: Priority::Normal,
                },
            )),
            Route::OutOfScope => text(replies::OUT_OF_SCOPE),
            Route::SmallTalk => text(small_talk(question)),
        })
    }
}

/// The plan's reading of the latest message.
struct Decision {
    route: Route,
    /// The route is the embedding's guess, not a rule's.
    guessed: bool,
    /// The assistant had offered a person, and this message accepts.
    offered_person: bool,
    /// The assistant had asked for order details.
    asked_for_order: bool,
    /// The latest order id and e-mail named in the conversation.
    order_id: Option<String>,
    email: Option<String>,
}

impl Decision {
    /// About an order, naming none of its details, and not answering a request for them.
    /// Out of scope by the embedding's guess only: the help centre may still answer
    /// ("Will you match a price from an eBay seller?"), so it is asked first.
    fn maybe_out_of_scope(&self) -> bool {
        self.route == Route::OutOfScope && self.guessed
    }

    fn order_question_without_details(&self) -> bool {
        self.route == Route::OrderStatus
            && self.order_id.is_none()
            && self.email.is_none()
            && !self.asked_for_order
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
        if !results.is_empty() {
            let prior = &history[..=last_user];
            // an anonymous order question naming nothing: the help centre may answer
            // it ("how long do I have to cancel?") while the look-up waits for details
            if let [(tool, content, false)] = results.as_slice() {
                let needs_details = ToolName::find(tool) == Some(ToolName::GetOrder)
                    && matches!(
                        ToolResult::parse(ToolName::GetOrder, content),
                        Ok(ToolResult::Order(OrderLookup::Need(_)))
                    );
                let can_search = request.purpose != Purpose::Draft
                    && request
                        .tools
                        .iter()
                        .any(|t| t.name == ToolName::SearchKb.as_str());
                if needs_details
                    && can_search
                    && self
                        .decide(prior, question)
                        .await?
                        .order_question_without_details()
                {
                    return Ok(BrainReply {
                        tool_calls: vec![call_of(ToolName::SearchKb, &search_input(question))],
                        model: MODEL.into(),
                        ..Default::default()
                    });
                }
            }
            let text = self
                .draft(prior, question, &results, history, last_user)
                .await?;
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

/// The assistant's last words before the customer's latest message.
fn last_reply(history: &[ChatItem]) -> Option<&str> {
    history.iter().rev().skip(1).find_map(|i| match i {
        ChatItem::Assistant { text: Some(t), .. } => Some(t.as_str()),
        _ => None,
    })
}

/// The customer's message before the latest one.
fn previous_question(history: &[ChatItem]) -> Option<&str> {
    history.iter().rev().skip(1).find_map(|i| match i {
        ChatItem::User { text } => Some(text.as_str()),
        _ => None,
    })
}

impl OfflineBrain {
    /// The reply from this turn's tool results (`results`: name, content, is_error).
    async fn draft(
        &self,
        prior: &[ChatItem],
        question: &str,
        results: &[(&str, &str, bool)],
        history: &[ChatItem],
        last_user: usize,
    ) -> Result<String, BrainError> {
        let Some((tool, content, is_error)) = results.last() else {
            return Ok(replies::NOTHING_FOUND.into());
        };
        Ok(match ToolName::find(tool) {
            Some(ToolName::CreateTicket)
                if results.len() == 1 && is_abuse_ticket(history, last_user) =>
            {
                replies::NEUTRAL.to_string()
            }
            Some(ToolName::SearchKb) if !is_error => {
                let answer =
                    draft::from_tool(&self.embedder, question, ToolName::SearchKb, content, false)
                        .await;
                let found = answer != replies::NOTHING_FOUND;
                // a look-up that needs details came first: the help centre's answer,
                // then what the look-up needs
                let ask = results.first().and_then(|(t, c, _)| {
                    let t = ToolName::find(t)?;
                    (t == ToolName::GetOrder).then(|| draft::from_tool_result_text(t, c))?
                });
                match ask {
                    Some(ask) if found => format!("{answer} {ask}"),
                    Some(ask) => ask,
                    None if !found && self.decide(prior, question).await?.maybe_out_of_scope() => {
                        replies::OUT_OF_SCOPE.to_string()
                    }
                    None => answer,
                }
            }
            Some(tool) => {
                draft::from_tool(&self.embedder, question, tool, content, *is_error).await
            }
            None => replies::TOOL_FAILED.to_string(),
        })
    }
}

fn search_input(question: &str) -> SearchKbInput {
    SearchKbInput {
        query: question.to_string(),
        top_k: 3,
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
