//! `agentctl orders`: import the demo orders twice, a file with a bad line, then
//! look an order up, with the real binary.

use crate::support::{agentctl, json_of, TestDb};

#[tokio::test]
async fn demo_orders_through_agentctl() {
    let db = TestDb::new().await;

    let first = json_of(&agentctl(
        &db,
        &["orders", "import", "demo/orders.jsonl", "--json"],
    ));
    assert_eq!(first["inserted"], 19, "{first}");
    assert_eq!(first["failed"], 0, "{first}");

    let again = json_of(&agentctl(
        &db,
        &["orders", "import", "demo/orders.jsonl", "--json"],
    ));
    assert_eq!(again["unchanged"], 19, "{again}");
    assert_eq!(again["inserted"], 0, "{again}");

    let order = json_of(&agentctl(&db, &["orders", "show", "1042", "--json"]));
    assert_eq!(order["email"], "maria.rossi@example.com", "{order}");
    assert_eq!(order["status"], "shipped");
    assert_eq!(order["carrier"], "DHL");

    let missing = agentctl(&db, &["orders", "show", "9999"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no order 9999"));
}

#[tokio::test]
async fn orders_import_with_a_bad_line_exits_2() {
    let db = TestDb::new().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("orders.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"order_id": "1", "email": "a@example.com", "status": "processing", "total": 10, "currency": "EUR", "created_at": "2026-11-01T10:00:00Z"}"#,
            "\n",
            r#"{"order_id": "2", "email": "not-an-email", "status": "processing", "total": 10, "currency": "EUR", "created_at": "2026-11-01T10:00:00Z"}"#,
            "\n",
        ),
    )
    .unwrap();

    let output = agentctl(&db, &["orders", "import", file.to_str().unwrap()]);

    assert_eq!(output.status.code(), Some(2));
    let table = String::from_utf8_lossy(&output.stdout);
    assert!(table.contains("inserted"), "{table}");
    assert!(
        table.contains("not-an-email"),
        "the reason is shown: {table}"
    );
}
