//! Helpers for end-to-end tests: a fresh database per test and the built binaries.

use std::path::PathBuf;
use std::process::{Command, Output};

use sqlx::PgPool;

pub fn server_url() -> String {
    std::env::var("FRONTDESK_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// A uuid-named database, created empty: the binaries migrate it on start-up.
pub struct TestDb {
    pub name: String,
    pub url: String,
}

impl TestDb {
    pub async fn new() -> Self {
        let name = format!("fd_e2e_{}", uuid::Uuid::new_v4().simple());
        let admin = PgPool::connect(&format!("{}/postgres", server_url()))
            .await
            .expect("PostgreSQL is running");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&admin)
            .await
            .expect("create database");
        admin.close().await;
        let url = format!("{}/{name}", server_url());
        Self { name, url }
    }

    pub async fn drop(self) {
        let admin = PgPool::connect(&format!("{}/postgres", server_url()))
            .await
            .expect("PostgreSQL is running");
        let _ = sqlx::query(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ))
        .execute(&admin)
        .await;
        admin.close().await;
    }
}

/// A workspace binary, built next to this test's executable (`target/<profile>/`).
pub fn binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target profile folder");
    let path = dir.join(name);
    assert!(
        path.exists(),
        "{} is not built; run the tests with `cargo nextest run --workspace`",
        path.display()
    );
    path
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs agentctl with the database set and no config file, from the repository root.
pub fn agentctl(db: &TestDb, args: &[&str]) -> Output {
    Command::new(binary("agentctl"))
        .args(args)
        .current_dir(repo_root())
        .env("DATABASE_URL", &db.url)
        .env_remove("FRONTDESK_CONFIG")
        .output()
        .expect("agentctl runs")
}

#[track_caller]
pub fn json_of(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}
