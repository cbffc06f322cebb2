//! `agentctl bench routing`: the offline brain's routing accuracy on a labelled set.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use frontdesk::brain::offline::{Route, Router};

use crate::context::Context;
use crate::output;

/// Route every message of a labelled JSON Lines set (`{"text", "route"}` per line) and
/// print accuracy per route.
#[derive(Debug, Args)]
pub struct RoutingArgs {
    /// The labelled set
    #[arg(long, default_value = "goldens/routing/messages.jsonl")]
    goldens: PathBuf,
    /// Print the figures as JSON
    #[arg(long)]
    json: bool,
}

#[derive(serde::Deserialize)]
struct Case {
    text: String,
    route: String,
}

impl RoutingArgs {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        let config = ctx.config()?;
        let text = std::fs::read_to_string(&self.goldens)
            .with_context(|| format!("reading {}", self.goldens.display()))?;
        let mut cases = Vec::new();
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let case: Case = serde_json::from_str(line).with_context(|| {
                format!("{}:{}: not a labelled case", self.goldens.display(), n + 1)
            })?;
            let route = Route::parse(&case.route).with_context(|| {
                format!(
                    "{}:{}: unknown route `{}`",
                    self.goldens.display(),
                    n + 1,
                    case.route
                )
            })?;
            cases.push((case.text, route));
        }
        let router = Router::new(ctx.embedder(&config).await?).await?;
        let mut per_route: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
        for (text, expected) in &cases {
            let got = router.route(text).await?;
            let e = per_route.entry(expected.as_str()).or_default();
            e.1 += 1;
            if got.route == *expected {
                e.0 += 1;
            }
        }
        let correct: u32 = per_route.values().map(|v| v.0).sum();
        let accuracy = correct as f64 / cases.len().max(1) as f64;
        if self.json {
            output::print_json(
                &serde_json::json!({ "cases": cases.len(), "accuracy": accuracy, "per_route": per_route }),
            )?;
        } else {
            let mut table = output::table(&["route", "correct", "cases", "accuracy"]);
            for (route, (ok, n)) in &per_route {
                table.add_row(vec![
                    route.to_string(),
                    ok.to_string(),
                    n.to_string(),
                    output::ratio(*ok as f64 / *n as f64),
                ]);
            }
            table.add_row(vec![
                "all".into(),
                correct.to_string(),
                cases.len().to_string(),
                output::ratio(accuracy),
            ]);
            println!("{table}");
        }
        Ok(ExitCode::SUCCESS)
    }
}
