//! The admin API: token roles, tools with schemas and breakers, knowledge-base status
//! and a background ingest, metrics, and conversations.

use std::time::Duration;

use reqwest::StatusCode;

use crate::support::{assert_error, send, TestServer, ADMIN_TOKEN, AGENT_TOKEN, VIEWER_TOKEN};

#[tokio::test]
async fn tokens_and_roles() {
    let server = TestServer::start().await;
    let tools = server.url("/admin/agent/tools");
    assert_error(&send(server.http.get(&tools)).await, 401, "unauthorized");
    assert_error(
        &send(
            server
                .http
                .get(&tools)
                .bearer_auth("wrong-token-wrong-token"),
        )
        .await,
        401,
        "invalid_token",
    );
    let session = server.session().await;
    assert_error(
        &send(server.http.get(&tools).bearer_auth(&session)).await,
        401,
        "invalid_token",
    );
    assert_eq!(
        send(server.http.get(&tools).bearer_auth(VIEWER_TOKEN))
            .await
            .0,
        StatusCode::OK
    );
    let ingest = |token: &str| {
        server
            .post("/admin/agent/kb/ingest")
            .bearer_auth(token)
            .json(&serde_json::json!({ "paths": ["/nonexistent"] }))
    };
    assert_error(&send(ingest(VIEWER_TOKEN)).await, 403, "forbidden");
    assert_error(&send(ingest(AGENT_TOKEN)).await, 403, "forbidden");
    assert_error(&send(ingest(ADMIN_TOKEN)).await, 400, "invalid_request");
    server.stop().await;
}

#[tokio::test]
async fn tools_kb_metrics_and_threads() {
    let server = TestServer::start().await;
    let get = |path: &str| server.http.get(server.url(path)).bearer_auth(ADMIN_TOKEN);

    let (status, tools) = send(get("/admin/agent/tools")).await;
    assert_eq!(status, StatusCode::OK, "{tools}");
    let names: Vec<&str> = tools
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["search_kb", "get_order", "create_ticket", "handoff_human"]
    );
    for t in tools.as_array().unwrap() {
        assert_eq!(t["breaker"]["state"], "closed");
        assert_eq!(t["available"], true);
        assert_eq!(t["parameters"]["type"], "object", "{t}");
    }

    let (_, kb) = send(get("/admin/agent/kb")).await;
    assert_eq!(kb["documents"], 3, "{kb}");
    assert_eq!(kb["stale"], false);

    // a background ingest of the demo knowledge base
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../demo/kb/policies");
    let (status, job) = send(
        server
            .post("/admin/agent/kb/ingest")
            .bearer_auth(ADMIN_TOKEN)
            .json(&serde_json::json!({ "paths": [demo] })),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{job}");
    assert_eq!(job["state"], "running");
    let job_url = format!("/admin/agent/kb/ingest/{}", job["job_id"].as_str().unwrap());
    let mut done = serde_json::Value::Null;
    for _ in 0..200 {
        let (_, j) = send(get(&job_url)).await;
        if j["state"] != "running" {
            done = j;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(done["state"], "done", "{done}");
    assert!(done["summary"]["added"].as_u64().unwrap() >= 5, "{done}");
    assert_error(
        &send(get(
            "/admin/agent/kb/ingest/01a231e6-0000-7000-8000-000000000000",
        ))
        .await,
        404,
        "job_not_found",
    );

    let token = server.session().await;
    let (_, reply) = server
        .ask(
            &token,
            None,
            "where is my order 1042? my email is maria.rossi@example.com",
        )
        .await;
    server.ask(&token, None, "what's your return window?").await;

    let (_, m) = send(get("/admin/agent/metrics?hours=1")).await;
    assert_eq!(m["turns"], 2, "{m}");
    assert_eq!(m["outcomes"][0]["name"], "answered", "{m}");
    assert!(m["turn_latency_p95_ms"].as_f64().unwrap() > 0.0, "{m}");
    let tools: Vec<&str> = m["tool_calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tool"].as_str().unwrap())
        .collect();
    assert!(
        tools.contains(&"get_order") && tools.contains(&"search_kb"),
        "{m}"
    );
    assert_error(
        &send(get("/admin/agent/metrics?hours=many")).await,
        400,
        "invalid_request",
    );

    let (_, list) = send(get("/admin/agent/threads?status=bot&limit=10")).await;
    assert_eq!(list["threads"].as_array().unwrap().len(), 2, "{list}");
    assert_eq!(
        list["threads"][1]["last_user_message"], "where is my order 1042? my email is [email]",
        "masked in lists"
    );
    let (_, none) = send(get("/admin/agent/threads?status=human")).await;
    assert_eq!(none["threads"].as_array().unwrap().len(), 0);
    assert_error(
        &send(get("/admin/agent/threads?status=sleeping")).await,
        400,
        "invalid_request",
    );

    let (status, detail) = send(get(&format!(
        "/admin/agent/threads/{}",
        reply["thread_id"].as_str().unwrap()
    )))
    .await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    let assistant = detail["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["role"] == "assistant")
        .unwrap();
    assert_eq!(
        assistant["tool_payload"]["tool_calls"][0]["tool"], "get_order",
        "{assistant}"
    );
    server.stop().await;
}
