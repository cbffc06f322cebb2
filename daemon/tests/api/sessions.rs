//! Sessions: anonymous and WordPress sign-in (the JWT checked as an attacker would try
//! it), rotation, and the verified email reaching `get_order`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use reqwest::StatusCode;

use crate::support::{assert_error, send, wp_jwt, TestServer};

#[tokio::test]
async fn a_signed_in_customer_gets_their_orders_without_typing_an_email() {
    let server = TestServer::start().await;
    let (status, session) = send(
        server
            .post("/api/agent/session")
            .json(&serde_json::json!({ "user_token": wp_jwt(|_| {}) })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{session}");
    assert_eq!(session["verified"], true);
    assert_eq!(session["display_name"], "Maria Rossi");
    let token = session["token"].as_str().unwrap();

    let (status, reply) = server.ask(token, None, "where is my order 1042?").await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    assert!(
        reply["answer"].as_str().unwrap().contains("1042"),
        "{reply}"
    );
    assert!(reply["answer"].as_str().unwrap().contains("DHL"), "{reply}");
    let email: Option<String> =
        sqlx::query_scalar("SELECT customer_email FROM threads WHERE id = $1::uuid")
            .bind(reply["thread_id"].as_str().unwrap())
            .fetch_one(&server.state.pool)
            .await
            .unwrap();
    assert_eq!(
        email.as_deref(),
        Some("maria.rossi@example.com"),
        "identity from the JWT"
    );

    // an order that is not hers reads as "no such order", whatever email she types
    let (_, other) = server
        .ask(
            token,
            None,
            "where is order 1043? my email is ann@example.com",
        )
        .await;
    assert!(
        !other["answer"].as_str().unwrap().contains("1043 is"),
        "{other}"
    );

    // an anonymous visitor asking the same gets asked for the email
    let anon = server.session().await;
    let (_, anon_reply) = server.ask(&anon, None, "where is my order 1042?").await;
    assert!(
        !anon_reply["answer"].as_str().unwrap().contains("DHL"),
        "{anon_reply}"
    );

    // the same customer on another page load gets the same session, so her thread
    let again = server.session_for(Some(&wp_jwt(|_| {}))).await;
    let (status, _) = send(
        server
            .http
            .get(server.url(&format!(
                "/api/agent/thread/{}",
                reply["thread_id"].as_str().unwrap()
            )))
            .bearer_auth(&again),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    server.stop().await;
}

#[tokio::test]
async fn bad_wordpress_tokens_are_refused() {
    let server = TestServer::start().await;
    let now = chrono::Utc::now().timestamp();
    let good = wp_jwt(|_| {});
    let payload = good.split('.').nth(1).unwrap().to_string();
    let none_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT","kid":"k1"}"#);
    let rs_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","typ":"JWT","kid":"k1"}"#);
    let cases = [
        (
            "expired",
            wp_jwt(|c| {
                c["iat"] = (now - 900).into();
                c["exp"] = (now - 600).into();
            }),
            "token_expired",
        ),
        (
            "forged",
            frontdesk::auth::jwt::sign(
                &serde_json::from_slice(&URL_SAFE_NO_PAD.decode(&payload).unwrap()).unwrap(),
                "k1",
                "not-the-shared-secret-not-the-shared",
            ),
            "invalid_token",
        ),
        (
            "alg none",
            format!("{none_header}.{payload}."),
            "invalid_token",
        ),
        (
            "alg none with a signature",
            format!(
                "{none_header}.{payload}.{}",
                good.split('.').nth(2).unwrap()
            ),
            "invalid_token",
        ),
        (
            "RS256",
            format!("{rs_header}.{payload}.{}", good.split('.').nth(2).unwrap()),
            "invalid_token",
        ),
        (
            "wrong audience",
            wp_jwt(|c| c["aud"] = "someone-else".into()),
            "invalid_token",
        ),
        (
            "unknown key id",
            {
                let claims: serde_json::Value =
                    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(&payload).unwrap()).unwrap();
                frontdesk::auth::jwt::sign(&claims, "k9", crate::support::WP_SECRET)
            },
            "invalid_token",
        ),
        (
            "too long-lived",
            wp_jwt(|c| c["exp"] = (now + 86_400).into()),
            "invalid_token",
        ),
        (
            "no email",
            wp_jwt(|c| {
                c.as_object_mut().unwrap().remove("email");
            }),
            "invalid_token",
        ),
        ("garbage", "not.a.jwt".to_string(), "invalid_token"),
    ];
    for (name, token, code) in cases {
        let got = send(
            server
                .post("/api/agent/session")
                .json(&serde_json::json!({ "user_token": token })),
        )
        .await;
        assert_eq!(got.0.as_u16(), 401, "{name}: {}", got.1);
        assert_error(&got, 401, code);
    }
    let sessions: Vec<String> = {
        let mut redis = server.state.redis.clone();
        redis::cmd("KEYS")
            .arg(format!(
                "{}:session:*",
                server.state.config.redis.key_prefix
            ))
            .query_async(&mut redis)
            .await
            .unwrap()
    };
    assert!(sessions.is_empty(), "no refused token opened a session");
    server.stop().await;
}

#[tokio::test]
async fn rotation_issues_a_new_token_and_retires_the_old_one() {
    let server = TestServer::start_with(|c| c.auth.session_rotation_grace_secs = 0).await;
    let old = server.session().await;
    let (_, reply) = server.ask(&old, None, "do you ship to the UK?").await;
    let thread = reply["thread_id"].as_str().unwrap().to_string();

    let (status, rotated) = send(
        server
            .post("/api/agent/session")
            .bearer_auth(&old)
            .json(&serde_json::json!({})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{rotated}");
    let new = rotated["token"].as_str().unwrap();
    assert_ne!(new, old);
    assert_eq!(rotated["expires_in"], 7200);

    let (status, _) = send(
        server
            .http
            .get(server.url(&format!("/api/agent/thread/{thread}")))
            .bearer_auth(new),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the new token opens the same session"
    );
    let got = send(
        server
            .http
            .get(server.url(&format!("/api/agent/thread/{thread}")))
            .bearer_auth(&old),
    )
    .await;
    assert_error(&got, 401, "invalid_token");
    server.stop().await;
}
