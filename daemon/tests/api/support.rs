//! Test support: agentd served on port 0 against a fresh, migrated PostgreSQL database
//! and its own Redis key prefix, with a small knowledge base and the demo orders, plus
//! a reqwest client that speaks the widget's headers.

use std::path::Path;
use std::time::Duration;

use agentd::AppState;
use frontdesk::config::{AdminToken, Config, DatabaseConfig, Role, Secret};
use frontdesk::kb::ingest::{read_paths, Ingester, Quiet};
use reqwest::StatusCode;
use serde_json::Value;
use tokio::sync::oneshot;
use uuid::Uuid;

pub const ADMIN_TOKEN: &str = "admin-token-0123456789abcdef";
pub const VIEWER_TOKEN: &str = "viewer-token-0123456789abcdef";
pub const AGENT_TOKEN: &str = "agent-token-0123456789abcdef";
pub const WP_SECRET: &str = "wordpress-shared-secret-0123456789abcdef";
pub const SHOP_ORIGIN: &str = "https://shop.example";

pub use test_support::TestDb;

/// The configuration every test starts from: generous limits, one token per role, a
/// WordPress key, and the shop's origin allowed.
pub fn base_config(db: &TestDb) -> Config {
    let mut c = Config {
        database: DatabaseConfig {
            url: Secret::new(&db.url),
            max_connections: 5,
            auto_migrate: true,
        },
        ..Config::default()
    };
    c.redis.url = Secret::new(test_support::redis_url());
    c.redis.key_prefix = test_support::unique_prefix("fdtest");
    c.server.shutdown_grace_secs = 5;
    c.server.cors_origins = vec![SHOP_ORIGIN.into()];
    c.limits.messages_per_minute_per_ip = 1_000;
    c.limits.messages_per_minute_per_device = 1_000;
    c.limits.sessions_per_minute_per_ip = 1_000;
    c.limits.new_threads_per_hour_per_ip = 1_000;
    for (name, token, role, display) in [
        ("ops", ADMIN_TOKEN, Role::Admin, None),
        ("viewer", VIEWER_TOKEN, Role::Viewer, None),
        ("sam", AGENT_TOKEN, Role::Agent, Some("Sam")),
    ] {
        c.auth.admin_tokens.insert(
            name.into(),
            AdminToken {
                token: Secret::new(token),
                role,
                display_name: display.map(str::to_string),
            },
        );
    }
    c.auth
        .wordpress
        .keys
        .insert("k1".into(), Secret::new(WP_SECRET));
    c.webhooks.poll_interval_ms = 50;
    c.webhooks.initial_backoff_secs = 1;
    c
}

const RETURNS: &str = "---\ntitle: Returns and refunds\nurl: https://copperandkettle.example/help/returns\n---\n# Returns and refunds\n\n## How long do I have to return an item?\n\nYou have 30 days from the day your order is delivered to send an item back. That applies to everything we sell, including kettles and toasters.\n\n## Refunds\n\nRefunds reach your account within 5 business days of the return arriving.\n";
const SHIPPING: &str = "---\ntitle: Shipping\nurl: https://copperandkettle.example/help/shipping\n---\n# Shipping\n\nWe ship to the EU, the UK and the US. Orders leave our Utrecht warehouse within 2 business days.\n";
const KETTLE: &str = "---\ntitle: Classic Copper Kettle\nurl: https://copperandkettle.example/products/classic-kettle\n---\n# Classic Copper Kettle\n\nA 1.7 litre stovetop kettle in solid copper with a brass handle. It whistles when the water boils.\n";

pub struct TestServer {
    pub url: String,
    pub state: AppState,
    pub http: reqwest::Client,
    shutdown: Option<oneshot::Sender<()>>,
    handle: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    _kb: tempfile::TempDir,
    // dropped last: the server's Redis keys, then its database
    _keys: test_support::RedisKeys,
    _db: TestDb,
}

impl TestServer {
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    /// A server whose configuration `adjust` may change first.
    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> Self {
        let db = TestDb::new().await;
        let mut config = base_config(&db);
        adjust(&mut config);
        let state = agentd::build_state(config)
            .await
            .expect("agentd state builds");
        let kb = tempfile::tempdir().expect("tempdir");
        for (name, text) in [
            ("returns.md", RETURNS),
            ("shipping.md", SHIPPING),
            ("kettle.md", KETTLE),
        ] {
            std::fs::write(kb.path().join(name), text).expect("write kb file");
        }
        let params =
            frontdesk::kb::chunk_params(&state.config.retrieval, state.embedder.max_seq_len());
        Ingester::new(&state.pool, &state.embedder, params, &Quiet)
            .run(read_paths(&[kb.path().to_path_buf()]), false)
            .await
            .expect("ingest the test knowledge base");
        let orders = Path::new(env!("CARGO_MANIFEST_DIR")).join("../demo/orders.jsonl");
        frontdesk::orders::import::import_file(&state.pool, &orders)
            .await
            .expect("import the demo orders");

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let (tx, rx) = oneshot::channel::<()>();
        let handle = tokio::spawn(agentd::serve_state(state.clone(), listener, async move {
            let _ = rx.await;
        }));
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client");
        let keys = test_support::RedisKeys::new(&state.config.redis.key_prefix);
        Self {
            url,
            state,
            http,
            shutdown: Some(tx),
            handle: Some(handle),
            _kb: kb,
            _keys: keys,
            _db: db,
        }
    }

    /// Asks the server to drain and waits until it has stopped.
    pub async fn shut_down(&mut self) -> anyhow::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        match self.handle.take() {
            Some(h) => h.await.expect("server task"),
            None => Ok(()),
        }
    }

    /// Drains the server; the database and Redis keys go when the value is dropped.
    pub async fn stop(mut self) {
        let _ = self.shut_down().await;
        self.state.pool.close().await;
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// A POST as the widget sends it.
    pub fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .post(self.url(path))
            .header("Content-Type", "application/json")
            .header("X-Frontdesk-Client", "widget")
    }

    pub async fn session(&self) -> String {
        self.session_for(None).await
    }

    /// A session token: anonymous, or for a WordPress JWT.
    pub async fn session_for(&self, user_token: Option<&str>) -> String {
        let body = match user_token {
            Some(t) => serde_json::json!({ "user_token": t }),
            None => serde_json::json!({}),
        };
        let (status, v) = send(self.post("/api/agent/session").json(&body)).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        v["token"].as_str().expect("token").to_string()
    }

    pub async fn ask(
        &self,
        token: &str,
        thread: Option<Uuid>,
        message: &str,
    ) -> (StatusCode, Value) {
        let body = match thread {
            Some(t) => serde_json::json!({ "thread_id": t, "user_msg": message }),
            None => serde_json::json!({ "user_msg": message }),
        };
        send(
            self.post("/api/agent/messages")
                .bearer_auth(token)
                .json(&body),
        )
        .await
    }

    pub async fn messages_in(&self, thread: Uuid) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM messages WHERE thread_id = $1")
            .bind(thread)
            .fetch_one(&self.state.pool)
            .await
            .expect("count messages")
    }

    pub async fn all_messages(&self) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM messages")
            .fetch_one(&self.state.pool)
            .await
            .expect("count messages")
    }
}

/// Sends and returns the status and the JSON body (`Null` when the body is not JSON).
pub async fn send(request: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let response = request.send().await.expect("request reaches agentd");
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Asserts the error contract: status, stable code, a non-empty message, nothing else.
#[track_caller]
pub fn assert_error(got: &(StatusCode, Value), status: u16, code: &str) {
    let (s, body) = got;
    assert_eq!(s.as_u16(), status, "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert_eq!(
        body.as_object().map(|o| o.len()),
        Some(1),
        "only `error`: {body}"
    );
}

/// A WordPress JWT as the plugin mints it, with `adjust` applied to its claims.
pub fn wp_jwt(adjust: impl FnOnce(&mut Value)) -> String {
    let now = chrono::Utc::now().timestamp();
    let mut claims = serde_json::json!({
        "iss": "https://shop.example", "aud": "frontdesk", "sub": "7",
        "email": "maria.rossi@example.com", "name": "Maria Rossi",
        "iat": now, "exp": now + 300,
    });
    adjust(&mut claims);
    frontdesk::auth::jwt::sign(&claims, "k1", WP_SECRET)
}

/// Reads a server-sent-event body into `(event, data)` pairs.
pub fn parse_sse(body: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for block in body.split("\n\n") {
        let mut event = String::from("message");
        let mut data = String::new();
        for line in block.lines() {
            if let Some(v) = line.strip_prefix("event:") {
                event = v.trim().to_string();
            } else if let Some(v) = line.strip_prefix("data:") {
                data.push_str(v.trim_start());
            }
        }
        if !data.is_empty() {
            out.push((
                event,
                serde_json::from_str(&data).unwrap_or(Value::String(data)),
            ));
        }
    }
    out
}
