//! Preferences the question itself states, applied to the fused scores before the
//! re-rank: a question about policy (returns, shipping, payment, warranty, the
//! account: `text::cues::POLICY_TOPIC`) lifts policy and help pages, so that a
//! catalogue of hundreds of product pages naming the same product cannot outrank the
//! one returns policy; and documents written in the customer's language are lifted
//! over their translations; and the page of a product the question names is lifted
//! over the help pages by a little (it is searched for what is asked, `mention.rs`).
//! All are additive bonuses on the hybrid score (weights in
//! `retrieval.fusion`), so a clearly better page of another class still wins.

use super::search::Candidate;
use super::DocClass;
use crate::config::FusionWeights;
use crate::text::{cues, language};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Preferences {
    /// The question is about how the shop works, not about a product.
    pub policy: bool,
    /// The question's language (ISO 639-1), when detected.
    pub language: Option<&'static str>,
}

impl Preferences {
    pub fn of(query: &str) -> Self {
        Self {
            policy: cues::POLICY_TOPIC.is_match(query),
            language: language::detect(query).map(|l| l.code),
        }
    }
}

/// `mentioned`: the product pages the question names (`mention.rs`).
pub(crate) fn apply(
    candidates: &mut [Candidate],
    prefs: &Preferences,
    mentioned: &[uuid::Uuid],
    w: FusionWeights,
) {
    let policy = DocClass::Policy.as_str();
    // only a knowledge base with several languages among the candidates has a choice
    let mixed = prefs.language.is_some()
        && candidates
            .iter()
            .any(|c| c.language.is_some() && c.language.as_deref() != prefs.language);
    for c in candidates.iter_mut() {
        if prefs.policy && c.doc_class == policy {
            c.score += w.policy;
        }
        if mixed && c.language.as_deref() == prefs.language {
            c.score += w.language;
        }
        if mentioned.contains(&c.doc_id) {
            c.score += w.mentioned;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn candidate(class: &str, language: Option<&str>, score: f32) -> Candidate {
        Candidate::scored(Uuid::now_v7(), class, language, score)
    }

    #[test]
    fn policy_questions_lift_policy_pages_only() {
        let w = FusionWeights::default();
        let mut c = vec![
            candidate("product", Some("en"), 0.6),
            candidate("policy", Some("en"), 0.5),
        ];
        apply(
            &mut c,
            &Preferences::of("How many days do I have to return an opened kettle?"),
            &[],
            w,
        );
        assert!(c[1].score > c[0].score, "{} vs {}", c[1].score, c[0].score);
        let mut c = vec![
            candidate("product", None, 0.6),
            candidate("policy", None, 0.5),
        ];
        apply(
            &mut c,
            &Preferences::of("How heavy is the Ridge tent?"),
            &[],
            w,
        );
        assert_eq!((c[0].score, c[1].score), (0.6, 0.5));
    }

    #[test]
    fn the_customers_language_is_lifted() {
        let w = FusionWeights::default();
        let mut c = vec![
            candidate("policy", Some("en"), 0.6),
            candidate("policy", Some("es"), 0.55),
        ];
        apply(
            &mut c,
            &Preferences::of("¿Cuántos días tengo para devolver un pedido?"),
            &[],
            w,
        );
        assert!(c[1].score > c[0].score, "{} vs {}", c[1].score, c[0].score);
    }
}
