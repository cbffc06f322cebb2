//! The live event stream against a stand-in that drops the connection: the client
//! reconnects by itself and resumes with `Last-Event-ID`, so nothing is missed and
//! nothing arrives twice.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use agent_console::client::{Client, Live, Reconnect};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use frontdesk_redact::Secret;
use futures_util::stream::{self, BoxStream, StreamExt};
use tokio::sync::mpsc;

/// The queue's events as agentd would keep them.
const EVENTS: [&str; 3] = ["1764066600000-0", "1764066600000-1", "1764066605000-0"];

#[derive(Clone, Copy)]
enum Drop {
    /// The first connection ends cleanly after two events.
    Close,
    /// The first connection breaks (an error mid-body) after one event.
    Break,
    /// The first connection goes silent: no events, no keep-alives.
    Silence,
    /// Every connection is refused: the token is not valid.
    Refuse,
}

#[derive(Clone)]
struct Stand {
    mode: Drop,
    /// The `Last-Event-ID` of each connection, in order.
    resumes: Arc<Mutex<Vec<Option<String>>>>,
}

fn event(id: &str) -> Result<Event, std::io::Error> {
    Ok(Event::default().id(id).event("thread").data(format!(
        r#"{{"thread_id":"0190f3a2-0000-7000-8000-000000000001","seq":"{id}"}}"#
    )))
}

async fn events(State(stand): State<Stand>, headers: HeaderMap) -> Response {
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let first = {
        let mut seen = stand.resumes.lock().unwrap();
        seen.push(resume.clone());
        seen.len() == 1
    };
    if let Drop::Refuse = stand.mode {
        let body = serde_json::json!({"error": {"code": "invalid_token", "message": "the admin token is not valid"}});
        return (StatusCode::UNAUTHORIZED, Json(body)).into_response();
    }
    // replay after the resume point, as agentd does
    let after: Vec<&str> = EVENTS
        .iter()
        .copied()
        .skip_while(|id| resume.as_deref().is_some_and(|r| *id <= r))
        .collect();
    let body: BoxStream<'static, Result<Event, std::io::Error>> = match (first, stand.mode) {
        (true, Drop::Close) => stream::iter(after.into_iter().take(2).map(event)).boxed(),
        (true, Drop::Break) => stream::iter(after.into_iter().take(1).map(event))
            .chain(stream::once(async {
                // let the event reach the client before the connection breaks
                tokio::time::sleep(Duration::from_millis(50)).await;
                Err(std::io::Error::other("connection lost"))
            }))
            .boxed(),
        (true, Drop::Silence) => stream::pending().boxed(),
        // later connections replay the rest and stay open
        _ => stream::iter(after.into_iter().map(event))
            .chain(stream::pending())
            .boxed(),
    };
    Sse::new(body).into_response()
}

async fn stand_in(mode: Drop) -> (Client, Arc<Mutex<Vec<Option<String>>>>) {
    let stand = Stand {
        mode,
        resumes: Arc::default(),
    };
    let resumes = stand.resumes.clone();
    let app = Router::new()
        .route("/admin/agent/events", get(events))
        .with_state(stand);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let client = Client::new(&url, Secret::new(crate::client_http::TOKEN)).unwrap();
    (client, resumes)
}

fn fast() -> Reconnect {
    Reconnect {
        first: Duration::from_millis(20),
        max: Duration::from_millis(200),
        idle: Duration::from_millis(300),
        stable: Duration::from_secs(10),
    }
}

/// Follows the stream until `count` events arrived; returns everything it reported.
async fn follow_until(client: Client, count: usize) -> Vec<Live> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let task =
        tokio::spawn(async move { client.follow(fast(), move |l| tx.send(l).is_ok()).await });
    let mut seen = Vec::new();
    let collect = async {
        while let Some(live) = rx.recv().await {
            let done = matches!(live, Live::Refused(_));
            seen.push(live);
            let events = seen.iter().filter(|l| matches!(l, Live::Event(_))).count();
            if events >= count || done {
                break;
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(10), collect)
        .await
        .expect("the events arrive in time");
    task.abort();
    seen
}

fn ids(seen: &[Live]) -> Vec<String> {
    seen.iter()
        .filter_map(|l| match l {
            Live::Event(e) => e.id.clone(),
            _ => None,
        })
        .collect()
}

/// Connected / event / lost, in order, to compare whole runs.
fn shape(seen: &[Live]) -> Vec<&'static str> {
    seen.iter()
        .map(|l| match l {
            Live::Connected => "connected",
            Live::Event(_) => "event",
            Live::Lost { .. } => "lost",
            Live::Refused(_) => "refused",
        })
        .collect()
}

#[tokio::test]
async fn resumes_after_the_server_closes_the_stream() {
    let (client, resumes) = stand_in(Drop::Close).await;
    let seen = follow_until(client, 3).await;
    assert_eq!(ids(&seen), EVENTS);
    assert_eq!(
        shape(&seen),
        ["connected", "event", "event", "lost", "connected", "event"]
    );
    assert_eq!(
        *resumes.lock().unwrap(),
        [None, Some(EVENTS[1].to_string())]
    );
    let Some(Live::Event(e)) = seen.get(1) else {
        panic!("{seen:?}")
    };
    assert_eq!(e.kind, "thread");
    assert_eq!(e.thread_id(), Some(crate::support::id(1)));
}

#[tokio::test]
async fn resumes_after_the_connection_breaks() {
    let (client, resumes) = stand_in(Drop::Break).await;
    let seen = follow_until(client, 3).await;
    assert_eq!(ids(&seen), EVENTS);
    assert_eq!(
        *resumes.lock().unwrap(),
        [None, Some(EVENTS[0].to_string())]
    );
    let lost = seen.iter().find_map(|l| match l {
        Live::Lost {
            attempt, retry_in, ..
        } => Some((*attempt, *retry_in)),
        _ => None,
    });
    assert_eq!(lost, Some((1, Duration::from_millis(20))));
}

#[tokio::test]
async fn a_silent_stream_counts_as_dropped() {
    let (client, resumes) = stand_in(Drop::Silence).await;
    let seen = follow_until(client, 3).await;
    assert_eq!(ids(&seen), EVENTS);
    let Some(Live::Lost { error, .. }) = seen.get(1) else {
        panic!("{seen:?}")
    };
    assert!(error.starts_with("no word from agentd"), "{error}");
    assert_eq!(*resumes.lock().unwrap(), [None, None]);
}

#[tokio::test]
async fn a_refused_token_stops_the_stream() {
    let (client, resumes) = stand_in(Drop::Refuse).await;
    let (tx, mut rx) = mpsc::unbounded_channel();
    // follow returns by itself: no retry loop
    tokio::time::timeout(
        Duration::from_secs(5),
        client.follow(fast(), move |l| tx.send(l).is_ok()),
    )
    .await
    .expect("follow gives up on a refused token");
    let first = rx.recv().await;
    assert!(
        matches!(&first, Some(Live::Refused(e)) if e.code() == Some("invalid_token")),
        "{first:?}"
    );
    assert_eq!(resumes.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn backoff_grows_while_connections_keep_failing() {
    // nothing listens here
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::new(&url, Secret::new("t")).unwrap();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let task =
        tokio::spawn(async move { client.follow(fast(), move |l| tx.send(l).is_ok()).await });
    let mut delays = Vec::new();
    while delays.len() < 5 {
        if let Some(Live::Lost { retry_in, .. }) = rx.recv().await {
            delays.push(retry_in.as_millis());
        }
    }
    task.abort();
    assert_eq!(delays, [20, 40, 80, 160, 200]);
}

/// A stand-in that writes raw bytes: an event whose "é" is split between two writes,
/// after keep-alive comments spaced closer than the idle limit but longer in total.
async fn raw_stand_in() -> Client {
    async fn raw() -> Response {
        let thread = "0190f3a2-0000-7000-8000-000000000001";
        let mut parts: Vec<(u64, Vec<u8>)> = (0..4)
            .map(|_| (100, b": keep-alive\n\n".to_vec()))
            .collect();
        let head = format!(
            "id: 1764066600000-0\nevent: thread\ndata: {{\"thread_id\":\"{thread}\",\"note\":\"caf"
        );
        let mut first = head.into_bytes();
        first.push(0xc3);
        parts.push((0, first));
        parts.push((50, b"\xa9\"}\n\n".to_vec()));
        let body = stream::iter(parts)
            .then(|(wait, bytes)| async move {
                tokio::time::sleep(Duration::from_millis(wait)).await;
                Ok::<_, std::io::Error>(bytes)
            })
            .chain(stream::pending());
        Response::builder()
            .header("content-type", "text/event-stream")
            .body(axum::body::Body::from_stream(body))
            .unwrap()
    }
    let app = Router::new().route("/admin/agent/events", get(raw));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    Client::new(&url, Secret::new(crate::client_http::TOKEN)).unwrap()
}

#[tokio::test]
async fn keep_alives_hold_the_stream_and_split_characters_arrive_whole() {
    let seen = follow_until(raw_stand_in().await, 1).await;
    // 400 ms of keep-alives only, past the 300 ms idle limit: still one connection
    assert_eq!(shape(&seen), ["connected", "event"], "{seen:?}");
    let Some(Live::Event(e)) = seen.get(1) else {
        panic!("{seen:?}")
    };
    assert_eq!(e.id.as_deref(), Some("1764066600000-0"));
    assert!(e.data.ends_with(r#""note":"café"}"#), "{}", e.data);
    assert_eq!(e.thread_id(), Some(crate::support::id(1)));
}
