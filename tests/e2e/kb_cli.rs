//! The README's main job, end to end with the real binaries: ingest the demo
//! knowledge base, search it, check its status, and run agentd until SIGTERM.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{agentctl, binary, json_of, TestDb};

#[tokio::test]
async fn demo_knowledge_base_through_agentctl() {
    let db = TestDb::new().await;

    let first = json_of(&agentctl(&db, &["kb", "ingest", "demo/kb", "--json"]));
    assert!(first["added"].as_u64().unwrap() >= 30, "{first}");
    assert_eq!(first["failed"], 0, "{first}");
    assert!(first["embeddings_computed"].as_u64().unwrap() > 0);

    let again = json_of(&agentctl(&db, &["kb", "ingest", "demo/kb", "--json"]));
    assert_eq!(again["embeddings_computed"], 0, "{again}");
    assert_eq!(again["unchanged"], first["added"], "{again}");

    let found = json_of(&agentctl(
        &db,
        &[
            "kb",
            "search",
            "how long do I have to send back a kettle",
            "--json",
        ],
    ));
    let top = &found["citations"][0];
    assert_eq!(top["title"], "Returns and refunds", "{found}");
    assert_eq!(top["url"], "https://copperandkettle.example/help/returns");
    for field in ["doc_id", "chunk_id", "section", "snippet", "score"] {
        assert!(top.get(field).is_some(), "citation has {field}: {top}");
    }

    let status = json_of(&agentctl(&db, &["kb", "status", "--json"]));
    assert_eq!(status["stale"], false, "{status}");
    assert_eq!(status["dimension"], 384);
    assert_eq!(status["documents"], first["added"]);

    let bad = agentctl(&db, &["kb", "search", "anything", "--mode", "fuzzy"]);
    assert_eq!(bad.status.code(), Some(2), "clap usage error");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown search mode"));
}

#[tokio::test]
async fn config_check_never_prints_secrets() {
    let output = Command::new(binary("agentctl"))
        .args(["config", "check"])
        .env(
            "DATABASE_URL",
            "postgres://app:s3cr3t-pw@db.internal/frontdesk",
        )
        .env(
            "FRONTDESK__EMBEDDING__OPENAI__API_KEY",
            "sk-live-0123456789",
        )
        .output()
        .expect("agentctl runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{text}");
    assert!(
        !text.contains("s3cr3t-pw") && !text.contains("sk-live-0123456789"),
        "{text}"
    );
    assert!(
        text.contains("postgres://app:[redacted]@db.internal/frontdesk"),
        "{text}"
    );

    let broken = Command::new(binary("agentctl"))
        .args(["config", "check"])
        .env("FRONTDESK__RETRIEVAL__TOP_K", "lots")
        .output()
        .expect("agentctl runs");
    assert!(!broken.status.success());
    assert!(String::from_utf8_lossy(&broken.stderr).contains("FRONTDESK__RETRIEVAL__TOP_K"));
}

#[tokio::test]
async fn agentd_serves_healthz_and_drains_on_sigterm() {
    let db = TestDb::new().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(binary("agentd"))
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("DATABASE_URL", &db.url)
        .env_remove("FRONTDESK_CONFIG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("agentd starts");

    let url = format!("http://127.0.0.1:{port}/healthz");
    let started = Instant::now();
    let body = loop {
        if let Ok(response) = reqwest::get(&url).await {
            assert_eq!(response.status(), 200);
            break response.json::<serde_json::Value>().await.unwrap();
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "agentd did not answer /healthz"
        );
        assert!(child.try_wait().unwrap().is_none(), "agentd exited early");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(body["status"], "ok");

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tokio::task::spawn_blocking(move || child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(
        status.success(),
        "agentd exits cleanly after SIGTERM: {status:?}"
    );
}
