//! Part of the GUARDRAIL: whether the passages a knowledge answer cites answer the
//! question at all. A knowledge base always returns *something*; "Do you have a
//! physical store in Berlin?" finds the shipping page, and an answer drafted from it
//! would be confidently wrong. Three signals, each measured per question:
//!
//! - **support**: how close the drafted answer (citation markers removed) is to the
//!   question, by the embedding model: an answer about something else scores low;
//! - **coverage**: the share of the question's IDF-weighted terms the cited passage
//!   contains (from the full-text index): "Berlin", "physical" and "store" found
//!   nowhere in it say it is not about them;
//! - **retrieval**: the cited passage's hybrid retrieval score.
//!
//! The score is a weighted sum; below `agent.min_answerability` the agent says it
//! doesn't have that information and offers a person, and the trace says why. The
//! weights and the default threshold were chosen from the precision/recall curve of
//! `agentctl bench answers` (docs/benchmarks.md).

use std::collections::HashMap;

use serde::Serialize;
use uuid::Uuid;

use crate::guardrails;
use crate::kb::Citation;
use frontdesk_embed::Embedder;

/// Weight of the answer's similarity to the question.
const SUPPORT_WEIGHT: f32 = 1.0;
/// Weight of the cited passage's coverage of the question's terms.
const COVERAGE_WEIGHT: f32 = 0.5;
/// Weight of the cited passage's retrieval score.
const RETRIEVAL_WEIGHT: f32 = 0.0;

/// How well a drafted knowledge answer is supported, and the signals behind it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Answerability {
    pub score: f32,
    pub support: f32,
    pub coverage: f32,
    pub retrieval: f32,
}

impl Answerability {
    fn of(support: f32, coverage: f32, retrieval: f32) -> Self {
        Self {
            score: SUPPORT_WEIGHT * support
                + COVERAGE_WEIGHT * coverage
                + RETRIEVAL_WEIGHT * retrieval,
            support,
            coverage,
            retrieval,
        }
    }

    /// The trace's words for it.
    pub fn describe(&self) -> String {
        format!(
            "answerability {:.3} (support {:.3}, coverage {:.2}, retrieval {:.3})",
            self.score, self.support, self.coverage, self.retrieval
        )
    }
}

/// Assesses `draft` against `question` from the passages it cites (`passages` are the
/// turn's retrieved passages, `coverage` their coverage by chunk id). `None` when the
/// draft cites no passage or the model is unavailable: nothing to assess.
pub async fn assess(
    embedder: &Embedder,
    question: &str,
    draft: &str,
    passages: &[Citation],
    coverage: &HashMap<Uuid, f32>,
) -> Option<Answerability> {
    let titles = guardrails::cited_titles(draft);
    let cited: Vec<&Citation> = passages
        .iter()
        .filter(|p| titles.iter().any(|t| t.eq_ignore_ascii_case(&p.title)))
        .collect();
    if cited.is_empty() {
        return None;
    }
    let best = |f: &dyn Fn(&Citation) -> f32| cited.iter().map(|c| f(c)).fold(0.0f32, f32::max);
    let cover = best(&|c| coverage.get(&c.chunk_id).copied().unwrap_or(0.0));
    let retrieval = best(&|c| c.score);
    let answer = guardrails::without_citations(draft);
    let question = frontdesk_redact::pii::mask(question);
    let q = embedder.embed_query(&question).await.ok()?;
    let a = embedder.embed_passages(&[answer]).await.ok()?;
    let support = a
        .first()?
        .iter()
        .zip(q.iter())
        .map(|(x, y)| x * y)
        .sum::<f32>();
    Some(Answerability::of(support, cover, retrieval))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_score_weighs_its_signals() {
        let a = Answerability::of(0.5, 0.4, 0.9);
        let expected = SUPPORT_WEIGHT * 0.5 + COVERAGE_WEIGHT * 0.4 + RETRIEVAL_WEIGHT * 0.9;
        assert!((a.score - expected).abs() < 1e-6);
        assert!(a.describe().starts_with("answerability "));
    }
}
