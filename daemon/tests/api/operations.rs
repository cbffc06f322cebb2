//! Operations: readiness reports each dependency, Prometheus metrics count requests and
//! turns, the OpenAPI document describes every route, the widget and demo are served,
//! and a shutdown lets a turn in flight finish and store its answer.

use std::time::Duration;

use reqwest::StatusCode;

use crate::support::{send, TestServer};

#[tokio::test]
async fn readiness_metrics_openapi_and_assets() {
    let server = TestServer::start().await;
    let (status, ready) = send(server.http.get(server.url("/readyz"))).await;
    assert_eq!(status, StatusCode::OK, "{ready}");
    assert_eq!(ready["status"], "ready");
    for check in ["postgres", "redis", "embedding", "knowledge_base", "llm"] {
        assert_eq!(ready["checks"][check]["ok"], true, "{check}: {ready}");
    }
    assert!(ready["checks"]["embedding"]["detail"]
        .as_str()
        .unwrap()
        .contains("all-MiniLM-L6-v2"));
    assert!(ready["checks"]["llm"]["detail"]
        .as_str()
        .unwrap()
        .contains("offline"));

    let token = server.session().await;
    server.ask(&token, None, "what's your return window?").await;
    let metrics = server
        .http
        .get(server.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for name in [
        "frontdesk_http_requests_total",
        "frontdesk_turn_duration_seconds_bucket",
        "frontdesk_tool_calls_total",
        "frontdesk_llm_calls_total",
    ] {
        assert!(metrics.contains(name), "{name} missing from /metrics");
    }
    assert!(metrics.contains("path=\"rag\""), "turn latency by path");

    let (status, doc) = send(server.http.get(server.url("/api/openapi.json"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for path in [
        "/api/agent/session",
        "/api/agent/messages",
        "/api/agent/thread/{id}",
        "/api/agent/thread/{id}/events",
        "/api/agent/handoff",
        "/api/agent/feedback",
        "/admin/agent/tools",
        "/admin/agent/kb",
        "/admin/agent/kb/ingest",
        "/admin/agent/metrics",
        "/admin/agent/threads",
        "/healthz",
        "/readyz",
        "/widget.js",
        "/demo",
    ] {
        assert!(
            paths.contains(&path),
            "{path} missing from the OpenAPI document: {paths:?}"
        );
    }
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());

    let widget = server
        .http
        .get(server.url("/widget.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(widget.status(), StatusCode::OK);
    assert!(widget.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/javascript"));
    let etag = widget.headers()["etag"].to_str().unwrap().to_string();
    let again = server
        .http
        .get(server.url("/widget.js"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    let demo = server
        .http
        .get(server.url("/demo"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        demo.contains("/widget.js"),
        "the demo page loads the widget"
    );
    server.stop().await;
}

#[tokio::test]
async fn cors_allows_only_the_configured_origins() {
    let server = TestServer::start().await;
    let preflight = |origin: &str| {
        server
            .http
            .request(reqwest::Method::OPTIONS, server.url("/api/agent/messages"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "authorization,content-type,x-frontdesk-client",
            )
            .send()
    };
    let allowed = preflight(crate::support::SHOP_ORIGIN).await.unwrap();
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        crate::support::SHOP_ORIGIN
    );
    let other = preflight("https://evil.example").await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
    server.stop().await;
}

#[tokio::test]
async fn shutdown_drains_a_turn_in_flight() {
    // a model that takes a moment to answer, so the shutdown lands mid-turn
    let slow = axum::Router::new().route(
        "/v1/chat/completions",
        axum::routing::post(|| async {
            tokio::time::sleep(Duration::from_millis(1_200)).await;
            axum::Json(serde_json::json!({
                "id": "c1", "object": "chat.completion", "model": "gpt-test",
                "choices": [{ "index": 0, "finish_reason": "stop",
                    "message": { "role": "assistant", "content": "We ship to the UK in 3 to 5 days." } }],
                "usage": { "prompt_tokens": 10, "completion_tokens": 9 }
            }))
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let llm = format!("http://{}/v1", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, slow).await });

    let mut server = TestServer::start_with(|c| {
        c.llm.primary.provider = frontdesk::config::LlmProviderKind::Openai;
        c.llm.primary.base_url = llm;
        c.llm.primary.model = "gpt-test".into();
    })
    .await;
    let token = server.session().await;
    let request = server
        .post("/api/agent/messages")
        .bearer_auth(&token)
        .json(&serde_json::json!({ "user_msg": "hi, quick question" }))
        .send();
    let in_flight = tokio::spawn(request);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let stopped = server.shut_down();
    let (response, stopped) = tokio::join!(in_flight, stopped);
    stopped.expect("clean shutdown");
    let response = response
        .unwrap()
        .expect("the answer arrived before the server stopped");
    assert_eq!(response.status(), StatusCode::OK);
    let reply: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        reply["answer"], "We ship to the UK in 3 to 5 days.",
        "{reply}"
    );
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM messages WHERE role = 'assistant'")
        .fetch_one(&server.state.pool)
        .await
        .unwrap();
    assert_eq!(stored, 1, "the answer was stored");
    assert!(
        tokio::net::TcpStream::connect(server.url.trim_start_matches("http://"))
            .await
            .is_err(),
        "no longer accepting"
    );
    server.stop().await;
}
