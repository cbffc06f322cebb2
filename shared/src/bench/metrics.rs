//! Ranking metrics as BEIR reports them (pytrec_eval conventions, linear gain):
//! nDCG@k, recall@k and MRR@k, plus latency percentiles.

use std::collections::HashMap;

/// Relevance judgements of one query: document id → grade (> 0 is relevant).
pub type Qrels = HashMap<String, i32>;

pub fn ndcg_at(ranked: &[String], qrels: &Qrels, k: usize) -> f64 {
    let dcg: f64 = ranked
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, doc)| gain(qrels.get(doc).copied().unwrap_or(0)) / (i as f64 + 2.0).log2())
        .sum();
    let mut ideal: Vec<i32> = qrels.values().copied().filter(|&g| g > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, &g)| gain(g) / (i as f64 + 2.0).log2())
        .sum();
    if idcg == 0.0 {
        0.0
    } else {
        dcg / idcg
    }
}

fn gain(grade: i32) -> f64 {
    grade.max(0) as f64
}

pub fn recall_at(ranked: &[String], qrels: &Qrels, k: usize) -> f64 {
    let relevant = qrels.values().filter(|&&g| g > 0).count();
    if relevant == 0 {
        return 0.0;
    }
    let found = ranked
        .iter()
        .take(k)
        .filter(|d| qrels.get(*d).is_some_and(|&g| g > 0))
        .count();
    found as f64 / relevant as f64
}

pub fn mrr_at(ranked: &[String], qrels: &Qrels, k: usize) -> f64 {
    ranked
        .iter()
        .take(k)
        .position(|d| qrels.get(d).is_some_and(|&g| g > 0))
        .map(|i| 1.0 / (i as f64 + 1.0))
        .unwrap_or(0.0)
}

/// The value below which `p` of the sorted samples fall (nearest rank).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    fn qrels(pairs: &[(&str, i32)]) -> Qrels {
        pairs.iter().map(|(d, g)| (d.to_string(), *g)).collect()
    }

    #[track_caller]
    fn check(value: f64, expected: f64) {
        assert!((value - expected).abs() < 1e-9, "{value} != {expected}");
    }

    #[test]
    fn metrics_match_hand_computed_values() {
        let q = qrels(&[("a", 1)]);
        check(ndcg_at(&ranked(&["a", "b"]), &q, 10), 1.0);
        check(ndcg_at(&ranked(&["b", "a"]), &q, 10), 1.0 / 3f64.log2());
        check(ndcg_at(&ranked(&["b", "c"]), &q, 10), 0.0);
        check(mrr_at(&ranked(&["b", "c", "a"]), &q, 10), 1.0 / 3.0);
        check(mrr_at(&ranked(&["b", "c", "a"]), &q, 2), 0.0);
        let q2 = qrels(&[("a", 1), ("b", 1)]);
        check(recall_at(&ranked(&["a", "x"]), &q2, 10), 0.5);
        check(recall_at(&ranked(&["x", "b", "a"]), &q2, 2), 0.5);
    }

    #[test]
    fn percentiles_use_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        check(percentile(&v, 50.0), 50.0);
        check(percentile(&v, 95.0), 95.0);
        check(percentile(&[3.0], 99.0), 3.0);
    }
}
