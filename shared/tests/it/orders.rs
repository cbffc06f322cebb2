//! Orders: the JSON Lines import and the built-in back end against a real database;
//! the WooCommerce back end against a local server speaking its REST wire format.

mod woocommerce;

use std::path::Path;

use chrono::{DateTime, Utc};
use frontdesk::config::{OrderBackendKind, OrdersConfig};
use frontdesk::orders::import::{import_file, import_reader, ImportSummary};
use frontdesk::orders::{order_backend, BuiltinOrders, OrderBackend, OrderError};

use crate::support::TestDb;

fn demo_orders() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../demo/orders.jsonl"))
}

async fn import_text(db: &TestDb, text: &str) -> ImportSummary {
    import_reader(&db.pool, text.as_bytes())
        .await
        .expect("import")
}

/// `(inserted, updated, unchanged, failed)`
fn counts(s: &ImportSummary) -> (usize, usize, usize, usize) {
    (s.inserted, s.updated, s.unchanged, s.failed)
}

const LINES: &str = r#"{"order_id": "2001", "email": "a@example.com", "status": "processing", "items": [{"sku": "CK-KET-001", "name": "Classic Kettle", "quantity": 1, "price": "149.00"}], "total": "149.00", "currency": "EUR", "created_at": "2026-11-01T10:00:00Z"}

{"order_id": "2002", "email": "b@example.com"
{"order_id": 2003, "email": "b@example.com", "status": "shipped", "items": [{"sku": "CK-ACC-050", "name": "Descaler", "quantity": "2", "price": 9}], "total": 18, "currency": "eur", "carrier": "DHL", "created_at": "2026-11-02T10:00:00Z", "gift_wrap": true, "customer": {"vip": false}}
{"order_id": "2004", "status": "shipped", "total": "10.00", "currency": "EUR", "created_at": "2026-11-02T10:00:00Z"}
{"order_id": "2005", "email": "c@example.com", "status": "shipped", "total": "12,50", "currency": "EUR", "created_at": "2026-11-02T10:00:00Z"}
{"order_id": "2006", "email": "C.Mixed@Example.com", "status": "Delivered", "total": "5", "currency": "EUR", "created_at": "2026-11-03T10:00:00Z", "updated_at": "2026-11-04T10:00:00Z"}
"#;

#[tokio::test]
async fn orders_import_skips_bad_lines_and_names_them() {
    let db = TestDb::new().await;

    let summary = import_text(&db, LINES).await;

    assert_eq!(counts(&summary), (3, 0, 0, 3), "{summary:#?}");
    assert_eq!(summary.lines, 6, "the blank line is not counted");
    let problems: Vec<_> = summary
        .problems
        .iter()
        .map(|p| (p.line, p.order_id.as_deref()))
        .collect();
    assert_eq!(problems, [(3, None), (5, Some("2004")), (6, Some("2005"))]);
    assert!(summary.problems[0].reason.contains("not valid JSON"));
    assert_eq!(summary.problems[1].reason, "email is missing");
    assert!(
        summary.problems[2].reason.contains("total \"12,50\""),
        "{}",
        summary.problems[2].reason
    );

    let orders = BuiltinOrders::new(db.pool.clone());
    let loose = orders.find("2003").await.unwrap().expect("imported");
    assert_eq!(loose.total, "18.00");
    assert_eq!(loose.currency, "EUR");
    assert_eq!(loose.items[0].quantity, 2);
    assert_eq!(loose.items[0].price, "9.00");
    assert_eq!(loose.carrier.as_deref(), Some("DHL"));
    assert_eq!(loose.tracking_number, None);
    assert_eq!(loose.updated_at, loose.created_at);
    let mixed = orders.find("2006").await.unwrap().expect("imported");
    assert_eq!(mixed.email, "C.Mixed@Example.com", "stored as given");
    assert_eq!(mixed.status, "delivered");
    assert_eq!(mixed.total, "5.00");
    assert!(orders.find("2004").await.unwrap().is_none());
}

#[tokio::test]
async fn orders_reimport_changes_nothing_and_updates_only_changed_orders() {
    let db = TestDb::new().await;
    let first = import_file(&db.pool, demo_orders()).await.unwrap();
    assert_eq!(counts(&first), (19, 0, 0, 0), "{first:#?}");
    let imported_at = |id: &'static str| {
        let pool = db.pool.clone();
        async move {
            sqlx::query_scalar::<_, DateTime<Utc>>(
                "SELECT imported_at FROM orders WHERE order_id = $1",
            )
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let before = (imported_at("1042").await, imported_at("1043").await);

    let again = import_file(&db.pool, demo_orders()).await.unwrap();
    assert_eq!(counts(&again), (0, 0, 19, 0));

    let demo = std::fs::read_to_string(demo_orders()).unwrap();
    let delivered = demo.replacen(r#""status": "shipped""#, r#""status": "delivered""#, 1);
    assert!(delivered.contains(
        r#""order_id": "1042", "email": "maria.rossi@example.com", "status": "delivered""#
    ));
    let changed = import_text(&db, &delivered).await;
    assert_eq!(counts(&changed), (0, 1, 18, 0));

    let orders = BuiltinOrders::new(db.pool.clone());
    assert_eq!(
        orders.find("1042").await.unwrap().unwrap().status,
        "delivered"
    );
    assert!(
        imported_at("1042").await > before.0,
        "a changed order is rewritten"
    );
    assert_eq!(
        imported_at("1043").await,
        before.1,
        "an unchanged one is not"
    );
}

#[tokio::test]
async fn orders_later_line_of_the_same_id_wins() {
    let db = TestDb::new().await;
    let line = |status: &str| {
        format!(
            r#"{{"order_id": "7", "email": "a@example.com", "status": "{status}", "total": "1.00", "currency": "EUR", "created_at": "2026-11-01"}}"#
        )
    };
    let text = [line("processing"), line("processing"), line("shipped")].join("\n");
    let summary = import_text(&db, &text).await;
    assert_eq!(counts(&summary), (1, 1, 1, 0));
    let order = BuiltinOrders::new(db.pool.clone()).find("7").await.unwrap();
    assert_eq!(order.unwrap().status, "shipped");
}

#[tokio::test]
async fn orders_builtin_finds_the_demo_orders() {
    let db = TestDb::new().await;
    import_file(&db.pool, demo_orders()).await.unwrap();
    let orders = BuiltinOrders::new(db.pool.clone());

    let order = orders.find("1042").await.unwrap().expect("order 1042");
    assert_eq!(order.email, "maria.rossi@example.com");
    assert_eq!(order.status, "shipped");
    assert_eq!(order.carrier.as_deref(), Some("DHL"));
    assert!(order.tracking_number.is_some());
    assert!(order
        .tracking_url
        .as_deref()
        .is_some_and(|u| u.starts_with("https://")));
    assert_eq!(order.currency, "EUR");
    assert_eq!(order.items.len(), 2);
    assert_eq!(order.items[0].sku, "CK-COF-030");
    assert_eq!(order.items[0].price, "49.00");
    assert_eq!(order.total, "107.95");
    assert_eq!(order.created_at.to_rfc3339(), "2026-11-03T08:41:17+00:00");
    assert_eq!(orders.find(" 1042 ").await.unwrap(), Some(order));
    assert_eq!(orders.find("9999").await.unwrap(), None);
    assert_eq!(orders.name(), "builtin");
}

#[tokio::test]
async fn orders_recent_for_email_ignores_case_and_lists_newest_first() {
    let db = TestDb::new().await;
    import_file(&db.pool, demo_orders()).await.unwrap();
    let orders = BuiltinOrders::new(db.pool.clone());
    let ids = |list: Vec<frontdesk::orders::Order>| {
        list.into_iter().map(|o| o.order_id).collect::<Vec<_>>()
    };

    let mark = orders
        .recent_for_email("MARK@example.com", 10)
        .await
        .unwrap();
    assert_eq!(ids(mark), ["1052", "1044"]);
    let ann = orders
        .recent_for_email(" ann@example.com", 1)
        .await
        .unwrap();
    assert_eq!(ids(ann), ["1060"]);
    let oliver = orders
        .recent_for_email("oliver@example.com", 5)
        .await
        .unwrap();
    assert_eq!(
        oliver[0].email, "Oliver@example.com",
        "as the shop wrote it"
    );
    assert!(orders
        .recent_for_email("nobody@example.com", 5)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn orders_backend_follows_the_config() {
    let db = TestDb::new().await;
    let builtin = order_backend(&OrdersConfig::default(), db.pool.clone()).unwrap();
    assert_eq!(builtin.name(), "builtin");

    let mut config = OrdersConfig {
        backend: OrderBackendKind::Woocommerce,
        ..OrdersConfig::default()
    };
    let error = order_backend(&config, db.pool.clone()).err().unwrap();
    assert!(matches!(error, OrderError::Config(_)));
    assert!(
        error.to_string().contains("orders.woocommerce.url"),
        "{error}"
    );

    config.woocommerce.url = "https://shop.example".into();
    let error = order_backend(&config, db.pool.clone()).err().unwrap();
    assert!(error.to_string().contains("consumer_key"), "{error}");

    config.woocommerce.url = "shop.example".into();
    let error = order_backend(&config, db.pool.clone()).err().unwrap();
    assert!(error.to_string().contains("not an http(s) URL"), "{error}");
}
