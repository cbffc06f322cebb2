//! The one definition of an e-mail address in Frontdesk: what the masker hides, what
//! slot extraction finds in a customer's message, and what order imports, tool
//! arguments and JWT claims must look like. A local part of up to 64 characters, an
//! `@`, dot-separated domain labels and a top-level domain of letters (ASCII).

use std::sync::LazyLock;

use regex::Regex;

// ASCII classes on purpose: Unicode `\w` and `\p{L}` make the matcher several times
// slower on every message and log line, for addresses almost no shop sees
const PATTERN: &str = r"[a-z0-9._%+\-]{1,64}@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{1,24}";

/// Any e-mail address inside a text.
pub static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b{PATTERN}\b")).expect("email pattern"));

static WHOLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^{PATTERN}$")).expect("email pattern"));

/// True when `text` is exactly one e-mail address (no spaces, no trailing dot).
/// Deliverability is the shop's business; this catches swapped columns and typos.
pub fn is_email(text: &str) -> bool {
    WHOLE.is_match(text)
}

/// The first e-mail address in `text`, lower-cased, without the punctuation a
/// sentence may wrap around it.
pub fn find_email(text: &str) -> Option<String> {
    EMAIL
        .find_iter(text)
        .map(|m| m.as_str().trim_start_matches(['.', '-', '%', '+']))
        .find(|m| is_email(m))
        .map(str::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_addresses() {
        for good in ["maria.rossi@example.com", "Ann+shop@Example.co.uk", "x@y.z"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "maria.rossi",
            "@example.com",
            "maria@",
            "maria@localhost",
            "maria@@example.com",
            "maria rossi@example.com",
            "maria@example.com.",
            "maria@.example.com",
            "maria@example..com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn found_in_text() {
        assert_eq!(
            find_email("Order #1043, email Ann@Example.com."),
            Some("ann@example.com".into())
        );
        assert_eq!(
            find_email("(me: .ann@example.com)"),
            Some("ann@example.com".into())
        );
        assert_eq!(find_email("write to me at ann at example dot com"), None);
        assert_eq!(find_email("order 1042 please"), None);
    }
}
