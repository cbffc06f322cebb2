//! Configuration of the agent: turn limits, LLM providers, order and ticket back ends.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Secret;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AgentConfig {
    /// Timeout of one tool call.
    pub tool_timeout_ms: u64,
    /// The whole turn; past it the customer gets the degraded answer and a ticket.
    pub turn_sla_ms: u64,
    /// Tool calls per turn (the TOOL_LOOP bound).
    pub max_tool_calls: u32,
    /// How long a tool's circuit breaker stays open after its retries failed.
    pub breaker_open_secs: u64,
    /// Turns kept in the Redis short-term memory of a thread.
    pub memory_turns: usize,
    /// Idle time after which a thread's short-term memory expires (rebuilt from Postgres).
    pub memory_ttl_secs: u64,
    /// Failed anonymous order lookups allowed per IP, fingerprint or email in the window.
    pub lookup_max_failures: u32,
    pub lookup_window_secs: u64,
    /// Below this answerability score (`orchestrator/answerable.rs`) a knowledge answer
    /// is withheld: the agent says it doesn't have that information and offers a
    /// person. 0 turns the check off.
    pub min_answerability: f32,
}

/// Chosen from the precision/recall curve of `agentctl bench answers` (docs/benchmarks.md).
pub const DEFAULT_MIN_ANSWERABILITY: f32 = 0.44;

impl Default for AgentConfig {
    fn default() -> Self {
        Self {
            tool_timeout_ms: 3_000,
            turn_sla_ms: 6_000,
            max_tool_calls: 3,
            breaker_open_secs: 60,
            memory_turns: 20,
            memory_ttl_secs: 86_400,
            lookup_max_failures: 5,
            lookup_window_secs: 900,
            min_answerability: DEFAULT_MIN_ANSWERABILITY,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LlmProviderKind {
    /// Not configured: the slot is skipped.
    None,
    /// OpenAI-compatible Chat Completions (OpenAI, vLLM, Ollama, llama.cpp server, LM Studio).
    Openai,
    /// Anthropic Messages.
    Anthropic,
}

/// One LLM endpoint (the primary or the fallback model).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LlmEndpoint {
    pub provider: LlmProviderKind,
    /// Empty = the provider's public API (`https://api.openai.com/v1`, `https://api.anthropic.com`).
    pub base_url: String,
    pub api_key: Secret,
    pub model: String,
    pub timeout_ms: u64,
    pub max_tokens: u32,
}

impl Default for LlmEndpoint {
    fn default() -> Self {
        Self {
            provider: LlmProviderKind::None,
            base_url: String::new(),
            api_key: Secret::new(""),
            model: String::new(),
            timeout_ms: 5_000,
            max_tokens: 600,
        }
    }
}

/// Price of a model in US dollars per million tokens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModelPrice {
    pub input_per_mtok: f64,
    pub output_per_mtok: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LlmConfig {
    pub primary: LlmEndpoint,
    pub fallback: LlmEndpoint,
    /// Model name → price; a model missing here costs 0 (and is warned about once).
    pub prices: BTreeMap<String, ModelPrice>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrderBackendKind {
    /// The `orders` table, filled by `agentctl orders import`.
    Builtin,
    /// WooCommerce REST API (`/wp-json/wc/v3/orders`).
    Woocommerce,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OrdersConfig {
    pub backend: OrderBackendKind,
    /// A regular expression for the shop's order ids (its first capture group, else
    /// its whole match, is the id); empty: the default extractor, which takes ids of
    /// letters, digits and hyphens with 3 to 12 digits.
    pub id_pattern: String,
    pub woocommerce: WooCommerceConfig,
}

impl Default for OrdersConfig {
    fn default() -> Self {
        Self {
            backend: OrderBackendKind::Builtin,
            id_pattern: String::new(),
            woocommerce: WooCommerceConfig::default(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WooCommerceConfig {
    /// The shop's base URL (`https://shop.example`).
    pub url: String,
    pub consumer_key: Secret,
    pub consumer_secret: Secret,
    pub timeout_ms: u64,
}

impl Default for WooCommerceConfig {
    fn default() -> Self {
        Self {
            url: String::new(),
            consumer_key: Secret::new(""),
            consumer_secret: Secret::new(""),
            timeout_ms: 2_500,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TicketBackendKind {
    /// The `tickets` table only.
    Builtin,
    /// The `tickets` table plus a POST to a helpdesk's REST endpoint.
    Webhook,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TicketsConfig {
    pub backend: TicketBackendKind,
    pub webhook: TicketWebhookConfig,
}

impl Default for TicketsConfig {
    fn default() -> Self {
        Self {
            backend: TicketBackendKind::Builtin,
            webhook: TicketWebhookConfig::default(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TicketWebhookConfig {
    /// Endpoint that receives `{"ticket": {...}}` (Zendesk-style `POST /api/v2/tickets.json`).
    pub url: String,
    /// Sent as `Authorization: Bearer ...` when set.
    pub token: Secret,
    pub timeout_ms: u64,
}

impl Default for TicketWebhookConfig {
    fn default() -> Self {
        Self {
            url: String::new(),
            token: Secret::new(""),
            timeout_ms: 2_500,
        }
    }
}
