//! Token-aware, heading-aware chunking with the embedder's own tokenizer.
//!
//! Each section of a document is cut into windows of at most `budget` word pieces,
//! where the budget is the model's maximum sequence length minus the special tokens
//! and the `title. section` prefix the chunk is embedded with, so nothing is ever
//! truncated by the model. Windows overlap by `overlap` word pieces and prefer to end
//! at a sentence or paragraph boundary. A chunk never spans two sections.

use frontdesk_embed::Tokenizer;

use super::parse::SourceDoc;
use frontdesk_embed::EmbedError;

/// Chunking parameters; `max_tokens` includes the model's two special tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkParams {
    pub max_tokens: usize,
    pub overlap: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    /// Heading path joined with " > " (empty for text outside any heading).
    pub section: String,
    pub content: String,
    pub token_count: usize,
}

impl Chunk {
    /// The text the embedder sees: the document title and section give context.
    pub fn embedding_text(&self, title: &str) -> String {
        embedding_text(title, &self.section, &self.content)
    }
}

pub fn embedding_text(title: &str, section: &str, content: &str) -> String {
    let heading = heading_text(title, section);
    if heading.is_empty() {
        content.to_string()
    } else {
        format!("{heading}. {content}")
    }
}

/// The chunk's heading alone (`title. section path`), embedded as a second feature:
/// FAQ questions and help-centre headings read like the questions customers ask.
pub fn heading_text(title: &str, section: &str) -> String {
    match (title.is_empty(), section.is_empty() || section == title) {
        (true, true) => String::new(),
        (true, false) => section.to_string(),
        (false, true) => title.to_string(),
        (false, false) => format!("{title}. {section}"),
    }
}

pub struct Chunker<'a> {
    tokenizer: &'a Tokenizer,
    params: ChunkParams,
}

/// Smallest content window, whatever the prefix length.
const MIN_BUDGET: usize = 32;
/// A window may end this much earlier than its budget to stop at a sentence end.
const BOUNDARY_SLACK: f32 = 0.3;

impl<'a> Chunker<'a> {
    pub fn new(tokenizer: &'a Tokenizer, params: ChunkParams) -> Self {
        Self { tokenizer, params }
    }

    pub fn chunk(&self, doc: &SourceDoc) -> Result<Vec<Chunk>, EmbedError> {
        let mut chunks = Vec::new();
        for section in &doc.sections {
            let text = section.text.trim();
            if text.is_empty() {
                continue;
            }
            let path = section.heading_path.join(" > ");
            let prefix_tokens = self.count(&embedding_text(&doc.title, &path, ""))?;
            let budget = self
                .params
                .max_tokens
                .saturating_sub(2 + prefix_tokens)
                .max(MIN_BUDGET);
            for (content, token_count) in self.split(text, budget)? {
                chunks.push(Chunk {
                    section: path.clone(),
                    content,
                    token_count,
                });
            }
        }
        Ok(chunks)
    }

    fn count(&self, text: &str) -> Result<usize, EmbedError> {
        Ok(self.encode(text)?.len())
    }

    /// Byte offsets `(start, end)` of each word piece of `text`.
    fn encode(&self, text: &str) -> Result<Vec<(usize, usize)>, EmbedError> {
        let encoding = self
            .tokenizer
            .encode(text, false)
            .map_err(|e| EmbedError::Tokenizer(e.to_string()))?;
        Ok(encoding.get_offsets().to_vec())
    }

    /// Windows of at most `budget` tokens over `text`, overlapping by the configured
    /// amount, as `(content, token count)`.
    fn split(&self, text: &str, budget: usize) -> Result<Vec<(String, usize)>, EmbedError> {
        let offsets = self.encode(text)?;
        if offsets.len() <= budget {
            return Ok(vec![(text.to_string(), offsets.len())]);
        }
        let overlap = self.params.overlap.min(budget / 2);
        let mut windows = Vec::new();
        let mut start = 0;
        loop {
            let hard_end = (start + budget).min(offsets.len());
            let end = if hard_end == offsets.len() {
                hard_end
            } else {
                sentence_end(text, &offsets, start, hard_end)
            };
            let content = text[offsets[start].0..offsets[end - 1].1]
                .trim()
                .to_string();
            windows.push((content, end - start));
            if end == offsets.len() {
                break;
            }
            // step back by the overlap, but always move forward
            start = end.saturating_sub(overlap).max(start + 1);
        }
        Ok(windows)
    }
}

/// The token index just after the last sentence end in `[start, hard_end)` that is not
/// too early in the window; `hard_end` when there is none.
fn sentence_end(text: &str, offsets: &[(usize, usize)], start: usize, hard_end: usize) -> usize {
    let earliest = start + ((hard_end - start) as f32 * (1.0 - BOUNDARY_SLACK)) as usize;
    (earliest..hard_end)
        .rev()
        .find(|&i| {
            let piece = &text[offsets[i].0..offsets[i].1];
            let next_is_break = text[offsets[i].1..].starts_with('\n');
            matches!(piece, "." | "!" | "?") || next_is_break
        })
        .map(|i| i + 1)
        .unwrap_or(hard_end)
}
