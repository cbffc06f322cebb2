//! Helpers for end-to-end tests: a fresh database per test (`test_support::TestDb`,
//! dropped with the value) and the built binaries.

use std::path::PathBuf;
use std::process::{Command, Output};

use uuid::Uuid;

pub use test_support::TestDb;

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

/// A running `agentd` binary on a free port, stopped with SIGTERM on drop.
pub struct Agentd {
    child: Option<std::process::Child>,
    pub url: String,
    log: PathBuf,
    /// Its Redis keys, deleted after the process is stopped.
    _keys: test_support::RedisKeys,
}

impl Agentd {
    /// Starts agentd on `db` with `env` added, and waits until `/healthz` answers.
    pub async fn start(db: &TestDb, env: &[(&str, String)]) -> Self {
        let log =
            std::env::temp_dir().join(format!("agentd-{}.log", uuid::Uuid::new_v4().simple()));
        let file = std::fs::File::create(&log).expect("log file");
        let prefix = test_support::unique_prefix("fde2e");
        let mut command = Command::new(binary("agentd"));
        command
            .args(["serve", "--bind", "127.0.0.1:0"])
            .current_dir(repo_root())
            .env("DATABASE_URL", &db.url)
            .env("FRONTDESK__LOG__FORMAT", "json")
            .env("FRONTDESK__REDIS__KEY_PREFIX", &prefix)
            .env_remove("FRONTDESK_CONFIG")
            .stdout(std::process::Stdio::null())
            .stderr(file);
        for (k, v) in env {
            command.env(k, v);
        }
        let child = command.spawn().expect("agentd starts");
        let mut agentd = Self {
            child: Some(child),
            url: String::new(),
            log,
            _keys: test_support::RedisKeys::new(prefix),
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while agentd.url.is_empty() {
            assert!(
                std::time::Instant::now() < deadline,
                "agentd did not start:\n{}",
                agentd.log_text()
            );
            if let Some(status) = agentd
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!("agentd exited with {status}:\n{}", agentd.log_text());
            }
            for line in agentd.log_text().lines() {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                if v["message"] == "agentd listening" {
                    agentd.url = format!("http://{}", v["addr"].as_str().expect("addr field"));
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let health = reqwest::get(format!("{}/healthz", agentd.url))
            .await
            .expect("healthz answers");
        assert!(health.status().is_success());
        agentd
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGTERM, then waits for the process to drain and exit.
    pub fn stop(&mut self) -> Option<std::process::ExitStatus> {
        let mut child = self.child.take()?;
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                return Some(status);
            }
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                return child.wait().ok();
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

impl Drop for Agentd {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// The demo shop's knowledge base and orders in `db`.
pub fn load_demo_shop(db: &TestDb) {
    json_of(&agentctl(db, &["kb", "ingest", "demo/kb", "--json"]));
    json_of(&agentctl(
        db,
        &["orders", "import", "demo/orders.jsonl", "--json"],
    ));
}

/// Runs the browser specs in `tests/browser` against `url`; the combined output.
pub fn run_browser_specs(specs: &[&str], env: &[(&str, String)]) -> Output {
    let mut command = Command::new("node");
    command
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .args(specs)
        .current_dir(repo_root().join("tests/browser"));
    for (k, v) in env {
        command.env(k, v);
    }
    command
        .output()
        .expect("node runs (scripts/setup-browser.sh installs the browser test tools)")
}

/// A customer of the widget API.
pub struct Customer {
    pub http: reqwest::Client,
    pub url: String,
    pub token: String,
}

impl Customer {
    pub async fn new(url: &str) -> Self {
        let http = reqwest::Client::new();
        let session: serde_json::Value = http
            .post(format!("{url}/api/agent/session"))
            .header("X-Frontdesk-Client", "widget")
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        Self {
            http,
            url: url.to_string(),
            token: session["token"].as_str().unwrap().to_string(),
        }
    }

    pub async fn say(&self, thread: Option<Uuid>, text: &str) -> serde_json::Value {
        let mut body = serde_json::json!({ "user_msg": text });
        if let Some(t) = thread {
            body["thread_id"] = serde_json::json!(t);
        }
        let response = self
            .http
            .post(format!("{}/api/agent/messages", self.url))
            .header("X-Frontdesk-Client", "widget")
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        response.json().await.unwrap()
    }
}
