//! The widget's happy paths: a session, a question answered with a citation, the
//! thread read back, a streamed answer, feedback, and the "talk to a human" button.

use reqwest::StatusCode;
use uuid::Uuid;

use crate::support::{assert_error, parse_sse, send, TestServer};

#[tokio::test]
async fn question_answered_with_citation_and_thread_read_back() {
    let server = TestServer::start().await;
    let token = server.session().await;

    let (status, reply) = server
        .ask(&token, None, "how long do I have to send back a kettle")
        .await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    assert_eq!(reply["outcome"], "answered", "{reply}");
    assert_eq!(reply["thread_status"], "bot");
    assert!(
        reply["answer"].as_str().unwrap().contains("30 days"),
        "{reply}"
    );
    let citation = &reply["citations"][0];
    assert_eq!(citation["title"], "Returns and refunds", "{reply}");
    assert_eq!(
        citation["url"],
        "https://copperandkettle.example/help/returns"
    );
    let thread: Uuid = reply["thread_id"].as_str().unwrap().parse().unwrap();

    let (status, again) = server
        .ask(&token, Some(thread), "and how long do refunds take?")
        .await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["thread_id"], reply["thread_id"]);

    let (status, view) = send(
        server
            .http
            .get(server.url(&format!("/api/agent/thread/{thread}")))
            .bearer_auth(&token),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    let roles: Vec<&str> = view["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["user", "assistant", "user", "assistant"], "{view}");
    assert_eq!(
        view["messages"][0]["content"],
        "how long do I have to send back a kettle"
    );
    assert_eq!(view["messages"][1]["content"], reply["answer"]);
    assert_eq!(
        view["messages"][1]["citations"][0]["title"],
        "Returns and refunds"
    );
    assert_eq!(view["status"], "bot");

    let (status, limited) = send(
        server
            .http
            .get(server.url(&format!("/api/agent/thread/{thread}?limit=1")))
            .bearer_auth(&token),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(limited["messages"].as_array().unwrap().len(), 1);
    assert_eq!(
        limited["messages"][0]["id"], again["message_id"],
        "the latest one"
    );
    server.stop().await;
}

#[tokio::test]
async fn streamed_answer_is_released_in_sentences_then_done() {
    let server = TestServer::start().await;
    let token = server.session().await;
    let response = server
        .post("/api/agent/messages")
        .bearer_auth(&token)
        .header("Accept", "text/event-stream")
        .json(&serde_json::json!({ "user_msg": "where is my order 1042? my email is maria.rossi@example.com" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    let events = parse_sse(&response.text().await.unwrap());
    let names: Vec<&str> = events.iter().map(|(e, _)| e.as_str()).collect();
    assert_eq!(names.first(), Some(&"meta"), "{names:?}");
    assert_eq!(names.last(), Some(&"done"), "{names:?}");
    assert!(names.contains(&"status"));
    let first_delta = names.iter().position(|n| *n == "delta").expect("deltas");
    let last_status = names.iter().rposition(|n| *n == "status").unwrap();
    assert!(
        first_delta > last_status,
        "sentences come only after the guardrail: {names:?}"
    );

    let deltas: String = events
        .iter()
        .filter(|(e, _)| e == "delta")
        .map(|(_, d)| d["text"].as_str().unwrap())
        .collect();
    let done = &events.last().unwrap().1;
    assert_eq!(
        deltas,
        done["answer"].as_str().unwrap(),
        "the deltas add up to the answer"
    );
    assert!(
        events.iter().filter(|(e, _)| e == "delta").count() >= 2,
        "more than one sentence"
    );
    assert!(deltas.contains("DHL"), "{deltas}");
    assert_eq!(events[0].1["thread_id"], done["thread_id"]);

    let stored: String = sqlx::query_scalar("SELECT content FROM messages WHERE id = $1")
        .bind(
            done["message_id"]
                .as_str()
                .unwrap()
                .parse::<Uuid>()
                .unwrap(),
        )
        .fetch_one(&server.state.pool)
        .await
        .unwrap();
    assert_eq!(stored, deltas, "what streamed is what was stored");
    server.stop().await;
}

#[tokio::test]
async fn feedback_is_stored_once_per_answer() {
    let server = TestServer::start().await;
    let token = server.session().await;
    let (_, reply) = server.ask(&token, None, "what's your return window?").await;
    let body = |rating: &str| {
        serde_json::json!({
            "thread_id": reply["thread_id"], "message_id": reply["message_id"],
            "rating": rating, "tags": ["Helpful"], "comment": "mail me at ann@example.com"
        })
    };
    let (status, first) = send(
        server
            .post("/api/agent/feedback")
            .bearer_auth(&token)
            .json(&body("up")),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(first["rating"], "up");
    let (status, second) = send(
        server
            .post("/api/agent/feedback")
            .bearer_auth(&token)
            .json(&body("down")),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{second}");
    let rows: Vec<(String, Vec<String>, Option<String>)> =
        sqlx::query_as("SELECT rating, tags, comment FROM feedback")
            .fetch_all(&server.state.pool)
            .await
            .unwrap();
    assert_eq!(rows.len(), 1, "the second rating replaced the first");
    assert_eq!(rows[0].0, "down");
    assert_eq!(rows[0].1, ["helpful"]);
    assert_eq!(
        rows[0].2.as_deref(),
        Some("mail me at [email]"),
        "PII masked in comments"
    );

    // the customer's own message is not an answer to rate
    let user_msg = serde_json::json!({
        "thread_id": reply["thread_id"], "message_id": reply["user_message_id"], "rating": "up"
    });
    assert_error(
        &send(
            server
                .post("/api/agent/feedback")
                .bearer_auth(&token)
                .json(&user_msg),
        )
        .await,
        404,
        "message_not_found",
    );
    server.stop().await;
}

#[tokio::test]
async fn talk_to_a_human_queues_the_thread_and_the_bot_stays_silent() {
    let server = TestServer::start().await;
    let token = server.session().await;
    let (_, reply) = server.ask(&token, None, "do you ship to the UK?").await;
    let thread = reply["thread_id"].clone();

    let (status, handoff) = send(
        server
            .post("/api/agent/handoff")
            .bearer_auth(&token)
            .json(&serde_json::json!({ "thread_id": thread })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{handoff}");
    assert_eq!(handoff["thread_status"], "waiting_human");
    assert_eq!(handoff["position"], 1);
    assert!(
        handoff["message"]
            .as_str()
            .unwrap()
            .contains("next in the queue"),
        "{handoff}"
    );

    let thread_id: Uuid = thread.as_str().unwrap().parse().unwrap();
    let before = server.messages_in(thread_id).await;
    let (status, silent) = server
        .ask(&token, Some(thread_id), "hello? anyone there?")
        .await;
    assert_eq!(status, StatusCode::OK, "{silent}");
    assert_eq!(silent["outcome"], "handoff");
    assert_eq!(
        silent["message_id"],
        serde_json::Value::Null,
        "the bot did not answer"
    );
    assert_eq!(silent["thread_status"], "waiting_human");
    assert_eq!(
        server.messages_in(thread_id).await,
        before + 1,
        "the customer's message is kept"
    );
    server.stop().await;
}
