//! agentd's own request log stays searchable: request ids and thread ids in paths are
//! written intact, while personal data in the same lines is masked (the log writer
//! masks every line; see docs/security.md).

use serde_json::Value;

use crate::support::{Agentd, Customer, TestDb};

// ids whose digit runs once looked like phone numbers to the masker
const REQUEST_IDS: [&str; 3] = [
    "01234567-8901-4234-8567-890123456789",
    "e90b771a-1cef-454b-9c12-345678ebab12",
    "20261203-1430-4000-8000-000000000001",
];

#[tokio::test]
async fn request_log_keeps_ids_and_masks_personal_data() {
    let db = TestDb::new().await;
    let agentd = Agentd::start(&db, &[]).await;
    let customer = Customer::new(&agentd.url).await;
    let (http, token) = (&customer.http, &customer.token);

    let mut request_ids: Vec<String> = REQUEST_IDS.iter().map(|s| s.to_string()).collect();
    let mut thread = None::<String>;
    for (n, id) in REQUEST_IDS.iter().chain([""; 5].iter()).enumerate() {
        let mut body = serde_json::json!({
            "user_msg": format!(
                "question {n}: how long do I have to send back a kettle?"
            ),
        });
        if let Some(t) = &thread {
            body["thread_id"] = serde_json::json!(t);
        }
        let mut request = http
            .post(format!("{}/api/agent/messages", agentd.url))
            .header("X-Frontdesk-Client", "widget")
            .bearer_auth(token)
            .json(&body);
        if !id.is_empty() {
            request = request.header("x-request-id", *id);
        }
        let response = request.send().await.unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        let header = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_string();
        if id.is_empty() {
            request_ids.push(header);
        } else {
            assert_eq!(header, *id);
        }
        let answer: Value = response.json().await.unwrap();
        thread = answer["thread_id"].as_str().map(str::to_string);
    }
    let thread = thread.expect("a thread");
    // the thread id in a path, as the live stream's request logs it
    let events = http
        .get(format!("{}/api/agent/thread/{thread}/events", agentd.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert!(events.status().is_success());
    drop(events);
    // personal data in a path lands in the same log lines, masked
    let probe = http
        .get(format!(
            "{}/api/agent/customers/ann@example.com/+31201234567",
            agentd.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(probe.status(), 404);

    let mut agentd = agentd;
    agentd.stop();
    let log = agentd.log_text();
    for id in &request_ids {
        assert!(
            log.contains(&format!("\"request_id\":\"{id}\"")),
            "request id {id} intact in:\n{log}"
        );
    }
    assert!(
        log.contains(&format!("/api/agent/thread/{thread}/events")),
        "thread id intact in the path:\n{log}"
    );
    assert!(
        log.contains("/api/agent/customers/[email]/[phone]"),
        "personal data in a path is masked:\n{log}"
    );
    assert!(
        !log.contains("ann@example.com") && !log.contains("31201234567"),
        "{log}"
    );
}
