//! Typed configuration, layered: built-in defaults → `frontdesk.toml` → environment.
//!
//! Environment: `FRONTDESK__SECTION__KEY=value` overrides any key (`FRONTDESK__SERVER__BIND`),
//! `DATABASE_URL` and `REDIS_URL` are honoured as usual, and every variable also has a
//! `..._FILE` form whose value is read from that file (Docker secrets). Secrets are held
//! in [`Secret`], which never prints itself.

mod access;
mod agent;
mod handoff;
mod load;

use serde::{Deserialize, Serialize};

pub use access::{
    AdminToken, AuthConfig, LimitsConfig, Role, WebhookEndpoint, WebhookFormat, WebhooksConfig,
    WordPressAuthConfig,
};
pub use agent::{
    AgentConfig, LlmConfig, LlmEndpoint, LlmProviderKind, ModelPrice, OrderBackendKind,
    OrdersConfig, TicketBackendKind, TicketWebhookConfig, TicketsConfig, WooCommerceConfig,
};
pub use frontdesk_embed::{EmbeddingConfig, EmbeddingProviderKind, OpenAiEmbeddingConfig};
pub use frontdesk_redact::{redact_url_password, Secret, REDACTED};
pub use handoff::{BusinessHours, HandoffConfig, QueueConfig, Schedule};
pub use load::{ConfigError, ConfigSource};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub database: DatabaseConfig,
    pub redis: RedisConfig,
    pub server: ServerConfig,
    pub log: LogConfig,
    pub embedding: EmbeddingConfig,
    pub retrieval: RetrievalConfig,
    pub agent: AgentConfig,
    pub llm: LlmConfig,
    pub orders: OrdersConfig,
    pub tickets: TicketsConfig,
    pub auth: AuthConfig,
    pub limits: LimitsConfig,
    pub webhooks: WebhooksConfig,
    pub handoff: HandoffConfig,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseConfig {
    pub url: Secret,
    pub max_connections: u32,
    /// Apply pending migrations at start-up; when false, start-up refuses with a
    /// message naming `agentctl db migrate` if the schema is behind.
    pub auto_migrate: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RedisConfig {
    pub url: Secret,
    /// Prefix of every key this deployment writes, so several can share one Redis.
    pub key_prefix: String,
}

/// The longest customer message any channel may accept, in characters: the ceiling of
/// `server.max_message_chars`.
pub const MAX_MESSAGE_CHARS: usize = 4_000;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    pub bind: String,
    /// How long a graceful shutdown waits for requests in flight.
    pub shutdown_grace_secs: u64,
    /// The URL browsers use to reach agentd (printed for `/demo`; default `http://<bind>`).
    pub public_url: String,
    /// Origins allowed to call the widget API from a browser (the shop's site, e.g.
    /// `https://shop.example`); agentd's own origin always works.
    pub cors_origins: Vec<String>,
    /// Take the client's IP from `X-Forwarded-For` (only behind a proxy you run).
    pub trust_proxy: bool,
    /// Largest request body accepted.
    pub max_body_bytes: usize,
    /// Longest customer message, in characters (at most 4000).
    pub max_message_chars: usize,
    /// Messages returned by `GET /api/agent/thread/{id}` unless `limit` says otherwise.
    pub thread_history_limit: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    /// An `EnvFilter` directive (`info`, `frontdesk=debug,sqlx=warn`); `RUST_LOG` wins.
    pub level: String,
    pub format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetrievalConfig {
    /// Candidates fetched from each index (full-text and vector) before fusion.
    pub candidates: usize,
    /// Fused results that go to the re-ranker.
    pub rerank_pool: usize,
    /// Results returned after re-ranking.
    pub top_k: usize,
    /// Chunk size in word pieces, bounded by the model's maximum sequence length.
    pub chunk_tokens: usize,
    pub chunk_overlap: usize,
    /// The knowledge base counts as stale when not updated for this many days (0 = never).
    pub stale_after_days: u64,
    pub fusion: FusionWeights,
}

/// Weights of the hybrid score (see `kb::search`): convex combination of the chunk's
/// vector similarity, its heading's (title and section) similarity and the normalised
/// full-text rank. `coverage` is added by the re-ranker: the share of the query's
/// IDF mass the candidate's text matches.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct FusionWeights {
    pub chunk: f32,
    pub heading: f32,
    pub text: f32,
    pub coverage: f32,
    /// Lexical signals (text, coverage) count in proportion to the candidate's dense
    /// score raised to this power (0 = not gated).
    pub dense_gate: f32,
    /// Query-level lexical confidence: full when the best document's BM25 is at least
    /// `1 + lexical_peak` times the runner-up's, less below (0 = always full).
    pub lexical_peak: f32,
    /// Added to a policy or help page's score when the question is about policy
    /// (returns, shipping, payment, warranty, the account).
    pub policy: f32,
    /// Added to a document written in the language of the question.
    pub language: f32,
    /// Added to the page of a product the question names.
    pub mentioned: f32,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        Self {
            url: Secret::new("postgres://postgres@127.0.0.1:5432/frontdesk"),
            max_connections: 10,
            auto_migrate: true,
        }
    }
}

impl Default for RedisConfig {
    fn default() -> Self {
        Self {
            url: Secret::new("redis://127.0.0.1:6379"),
            key_prefix: "frontdesk".into(),
        }
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            shutdown_grace_secs: 20,
            public_url: String::new(),
            cors_origins: Vec::new(),
            trust_proxy: false,
            max_body_bytes: 16 * 1024,
            max_message_chars: 2_000,
            thread_history_limit: 50,
        }
    }
}

impl Default for LogConfig {
    fn default() -> Self {
        Self {
            level: "info".into(),
            format: LogFormat::Pretty,
        }
    }
}

impl Default for RetrievalConfig {
    fn default() -> Self {
        Self {
            candidates: 100,
            rerank_pool: 8,
            top_k: 3,
            chunk_tokens: 256,
            chunk_overlap: 80,
            stale_after_days: 0,
            fusion: FusionWeights::default(),
        }
    }
}

impl Default for FusionWeights {
    fn default() -> Self {
        Self {
            chunk: 0.5,
            heading: 0.3,
            text: 0.2,
            coverage: 0.2,
            dense_gate: 0.7,
            lexical_peak: 0.4,
            policy: 0.3,
            language: 0.15,
            mentioned: 0.15,
        }
    }
}

impl Config {
    /// Loads the layered configuration from the process environment and, when present,
    /// `path` (or `$FRONTDESK_CONFIG`, or `./frontdesk.toml`).
    pub fn load(path: Option<&std::path::Path>) -> Result<Self, ConfigError> {
        load::load(path, &load::process_env())
    }

    /// Every secret with its dotted key path.
    pub(crate) fn secrets(&self) -> Vec<(String, &Secret)> {
        let mut all: Vec<(String, &Secret)> = [
            ("database.url", &self.database.url),
            ("redis.url", &self.redis.url),
            ("embedding.openai.api_key", &self.embedding.openai.api_key),
            ("llm.primary.api_key", &self.llm.primary.api_key),
            ("llm.fallback.api_key", &self.llm.fallback.api_key),
            (
                "orders.woocommerce.consumer_key",
                &self.orders.woocommerce.consumer_key,
            ),
            (
                "orders.woocommerce.consumer_secret",
                &self.orders.woocommerce.consumer_secret,
            ),
            ("tickets.webhook.token", &self.tickets.webhook.token),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        for (name, t) in &self.auth.admin_tokens {
            all.push((format!("auth.admin_tokens.{name}.token"), &t.token));
        }
        for (id, key) in &self.auth.wordpress.keys {
            all.push((format!("auth.wordpress.keys.{id}"), key));
        }
        for (name, e) in &self.webhooks.endpoints {
            all.push((format!("webhooks.endpoints.{name}.secret"), &e.secret));
        }
        all
    }

    /// The base URL browsers use to reach agentd.
    pub fn public_url(&self) -> String {
        if self.server.public_url.is_empty() {
            format!("http://{}", self.server.bind)
        } else {
            self.server.public_url.trim_end_matches('/').to_string()
        }
    }

    /// The effective configuration as TOML with every secret redacted.
    pub fn to_redacted_toml(&self) -> String {
        let mut shown = self.clone();
        shown.database.url = Secret::new(self.database.url.redacted_url());
        shown.redis.url = Secret::new(self.redis.url.redacted_url());
        let mut value =
            toml::Value::try_from(&shown).unwrap_or(toml::Value::Table(Default::default()));
        // URLs were redacted above and may stay readable; other secrets serialise as the marker
        if let Some(t) = value.get_mut("database").and_then(|v| v.as_table_mut()) {
            t.insert(
                "url".into(),
                toml::Value::String(shown.database.url.expose().into()),
            );
        }
        if let Some(t) = value.get_mut("redis").and_then(|v| v.as_table_mut()) {
            t.insert(
                "url".into(),
                toml::Value::String(shown.redis.url.expose().into()),
            );
        }
        toml::to_string_pretty(&value).unwrap_or_default()
    }

    /// Problems a deployment should fix, each as one sentence (empty when fine).
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let r = &self.retrieval;
        if r.chunk_overlap >= r.chunk_tokens {
            problems.push(format!(
                "retrieval.chunk_overlap ({}) must be smaller than retrieval.chunk_tokens ({})",
                r.chunk_overlap, r.chunk_tokens
            ));
        }
        if r.top_k == 0 || r.rerank_pool < r.top_k {
            problems.push(
                "retrieval.rerank_pool must be at least retrieval.top_k, which must be at least 1"
                    .into(),
            );
        }
        let f = r.fusion;
        if f.chunk < 0.0
            || f.heading < 0.0
            || f.text < 0.0
            || f.coverage < 0.0
            || f.dense_gate < 0.0
            || f.lexical_peak < 0.0
            || f.chunk + f.heading + f.text <= 0.0
        {
            problems.push("retrieval.fusion weights must be non-negative and not all zero".into());
        }
        if self.embedding.provider == EmbeddingProviderKind::Openai
            && self.embedding.openai.dimension != 384
        {
            problems.push(
                "embedding.openai.dimension must be 384 to match the schema's vector(384) columns"
                    .into(),
            );
        }
        problems.extend(self.access_problems());
        if self.server.bind.parse::<std::net::SocketAddr>().is_err() {
            problems.push(format!(
                "server.bind `{}` is not HOST:PORT",
                self.server.bind
            ));
        }
        problems
    }
}

impl Config {
    fn access_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let s = &self.server;
        if s.max_message_chars == 0 || s.max_message_chars > MAX_MESSAGE_CHARS {
            problems.push(format!(
                "server.max_message_chars must be between 1 and {}",
                MAX_MESSAGE_CHARS
            ));
        }
        if s.max_body_bytes < 1024 {
            problems.push("server.max_body_bytes must be at least 1024".into());
        }
        for origin in &s.cors_origins {
            if !(origin.starts_with("http://") || origin.starts_with("https://"))
                || origin.trim_end_matches('/').matches('/').count() != 2
            {
                problems.push(format!(
                    "server.cors_origins entry `{origin}` is not an origin like https://shop.example"
                ));
            }
        }
        for (name, t) in &self.auth.admin_tokens {
            if t.token.expose().len() < 24 {
                problems.push(format!(
                    "auth.admin_tokens.{name}.token is shorter than 24 characters"
                ));
            }
        }
        for (id, key) in &self.auth.wordpress.keys {
            if key.expose().len() < 32 {
                problems.push(format!(
                    "auth.wordpress.keys.{id} is shorter than 32 characters; use a long random secret"
                ));
            }
        }
        if self.auth.session_ttl_secs < 60 {
            problems.push("auth.session_ttl_secs must be at least 60".into());
        }
        for (name, e) in &self.webhooks.endpoints {
            if !(e.url.starts_with("http://") || e.url.starts_with("https://")) {
                problems.push(format!(
                    "webhooks.endpoints.{name}.url must be an http(s) URL"
                ));
            }
            if e.secret.is_empty() && e.format == WebhookFormat::Frontdesk {
                problems.push(format!("webhooks.endpoints.{name}.secret is empty"));
            }
        }
        if let Err(e) = regex::Regex::new(&self.orders.id_pattern) {
            problems.push(format!(
                "orders.id_pattern is not a valid regular expression: {e}"
            ));
        }
        if let Err(e) = self.handoff.hours.schedule() {
            problems.push(format!("handoff.hours: {e}"));
        }
        if !self
            .handoff
            .queues
            .contains_key(&self.handoff.default_queue)
        {
            problems.push(format!(
                "handoff.default_queue `{}` is not one of handoff.queues",
                self.handoff.default_queue
            ));
        }
        problems
    }
}
