//! What an LLM call cost, from the price table in `llm.prices`.
//!
//! Providers answer with dated model names (`gpt-4o-mini-2024-07-18`,
//! `claude-3-5-haiku-20241022`) while a price table names families, so a model is
//! priced by its exact entry, else by the longest entry it starts with. A model with
//! no price costs 0 and is warned about once per process.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, OnceLock};

use super::Usage;
use crate::config::ModelPrice;

/// The price that applies to `model`: the exact entry, else the longest prefix.
pub fn price_for<'a>(
    prices: &'a BTreeMap<String, ModelPrice>,
    model: &str,
) -> Option<&'a ModelPrice> {
    prices.get(model).or_else(|| {
        prices
            .iter()
            .filter(|(name, _)| !name.is_empty() && model.starts_with(name.as_str()))
            .max_by_key(|(name, _)| name.len())
            .map(|(_, price)| price)
    })
}

/// The cost of one call in US dollars; 0 for a model without a price.
pub fn cost_usd(prices: &BTreeMap<String, ModelPrice>, model: &str, usage: Usage) -> f64 {
    let Some(price) = price_for(prices, model) else {
        warn_unpriced_once(model);
        return 0.0;
    };
    (f64::from(usage.tokens_in) * price.input_per_mtok
        + f64::from(usage.tokens_out) * price.output_per_mtok)
        / 1_000_000.0
}

fn warn_unpriced_once(model: &str) {
    static WARNED: OnceLock<Mutex<BTreeSet<String>>> = OnceLock::new();
    let mut warned = WARNED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if warned.insert(model.to_string()) {
        tracing::warn!(
            model,
            "no price for this model in llm.prices; its calls count as free"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prices() -> BTreeMap<String, ModelPrice> {
        [
            ("gpt-4o", 2.5, 10.0),
            ("gpt-4o-mini", 0.15, 0.6),
            ("claude-3-5-haiku", 0.8, 4.0),
        ]
        .into_iter()
        .map(|(name, input, output)| {
            (
                name.to_string(),
                ModelPrice {
                    input_per_mtok: input,
                    output_per_mtok: output,
                },
            )
        })
        .collect()
    }

    #[track_caller]
    fn check(model: &str, tokens_in: u32, tokens_out: u32, expected: f64) {
        let cost = cost_usd(
            &prices(),
            model,
            Usage {
                tokens_in,
                tokens_out,
            },
        );
        assert!(
            (cost - expected).abs() < 1e-12,
            "{model}: expected {expected}, got {cost}"
        );
    }

    #[test]
    fn pricing_exact_match() {
        check("gpt-4o-mini", 1_000_000, 0, 0.15);
        check("gpt-4o", 1_000, 500, (1_000.0 * 2.5 + 500.0 * 10.0) / 1e6);
    }

    #[test]
    fn pricing_longest_prefix_wins() {
        check(
            "gpt-4o-mini-2024-07-18",
            2_000,
            1_000,
            (2_000.0 * 0.15 + 1_000.0 * 0.6) / 1e6,
        );
        check("gpt-4o-2024-08-06", 0, 1_000_000, 10.0);
        check(
            "claude-3-5-haiku-20241022",
            100,
            10,
            (100.0 * 0.8 + 10.0 * 4.0) / 1e6,
        );
    }

    #[test]
    fn pricing_unknown_model_is_free() {
        check("llama3.1:8b", 5_000, 5_000, 0.0);
        check("gpt-4", 5_000, 5_000, 0.0);
        check("", 5_000, 5_000, 0.0);
        assert!(price_for(&BTreeMap::new(), "gpt-4o").is_none());
    }

    #[test]
    fn pricing_zero_usage_costs_nothing() {
        check("gpt-4o", 0, 0, 0.0);
    }
}
