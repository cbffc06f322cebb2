//! The client against a local stand-in for agentd: each call's method, path, headers
//! and body as agentd's Agent API expects them, and answers read back into the shared
//! wire types (or agentd's error contract).

use std::sync::{Arc, Mutex};

use agent_console::client::{Client, ClientError};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use frontdesk_api::admin::TicketRequest;
use frontdesk_redact::Secret;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::support::{detail, id, queues};

pub const TOKEN: &str = "agent-token-lee";

/// One request as the stand-in saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub client: Option<String>,
    pub body: Value,
}

type Log = Arc<Mutex<Vec<Seen>>>;

fn header(h: &HeaderMap, name: &str) -> Option<String> {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

async fn record(log: &Log, method: Method, uri: &Uri, headers: &HeaderMap, body: &Bytes) {
    log.lock().unwrap().push(Seen {
        method: method.to_string(),
        path: uri.path().to_string(),
        authorization: header(headers, "authorization"),
        content_type: header(headers, "content-type"),
        client: header(headers, "x-frontdesk-client"),
        body: serde_json::from_slice(body).unwrap_or(Value::Null),
    });
}

async fn action(
    State(log): State<Log>,
    Path((thread, action)): Path<(Uuid, String)>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    record(&log, method, &uri, &headers, &body).await;
    let error = |status: StatusCode, code: &str, message: &str| {
        (
            status,
            Json(json!({"error": {"code": code, "message": message}})),
        )
            .into_response()
    };
    if thread == id(4) {
        return error(
            StatusCode::CONFLICT,
            "already_claimed",
            "sam already has this conversation",
        );
    }
    let ownership = |status: &str, assignee: Option<&str>| {
        Json(json!({"thread_id": thread, "status": status, "assignee": assignee})).into_response()
    };
    let posted = |role: &str| {
        Json(json!({"id": id(70), "thread_id": thread, "role": role,
                    "created_at": "2026-11-25T10:31:00Z"}))
        .into_response()
    };
    match action.as_str() {
        "claim" | "assign" => ownership("human", Some("lee")),
        "handback" => ownership("bot", None),
        "resolve" => ownership("resolved", None),
        "reply" => posted("human_agent"),
        "note" => posted("note"),
        "ticket" => {
            Json(json!({"number": 1001, "status": "open", "created": true})).into_response()
        }
        "typing" => StatusCode::NO_CONTENT.into_response(),
        _ => error(StatusCode::NOT_FOUND, "not_found", "no such endpoint"),
    }
}

/// A stand-in agentd on a free port; returns its URL and what it saw.
pub async fn stand_in() -> (String, Log) {
    let log: Log = Arc::default();
    let app = Router::new()
        .route("/admin/agent/queues", get(|| async { Json(queues()) }))
        .route(
            "/admin/agent/threads/{id}",
            get(|Path(thread): Path<Uuid>| async move {
                if thread == id(3) {
                    Json(detail()).into_response()
                } else {
                    (
                        StatusCode::NOT_FOUND,
                        Json(json!({"error": {"code": "thread_not_found", "message": "no such thread"}})),
                    )
                        .into_response()
                }
            }),
        )
        .route("/admin/agent/threads/{id}/{action}", post(action))
        .with_state(log.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, log)
}

fn client(url: &str) -> Client {
    // a trailing slash in the configured URL must not double up in paths
    Client::new(&format!("{url}/"), Secret::new(TOKEN)).unwrap()
}

#[tokio::test]
async fn reads_queues_and_threads() {
    let (url, _) = stand_in().await;
    let c = client(&url);
    assert_eq!(c.queues().await.unwrap().waiting, queues().waiting);
    let thread = c.thread(id(3)).await.unwrap();
    assert_eq!(thread.messages.len(), detail().messages.len());
    assert_eq!(thread.handoff, detail().handoff);
    let missing = c.thread(id(9)).await.unwrap_err();
    assert_eq!(missing.code(), Some("thread_not_found"));
}

#[tokio::test]
async fn every_action_as_agentd_expects_it() {
    let (url, log) = stand_in().await;
    let c = client(&url);
    let t = id(1);
    let claimed = c.claim(t).await.unwrap().unwrap();
    assert_eq!(claimed.assignee.as_deref(), Some("lee"));
    assert_eq!(
        c.reply(t, "Hello Ann").await.unwrap().unwrap().role,
        "human_agent"
    );
    assert_eq!(c.note(t, "VIP").await.unwrap().unwrap().role, "note");
    c.hand_back(t, None).await.unwrap();
    c.resolve(t, Some("refunded".into())).await.unwrap();
    c.assign(t, "sam").await.unwrap();
    let ticket = TicketRequest {
        subject: "Refund".into(),
        body: "Order 1042".into(),
        priority: None,
    };
    assert_eq!(c.ticket(t, &ticket).await.unwrap().unwrap().number, 1001);
    c.typing(t).await.unwrap();

    let base = format!("/admin/agent/threads/{t}");
    let expected = [
        ("claim", json!({"reason": null})),
        ("reply", json!({"text": "Hello Ann"})),
        ("note", json!({"text": "VIP"})),
        ("handback", json!({"reason": null})),
        ("resolve", json!({"reason": "refunded"})),
        ("assign", json!({"to": "sam"})),
        (
            "ticket",
            json!({"subject": "Refund", "body": "Order 1042", "priority": null}),
        ),
        ("typing", json!({})),
    ];
    let seen = log.lock().unwrap().clone();
    assert_eq!(seen.len(), expected.len());
    for (seen, (action, body)) in seen.iter().zip(expected) {
        assert_eq!(seen.method, "POST");
        assert_eq!(seen.path, format!("{base}/{action}"));
        assert_eq!(seen.body, body, "{action}");
        assert_eq!(
            seen.authorization.as_deref(),
            Some("Bearer agent-token-lee")
        );
        assert_eq!(seen.content_type.as_deref(), Some("application/json"));
        assert_eq!(seen.client.as_deref(), Some("agent-console"));
    }
}

#[tokio::test]
async fn agentds_errors_keep_their_code() {
    let (url, _) = stand_in().await;
    let error = client(&url).claim(id(4)).await.unwrap_err();
    assert_eq!(
        error,
        ClientError::Api {
            status: 409,
            code: "already_claimed".into(),
            message: "sam already has this conversation".into()
        }
    );
}

#[tokio::test]
async fn an_unreachable_agentd_is_a_network_error() {
    // a port that was free a moment ago
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let error = client(&url).queues().await.unwrap_err();
    assert!(matches!(error, ClientError::Network(_)), "{error:?}");
}

#[test]
fn only_http_urls() {
    assert!(Client::new("ftp://agentd", Secret::new("t")).is_err());
    assert!(Client::new("agentd:8080", Secret::new("t")).is_err());
    assert!(Client::new("https://support.example.com/frontdesk", Secret::new("t")).is_ok());
}
