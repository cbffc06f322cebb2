//! What each tool does once its arguments are valid.

use frontdesk_api::Channel;

use super::{ToolContext, Toolbox};
use crate::kb::search::{SearchMode, SearchRequest};
use crate::tickets::NewTicket;
use crate::tool_api::{
    CreateTicketInput, GetOrderInput, HandoffInput, HandoffResult, OrderLookup, Passage,
    SearchKbInput, SearchResult, Slot, TicketResult, ToolInput, ToolResult,
};

pub async fn execute(
    tb: &Toolbox,
    ctx: &ToolContext<'_>,
    input: &ToolInput,
) -> Result<ToolResult, String> {
    match input {
        ToolInput::SearchKb(i) => search_kb(tb, ctx.channel, i).await.map(ToolResult::Search),
        ToolInput::GetOrder(i) => get_order(tb, ctx, i).await.map(ToolResult::Order),
        ToolInput::CreateTicket(i) => create_ticket(tb, ctx, i).await.map(ToolResult::Ticket),
        ToolInput::Handoff(i) => handoff(tb, ctx, i).await.map(ToolResult::Handoff),
    }
}

async fn search_kb(
    tb: &Toolbox,
    channel: Channel,
    i: &SearchKbInput,
) -> Result<SearchResult, String> {
    let hits = tb
        .retriever
        .search(&SearchRequest {
            query: &i.query,
            top_k: i.top_k as usize,
            channel: Some(channel),
            mode: SearchMode::Hybrid,
        })
        .await
        .map_err(|e| e.to_string())?;
    let results = hits
        .into_iter()
        .map(|h| Passage {
            citation: h.citation,
            content: h.content,
            coverage: h.signals.coverage,
            class: Some(h.class),
        })
        .collect();
    Ok(SearchResult { results })
}

/// Identity comes from the session: a verified customer sees the orders of their own
/// e-mail; an anonymous visitor must name both the order and its e-mail, and each
/// miss counts towards the look-up lockout.
async fn get_order(
    tb: &Toolbox,
    ctx: &ToolContext<'_>,
    i: &GetOrderInput,
) -> Result<OrderLookup, String> {
    let order_id = i
        .order_id
        .as_deref()
        .map(|s| s.trim().trim_start_matches('#').to_string())
        .filter(|s| !s.is_empty());
    let verified = ctx.identity.verified_email().map(str::to_string);
    // identity: the verified session's email, else the email the customer typed
    let email = verified
        .clone()
        .or_else(|| i.email.as_deref().map(|e| e.trim().to_lowercase()))
        .filter(|e| !e.is_empty());
    let limiter = |e: redis::RedisError| format!("lookup limiter unavailable: {e}");
    if tb
        .lockout
        .is_locked(ctx.identity, email.as_deref())
        .await
        .map_err(limiter)?
    {
        return Ok(OrderLookup::Locked);
    }
    match (order_id, email) {
        (None, Some(email)) if verified.is_some() => {
            let orders = tb.orders.recent_for_email(&email, 3).await;
            Ok(found(orders.map_err(|e| e.to_string())?))
        }
        (Some(order_id), Some(email)) => {
            let order = tb.orders.find(&order_id).await.map_err(|e| e.to_string())?;
            match order.filter(|o| o.email.trim().eq_ignore_ascii_case(&email)) {
                Some(order) => Ok(found(vec![order])),
                None => {
                    if verified.is_none() {
                        tb.lockout
                            .record_failure(ctx.identity, Some(&email))
                            .await
                            .map_err(limiter)?;
                    }
                    Ok(OrderLookup::NotFound)
                }
            }
        }
        (order_id, email) => {
            let mut need = Vec::new();
            if order_id.is_none() {
                need.push(Slot::OrderId);
            }
            if email.is_none() {
                need.push(Slot::Email);
            }
            Ok(OrderLookup::Need(need))
        }
    }
}

fn found(orders: Vec<crate::orders::Order>) -> OrderLookup {
    if orders.is_empty() {
        OrderLookup::NotFound
    } else {
        OrderLookup::Found(orders)
    }
}

async fn create_ticket(
    tb: &Toolbox,
    ctx: &ToolContext<'_>,
    i: &CreateTicketInput,
) -> Result<TicketResult, String> {
    let email = ctx
        .identity
        .verified_email()
        .map(str::to_string)
        .or_else(|| i.email.clone());
    let ticket = tb
        .tickets
        .create(&NewTicket {
            thread_id: Some(ctx.thread_id),
            reason: "customer_request".into(),
            email,
            subject: i.subject.clone(),
            body: i.body.clone(),
            priority: i.priority,
        })
        .await
        .map_err(|e| e.to_string())?;
    Ok(TicketResult {
        ticket_number: ticket.number,
        created: ticket.created,
        status: ticket.status,
    })
}

async fn handoff(
    tb: &Toolbox,
    ctx: &ToolContext<'_>,
    i: &HandoffInput,
) -> Result<HandoffResult, String> {
    let h = tb
        .hand_off(
            ctx.thread_id,
            &i.reason,
            &i.transcript_excerpt,
            crate::handoff::Actor::Bot,
            ctx.identity.verified_email(),
        )
        .await?;
    Ok(HandoffResult {
        queued: true,
        status: h.status,
        after_hours: h.after_hours,
        message: h.message,
        position: h.queued_now.then_some(h.position).flatten(),
        already_waiting: !h.queued_now,
        ticket_number: h.ticket_number,
    })
}
