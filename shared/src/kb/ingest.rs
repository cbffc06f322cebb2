//! Ingest: files, folders and WordPress sites into the knowledge base.
//!
//! Idempotent by content hash: an unchanged document costs one lookup and no
//! embedding; a changed one has its chunks replaced atomically; `prune` removes
//! documents of the same collection that were not seen this run. A file that cannot
//! be read or parsed is reported with its reason and the run goes on.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::PgPool;

use super::chunk::{heading_text, Chunk, ChunkParams, Chunker};
use super::parse::{self, ParseError, SourceDoc};
use super::store::{self, DocVersion, WriteLock};
use super::KbError;
use frontdesk_embed::Embedder;

/// Bump when the chunk text or hashing changes, so every document is rebuilt once.
const HASH_VERSION: u32 = 2;
/// Texts embedded in one call: big enough for good batches, small enough for steady progress.
const EMBED_BATCH: usize = 64;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct IngestSummary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub failed: usize,
    pub pruned: usize,
    /// Chunks written by this run.
    pub chunks: usize,
    pub embeddings_computed: usize,
    pub problems: Vec<IngestProblem>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IngestProblem {
    pub source: String,
    /// `skipped` (not a document: unsupported type, no text) or `failed` (a bad file)
    pub outcome: &'static str,
    pub reason: String,
}

/// Progress callbacks, so the CLI can draw a progress bar and the daemon can log.
pub trait IngestObserver: Send + Sync {
    fn planned(&self, _documents: usize) {}
    fn document_done(&self, _source: &str) {}
    fn problem(&self, _problem: &IngestProblem) {}
}

/// An observer that ignores everything.
pub struct Quiet;
impl IngestObserver for Quiet {}

pub struct Ingester<'a> {
    pool: &'a PgPool,
    embedder: &'a Embedder,
    params: ChunkParams,
    observer: &'a dyn IngestObserver,
}

/// A batch of documents from one collection, with the problems met while reading them.
pub struct CollectionInput {
    pub collection: String,
    pub docs: Vec<SourceDoc>,
    pub problems: Vec<IngestProblem>,
    /// Whether this input covers the whole collection, so absent documents may be pruned.
    pub complete: bool,
}

impl<'a> Ingester<'a> {
    pub fn new(
        pool: &'a PgPool,
        embedder: &'a Embedder,
        params: ChunkParams,
        observer: &'a dyn IngestObserver,
    ) -> Self {
        Self {
            pool,
            embedder,
            params,
            observer,
        }
    }

    /// Ingests collections while holding the knowledge-base write lock.
    pub async fn run(
        &self,
        inputs: Vec<CollectionInput>,
        prune: bool,
    ) -> Result<IngestSummary, KbError> {
        let lock = WriteLock::acquire(self.pool).await?;
        let result = self.run_locked(inputs, prune).await;
        lock.release().await?;
        result
    }

    async fn run_locked(
        &self,
        inputs: Vec<CollectionInput>,
        prune: bool,
    ) -> Result<IngestSummary, KbError> {
        let meta = store::record_model(
            self.pool,
            &self.embedder.model_name(),
            self.embedder.dimension(),
        )
        .await?;
        if meta.model != self.embedder.model_name() {
            return Err(KbError::ModelMismatch {
                index: meta.model,
                configured: self.embedder.model_name(),
            });
        }
        let mut summary = IngestSummary::default();
        self.observer
            .planned(inputs.iter().map(|i| i.docs.len() + i.problems.len()).sum());
        for input in inputs {
            for problem in input.problems {
                self.report(&mut summary, problem);
            }
            self.ingest_collection(
                &input.collection,
                input.docs,
                prune && input.complete,
                &mut summary,
            )
            .await?;
        }
        Ok(summary)
    }

    fn report(&self, summary: &mut IngestSummary, problem: IngestProblem) {
        match problem.outcome {
            "skipped" => summary.skipped += 1,
            _ => summary.failed += 1,
        }
        self.observer.problem(&problem);
        self.observer.document_done(&problem.source);
        summary.problems.push(problem);
    }

    async fn ingest_collection(
        &self,
        collection: &str,
        docs: Vec<SourceDoc>,
        prune: bool,
        summary: &mut IngestSummary,
    ) -> Result<(), KbError> {
        let stored: HashMap<String, store::StoredDoc> =
            store::docs_in_collection(self.pool, collection)
                .await?
                .into_iter()
                .map(|d| (d.source.clone(), d))
                .collect();
        let mut seen = HashSet::new();
        let mut pending: Vec<Pending> = Vec::new();
        let chunker = Chunker::new(self.embedder.tokenizer(), self.params);
        for doc in docs {
            if !seen.insert(doc.source.clone()) {
                self.report(
                    summary,
                    problem(
                        &doc.source,
                        "failed",
                        "duplicate document identity in this run",
                    ),
                );
                continue;
            }
            let hash = content_hash(&doc, &self.embedder.model_name(), self.params);
            match stored.get(&doc.source) {
                Some(existing) if existing.content_hash == hash => {
                    summary.unchanged += 1;
                    self.observer.document_done(&doc.source);
                    continue;
                }
                existing => {
                    let chunks = chunker.chunk(&doc)?;
                    if chunks.is_empty() {
                        self.report(
                            summary,
                            problem(&doc.source, "skipped", &ParseError::Empty.to_string()),
                        );
                        continue;
                    }
                    pending.push(Pending {
                        doc,
                        hash,
                        chunks,
                        is_new: existing.is_none(),
                    });
                }
            }
            if pending.iter().map(|p| p.chunks.len() + 1).sum::<usize>() >= EMBED_BATCH {
                self.flush(collection, std::mem::take(&mut pending), summary)
                    .await?;
            }
        }
        self.flush(collection, pending, summary).await?;

        if prune {
            let gone: Vec<_> = stored
                .values()
                .filter(|d| !seen.contains(&d.source))
                .map(|d| d.id)
                .collect();
            summary.pruned += store::delete_docs(self.pool, &gone).await? as usize;
        }
        Ok(())
    }

    /// Embeds the titles and chunks of pending documents in one batch, then writes each.
    async fn flush(
        &self,
        collection: &str,
        pending: Vec<Pending>,
        summary: &mut IngestSummary,
    ) -> Result<(), KbError> {
        if pending.is_empty() {
            return Ok(());
        }
        // per document: its distinct headings, then its chunks; `slots` maps each chunk
        // to its heading's position, so every heading is embedded once
        let mut texts = Vec::new();
        let mut layout = Vec::with_capacity(pending.len());
        for p in &pending {
            let mut headings: Vec<String> = Vec::new();
            let mut slots = Vec::with_capacity(p.chunks.len());
            for c in &p.chunks {
                let h = heading_text(&p.doc.title, &c.section);
                let slot = headings.iter().position(|x| *x == h).unwrap_or_else(|| {
                    headings.push(h);
                    headings.len() - 1
                });
                slots.push(slot);
            }
            texts.extend(headings.iter().cloned());
            texts.extend(p.chunks.iter().map(|c| c.embedding_text(&p.doc.title)));
            layout.push((headings.len(), slots));
        }
        let mut vectors = self.embedder.embed_documents(texts).await?.into_iter();
        summary.embeddings_computed += vectors.len();
        for (p, (heading_count, slots)) in pending.into_iter().zip(layout) {
            let heading_vectors: Vec<Vec<f32>> = (0..heading_count)
                .map(|_| vectors.next().ok_or(KbError::EmbeddingCount))
                .collect::<Result<_, _>>()?;
            let mut chunks = Vec::with_capacity(p.chunks.len());
            for (chunk, slot) in p.chunks.into_iter().zip(slots) {
                let embedding = vectors.next().ok_or(KbError::EmbeddingCount)?;
                chunks.push((chunk, embedding, heading_vectors[slot].clone()));
            }
            summary.chunks += chunks.len();
            store::write_doc(
                self.pool,
                DocVersion {
                    collection,
                    doc: &p.doc,
                    content_hash: &p.hash,
                    chunks,
                },
            )
            .await?;
            if p.is_new {
                summary.added += 1;
            } else {
                summary.updated += 1;
            }
            self.observer.document_done(&p.doc.source);
        }
        Ok(())
    }
}

struct Pending {
    doc: SourceDoc,
    hash: String,
    chunks: Vec<Chunk>,
    is_new: bool,
}

fn problem(source: &str, outcome: &'static str, reason: &str) -> IngestProblem {
    IngestProblem {
        source: source.to_string(),
        outcome,
        reason: reason.to_string(),
    }
}

/// Hash of everything that shapes a document's stored chunks and vectors.
pub fn content_hash(doc: &SourceDoc, model: &str, params: ChunkParams) -> String {
    let mut h = Sha256::new();
    let mut field = |s: &str| {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    field(&HASH_VERSION.to_string());
    field(model);
    field(&format!("{}:{}", params.max_tokens, params.overlap));
    field(doc.kind.as_str());
    field(doc.class().as_str());
    field(doc.declared_language.as_deref().unwrap_or(""));
    field(&doc.title);
    field(doc.url.as_deref().unwrap_or(""));
    field(&doc.allowed_channels.join(","));
    for section in &doc.sections {
        field(&section.heading_path.join("\u{1f}"));
        field(&section.text);
    }
    hex::encode(h.finalize())
}

/// Reads files and folders into collections: a folder is its own collection (its
/// path as given), a single file belongs to the collection of its folder.
pub fn read_paths(paths: &[PathBuf]) -> Vec<CollectionInput> {
    let mut inputs: Vec<CollectionInput> = Vec::new();
    for path in paths {
        let (found, errors) = parse::discover_files(std::slice::from_ref(path));
        let is_dir = path.is_dir();
        let collection = collection_name(path, is_dir);
        let mut input = CollectionInput {
            collection,
            docs: Vec::new(),
            problems: Vec::new(),
            complete: is_dir,
        };
        for (bad, error) in errors {
            input
                .problems
                .push(problem_for(&display(&bad, path), &error));
        }
        for file in found {
            match parse::parse_file(&file) {
                Ok(docs) => input.docs.extend(docs),
                Err(error) => input.problems.push(problem_for(&file.source, &error)),
            }
        }
        inputs.push(input);
    }
    inputs
}

fn problem_for(source: &str, error: &ParseError) -> IngestProblem {
    let outcome = match error {
        ParseError::Unsupported(_) | ParseError::Empty => "skipped",
        _ => "failed",
    };
    problem(source, outcome, &error.to_string())
}

fn display(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .ok()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The folder as the user named it, normalised (`./demo/kb/` → `demo/kb`), so the same
/// command from another checkout or machine updates the same collection.
fn collection_name(path: &Path, is_dir: bool) -> String {
    let folder = if is_dir { Some(path) } else { path.parent() };
    let parts: Vec<String> = folder
        .into_iter()
        .flat_map(Path::components)
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [] => ".".to_string(),
        [root, rest @ ..] if root == "/" => format!("/{}", rest.join("/")),
        _ => parts.join("/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(path: &str, is_dir: bool, expected: &str) {
        assert_eq!(collection_name(Path::new(path), is_dir), expected);
    }

    #[test]
    fn collections_are_named_as_given() {
        check("demo/kb", true, "demo/kb");
        check("./demo/kb/", true, "demo/kb");
        check("demo/kb/policies/returns.md", false, "demo/kb/policies");
        check("returns.md", false, ".");
        check("/srv/help", true, "/srv/help");
    }
}
