//! PII masking. Personal data in free text (e-mail addresses, phone numbers, payment
//! card numbers, IBANs, national ids and street addresses) is found by shape and
//! checked (Luhn, IBAN mod 97, BSN elfproef, SSN ranges, a plausible phone grouping or
//! a cue such as "call me on"), then replaced by a typed placeholder (`[email]`,
//! `[phone]`, `[card]`, `[iban]`, `[national-id]`, `[address]`). What is never personal
//! data is recognised first and left alone: UUIDs and other identifiers, order and
//! tracking numbers, dates, times, IP addresses, prices and version strings.
//!
//! `mask` hides every kind and serves logs, traces, tool-call records and retrieval;
//! `mask_kinds` hides a chosen set, for surfaces a person must still read (the handoff
//! summary keeps the phone number the customer gave). docs/security.md has the table.

mod address;
mod checksum;
mod context;
mod numbers;
pub mod score;
mod shape;

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

pub use checksum::{bsn_is_valid, iban_is_valid, luhn_is_valid, ssn_is_valid};

use crate::email::EMAIL;

/// A kind of personal data the masker knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Email,
    Phone,
    Card,
    Iban,
    NationalId,
    Address,
}

impl Kind {
    /// Every kind, in the order the masker looks for them.
    pub const ALL: [Kind; 6] = [
        Kind::Email,
        Kind::Iban,
        Kind::Address,
        Kind::NationalId,
        Kind::Card,
        Kind::Phone,
    ];

    /// The stable name (`email`, `phone`, `card`, `iban`, `national_id`, `address`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Email => "email",
            Kind::Phone => "phone",
            Kind::Card => "card",
            Kind::Iban => "iban",
            Kind::NationalId => "national_id",
            Kind::Address => "address",
        }
    }

    /// The text that replaces a value of this kind.
    pub fn placeholder(self) -> &'static str {
        match self {
            Kind::Email => "[email]",
            Kind::Phone => "[phone]",
            Kind::Card => "[card]",
            Kind::Iban => "[iban]",
            Kind::NationalId => "[national-id]",
            Kind::Address => "[address]",
        }
    }
}

/// One piece of personal data: a byte range of the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

static IBAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\b[A-Z]{2}\d{2}(?:\x20?[A-Z0-9]{4}){2,7}(?:\x20?[A-Z0-9]{1,4})?\b")
        .expect("iban regex")
});

/// Every piece of personal data in `text`, in order, never overlapping.
pub fn find(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    // the cheap common case: no digit and no `@`, nothing to find
    if !text.bytes().any(|b| b.is_ascii_digit() || b == b'@') {
        return found;
    }
    let claim = |start: usize, end: usize, kind: Kind, found: &mut Vec<Found>| {
        if !found.iter().any(|f| start < f.end && f.start < end) {
            found.push(Found { start, end, kind });
        }
    };
    for m in EMAIL.find_iter(text) {
        claim(m.start(), m.end(), Kind::Email, &mut found);
    }
    for m in IBAN.find_iter(text) {
        if let Some(end) = valid_iban_end(text, m.start(), m.end()) {
            claim(m.start(), end, Kind::Iban, &mut found);
        }
    }
    address::find(text, |s, e| claim(s, e, Kind::Address, &mut found));
    // numbers are read from a copy in which what is already found and what is never
    // personal (identifiers, dates, times, IP addresses) is blanked out
    let blank = blanked(text, &found);
    numbers::find(&blank, |s, e, kind| claim(s, e, kind, &mut found));
    found.sort_by_key(|f| f.start);
    found
}

/// An IBAN match may run into the next word ("NL91 ABNA 0417 1643 00 thx"): drop
/// trailing groups until the checksum holds.
fn valid_iban_end(text: &str, start: usize, end: usize) -> Option<usize> {
    let mut end = end;
    loop {
        if iban_is_valid(&text[start..end]) {
            return Some(end);
        }
        end = start + text[start..end].rfind(' ')?;
    }
}

/// `text` with found spans and never-personal shapes replaced by `X`s of the same
/// byte length, so byte offsets stay valid.
fn blanked(text: &str, found: &[Found]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let shapes = shape::never_personal(text);
    for (start, end) in found.iter().map(|f| (f.start, f.end)).chain(shapes) {
        bytes[start..end].fill(b'X');
    }
    // whole characters were replaced, so the bytes are still UTF-8
    String::from_utf8(bytes).expect("blanked whole characters")
}

/// Masks every kind of personal data. Text without any is returned borrowed.
pub fn mask(text: &str) -> Cow<'_, str> {
    mask_kinds(text, &Kind::ALL)
}

/// Masks the given kinds only.
pub fn mask_kinds<'a>(text: &'a str, kinds: &[Kind]) -> Cow<'a, str> {
    mask_where(text, |f| kinds.contains(&f.kind))
}

/// What staff never read in clear, even in a customer's own words: card numbers (PCI
/// DSS) and national ids.
pub const HIDDEN_FROM_STAFF: [Kind; 2] = [Kind::Card, Kind::NationalId];

/// For the people who take a conversation over (handoff summaries): card numbers,
/// national ids and any e-mail address other than the one the customer verified are
/// masked; the phone number, address and IBAN the customer gave stay (a person may
/// need them to call back, check a delivery or refund), as do order and tracking
/// numbers (never masked anywhere).
pub fn mask_for_staff<'a>(text: &'a str, verified_email: Option<&str>) -> Cow<'a, str> {
    mask_where(text, |f| match f.kind {
        Kind::Card | Kind::NationalId => true,
        Kind::Email => {
            !verified_email.is_some_and(|v| text[f.start..f.end].eq_ignore_ascii_case(v))
        }
        Kind::Phone | Kind::Address | Kind::Iban => false,
    })
}

fn mask_where<'a>(text: &'a str, hide: impl Fn(&Found) -> bool) -> Cow<'a, str> {
    let found: Vec<Found> = find(text).into_iter().filter(|f| hide(f)).collect();
    if found.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in found {
        out.push_str(&text[at..f.start]);
        out.push_str(f.kind.placeholder());
        at = f.end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// The text with its PII removed altogether, for retrieval: placeholders like `[email]`
/// would otherwise match every page that mentions e-mail.
pub fn strip(text: &str) -> String {
    let found = find(text);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in found {
        out.push_str(&text[at..f.start]);
        out.push(' ');
        at = f.end;
    }
    out.push_str(&text[at..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
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
    fn ids_and_tracking_numbers_stay_readable() {
        for text in [
            "request_id=e90b771a-1cef-454b-9c12-345678ebab12 status=200",
            "GET /api/agent/thread/01a23acd-565d-734f-84b8-43aa12345678/events",
            "Your DHL tracking number is JJD014600003828000000.",
            "UPS 1Z999AA10123456784, Royal Mail AB123456789GB",
            "client_ip=203.0.113.45 at 14:30:15",
        ] {
            check(text, text);
        }
    }

    #[test]
    fn chosen_kinds_only() {
        let text = "card 4111 1111 1111 1111, call +31 20 123 4567, ann@example.com";
        assert_eq!(
            mask_kinds(text, &[Kind::Card, Kind::NationalId]),
            "card [card], call +31 20 123 4567, ann@example.com"
        );
        assert_eq!(mask(text), "card [card], call [phone], [email]");
    }

    #[test]
    fn staff_see_what_they_need_to_help() {
        let text = "order CK-10423, DHL JJD014600003828000000, card 4111 1111 1111 1111, \
                    SSN 123-45-6789, call +31 20 123 4567, IBAN NL91 ABNA 0417 1643 00, \
                    me: Ann@Example.com, not bob@example.com";
        assert_eq!(
            mask_for_staff(text, Some("ann@example.com")),
            "order CK-10423, DHL JJD014600003828000000, card [card], SSN [national-id], \
             call +31 20 123 4567, IBAN NL91 ABNA 0417 1643 00, \
             me: Ann@Example.com, not [email]"
        );
        assert!(mask_for_staff(text, None).contains("me: [email]"));
    }
}
