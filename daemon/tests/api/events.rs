//! Live thread events: a status change reaches an open stream, and a reconnect with
//! `Last-Event-ID` replays exactly what was missed.

use std::time::Duration;

use reqwest::StatusCode;

use crate::support::{parse_sse, send, TestServer};

/// Reads the stream until `want` events with data have arrived (or 10 s passed).
async fn read_events(
    response: &mut reqwest::Response,
    want: usize,
) -> Vec<(String, String, serde_json::Value)> {
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let events = with_ids(&text);
        if events.len() >= want {
            return events;
        }
        match tokio::time::timeout_at(deadline, response.chunk()).await {
            Ok(Ok(Some(bytes))) => text.push_str(&String::from_utf8_lossy(&bytes)),
            _ => return with_ids(&text),
        }
    }
}

fn with_ids(text: &str) -> Vec<(String, String, serde_json::Value)> {
    let complete = match text.rfind("\n\n") {
        Some(i) => &text[..i + 2],
        None => return Vec::new(),
    };
    complete
        .split("\n\n")
        .filter_map(|block| {
            let id = block
                .lines()
                .find_map(|l| l.strip_prefix("id:"))
                .map(|s| s.trim().to_string())?;
            let (event, data) = parse_sse(block).into_iter().next()?;
            Some((id, event, data))
        })
        .collect()
}

#[tokio::test]
async fn status_changes_stream_live_and_replay_after_a_reconnect() {
    let server = TestServer::start().await;
    let token = server.session().await;
    let (_, reply) = server.ask(&token, None, "do you ship to the UK?").await;
    let thread = reply["thread_id"].as_str().unwrap().to_string();
    let events_url = server.url(&format!("/api/agent/thread/{thread}/events"));

    let mut live = server
        .http
        .get(&events_url)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(live.status(), StatusCode::OK);
    assert!(live.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));

    let (status, _) = send(
        server
            .post("/api/agent/handoff")
            .bearer_auth(&token)
            .json(&serde_json::json!({ "thread_id": thread })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let got = read_events(&mut live, 1).await;
    assert_eq!(got.len(), 1, "{got:?}");
    let (first_id, kind, data) = &got[0];
    assert_eq!(kind, "status");
    assert_eq!(data["status"], "waiting_human");
    assert_eq!(data["position"], 1);
    drop(live);

    // while disconnected: the customer writes twice more (their message events)
    server
        .ask(&token, Some(thread.parse().unwrap()), "hello?")
        .await;
    server
        .ask(&token, Some(thread.parse().unwrap()), "still there?")
        .await;

    let mut resumed = server
        .http
        .get(&events_url)
        .bearer_auth(&token)
        .header("Last-Event-ID", first_id)
        .send()
        .await
        .unwrap();
    let replay = read_events(&mut resumed, 2).await;
    let contents: Vec<&str> = replay
        .iter()
        .map(|(_, _, d)| d["content"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        contents,
        ["hello?", "still there?"],
        "exactly what was missed, in order: {replay:?}"
    );
    assert!(
        replay.iter().all(|(id, _, _)| id != first_id),
        "nothing twice"
    );
    server.stop().await;
}
