//! Reading one found file and handing it to the parser for its extension.

use std::path::Path;

use super::{faq, html, markdown, text, FoundFile, ParseError, SourceDoc};

/// The kinds of file the parsers understand, by lowercase extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FileFormat {
    Markdown,
    Html,
    Text,
    FaqCsv,
    FaqYaml,
}

impl FileFormat {
    /// The format of a path, from its extension (case-insensitive).
    pub(super) fn of(path: &Path) -> Result<FileFormat, ParseError> {
        let ext = extension(path);
        match ext.as_str() {
            "md" | "markdown" => Ok(FileFormat::Markdown),
            "html" | "htm" => Ok(FileFormat::Html),
            "txt" => Ok(FileFormat::Text),
            "csv" => Ok(FileFormat::FaqCsv),
            "yaml" | "yml" => Ok(FileFormat::FaqYaml),
            _ => Err(ParseError::Unsupported(ext)),
        }
    }
}

/// The lowercase extension of a path, or `(none)` when it has none.
pub(super) fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_else(|| "(none)".to_owned())
}

/// Parses one file into its documents: one for Markdown, HTML and text files, one
/// per question/answer pair for FAQ files.
pub fn parse_file(found: &FoundFile) -> Result<Vec<SourceDoc>, ParseError> {
    let format = FileFormat::of(&found.path)?;
    let bytes = std::fs::read(&found.path)?;
    let content = String::from_utf8(bytes).map_err(|_| ParseError::NotUtf8)?;
    let content = content.strip_prefix('\u{feff}').unwrap_or(&content);
    let stem = found
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = found.source.as_str();
    match format {
        FileFormat::Markdown => markdown::parse_markdown(content, source, &stem).map(|d| vec![d]),
        FileFormat::Html => html::parse_html(content, source, &stem).map(|d| vec![d]),
        FileFormat::Text => text::parse_text(content, source, &stem).map(|d| vec![d]),
        FileFormat::FaqCsv => faq::parse_faq_csv(content, source),
        FileFormat::FaqYaml => faq::parse_faq_yaml(content, source),
    }
}
