//! The Agent API end to end over HTTP: a customer asks for a person, an agent sees the
//! thread in the queue, claims it (two at once: one wins), replies — the customer's
//! live stream receives it — writes an internal note the customer never sees, hands
//! back, and the bot answers again. Slack hears about handoffs and takeovers.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;

use crate::support::{
    assert_error, parse_sse, send, TestServer, ADMIN_TOKEN, AGENT_TOKEN, VIEWER_TOKEN,
};

const ANA_TOKEN: &str = "ana-token-0123456789abcdefgh";

fn with_ana(c: &mut frontdesk::config::Config) {
    c.auth.admin_tokens.insert(
        "ana".into(),
        frontdesk::config::AdminToken {
            token: frontdesk::config::Secret::new(ANA_TOKEN),
            role: frontdesk::config::Role::Agent,
            display_name: Some("Ana".into()),
        },
    );
}

/// Reads `response` until an event matching `want` arrived (10 s at most).
async fn wait_for_event(
    response: &mut reqwest::Response,
    want: impl Fn(&str, &Value) -> bool,
) -> Value {
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        if let Some((_, data)) = parse_sse(&text).into_iter().find(|(e, d)| want(e, d)) {
            return data;
        }
        match tokio::time::timeout_at(deadline, response.chunk()).await {
            Ok(Ok(Some(bytes))) => text.push_str(&String::from_utf8_lossy(&bytes)),
            _ => panic!("the event never came; got:\n{text}"),
        }
    }
}

fn action(server: &TestServer, token: &str, thread: &str, what: &str) -> reqwest::RequestBuilder {
    server
        .http
        .post(server.url(&format!("/admin/agent/threads/{thread}/{what}")))
        .bearer_auth(token)
}

#[tokio::test]
async fn a_person_takes_over_replies_and_hands_back() {
    let server = TestServer::start_with(with_ana).await;
    let customer = server.session().await;
    let (_, first) = server
        .ask(
            &customer,
            None,
            "I want to speak to a person about my refund",
        )
        .await;
    assert_eq!(first["thread_status"], "waiting_human", "{first}");
    assert!(
        first["answer"]
            .as_str()
            .unwrap()
            .contains("next in the queue"),
        "{first}"
    );
    let thread = first["thread_id"].as_str().unwrap().to_string();

    // the queue shows it, with the reason and the wait
    let (status, queues) = send(
        server
            .http
            .get(server.url("/admin/agent/queues"))
            .bearer_auth(AGENT_TOKEN),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{queues}");
    let waiting = &queues["waiting"][0];
    assert_eq!(waiting["thread_id"], thread.as_str(), "{queues}");
    assert!(waiting["waiting_secs"].as_i64().unwrap() >= 0);
    assert_eq!(waiting["overdue"], false);
    assert_eq!(queues["mine"].as_array().unwrap().len(), 0);
    let (_, detail) = send(
        server
            .http
            .get(server.url(&format!("/admin/agent/threads/{thread}")))
            .bearer_auth(AGENT_TOKEN),
    )
    .await;
    assert!(
        detail["handoff"]["summary"]
            .as_str()
            .unwrap()
            .contains("refund"),
        "{detail}"
    );

    let mut live = server
        .http
        .get(server.url(&format!("/api/agent/thread/{thread}/events")))
        .bearer_auth(&customer)
        .send()
        .await
        .unwrap();

    // two agents claim at once: one wins, the other is told who
    let (a, b) = tokio::join!(
        send(action(&server, AGENT_TOKEN, &thread, "claim")),
        send(action(&server, ANA_TOKEN, &thread, "claim"))
    );
    let (winner, loser) = if a.0 == StatusCode::OK {
        (a, b)
    } else {
        (b, a)
    };
    assert_eq!(winner.0, StatusCode::OK, "{}", winner.1);
    assert_error(&loser, 409, "already_claimed");
    let owner = winner.1["assignee"].as_str().unwrap().to_string();
    assert!(
        loser.1["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with(&owner),
        "{}",
        loser.1
    );
    let (token, shown) = if owner == "sam" {
        (AGENT_TOKEN, "Sam")
    } else {
        (ANA_TOKEN, "Ana")
    };
    let other = if owner == "sam" {
        ANA_TOKEN
    } else {
        AGENT_TOKEN
    };

    let claimed = wait_for_event(&mut live, |e, d| e == "status" && d["status"] == "human").await;
    assert_eq!(claimed["assignee"], shown, "the customer sees who joined");

    // only the owner replies; the customer's stream receives it live
    assert_error(
        &send(action(&server, other, &thread, "reply").json(&serde_json::json!({ "text": "hi" })))
            .await,
        409,
        "not_owner",
    );
    let (status, posted) = send(
        action(&server, token, &thread, "reply")
            .json(&serde_json::json!({ "text": "Hi, I'm looking at your refund now." })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{posted}");
    let reply = wait_for_event(&mut live, |e, d| {
        e == "message" && d["role"] == "human_agent"
    })
    .await;
    assert_eq!(reply["content"], "Hi, I'm looking at your refund now.");
    assert_eq!(reply["author"], shown);
    assert_eq!(reply["id"], posted["id"]);

    // a note stays internal
    let (status, _) = send(
        action(&server, token, &thread, "note")
            .json(&serde_json::json!({ "text": "customer sounds upset; refund #R-77" })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, view) = send(
        server
            .http
            .get(server.url(&format!("/api/agent/thread/{thread}")))
            .bearer_auth(&customer),
    )
    .await;
    let customer_sees = view.to_string();
    assert!(!customer_sees.contains("upset"), "{customer_sees}");
    assert!(customer_sees.contains("looking at your refund"));

    // while the person has it, the bot stays silent
    let (_, silent) = server
        .ask(&customer, Some(thread.parse().unwrap()), "thanks, waiting")
        .await;
    assert_eq!(silent["message_id"], Value::Null, "{silent}");

    // hand back: the bot answers the next question
    let (status, back) = send(action(&server, token, &thread, "handback")).await;
    assert_eq!(status, StatusCode::OK, "{back}");
    assert_eq!(back["status"], "bot");
    wait_for_event(&mut live, |e, d| e == "status" && d["status"] == "bot").await;
    let (_, bot) = server
        .ask(
            &customer,
            Some(thread.parse().unwrap()),
            "how long do I have to send back a kettle",
        )
        .await;
    assert_eq!(bot["outcome"], "answered", "{bot}");
    assert_eq!(bot["citations"][0]["title"], "Returns and refunds");

    let (_, detail) = send(
        server
            .http
            .get(server.url(&format!("/admin/agent/threads/{thread}")))
            .bearer_auth(VIEWER_TOKEN),
    )
    .await;
    let steps: Vec<String> = detail["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            format!(
                "{}>{} by {}",
                t["from"].as_str().unwrap(),
                t["to"].as_str().unwrap(),
                t["actor"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            "bot>waiting_human by bot".to_string(),
            format!("waiting_human>human by operator:{owner}"),
            format!("human>bot by operator:{owner}"),
        ]
    );
    assert!(
        detail["messages"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["role"] == "note"),
        "operators see notes"
    );
    server.stop().await;
}

#[tokio::test]
async fn agent_actions_check_roles_and_states() {
    let server = TestServer::start().await;
    let customer = server.session().await;
    let (_, r) = server.ask(&customer, None, "do you ship to the UK?").await;
    let thread = r["thread_id"].as_str().unwrap().to_string();
    assert_error(
        &send(action(&server, VIEWER_TOKEN, &thread, "claim")).await,
        403,
        "forbidden",
    );
    assert_error(
        &send(action(&server, AGENT_TOKEN, &thread, "resolve")).await,
        409,
        "invalid_transition",
    );
    assert_error(
        &send(
            action(&server, AGENT_TOKEN, &thread, "assign")
                .json(&serde_json::json!({ "to": "nobody" })),
        )
        .await,
        400,
        "unknown_agent",
    );
    assert_error(
        &send(action(
            &server,
            AGENT_TOKEN,
            "01a231e6-0000-7000-8000-000000000000",
            "claim",
        ))
        .await,
        404,
        "thread_not_found",
    );
    // a bot conversation can be taken over
    let (status, took) = send(action(&server, AGENT_TOKEN, &thread, "claim")).await;
    assert_eq!(
        (status, took["status"].as_str()),
        (StatusCode::OK, Some("human")),
        "{took}"
    );
    let (status, ticket) = send(action(&server, ADMIN_TOKEN, &thread, "ticket").json(
        &serde_json::json!({ "subject": "UK delivery question", "body": "Follow up on customs." }),
    ))
    .await;
    assert_eq!(status, StatusCode::OK, "{ticket}");
    assert!(ticket["number"].as_i64().unwrap() >= 1001);
    assert_eq!(
        send(action(&server, AGENT_TOKEN, &thread, "typing"))
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert_error(
        &send(
            action(&server, AGENT_TOKEN, &thread, "reply")
                .json(&serde_json::json!({ "text": "  " })),
        )
        .await,
        400,
        "empty_message",
    );
    let (status, resolved) = send(action(&server, AGENT_TOKEN, &thread, "resolve")).await;
    assert_eq!(
        (status, resolved["status"].as_str()),
        (StatusCode::OK, Some("resolved"))
    );
    server.stop().await;
}

#[tokio::test]
async fn queue_events_and_slack_notifications() {
    let slack_calls = Arc::new(Mutex::new(Vec::<Value>::new()));
    let seen = slack_calls.clone();
    let slack = axum::Router::new().route(
        "/services/T0/B0/x",
        axum::routing::post(move |axum::Json(body): axum::Json<Value>| {
            let seen = seen.clone();
            async move {
                seen.lock().unwrap().push(body);
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let slack_url = format!("http://{}/services/T0/B0/x", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, slack).await });
    let server = TestServer::start_with(|c| {
        c.handoff.queues.get_mut("support").unwrap().wait_sla_secs = 0;
        c.webhooks.endpoints.insert(
            "slack".into(),
            frontdesk::config::WebhookEndpoint {
                url: slack_url,
                secret: Default::default(),
                key_id: "k1".into(),
                format: frontdesk::config::WebhookFormat::Slack,
                events: vec![
                    "handoff.requested".into(),
                    "handoff.takeover".into(),
                    "handoff.claimed".into(),
                ],
            },
        );
    })
    .await;
    let mut queue = server
        .http
        .get(server.url("/admin/agent/events"))
        .bearer_auth(AGENT_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(queue.status(), StatusCode::OK);
    let customer = server.session().await;
    let (_, r) = server
        .ask(&customer, None, "can I talk to a human please")
        .await;
    let thread = r["thread_id"].as_str().unwrap().to_string();
    let event = wait_for_event(&mut queue, |e, d| {
        e == "thread" && d["status"] == "waiting_human"
    })
    .await;
    assert_eq!(event["thread_id"], thread.as_str());
    // an SLA of 0 s: overdue at once
    let (_, queues) = send(
        server
            .http
            .get(server.url("/admin/agent/queues"))
            .bearer_auth(AGENT_TOKEN),
    )
    .await;
    assert_eq!(queues["waiting"][0]["overdue"], true, "{queues}");

    let (_, other) = server.ask(&customer, None, "do you ship to the UK?").await;
    let bot_thread = other["thread_id"].as_str().unwrap().to_string();
    assert_eq!(
        send(action(&server, AGENT_TOKEN, &bot_thread, "claim"))
            .await
            .0,
        StatusCode::OK
    );

    let mut texts = Vec::new();
    for _ in 0..100 {
        texts = slack_calls
            .lock()
            .unwrap()
            .iter()
            .map(|b| b["text"].as_str().unwrap_or("").to_string())
            .collect();
        if texts.len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with(":raising_hand:") && t.contains(&thread)),
        "{texts:?} {:?}",
        slack_calls.lock().unwrap()
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("sam took over") && t.contains(&bot_thread)),
        "{texts:?}"
    );
    server.stop().await;
}
