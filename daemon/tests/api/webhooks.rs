//! Webhooks out: a ticket created through the widget reaches the receiver HMAC-signed,
//! a failing receiver is retried, and every attempt is recorded.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use frontdesk::config::{Secret, WebhookEndpoint};

use crate::support::TestServer;

const SECRET: &str = "webhook-secret-0123456789abcdef";

#[derive(Default)]
struct Received {
    calls: Vec<(HeaderMap, String)>,
}

#[tokio::test]
async fn ticket_created_is_signed_retried_and_recorded() {
    let received = Arc::new(Mutex::new(Received::default()));
    let seen = received.clone();
    let receiver = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, body: String| {
            let seen = seen.clone();
            async move {
                let mut r = seen.lock().unwrap();
                r.calls.push((headers, body));
                // the first delivery fails, as a site under maintenance would
                if r.calls.len() == 1 {
                    StatusCode::SERVICE_UNAVAILABLE
                } else {
                    StatusCode::OK
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, receiver).await });

    let server = TestServer::start_with(|c| {
        c.webhooks.endpoints.insert(
            "wordpress".into(),
            WebhookEndpoint {
                url,
                secret: Secret::new(SECRET),
                key_id: "k1".into(),
                format: Default::default(),
                events: vec!["ticket.created".into()],
            },
        );
    })
    .await;
    let token = server.session().await;
    let (_, reply) = server
        .ask(&token, None, "you useless piece of junk bot")
        .await;
    let number = reply["ticket_number"]
        .as_i64()
        .expect("the abusive message opened a ticket");

    let mut delivered = false;
    for _ in 0..100 {
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM webhook_deliveries LIMIT 1")
                .fetch_optional(&server.state.pool)
                .await
                .unwrap();
        if status.as_deref() == Some("delivered") {
            delivered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(delivered, "delivered after a retry");
    let calls = std::mem::take(&mut received.lock().unwrap().calls);
    assert_eq!(calls.len(), 2, "one failure, one success");
    let (headers, body) = &calls[1];
    assert_eq!(headers["x-frontdesk-event"], "ticket.created");
    assert_eq!(headers["x-frontdesk-key-id"], "k1");
    assert_eq!(
        headers["x-frontdesk-delivery"], calls[0].0["x-frontdesk-delivery"],
        "same delivery id on retry"
    );
    let signature = headers["x-frontdesk-signature"].to_str().unwrap();
    let now = chrono::Utc::now().timestamp();
    assert!(frontdesk::webhooks::verify_signature(
        SECRET,
        signature,
        body.as_bytes(),
        now,
        300
    ));
    assert!(!frontdesk::webhooks::verify_signature(
        "other",
        signature,
        body.as_bytes(),
        now,
        300
    ));
    let payload: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(payload["event"], "ticket.created");
    assert_eq!(payload["data"]["ticket"]["number"], number);
    assert_eq!(payload["data"]["ticket"]["reason"], "abusive");

    let attempts: Vec<(i32, Option<i32>)> =
        sqlx::query_as("SELECT attempt, http_status FROM webhook_attempts ORDER BY attempt")
            .fetch_all(&server.state.pool)
            .await
            .unwrap();
    assert_eq!(attempts, [(1, Some(503)), (2, Some(200))]);
    server.stop().await;
}
