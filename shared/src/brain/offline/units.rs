//! The pieces of a passage a draft may quote: its sentences, each item of a list with
//! the list's lead-in ("We accept:" or the section's question), and each row of a
//! table as a sentence with the column names ("Rest of the EU: carrier DHL, delivery
//! time 3–5 business days."). The answer to "Do you take PayPal?" is the list item that
//! names PayPal, not the sentence after the list.

/// One quotable piece.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// What introduces it when quoted (a list's lead-in), shown once before the first
    /// of its items in an answer.
    pub lead: Option<String>,
    /// The piece itself, ending in punctuation.
    pub text: String,
    /// A list item or a table row: short, so a word it shares with the question counts
    /// for more than its embedding shows.
    pub structured: bool,
}

impl Unit {
    fn sentence(text: &str) -> Self {
        Self {
            lead: None,
            text: text.to_string(),
            structured: false,
        }
    }

    fn row(text: &str) -> Self {
        Self {
            structured: true,
            ..Self::sentence(text)
        }
    }
}

/// The units of `content`; `section` is the passage's heading (the last part of its
/// section path), the lead-in of a list that has no line of its own before it.
pub fn units(content: &str, section: &str) -> Vec<Unit> {
    let lines: Vec<&str> = content.lines().map(str::trim).collect();
    let mut out = Vec::new();
    let mut previous: Option<&str> = None;
    let mut table_header: Option<Vec<String>> = None;
    for line in lines {
        if line.is_empty() {
            table_header = None;
            continue;
        }
        if let Some(item) = list_item(line) {
            let lead = previous
                .filter(|p| p.ends_with(':') && list_item(p).is_none())
                .map(str::to_string)
                .or_else(|| Some(section.trim().to_string()).filter(|s| !s.is_empty()));
            if item.split_whitespace().count() > 0 {
                out.push(Unit {
                    lead,
                    text: end_sentence(item),
                    structured: true,
                });
            }
            // the lead-in stays for the list's next items
            continue;
        }
        if is_table_separator(line) {
            continue;
        }
        if let Some(cells) = table_row(line) {
            match &table_header {
                None => table_header = Some(cells),
                Some(header) => out.extend(row_sentence(header, &cells).as_deref().map(Unit::row)),
            }
            previous = Some(line);
            continue;
        }
        table_header = None;
        for sentence in sentences(line) {
            out.push(Unit::sentence(&sentence));
        }
        previous = Some(line);
    }
    out
}

/// The text of a list item (`- `, `* `, `• `, `1. `), or `None`.
fn list_item(line: &str) -> Option<&str> {
    if let Some(rest) = line.strip_prefix(['-', '*', '•']) {
        return rest.starts_with(' ').then(|| rest.trim());
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits <= 2 {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(['.', ')']) {
            return rest.starts_with(' ').then(|| rest.trim());
        }
    }
    None
}

/// `|---|:---:|`: the line under a table's header.
fn is_table_separator(line: &str) -> bool {
    line.contains('|')
        && line.contains('-')
        && line.chars().all(|c| matches!(c, '-' | ':' | '|' | ' '))
}

/// The cells of a table row (`a | b | c`, with or without outer pipes).
fn table_row(line: &str) -> Option<Vec<String>> {
    if !line.contains('|') || is_table_separator(line) {
        return None;
    }
    let cells: Vec<String> = line
        .trim_matches('|')
        .split('|')
        .map(|c| c.trim().to_string())
        .collect();
    if cells.len() < 2 {
        return None;
    }
    Some(cells)
}

/// "Knives | 5 years" under "Product type | Warranty" → "Knives: warranty 5 years."
fn row_sentence(header: &[String], cells: &[String]) -> Option<String> {
    let first = cells.first().filter(|c| !c.is_empty())?;
    let rest: Vec<String> = header
        .iter()
        .zip(cells)
        .skip(1)
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| match is_generic_column(name) {
            // "Weight | 1.8 kg" under "Specification | Value": "Weight: 1.8 kg."
            true if header.len() == 2 => value.to_string(),
            _ => format!("{} {value}", lower_first(name)),
        })
        .collect();
    if rest.is_empty() {
        return None;
    }
    Some(end_sentence(&format!("{first}: {}", rest.join(", "))))
}

/// A column name that says nothing about its cells ("Value", "Details").
fn is_generic_column(name: &str) -> bool {
    const GENERIC: &[&str] = &[
        "",
        "value",
        "values",
        "detail",
        "details",
        "description",
        "info",
        "information",
        "wert",
        "valeur",
        "valor",
        "waarde",
    ];
    GENERIC.contains(&name.trim().to_lowercase().as_str())
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // "EU" and "VAT" keep their capitals
        Some(c) if chars.clone().next().is_some_and(char::is_lowercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

fn end_sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?', ':']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// The sentences of a line of prose, each of at least three words.
fn sentences(line: &str) -> Vec<String> {
    let line = line.trim_start_matches(['#', ' ']);
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for (n, (i, c)) in chars.iter().enumerate() {
        let next_is_space = chars.get(n + 1).is_none_or(|(_, c)| c.is_whitespace());
        if matches!(c, '.' | '!' | '?') && next_is_space {
            let s = line[start..i + c.len_utf8()].trim();
            if s.split_whitespace().count() >= 3 {
                out.push(s.to_string());
            }
            start = i + c.len_utf8();
        }
    }
    let rest = line[start..].trim();
    if rest.split_whitespace().count() >= 4 {
        out.push(rest.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(units: &[Unit]) -> Vec<String> {
        units
            .iter()
            .map(|u| match &u.lead {
                Some(l) => format!("[{l}] {}", u.text),
                None => u.text.clone(),
            })
            .collect()
    }

    #[test]
    fn prose_sentences() {
        let u = units(
            "You have 30 days to return. Refunds take 5 days!\nKeep the box please thanks",
            "",
        );
        assert_eq!(
            texts(&u),
            [
                "You have 30 days to return.",
                "Refunds take 5 days!",
                "Keep the box please thanks"
            ]
        );
    }

    #[test]
    fn list_items_carry_their_lead_in() {
        let u = units(
            "- Cards: Visa and Maestro\n- PayPal\n\nWe don't accept cash on delivery.",
            "Which payment methods do you accept?",
        );
        assert_eq!(
            texts(&u),
            [
                "[Which payment methods do you accept?] Cards: Visa and Maestro.",
                "[Which payment methods do you accept?] PayPal.",
                "We don't accept cash on delivery.",
            ]
        );
        let u = units("We ship to:\n1. Germany\n2. Austria", "Shipping");
        assert_eq!(
            texts(&u),
            ["[We ship to:] Germany.", "[We ship to:] Austria."]
        );
    }

    #[test]
    fn table_rows_become_sentences_with_column_names() {
        let u = units(
            "| Destination | Carrier | Delivery time |\n|---|---|---|\n| Rest of the EU | DHL | 3–5 business days |",
            "",
        );
        assert_eq!(
            texts(&u),
            ["Rest of the EU: carrier DHL, delivery time 3–5 business days."]
        );
        let u = units(
            "Product type | Warranty\nKnives | 5 years against manufacturing defects",
            "",
        );
        assert_eq!(
            texts(&u),
            ["Knives: warranty 5 years against manufacturing defects."]
        );
        let u = units(
            "| Specification | Value |\n|---|---|\n| Minimum weight | 1.8 kg |",
            "",
        );
        assert_eq!(texts(&u), ["Minimum weight: 1.8 kg."]);
    }
}
