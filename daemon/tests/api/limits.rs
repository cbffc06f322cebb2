//! Abuse controls: per-IP and per-device rate limits and the new-conversation cap
//! answer 429 with Retry-After and store nothing; a session past its LLM budget is
//! answered by the offline brain without calling the remote model.

use reqwest::StatusCode;

use crate::support::{assert_error, send, TestServer};

#[tokio::test]
async fn message_rate_limit_per_ip_answers_429_and_stores_nothing() {
    let server = TestServer::start_with(|c| c.limits.messages_per_minute_per_ip = 2).await;
    let token = server.session().await;
    let (_, first) = server.ask(&token, None, "do you ship to the UK?").await;
    let thread = first["thread_id"].as_str().unwrap().parse().unwrap();
    let (status, _) = server.ask(&token, Some(thread), "and to the US?").await;
    assert_eq!(status, StatusCode::OK);
    let stored = server.all_messages().await;

    let response = server
        .post("/api/agent/messages")
        .bearer_auth(&token)
        .json(&serde_json::json!({ "thread_id": thread, "user_msg": "and to Canada?" }))
        .send()
        .await
        .unwrap();
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    let got = (response.status(), response.json().await.unwrap());
    assert_error(&got, 429, "rate_limited");
    assert_eq!(
        server.all_messages().await,
        stored,
        "the refused message was not stored"
    );
    server.stop().await;
}

#[tokio::test]
async fn device_limit_and_new_conversation_cap() {
    let server = TestServer::start_with(|c| {
        c.limits.messages_per_minute_per_device = 1;
        c.limits.new_threads_per_hour_per_ip = 2;
    })
    .await;
    let token = server.session().await;
    let ask_from = |device: &str, text: &str| {
        server
            .post("/api/agent/messages")
            .bearer_auth(&token)
            .header("X-Frontdesk-Fingerprint", device)
            .json(&serde_json::json!({ "user_msg": text }))
    };
    assert_eq!(send(ask_from("device-a", "hello")).await.0, StatusCode::OK);
    assert_error(
        &send(ask_from("device-a", "hello again")).await,
        429,
        "rate_limited",
    );
    assert_eq!(
        send(ask_from("device-b", "hello")).await.0,
        StatusCode::OK,
        "another device is not limited"
    );
    // a third new conversation from the same address within the hour
    assert_error(
        &send(ask_from("device-c", "hello")).await,
        429,
        "thread_limit",
    );
    let threads: i64 = sqlx::query_scalar("SELECT count(*) FROM threads")
        .fetch_one(&server.state.pool)
        .await
        .unwrap();
    assert_eq!(threads, 2);
    server.stop().await;
}

#[tokio::test]
async fn new_sessions_are_limited_per_ip() {
    let server = TestServer::start_with(|c| c.limits.sessions_per_minute_per_ip = 2).await;
    server.session().await;
    server.session().await;
    let got = send(
        server
            .post("/api/agent/session")
            .json(&serde_json::json!({})),
    )
    .await;
    assert_error(&got, 429, "rate_limited");
    server.stop().await;
}

#[tokio::test]
async fn a_session_past_its_budget_is_answered_offline() {
    // a remote model that cannot be reached: every attempt to use it is recorded
    let server = TestServer::start_with(|c| {
        c.llm.primary.provider = frontdesk::config::LlmProviderKind::Openai;
        c.llm.primary.base_url = "http://127.0.0.1:9/v1".into();
        c.llm.primary.model = "gpt-test".into();
        c.limits.session_max_tokens = 1_000;
    })
    .await;
    let remote_calls = |pool: sqlx::PgPool| async move {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM llm_calls WHERE provider = 'openai'")
            .fetch_one(&pool)
            .await
            .unwrap()
    };
    let token = server.session().await;
    let (status, _) = server.ask(&token, None, "do you ship to the UK?").await;
    assert_eq!(status, StatusCode::OK);
    let within_budget = remote_calls(server.state.pool.clone()).await;
    assert!(within_budget >= 1, "the remote model was tried first");

    // the session has spent its tokens (as a real model's replies would have)
    let (session, _) = {
        let caller = server
            .state
            .sessions
            .resolve(&token)
            .await
            .unwrap()
            .unwrap();
        (caller, ())
    };
    let config = &server.state.config;
    frontdesk::limits::Budget::new(
        server.state.redis.clone(),
        &config.redis.key_prefix,
        config.limits.session_max_tokens,
        config.limits.session_max_cost_usd,
    )
    .record(&session.id, 1_000, 0.01)
    .await
    .unwrap();
    let (status, reply) = server
        .ask(&token, None, "how long do I have to send back a kettle")
        .await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    assert_eq!(
        reply["citations"][0]["title"], "Returns and refunds",
        "{reply}"
    );
    assert_eq!(
        remote_calls(server.state.pool.clone()).await,
        within_budget,
        "no remote call once the budget is spent"
    );
    server.stop().await;
}
