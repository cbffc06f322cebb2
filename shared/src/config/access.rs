//! Configuration of who may call agentd and how much: sessions and the WordPress JWT,
//! admin tokens and their roles, rate limits and budgets, and outgoing webhooks.
//!
//! Key sets are tables keyed by name (`[auth.wordpress.keys] k1 = "..."`), so each entry
//! can also come from the environment (`FRONTDESK__AUTH__WORDPRESS__KEYS__K1_FILE=...`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Secret;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthConfig {
    /// Lifetime of a widget session token; the widget rotates it before it runs out.
    pub session_ttl_secs: u64,
    /// How long the previous token keeps working after a rotation (requests in flight).
    pub session_rotation_grace_secs: u64,
    /// Bearer tokens for `/admin/agent/...`, by name.
    pub admin_tokens: BTreeMap<String, AdminToken>,
    pub wordpress: WordPressAuthConfig,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            session_ttl_secs: 7_200,
            session_rotation_grace_secs: 60,
            admin_tokens: BTreeMap::new(),
            wordpress: WordPressAuthConfig::default(),
        }
    }
}

/// What an admin token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Read-only: status, metrics, threads.
    Viewer,
    /// A human support agent: the conversation endpoints (claim, reply, hand back).
    Agent,
    /// Everything, including ingest.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Viewer => "viewer",
            Self::Agent => "agent",
            Self::Admin => "admin",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminToken {
    pub token: Secret,
    pub role: Role,
    /// The person behind the token, shown to customers and colleagues (default: its name).
    #[serde(default)]
    pub display_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WordPressAuthConfig {
    /// Shared secrets by key id (the JWT header's `kid`); two at once during a rotation.
    pub keys: BTreeMap<String, Secret>,
    /// The `aud` claim the plugin puts in its tokens.
    pub audience: String,
    /// When set, the `iss` claim must equal it (the site's home URL).
    pub issuer: String,
    /// Longest accepted `exp - iat`.
    pub max_lifetime_secs: u64,
    /// Clock skew tolerated on `exp` and `iat`.
    pub leeway_secs: u64,
}

impl Default for WordPressAuthConfig {
    fn default() -> Self {
        Self {
            keys: BTreeMap::new(),
            audience: "frontdesk".into(),
            issuer: String::new(),
            max_lifetime_secs: 3_600,
            leeway_secs: 60,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimitsConfig {
    /// Customer messages per IP per minute (0 = unlimited).
    pub messages_per_minute_per_ip: u32,
    /// Customer messages per device fingerprint per minute (0 = unlimited).
    pub messages_per_minute_per_device: u32,
    /// New sessions per IP per minute (0 = unlimited).
    pub sessions_per_minute_per_ip: u32,
    /// New conversations per IP per hour (0 = unlimited).
    pub new_threads_per_hour_per_ip: u32,
    /// LLM tokens one session may spend before the offline brain takes over (0 = unlimited).
    pub session_max_tokens: u64,
    /// LLM spend in US dollars one session may cause before the offline brain takes over
    /// (0 = unlimited).
    pub session_max_cost_usd: f64,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        Self {
            messages_per_minute_per_ip: 30,
            messages_per_minute_per_device: 12,
            sessions_per_minute_per_ip: 20,
            new_threads_per_hour_per_ip: 30,
            session_max_tokens: 60_000,
            session_max_cost_usd: 0.50,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WebhooksConfig {
    /// Receivers by name (`[webhooks.endpoints.wordpress]`).
    pub endpoints: BTreeMap<String, WebhookEndpoint>,
    /// Attempts per delivery before it is marked failed.
    pub max_attempts: u32,
    /// First retry delay; each later one doubles, capped at `max_backoff_secs`.
    pub initial_backoff_secs: u64,
    pub max_backoff_secs: u64,
    pub timeout_ms: u64,
    /// How often the delivery worker looks for due deliveries.
    pub poll_interval_ms: u64,
}

impl Default for WebhooksConfig {
    fn default() -> Self {
        Self {
            endpoints: BTreeMap::new(),
            max_attempts: 8,
            initial_backoff_secs: 5,
            max_backoff_secs: 3_600,
            timeout_ms: 5_000,
            poll_interval_ms: 1_000,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookEndpoint {
    pub url: String,
    /// HMAC-SHA256 key of the `X-Frontdesk-Signature` header (not used by `slack`).
    #[serde(default)]
    pub secret: Secret,
    /// `frontdesk` (signed JSON events, e.g. for the WordPress plugin) or `slack` (a
    /// Slack incoming-webhook URL: a readable message per event).
    #[serde(default)]
    pub format: WebhookFormat,
    /// Sent as `X-Frontdesk-Key-Id`, so a receiver can hold two keys during a rotation.
    #[serde(default = "default_key_id")]
    pub key_id: String,
    /// Events sent to this receiver (default: every event, today `ticket.created`).
    #[serde(default, deserialize_with = "string_or_list")]
    pub events: Vec<String>,
}

/// A list, or one comma-separated string (the form an environment variable gives).
fn string_or_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Form {
        List(Vec<String>),
        Text(String),
    }
    Ok(match Form::deserialize(d)? {
        Form::List(v) => v,
        Form::Text(t) => t
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
    })
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WebhookFormat {
    #[default]
    Frontdesk,
    Slack,
}

fn default_key_id() -> String {
    "k1".into()
}
