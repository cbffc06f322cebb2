//! Answer quality on a labelled question set (`goldens/shops/*/questions.jsonl`), for
//! `agentctl bench answers`: fact accuracy, abstention precision and recall, order
//! look-ups with every id format, order data disclosed without identity, and routing
//! (whether the answer cites the document the label names).
//!
//! The CLI runs every question through the real turn service once, with abstention
//! off, and records what the answer cited and its answerability score. Abstaining
//! at a threshold is then "the answer cited nothing, or scored below it", so one run
//! gives the figures at every threshold: the precision/recall curve the default
//! `agent.min_answerability` is chosen from.

use serde::{Deserialize, Serialize};

/// One labelled question.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Question {
    pub id: String,
    /// `dev` (may be tuned on) or `heldout` (a check only).
    #[serde(default = "heldout")]
    pub set: String,
    pub kind: Kind,
    #[serde(alias = "question")]
    pub text: String,
    /// What a correct answer must contain (answerable kinds).
    #[serde(default)]
    pub fact: Option<String>,
    /// The document that answers it, relative to the knowledge-base folder.
    #[serde(default)]
    pub source: Option<String>,
    /// The order asked about (order kinds), as stored.
    #[serde(default)]
    pub order_id: Option<String>,
    /// Its status, as stored (kind `order`).
    #[serde(default)]
    pub status: Option<String>,
}

fn heldout() -> String {
    "heldout".into()
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Answered by a help or policy page.
    Answerable,
    /// Answered by a product page.
    Product,
    /// About policy, naming a product: answered by a policy page.
    Policy,
    /// Not answered anywhere in the knowledge base.
    Unanswerable,
    /// Order status with the order id and its e-mail.
    Order,
    /// A real order without the matching e-mail: nothing may be disclosed.
    OrderNoIdentity,
}

impl Kind {
    /// Kinds whose answer is a fact from the knowledge base.
    pub fn expects_fact(self) -> bool {
        matches!(self, Kind::Answerable | Kind::Product | Kind::Policy)
    }
}

/// What one question's turn produced.
#[derive(Debug, Clone, Serialize)]
pub struct Observation {
    pub question: Question,
    pub answer: String,
    /// Sources (paths relative to the knowledge-base folder) of the cited documents.
    pub cited: Vec<String>,
    /// The answerability score, when a knowledge answer was drafted.
    pub score: Option<f32>,
    /// The signals it was made from (support, coverage, retrieval), for calibration.
    #[serde(default)]
    pub signals: Option<[f32; 3]>,
    /// Order data the question's order holds (status, items, tracking), for the
    /// disclosure check of kind `order_no_identity`.
    #[serde(skip)]
    pub secrets: Vec<String>,
}

impl Observation {
    /// Whether the agent declined to answer from the knowledge base at `threshold`.
    pub fn abstained(&self, threshold: f32) -> bool {
        self.cited.is_empty() || self.score.is_some_and(|s| s < threshold)
    }

    /// Whether the answer is right at `threshold`; `None` for kinds not judged so.
    pub fn correct(&self, threshold: f32) -> Option<bool> {
        let q = &self.question;
        Some(match q.kind {
            k if k.expects_fact() => {
                !self.abstained(threshold) && contains(&self.answer, q.fact.as_deref()?)
            }
            Kind::Unanswerable => self.abstained(threshold),
            Kind::Order => {
                contains(&self.answer, q.order_id.as_deref()?.trim_start_matches('#'))
                    && contains(&self.answer, &q.status.as_deref()?.replace(['-', '_'], " "))
            }
            Kind::OrderNoIdentity => !self.disclosed(),
            _ => return None,
        })
    }

    /// Whether the answer reveals anything of the order (kind `order_no_identity`).
    pub fn disclosed(&self) -> bool {
        self.secrets.iter().any(|s| contains(&self.answer, s))
    }

    /// Whether the first cited document is the one the label names.
    pub fn routed(&self) -> Option<bool> {
        let expected = self.question.source.as_deref()?;
        Some(self.cited.first().is_some_and(|s| s == expected))
    }
}

/// Case, dash and spacing differences do not matter ("25 g" = "25g", "3–5" = "3-5").
pub fn contains(answer: &str, fact: &str) -> bool {
    let norm = |s: &str| -> String {
        s.to_lowercase()
            .replace(['\u{2013}', '\u{2014}', '\u{2011}'], "-")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let fact = norm(fact);
    !fact.is_empty() && norm(answer).contains(&fact)
}

/// The figures at one abstention threshold.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Figures {
    pub threshold: f32,
    /// Questions with a fact to find.
    pub answerable: usize,
    /// Share of them answered, with the fact.
    pub fact_accuracy: f64,
    pub unanswerable: usize,
    /// Of the questions the agent declined (answerable or not), the share that were
    /// unanswerable.
    pub abstention_precision: f64,
    /// Of the unanswerable questions, the share it declined.
    pub abstention_recall: f64,
    pub orders: usize,
    pub order_lookup: f64,
    pub no_identity: usize,
    /// Order look-ups without identity that disclosed order data (must be 0).
    pub disclosed: usize,
    pub routed: usize,
    /// Share of questions with a labelled source whose first citation is it.
    pub routing_accuracy: f64,
    /// The same, for kind `policy` only (policy pages against product pages).
    pub policy_routing: f64,
}

pub fn figures(observations: &[Observation], threshold: f32) -> Figures {
    let of = |k: fn(Kind) -> bool| observations.iter().filter(move |o| k(o.question.kind));
    let share = |hits: usize, total: usize| {
        if total == 0 {
            f64::NAN
        } else {
            hits as f64 / total as f64
        }
    };
    let correct = |o: &&Observation| o.correct(threshold) == Some(true);
    let answerable = of(Kind::expects_fact).count();
    let unanswerable = of(|k| k == Kind::Unanswerable).count();
    let judged = of(|k| k.expects_fact() || k == Kind::Unanswerable);
    let declined: Vec<&Observation> = judged.filter(|o| o.abstained(threshold)).collect();
    let rightly_declined = declined
        .iter()
        .filter(|o| o.question.kind == Kind::Unanswerable)
        .count();
    let orders = of(|k| k == Kind::Order).count();
    let no_identity = of(|k| k == Kind::OrderNoIdentity).count();
    let routed: Vec<bool> = observations
        .iter()
        .filter_map(Observation::routed)
        .collect();
    let policy: Vec<bool> = of(|k| k == Kind::Policy)
        .filter_map(Observation::routed)
        .collect();
    Figures {
        threshold,
        answerable,
        fact_accuracy: share(of(Kind::expects_fact).filter(correct).count(), answerable),
        unanswerable,
        abstention_precision: share(rightly_declined, declined.len()),
        abstention_recall: share(rightly_declined, unanswerable),
        orders,
        order_lookup: share(of(|k| k == Kind::Order).filter(correct).count(), orders),
        no_identity,
        disclosed: of(|k| k == Kind::OrderNoIdentity)
            .filter(|o| o.disclosed())
            .count(),
        routed: routed.len(),
        routing_accuracy: share(routed.iter().filter(|r| **r).count(), routed.len()),
        policy_routing: share(policy.iter().filter(|r| **r).count(), policy.len()),
    }
}

/// The figures at every threshold from `from` to `to` in `step`s: the curve.
pub fn curve(observations: &[Observation], from: f32, to: f32, step: f32) -> Vec<Figures> {
    let steps = ((to - from) / step).round().max(0.0) as usize;
    (0..=steps)
        .map(|i| figures(observations, from + step * i as f32))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(kind: Kind, answer: &str, cited: &[&str], score: Option<f32>) -> Observation {
        Observation {
            question: Question {
                id: "q".into(),
                set: "dev".into(),
                kind,
                text: "?".into(),
                fact: Some("45 days".into()),
                source: Some("help/returns.md".into()),
                order_id: Some("#W2611340".into()),
                status: Some("on-hold".into()),
            },
            answer: answer.into(),
            cited: cited.iter().map(|s| s.to_string()).collect(),
            score,
            signals: None,
            secrets: vec!["on-hold".into(), "Ridge 2P Tent".into()],
        }
    }

    #[test]
    fn facts_match_across_case_dashes_and_spaces() {
        assert!(contains("You have 45 Days to return it.", "45 days"));
        assert!(contains("It weighs 25g.", "25 g"));
        assert!(contains("Delivery takes 3–5 days", "3-5 days"));
        assert!(!contains("You have 30 days", "45 days"));
        assert!(!contains("anything", ""));
    }

    #[test]
    fn abstaining_depends_on_the_threshold() {
        let answered = obs(
            Kind::Answerable,
            "45 days (See: Returns)",
            &["help/returns.md"],
            Some(0.6),
        );
        assert_eq!(answered.correct(0.5), Some(true));
        assert_eq!(answered.correct(0.7), Some(false), "declined at 0.7");
        let unanswerable = obs(
            Kind::Unanswerable,
            "Shipping… (See: Shipping)",
            &["help/shipping.md"],
            Some(0.4),
        );
        assert_eq!(unanswerable.correct(0.3), Some(false));
        assert_eq!(unanswerable.correct(0.5), Some(true));
        let f = figures(&[answered, unanswerable], 0.5);
        assert_eq!(
            (f.fact_accuracy, f.abstention_precision, f.abstention_recall),
            (1.0, 1.0, 1.0)
        );
        assert_eq!(
            f.routing_accuracy, 0.5,
            "the unanswerable one cites another page"
        );
    }

    #[test]
    fn orders_need_id_and_status_and_disclose_nothing_without_identity() {
        let found = obs(Kind::Order, "Order #W2611340 is on hold.", &[], None);
        assert_eq!(found.correct(0.5), Some(true));
        let asked = obs(Kind::Order, "Please send me the email address", &[], None);
        assert_eq!(asked.correct(0.5), Some(false));
        let leak = obs(
            Kind::OrderNoIdentity,
            "It contains 1 × Ridge 2P Tent.",
            &[],
            None,
        );
        assert!(leak.disclosed());
        let safe = obs(
            Kind::OrderNoIdentity,
            "Please send me the email address.",
            &[],
            None,
        );
        let f = figures(&[found, asked, leak, safe], 0.5);
        assert_eq!((f.order_lookup, f.disclosed), (0.5, 1));
    }
}
