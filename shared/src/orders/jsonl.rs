//! One line of an order import file → an [`Order`], or the reason it is not one.
//!
//! Required: `order_id` (string or integer), `email`, `status`, `total`, `currency`,
//! `created_at`. Optional: `items` (default none), `carrier`, `tracking_number`,
//! `tracking_url`, `updated_at` (default `created_at`). `null` counts as missing,
//! unknown fields are ignored, amounts may be numbers or strings.

use serde_json::{Map, Value};

use super::fields::{self, Rounding};
use super::{Order, OrderItem};

/// Longest order id accepted; anything longer is a swapped column, not an id.
const MAX_ID_LEN: usize = 64;

/// Why a line is not an order, with its id when that much could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub order_id: Option<String>,
    pub reason: String,
}

impl LineError {
    fn new(order_id: Option<&str>, reason: impl Into<String>) -> Self {
        Self {
            order_id: order_id.map(str::to_string),
            reason: reason.into(),
        }
    }
}

pub fn parse_order(line: &str) -> Result<Order, LineError> {
    let value: Value = serde_json::from_str(line)
        .map_err(|e| LineError::new(None, format!("not valid JSON: {e}")))?;
    let Value::Object(object) = value else {
        return Err(LineError::new(None, "not a JSON object"));
    };
    let order_id = order_id(&object).map_err(|reason| LineError::new(None, reason))?;
    order_fields(&object, order_id.clone())
        .map_err(|reason| LineError::new(Some(&order_id), reason))
}

fn order_id(object: &Map<String, Value>) -> Result<String, String> {
    let id = match object.get("order_id") {
        None | Some(Value::Null) => return Err("order_id is missing".into()),
        Some(Value::Number(n)) if n.is_u64() => n.to_string(),
        Some(Value::String(s)) => s.trim().to_string(),
        Some(_) => return Err("order_id must be a string or a whole number".into()),
    };
    if id.is_empty() {
        return Err("order_id is empty".into());
    }
    if id.len() > MAX_ID_LEN || id.chars().any(char::is_control) {
        return Err(format!(
            "order_id must be at most {MAX_ID_LEN} printable characters"
        ));
    }
    Ok(id)
}

fn order_fields(object: &Map<String, Value>, order_id: String) -> Result<Order, String> {
    let email = required_text(object, "email")?;
    if !frontdesk_redact::email::is_email(&email) {
        return Err(format!("email {email:?} is not an e-mail address"));
    }
    let status = required_text(object, "status")?.to_lowercase();
    let total = fields::amount(
        object.get("total").unwrap_or(&Value::Null),
        Rounding::Strict,
    )
    .map_err(|e| format!("total {e}"))?;
    let currency = required_text(object, "currency")?.to_uppercase();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(format!(
            "currency {currency:?} is not a three-letter code (EUR)"
        ));
    }
    let created_at = fields::timestamp(&required_text(object, "created_at")?)
        .map_err(|e| format!("created_at {e}"))?;
    let updated_at = match optional_text(object, "updated_at")? {
        Some(text) => fields::timestamp(&text).map_err(|e| format!("updated_at {e}"))?,
        None => created_at,
    };
    let tracking_url = optional_text(object, "tracking_url")?;
    if let Some(url) = &tracking_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(format!("tracking_url {url:?} is not an http(s) URL"));
        }
    }
    Ok(Order {
        order_id,
        email,
        status,
        items: items(object)?,
        total,
        currency,
        carrier: optional_text(object, "carrier")?,
        tracking_number: optional_text(object, "tracking_number")?,
        tracking_url,
        created_at,
        updated_at,
    })
}

fn items(object: &Map<String, Value>) -> Result<Vec<OrderItem>, String> {
    let list = match object.get("items") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(list)) => list,
        Some(_) => return Err("items must be a list".into()),
    };
    list.iter()
        .enumerate()
        .map(|(i, item)| match item {
            Value::Object(item) => item_fields(item).map_err(|e| format!("items[{i}].{e}")),
            _ => Err(format!("items[{i}] must be an object")),
        })
        .collect()
}

fn item_fields(item: &Map<String, Value>) -> Result<OrderItem, String> {
    let quantity = match item.get("quantity") {
        None | Some(Value::Null) => return Err("quantity is missing".into()),
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        Some(_) => None,
    }
    .filter(|q| (1..=u64::from(u32::MAX)).contains(q))
    .ok_or("quantity must be a whole number of at least 1")?;
    Ok(OrderItem {
        sku: optional_text(item, "sku")?.unwrap_or_default(),
        name: required_text(item, "name")?,
        quantity: u32::try_from(quantity).expect("range checked"),
        price: fields::amount(item.get("price").unwrap_or(&Value::Null), Rounding::Strict)
            .map_err(|e| format!("price {e}"))?,
    })
}

fn required_text(object: &Map<String, Value>, key: &str) -> Result<String, String> {
    optional_text(object, key)?.ok_or_else(|| format!("{key} is missing"))
}

/// A trimmed string (numbers accepted, for ids that look numeric); empty is absent.
fn optional_text(object: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    let text = match object.get(key) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(format!("{key} must be a string")),
    };
    if text.contains('\0') {
        return Err(format!("{key} contains a NUL character"));
    }
    Ok((!text.is_empty()).then_some(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"order_id": "1042", "email": "Maria.Rossi@example.com", "status": "Shipped",
        "items": [{"sku": "CK-KET-001", "name": "Classic Kettle", "quantity": 1, "price": 149}],
        "total": "149.00", "currency": "eur", "created_at": "2026-11-03T09:12:44Z"}"#;

    /// GOOD with `patch` merged in (a `null` value removes the key).
    fn with(patch: &str) -> String {
        let mut order: Map<String, Value> = serde_json::from_str(GOOD).unwrap();
        let patch: Map<String, Value> = serde_json::from_str(patch).unwrap();
        for (key, value) in patch {
            if value.is_null() {
                order.remove(&key);
            } else {
                order.insert(key, value);
            }
        }
        Value::Object(order).to_string()
    }

    #[track_caller]
    fn check_error(line: &str, expected: &str) {
        let error = parse_order(line).expect_err("should be refused");
        assert!(
            error.reason.contains(expected),
            "{line}\n→ {}\nexpected: {expected}",
            error.reason
        );
    }

    #[test]
    fn a_good_line_is_normalised() {
        let order = parse_order(GOOD).unwrap();
        assert_eq!(order.order_id, "1042");
        assert_eq!(order.email, "Maria.Rossi@example.com", "stored as given");
        assert_eq!(order.status, "shipped");
        assert_eq!(order.currency, "EUR");
        assert_eq!(order.items[0].price, "149.00");
        assert_eq!(order.updated_at, order.created_at);
        assert_eq!(order.carrier, None);
    }

    #[test]
    fn optional_fields_and_loose_types() {
        let order = parse_order(&with(
            r#"{"order_id": 1043, "items": null, "carrier": "", "tracking_number": 123456,
                "updated_at": "2026-11-04T08:00:00+01:00", "gift_note": "hi"}"#,
        ))
        .unwrap();
        assert_eq!(order.order_id, "1043");
        assert!(order.items.is_empty());
        assert_eq!(order.carrier, None);
        assert_eq!(order.tracking_number.as_deref(), Some("123456"));
        assert_eq!(order.updated_at.to_rfc3339(), "2026-11-04T07:00:00+00:00");
    }

    #[test]
    fn bad_lines_say_why() {
        check_error("{not json", "not valid JSON");
        check_error("[1, 2]", "not a JSON object");
        check_error(&with(r#"{"order_id": null}"#), "order_id is missing");
        check_error(&with(r#"{"order_id": "  "}"#), "order_id is empty");
        check_error(&with(r#"{"order_id": -3}"#), "whole number");
        check_error(&with(r#"{"email": null}"#), "email is missing");
        check_error(&with(r#"{"email": "maria"}"#), "not an e-mail address");
        check_error(&with(r#"{"status": ""}"#), "status is missing");
        check_error(
            &with(r#"{"total": "abc"}"#),
            "total \"abc\" is not a decimal",
        );
        check_error(&with(r#"{"total": null}"#), "total is missing");
        check_error(&with(r#"{"currency": "euro"}"#), "three-letter code");
        check_error(&with(r#"{"created_at": "yesterday"}"#), "created_at");
        check_error(&with(r#"{"updated_at": "soon"}"#), "updated_at");
        check_error(&with(r#"{"tracking_url": "dhl.com/x"}"#), "tracking_url");
        check_error(&with(r#"{"items": {}}"#), "items must be a list");
        check_error(&with(r#"{"items": [1]}"#), "items[0] must be an object");
        check_error(
            &with(r#"{"items": [{"name": "x", "quantity": 0, "price": 1}]}"#),
            "items[0].quantity must be a whole number",
        );
        check_error(
            &with(r#"{"items": [{"name": "x", "quantity": 1, "price": "1.234"}]}"#),
            "items[0].price \"1.234\" has more than 2 decimal places",
        );
        check_error(
            &with(r#"{"items": [{"quantity": 1, "price": 1}]}"#),
            "items[0].name is missing",
        );
        check_error(&with(r#"{"status": "ok\u0000"}"#), "NUL");
    }

    #[test]
    fn the_id_is_reported_once_known() {
        let error = parse_order(&with(r#"{"email": "nope"}"#)).unwrap_err();
        assert_eq!(error.order_id.as_deref(), Some("1042"));
        assert_eq!(parse_order("{}").unwrap_err().order_id, None);
    }
}
