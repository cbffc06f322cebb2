//! Numbers that are personal data: payment cards (Luhn-checked, printed whole or in
//! the groups card issuers use), US Social Security and Dutch BSN numbers (checked,
//! and for the bare forms only after a cue such as "SSN"), and phone numbers (an
//! international or trunk prefix, the North American grouping, or a phone cue, with a
//! plausible number of digits). Everything else a shop writes with digits (order and
//! parcel numbers, prices, SKUs, quantities) stays.

use std::sync::LazyLock;

use regex::Regex;

use super::checksum::{bsn_is_valid, luhn_is_valid, ssn_is_valid};
use super::context::{cue_before, Cue};
use super::Kind;

// A run of digits with the separators phone and card numbers are written with, an
// optional leading `+` or `(`, and an optional phone extension. Read from text in
// which identifiers, dates and times are already blanked out.
static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x-u)
        (?:\+|\(\+?)? \d+
        (?: (?: [\x20.\-/] | \)[\x20.\-]? | [\x20.\-]?\( )? \d+ )*
        \)?
        (?: \x20?(?i:x|ext\.?)\x20?\d{1,6} )?",
    )
    .expect("number candidate regex")
});

/// Personal numbers in `text` (already blanked of identifiers), as byte ranges.
pub fn find(text: &str, mut found: impl FnMut(usize, usize, Kind)) {
    for m in CANDIDATE.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        if !stands_alone(text, start, end) {
            continue;
        }
        let cue = cue_before(text, start);
        if let Some(kind) = classify(m.as_str(), cue) {
            found(start, end, kind);
        }
    }
}

/// Not glued to a word, an `#` or a longer number ("#1045", "W-2611340", "12.5").
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    // "+31…" after a slash or a dash is still a phone number ("tel:/+31…")
    let punctuation_glues = !text[start..].starts_with('+');
    let glued_before = before.is_some_and(|c| {
        c.is_alphanumeric()
            || matches!(c, '#' | '_' | '€' | '$' | '£')
            || punctuation_glues && matches!(c, '-' | '.' | '/')
    });
    let glued_after = after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        || text[end..].starts_with(['.', ',', '-', '/'])
            && text[end + 1..].starts_with(|c: char| c.is_ascii_digit());
    !glued_before && !glued_after
}

/// What a candidate number is, given the cue in front of it.
fn classify(candidate: &str, cue: Cue) -> Option<Kind> {
    let number = candidate.split(['x', 'X', 'e']).next().unwrap_or(candidate);
    let groups: Vec<&str> = number
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let digits: usize = groups.iter().map(|g| g.len()).sum();
    let international =
        number.starts_with('+') || number.starts_with("(+") || number.starts_with("00");
    if cue == Cue::Reference && !international {
        return None;
    }
    if national_id(number, &groups, digits, cue) {
        return Some(Kind::NationalId);
    }
    if is_card(number, &groups, digits, cue) {
        return Some(Kind::Card);
    }
    is_phone(number, &groups, digits, international, cue).then_some(Kind::Phone)
}

fn national_id(number: &str, groups: &[&str], digits: usize, cue: Cue) -> bool {
    let sizes: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    match cue {
        Cue::Ssn => digits == 9 && ssn_is_valid(number),
        Cue::Bsn => (8..=9).contains(&digits) && bsn_is_valid(number),
        // "123-45-6789" is an SSN's own shape; nothing else is written so
        _ => sizes == [3, 2, 4] && number.contains('-') && ssn_is_valid(number),
    }
}

fn is_card(number: &str, groups: &[&str], digits: usize, cue: Cue) -> bool {
    // Maestro cards can have 12 digits; without a cue twelve digits are too common
    let shortest = if cue == Cue::Card { 12 } else { 13 };
    if !(shortest..=19).contains(&digits) || number.contains(['+', '(', ')', '.', '/']) {
        return false;
    }
    let sizes: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let issuer_grouping = match sizes.as_slice() {
        [_] => true,
        [4, 6, 5] | [4, 6, 4] => true,
        [init @ .., last] => init.iter().all(|&s| s == 4) && (1..=4).contains(last),
        [] => false,
    };
    issuer_grouping && luhn_is_valid(number)
}

fn is_phone(number: &str, groups: &[&str], digits: usize, international: bool, cue: Cue) -> bool {
    let sizes: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    if international {
        return (8..=15).contains(&digits);
    }
    if cue == Cue::Phone {
        return (7..=15).contains(&digits);
    }
    let trunk = number.trim_start_matches('(').starts_with('0');
    if trunk {
        // national numbers: "020 123 4567", "(0161) 4960066", "06-12345678"
        return (9..=12).contains(&digits);
    }
    // the North American grouping: (555) 123-4567, 555.123.4567, 1-555-123-4567
    matches!(sizes.as_slice(), [3, 3, 4] | [1, 3, 3, 4])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Kind)> {
        let mut out = Vec::new();
        find(text, |s, e, k| out.push((text[s..e].to_string(), k)));
        out
    }

    #[test]
    fn phones_in_many_formats() {
        for phone in [
            "+31 20 123 4567",
            "(020) 123-4567",
            "+44(0)115 4960914",
            "(0161) 4960066",
            "+49 (0) 9141 777631",
            "04 15 39 15 00",
            "(591)341-7776",
            "206.269.0743x9150",
            "+1-780-563-6083x7783",
            "06-12345678",
            "+3170 6690743",
            "0612345678",
        ] {
            assert_eq!(
                kinds(&format!("reach me: {phone}.")),
                [(phone.to_string(), Kind::Phone)],
                "{phone}"
            );
            assert_eq!(
                kinds(&format!("it is {phone}")),
                [(phone.to_string(), Kind::Phone)],
                "{phone}"
            );
        }
    }

    #[test]
    fn cards_and_national_ids() {
        assert_eq!(
            kinds("card 4111 1111 1111 1111 exp"),
            [("4111 1111 1111 1111".into(), Kind::Card)]
        );
        assert_eq!(
            kinds("paid 3782-822463-10005"),
            [("3782-822463-10005".into(), Kind::Card)]
        );
        // twelve digits only after a card cue
        assert_eq!(
            kinds("my card 503877686405"),
            [("503877686405".into(), Kind::Card)]
        );
        assert!(kinds("invoice total 503877686405").is_empty());
        assert_eq!(
            kinds("my SSN is 123456789"),
            [("123456789".into(), Kind::NationalId)]
        );
        assert_eq!(
            kinds("it is 571-45-0586"),
            [("571-45-0586".into(), Kind::NationalId)]
        );
        assert_eq!(
            kinds("mijn BSN 123456782"),
            [("123456782".into(), Kind::NationalId)]
        );
        // a BSN needs its cue: nine digits alone are an order number as often as not
        assert!(kinds("order 123456782 arrived").is_empty());
    }

    #[test]
    fn business_numbers_stay() {
        for text in [
            "order 1045 was shipped",
            "order 100-2345678",
            "DPD parcel 01234567890123 is late",
            "tracking=9400111899223197428490",
            "USPS 9205 5000 0000 0000 0000 00",
            "it costs 129.00 EUR",
            "I bought 2 pans",
            "tracking 4111 1111 1111 1111",
            "version 110.0.6498.11",
            "Sendungsnummer 43675001024",
            "ticket 5551234567",
            "SKU 480176-318",
            "1,299.99",
            "deliver 20260725",
            "a 16-digit run 1234 5678 9012 3456 failing Luhn",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }
}
