//! The agent's turn end to end: real Postgres, real Redis, the local embedder, and a
//! scripted LLM server for the remote brains.

mod answers;
mod guarded;
mod identity;
mod memory;
mod offline;
mod scripted;
mod service;
mod streaming;
mod unseen_shop;

use std::path::Path;
use std::sync::Arc;

use frontdesk::config::{Config, LlmEndpoint};
use frontdesk::events::EventBus;
use frontdesk::identity::Identity;
use frontdesk::kb::chunk_params;
use frontdesk::kb::ingest::{read_paths, Ingester, Quiet};
use frontdesk::orchestrator::{connect_redis, Agent, TurnRequest, TurnResult};
use frontdesk_api::Channel;
use uuid::Uuid;

use crate::support::{self, TestDb};

pub struct Harness {
    pub db: TestDb,
    pub agent: Agent,
    pub config: Config,
    /// The bus the agent announces on (the test's own Redis prefix).
    pub events: EventBus,
    /// The test's Redis keys, deleted when the harness is dropped.
    _keys: test_support::RedisKeys,
}

impl Harness {
    /// A fresh database with the demo orders, optionally a few demo KB pages, and an
    /// agent whose brains are `llm` (primary, fallback) followed by the offline brain.
    pub async fn new(with_kb: bool, llm: &[LlmEndpoint], tweak: impl FnOnce(&mut Config)) -> Self {
        let db = TestDb::new().await;
        let mut config = support::config();
        config.database = db.config.clone();
        config.redis.key_prefix = test_support::unique_prefix("fd_test");
        if let Some(primary) = llm.first() {
            config.llm.primary = primary.clone();
        }
        if let Some(fallback) = llm.get(1) {
            config.llm.fallback = fallback.clone();
        }
        tweak(&mut config);
        let orders = Path::new(env!("CARGO_MANIFEST_DIR")).join("../demo/orders.jsonl");
        let imported = frontdesk::orders::import::import_file(&db.pool, &orders)
            .await
            .expect("demo orders import");
        assert!(imported.inserted >= 10, "{imported:?}");
        if with_kb {
            let demo = support::demo_kb();
            let files: Vec<(String, String)> = [
                "policies/returns.md",
                "policies/shipping-eu.md",
                "policies/warranty.md",
                "help/contact.md",
            ]
            .iter()
            .map(|p| {
                (
                    p.to_string(),
                    std::fs::read_to_string(demo.join(p)).expect("demo page"),
                )
            })
            .collect();
            let refs: Vec<(&str, &str)> = files
                .iter()
                .map(|(a, b)| (a.as_str(), b.as_str()))
                .collect();
            ingest(&db.pool, &config, &refs).await;
        }
        let redis = connect_redis(&config.redis)
            .await
            .expect("Redis must run on 127.0.0.1:6379");
        let events = EventBus::from_config(&config.redis, redis.clone()).expect("Redis URL");
        let agent = Agent::from_config(
            &config,
            db.pool.clone(),
            support::embedder(),
            redis,
            Arc::new(events.clone()),
        )
        .await
        .expect("agent builds");
        let keys = test_support::RedisKeys::new(&config.redis.key_prefix);
        Self {
            db,
            agent,
            config,
            events,
            _keys: keys,
        }
    }

    pub async fn ask(&self, thread: Option<Uuid>, message: &str, identity: Identity) -> TurnResult {
        self.agent
            .turn(TurnRequest {
                thread_id: thread,
                message: message.into(),
                channel: Channel::Web,
                identity,
                session_id: None,
                offline_only: false,
                progress: Default::default(),
            })
            .await
            .expect("turn runs")
    }

    pub async fn count(&self, sql: &str, thread: Uuid) -> i64 {
        sqlx::query_scalar(sql)
            .bind(thread)
            .fetch_one(&self.db.pool)
            .await
            .expect(sql)
    }
}

/// Ingests `files` (path, text) as one knowledge-base folder.
pub async fn ingest(pool: &sqlx::PgPool, config: &Config, files: &[(&str, &str)]) {
    let folder = support::kb_folder(files);
    let summary = Ingester::new(
        pool,
        &support::embedder(),
        chunk_params(&config.retrieval, 256),
        &Quiet,
    )
    .run(read_paths(&[folder.path().to_path_buf()]), false)
    .await
    .expect("kb ingests");
    assert_eq!(summary.failed, 0, "{summary:?}");
}

pub fn anonymous(tag: &str) -> Identity {
    Identity::Anonymous {
        ip: Some(format!("10.0.0.{}", tag.len())),
        fingerprint: Some(format!("fp-{tag}-{}", Uuid::new_v4().simple())),
    }
}
