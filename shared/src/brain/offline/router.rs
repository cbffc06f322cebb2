//! Intent routing for the offline brain: nearest exemplars in embedding space, with
//! two rules in front for the routes where a miss is costly (abuse, asking for a person).
//!
//! The exemplars (`exemplars.jsonl`) are separate from the labelled test set in
//! `goldens/routing/`, which measures how well this generalises.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use frontdesk_embed::{EmbedError, Embedder};

use crate::text::cues::{ABUSE, HUMAN};

/// What a customer message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    OrderStatus,
    Returns,
    ProductQuestion,
    Faq,
    HumanRequest,
    Abusive,
    OutOfScope,
    SmallTalk,
}

impl Route {
    pub const ALL: [Route; 8] = [
        Route::OrderStatus,
        Route::Returns,
        Route::ProductQuestion,
        Route::Faq,
        Route::HumanRequest,
        Route::Abusive,
        Route::OutOfScope,
        Route::SmallTalk,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Route::OrderStatus => "order_status",
            Route::Returns => "returns",
            Route::ProductQuestion => "product_question",
            Route::Faq => "faq",
            Route::HumanRequest => "human_request",
            Route::Abusive => "abusive",
            Route::OutOfScope => "out_of_scope",
            Route::SmallTalk => "small_talk",
        }
    }

    pub fn parse(s: &str) -> Option<Route> {
        Route::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

#[derive(Deserialize)]
struct Exemplar {
    route: String,
    text: String,
}

const EXEMPLARS: &str = include_str!("exemplars.jsonl");

/// Words that point at a route in any of the languages customers write in; each adds
/// [`CUE_BONUS`] to that route's embedding score (the model reads English best).
static CUES: LazyLock<Vec<(Route, Regex)>> = LazyLock::new(|| {
    let cue = |route, pattern: &str| (route, Regex::new(pattern).expect("cue pattern"));
    vec![
        cue(
            Route::OrderStatus,
            r"(?ix)\b(?:track(?:ing)?|parcel|package|shipped|dispatched|arrived?|delivered|on\s+its\s+way|my\s+order
              |commande|colis|pedido|paquete|llegado|bestellung|sendung|paket|dhl|ups|dpd|versandbest[aä]tigung
              |wrong\s+item|instead\s+of|missing\s+from)\b",
        ),
        cue(
            Route::Returns,
            r"(?ix)\b(?:return(?:s|ing)?|send\s+(?:it\s+)?back|refund(?:ed|s)?|money\s+back|exchange|swap
              |retour(?:ner)?|rembours\w*|devol\w+|reembols\w*|zur[uü]ck\w*|r[uü]ckerstattung|umtausch\w*)\b",
        ),
        cue(
            Route::Faq,
            r"(?ix)\b(?:shipping|delivery\s+(?:time|cost)|deliver(?:y)?\s+to|ship\s+to|do\s+you\s+(?:deliver|ship)|versand\w*|livr\w+|env[ií]o\w*
              |payment|pay\s+(?:with|by)|paypal|klarna|invoice|checkout|warranty|guarantee|garantie|garant[ií]a
              |privacy|gdpr|my\s+data|password|account|log\s*in|newsletter|discount|voucher|coupon|gift\s+card
              |phone\s+number|opening\s+hours|contact|address|packaging|showroom|store\s+in)\b",
        ),
        cue(
            Route::SmallTalk,
            r"(?ix)^\W*(?:hi|hello|hey|hallo|bonjour|hola|guten\s+(?:morgen|tag|abend)|good\s+(?:morning|evening|afternoon)
              |thanks?|thank\s+you|merci|danke|gracias|bye|goodbye|cheers)\b",
        ),
        cue(
            Route::OutOfScope,
            r"(?ix)\b(?:amazon|ikea|ebay|zalando|weather|election|vote|bitcoin|crypto|homework|capital\s+of|translate
              |recipe|plumber|landlord|lawyer|sue|rash|doctor|movie|film|football|hiking|ignore\s+(?:all\s+)?previous
              |system\s+prompt|poem|joke)\b",
        ),
    ]
});

/// Added to a route's score when one of its cue words occurs.
const CUE_BONUS: f32 = 0.12;

/// Routes a message to one of the eight routes.
pub struct Router {
    embedder: Embedder,
    exemplars: Vec<(Route, Vec<f32>)>,
}

impl std::fmt::Debug for Router {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Router")
            .field("exemplars", &self.exemplars.len())
            .finish()
    }
}

/// A routing decision with the scores behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Routing {
    pub route: Route,
    /// Similarity of the winning route's nearest exemplars (1.0 for a rule).
    pub confidence: f32,
    /// `rule` or `embedding`.
    pub by: &'static str,
}

impl Router {
    /// Embeds the built-in exemplars (a few hundred milliseconds, once per process).
    pub async fn new(embedder: Embedder) -> Result<Self, EmbedError> {
        let parsed: Vec<Exemplar> = EXEMPLARS
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).expect("exemplars.jsonl is valid"))
            .collect();
        let texts = parsed.iter().map(|e| e.text.clone()).collect();
        let vectors = embedder.embed_documents(texts).await?;
        let exemplars = parsed
            .iter()
            .zip(vectors)
            .map(|(e, v)| {
                let route = Route::parse(&e.route).expect("exemplar routes are known");
                (route, v)
            })
            .collect();
        Ok(Self {
            embedder,
            exemplars,
        })
    }

    /// The route of a customer message (PII is masked before embedding).
    pub async fn route(&self, text: &str) -> Result<Routing, EmbedError> {
        if ABUSE.is_match(text) {
            return Ok(Routing {
                route: Route::Abusive,
                confidence: 1.0,
                by: "rule",
            });
        }
        if HUMAN.is_match(text) {
            return Ok(Routing {
                route: Route::HumanRequest,
                confidence: 1.0,
                by: "rule",
            });
        }
        let masked = frontdesk_redact::pii::mask(text.trim());
        let query = self.embedder.embed_query(&masked).await?;
        let mut best = (Route::OutOfScope, f32::MIN);
        for route in Route::ALL {
            let mut sims: Vec<f32> = self
                .exemplars
                .iter()
                .filter(|(r, _)| *r == route)
                .map(|(_, v)| dot(v, &query))
                .collect();
            sims.sort_by(|a, b| b.total_cmp(a));
            let top: Vec<f32> = sims.into_iter().take(2).collect();
            if top.is_empty() {
                continue;
            }
            let mut score = top.iter().sum::<f32>() / top.len() as f32;
            if CUES.iter().any(|(r, re)| *r == route && re.is_match(text)) {
                score += CUE_BONUS;
            }
            if score > best.1 {
                best = (route, score);
            }
        }
        Ok(Routing {
            route: best.0,
            confidence: best.1,
            by: "embedding",
        })
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
