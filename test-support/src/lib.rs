//! Test support shared by every test suite of the workspace (the core's, agentd's and
//! the end-to-end tests): a uuid-named PostgreSQL database per test and a Redis key
//! prefix per test, both cleaned up when the value is dropped — also when the test
//! panics — and where the tests find PostgreSQL and Redis.
//!
//! It depends on nothing of Frontdesk, so each suite wraps it with what it needs (a
//! migrated pool, a configuration) without linking the core twice.

use std::time::Duration;

use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;

/// The PostgreSQL server tests create their databases on (`FRONTDESK_TEST_DATABASE_URL`,
/// else the local default), without a database name.
pub fn server_url() -> String {
    std::env::var("FRONTDESK_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// The Redis tests use (`FRONTDESK_TEST_REDIS_URL`, else the local default); each test
/// keeps to its own key prefix ([`unique_prefix`]).
pub fn redis_url() -> String {
    std::env::var("FRONTDESK_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

/// A Redis key prefix no other test uses.
pub fn unique_prefix(kind: &str) -> String {
    format!("{kind}:{}", uuid::Uuid::new_v4().simple())
}

/// A fresh, empty database (`<prefix>_<uuid>`), dropped with the value.
#[derive(Debug)]
pub struct TestDb {
    pub name: String,
    /// The database's URL, for pools and for binaries under test.
    pub url: String,
}

impl TestDb {
    /// Creates `fd_test_<uuid>`.
    pub async fn new() -> Self {
        Self::named("fd_test").await
    }

    /// Creates `<prefix>_<uuid>`; `scripts/test.sh` drops leftovers of `fd_test_` and
    /// `fd_e2e_` databases before a run.
    pub async fn named(prefix: &str) -> Self {
        let name = format!("{prefix}_{}", uuid::Uuid::new_v4().simple());
        let admin = admin().await;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&admin)
            .await
            .expect("create the test database");
        admin.close().await;
        let url = format!("{}/{name}", server_url());
        Self { name, url }
    }
}

impl Drop for TestDb {
    /// Drops the database, ending whatever connections still use it. `Drop` cannot
    /// await, and the test's own runtime may be the one unwinding, so this runs on a
    /// thread of its own with a runtime of its own.
    fn drop(&mut self) {
        let name = std::mem::take(&mut self.name);
        let done = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime to drop the test database");
            runtime.block_on(async {
                let Ok(admin) = PgPoolOptions::new()
                    .max_connections(1)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect(&format!("{}/postgres", server_url()))
                    .await
                else {
                    return;
                };
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&admin)
                    .await;
                admin.close().await;
            });
        });
        let _ = done.join();
    }
}

async fn admin() -> PgPool {
    PgPool::connect(&format!("{}/postgres", server_url()))
        .await
        .expect("PostgreSQL must be running on 127.0.0.1:5432 (run scripts/setup.sh)")
}

/// The Redis keys of one test (`<prefix>:*`), deleted when the value is dropped — also
/// when the test panics.
#[derive(Debug)]
pub struct RedisKeys {
    pub prefix: String,
}

impl RedisKeys {
    pub fn new(prefix: impl Into<String>) -> Self {
        Self {
            prefix: prefix.into(),
        }
    }
}

impl Drop for RedisKeys {
    fn drop(&mut self) {
        let pattern = format!("{}:*", self.prefix);
        let cleanup = std::thread::spawn(move || {
            let Ok(client) = redis::Client::open(redis_url()) else {
                return;
            };
            let Ok(mut conn) = client.get_connection_with_timeout(Duration::from_secs(2)) else {
                return;
            };
            let keys: Vec<String> = redis::cmd("KEYS")
                .arg(&pattern)
                .query(&mut conn)
                .unwrap_or_default();
            if !keys.is_empty() {
                let _: Result<(), _> = redis::cmd("DEL").arg(keys).query(&mut conn);
            }
        });
        let _ = cleanup.join();
    }
}
