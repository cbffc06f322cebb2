//! The WooCommerce back end against a local stand-in for `/wp-json/wc/v3/orders`:
//! basic auth, 404 for unknown ids, a fuzzy `search`, the real field names.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use frontdesk::config::{Secret, WooCommerceConfig};
use frontdesk::orders::{OrderBackend, OrderError, WooCommerceOrders};
use serde_json::{json, Value};

use crate::support;

const KEY: &str = "ck_live_frontdesk";
const SECRET: &str = "cs_live_s3cr3t";
/// `Basic base64("ck_live_frontdesk:cs_live_s3cr3t")`
const AUTHORIZATION: &str = "Basic Y2tfbGl2ZV9mcm9udGRlc2s6Y3NfbGl2ZV9zM2NyM3Q=";

#[derive(Clone, Default)]
struct Shop {
    orders: Arc<Vec<Value>>,
    /// Query strings of the list requests, in order.
    searches: Arc<Mutex<Vec<HashMap<String, String>>>>,
    /// Paths of every authorised request.
    seen: Arc<Mutex<Vec<String>>>,
}

fn refused() -> Response {
    let body = json!({
        "code": "woocommerce_rest_cannot_view",
        "message": "Sorry, you cannot list resources.",
        "data": {"status": 401}
    });
    (StatusCode::UNAUTHORIZED, Json(body)).into_response()
}

fn authorised(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(AUTHORIZATION)
}

async fn one(State(shop): State<Shop>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    if !authorised(&headers) {
        return refused();
    }
    shop.seen.lock().unwrap().push(format!("orders/{id}"));
    match shop
        .orders
        .iter()
        .find(|o| o["id"].as_u64() == id.parse().ok())
    {
        Some(order) => Json(order.clone()).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({
                "code": "woocommerce_rest_shop_order_invalid_id",
                "message": "Invalid ID.",
                "data": {"status": 404}
            })),
        )
            .into_response(),
    }
}

/// Like WooCommerce, `search` matches anywhere in the order, not just the email.
async fn list(
    State(shop): State<Shop>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if !authorised(&headers) {
        return refused();
    }
    shop.seen.lock().unwrap().push("orders".into());
    shop.searches.lock().unwrap().push(query.clone());
    let needle = query
        .get("search")
        .cloned()
        .unwrap_or_default()
        .to_lowercase();
    let per_page: usize = query.get("per_page").map_or(10, |p| p.parse().unwrap());
    let mut found: Vec<Value> = shop
        .orders
        .iter()
        .filter(|o| o.to_string().to_lowercase().contains(&needle))
        .cloned()
        .collect();
    found.sort_by_key(|o| std::cmp::Reverse(o["date_created_gmt"].as_str().map(str::to_string)));
    found.truncate(per_page);
    Json(found).into_response()
}

fn wc_order(id: u64, email: &str, status: &str, created_gmt: &str) -> Value {
    json!({
        "id": id,
        "parent_id": 0,
        "number": id.to_string(),
        "order_key": format!("wc_order_{id}abc"),
        "created_via": "checkout",
        "version": "9.4.2",
        "status": status,
        "currency": "EUR",
        "date_created": created_gmt,
        "date_created_gmt": created_gmt,
        "date_modified": null,
        "date_modified_gmt": null,
        "discount_total": "0.00",
        "shipping_total": "9.95",
        "total": "107.95",
        "total_tax": "18.73",
        "prices_include_tax": true,
        "customer_id": 0,
        "customer_note": "",
        "billing": {
            "first_name": "Maria", "last_name": "Rossi", "company": "",
            "address_1": "Via Roma 1", "city": "Bologna", "postcode": "40121",
            "country": "IT", "email": email, "phone": "+39 051 000000"
        },
        "shipping": {"first_name": "Maria", "last_name": "Rossi", "country": "IT"},
        "payment_method": "stripe",
        "line_items": [
            {
                "id": 311, "name": "Ceramic Pour-Over Set", "product_id": 88,
                "variation_id": 0, "quantity": 1, "tax_class": "",
                "subtotal": "40.50", "subtotal_tax": "8.50", "total": "40.50",
                "total_tax": "8.50", "taxes": [], "meta_data": [],
                "sku": "CK-COF-030", "price": 40.495868
            },
            {
                "id": 312, "name": "Precision Coffee & Kitchen Scale", "product_id": 91,
                "variation_id": 0, "quantity": 2, "tax_class": "",
                "subtotal": "81.00", "total": "81.00", "taxes": [], "meta_data": [],
                "sku": null
            }
        ],
        "meta_data": [],
        "shipping_lines": [],
        "coupon_lines": []
    })
}

fn shop() -> Shop {
    let mut shipped = wc_order(
        1042,
        "Maria.Rossi@Example.com",
        "completed",
        "2026-11-03T08:41:17",
    );
    shipped["date_modified_gmt"] = json!("2026-11-03T16:05:02");
    shipped["meta_data"] = json!([
        {"id": 9001, "key": "_billing_vat", "value": ""},
        {"id": 9002, "key": "_wc_shipment_tracking_items", "value": [
            {
                "tracking_provider": "dhl", "custom_tracking_provider": "",
                "custom_tracking_link": "", "tracking_number": "OLD123",
                "date_shipped": "1762128000", "tracking_id": "a1"
            },
            {
                "tracking_provider": "", "custom_tracking_provider": "DHL Parcel",
                "custom_tracking_link": "https://www.dhl.com/track?id=JJD0003901042",
                "tracking_number": "JJD0003901042",
                "date_shipped": "1762185600", "tracking_id": "b2"
            }
        ]}
    ]);
    let newer = wc_order(
        1050,
        "maria.rossi@example.com",
        "processing",
        "2026-11-12T08:15:40",
    );
    let mut other = wc_order(1047, "tom@example.com", "completed", "2026-11-20T07:58:21");
    other["customer_note"] = json!("gift for maria.rossi@example.com");
    Shop {
        orders: Arc::new(vec![shipped, newer, other]),
        ..Shop::default()
    }
}

async fn serve(shop: Shop) -> String {
    support::serve(
        Router::new()
            .route("/wp-json/wc/v3/orders", get(list))
            .route("/wp-json/wc/v3/orders/{id}", get(one))
            .with_state(shop),
    )
    .await
}

fn config(url: &str, secret: &str) -> WooCommerceConfig {
    WooCommerceConfig {
        url: format!("{url}/"),
        consumer_key: Secret::new(KEY),
        consumer_secret: Secret::new(secret),
        timeout_ms: 2_000,
    }
}

#[tokio::test]
async fn orders_woocommerce_find_maps_the_wire_format() {
    let url = serve(shop()).await;
    let orders = WooCommerceOrders::new(&config(&url, SECRET)).unwrap();

    let order = orders.find("1042").await.unwrap().expect("order 1042");

    assert_eq!(order.order_id, "1042");
    assert_eq!(order.email, "Maria.Rossi@Example.com");
    assert_eq!(order.status, "completed");
    assert_eq!(order.total, "107.95");
    assert_eq!(order.currency, "EUR");
    assert_eq!(order.created_at.to_rfc3339(), "2026-11-03T08:41:17+00:00");
    assert_eq!(order.updated_at.to_rfc3339(), "2026-11-03T16:05:02+00:00");
    let items: Vec<_> = order
        .items
        .iter()
        .map(|i| {
            (
                i.sku.as_str(),
                i.name.as_str(),
                i.quantity,
                i.price.as_str(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            ("CK-COF-030", "Ceramic Pour-Over Set", 1, "40.50"),
            ("", "Precision Coffee & Kitchen Scale", 2, "40.50"),
        ],
        "price rounded; missing price taken from the line total"
    );
    // the newest shipment of the Shipment Tracking meta
    assert_eq!(order.carrier.as_deref(), Some("DHL Parcel"));
    assert_eq!(order.tracking_number.as_deref(), Some("JJD0003901042"));
    assert_eq!(
        order.tracking_url.as_deref(),
        Some("https://www.dhl.com/track?id=JJD0003901042")
    );

    let plain = orders.find("#1050").await.unwrap().expect("order 1050");
    assert_eq!(plain.carrier, None);
    assert_eq!(plain.tracking_number, None);
    assert_eq!(plain.updated_at, plain.created_at, "no date_modified_gmt");
    assert_eq!(orders.name(), "woocommerce");
}

#[tokio::test]
async fn orders_woocommerce_unknown_id_is_none() {
    let shop = shop();
    let url = serve(shop.clone()).await;
    let orders = WooCommerceOrders::new(&config(&url, SECRET)).unwrap();

    assert_eq!(orders.find("9999").await.unwrap(), None);
    assert_eq!(orders.find("CK-2048311").await.unwrap(), None);
    assert_eq!(orders.find("../customers").await.unwrap(), None);
    assert_eq!(
        *shop.seen.lock().unwrap(),
        ["orders/9999"],
        "ids that cannot exist are not asked for"
    );
}

#[tokio::test]
async fn orders_woocommerce_refused_credentials_are_an_error() {
    let url = serve(shop()).await;
    let orders = WooCommerceOrders::new(&config(&url, "cs_wrong")).unwrap();

    let error = orders.find("1042").await.unwrap_err();
    assert!(matches!(error, OrderError::Remote(_)), "{error:?}");
    let text = error.to_string();
    assert!(text.contains("401"), "{text}");
    assert!(text.contains("woocommerce_rest_cannot_view"), "{text}");
    assert!(!text.contains("cs_wrong"), "{text}");

    let error = orders
        .recent_for_email("maria.rossi@example.com", 3)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("401"), "{error}");
}

#[tokio::test]
async fn orders_woocommerce_recent_for_email_keeps_only_billing_matches() {
    let shop = shop();
    let url = serve(shop.clone()).await;
    let orders = WooCommerceOrders::new(&config(&url, SECRET)).unwrap();

    let found = orders
        .recent_for_email("maria.rossi@EXAMPLE.com", 5)
        .await
        .unwrap();
    let ids: Vec<_> = found.iter().map(|o| o.order_id.as_str()).collect();
    assert_eq!(ids, ["1050", "1042"], "1047 only mentions her in a note");

    let newest = orders
        .recent_for_email("maria.rossi@example.com", 1)
        .await
        .unwrap();
    assert_eq!(newest.len(), 1);
    assert_eq!(newest[0].order_id, "1050");

    let searches = shop.searches.lock().unwrap();
    let first = &searches[0];
    assert_eq!(first["search"], "maria.rossi@EXAMPLE.com");
    assert_eq!(first["orderby"], "date");
    assert_eq!(first["order"], "desc");
    assert!(first["per_page"].parse::<u32>().unwrap() >= 5);
}

#[tokio::test]
async fn orders_woocommerce_slow_shop_times_out() {
    let slow = Router::new().route(
        "/wp-json/wc/v3/orders/{id}",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            Json(json!({}))
        }),
    );
    let url = support::serve(slow).await;
    let mut config = config(&url, SECRET);
    config.timeout_ms = 200;
    let orders = WooCommerceOrders::new(&config).unwrap();

    let started = Instant::now();
    let error = orders.find("1042").await.unwrap_err();
    assert!(error.to_string().contains("within 200 ms"), "{error}");
    assert!(started.elapsed() < Duration::from_secs(2));
}
