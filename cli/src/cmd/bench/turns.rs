//! `agentctl bench turns`: per-turn overhead of everything but a remote LLM call
//! (orchestrator, offline brain, tools, retrieval, guardrails, persistence, memory),
//! measured on the configured database with the offline brain only.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use clap::Args;
use frontdesk::identity::Identity;
use frontdesk::orchestrator::{connect_redis, Agent, TurnRequest};

use crate::context::Context;
use crate::output;

/// Run N turns with the offline brain over a fixed mix of customer messages and print
/// latency percentiles. Needs the demo KB and demo orders (scripts/demo.sh loads both).
#[derive(Debug, Args)]
pub struct TurnsArgs {
    /// Number of turns
    #[arg(long, default_value_t = 500)]
    turns: usize,
    /// Print the figures as JSON
    #[arg(long)]
    json: bool,
}

const MIX: [&str; 8] = [
    "what's your return window?",
    "where is my order 1042? my email is maria.rossi@example.com",
    "do you ship to Austria and how much does it cost?",
    "is the classic kettle dishwasher safe?",
    "hi there!",
    "can I pay with PayPal?",
    "where is my order 1042? my email is nobody@example.com",
    "what's the capital of australia",
];

impl TurnsArgs {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        let mut config = ctx.config()?;
        // the offline brain only: this measures our own overhead, not a provider's
        config.llm = Default::default();
        config.agent.lookup_max_failures = u32::MAX;
        let pool = ctx.pool(&config).await?;
        let embedder = ctx.embedder(&config).await?;
        let redis = connect_redis(&config.redis)
            .await
            .context("connecting to Redis")?;
        // live events are left out: they cost the same Redis round trips in every
        // build, and a benchmark should not flood the console's queue
        let events = std::sync::Arc::new(frontdesk::events::NoEvents);
        let agent = Agent::from_config(&config, pool, embedder, redis, events).await?;
        let bar = output::progress(self.turns as u64, "turns", self.json);
        let mut latencies = Vec::with_capacity(self.turns);
        for n in 0..self.turns {
            let started = Instant::now();
            agent
                .turn(TurnRequest {
                    thread_id: None,
                    message: MIX[n % MIX.len()].into(),
                    channel: frontdesk_api::Channel::Web,
                    identity: Identity::anonymous(),
                    session_id: Some("bench".into()),
                    offline_only: false,
                    progress: Default::default(),
                })
                .await?;
            latencies.push(started.elapsed().as_secs_f64() * 1000.0);
            bar.inc(1);
        }
        bar.finish_and_clear();
        latencies.sort_by(f64::total_cmp);
        let pct = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p).round() as usize];
        let figures = serde_json::json!({
            "turns": latencies.len(),
            "p50_ms": pct(0.50),
            "p95_ms": pct(0.95),
            "p99_ms": pct(0.99),
            "max_ms": latencies.last().copied().unwrap_or_default(),
        });
        if self.json {
            output::print_json(&figures)?;
        } else {
            let mut table = output::table(&["turns", "p50", "p95", "p99", "max"]);
            table.add_row(vec![
                latencies.len().to_string(),
                output::ms(pct(0.50)),
                output::ms(pct(0.95)),
                output::ms(pct(0.99)),
                output::ms(*latencies.last().unwrap_or(&0.0)),
            ]);
            println!("{table}");
        }
        Ok(ExitCode::SUCCESS)
    }
}
