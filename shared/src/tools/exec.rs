//! What each tool does once its arguments are valid.

use serde_json::{json, Value};

use super::input::{self, CreateTicketInput, GetOrderInput, HandoffInput, SearchKbInput};
use super::{ToolContext, Toolbox, CREATE_TICKET, GET_ORDER, HANDOFF_HUMAN, SEARCH_KB};
use crate::kb::search::{SearchMode, SearchRequest};
use crate::orders::Order;
use crate::tickets::NewTicket;

/// Validated arguments of one of the four tools.
#[derive(Debug, Clone)]
pub enum Parsed {
    SearchKb(SearchKbInput),
    GetOrder(GetOrderInput),
    CreateTicket(CreateTicketInput),
    Handoff(HandoffInput),
}

impl Parsed {
    pub fn parse(tool: &str, arguments: &str) -> Result<Self, String> {
        match tool {
            SEARCH_KB => {
                let i: SearchKbInput = input::parse(tool, arguments)?;
                input::check_search(&i)?;
                Ok(Self::SearchKb(i))
            }
            GET_ORDER => Ok(Self::GetOrder(input::parse(tool, arguments)?)),
            CREATE_TICKET => {
                let i: CreateTicketInput = input::parse(tool, arguments)?;
                input::check_ticket(&i)?;
                Ok(Self::CreateTicket(i))
            }
            HANDOFF_HUMAN => {
                let i: HandoffInput = input::parse(tool, arguments)?;
                input::check_handoff(&i)?;
                Ok(Self::Handoff(i))
            }
            other => Err(format!("there is no tool named `{other}`")),
        }
    }
}

/// The same words for "no such order" and "not yours": nothing to learn from the difference.
pub const ORDER_NOT_FOUND: &str = "No order matches that order number and email address.";

pub async fn execute(
    tb: &Toolbox,
    ctx: &ToolContext<'_>,
    parsed: &Parsed,
) -> Result<Value, String> {
    match parsed {
        Parsed::SearchKb(i) => search_kb(tb, ctx, i).await,
        Parsed::GetOrder(i) => get_order(tb, ctx, i).await,
        Parsed::CreateTicket(i) => create_ticket(tb, ctx, i).await,
        Parsed::Handoff(i) => handoff(tb, ctx, i).await,
    }
}

async fn search_kb(
    tb: &Toolbox,
    ctx: &ToolContext<'_>,
    i: &SearchKbInput,
) -> Result<Value, String> {
    let hits = tb
        .retriever
        .search(&SearchRequest {
            query: &i.query,
            top_k: i.top_k as usize,
            channel: Some(ctx.channel),
            mode: SearchMode::Hybrid,
        })
        .await
        .map_err(|e| e.to_string())?;
    let results: Vec<Value> = hits
        .into_iter()
        .map(|h| {
            let mut v = serde_json::to_value(&h.citation).unwrap_or_default();
            v["content"] = json!(h.content);
            v
        })
        .collect();
    Ok(json!({ "results": results }))
}

async fn get_order(
    tb: &Toolbox,
    ctx: &ToolContext<'_>,
    i: &GetOrderInput,
) -> Result<Value, String> {
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
    let locked = tb
        .lockout
        .is_locked(ctx.identity, email.as_deref())
        .await
        .map_err(|e| format!("lookup limiter unavailable: {e}"))?;
    if locked {
        return Ok(json!({
            "found": false,
            "locked": true,
            "message": "Too many unsuccessful order look-ups. Please try again later or ask for a person."
        }));
    }
    match (order_id, email) {
        (None, Some(email)) if verified.is_some() => {
            let orders = tb
                .orders
                .recent_for_email(&email, 3)
                .await
                .map_err(|e| e.to_string())?;
            Ok(found(orders))
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
                            .map_err(|e| format!("lookup limiter unavailable: {e}"))?;
                    }
                    Ok(json!({ "found": false, "message": ORDER_NOT_FOUND }))
                }
            }
        }
        (order_id, email) => {
            let mut need = Vec::new();
            if order_id.is_none() {
                need.push("order_id");
            }
            if email.is_none() {
                need.push("email");
            }
            Ok(json!({
                "found": false,
                "need": need,
                "message": "To look up an order I need the order number and the email address it was placed with."
            }))
        }
    }
}

fn found(orders: Vec<Order>) -> Value {
    if orders.is_empty() {
        return json!({ "found": false, "message": ORDER_NOT_FOUND });
    }
    json!({ "found": true, "orders": orders })
}

async fn create_ticket(
    tb: &Toolbox,
    ctx: &ToolContext<'_>,
    i: &CreateTicketInput,
) -> Result<Value, String> {
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
    Ok(json!({
        "ticket_number": ticket.number,
        "created": ticket.created,
        "status": ticket.status,
    }))
}

async fn handoff(tb: &Toolbox, ctx: &ToolContext<'_>, i: &HandoffInput) -> Result<Value, String> {
    let h = tb
        .hand_off(
            ctx.thread_id,
            &i.reason,
            &i.transcript_excerpt,
            crate::handoff::Actor::Bot,
            ctx.identity.verified_email(),
        )
        .await?;
    let mut value = json!({
        "queued": true,
        "status": h.status,
        "after_hours": h.after_hours,
        "message": h.message,
    });
    if h.queued_now {
        value["position"] = json!(h.position);
    } else {
        value["already_waiting"] = json!(true);
    }
    if let Some(n) = h.ticket_number {
        value["ticket_number"] = json!(n);
    }
    Ok(value)
}
