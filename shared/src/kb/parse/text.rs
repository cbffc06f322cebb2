//! Plain text files: one section, titled by their first line when it is short.
//! A front matter block like Markdown's (`title`, `url`, `allowed_channels`) may
//! come first.

use super::markdown::{
    clean_text, humanize_stem, normalize_ws, parse_front_matter, split_front_matter,
};
use super::{DocKind, ParseError, Section, SourceDoc};

/// A first line at least this long (in characters) is text, not a title.
const MAX_TITLE_CHARS: usize = 100;

/// Parses a plain text file into one document.
pub(super) fn parse_text(text: &str, source: &str, stem: &str) -> Result<SourceDoc, ParseError> {
    let (front, body) = split_front_matter(text)?;
    let front = front
        .map(parse_front_matter)
        .transpose()?
        .unwrap_or_default();
    let body = clean_text(body);
    if body.is_empty() {
        return Err(ParseError::Empty);
    }
    let title = front
        .title
        .or_else(|| first_line_title(&body))
        .unwrap_or_else(|| humanize_stem(stem));
    Ok(SourceDoc {
        source: source.to_owned(),
        title,
        url: front.url,
        allowed_channels: front.allowed_channels,
        kind: DocKind::Text,
        declared_class: front.class,
        declared_language: front.language,
        sections: vec![Section {
            heading_path: Vec::new(),
            text: body,
        }],
    })
}

/// The first non-empty line, when it is short enough to be a title.
fn first_line_title(body: &str) -> Option<String> {
    let line = normalize_ws(body.lines().find(|l| !l.trim().is_empty())?);
    (line.chars().count() < MAX_TITLE_CHARS).then_some(line)
}
