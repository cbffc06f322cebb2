//! Markdown files: optional YAML front matter (`title`, `url`, `allowed_channels`,
//! `kind`, `lang`)
//! and a body split into sections at headings.
//!
//! This module also holds the pieces the other formats share: front matter
//! parsing, the plain-text buffer ([`TextBuf`]) and the heading-path section builder
//! ([`SectionBuilder`]) that the HTML extractor reuses.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_yaml::Value;

use super::{DocClass, DocKind, ParseError, Section, SourceDoc};

/// Parses a Markdown file's text into one document.
pub(super) fn parse_markdown(
    text: &str,
    source: &str,
    stem: &str,
) -> Result<SourceDoc, ParseError> {
    let (front, body) = split_front_matter(text)?;
    let front = front
        .map(parse_front_matter)
        .transpose()?
        .unwrap_or_default();
    let builder = render_body(body);
    let title = front
        .title
        .or_else(|| builder.first_h1().map(str::to_owned))
        .unwrap_or_else(|| humanize_stem(stem));
    let sections = builder.finish(|h1| heading_is_title(&title, h1));
    if sections.is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(SourceDoc {
        source: source.to_owned(),
        title,
        url: front.url,
        allowed_channels: front.allowed_channels,
        kind: DocKind::Markdown,
        declared_class: front.class,
        declared_language: front.language,
        sections,
    })
}

// ---------------------------------------------------------------------------
// Front matter

/// The keys Frontdesk reads from a front matter block; other keys are ignored.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct FrontMatter {
    pub title: Option<String>,
    pub url: Option<String>,
    pub allowed_channels: Vec<String>,
    /// `kind:` (or `type:`): `policy`, `help`, `faq`, `product`, `other`…
    pub class: Option<DocClass>,
    /// `lang:` (or `language:`): an ISO 639-1 code.
    pub language: Option<String>,
}

/// Splits `---`-delimited front matter from the body. Returns `(None, text)` when
/// the text does not start with a `---` line.
pub(super) fn split_front_matter(text: &str) -> Result<(Option<&str>, &str), ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first_end) = text.find('\n') else {
        return Ok((None, text));
    };
    if text[..first_end].trim_end() != "---" {
        return Ok((None, text));
    }
    let rest = &text[first_end + 1..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Ok((Some(&rest[..offset]), &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    Err(ParseError::FrontMatter(
        "no closing `---` line after the opening one".to_owned(),
    ))
}

/// Parses the YAML between the front matter delimiters.
pub(super) fn parse_front_matter(yaml: &str) -> Result<FrontMatter, ParseError> {
    let value: Value =
        serde_yaml::from_str(yaml).map_err(|e| ParseError::FrontMatter(e.to_string()))?;
    let map = match value {
        Value::Null => return Ok(FrontMatter::default()),
        Value::Mapping(map) => map,
        _ => {
            return Err(ParseError::FrontMatter(
                "expected a mapping of keys".to_owned(),
            ))
        }
    };
    let title = optional_string(map.get("title"), "title").map_err(ParseError::FrontMatter)?;
    let url = optional_string(map.get("url"), "url").map_err(ParseError::FrontMatter)?;
    let channels = map.get("allowed_channels").or_else(|| map.get("channels"));
    let allowed_channels = channels_from_yaml(channels).map_err(ParseError::FrontMatter)?;
    let class = match optional_string(map.get("kind").or_else(|| map.get("type")), "kind")
        .map_err(ParseError::FrontMatter)?
    {
        None => None,
        Some(name) => Some(DocClass::parse(&name).ok_or_else(|| {
            ParseError::FrontMatter(format!(
                "unknown `kind` `{name}` (expected policy, help, faq, product or other)"
            ))
        })?),
    };
    let language = match optional_string(map.get("lang").or_else(|| map.get("language")), "lang")
        .map_err(ParseError::FrontMatter)?
    {
        None => None,
        Some(code) => Some(super::language_code(&code).ok_or_else(|| {
            ParseError::FrontMatter(format!(
                "`lang` `{code}` is not a language code like `en` or `es`"
            ))
        })?),
    };
    Ok(FrontMatter {
        title,
        url,
        allowed_channels,
        class,
        language,
    })
}

/// Reads an optional scalar as a trimmed, non-empty string.
pub(super) fn optional_string(value: Option<&Value>, key: &str) -> Result<Option<String>, String> {
    let text = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(_) => return Err(format!("`{key}` must be a string")),
    };
    let text = normalize_ws(&text);
    Ok((!text.is_empty()).then_some(text))
}

/// Reads a channel list given either as a YAML list or as a comma separated string.
pub(super) fn channels_from_yaml(value: Option<&Value>) -> Result<Vec<String>, String> {
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(parse_channels(s)),
        Some(Value::Sequence(items)) => {
            let mut names = Vec::new();
            for item in items {
                match item {
                    Value::String(s) => names.push(s.clone()),
                    _ => return Err("`allowed_channels` entries must be strings".to_owned()),
                }
            }
            Ok(parse_channels(&names.join(",")))
        }
        Some(_) => Err("`allowed_channels` must be a list or a comma separated string".to_owned()),
    }
}

/// Splits `"web, email"` (commas, semicolons or spaces) into lowercase, de-duplicated
/// channel names.
pub(super) fn parse_channels(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
        let name = name.trim().to_ascii_lowercase();
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

// ---------------------------------------------------------------------------
// Shared text helpers

/// Collapses runs of whitespace into single spaces and trims the ends.
pub(super) fn normalize_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `refund-policy_v2` → `Refund policy v2`.
pub(super) fn humanize_stem(stem: &str) -> String {
    let spaced = normalize_ws(&stem.replace(['-', '_', '.'], " "));
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Untitled".to_owned(),
    }
}

/// Whether a document's first H1 repeats its title (so the heading path can skip it).
/// Also matches titles with a site suffix or prefix, like `Refunds | Acme`.
pub(super) fn heading_is_title(title: &str, heading: &str) -> bool {
    let title = normalize_ws(title).to_lowercase();
    let heading = normalize_ws(heading).to_lowercase();
    if heading.is_empty() {
        return false;
    }
    if title == heading {
        return true;
    }
    const SEPARATORS: [&str; 6] = [" | ", " - ", " – ", " — ", " · ", " :: "];
    SEPARATORS.iter().any(|sep| {
        title.starts_with(&format!("{heading}{sep}")) || title.ends_with(&format!("{sep}{heading}"))
    })
}

/// Trims line ends, collapses blank-line runs to one blank line and trims the text.
pub(super) fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out.trim().to_owned()
}

/// Accumulates readable plain text: inline text with collapsed whitespace, explicit
/// line and block (blank line) breaks, and list markers.
#[derive(Debug, Default)]
pub(super) struct TextBuf {
    out: String,
    pending_space: bool,
    /// The current line holds only a list marker; breaks are suppressed until text.
    at_marker: bool,
}

impl TextBuf {
    /// Appends text, collapsing whitespace runs into one space.
    pub fn push_inline(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.out.is_empty() && !self.out.ends_with([' ', '\n']) {
                self.out.push(' ');
            }
            self.pending_space = false;
            self.at_marker = false;
            self.out.push(c);
        }
    }

    /// Appends preformatted text as is.
    pub fn push_raw(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.pending_space = false;
        self.at_marker = false;
        self.out.push_str(text);
    }

    /// Starts a list item line: indentation plus `marker`.
    pub fn push_marker(&mut self, indent: usize, marker: &str) {
        self.line_break();
        self.out.push_str(&"  ".repeat(indent));
        self.out.push_str(marker);
        self.pending_space = false;
        self.at_marker = true;
    }

    /// A word boundary: a space unless the next text starts a line.
    pub fn soft_space(&mut self) {
        self.pending_space = true;
    }

    /// Ends the current line.
    pub fn line_break(&mut self) {
        self.pending_space = false;
        if !self.at_marker && !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    /// Ends the current block with a blank line.
    pub fn block_break(&mut self) {
        if self.at_marker {
            return;
        }
        self.line_break();
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// Returns the cleaned text and empties the buffer.
    pub fn take(&mut self) -> String {
        let text = clean_text(&self.out);
        *self = TextBuf::default();
        text
    }
}

// ---------------------------------------------------------------------------
// Sections

#[derive(Debug)]
struct Heading {
    level: u8,
    ordinal: usize,
    text: String,
}

#[derive(Debug)]
struct RawSection {
    /// `(ordinal, text)` of each enclosing heading, outermost first.
    path: Vec<(usize, String)>,
    text: String,
}

/// Splits a text stream into sections at headings, tracking the heading path.
#[derive(Debug, Default)]
pub(super) struct SectionBuilder {
    stack: Vec<Heading>,
    sections: Vec<RawSection>,
    next_ordinal: usize,
    first_h1: Option<(usize, String)>,
    /// Body text of the current section.
    pub buf: TextBuf,
}

impl SectionBuilder {
    /// Closes the current section and opens one under a heading of `level` (1–6).
    /// Empty headings are ignored.
    pub fn heading(&mut self, level: u8, text: &str) {
        let text = normalize_ws(text);
        if text.is_empty() {
            return;
        }
        self.flush();
        let ordinal = self.next_ordinal;
        self.next_ordinal += 1;
        if level == 1 && self.first_h1.is_none() {
            self.first_h1 = Some((ordinal, text.clone()));
        }
        self.stack.retain(|h| h.level < level);
        self.stack.push(Heading {
            level,
            ordinal,
            text,
        });
    }

    /// Text of the first level-1 heading seen so far.
    pub fn first_h1(&self) -> Option<&str> {
        self.first_h1.as_ref().map(|(_, text)| text.as_str())
    }

    /// Ends the stream. When `is_title` accepts the first H1, that heading is left out
    /// of every heading path. Sections without text are dropped.
    pub fn finish(mut self, is_title: impl Fn(&str) -> bool) -> Vec<Section> {
        self.flush();
        let skip = self
            .first_h1
            .as_ref()
            .filter(|(_, text)| is_title(text))
            .map(|(ordinal, _)| *ordinal);
        self.sections
            .into_iter()
            .map(|raw| Section {
                heading_path: raw
                    .path
                    .into_iter()
                    .filter(|(ordinal, _)| Some(*ordinal) != skip)
                    .map(|(_, text)| text)
                    .collect(),
                text: raw.text,
            })
            .collect()
    }

    fn flush(&mut self) {
        let text = self.buf.take();
        if text.is_empty() {
            return;
        }
        let path = self
            .stack
            .iter()
            .map(|h| (h.ordinal, h.text.clone()))
            .collect();
        self.sections.push(RawSection { path, text });
    }
}

// ---------------------------------------------------------------------------
// Markdown body

/// Renders Markdown events into plain text sections.
#[derive(Debug, Default)]
struct MarkdownWriter {
    sections: SectionBuilder,
    /// Text of the heading being read, with its level.
    heading: Option<(u8, TextBuf)>,
    /// One entry per open list: the next number for ordered lists.
    lists: Vec<Option<u64>>,
    in_code_block: bool,
    image_depth: usize,
    /// Index of the next cell in the current table row.
    table_cell: usize,
}

fn render_body(body: &str) -> SectionBuilder {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut writer = MarkdownWriter::default();
    for event in Parser::new_ext(body, options) {
        writer.event(event);
    }
    writer.sections
}

impl MarkdownWriter {
    fn buf(&mut self) -> &mut TextBuf {
        match &mut self.heading {
            Some((_, buf)) => buf,
            None => &mut self.sections.buf,
        }
    }

    /// Breaks a block: a line break inside list items, a blank line elsewhere.
    fn block_break(&mut self) {
        if self.lists.is_empty() {
            self.buf().block_break();
        } else {
            self.buf().line_break();
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(_) if self.image_depth > 0 => {}
            Event::Text(text) if self.in_code_block => self.buf().push_raw(&text),
            Event::Text(text) | Event::Code(text) => self.buf().push_inline(&text),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.buf().push_inline(&text),
            Event::SoftBreak => self.buf().soft_space(),
            Event::HardBreak => self.buf().line_break(),
            Event::Rule => self.block_break(),
            Event::TaskListMarker(done) => {
                self.buf().push_inline(if done { "[x] " } else { "[ ] " })
            }
            Event::InlineHtml(html) if is_br(&html) => self.buf().line_break(),
            Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => self.heading = Some((level as u8, TextBuf::default())),
            Tag::Paragraph | Tag::BlockQuote(_) | Tag::Table(_) | Tag::HtmlBlock => {
                self.block_break()
            }
            Tag::CodeBlock(_) => {
                self.block_break();
                self.in_code_block = true;
            }
            Tag::List(start) => {
                self.block_break();
                self.lists.push(start);
            }
            Tag::Item => self.item(),
            Tag::TableHead | Tag::TableRow => {
                self.buf().line_break();
                self.table_cell = 0;
            }
            Tag::TableCell => {
                if self.table_cell > 0 {
                    self.buf().push_raw(" | ");
                }
                self.table_cell += 1;
            }
            Tag::Image { .. } => self.image_depth += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some((level, mut buf)) = self.heading.take() {
                    let text = buf.take();
                    self.sections.heading(level, &text);
                }
            }
            TagEnd::Paragraph | TagEnd::BlockQuote(_) | TagEnd::Table | TagEnd::HtmlBlock => {
                self.block_break()
            }
            TagEnd::CodeBlock => {
                self.in_code_block = false;
                self.block_break();
            }
            TagEnd::List(_) => {
                self.lists.pop();
                self.block_break();
            }
            TagEnd::Item => self.buf().line_break(),
            TagEnd::TableHead | TagEnd::TableRow => self.buf().line_break(),
            TagEnd::Image => self.image_depth = self.image_depth.saturating_sub(1),
            _ => {}
        }
    }

    fn item(&mut self) {
        let indent = self.lists.len().saturating_sub(1);
        let marker = match self.lists.last_mut() {
            Some(Some(number)) => {
                let marker = format!("{number}. ");
                *number += 1;
                marker
            }
            _ => "- ".to_owned(),
        };
        self.buf().push_marker(indent, &marker);
    }
}

fn is_br(html: &str) -> bool {
    let tag: String = html.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(tag.to_ascii_lowercase().as_str(), "<br>" | "<br/>")
}
