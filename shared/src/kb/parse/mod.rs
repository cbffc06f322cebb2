//! Turning files and web pages into [`SourceDoc`]s: title, URL, allowed channels and
//! text split into sections that carry their heading path.
//!
//! One file per format: Markdown (front matter), HTML (main content only), plain
//! text, FAQ files (CSV and YAML, one document per question/answer pair) and the
//! WordPress REST API (published pages and posts).

use std::path::PathBuf;

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
    /// Body split at headings; never empty for a valid document.
    pub sections: Vec<Section>,
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
