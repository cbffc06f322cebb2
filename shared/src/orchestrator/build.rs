//! Assembles an [`Agent`] from the configuration: back ends, tools, the Brain chain
//! (primary → fallback → offline), memory, the LLM budget and live events.

use std::sync::Arc;

use redis::aio::ConnectionManager;
use sqlx::PgPool;

use super::{Agent, TurnSettings};
use crate::brain::chain::BrainChain;
use crate::brain::offline::OfflineBrain;
use crate::brain::{endpoint_brain, Brain};
use crate::config::{Config, RedisConfig};
use crate::events::{EventSink, Live};
use crate::kb::search::Retriever;
use crate::limits::Budget;
use crate::memory::Memory;
use crate::text::slots::OrderIds;
use crate::tools::{Lockout, ToolSettings, Toolbox};
use frontdesk_embed::Embedder;

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("redis: {0}")]
    Redis(#[from] redis::RedisError),
    #[error("llm.{slot}: {message}")]
    Llm { slot: &'static str, message: String },
    #[error(transparent)]
    Orders(#[from] crate::orders::OrderError),
    #[error(transparent)]
    Tickets(#[from] crate::tickets::TicketError),
    #[error("loading the offline brain: {0}")]
    Offline(#[from] frontdesk_embed::EmbedError),
}

/// A Redis connection that reconnects by itself.
pub async fn connect_redis(config: &RedisConfig) -> Result<ConnectionManager, redis::RedisError> {
    let client = redis::Client::open(config.url.expose())?;
    ConnectionManager::new(client).await
}

impl Agent {
    /// The agent `config` describes; live events go to `events` (the event bus in
    /// agentd and `agentctl ask`, [`crate::events::NoEvents`] where nobody listens).
    pub async fn from_config(
        config: &Config,
        pool: PgPool,
        embedder: Embedder,
        redis: ConnectionManager,
        events: Arc<dyn EventSink>,
    ) -> Result<Self, BuildError> {
        let orders = crate::orders::order_backend(&config.orders, pool.clone())?;
        let tickets = crate::tickets::ticket_backend(&config.tickets, pool.clone())?;
        let prefix = &config.redis.key_prefix;
        let lockout = Lockout::new(
            redis.clone(),
            prefix,
            config.agent.lookup_max_failures,
            config.agent.lookup_window_secs,
        );
        let retriever = Retriever::new(pool.clone(), embedder.clone(), config.retrieval.clone());
        let tools = Toolbox::new(
            pool.clone(),
            retriever,
            orders,
            tickets,
            lockout,
            ToolSettings {
                agent: config.agent.clone(),
                handoff: config.handoff.clone(),
                stale_after_days: config.retrieval.stale_after_days,
            },
        );
        let brains = brain_chain(config, pool.clone(), embedder.clone()).await?;
        let memory = Memory::new(
            redis.clone(),
            prefix,
            config.agent.memory_turns,
            config.agent.memory_ttl_secs,
        );
        let budget = Budget::new(
            redis,
            prefix,
            config.limits.session_max_tokens,
            config.limits.session_max_cost_usd,
        );
        let display_names = config
            .auth
            .admin_tokens
            .iter()
            .filter_map(|(name, t)| Some((name.clone(), t.display_name.clone()?)))
            .collect();
        Ok(Agent {
            pool,
            tools: Arc::new(tools),
            brains,
            memory,
            embedder,
            config: config.agent.clone(),
            settings: TurnSettings {
                max_message_chars: config.server.max_message_chars,
            },
            budget: Some(budget),
            live: Live::new(events, display_names),
        })
    }
}

/// Primary → fallback → offline, as configured.
async fn brain_chain(
    config: &Config,
    pool: PgPool,
    embedder: Embedder,
) -> Result<BrainChain, BuildError> {
    let mut brains: Vec<Arc<dyn Brain>> = Vec::new();
    for (slot, endpoint) in [
        ("primary", &config.llm.primary),
        ("fallback", &config.llm.fallback),
    ] {
        let brain = endpoint_brain(endpoint).map_err(|e| BuildError::Llm {
            slot,
            message: e.to_string(),
        })?;
        brains.extend(brain);
    }
    // the pattern was checked when the configuration was validated
    let order_ids = OrderIds::new(Some(&config.orders.id_pattern)).unwrap_or_default();
    brains.push(Arc::new(OfflineBrain::new(embedder, order_ids).await?));
    Ok(BrainChain::new(brains, config.llm.prices.clone(), pool))
}
