//! FAQ files, one document per question/answer pair.
//!
//! - CSV with a header row naming `question` and `answer` columns (any case), and
//!   optionally `url`, `channels` / `allowed_channels` and `category`.
//! - YAML: either a list of `{question, answer, url?, allowed_channels?, category?}`
//!   or a mapping `{url?, allowed_channels?, entries | faq | questions: [...]}` whose
//!   `url` is the page the answers live on (entries link to `url#slug`) and whose
//!   channels apply to entries that name none.
//!
//! Rows without a question or an answer are skipped with a warning; a file without
//! any valid pair is an error.

use std::collections::HashSet;

use serde_yaml::Value;
use sha2::{Digest, Sha256};

use super::markdown::{
    channels_from_yaml, clean_text, normalize_ws, optional_string, parse_channels,
};
use super::{DocClass, DocKind, ParseError, Section, SourceDoc};

/// Longest slug, in characters.
const MAX_SLUG: usize = 80;

/// One question/answer pair as read from the file.
#[derive(Debug, Default)]
struct Entry {
    question: String,
    answer: String,
    url: Option<String>,
    /// `None` when the entry names no channels (file-level channels then apply).
    channels: Option<Vec<String>>,
    category: Option<String>,
}

/// File-level settings of a YAML FAQ.
#[derive(Debug, Default)]
struct FileDefaults {
    url: Option<String>,
    channels: Vec<String>,
}

/// Parses a CSV FAQ file.
pub(super) fn parse_faq_csv(content: &str, source: &str) -> Result<Vec<SourceDoc>, ParseError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(content.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ParseError::Faq(format!("cannot read the header row: {e}")))?
        .clone();
    let columns = CsvColumns::find(&headers)?;
    let mut entries = Vec::new();
    for (index, record) in reader.records().enumerate() {
        // Row 1 is the header.
        let row = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(index as u64 + 2, |p| p.line());
        match record {
            Ok(record) => entries.push((row, columns.entry(&record))),
            Err(e) => tracing::warn!(source, row, error = %e, "skipping unreadable FAQ row"),
        }
    }
    build_docs(entries, source, &FileDefaults::default())
}

/// Positions of the known columns in a CSV header.
#[derive(Debug)]
struct CsvColumns {
    question: usize,
    answer: usize,
    url: Option<usize>,
    channels: Option<usize>,
    category: Option<usize>,
}

impl CsvColumns {
    fn find(headers: &csv::StringRecord) -> Result<CsvColumns, ParseError> {
        let position = |names: &[&str]| {
            headers
                .iter()
                .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
        };
        let required = |name: &str| {
            position(&[name])
                .ok_or_else(|| ParseError::Faq(format!("no `{name}` column in the header row")))
        };
        Ok(CsvColumns {
            question: required("question")?,
            answer: required("answer")?,
            url: position(&["url"]),
            channels: position(&["channels", "allowed_channels"]),
            category: position(&["category"]),
        })
    }

    fn entry(&self, record: &csv::StringRecord) -> Entry {
        let field = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        Entry {
            question: field(Some(self.question)).unwrap_or_default().to_owned(),
            answer: field(Some(self.answer)).unwrap_or_default().to_owned(),
            url: field(self.url).map(str::to_owned),
            channels: field(self.channels).map(parse_channels),
            category: field(self.category).map(normalize_ws),
        }
    }
}

/// Parses a YAML FAQ file.
pub(super) fn parse_faq_yaml(content: &str, source: &str) -> Result<Vec<SourceDoc>, ParseError> {
    let value: Value = serde_yaml::from_str(content).map_err(|e| ParseError::Faq(e.to_string()))?;
    let (defaults, items) = match value {
        Value::Sequence(items) => (FileDefaults::default(), items),
        Value::Mapping(map) => {
            let defaults = FileDefaults {
                url: optional_string(map.get("url"), "url").map_err(ParseError::Faq)?,
                channels: channels_from_yaml(
                    map.get("allowed_channels").or_else(|| map.get("channels")),
                )
                .map_err(ParseError::Faq)?,
            };
            let items = ["entries", "faq", "questions"]
                .iter()
                .find_map(|key| map.get(*key))
                .ok_or_else(|| {
                    ParseError::Faq("no `entries`, `faq` or `questions` list".to_owned())
                })?;
            let Value::Sequence(items) = items else {
                return Err(ParseError::Faq("`entries` must be a list".to_owned()));
            };
            (defaults, items.clone())
        }
        _ => {
            return Err(ParseError::Faq(
                "expected a list of entries or a mapping".to_owned(),
            ))
        }
    };
    let mut entries = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let row = index as u64 + 1;
        match yaml_entry(item) {
            Ok(entry) => entries.push((row, entry)),
            Err(e) => tracing::warn!(source, row, error = %e, "skipping invalid FAQ entry"),
        }
    }
    build_docs(entries, source, &defaults)
}

/// Reads one YAML entry.
fn yaml_entry(item: &Value) -> Result<Entry, String> {
    let Value::Mapping(map) = item else {
        return Err("entry is not a mapping".to_owned());
    };
    let channels = map.get("allowed_channels").or_else(|| map.get("channels"));
    Ok(Entry {
        question: optional_string(map.get("question"), "question")?.unwrap_or_default(),
        answer: yaml_text(map.get("answer")).ok_or("`answer` must be a string")?,
        url: optional_string(map.get("url"), "url")?,
        channels: channels.map(|c| channels_from_yaml(Some(c))).transpose()?,
        category: optional_string(map.get("category"), "category")?,
    })
}

/// A scalar as text, keeping line breaks (answers may span lines).
fn yaml_text(value: Option<&Value>) -> Option<String> {
    match value {
        None | Some(Value::Null) => Some(String::new()),
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Bool(b)) => Some(b.to_string()),
        Some(_) => None,
    }
}

/// Turns the read entries into documents, skipping incomplete ones.
fn build_docs(
    entries: Vec<(u64, Entry)>,
    source: &str,
    defaults: &FileDefaults,
) -> Result<Vec<SourceDoc>, ParseError> {
    let mut slugs = HashSet::new();
    let mut docs = Vec::new();
    for (row, entry) in entries {
        let question = normalize_ws(&entry.question);
        let answer = clean_text(&entry.answer);
        if question.is_empty() || answer.is_empty() {
            tracing::warn!(
                source,
                row,
                "skipping FAQ row without a question or an answer"
            );
            continue;
        }
        let slug = unique_slug(&question, &mut slugs);
        let url = entry
            .url
            .or_else(|| defaults.url.as_deref().map(|base| anchor_url(base, &slug)));
        docs.push(SourceDoc {
            source: format!("{source}#{slug}"),
            title: question,
            url,
            allowed_channels: entry.channels.unwrap_or_else(|| defaults.channels.clone()),
            kind: DocKind::Faq,
            // question-and-answer pairs are help content, wherever the file lives
            declared_class: Some(DocClass::Policy),
            declared_language: None,
            sections: vec![Section {
                heading_path: entry.category.into_iter().collect(),
                text: answer,
            }],
        });
    }
    if docs.is_empty() {
        return Err(ParseError::Faq("no question/answer pairs".to_owned()));
    }
    Ok(docs)
}

/// `base` with its fragment replaced by `#slug`.
fn anchor_url(base: &str, slug: &str) -> String {
    let base = base.split('#').next().unwrap_or(base);
    format!("{base}#{slug}")
}

/// The question's slug, made unique within the file with `-2`, `-3`, ….
fn unique_slug(question: &str, used: &mut HashSet<String>) -> String {
    let base = slugify(question);
    let mut slug = base.clone();
    let mut n = 2;
    while used.contains(&slug) {
        let suffix = format!("-{n}");
        // `base` is ASCII, so any byte index is a char boundary.
        let keep = base.len().min(MAX_SLUG.saturating_sub(suffix.len()));
        slug = format!("{}{suffix}", base[..keep].trim_end_matches('-'));
        n += 1;
    }
    used.insert(slug.clone());
    slug
}

/// Lowercase ASCII letters and digits joined by single `-`, at most [`MAX_SLUG`]
/// characters. A question without any (say, all CJK) gets `q-` and a short hash.
pub(super) fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if slug.len() == MAX_SLUG {
                break;
            }
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            if slug.len() + 1 >= MAX_SLUG {
                break;
            }
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        let digest = Sha256::digest(text.as_bytes());
        return format!("q-{}", &hex::encode(digest)[..12]);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(question: &str, want: &str) {
        assert_eq!(slugify(question), want);
    }

    #[test]
    fn slugs() {
        check("How do I get a refund?", "how-do-i-get-a-refund");
        check("  Où est ma commande ?  ", "o-est-ma-commande");
        check("C++ & Rust -- both", "c-rust-both");
        check(&"a".repeat(100), &"a".repeat(80));
        check(&"ab ".repeat(40), "ab-".repeat(27).trim_end_matches('-'));
        assert!(slugify("返品").starts_with("q-"));
        assert_eq!(slugify("返品").len(), 14);
    }

    #[test]
    fn duplicate_slugs_are_numbered() {
        let mut used = HashSet::new();
        let got: Vec<_> = ["Hours?", "hours", "Hours!"]
            .iter()
            .map(|q| unique_slug(q, &mut used))
            .collect();
        assert_eq!(got, ["hours", "hours-2", "hours-3"]);
        let long = "x".repeat(90);
        assert_eq!(unique_slug(&long, &mut used), "x".repeat(80));
        assert_eq!(
            unique_slug(&long, &mut used),
            format!("{}-2", "x".repeat(78))
        );
    }
}
