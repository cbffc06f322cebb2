//! Slots a customer's message fills: order ids and e-mail addresses (the one e-mail
//! definition is `frontdesk_redact::email`).
//!
//! Shops number orders in their own ways (`1045`, `#W2611340`, `CK-10423`,
//! `100-2345678`, `WC-58812`, `ORD-2026-000123`), so the default extractor takes any
//! id of letters, digits and hyphens with 3 to 12 digits, and prefers one introduced by
//! a cue ("order", "#", "Bestellung", "commande", "pedido"…), then one mixing letters
//! and digits, then a bare number of at least 4 digits. Phone and card numbers, dates,
//! times, prices, quantities with a unit and years are never taken. A shop whose ids
//! have one exact shape can set `orders.id_pattern` instead.

use std::sync::LazyLock;

use frontdesk_redact::pii;
use regex::Regex;

/// The first well-formed email address in the text, lower-cased.
pub use frontdesk_redact::email::find_email as email;

/// Words that introduce an order id, in the languages the router reads.
const CUES: &[&str] = &[
    "order",
    "orders",
    "ordered",
    "ordernumber",
    "bestellung",
    "bestellnummer",
    "bestelling",
    "bestelnummer",
    "commande",
    "pedido",
    "ordine",
    "number",
    "nummer",
    "numéro",
    "número",
    "nr",
    "no",
    "num",
    "id",
    "ref",
    "reference",
    "referenz",
    "référence",
];

/// Candidate ids: runs of letters, digits and hyphens, optionally after `#`.
static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"#?\s?[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?").expect("token"));
/// Text that holds digits but is not an order id: links, amounts, dates, times, sizes.
static NOT_IDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        https?://\S+
        | [$€£]\s?\d[\d.,]*
        | \d[\d.,]*\s?(?:eur|euros?|usd|dollars?|gbp|pounds?|chf|€|\$|£)\b
        | \b\d+[.,:]\d+(?:[.,:]\d+)*\b
        | \b\d{4}-\d{1,2}-\d{1,2}\b | \b\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}\b
        | \b\d+\s?(?:ml|l|g|kg|mm|cm|m|km|w|watts?|v|volts?|days?|hours?|minutes?|mins?|weeks?|months?|years?|pcs|pieces|items?|x)\b",
    )
    .expect("not-ids pattern")
});

/// Finds the order id in a customer's message.
#[derive(Debug, Clone, Default)]
pub struct OrderIds {
    custom: Option<Regex>,
}

impl OrderIds {
    /// The default extractor, or the shop's own pattern (`orders.id_pattern`: its first
    /// capture group, else its whole match, is the id).
    pub fn new(pattern: Option<&str>) -> Result<Self, regex::Error> {
        let custom = pattern
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(Regex::new)
            .transpose()?;
        Ok(Self { custom })
    }

    /// The order id the customer most likely means, normalised: upper case, no `#`.
    pub fn find(&self, text: &str) -> Option<String> {
        let text = blank_non_ids(text);
        let id = match &self.custom {
            Some(re) => re
                .captures(&text)
                .and_then(|c| c.get(1).or_else(|| c.get(0)))
                .map(|m| m.as_str().to_string()),
            None => default_id(&text),
        };
        id.map(|id| normalise(&id)).filter(|id| !id.is_empty())
    }
}

/// `text` with e-mail addresses, phone and card numbers, links, amounts, dates, times
/// and sizes replaced by spaces.
fn blank_non_ids(text: &str) -> String {
    let mut spans: Vec<(usize, usize)> = frontdesk_redact::email::EMAIL
        .find_iter(text)
        .chain(NOT_IDS.find_iter(text))
        .map(|m| (m.start(), m.end()))
        .collect();
    spans.extend(
        pii::find(text)
            .into_iter()
            .filter(|f| matches!(f.kind, pii::Kind::Phone | pii::Kind::Card | pii::Kind::Iban))
            .map(|f| (f.start, f.end)),
    );
    let mut out = text.to_string();
    for (start, end) in spans {
        // whole characters are replaced by as many spaces as they had bytes
        out.replace_range(start..end, &" ".repeat(end - start));
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    BareNumber,
    LettersAndDigits,
    Cued,
}

fn default_id(text: &str) -> Option<String> {
    let mut best: Option<(Strength, String)> = None;
    for m in TOKEN.find_iter(text) {
        let token = m.as_str();
        let bare = token.trim_start_matches(['#', ' ']);
        let digits = bare.chars().filter(char::is_ascii_digit).count();
        let letters = bare.chars().filter(char::is_ascii_alphabetic).count();
        if !(3..=12).contains(&digits) || letters > 6 {
            continue;
        }
        let strength = if token.starts_with('#') || cued(&text[..m.start()]) {
            Strength::Cued
        } else if letters > 0 {
            Strength::LettersAndDigits
        } else if digits >= 4 && !looks_like_year(bare) {
            Strength::BareNumber
        } else {
            continue;
        };
        if best.as_ref().is_none_or(|(s, _)| strength > *s) {
            best = Some((strength, bare.to_string()));
        }
    }
    best.map(|(_, id)| id)
}

/// True when the word just before is an order cue ("order", "order number:", "Nr.").
fn cued(before: &str) -> bool {
    before
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | '.' | ','))
        .rev()
        .filter(|w| !w.is_empty())
        .take(2)
        .any(|w| CUES.contains(&w.to_lowercase().as_str()))
}

fn looks_like_year(n: &str) -> bool {
    n.len() == 4 && (n.starts_with("19") || n.starts_with("20"))
}

fn normalise(id: &str) -> String {
    id.trim().trim_start_matches('#').trim().to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_order(text: &str, expected: Option<&str>) {
        assert_eq!(
            OrderIds::default().find(text).as_deref(),
            expected,
            "{text}"
        );
    }

    #[test]
    fn order_ids_in_many_shops_formats() {
        check_order("where is my order 1042?", Some("1042"));
        check_order("order #1043 please", Some("1043"));
        check_order("no. 1047, still nothing", Some("1047"));
        check_order("Bestellung Nummer 1052 fehlt", Some("1052"));
        check_order("any news on 1042?? ordered on the 3rd", Some("1042"));
        check_order("my order is CK-2048311", Some("CK-2048311"));
        check_order(
            "Where is my order W2611340? My email is james.li@example.com",
            Some("W2611340"),
        );
        check_order("status of #W2611340", Some("W2611340"));
        check_order("it's 100-2345678, placed last week", Some("100-2345678"));
        check_order("wc-58812 hasn't arrived", Some("WC-58812"));
        check_order("I was charged twice for order 1045", Some("1045"));
        check_order("ORD-2026-000123 is late", Some("ORD-2026-000123"));
        check_order("pedido 4471 no ha llegado", Some("4471"));
    }

    #[test]
    fn numbers_that_are_not_order_ids() {
        check_order("it's been since 2025, where is it", None);
        check_order("mail is ann1042@example.com", None);
        check_order("where is my parcel", None);
        check_order("call me on +31 20 123 4567", None);
        check_order("I paid 129.00 EUR on 2026-11-25 at 14:30", None);
        check_order("the 1500 W kettle, 1700 ml", None);
        check_order("see https://shop.example/orders/98765", None);
        check_order("I bought 2 pans", None);
    }

    #[test]
    fn a_cued_id_wins_over_other_numbers() {
        check_order(
            "I called 5 times since 2026, order 1045 still missing",
            Some("1045"),
        );
        check_order("SKU CK-KET-001, order 1045", Some("1045"));
    }

    #[test]
    fn the_shops_own_pattern() {
        let ids = OrderIds::new(Some(r"(?i)\b(ORD\d{6})\b")).unwrap();
        assert_eq!(
            ids.find("hi, ord123456 and 1045").as_deref(),
            Some("ORD123456")
        );
        assert_eq!(ids.find("order 1045").as_deref(), None);
        assert!(OrderIds::new(Some("(unclosed")).is_err());
    }

    #[test]
    fn emails() {
        assert_eq!(
            email("Order #1043, email Ann@Example.com."),
            Some("ann@example.com".into())
        );
        assert_eq!(email("write to me at ann at example dot com"), None);
    }
}
