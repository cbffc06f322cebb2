//! Shapes that are never personal data, found before any number is judged: UUIDs and
//! other identifiers that mix letters and digits (request ids, tracking numbers such as
//! `1Z999AA10123456784` or `JJD0000390000000000`, order numbers such as `W2611340`),
//! dates, times and IP addresses. Their characters are blanked out of the text the
//! number detectors read, so a digit run inside a UUID can never look like a phone.

use std::sync::LazyLock;

use regex::Regex;

static SHAPES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x-u)
        # UUIDs (their groups can be all digits)
        (?i:\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b)
        # ISO dates with an optional time
        | \b\d{4}-\d{2}-\d{2}(?:[T\x20]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?Z?)?\b
        # 25/11/2026, 25.11.2026, 11-25-2026, 2026/11/25
        | \b\d{1,2}[./\-]\d{1,2}[./\-]\d{4}\b | \b\d{4}/\d{1,2}/\d{1,2}\b
        # times of day
        | \b\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\b
        # IPv4 with an optional port, IPv6
        | \b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b
        | (?i:\b(?:[0-9a-f]{1,4})?(?::[0-9a-f]{0,4}){2,7}\b)
        # words mixing letters and digits: identifiers
        | \b[A-Za-z0-9_]*(?:[A-Za-z_][0-9]|[0-9][A-Za-z_])[A-Za-z0-9_]*\b
        ",
    )
    .expect("shape regex")
});

// "555-123-4567x89", "0612345678ext12": a phone number's extension, not an identifier
static EXTENSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i-u)^\d+(?:x|ext)\d{1,6}$").expect("extension regex"));

/// Byte ranges of `text` that are identifiers, dates, times or addresses of machines.
pub fn never_personal(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    SHAPES
        .find_iter(text)
        .filter(|m| !EXTENSION.is_match(m.as_str()))
        .map(|m| (m.start(), m.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<&str> {
        never_personal(text).map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn identifiers_dates_and_addresses_of_machines() {
        assert_eq!(
            shapes("request_id=e90b771a-1cef-454b-9c12-345678ebab12 ok"),
            ["e90b771a-1cef-454b-9c12-345678ebab12"]
        );
        assert_eq!(shapes("UPS 1Z999AA10123456784"), ["1Z999AA10123456784"]);
        assert_eq!(shapes("req_8f3a11 W2611340"), ["req_8f3a11", "W2611340"]);
        assert_eq!(shapes("on 25.11.2026 at 14:30"), ["25.11.2026", "14:30"]);
        assert_eq!(shapes("from 203.0.113.45:443"), ["203.0.113.45:443"]);
        assert_eq!(shapes("from 2001:db8::1"), ["2001:db8::1"]);
        assert_eq!(
            shapes("2026-11-25T17:40:15.888638Z INFO"),
            ["2026-11-25T17:40:15.888638Z"]
        );
    }

    #[test]
    fn phone_extensions_and_plain_numbers_are_not_shapes() {
        assert!(shapes("call 555-123-4567x89").is_empty());
        assert!(shapes("call 020 123 4567").is_empty());
    }
}
