//! `agentctl ask`: one turn of the agent through the real binary, offline brain.

use std::process::{Command, Output};

use crate::support::{agentctl, binary, json_of, repo_root, TestDb};

fn ask(db: &TestDb, prefix: &str, args: &[&str]) -> Output {
    Command::new(binary("agentctl"))
        .arg("ask")
        .args(args)
        .current_dir(repo_root())
        .env("DATABASE_URL", &db.url)
        .env("FRONTDESK__REDIS__KEY_PREFIX", prefix)
        .env_remove("FRONTDESK_CONFIG")
        .output()
        .expect("agentctl runs")
}

#[tokio::test]
async fn ask_answers_an_order_question_and_continues_the_thread() {
    let db = TestDb::new().await;
    let prefix = test_support::unique_prefix("fd_e2e");
    let _keys = test_support::RedisKeys::new(&prefix);
    json_of(&agentctl(
        &db,
        &["orders", "import", "demo/orders.jsonl", "--json"],
    ));

    let first = json_of(&ask(&db, &prefix, &["where is my order 1042?", "--json"]));
    assert_eq!(first["outcome"], "answered", "{first}");
    assert!(
        first["answer"]
            .as_str()
            .unwrap()
            .contains("Please send me the email address you used for the order."),
        "{first}"
    );
    let thread = first["thread_id"].as_str().unwrap().to_string();

    let second = json_of(&ask(
        &db,
        &prefix,
        &[
            "my email is maria.rossi@example.com",
            "--thread",
            &thread,
            "--json",
        ],
    ));
    assert_eq!(second["thread_id"], thread.as_str());
    let answer = second["answer"].as_str().unwrap();
    assert!(
        answer.contains("Order #1042 is shipped") && answer.contains("JJD000390010421"),
        "{answer}"
    );
    assert_eq!(second["tool_calls"][0]["tool"], "get_order");
    let states: Vec<&str> = second["trace"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["state"].as_str().unwrap())
        .collect();
    assert_eq!(states.first(), Some(&"RECEIVED"));
    assert_eq!(states.last(), Some(&"RESPOND"));

    // the human-readable form shows the trace and the outcome
    let text = ask(&db, &prefix, &["hello"]);
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(text.status.success(), "{stdout}");
    assert!(
        stdout.contains("trace:") && stdout.contains("outcome:"),
        "{stdout}"
    );

    let empty = ask(&db, &prefix, &["   "]);
    assert_eq!(empty.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("the message is empty"));
}
