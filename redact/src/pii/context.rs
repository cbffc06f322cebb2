//! The words in front of a number that say what it is. "call me on 020 123 4567" is a
//! phone number; "DHL parcel 0034043412345678" and "order 555-123-4567" are not personal
//! data at all. Only the last few words before the number count, and another number in
//! between ends the search ("order 1045, call 555 123 4567": the phone keeps its cue).

/// What the words before a number say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// Phone, call, mobile, Telefon, bel, appeler…
    Phone,
    /// SSN, social security
    Ssn,
    /// BSN, burgerservicenummer, sofinummer
    Bsn,
    /// Card, Kreditkarte, carte…
    Card,
    /// An order, parcel, tracking, invoice, SKU or carrier: a business reference.
    Reference,
    /// Nothing either way.
    None,
}

/// How many words back a cue may stand.
const WINDOW: usize = 4;

// Lower-cased words; an entry ending in `*` matches any word it begins ("telefon*"
// covers "Telefonnummer"), the others only the whole word ("bel", not "below").
const PHONE: &[&str] = &[
    "phone*",
    "tel",
    "telephone*",
    "call*",
    "mobile*",
    "cell",
    "cellphone",
    "ring",
    "text",
    "sms",
    "whatsapp",
    "fax",
    "reach",
    "contact",
    "telefon*",
    "handy*",
    "rufnummer*",
    "anruf*",
    "rufen",
    "mobil*",
    "bel",
    "telefoon*",
    "bereik*",
    "appel*",
    "tél",
    "téléphone*",
    "portable",
    "numéro",
];
const SSN: &[&str] = &["ssn", "social"];
const BSN: &[&str] = &["bsn", "burgerservicenummer", "sofinummer", "sofi"];
const CARD: &[&str] = &[
    "card",
    "cards",
    "credit",
    "visa",
    "mastercard",
    "amex",
    "kreditkarte*",
    "karte",
    "carte",
    "creditcard*",
];
const REFERENCE: &[&str] = &[
    "order*",
    "tracking*",
    "track",
    "parcel*",
    "package*",
    "shipment*",
    "consignment*",
    "invoice*",
    "sku*",
    "ean",
    "upc",
    "ref",
    "reference*",
    "ticket*",
    "item*",
    "article*",
    "product*",
    "bestell*",
    "sendung*",
    "paket*",
    "rechnung*",
    "artikel*",
    "zending*",
    "pakket*",
    "factuur*",
    "commande*",
    "colis",
    "suivi",
    "facture*",
    "dhl",
    "ups",
    "usps",
    "dpd",
    "fedex",
    "gls",
    "postnl",
    "royal",
    "hermes",
    "evri",
    "awb",
];

/// The cue standing nearest before `start` in `text` (within a few words, not past
/// another number or the end of a sentence).
pub fn cue_before(text: &str, start: usize) -> Cue {
    let before = &text[..start];
    for word in before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '=' | ':' | '(' | ',' | '/'))
        .filter(|w| !w.is_empty())
        .take(WINDOW)
    {
        if word.chars().any(|c| c.is_ascii_digit()) {
            break;
        }
        let cue = classify(
            &word
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase(),
        );
        if cue != Cue::None {
            return cue; // "tel." is a cue, not the end of a sentence
        }
        if word.ends_with(['.', '!', '?', ';']) {
            break; // the end of an earlier sentence
        }
    }
    Cue::None
}

fn classify(word: &str) -> Cue {
    let starts = |list: &[&str]| {
        list.iter().any(|entry| match entry.strip_suffix('*') {
            Some(prefix) => word.starts_with(prefix),
            None => word == *entry,
        })
    };
    // identity cues first: "social security number" is not a business reference
    if starts(BSN) {
        Cue::Bsn
    } else if starts(SSN) {
        Cue::Ssn
    } else if starts(CARD) {
        Cue::Card
    } else if starts(REFERENCE) {
        Cue::Reference
    } else if starts(PHONE) {
        Cue::Phone
    } else {
        Cue::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(text: &str) -> Cue {
        cue_before(text, text.len())
    }

    #[test]
    fn nearest_cue_wins() {
        assert_eq!(cue("please call me on "), Cue::Phone);
        assert_eq!(cue("Your DHL tracking number is "), Cue::Reference);
        assert_eq!(cue("tracking="), Cue::Reference);
        assert_eq!(cue("My BSN is "), Cue::Bsn);
        assert_eq!(cue("social security number "), Cue::Ssn);
        assert_eq!(cue("Meine Kreditkarte "), Cue::Card);
        assert_eq!(cue("tél. "), Cue::Phone);
    }

    #[test]
    fn a_number_or_a_sentence_in_between_ends_the_search() {
        assert_eq!(cue("about order 1045 at "), Cue::None);
        assert_eq!(cue("I placed an order yesterday. Call "), Cue::Phone);
        assert_eq!(cue("I placed an order yesterday. Thanks "), Cue::None);
        assert_eq!(cue("the weather is nice "), Cue::None);
    }
}
