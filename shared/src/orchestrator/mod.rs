//! The turn service: every edge (the widget route, Slack, email, `agentctl ask`, the
//! eval) runs a customer message through [`Agent::turn`], so each gets the same
//! validation, thread ownership, LLM budget, memory, handoff and live events.
//!
//! A turn is an explicit state machine PLAN → (TOOL_LOOP ≤ 3) → DRAFT → GUARDRAIL →
//! RESPOND (`trace.rs` says which moves are allowed; an invalid one fails the turn):
//!
//! - `admit.rs`: before anything is stored — the message, the thread's owner, the
//!   budget ([`Agent::admit`]; an edge that answers over a stream calls it first, so
//!   its refusals are plain HTTP errors);
//! - `mod.rs` ([`Agent::run_turn`]): the message stored first, silence while a person
//!   owns the thread, the body under the SLA and the degraded answer past it;
//! - `run.rs`: screen, plan, tool loop, draft, guardrail (`answerable.rs`: whether the
//!   cited passages answer the question at all); `ask.rs` calls the Brain
//!   (streamed through `gate.rs`, the sentence gate); `escalate.rs` hands off, opens
//!   tickets and degrades;
//! - `respond.rs`: the reply stored, memory, the session's spend, live events;
//! - `turn.rs` (what the turn gathered), `progress.rs` (events for streaming clients),
//!   `result.rs` ([`TurnResult`]), `build.rs` ([`Agent::from_config`]).
//!
//! Invariants: the customer's message is stored before anything else, so no failure
//! path loses it; the whole turn runs under the SLA (6 s), and past it the customer gets
//! the degraded answer and a ticket; a Brain that calls an unknown tool or sends invalid
//! arguments is told what was wrong once, and the second time the turn hands off.

mod admit;
mod answerable;
mod ask;
mod build;
mod escalate;
mod gate;
mod progress;
mod respond;
mod result;
mod run;
mod trace;
mod turn;

use std::sync::Arc;
use std::time::{Duration, Instant};

use frontdesk_api::Channel;
use sqlx::PgPool;
use uuid::Uuid;

pub use crate::threads::Standing;
pub use admit::{clean_message, Admitted};
pub use answerable::Answerability;
pub use build::{connect_redis, BuildError};
pub use progress::{sentences, Progress, TurnEvent};
pub use result::{Outcome, ToolCallSummary, TurnResult};
pub use trace::{allowed, State, StateError, Transition};

pub use crate::config::MAX_MESSAGE_CHARS;
pub use crate::text::replies::DEGRADED as DEGRADED_REPLY;

use crate::brain::chain::BrainChain;
use crate::brain::ChatItem;
use crate::config::AgentConfig;
use crate::events::Live;
use crate::identity::Identity;
use crate::limits::Budget;
use crate::memory::Memory;
use crate::tools::Toolbox;
use trace::Trace;
use turn::TurnState;

/// One customer message to answer.
#[derive(Debug, Clone)]
pub struct TurnRequest {
    /// `None` starts a new thread.
    pub thread_id: Option<Uuid>,
    pub message: String,
    pub channel: Channel,
    pub identity: Identity,
    /// The caller's session: an existing thread must be its own, and its LLM spend
    /// counts against the session's budget. `None` for trusted callers (the CLI).
    pub session_id: Option<String>,
    /// Answer with the offline brain only.
    pub offline_only: bool,
    /// Where to report progress (streaming clients); `Progress::default()` for none.
    pub progress: Progress,
}

impl TurnRequest {
    /// A request on `channel` with no session, no streaming and every brain allowed.
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
    #[error("the message is empty")]
    EmptyMessage,
    #[error("the message is longer than {max} characters")]
    TooLong { max: usize },
    /// No such thread for this caller (missing, or another session's).
    #[error("no such thread")]
    ThreadNotFound,
    /// The message could not even be stored (or the thread read).
    #[error("could not store the message: {0}")]
    Store(#[from] sqlx::Error),
    /// A bug: the turn attempted a move its state machine forbids.
    #[error(transparent)]
    State(#[from] StateError),
}

/// The limits the turn service enforces for every edge.
#[derive(Debug, Clone)]
pub struct TurnSettings {
    /// Longest customer message (`server.max_message_chars`).
    pub max_message_chars: usize,
}

impl Default for TurnSettings {
    fn default() -> Self {
        Self {
            max_message_chars: MAX_MESSAGE_CHARS,
        }
    }
}

/// The agent: Brain chain, tools, memory, budget and live events.
pub struct Agent {
    pool: PgPool,
    tools: Arc<Toolbox>,
    brains: BrainChain,
    memory: Memory,
    /// Measures whether an answer is supported (`answerable.rs`).
    embedder: frontdesk_embed::Embedder,
    config: AgentConfig,
    settings: TurnSettings,
    /// Per-session LLM spend; `None` where no session pays (benchmarks).
    budget: Option<Budget>,
    live: Live,
}

impl std::fmt::Debug for Agent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Agent")
            .field("brains", &self.brains)
            .finish()
    }
}

impl Agent {
    pub fn tools(&self) -> &Toolbox {
        &self.tools
    }

    pub fn brains(&self) -> &BrainChain {
        &self.brains
    }

    /// The live-event publisher the agent announces through (the Agent API shares it).
    pub fn live(&self) -> &Live {
        &self.live
    }

    /// Drops the thread's short-term memory (a person spoke, or a new episode begins);
    /// the next turn rebuilds it from Postgres.
    pub async fn forget(&self, thread_id: Uuid) {
        self.memory.forget(thread_id).await;
    }

    /// Runs one turn: [`Agent::admit`], then [`Agent::run_turn`]. Errors only when the
    /// request is refused or the message cannot be stored; every later failure
    /// becomes an outcome.
    pub async fn turn(&self, request: TurnRequest) -> Result<TurnResult, TurnError> {
        let admitted = self.admit(request).await?;
        self.run_turn(admitted).await
    }

    /// Stores the admitted message, then answers it under the SLA (or stays silent
    /// while a person owns the thread), then responds.
    pub async fn run_turn(&self, a: Admitted) -> Result<TurnResult, TurnError> {
        let started = Instant::now();
        let (status, user_message_id) = self.store_message(&a).await?;
        let trace = Trace::new(started, a.request.progress.clone());
        let mut turn = TurnState::new(a.thread_id(), user_message_id, trace);
        turn.trace
            .enter(State::Received, format!("thread {status}"))?;
        if status.with_people() {
            turn.trace.enter(
                State::Escalate,
                "a person owns the thread; the bot stays silent",
            )?;
            return self.stay_silent(&a, turn).await;
        }
        let sla = Duration::from_millis(self.config.turn_sla_ms);
        let ran = tokio::time::timeout(sla, run::run(self, &a, started + sla, &mut turn)).await;
        let drafted = match ran {
            Ok(drafted) => drafted?,
            Err(_) => escalate::degrade(self, &a, &mut turn).await?,
        };
        let customer_language = crate::text::language::detect(a.message());
        let drafted = run::in_their_language(customer_language, drafted);
        self.respond(&a, drafted, turn).await
    }

    /// The message goes to the person who owns the thread (the widget shows the
    /// status); the bot's memory still hears it.
    async fn stay_silent(&self, a: &Admitted, turn: TurnState) -> Result<TurnResult, TurnError> {
        let user = ChatItem::User {
            text: a.message().to_string(),
        };
        self.memory.push(a.thread_id(), &[user]).await;
        let standing = crate::threads::standing(&self.pool, a.thread_id()).await?;
        Ok(turn.finish(String::new(), Outcome::Handoff, &standing))
    }
}
