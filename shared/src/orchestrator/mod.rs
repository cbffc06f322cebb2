//! The turn: an explicit state machine PLAN → (TOOL_LOOP ≤ 3) → DRAFT → GUARDRAIL →
//! RESPOND, every transition recorded.
//!
//! Invariants: the customer's message is stored before anything else, so no failure
//! path loses it; the whole turn runs under the SLA (6 s), and past it the customer gets
//! the degraded answer and a ticket; a Brain that calls an unknown tool or sends invalid
//! arguments is told what was wrong once, and the second time the turn hands off.

mod build;
mod gate;
mod progress;
mod result;
mod run;
mod trace;

use std::sync::Arc;
use std::time::{Duration, Instant};

use frontdesk_api::{Channel, ThreadStatus};
use sqlx::PgPool;
use uuid::Uuid;

pub use build::{connect_redis, BuildError};
pub use progress::{sentences, Progress, TurnEvent};
pub use result::{Outcome, ToolCallSummary, TurnResult};
pub use trace::{State, Transition};

use crate::brain::chain::BrainChain;
use crate::config::AgentConfig;
use crate::identity::Identity;
use crate::memory::Memory;
use crate::tickets::{NewTicket, Priority};
use crate::tools::Toolbox;
use trace::Trace;

pub use crate::config::MAX_MESSAGE_CHARS;

/// The reply when the turn misses its SLA.
pub const DEGRADED_REPLY: &str = "Thanks for your patience — this is taking longer than it should. We're checking further and will follow up by email.";

/// One customer message to answer.
#[derive(Debug, Clone)]
pub struct TurnRequest {
    /// `None` starts a new thread.
    pub thread_id: Option<Uuid>,
    pub message: String,
    pub channel: Channel,
    pub identity: Identity,
    pub session_id: Option<String>,
    /// Answer with the offline brain only (the session's LLM budget is spent).
    pub offline_only: bool,
    /// Where to report progress (streaming clients); `Progress::default()` for none.
    pub progress: Progress,
}

impl TurnRequest {
    /// A request on `channel` with no streaming and every brain allowed.
    pub fn new(
        thread_id: Option<Uuid>,
        message: impl Into<String>,
        channel: Channel,
        identity: Identity,
    ) -> Self {
        Self {
            thread_id,
            message: message.into(),
            channel,
            identity,
            session_id: None,
            offline_only: false,
            progress: Progress::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TurnError {
    /// The request itself is wrong (empty or too long message, unknown channel).
    #[error("{0}")]
    Invalid(String),
    /// The message could not even be stored.
    #[error("could not store the message: {0}")]
    Store(#[from] sqlx::Error),
}

/// The agent: Brain chain, tools, memory and limits.
pub struct Agent {
    pool: PgPool,
    tools: Arc<Toolbox>,
    brains: BrainChain,
    memory: Memory,
    config: AgentConfig,
}

impl std::fmt::Debug for Agent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Agent")
            .field("brains", &self.brains)
            .finish()
    }
}

impl Agent {
    pub fn new(
        pool: PgPool,
        tools: Arc<Toolbox>,
        brains: BrainChain,
        memory: Memory,
        config: AgentConfig,
    ) -> Self {
        Self {
            pool,
            tools,
            brains,
            memory,
            config,
        }
    }

    pub fn tools(&self) -> &Toolbox {
        &self.tools
    }

    pub fn brains(&self) -> &BrainChain {
        &self.brains
    }

    /// Drops the thread's short-term memory (a person spoke, or a new episode begins);
    /// the next turn rebuilds it from Postgres.
    pub async fn forget(&self, thread_id: Uuid) {
        self.memory.forget(thread_id).await;
    }

    /// Runs one turn. Errors only when the message is invalid or cannot be stored;
    /// every later failure becomes an outcome.
    pub async fn turn(&self, request: TurnRequest) -> Result<TurnResult, TurnError> {
        let started = Instant::now();
        // Postgres text cannot hold NUL; other channels may still deliver one
        let message = request.message.replace('\0', "").trim().to_string();
        if message.is_empty() {
            return Err(TurnError::Invalid("the message is empty".into()));
        }
        if message.chars().count() > MAX_MESSAGE_CHARS {
            return Err(TurnError::Invalid(format!(
                "the message is longer than {MAX_MESSAGE_CHARS} characters"
            )));
        }
        let thread_id = request.thread_id.unwrap_or_else(Uuid::now_v7);
        let mut thread = crate::threads::ensure(
            &self.pool,
            thread_id,
            request.channel,
            request.session_id.as_deref(),
            request.identity.verified_email(),
        )
        .await?;
        // a resolved conversation the customer writes to again is a new bot episode
        if thread.status == ThreadStatus::Resolved {
            match crate::handoff::ownership::reopen(&self.pool, thread_id).await {
                Ok(owner) => {
                    thread.status = owner.status;
                    self.memory.forget(thread_id).await;
                }
                Err(crate::handoff::OwnershipError::Db(e)) => return Err(TurnError::Store(e)),
                Err(error) => tracing::warn!(%error, "could not reopen the conversation"),
            }
        }
        // stored first: whatever happens next, the message is on record
        let user_message_id =
            crate::threads::append(&self.pool, thread_id, "user", &message, None, None).await?;
        request.progress.send(TurnEvent::Stored {
            thread_id,
            user_message_id,
        });
        let mut trace = Trace::new(started, request.progress.clone());
        trace.enter(State::Received, format!("thread {}", thread.status));
        let mut turn = run::TurnState::new(thread_id, user_message_id, trace);

        if thread.status.with_people() {
            turn.trace.enter(
                State::Escalate,
                "a person owns the thread; the bot stays silent",
            );
            self.memory
                .push(thread_id, &[crate::brain::ChatItem::User { text: message }])
                .await;
            // silent: the message goes to the person (the widget shows the status)
            return Ok(turn.finish(String::new(), Outcome::Handoff, thread.status, None));
        }

        let sla = Duration::from_millis(self.config.turn_sla_ms);
        let deadline = started + sla;
        let ran =
            tokio::time::timeout(sla, run::run(self, &request, &message, deadline, &mut turn))
                .await;
        let (answer, outcome) = match ran {
            Ok(done) => done,
            Err(_) => self.degrade(&request, &message, &mut turn).await,
        };
        self.respond(&message, answer, outcome, turn).await
    }

    async fn degrade(
        &self,
        request: &TurnRequest,
        message: &str,
        turn: &mut run::TurnState,
    ) -> (String, Outcome) {
        turn.trace.enter(
            State::Degraded,
            format!("turn SLA of {} ms missed", self.config.turn_sla_ms),
        );
        let ticket = NewTicket {
            thread_id: Some(turn.thread_id),
            reason: "sla_degraded".into(),
            email: request.identity.verified_email().map(str::to_string),
            subject: "Follow up: the assistant could not answer in time".into(),
            body: frontdesk_redact::pii::mask(message).into_owned(),
            priority: Priority::High,
        };
        match tokio::time::timeout(Duration::from_secs(2), self.tools.open_ticket(&ticket)).await {
            Ok(Ok(t)) => turn.ticket_number = Some(t.number),
            Ok(Err(error)) => tracing::error!(%error, "could not open the degraded-turn ticket"),
            Err(_) => tracing::error!("opening the degraded-turn ticket timed out"),
        }
        (DEGRADED_REPLY.into(), Outcome::Ticket)
    }

    async fn respond(
        &self,
        message: &str,
        answer: String,
        outcome: Outcome,
        mut turn: run::TurnState,
    ) -> Result<TurnResult, TurnError> {
        turn.trace.enter(State::Respond, outcome_name(outcome));
        let status = crate::threads::get(&self.pool, turn.thread_id)
            .await?
            .map(|t| t.status)
            .unwrap_or(ThreadStatus::Bot);
        let mut result = turn.finish(answer, outcome, status, None);
        let payload = serde_json::json!({
            "outcome": result.outcome,
            "citations": result.citations,
            "ticket_number": result.ticket_number,
            "trace": result.trace,
            "tool_calls": result.tool_calls,
            "guardrail_trips": result.guardrail_trips,
        });
        let id = crate::threads::append(
            &self.pool,
            result.thread_id,
            "assistant",
            &result.answer,
            None,
            Some(&payload),
        )
        .await?;
        result.message_id = Some(id);
        self.memory
            .push(
                result.thread_id,
                &[
                    crate::brain::ChatItem::User {
                        text: message.to_string(),
                    },
                    crate::brain::ChatItem::Assistant {
                        text: Some(result.answer.clone()),
                        tool_calls: Vec::new(),
                    },
                ],
            )
            .await;
        Ok(result)
    }
}

pub(crate) fn outcome_name(o: Outcome) -> &'static str {
    match o {
        Outcome::Answered => "answered",
        Outcome::Ticket => "ticket",
        Outcome::Handoff => "handoff",
        Outcome::Blocked => "blocked",
    }
}
