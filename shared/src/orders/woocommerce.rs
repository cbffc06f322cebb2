//! WooCommerce back end: the shop's REST API (`/wp-json/wc/v3/orders`), HTTP basic
//! auth with a consumer key and secret (WooCommerce accepts it over https only).
//!
//! An order is looked up by its WooCommerce id; orders of a customer by `search`,
//! which is fuzzy (it also matches names and addresses), so results are kept only
//! when `billing.email` matches. Tracking comes from the `_wc_shipment_tracking_items`
//! meta written by the Shipment Tracking plugin (and compatible ones), when present.

use std::time::Duration;

use reqwest::{StatusCode, Url};
use serde::Deserialize;
use serde_json::Value;

use super::fields::{self, Rounding};
use super::{Order, OrderBackend, OrderError, OrderItem};
use crate::config::{redact_url_password, Secret, WooCommerceConfig};

/// Meta key of the Shipment Tracking plugin: a list of shipments, newest last.
const TRACKING_META: &str = "_wc_shipment_tracking_items";
/// Largest page the API serves.
const MAX_PER_PAGE: u32 = 100;

#[derive(Debug)]
pub struct WooCommerceOrders {
    http: reqwest::Client,
    /// `https://shop.example/wp-json/wc/v3/orders`
    endpoint: String,
    consumer_key: Secret,
    consumer_secret: Secret,
    timeout_ms: u64,
}

impl WooCommerceOrders {
    pub fn new(config: &WooCommerceConfig) -> Result<Self, OrderError> {
        let base = config.url.trim().trim_end_matches('/');
        if base.is_empty() {
            return Err(OrderError::Config(
                "orders.backend is woocommerce but orders.woocommerce.url is empty".into(),
            ));
        }
        let url = Url::parse(base)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .ok_or_else(|| {
                OrderError::Config(format!(
                    "orders.woocommerce.url {:?} is not an http(s) URL",
                    redact_url_password(base)
                ))
            })?;
        if config.consumer_key.is_empty() || config.consumer_secret.is_empty() {
            return Err(OrderError::Config(
                "orders.woocommerce.consumer_key and consumer_secret must both be set".into(),
            ));
        }
        let local = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
        if url.scheme() == "http" && !local {
            tracing::warn!(
                url = %redact_url_password(base),
                "WooCommerce accepts basic auth only over https; requests will likely be refused"
            );
        }
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(config.timeout_ms))
            .build()
            .map_err(|e| OrderError::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Self {
            http,
            endpoint: format!("{base}/wp-json/wc/v3/orders"),
            consumer_key: config.consumer_key.clone(),
            consumer_secret: config.consumer_secret.clone(),
            timeout_ms: config.timeout_ms,
        })
    }

    /// GETs `url` and decodes the JSON body; `None` for a 404.
    async fn get<T: serde::de::DeserializeOwned>(
        &self,
        url: &str,
        query: &[(&str, String)],
    ) -> Result<Option<T>, OrderError> {
        let response = self
            .http
            .get(url)
            .query(query)
            .basic_auth(
                self.consumer_key.expose(),
                Some(self.consumer_secret.expose()),
            )
            .send()
            .await
            .map_err(|e| self.transport_error(e))?;
        let status = response.status();
        if status == StatusCode::NOT_FOUND {
            return Ok(None);
        }
        if !status.is_success() {
            let code = response
                .json::<Value>()
                .await
                .ok()
                .and_then(|body| body.get("code")?.as_str().map(str::to_string));
            let code = code.map(|c| format!(" ({c})")).unwrap_or_default();
            return Err(OrderError::Remote(match status {
                StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => format!(
                    "WooCommerce refused the credentials: {status}{code}; check \
                     orders.woocommerce.consumer_key and consumer_secret"
                ),
                _ => format!("WooCommerce answered {status}{code}"),
            }));
        }
        let body = response
            .bytes()
            .await
            .map_err(|e| self.transport_error(e))?;
        serde_json::from_slice(&body)
            .map(Some)
            .map_err(|e| OrderError::Remote(format!("unexpected WooCommerce response: {e}")))
    }

    /// A transport failure, without the URL (the search URL holds the customer's email).
    fn transport_error(&self, error: reqwest::Error) -> OrderError {
        if error.is_timeout() {
            OrderError::Remote(format!(
                "WooCommerce did not answer within {} ms",
                self.timeout_ms
            ))
        } else {
            OrderError::Remote(format!("cannot reach WooCommerce: {}", error.without_url()))
        }
    }
}

#[async_trait::async_trait]
impl OrderBackend for WooCommerceOrders {
    fn name(&self) -> &'static str {
        "woocommerce"
    }

    async fn find(&self, order_id: &str) -> Result<Option<Order>, OrderError> {
        let id = order_id.trim().trim_start_matches('#');
        // WooCommerce ids are numbers; anything else cannot exist (and stays out of the path)
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(None);
        }
        let found: Option<WcOrder> = self.get(&format!("{}/{id}", self.endpoint), &[]).await?;
        found.map(to_order).transpose()
    }

    async fn recent_for_email(&self, email: &str, limit: u32) -> Result<Vec<Order>, OrderError> {
        let email = email.trim();
        if limit == 0 || email.is_empty() {
            return Ok(Vec::new());
        }
        // a larger page than asked for: fuzzy matches on other fields are dropped below
        let per_page = limit.saturating_mul(2).clamp(10, MAX_PER_PAGE);
        let query = [
            ("search", email.to_string()),
            ("per_page", per_page.to_string()),
            ("orderby", "date".to_string()),
            ("order", "desc".to_string()),
        ];
        let listed: Vec<WcOrder> = self.get(&self.endpoint, &query).await?.unwrap_or_default();
        let wanted = email.to_lowercase();
        let mut orders = Vec::new();
        for order in listed {
            if order.billing.email.trim().to_lowercase() != wanted {
                continue;
            }
            match to_order(order) {
                Ok(order) => orders.push(order),
                Err(error) => tracing::warn!(%error, "skipping a WooCommerce order"),
            }
        }
        orders.sort_by_key(|o| std::cmp::Reverse(o.created_at));
        orders.truncate(limit as usize);
        Ok(orders)
    }
}

/// The fields read from an order of `GET /wp-json/wc/v3/orders`.
#[derive(Debug, Deserialize)]
struct WcOrder {
    id: u64,
    status: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    total: Value,
    date_created_gmt: Option<String>,
    date_created: Option<String>,
    date_modified_gmt: Option<String>,
    #[serde(default)]
    billing: WcBilling,
    #[serde(default)]
    line_items: Vec<WcLineItem>,
    #[serde(default)]
    meta_data: Vec<WcMeta>,
}

#[derive(Debug, Default, Deserialize)]
struct WcBilling {
    #[serde(default, deserialize_with = "null_as_empty")]
    email: String,
}

#[derive(Debug, Deserialize)]
struct WcLineItem {
    #[serde(default, deserialize_with = "null_as_empty")]
    sku: String,
    #[serde(default, deserialize_with = "null_as_empty")]
    name: String,
    #[serde(default)]
    quantity: i64,
    /// Unit price, a JSON number (may carry more than two places).
    #[serde(default)]
    price: Value,
    /// Line total, a decimal string; the fallback when `price` is absent.
    #[serde(default)]
    total: Value,
}

#[derive(Debug, Deserialize)]
struct WcMeta {
    key: String,
    #[serde(default)]
    value: Value,
}

/// One entry of `_wc_shipment_tracking_items`.
#[derive(Debug, Default, Deserialize)]
struct WcTracking {
    #[serde(default, deserialize_with = "null_as_empty")]
    tracking_provider: String,
    #[serde(default, deserialize_with = "null_as_empty")]
    custom_tracking_provider: String,
    #[serde(default, deserialize_with = "null_as_empty")]
    tracking_number: String,
    #[serde(default, deserialize_with = "null_as_empty")]
    custom_tracking_link: String,
}

fn null_as_empty<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

fn to_order(wc: WcOrder) -> Result<Order, OrderError> {
    let id = wc.id;
    let bad = |what: String| OrderError::Remote(format!("WooCommerce order {id}: {what}"));
    let created = wc
        .date_created_gmt
        .or(wc.date_created)
        .ok_or_else(|| bad("no creation date".into()))?;
    let created_at = fields::timestamp(&created).map_err(|e| bad(format!("date_created {e}")))?;
    let updated_at = match wc.date_modified_gmt {
        Some(text) => fields::timestamp(&text).map_err(|e| bad(format!("date_modified {e}")))?,
        None => created_at,
    };
    let items = wc
        .line_items
        .into_iter()
        .map(line_item)
        .collect::<Result<_, String>>()
        .map_err(bad)?;
    let tracking = tracking(&wc.meta_data).unwrap_or_default();
    let some = |s: String| (!s.trim().is_empty()).then(|| s.trim().to_string());
    let carrier = some(tracking.custom_tracking_provider).or(some(tracking.tracking_provider));
    Ok(Order {
        order_id: id.to_string(),
        email: wc.billing.email.trim().to_string(),
        status: wc.status,
        items,
        total: fields::amount(&wc.total, Rounding::HalfUp)
            .map_err(|e| bad(format!("total {e}")))?,
        currency: wc.currency,
        carrier,
        tracking_number: some(tracking.tracking_number),
        tracking_url: some(tracking.custom_tracking_link),
        created_at,
        updated_at,
    })
}

fn line_item(item: WcLineItem) -> Result<OrderItem, String> {
    let quantity = u32::try_from(item.quantity.max(0)).unwrap_or(u32::MAX);
    let price = if item.price.is_null() {
        // unit price from the line total, for old API versions without `price`
        let total = fields::amount(&item.total, Rounding::HalfUp)
            .and_then(|t| fields::cents(&t, Rounding::Strict))
            .map_err(|e| format!("line item {:?} total {e}", item.name))?;
        fields::format_cents(total / i64::from(quantity.max(1)))
    } else {
        fields::amount(&item.price, Rounding::HalfUp)
            .map_err(|e| format!("line item {:?} price {e}", item.name))?
    };
    Ok(OrderItem {
        sku: item.sku,
        name: item.name,
        quantity,
        price,
    })
}

/// The newest shipment of the Shipment Tracking meta, if the order has one. The value
/// is a list; some set-ups hand it over as a JSON-encoded string.
fn tracking(meta: &[WcMeta]) -> Option<WcTracking> {
    let value = &meta.iter().rev().find(|m| m.key == TRACKING_META)?.value;
    let list: Vec<WcTracking> = match value {
        Value::String(text) => serde_json::from_str(text).ok()?,
        other => serde_json::from_value(other.clone()).ok()?,
    };
    list.into_iter()
        .rev()
        .find(|t| !t.tracking_number.trim().is_empty())
}
