//! Check digits that separate real payment and identity numbers from look-alikes:
//! Luhn (payment cards), ISO 13616 mod 97 with each country's length (IBAN), the
//! Dutch "elfproef" (BSN) and the US Social Security number's reserved ranges.

/// The Luhn checksum of payment card numbers, over 12–19 digits (separators ignored).
pub fn luhn_is_valid(candidate: &str) -> bool {
    let digits: Vec<u32> = candidate.chars().filter_map(|c| c.to_digit(10)).collect();
    if !(12..=19).contains(&digits.len()) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| match (i % 2, d * 2) {
            (0, _) => d,
            (_, doubled) if doubled > 9 => doubled - 9,
            (_, doubled) => doubled,
        })
        .sum();
    sum % 10 == 0
}

/// ISO 13616: the country's IBAN length where known (15–34 otherwise), then the first
/// four characters moved to the end, letters as numbers, mod 97 == 1. Spaces are
/// ignored and lower case accepted, as customers type them.
pub fn iban_is_valid(candidate: &str) -> bool {
    let compact: String = candidate
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let expected = country_length(&compact[..compact.len().min(2)]);
    let length_ok = match expected {
        Some(n) => compact.len() == n,
        None => (15..=34).contains(&compact.len()),
    };
    if !length_ok || !compact.is_ascii() {
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

/// IBAN lengths of the SEPA countries and a few others customers often bank in.
fn country_length(country: &str) -> Option<usize> {
    Some(match country {
        "NO" => 15,
        "BE" => 16,
        "DK" | "FI" | "FO" | "GL" | "NL" => 18,
        "MK" | "SI" => 19,
        "AT" | "BA" | "EE" | "KZ" | "LT" | "LU" | "XK" => 20,
        "CH" | "CR" | "HR" | "LI" | "LV" => 21,
        "BG" | "BH" | "DE" | "GB" | "GE" | "IE" | "ME" | "RS" => 22,
        "AE" | "GI" | "IL" | "TL" => 23,
        "AD" | "CZ" | "ES" | "MD" | "PK" | "RO" | "SA" | "SE" | "SK" | "TN" | "VG" => 24,
        "PT" | "ST" => 25,
        "IS" | "TR" => 26,
        "FR" | "GR" | "IT" | "MC" | "MR" | "SM" => 27,
        "AL" | "AZ" | "BY" | "CY" | "DO" | "GT" | "HU" | "LB" | "PL" => 28,
        "BR" | "EG" | "PS" | "QA" | "UA" => 29,
        "JO" | "KW" | "MU" => 30,
        "MT" | "SC" => 31,
        _ => return None,
    })
}

/// The Dutch citizen service number: 9 digits (8 with the leading zero dropped) whose
/// weighted sum 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11.
pub fn bsn_is_valid(candidate: &str) -> bool {
    let mut digits: Vec<i64> = candidate
        .chars()
        .filter_map(|c| c.to_digit(10))
        .map(i64::from)
        .collect();
    if digits.len() == 8 {
        digits.insert(0, 0);
    }
    if digits.len() != 9 || digits.iter().all(|&d| d == 0) {
        return false;
    }
    let sum: i64 = digits[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(d, w)| d * w)
        .sum::<i64>()
        - digits[8];
    sum % 11 == 0
}

/// A US Social Security number outside the ranges never issued: area 000, 666 and
/// 900–999, group 00, serial 0000.
pub fn ssn_is_valid(candidate: &str) -> bool {
    let digits: String = candidate.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 9 {
        return false;
    }
    let area = &digits[..3];
    area != "000"
        && area != "666"
        && !area.starts_with('9')
        && &digits[3..5] != "00"
        && &digits[5..] != "0000"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn() {
        assert!(luhn_is_valid("4111111111111111"));
        assert!(luhn_is_valid("4111 1111 1111 1111"));
        assert!(luhn_is_valid("378282246310005"));
        assert!(!luhn_is_valid("4111111111111112"));
        assert!(!luhn_is_valid("41111111111"));
    }

    #[test]
    fn iban() {
        assert!(iban_is_valid("NL91ABNA0417164300"));
        assert!(iban_is_valid("nl91 abna 0417 1643 00"));
        assert!(iban_is_valid("DE89370400440532013000"));
        assert!(!iban_is_valid("NL92ABNA0417164300"));
        // right checksum, wrong length for the country
        assert!(!iban_is_valid("NL91ABNA041716430"));
    }

    #[test]
    fn bsn() {
        assert!(bsn_is_valid("111222333"));
        assert!(bsn_is_valid("123456782"));
        assert!(!bsn_is_valid("123456789"));
        assert!(!bsn_is_valid("000000000"));
    }

    #[test]
    fn ssn() {
        assert!(ssn_is_valid("123-45-6789"));
        assert!(!ssn_is_valid("000-45-6789"));
        assert!(!ssn_is_valid("666-45-6789"));
        assert!(!ssn_is_valid("912-45-6789"));
        assert!(!ssn_is_valid("123-00-6789"));
        assert!(!ssn_is_valid("123-45-0000"));
    }
}
