//! Every 4xx speaks the error contract, and none of them loses or adds a stored
//! message.

use reqwest::StatusCode;
use uuid::Uuid;

use crate::support::{assert_error, send, TestServer, SHOP_ORIGIN};

#[tokio::test]
async fn bad_requests_get_json_errors_and_lose_nothing() {
    let server = TestServer::start().await;
    let token = server.session().await;
    let (_, reply) = server.ask(&token, None, "what's your return window?").await;
    let thread: Uuid = reply["thread_id"].as_str().unwrap().parse().unwrap();
    let stored = server.all_messages().await;
    let messages = || server.post("/api/agent/messages").bearer_auth(&token);

    let cases: Vec<(&str, reqwest::RequestBuilder, u16, &str)> = vec![
        (
            "broken JSON",
            messages().body("{\"user_msg\": "),
            400,
            "bad_json",
        ),
        (
            "trailing garbage",
            messages().body("{\"user_msg\": \"hi\"} x"),
            400,
            "bad_json",
        ),
        (
            "missing user_msg",
            messages().json(&serde_json::json!({})),
            400,
            "invalid_request",
        ),
        (
            "wrong type",
            messages().json(&serde_json::json!({ "user_msg": 42 })),
            400,
            "invalid_request",
        ),
        (
            "unknown field",
            messages().json(&serde_json::json!({ "user_msg": "hi", "role": "system" })),
            400,
            "invalid_request",
        ),
        (
            "malformed thread id",
            messages().json(&serde_json::json!({ "user_msg": "hi", "thread_id": "nope" })),
            400,
            "invalid_request",
        ),
        (
            "empty message",
            messages().json(&serde_json::json!({ "user_msg": "   " })),
            400,
            "empty_message",
        ),
        (
            "too long",
            messages().json(&serde_json::json!({ "user_msg": "a".repeat(2_001) })),
            400,
            "message_too_long",
        ),
        (
            "oversized body",
            messages().json(&serde_json::json!({ "user_msg": "a".repeat(40_000) })),
            413,
            "body_too_large",
        ),
        (
            "not JSON",
            server
                .http
                .post(server.url("/api/agent/messages"))
                .bearer_auth(&token)
                .header("X-Frontdesk-Client", "widget")
                .header("Content-Type", "text/plain")
                .body("hello"),
            415,
            "unsupported_media_type",
        ),
        (
            "unknown thread",
            messages().json(&serde_json::json!({ "user_msg": "hi", "thread_id": Uuid::now_v7() })),
            404,
            "thread_not_found",
        ),
        (
            "no token",
            server
                .post("/api/agent/messages")
                .json(&serde_json::json!({ "user_msg": "hi" })),
            401,
            "unauthorized",
        ),
        (
            "forged token",
            server
                .post("/api/agent/messages")
                .bearer_auth(format!(
                    "fds1.{}.{}",
                    chrono::Utc::now().timestamp() + 600,
                    "A".repeat(43)
                ))
                .json(&serde_json::json!({ "user_msg": "hi" })),
            401,
            "invalid_token",
        ),
        (
            "expired token",
            server
                .post("/api/agent/messages")
                .bearer_auth(format!(
                    "fds1.{}.{}",
                    chrono::Utc::now().timestamp() - 60,
                    "A".repeat(43)
                ))
                .json(&serde_json::json!({ "user_msg": "hi" })),
            401,
            "token_expired",
        ),
        (
            "an admin token is not a session",
            server
                .post("/api/agent/messages")
                .bearer_auth(crate::support::ADMIN_TOKEN)
                .json(&serde_json::json!({ "user_msg": "hi" })),
            401,
            "invalid_token",
        ),
        (
            "no CSRF header",
            server
                .http
                .post(server.url("/api/agent/messages"))
                .bearer_auth(&token)
                .json(&serde_json::json!({ "user_msg": "hi", "thread_id": thread })),
            403,
            "csrf_rejected",
        ),
        (
            "a cross-site form",
            server
                .http
                .post(server.url("/api/agent/messages"))
                .header("Origin", "https://evil.example")
                .form(&[("user_msg", "hi")]),
            403,
            "csrf_rejected",
        ),
        (
            "an origin that is not allowed",
            messages()
                .header("Origin", "https://evil.example")
                .json(&serde_json::json!({ "user_msg": "hi", "thread_id": thread })),
            403,
            "csrf_rejected",
        ),
        (
            "unknown route",
            server.http.get(server.url("/api/agent/nope")),
            404,
            "not_found",
        ),
        (
            "wrong method",
            server.http.get(server.url("/api/agent/messages")),
            405,
            "method_not_allowed",
        ),
        (
            "malformed thread path",
            server
                .http
                .get(server.url("/api/agent/thread/not-a-uuid"))
                .bearer_auth(&token),
            404,
            "thread_not_found",
        ),
        (
            "bad history limit",
            server
                .http
                .get(server.url(&format!("/api/agent/thread/{thread}?limit=lots")))
                .bearer_auth(&token),
            400,
            "invalid_request",
        ),
        (
            "bad feedback rating",
            server
                .post("/api/agent/feedback")
                .bearer_auth(&token)
                .json(&serde_json::json!({
                    "thread_id": thread, "message_id": reply["message_id"], "rating": "meh"
                })),
            400,
            "invalid_request",
        ),
    ];
    for (name, request, status, code) in cases {
        let got = send(request).await;
        assert_eq!(got.0.as_u16(), status, "{name}: {}", got.1);
        assert_error(&got, status, code);
    }
    assert_eq!(
        server.all_messages().await,
        stored,
        "no error stored or lost a message"
    );

    // an allowed origin passes the same check
    let (status, ok) = send(
        messages()
            .header("Origin", SHOP_ORIGIN)
            .json(&serde_json::json!({ "user_msg": "thanks", "thread_id": thread })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{ok}");
    server.stop().await;
}

#[tokio::test]
async fn another_session_cannot_see_or_touch_a_thread() {
    let server = TestServer::start().await;
    let owner = server.session().await;
    let stranger = server.session().await;
    let (_, reply) = server
        .ask(
            &owner,
            None,
            "where is my order 1042? my email is maria.rossi@example.com",
        )
        .await;
    let thread = reply["thread_id"].as_str().unwrap().to_string();
    let stored = server.all_messages().await;

    let attempts = vec![
        server
            .http
            .get(server.url(&format!("/api/agent/thread/{thread}")))
            .bearer_auth(&stranger),
        server
            .http
            .get(server.url(&format!("/api/agent/thread/{thread}/events")))
            .bearer_auth(&stranger),
        server
            .post("/api/agent/messages")
            .bearer_auth(&stranger)
            .json(&serde_json::json!({ "thread_id": thread, "user_msg": "what did they order?" })),
        server
            .post("/api/agent/handoff")
            .bearer_auth(&stranger)
            .json(&serde_json::json!({ "thread_id": thread })),
        server
            .post("/api/agent/feedback")
            .bearer_auth(&stranger)
            .json(&serde_json::json!({
                "thread_id": thread, "message_id": reply["message_id"], "rating": "down"
            })),
    ];
    for request in attempts {
        let got = send(request).await;
        // someone else's thread reads exactly like one that does not exist
        assert_error(&got, 404, "thread_not_found");
    }
    assert_eq!(server.all_messages().await, stored);
    let status: String = sqlx::query_scalar("SELECT status FROM threads WHERE id = $1::uuid")
        .bind(&thread)
        .fetch_one(&server.state.pool)
        .await
        .unwrap();
    assert_eq!(status, "bot", "the stranger's handoff did nothing");

    // an operator may read it
    let (status, view) = send(
        server
            .http
            .get(server.url(&format!("/api/agent/thread/{thread}")))
            .bearer_auth(crate::support::VIEWER_TOKEN),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    server.stop().await;
}
