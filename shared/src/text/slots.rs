//! Slots a customer's message fills: order ids and e-mail addresses (the one e-mail
//! definition is `frontdesk_redact::email`).

use std::sync::LazyLock;

use regex::Regex;

/// An order id introduced by a cue ("order 1042", "#1042", "no. 1042", "Nummer 1042",
/// "CK-2048311"), or a bare 4–10 digit number standing alone.
static CUED_ORDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?:\b(?:order|ordered|commande|bestellung|pedido|nummer|number|nr|no|num)\.?\s*(?:no\.?|number|nr\.?|\#|id|:)?\s*:?\s*\#?
          |\#\s*)
        ((?:ck-)?\d{3,10})\b",
    )
    .expect("order pattern")
});
static PREFIXED_ORDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(ck-\d{4,10})\b").expect("prefixed order pattern"));
static BARE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4,10})\b").expect("number pattern"));

/// The first well-formed email address in the text, lower-cased.
pub use frontdesk_redact::email::find_email as email;

/// The order id the customer most likely means, normalised (digits, or `CK-` + digits).
pub fn order_id(text: &str) -> Option<String> {
    // ignore numbers that are part of an email address or a phone-like run
    let without_emails = frontdesk_redact::email::EMAIL.replace_all(text, " ");
    let normalise = |s: &str| {
        if s.to_lowercase().starts_with("ck-") {
            s.to_uppercase()
        } else {
            s.to_string()
        }
    };
    if let Some(c) = PREFIXED_ORDER.captures(&without_emails) {
        return Some(normalise(&c[1]));
    }
    if let Some(c) = CUED_ORDER.captures(&without_emails) {
        return Some(normalise(&c[1]));
    }
    BARE_NUMBER
        .captures_iter(&without_emails)
        .map(|c| c[1].to_string())
        .find(|n| !looks_like_year(n))
}

fn looks_like_year(n: &str) -> bool {
    n.len() == 4 && (n.starts_with("19") || n.starts_with("20"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_order(text: &str, expected: Option<&str>) {
        assert_eq!(order_id(text).as_deref(), expected, "{text}");
    }

    #[test]
    fn order_ids() {
        check_order("where is my order 1042?", Some("1042"));
        check_order("order #1043 please", Some("1043"));
        check_order("no. 1047, still nothing", Some("1047"));
        check_order("Bestellung Nummer 1052 fehlt", Some("1052"));
        check_order("any news on 1042?? ordered on the 3rd", Some("1042"));
        check_order("my order is CK-2048311", Some("CK-2048311"));
        check_order("it's been since 2025, where is it", None);
        check_order("mail is ann1042@example.com", None);
        check_order("where is my parcel", None);
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
