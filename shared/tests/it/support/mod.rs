//! Test support: a fresh, migrated PostgreSQL database per test (uuid-named, dropped
//! with the value, even when the test panics), the embedding model loaded once per test binary, small KB folders, and
//! a scripted LLM server speaking both provider wires (`llm_server`), and
//! local HTTP servers standing in for external services.

pub mod llm_server;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use frontdesk::config::{Config, DatabaseConfig, Secret};
use frontdesk::db;
use frontdesk_embed::{default_model_dir, Embedder, LocalEmbedder};
use sqlx::PgPool;

pub use llm_server::{ScriptedLlm, Step};

/// A fresh database for one test (dropped with the value, see `test_support::TestDb`),
/// with a pool and the configuration that reaches it.
pub struct TestDb {
    pub pool: PgPool,
    pub config: DatabaseConfig,
    _db: test_support::TestDb,
}

impl TestDb {
    /// A fresh database with the schema applied.
    pub async fn new() -> Self {
        let db = Self::create(true).await;
        db::migrate(&db.pool).await.expect("migrate test database");
        db
    }

    /// A database without the schema and with `auto_migrate` off, for start-up policy tests.
    pub async fn empty() -> Self {
        Self::create(false).await
    }

    async fn create(auto_migrate: bool) -> Self {
        let database = test_support::TestDb::new().await;
        let config = DatabaseConfig {
            url: Secret::new(&database.url),
            max_connections: 5,
            auto_migrate,
        };
        let pool = db::connect(&config, None)
            .await
            .expect("connect to test database");
        Self {
            pool,
            config,
            _db: database,
        }
    }
}

/// The local embedder, loaded once per test binary.
pub fn embedder() -> Embedder {
    static EMBEDDER: OnceLock<Embedder> = OnceLock::new();
    EMBEDDER
        .get_or_init(|| {
            let dir = default_model_dir();
            let local = LocalEmbedder::load(&dir).unwrap_or_else(|e| {
                panic!(
                    "cannot load the model from {}: {e}; run scripts/setup.sh",
                    dir.display()
                )
            });
            Embedder::local(local)
        })
        .clone()
}

pub fn config() -> Config {
    Config::default()
}

/// The demo knowledge base shipped in the repository.
pub fn demo_kb() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../demo/kb")
}

/// Writes `files` (relative path, content) under a fresh temporary folder.
pub fn kb_folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, content) in files {
        write(dir.path(), path, content);
    }
    dir
}

pub fn write(root: &Path, path: &str, content: &str) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
    std::fs::write(full, content).expect("write");
}

/// Serves `router` on a free local port for the rest of the test; its base URL.
pub async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a local port");
    let address = listener.local_addr().expect("local address");
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    format!("http://{address}")
}
