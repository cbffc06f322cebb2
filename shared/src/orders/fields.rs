//! Field rules shared by the import and the WooCommerce mapping: amounts as decimal
//! strings with two places, timestamps with or without an offset, e-mail shape.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::Value;

/// Largest amount `numeric(12, 2)` holds, in cents.
const MAX_CENTS: i64 = 999_999_999_999;

/// How to treat digits past the second decimal place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// Refuse them unless they are zeros (an import file should say what it means).
    Strict,
    /// Round half up (shops compute tax-exclusive unit prices with more places).
    HalfUp,
}

/// A non-negative amount given as a JSON number or string ("24.9", 24.9, "24") as a
/// decimal string with two places ("24.90").
pub fn amount(value: &Value, rounding: Rounding) -> Result<String, String> {
    let text = match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_string(),
        Value::Null => return Err("is missing".into()),
        other => return Err(format!("must be a number or a string, not {}", kind(other))),
    };
    cents(&text, rounding).map(format_cents)
}

/// Cents of a decimal text, e.g. "24.905" → 2491 (half up) or an error (strict).
pub fn cents(text: &str, rounding: Rounding) -> Result<i64, String> {
    let invalid = || format!("{text:?} is not a decimal amount");
    if text.contains(['e', 'E']) {
        // JSON numbers may come in exponent form; they never carry many digits
        let value: f64 = text.parse().map_err(|_| invalid())?;
        return cents(&format!("{value:.6}"), rounding);
    }
    let (int_part, frac_part) = text.split_once('.').unwrap_or((text, ""));
    if text.starts_with('-') {
        return Err(format!("{text:?} is negative"));
    }
    let int_part = int_part.strip_prefix('+').unwrap_or(int_part);
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int_part.is_empty() && frac_part.is_empty()) || !digits(int_part) || !digits(frac_part) {
        return Err(invalid());
    }
    let int_part = int_part.trim_start_matches('0');
    if int_part.len() > 10 {
        return Err(format!("{text:?} is too large"));
    }
    let whole: i64 = if int_part.is_empty() {
        0
    } else {
        int_part.parse().map_err(|_| invalid())?
    };
    let mut frac = frac_part.bytes().map(|b| i64::from(b - b'0'));
    let tenths = frac.next().unwrap_or(0);
    let hundredths = frac.next().unwrap_or(0);
    let rest: Vec<i64> = frac.collect();
    let mut total = whole * 100 + tenths * 10 + hundredths;
    if rest.iter().any(|&d| d != 0) {
        match rounding {
            Rounding::Strict => return Err(format!("{text:?} has more than 2 decimal places")),
            Rounding::HalfUp if rest[0] >= 5 => total += 1,
            Rounding::HalfUp => {}
        }
    }
    if total > MAX_CENTS {
        return Err(format!("{text:?} is too large"));
    }
    Ok(total)
}

/// 4990 → "49.90".
pub fn format_cents(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// RFC 3339 (`2026-11-03T09:12:44Z`, any offset), or a date and time without an
/// offset taken as UTC (`2026-11-03T09:12:44`, `2026-11-03 09:12:44`, as WooCommerce's
/// `*_gmt` fields), or a bare date (midnight UTC).
pub fn timestamp(text: &str) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(at.and_utc());
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(date.and_hms_opt(0, 0, 0).expect("midnight").and_utc());
    }
    Err(format!(
        "{text:?} is not a timestamp (expected RFC 3339, e.g. 2026-11-03T09:12:44Z)"
    ))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[track_caller]
    fn check_amount(value: Value, rounding: Rounding, expected: Result<&str, &str>) {
        let actual = amount(&value, rounding);
        match expected {
            Ok(text) => assert_eq!(actual.as_deref(), Ok(text), "{value}"),
            Err(part) => {
                let error = actual.expect_err("should fail");
                assert!(error.contains(part), "{value}: {error}");
            }
        }
    }

    #[test]
    fn amounts() {
        use Rounding::*;
        check_amount(json!("24.90"), Strict, Ok("24.90"));
        check_amount(json!(24.9), Strict, Ok("24.90"));
        check_amount(json!(24), Strict, Ok("24.00"));
        check_amount(json!(" 7.5 "), Strict, Ok("7.50"));
        check_amount(json!(".5"), Strict, Ok("0.50"));
        check_amount(json!("0"), Strict, Ok("0.00"));
        check_amount(json!("19.900"), Strict, Ok("19.90"));
        check_amount(json!(1e2), Strict, Ok("100.00"));
        check_amount(json!("9999999999.99"), Strict, Ok("9999999999.99"));
        check_amount(json!("19.999"), Strict, Err("more than 2 decimal places"));
        check_amount(json!("19.995"), HalfUp, Ok("20.00"));
        check_amount(json!(20.661157), HalfUp, Ok("20.66"));
        check_amount(json!("-3.00"), Strict, Err("negative"));
        check_amount(json!("€24.90"), Strict, Err("not a decimal amount"));
        check_amount(json!("1,234.50"), Strict, Err("not a decimal amount"));
        check_amount(json!(""), Strict, Err("not a decimal amount"));
        check_amount(json!("."), Strict, Err("not a decimal amount"));
        check_amount(json!("10000000000"), Strict, Err("too large"));
        check_amount(json!(true), Strict, Err("not a boolean"));
        check_amount(json!(null), Strict, Err("missing"));
    }

    #[test]
    fn timestamps() {
        let utc = |s: &str| timestamp(s).map(|t| t.to_rfc3339());
        assert_eq!(
            utc("2026-11-03T09:12:44Z").unwrap(),
            "2026-11-03T09:12:44+00:00"
        );
        assert_eq!(
            utc("2026-11-03T10:12:44+01:00").unwrap(),
            "2026-11-03T09:12:44+00:00"
        );
        assert_eq!(
            utc("2026-11-03T09:12:44").unwrap(),
            "2026-11-03T09:12:44+00:00"
        );
        assert_eq!(
            utc("2026-11-03 09:12:44").unwrap(),
            "2026-11-03T09:12:44+00:00"
        );
        assert_eq!(utc("2026-11-03").unwrap(), "2026-11-03T00:00:00+00:00");
        assert!(utc("03/11/2026").unwrap_err().contains("RFC 3339"));
    }
}
