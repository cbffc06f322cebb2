//! `bench retrieval --beir DIR`: loads a BEIR-format folder (`corpus.jsonl`,
//! `queries.jsonl`, `qrels/test.tsv`) into an isolated namespace, runs every query in
//! each search mode and reports nDCG@10, recall@10, recall@100, MRR@10 and latency.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::metrics::{mrr_at, ndcg_at, percentile, recall_at, Qrels};
use crate::kb::parse::{DocKind, Section, SourceDoc};
use crate::kb::{Retriever, SearchMode};

#[derive(Debug, thiserror::Error)]
pub enum BeirError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} line {line}: {message}")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{0}")]
    Invalid(String),
}

pub struct BeirDataset {
    pub corpus: Vec<SourceDoc>,
    pub queries: Vec<(String, String)>,
    pub qrels: HashMap<String, Qrels>,
}

#[derive(Deserialize)]
struct CorpusLine {
    #[serde(rename = "_id")]
    id: String,
    #[serde(default)]
    title: String,
    text: String,
}

#[derive(Deserialize)]
struct QueryLine {
    #[serde(rename = "_id")]
    id: String,
    text: String,
}

impl BeirDataset {
    pub fn load(dir: &Path) -> Result<Self, BeirError> {
        let corpus = read_jsonl::<CorpusLine>(&dir.join("corpus.jsonl"))?
            .into_iter()
            .filter(|c| !(c.title.trim().is_empty() && c.text.trim().is_empty()))
            .map(|c| SourceDoc {
                source: c.id,
                title: c.title.trim().to_string(),
                url: None,
                allowed_channels: Vec::new(),
                kind: DocKind::Text,
                declared_class: Some(crate::kb::parse::DocClass::Other),
                declared_language: None,
                sections: vec![Section {
                    heading_path: Vec::new(),
                    text: c.text.trim().to_string(),
                }],
            })
            .collect();
        let qrels = read_qrels(&dir.join("qrels").join("test.tsv"))?;
        let queries = read_jsonl::<QueryLine>(&dir.join("queries.jsonl"))?
            .into_iter()
            .filter(|q| qrels.contains_key(&q.id))
            .map(|q| (q.id, q.text))
            .collect::<Vec<_>>();
        if queries.is_empty() {
            return Err(BeirError::Invalid(
                "no query in queries.jsonl has judgements in qrels/test.tsv".into(),
            ));
        }
        Ok(Self {
            corpus,
            queries,
            qrels,
        })
    }
}

fn read_text(path: &Path) -> Result<String, BeirError> {
    std::fs::read_to_string(path).map_err(|source| BeirError::Read {
        path: path.display().to_string(),
        source,
    })
}

fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, BeirError> {
    read_text(path)?
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| BeirError::Parse {
                path: path.display().to_string(),
                line: i + 1,
                message: e.to_string(),
            })
        })
        .collect()
}

fn read_qrels(path: &Path) -> Result<HashMap<String, Qrels>, BeirError> {
    let mut qrels: HashMap<String, Qrels> = HashMap::new();
    for (i, line) in read_text(path)?.lines().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 3 || (i == 0 && fields[2].trim().parse::<i32>().is_err()) {
            continue; // header or blank
        }
        let grade = fields[2]
            .trim()
            .parse::<i32>()
            .map_err(|e| BeirError::Parse {
                path: path.display().to_string(),
                line: i + 1,
                message: e.to_string(),
            })?;
        qrels
            .entry(fields[0].to_string())
            .or_default()
            .insert(fields[1].to_string(), grade);
    }
    Ok(qrels)
}

#[derive(Debug, Clone, Serialize)]
pub struct ModeReport {
    pub mode: SearchMode,
    pub queries: usize,
    pub ndcg_at_10: f64,
    pub recall_at_10: f64,
    pub recall_at_100: f64,
    pub mrr_at_10: f64,
    pub latency_p50_ms: f64,
    pub latency_p95_ms: f64,
}

/// Runs every query in `mode` against an index holding `dataset`'s corpus;
/// `ids` maps stored document ids back to corpus ids.
pub async fn evaluate(
    retriever: &Retriever,
    dataset: &BeirDataset,
    ids: &HashMap<Uuid, String>,
    mode: SearchMode,
    on_query: &(dyn Fn() + Send + Sync),
) -> Result<ModeReport, crate::kb::KbError> {
    let (mut ndcg, mut r10, mut r100, mut mrr) = (0.0, 0.0, 0.0, 0.0);
    let mut latencies = Vec::with_capacity(dataset.queries.len());
    for (qid, text) in &dataset.queries {
        let started = Instant::now();
        let ranked = retriever.ranked_docs(text, mode, None).await?;
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
        let ranked: Vec<String> = ranked
            .iter()
            .filter_map(|(id, _)| ids.get(id).cloned())
            .collect();
        let judged = &dataset.qrels[qid];
        ndcg += ndcg_at(&ranked, judged, 10);
        r10 += recall_at(&ranked, judged, 10);
        r100 += recall_at(&ranked, judged, 100);
        mrr += mrr_at(&ranked, judged, 10);
        on_query();
    }
    latencies.sort_by(f64::total_cmp);
    let n = dataset.queries.len() as f64;
    Ok(ModeReport {
        mode,
        queries: dataset.queries.len(),
        ndcg_at_10: ndcg / n,
        recall_at_10: r10 / n,
        recall_at_100: r100 / n,
        mrr_at_10: mrr / n,
        latency_p50_ms: percentile(&latencies, 50.0),
        latency_p95_ms: percentile(&latencies, 95.0),
    })
}
