//! Tickets: idempotency per thread and reason in the real `tickets` table, and the
//! webhook back end against a local helpdesk speaking Zendesk's `tickets.json` format.

use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use frontdesk::config::{Secret, TicketBackendKind, TicketWebhookConfig, TicketsConfig};
use frontdesk::tickets::{
    ticket_backend, BuiltinTickets, NewTicket, Priority, TicketBackend, TicketError, WebhookTickets,
};
use serde_json::{json, Value};
use sqlx::PgPool;
use uuid::Uuid;

use crate::support::{self, TestDb};

async fn thread(pool: &PgPool) -> Uuid {
    let id = Uuid::now_v7();
    sqlx::query("INSERT INTO threads (id) VALUES ($1)")
        .bind(id)
        .execute(pool)
        .await
        .unwrap();
    id
}

fn new_ticket(thread_id: Option<Uuid>, reason: &str) -> NewTicket {
    NewTicket {
        thread_id,
        reason: reason.into(),
        email: Some("maria.rossi@example.com".into()),
        subject: "Order 1042 has not arrived".into(),
        body: "The customer asks for a person about order 1042.".into(),
        priority: Priority::High,
    }
}

/// `(delivery_status, delivery_error, external_id)` of a stored ticket.
async fn delivery(pool: &PgPool, id: Uuid) -> (Option<String>, Option<String>, Option<String>) {
    sqlx::query_as("SELECT delivery_status, delivery_error, external_id FROM tickets WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn tickets_builtin_is_idempotent_per_thread_and_reason() {
    let db = TestDb::new().await;
    let tickets = BuiltinTickets::new(db.pool.clone());
    let thread_id = thread(&db.pool).await;

    let first = tickets
        .create(&new_ticket(Some(thread_id), "customer_request"))
        .await
        .unwrap();
    let again = tickets
        .create(&new_ticket(Some(thread_id), "customer_request"))
        .await
        .unwrap();
    let other_reason = tickets
        .create(&new_ticket(Some(thread_id), "sla_degraded"))
        .await
        .unwrap();

    assert!(first.created);
    assert_eq!(first.number, 1001);
    assert_eq!(
        (first.status.as_str(), first.priority.as_str()),
        ("open", "high")
    );
    assert_eq!(first.thread_id, Some(thread_id));
    assert_eq!(first.external_id, None);
    assert!(!again.created);
    assert_eq!(again.id, first.id);
    assert_eq!(again.number, first.number);
    assert!(other_reason.created);
    assert_ne!(other_reason.id, first.id);
    assert_eq!(delivery(&db.pool, first.id).await, (None, None, None));
}

#[tokio::test]
async fn tickets_without_a_thread_are_always_new() {
    let db = TestDb::new().await;
    let tickets = BuiltinTickets::new(db.pool.clone());

    let a = tickets.create(&new_ticket(None, "abusive")).await.unwrap();
    let b = tickets.create(&new_ticket(None, "abusive")).await.unwrap();

    assert!(a.created && b.created);
    assert_ne!(a.id, b.id);
    assert_eq!(b.number, a.number + 1);
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM tickets")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(count, 2);
}

#[tokio::test]
async fn tickets_concurrent_creates_make_one_ticket() {
    let db = TestDb::new().await;
    let tickets = Arc::new(BuiltinTickets::new(db.pool.clone()));
    let thread_id = thread(&db.pool).await;

    let racers: Vec<_> = (0..4)
        .map(|_| {
            let tickets = Arc::clone(&tickets);
            tokio::spawn(async move {
                tickets
                    .create(&new_ticket(Some(thread_id), "customer_request"))
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut made = Vec::new();
    for racer in racers {
        made.push(racer.await.unwrap());
    }

    assert_eq!(made.iter().filter(|t| t.created).count(), 1);
    assert!(made.iter().all(|t| t.id == made[0].id));
}

/// What the helpdesk received: headers and JSON bodies, in order.
#[derive(Clone, Default)]
struct Helpdesk {
    requests: Arc<Mutex<Vec<(HeaderMap, Value)>>>,
}

async fn helpdesk(status: StatusCode) -> (String, Helpdesk) {
    let desk = Helpdesk::default();
    let router =
        Router::new()
            .route(
                "/api/v2/tickets.json",
                post(
                    move |State(desk): State<Helpdesk>,
                          headers: HeaderMap,
                          Json(body): Json<Value>| async move {
                        desk.requests.lock().unwrap().push((headers, body));
                        if status.is_success() {
                            (
                                status,
                                Json(json!({"ticket": {"id": 35436, "status": "new"}})),
                            )
                        } else {
                            (status, Json(json!({"error": "InternalError"})))
                        }
                    },
                ),
            )
            .with_state(desk.clone());
    let url = support::serve(router).await;
    (format!("{url}/api/v2/tickets.json"), desk)
}

fn webhook(url: &str, token: &str) -> TicketWebhookConfig {
    TicketWebhookConfig {
        url: url.into(),
        token: Secret::new(token),
        timeout_ms: 2_000,
    }
}

#[tokio::test]
async fn tickets_webhook_posts_a_zendesk_ticket_once() {
    let db = TestDb::new().await;
    let (url, desk) = helpdesk(StatusCode::CREATED).await;
    let tickets = WebhookTickets::new(&webhook(&url, "zd-token-123"), db.pool.clone()).unwrap();
    let thread_id = thread(&db.pool).await;

    let ticket = tickets
        .create(&new_ticket(Some(thread_id), "customer_request"))
        .await
        .unwrap();
    let again = tickets
        .create(&new_ticket(Some(thread_id), "customer_request"))
        .await
        .unwrap();

    assert!(ticket.created);
    assert_eq!(ticket.external_id.as_deref(), Some("35436"));
    assert!(!again.created);
    assert_eq!(
        again.external_id.as_deref(),
        Some("35436"),
        "kept in the row"
    );
    let requests = desk.requests.lock().unwrap().clone();
    assert_eq!(requests.len(), 1, "an existing ticket is not sent again");
    let (headers, body) = &requests[0];
    assert_eq!(headers["authorization"], "Bearer zd-token-123");
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(
        *body,
        json!({
            "ticket": {
                "subject": "Order 1042 has not arrived",
                "comment": {"body": "The customer asks for a person about order 1042."},
                "priority": "high",
                "requester": {"email": "maria.rossi@example.com"},
                "external_id": ticket.id.to_string(),
                "tags": ["frontdesk", "customer_request"]
            }
        })
    );
    assert_eq!(
        delivery(&db.pool, ticket.id).await,
        (Some("delivered".into()), None, Some("35436".into()))
    );
    assert_eq!(tickets.name(), "webhook");
}

#[tokio::test]
async fn tickets_webhook_without_token_or_email_sends_neither() {
    let db = TestDb::new().await;
    let (url, desk) = helpdesk(StatusCode::OK).await;
    let tickets = WebhookTickets::new(&webhook(&url, ""), db.pool.clone()).unwrap();

    let mut anonymous = new_ticket(None, "abusive");
    anonymous.email = None;
    tickets.create(&anonymous).await.unwrap();

    let (headers, body) = desk.requests.lock().unwrap()[0].clone();
    assert!(headers.get("authorization").is_none());
    assert!(body["ticket"].get("requester").is_none(), "{body}");
}

#[tokio::test]
async fn tickets_webhook_failure_keeps_the_local_ticket() {
    let db = TestDb::new().await;
    let (url, desk) = helpdesk(StatusCode::INTERNAL_SERVER_ERROR).await;
    let tickets = WebhookTickets::new(&webhook(&url, "zd-token-123"), db.pool.clone()).unwrap();
    let thread_id = thread(&db.pool).await;

    let ticket = tickets
        .create(&new_ticket(Some(thread_id), "sla_degraded"))
        .await
        .expect("the local ticket is returned");

    assert!(ticket.created);
    assert_eq!(ticket.number, 1001);
    assert_eq!(ticket.external_id, None);
    assert_eq!(desk.requests.lock().unwrap().len(), 1);
    let (status, error, external_id) = delivery(&db.pool, ticket.id).await;
    assert_eq!(status.as_deref(), Some("failed"));
    let error = error.expect("the failure is recorded");
    assert!(error.contains("500"), "{error}");
    assert_eq!(external_id, None);
}

#[tokio::test]
async fn tickets_webhook_unreachable_helpdesk_keeps_the_local_ticket() {
    let db = TestDb::new().await;
    // a port nobody listens on
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/api/v2/tickets.json");
    let tickets = WebhookTickets::new(&webhook(&url, "zd-token-123"), db.pool.clone()).unwrap();

    let ticket = tickets.create(&new_ticket(None, "abusive")).await.unwrap();

    let (status, error, _) = delivery(&db.pool, ticket.id).await;
    assert_eq!(status.as_deref(), Some("failed"));
    assert!(error.unwrap().contains("cannot reach the helpdesk"));
}

#[tokio::test]
async fn tickets_backend_follows_the_config() {
    let db = TestDb::new().await;
    let builtin = ticket_backend(&TicketsConfig::default(), db.pool.clone()).unwrap();
    assert_eq!(builtin.name(), "builtin");

    let mut config = TicketsConfig {
        backend: TicketBackendKind::Webhook,
        ..TicketsConfig::default()
    };
    let error = ticket_backend(&config, db.pool.clone()).err().unwrap();
    assert!(matches!(error, TicketError::Config(_)));
    assert!(error.to_string().contains("tickets.webhook.url"), "{error}");

    config.webhook.url = "helpdesk.example/api".into();
    let error = ticket_backend(&config, db.pool.clone()).err().unwrap();
    assert!(error.to_string().contains("not an http(s) URL"), "{error}");

    config.webhook.url = "https://acme.zendesk.com/api/v2/tickets.json".into();
    let webhook = ticket_backend(&config, db.pool.clone()).unwrap();
    assert_eq!(webhook.name(), "webhook");
}
