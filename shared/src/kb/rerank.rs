//! Re-ranking the fused pool (default 8) down to the answer set (default 3).
//!
//! Greedy selection with a redundancy penalty: a chunk whose document is already
//! selected competes with its score lowered, so the answer set favours distinct
//! documents unless one document is clearly the best source for all of them.

use super::search::Candidate;

/// Score multiplier for a second (and further) chunk of an already selected document.
const SAME_DOC_PENALTY: f32 = 0.85;

/// Share of the query's IDF mass a candidate's BM25 score amounts to, in [0, 1].
pub(crate) fn coverage(c: &Candidate) -> f32 {
    if c.query_idf > 0.0 {
        (c.text_rank / c.query_idf).min(1.0)
    } else {
        0.0
    }
}

pub(crate) fn rerank(
    mut pool: Vec<Candidate>,
    top_k: usize,
    coverage_weight: f32,
) -> Vec<Candidate> {
    for c in pool.iter_mut() {
        // coverage is lexical evidence too: gated like the text signal (`Candidate::lexical_gate`)
        c.score += coverage_weight * coverage(c) * c.lexical_gate;
    }
    let mut selected: Vec<Candidate> = Vec::with_capacity(top_k);
    while selected.len() < top_k && !pool.is_empty() {
        let effective = |c: &Candidate| {
            let repeats = selected.iter().filter(|s| s.doc_id == c.doc_id).count() as i32;
            c.score * SAME_DOC_PENALTY.powi(repeats)
        };
        let best = pool
            .iter()
            .enumerate()
            .max_by(|(_, a), (_, b)| effective(a).total_cmp(&effective(b)))
            .map(|(i, _)| i)
            .unwrap_or(0);
        selected.push(pool.swap_remove(best));
    }
    selected
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn candidate(doc: u128, score: f32) -> Candidate {
        Candidate::scored(Uuid::from_u128(doc), "other", None, score)
    }

    #[track_caller]
    fn check(pool: &[(u128, f32)], top_k: usize, expected_docs: &[u128]) {
        let pool = pool.iter().map(|&(d, s)| candidate(d, s)).collect();
        let docs: Vec<u128> = rerank(pool, top_k, 0.0)
            .iter()
            .map(|c| c.doc_id.as_u128())
            .collect();
        assert_eq!(docs, expected_docs);
    }

    #[test]
    fn prefers_distinct_documents() {
        check(&[(1, 0.9), (1, 0.8), (2, 0.75), (3, 0.5)], 3, &[1, 2, 1]);
        check(&[(1, 0.9), (1, 0.89), (2, 0.5)], 2, &[1, 1]);
        check(&[(1, 0.9)], 3, &[1]);
        check(&[], 3, &[]);
    }
}
