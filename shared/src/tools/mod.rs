//! The Hands: deterministic tools with strict JSON schemas.
//!
//! `Toolbox::run` validates the Brain's arguments against the tool's input type, runs
//! the tool with a timeout, retries failures (200 ms, 400 ms), opens the tool's circuit
//! breaker when they persist, and records every call in `tool_calls` with PII masked.
//! It never returns an error: every failure is an outcome the orchestrator acts on.

mod breaker;
mod exec;
mod handoff;
pub mod input;
mod lockout;
mod record;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use frontdesk_api::Channel;
use schemars::JsonSchema;
use serde::Serialize;
use sqlx::PgPool;
use uuid::Uuid;

pub use breaker::{BreakerState, Breakers};
pub use exec::ORDER_NOT_FOUND;
pub use handoff::HandoffOutcome;
pub use lockout::Lockout;

use crate::brain::{ToolCall, ToolSpec};
use crate::config::{AgentConfig, HandoffConfig};
use crate::identity::Identity;
use crate::kb::search::Retriever;
use crate::orders::OrderBackend;
use crate::tickets::TicketBackend;

pub const SEARCH_KB: &str = "search_kb";
pub const GET_ORDER: &str = "get_order";
pub const CREATE_TICKET: &str = "create_ticket";
pub const HANDOFF_HUMAN: &str = "handoff_human";
pub const ALL: [&str; 4] = [SEARCH_KB, GET_ORDER, CREATE_TICKET, HANDOFF_HUMAN];

/// Who the tools act for.
#[derive(Debug, Clone)]
pub struct ToolContext<'a> {
    pub thread_id: Uuid,
    pub channel: Channel,
    pub identity: &'a Identity,
}

/// How a tool call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolOutcome {
    Ok,
    /// No such tool.
    Unknown,
    /// The arguments did not match the schema.
    Invalid,
    /// The tool failed after its retries.
    Error,
    Timeout,
    /// The tool's circuit breaker is open.
    CircuitOpen,
    /// The tool is switched off (e.g. `search_kb` with an empty or stale index).
    Disabled,
}

impl ToolOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Unknown => "unknown_tool",
            Self::Invalid => "invalid_arguments",
            Self::Error => "error",
            Self::Timeout => "timeout",
            Self::CircuitOpen => "circuit_open",
            Self::Disabled => "disabled",
        }
    }
}

/// One executed (or refused) tool call.
#[derive(Debug, Clone, Serialize)]
pub struct ToolRun {
    pub call_id: String,
    pub tool: String,
    pub outcome: ToolOutcome,
    /// The result as JSON (for `Ok`), or `{"error": "..."}`.
    pub result: serde_json::Value,
    pub latency_ms: u64,
    pub attempts: u32,
}

impl ToolRun {
    /// The text handed back to the Brain.
    pub fn content(&self) -> String {
        self.result.to_string()
    }
}

/// The tool set with its dependencies. Cheap to share behind an `Arc`.
pub struct Toolbox {
    pool: PgPool,
    retriever: Retriever,
    orders: Arc<dyn OrderBackend>,
    tickets: Arc<dyn TicketBackend>,
    lockout: Lockout,
    breakers: Breakers,
    config: AgentConfig,
    handoff: HandoffConfig,
    stale_after_days: u64,
    kb_health: Mutex<Option<(Instant, Option<String>)>>,
}

impl std::fmt::Debug for Toolbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Toolbox")
            .field("orders", &self.orders.name())
            .field("tickets", &self.tickets.name())
            .finish()
    }
}

/// How long a knowledge-base health check is reused.
const KB_HEALTH_TTL: Duration = Duration::from_secs(30);

/// The parts of the configuration the tools follow.
#[derive(Debug, Clone, Default)]
pub struct ToolSettings {
    /// Timeouts, retries, breaker, look-up lockout.
    pub agent: AgentConfig,
    /// Queues and business hours of `handoff_human`.
    pub handoff: HandoffConfig,
    /// `retrieval.stale_after_days`: `search_kb` is off on an older index.
    pub stale_after_days: u64,
}

impl Toolbox {
    pub fn new(
        pool: PgPool,
        retriever: Retriever,
        orders: Arc<dyn OrderBackend>,
        tickets: Arc<dyn TicketBackend>,
        lockout: Lockout,
        settings: ToolSettings,
    ) -> Self {
        Self {
            pool,
            retriever,
            orders,
            tickets,
            lockout,
            breakers: Breakers::default(),
            config: settings.agent,
            handoff: settings.handoff,
            stale_after_days: settings.stale_after_days,
            kb_health: Mutex::new(None),
        }
    }

    /// Opens a ticket on the orchestrator's own account (abuse, missed SLA), outside the
    /// Brain's tool calls; idempotent per thread and reason like every ticket.
    /// The handoff configuration (queues, business hours).
    pub fn handoff_config(&self) -> &HandoffConfig {
        &self.handoff
    }

    pub async fn open_ticket(
        &self,
        ticket: &crate::tickets::NewTicket,
    ) -> Result<crate::tickets::Ticket, crate::tickets::TicketError> {
        self.tickets.create(ticket).await
    }

    pub fn breakers(&self) -> &Breakers {
        &self.breakers
    }

    /// Why `search_kb` is disabled right now (empty or stale index), if it is.
    pub async fn kb_unavailable(&self) -> Option<String> {
        if let Some((at, reason)) = self.kb_health.lock().expect("kb health lock").clone() {
            if at.elapsed() < KB_HEALTH_TTL {
                return reason;
            }
        }
        let model = self.retriever.model_name();
        let reason =
            match crate::kb::status::status(&self.pool, &model, self.stale_after_days).await {
                Ok(status) => status.stale_reason,
                Err(e) => Some(format!("knowledge base status unavailable: {e}")),
            };
        *self.kb_health.lock().expect("kb health lock") = Some((Instant::now(), reason.clone()));
        reason
    }

    /// The specs offered to the Brain; `search_kb` only while the index is usable.
    pub async fn specs(&self) -> Vec<ToolSpec> {
        let kb_ok = self.kb_unavailable().await.is_none();
        all_specs()
            .into_iter()
            .filter(|s| kb_ok || s.name != SEARCH_KB)
            .collect()
    }

    /// Validates and runs one call; records it; never fails.
    pub async fn run(&self, ctx: &ToolContext<'_>, call: &ToolCall) -> ToolRun {
        let started = Instant::now();
        let (outcome, result, attempts) = self.dispatch(ctx, call).await;
        let run = ToolRun {
            call_id: call.id.clone(),
            tool: call.name.clone(),
            outcome,
            result,
            latency_ms: started.elapsed().as_millis() as u64,
            attempts,
        };
        let tool = ALL
            .into_iter()
            .find(|n| *n == call.name)
            .unwrap_or("unknown");
        metrics::counter!("frontdesk_tool_calls_total", "tool" => tool, "outcome" => outcome.as_str())
            .increment(1);
        metrics::histogram!("frontdesk_tool_duration_seconds", "tool" => tool)
            .record(run.latency_ms as f64 / 1000.0);
        if let Err(error) = record::tool_call(&self.pool, ctx.thread_id, call, &run).await {
            tracing::warn!(%error, tool = %call.name, "could not record tool call");
        }
        run
    }

    async fn dispatch(
        &self,
        ctx: &ToolContext<'_>,
        call: &ToolCall,
    ) -> (ToolOutcome, serde_json::Value, u32) {
        let Some(name) = ALL.into_iter().find(|n| *n == call.name) else {
            let message = format!(
                "there is no tool named `{}`; the tools are: {}",
                call.name,
                ALL.join(", ")
            );
            return (ToolOutcome::Unknown, error_json(&message), 0);
        };
        let parsed = match exec::Parsed::parse(name, &call.arguments) {
            Ok(p) => p,
            Err(message) => return (ToolOutcome::Invalid, error_json(&message), 0),
        };
        if name == SEARCH_KB {
            if let Some(reason) = self.kb_unavailable().await {
                return (
                    ToolOutcome::Disabled,
                    error_json(&format!("search_kb is disabled: {reason}")),
                    0,
                );
            }
        }
        if self.breakers.is_open(name) {
            return (
                ToolOutcome::CircuitOpen,
                error_json(&format!("{name} is temporarily unavailable")),
                0,
            );
        }
        let timeout = Duration::from_millis(self.config.tool_timeout_ms);
        let backoff = [Duration::from_millis(200), Duration::from_millis(400)];
        let mut attempts = 0;
        let last = loop {
            attempts += 1;
            let failure =
                match tokio::time::timeout(timeout, exec::execute(self, ctx, &parsed)).await {
                    Ok(Ok(value)) => return (ToolOutcome::Ok, value, attempts),
                    Ok(Err(message)) => (ToolOutcome::Error, error_json(&message)),
                    Err(_) => (
                        ToolOutcome::Timeout,
                        error_json(&format!("{name} did not answer within {timeout:?}")),
                    ),
                };
            match backoff.get(attempts as usize - 1) {
                Some(wait) => tokio::time::sleep(*wait).await,
                None => break failure,
            }
        };
        tracing::warn!(
            tool = name,
            attempts,
            "tool failed after retries; opening its circuit breaker"
        );
        self.breakers
            .trip(name, Duration::from_secs(self.config.breaker_open_secs));
        (last.0, last.1, attempts)
    }
}

/// Every tool's spec, whether offered right now or not.
pub fn all_specs() -> Vec<ToolSpec> {
    vec![
        spec::<input::SearchKbInput>(
            SEARCH_KB,
            "Search the shop's help centre and product pages. Returns passages with title and URL to cite.",
        ),
        spec::<input::GetOrderInput>(
            GET_ORDER,
            "Look up an order's status, items and tracking. Anonymous customers must give both the order number and the order's email.",
        ),
        spec::<input::CreateTicketInput>(
            CREATE_TICKET,
            "Open a support ticket so the team follows up by email.",
        ),
        spec::<input::HandoffInput>(HANDOFF_HUMAN, "Hand the conversation to a human support agent."),
    ]
}

fn spec<T: JsonSchema>(name: &str, description: &str) -> ToolSpec {
    let mut parameters = serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default();
    if let Some(obj) = parameters.as_object_mut() {
        obj.remove("$schema");
        obj.remove("title");
    }
    ToolSpec {
        name: name.to_string(),
        description: description.to_string(),
        parameters,
    }
}

fn error_json(message: &str) -> serde_json::Value {
    serde_json::json!({ "error": message })
}
