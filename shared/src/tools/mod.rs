//! The Hands: deterministic tools with strict JSON schemas.
//!
//! `Toolbox::run` validates the Brain's arguments against the tool's input type, runs
//! the tool with a timeout, retries failures (200 ms, 400 ms), opens the tool's circuit
//! breaker when they persist, and records every call in `tool_calls` with PII masked.
//! It never returns an error: every failure is an outcome the orchestrator acts on.

mod breaker;
mod exec;
mod handoff;
mod lockout;
mod record;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use frontdesk_api::{Backoff, Channel};
use serde::Serialize;
use sqlx::PgPool;
use uuid::Uuid;

pub use crate::text::replies::ORDER_NOT_FOUND;
pub use crate::tool_api::all_specs;
pub use breaker::{BreakerState, Breakers};
pub use handoff::HandoffOutcome;
pub use lockout::Lockout;

use crate::config::{AgentConfig, HandoffConfig};
use crate::identity::Identity;
use crate::kb::search::Retriever;
use crate::orders::OrderBackend;
use crate::tickets::TicketBackend;
use crate::tool_api::{ToolCall, ToolInput, ToolName, ToolResult, ToolSpec};

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
#[derive(Debug, Clone)]
pub struct ToolRun {
    pub call_id: String,
    /// The name as the Brain wrote it.
    pub tool: String,
    pub outcome: ToolOutcome,
    /// The result (for `Ok`), or [`ToolResult::Error`] saying what went wrong.
    pub result: ToolResult,
    pub latency_ms: u64,
    pub attempts: u32,
}

impl ToolRun {
    /// The text handed back to the Brain.
    pub fn content(&self) -> String {
        self.result.content()
    }

    /// The tool, when the Brain named one that exists.
    pub fn name(&self) -> Option<ToolName> {
        ToolName::find(&self.tool)
    }

    pub fn succeeded(&self) -> bool {
        self.outcome == ToolOutcome::Ok
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
        ToolName::ALL
            .into_iter()
            .filter(|t| kb_ok || *t != ToolName::SearchKb)
            .map(ToolName::spec)
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
        let tool = call.tool().map_or("unknown", ToolName::as_str);
        metrics::counter!("frontdesk_tool_calls_total", "tool" => tool, "outcome" => outcome.as_str())
            .increment(1);
        metrics::histogram!("frontdesk_tool_duration_seconds", "tool" => tool)
            .record(run.latency_ms as f64 / 1000.0);
        if let Err(error) = record::tool_call(&self.pool, ctx.thread_id, call, &run).await {
            tracing::warn!(%error, tool = %call.name, "could not record tool call");
        }
        run
    }

    /// Checks the call, then runs it with the timeout, the retries and the breaker.
    async fn dispatch(
        &self,
        ctx: &ToolContext<'_>,
        call: &ToolCall,
    ) -> (ToolOutcome, ToolResult, u32) {
        let Some(tool) = call.tool() else {
            let names: Vec<&str> = ToolName::ALL.iter().map(|t| t.as_str()).collect();
            let message = format!(
                "there is no tool named `{}`; the tools are: {}",
                call.name,
                names.join(", ")
            );
            return (ToolOutcome::Unknown, ToolResult::Error(message), 0);
        };
        let input = match ToolInput::parse(tool, &call.arguments) {
            Ok(input) => input,
            Err(message) => return (ToolOutcome::Invalid, ToolResult::Error(message), 0),
        };
        if tool == ToolName::SearchKb {
            if let Some(reason) = self.kb_unavailable().await {
                let message = format!("search_kb is disabled: {reason}");
                return (ToolOutcome::Disabled, ToolResult::Error(message), 0);
            }
        }
        if self.breakers.is_open(tool.as_str()) {
            let message = format!("{tool} is temporarily unavailable");
            return (ToolOutcome::CircuitOpen, ToolResult::Error(message), 0);
        }
        self.with_retries(ctx, tool, &input).await
    }

    /// Runs the tool under its timeout, retrying failures with backoff; opens the
    /// tool's breaker when they persist.
    async fn with_retries(
        &self,
        ctx: &ToolContext<'_>,
        tool: ToolName,
        input: &ToolInput,
    ) -> (ToolOutcome, ToolResult, u32) {
        let timeout = Duration::from_millis(self.config.tool_timeout_ms);
        let mut attempts = 0;
        let last = loop {
            attempts += 1;
            let failure = match tokio::time::timeout(timeout, exec::execute(self, ctx, input)).await
            {
                Ok(Ok(result)) => return (ToolOutcome::Ok, result, attempts),
                Ok(Err(message)) => (ToolOutcome::Error, ToolResult::Error(message)),
                Err(_) => (
                    ToolOutcome::Timeout,
                    ToolResult::Error(format!("{tool} did not answer within {timeout:?}")),
                ),
            };
            if attempts > TOOL_RETRIES {
                break failure;
            }
            tokio::time::sleep(TOOL_BACKOFF.delay(attempts)).await;
        };
        tracing::warn!(
            tool = tool.as_str(),
            attempts,
            "tool failed after retries; opening its circuit breaker"
        );
        self.breakers.trip(
            tool.as_str(),
            Duration::from_secs(self.config.breaker_open_secs),
        );
        (last.0, last.1, attempts)
    }
}

/// Retries after a failed tool call, 200 ms then 400 ms apart.
const TOOL_RETRIES: u32 = 2;
const TOOL_BACKOFF: Backoff = Backoff::new(Duration::from_millis(200), Duration::from_millis(400));
