//! HTML pages: main content only (`<main>`, else `<article>`, else `[role=main]`,
//! else `<body>`), without navigation, chrome, scripts, forms or hidden elements.
//! Headings `h1`–`h4` split the text into sections like Markdown headings.
//!
//! The section extraction is shared with the WordPress fetcher, whose page bodies
//! are HTML fragments.

use scraper::{ElementRef, Html, Node};

use super::markdown::{
    heading_is_title, humanize_stem, normalize_ws, parse_channels, SectionBuilder,
};
use super::{language_code, DocClass, DocKind, ParseError, Section, SourceDoc};

/// Elements whose whole subtree is never indexed.
const DROPPED: &[&str] = &[
    "nav", "header", "footer", "aside", "script", "style", "noscript", "form", "svg", "template",
    "iframe", "head", "title", "button", "select", "canvas", "object", "embed", "audio", "video",
];

/// ARIA landmark roles of page chrome, dropped like their elements.
const DROPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "figure",
    "figcaption",
    "address",
    "dl",
    "dt",
    "dd",
    "details",
    "summary",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "hr",
    "h5",
    "h6",
    "center",
    "fieldset",
    "body",
];

/// Parses a full HTML page into one document.
pub(super) fn parse_html(html: &str, source: &str, stem: &str) -> Result<SourceDoc, ParseError> {
    let doc = Html::parse_document(html);
    let meta = PageMeta::read(&doc);
    let builder = walk(content_root(&doc));
    let title = meta
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
        url: meta.url,
        allowed_channels: meta.channels,
        kind: DocKind::Html,
        declared_class: meta.class,
        declared_language: meta.language,
        sections,
    })
}

/// Sections of an HTML fragment (a CMS page body). A first `<h1>` repeating `title`
/// is left out of the heading paths.
pub(crate) fn fragment_sections(html: &str, title: &str) -> Vec<Section> {
    let doc = Html::parse_fragment(html);
    walk(content_root(&doc)).finish(|h1| heading_is_title(title, h1))
}

/// Plain text of an HTML snippet such as a rendered title: tags dropped, entities
/// decoded, whitespace normalised.
pub(crate) fn inline_text(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    normalize_ws(&doc.root_element().text().collect::<String>())
}

// ---------------------------------------------------------------------------
// Page metadata

/// Title, canonical URL, channels, class (`<meta name="frontdesk:kind">`) and
/// language (`<html lang>`) read from the page.
#[derive(Debug, Default)]
struct PageMeta {
    title: Option<String>,
    url: Option<String>,
    channels: Vec<String>,
    class: Option<DocClass>,
    language: Option<String>,
}

impl PageMeta {
    fn read(doc: &Html) -> PageMeta {
        let mut title = None;
        let mut og_title = None;
        let mut canonical = None;
        let mut og_url = None;
        let mut channels = Vec::new();
        let mut class = None;
        let language = doc
            .root_element()
            .value()
            .attr("lang")
            .and_then(language_code);
        for el in doc.root_element().descendent_elements() {
            let attr = |name: &str| {
                el.value()
                    .attr(name)
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
            };
            match el.value().name() {
                "title" if title.is_none() => {
                    title = Some(normalize_ws(&el.text().collect::<String>()))
                        .filter(|t| !t.is_empty());
                }
                "meta" => {
                    let key = attr("property")
                        .or_else(|| attr("name"))
                        .unwrap_or_default();
                    let content = attr("content");
                    match key.to_ascii_lowercase().as_str() {
                        "og:title" if og_title.is_none() => og_title = content.map(normalize_ws),
                        "og:url" if og_url.is_none() => og_url = content.filter(|u| is_absolute(u)),
                        "frontdesk:channels" => {
                            channels = content.map(parse_channels).unwrap_or_default()
                        }
                        "frontdesk:kind" => class = content.and_then(DocClass::parse),
                        _ => {}
                    }
                }
                "link" if canonical.is_none() && has_rel(el, "canonical") => {
                    canonical = attr("href").filter(|u| is_absolute(u));
                }
                _ => {}
            }
        }
        PageMeta {
            title: title.or(og_title),
            url: canonical.or(og_url).map(str::to_owned),
            channels,
            class,
            language,
        }
    }
}

fn has_rel(el: ElementRef<'_>, rel: &str) -> bool {
    el.value()
        .attr("rel")
        .is_some_and(|v| v.split_whitespace().any(|r| r.eq_ignore_ascii_case(rel)))
}

fn is_absolute(url: &str) -> bool {
    reqwest::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

// ---------------------------------------------------------------------------
// Content

/// The element holding the main content.
fn content_root(doc: &Html) -> ElementRef<'_> {
    let root = doc.root_element();
    let find =
        |pred: &dyn Fn(ElementRef<'_>) -> bool| root.descendent_elements().find(|el| pred(*el));
    find(&|el| el.value().name() == "main")
        .or_else(|| find(&|el| el.value().name() == "article"))
        .or_else(|| {
            find(&|el| {
                el.value()
                    .attr("role")
                    .is_some_and(|r| r.eq_ignore_ascii_case("main"))
            })
        })
        .or_else(|| find(&|el| el.value().name() == "body"))
        .unwrap_or(root)
}

/// Whether an element (and everything under it) is left out.
fn is_dropped(el: ElementRef<'_>) -> bool {
    let value = el.value();
    if DROPPED.contains(&value.name()) || value.attr("hidden").is_some() {
        return true;
    }
    if value
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if value
        .attr("role")
        .is_some_and(|r| DROPPED_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    value.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        s.to_ascii_lowercase().contains("display:none")
    })
}

/// Walks the content tree (iteratively, so deep nesting cannot overflow the stack).
fn walk(root: ElementRef<'_>) -> SectionBuilder {
    let mut writer = HtmlWriter::default();
    let mut stack = vec![(*root, false)];
    while let Some((node, closing)) = stack.pop() {
        if closing {
            if let Some(el) = ElementRef::wrap(node) {
                writer.close(el);
            }
            continue;
        }
        match node.value() {
            Node::Text(text) => writer.text(text),
            Node::Element(_) => {
                let Some(el) = ElementRef::wrap(node) else {
                    continue;
                };
                if is_dropped(el) {
                    continue;
                }
                writer.open(el);
                stack.push((node, true));
                stack.extend(node.children().rev().map(|child| (child, false)));
            }
            _ => {}
        }
    }
    writer.sections
}

/// Turns open/close/text events into section text.
#[derive(Debug, Default)]
struct HtmlWriter {
    sections: SectionBuilder,
    /// Heading being read (`h1`–`h4`) and its text.
    heading: Option<(u8, super::markdown::TextBuf)>,
    /// One entry per open list: the next number for `<ol>`, `None` for `<ul>`.
    lists: Vec<Option<u64>>,
    pre_depth: usize,
    table_cell: usize,
}

impl HtmlWriter {
    fn buf(&mut self) -> &mut super::markdown::TextBuf {
        match &mut self.heading {
            Some((_, buf)) => buf,
            None => &mut self.sections.buf,
        }
    }

    fn block_break(&mut self) {
        if self.lists.is_empty() {
            self.buf().block_break();
        } else {
            self.buf().line_break();
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre_depth > 0 && self.heading.is_none() {
            self.buf().push_raw(text);
        } else {
            self.buf().push_inline(text);
        }
    }

    fn open(&mut self, el: ElementRef<'_>) {
        let name = el.value().name();
        if let Some(level) = heading_level(name) {
            self.heading = Some((level, Default::default()));
            return;
        }
        match name {
            "br" => self.buf().line_break(),
            "pre" => {
                self.block_break();
                self.pre_depth += 1;
            }
            "ul" | "ol" | "menu" => {
                self.block_break();
                let start = el.value().attr("start").and_then(|s| s.trim().parse().ok());
                self.lists.push((name == "ol").then(|| start.unwrap_or(1)));
            }
            "li" => self.item(),
            "tr" => {
                self.buf().line_break();
                self.table_cell = 0;
            }
            "td" | "th" => {
                if self.table_cell > 0 {
                    self.buf().push_raw(" | ");
                }
                self.table_cell += 1;
            }
            _ if BLOCKS.contains(&name) => self.block_break(),
            _ => {}
        }
    }

    fn close(&mut self, el: ElementRef<'_>) {
        let name = el.value().name();
        if let Some(level) = heading_level(name) {
            if let Some((_, mut buf)) = self.heading.take() {
                let text = buf.take();
                self.sections.heading(level, &text);
            }
            return;
        }
        match name {
            "pre" => {
                self.pre_depth = self.pre_depth.saturating_sub(1);
                self.block_break();
            }
            "ul" | "ol" | "menu" => {
                self.lists.pop();
                self.block_break();
            }
            "li" | "tr" => self.buf().line_break(),
            _ if BLOCKS.contains(&name) => self.block_break(),
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

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        _ => None,
    }
}
