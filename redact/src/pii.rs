//! PII masking: e-mail addresses, card numbers (Luhn-checked), IBANs, phone numbers and
//! street addresses (the common English, German and Dutch forms) are replaced by typed
//! placeholders (`[email]`, `[card]`, `[iban]`, `[phone]`, `[address]`) before text is
//! logged, stored in audit payloads, embedded or searched.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::email::EMAIL;

static IBAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b").expect("iban regex")
});
// 13–19 digits, optionally grouped by spaces or dashes
static CARD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:\d[ \-]?){12,18}\d\b").expect("card regex"));
// international or national numbers with at least 8 digits, allowing common separators
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+\d{1,3}[ .\-]?)?(?:\(\d{1,4}\)[ .\-]?)?\d{2,4}(?:[ .\-]?\d{2,4}){2,4}")
        .expect("phone regex")
});

// "221B Baker Street", "12 Oak Rd"; "Hauptstraße 5", "Keizersgracht 123"
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Dr\.?|Boulevard|Blvd\.?|Way|Court|Ct\.?|Place|Pl\.?|Square|Terrace|Close|Crescent)\b
          |\b[A-ZÄÖÜ][a-zäöüß]+(?:stra(?:ß|ss)e|str\.|weg|gasse|allee|platz|laan|straat|plein|gracht|kade|dijk)\s+\d{1,4}[a-z]?\b",
    )
    .expect("address regex")
});

// 2026-11-25: a date, not a phone number (log timestamps stay readable)
static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{4}-\d{2}-\d{2}$").expect("date regex"));

/// Masks every kind of PII this module knows. Text without PII is returned borrowed.
pub fn mask(text: &str) -> Cow<'_, str> {
    let mut out = Cow::Borrowed(text);
    out = replace(out, &EMAIL, |_| Some("[email]"));
    out = replace(out, &ADDRESS, |_| Some("[address]"));
    out = replace(out, &IBAN, |m| iban_is_valid(m).then_some("[iban]"));
    out = replace(out, &CARD, |m| luhn_is_valid(m).then_some("[card]"));
    mask_phones(out)
}

/// Phone numbers: 8–15 digits, but not a date or the seconds of a timestamp.
fn mask_phones(text: Cow<'_, str>) -> Cow<'_, str> {
    if !PHONE.is_match(&text) {
        return text;
    }
    let replaced = PHONE.replace_all(&text, |caps: &regex::Captures<'_>| {
        let m = caps.get(0).expect("whole match");
        let digits = m.as_str().chars().filter(char::is_ascii_digit).count();
        let after_colon = text[..m.start()].ends_with(':');
        if (8..=15).contains(&digits) && !ISO_DATE.is_match(m.as_str()) && !after_colon {
            "[phone]".to_string()
        } else {
            m.as_str().to_string()
        }
    });
    Cow::Owned(replaced.into_owned())
}

/// The text with its PII removed altogether, for retrieval: placeholders like `[email]`
/// would otherwise match every page that mentions e-mail.
pub fn strip(text: &str) -> String {
    let masked = mask(text);
    let mut out = masked.into_owned();
    for placeholder in ["[email]", "[card]", "[iban]", "[phone]", "[address]"] {
        out = out.replace(placeholder, " ");
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn replace<'a>(
    text: Cow<'a, str>,
    re: &Regex,
    keep: impl Fn(&str) -> Option<&'static str>,
) -> Cow<'a, str> {
    if !re.is_match(&text) {
        return text;
    }
    let replaced = re.replace_all(&text, |caps: &regex::Captures<'_>| {
        let m = &caps[0];
        keep(m).map(str::to_string).unwrap_or_else(|| m.to_string())
    });
    Cow::Owned(replaced.into_owned())
}

/// The Luhn checksum used by payment card numbers.
pub fn luhn_is_valid(candidate: &str) -> bool {
    let digits: Vec<u32> = candidate.chars().filter_map(|c| c.to_digit(10)).collect();
    if !(13..=19).contains(&digits.len()) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 == 1.
pub fn iban_is_valid(candidate: &str) -> bool {
    let compact: String = candidate.chars().filter(|c| !c.is_whitespace()).collect();
    if !(15..=34).contains(&compact.len()) {
        return false;
    }
    let rearranged = compact[4..].chars().chain(compact[..4].chars());
    let mut remainder: u32 = 0;
    for c in rearranged {
        let value = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            _ => return false,
        };
        let width = if value >= 10 { 100 } else { 10 };
        remainder = (remainder * width + value) % 97;
    }
    remainder == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: &str) {
        assert_eq!(mask(input), expected);
    }

    #[test]
    fn masks_known_pii() {
        check(
            "mail me at jane.doe+shop@example.co.uk please",
            "mail me at [email] please",
        );
        check(
            "card 4111 1111 1111 1111 exp 12/29",
            "card [card] exp 12/29",
        );
        check("card 4111-1111-1111-1111", "card [card]");
        check("IBAN NL91 ABNA 0417 1643 00 thanks", "IBAN [iban] thanks");
        check("call +31 20 123 4567 today", "call [phone] today");
        check("call (020) 123-4567", "call [phone]");
        check(
            "send it to 221B Baker Street, London",
            "send it to [address], London",
        );
        check(
            "ich wohne Hauptstraße 5 in Berlin",
            "ich wohne [address] in Berlin",
        );
        check("Keizersgracht 123, Amsterdam", "[address], Amsterdam");
    }

    #[test]
    fn strip_removes_pii_for_search() {
        assert_eq!(
            strip("send back a kettle? jane.doe@example.com +31 20 123 4567"),
            "send back a kettle?"
        );
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        check(
            "how long do I have to send back a kettle",
            "how long do I have to send back a kettle",
        );
        check("order 1042 was shipped", "order 1042 was shipped");
        check(
            "I bought 2 Copper Pans last week",
            "I bought 2 Copper Pans last week",
        );
        check("it costs 129.00 EUR", "it costs 129.00 EUR");
        check(
            "2026-11-25T17:40:15.888638Z INFO",
            "2026-11-25T17:40:15.888638Z INFO",
        );
        // 16 digits failing the Luhn check is an order or tracking number, not a card
        check(
            "tracking 1234 5678 9012 3456",
            "tracking 1234 5678 9012 3456",
        );
    }

    #[test]
    fn luhn_and_iban_checks() {
        assert!(luhn_is_valid("4111111111111111"));
        assert!(!luhn_is_valid("4111111111111112"));
        assert!(iban_is_valid("NL91ABNA0417164300"));
        assert!(!iban_is_valid("NL92ABNA0417164300"));
    }
}
