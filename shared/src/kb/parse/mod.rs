//! Turning files and web pages into [`SourceDoc`]s: title, URL, allowed channels and
//! text split into sections that carry their heading path.
//!
//! One file per format: Markdown (front matter), HTML (main content only), plain
//! text, FAQ files (CSV and YAML, one document per question/answer pair) and the
//! WordPress REST API (published pages and posts).

use std::path::PathBuf;

pub use super::class::DocClass;

/// One document ready for chunking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDoc {
    /// Stable identity of the document inside its knowledge base, used to match a
    /// re-ingested document to the stored one: a path relative to the ingest root,
    /// `path#<faq-slug>` for FAQ entries, or the canonical URL for web pages.
    pub source: String,
    pub title: String,
    pub url: Option<String>,
    /// Channels allowed to see this document (`web`, `slack`, `email`); empty = all.
    pub allowed_channels: Vec<String>,
    pub kind: DocKind,
    /// What the document is for, when it says so itself (front matter `kind:`, the
    /// WordPress post type); otherwise [`SourceDoc::class`] infers it.
    pub declared_class: Option<DocClass>,
    /// The language it is written in (ISO 639-1), when it says so itself (front
    /// matter `lang:`); otherwise [`SourceDoc::language`] detects it.
    pub declared_language: Option<String>,
    /// Body split at headings; never empty for a valid document.
    pub sections: Vec<Section>,
}

impl SourceDoc {
    /// The document's class: declared, or inferred from its URL and path.
    pub fn class(&self) -> DocClass {
        self.declared_class
            .unwrap_or_else(|| DocClass::infer(self.url.as_deref(), &self.source))
    }

    /// The document's language: declared, or detected from its text.
    pub fn language(&self) -> Option<String> {
        if let Some(lang) = &self.declared_language {
            return Some(lang.clone());
        }
        // the opening of the body says enough; detection is linear in the text
        let mut sample = self.title.clone();
        for section in &self.sections {
            if sample.len() > LANGUAGE_SAMPLE_BYTES {
                break;
            }
            sample.push('\n');
            sample.push_str(&section.text);
        }
        crate::text::language::detect(&sample).map(|l| l.code.to_string())
    }
}

/// How much of a document's text its language is detected from.
const LANGUAGE_SAMPLE_BYTES: usize = 2000;

/// Reads a declared language (`es`, `ES`, `es-MX`) as its ISO 639-1 code.
pub(crate) fn language_code(value: &str) -> Option<String> {
    let code = value.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase())).then_some(code)
}

/// A run of body text under one heading path (`["Returns", "Refund timing"]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading_path: Vec<String>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Markdown,
    Html,
    Text,
    Faq,
    WordPress,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Markdown => "markdown",
            DocKind::Html => "html",
            DocKind::Text => "text",
            DocKind::Faq => "faq",
            DocKind::WordPress => "wordpress",
        }
    }
}

/// Why a file could not be turned into documents. The ingest run reports it with the
/// path and goes on with the next file.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
    #[error("file is not valid UTF-8")]
    NotUtf8,
    #[error("unsupported file type `{0}`")]
    Unsupported(String),
    #[error("invalid front matter: {0}")]
    FrontMatter(String),
    #[error("invalid FAQ file: {0}")]
    Faq(String),
    #[error("document has no text")]
    Empty,
    #[error("wordpress: {0}")]
    WordPress(String),
}

/// A file found under the ingest paths, with the identity it will be stored under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    pub path: PathBuf,
    /// Path relative to the ingest root it was found under, with `/` separators.
    pub source: String,
}

// Implemented by the format modules (see `ARCHITECTURE.md`).
pub use discover::discover_files;
pub use file::parse_file;

mod discover;
mod faq;
mod file;
mod html;
mod markdown;
mod text;
pub mod wordpress;
