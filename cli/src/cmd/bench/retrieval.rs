//! `agentctl bench retrieval --beir DIR [--mode all|hybrid|bm25|vector] [--json]`

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use frontdesk::bench::beir::{evaluate, BeirDataset, ModeReport};
use frontdesk::config::FusionWeights;
use frontdesk::kb::ingest::{CollectionInput, Ingester, Quiet};
use frontdesk::kb::namespace::Namespace;
use frontdesk::kb::{Retriever, SearchMode};
use uuid::Uuid;

use crate::context::Context;
use crate::output;

/// Measure retrieval quality on a BEIR-format data set
///
/// DIR holds corpus.jsonl, queries.jsonl and qrels/test.tsv. The corpus is loaded into
/// a throw-away PostgreSQL schema (never mixed with the live knowledge base, dropped
/// afterwards), every judged query is run in each mode, and nDCG@10, recall@10,
/// recall@100, MRR@10 and query latency (p50/p95, query embedding cached) are printed.
///
/// Example: agentctl bench retrieval --beir data/covidfaq-beir --mode all
#[derive(Debug, Args)]
pub struct RetrievalArgs {
    /// BEIR-format folder
    #[arg(long, value_name = "DIR")]
    beir: PathBuf,
    /// Mode to measure, or all
    #[arg(long, default_value = "all", value_parser = ["all", "hybrid", "bm25", "vector"])]
    mode: String,
    /// Hybrid weights as CHUNK,HEADING,TEXT[,COVERAGE] (repeatable, to compare) (default: retrieval.fusion from the config)
    #[arg(long, value_name = "C,H,T[,COV]", value_parser = parse_weights)]
    fusion: Vec<FusionWeights>,
    /// Print the figures as JSON
    #[arg(long)]
    json: bool,
}

fn parse_weights(s: &str) -> Result<FusionWeights, String> {
    let parts: Vec<f32> = s
        .split(',')
        .map(|p| {
            p.trim()
                .parse::<f32>()
                .map_err(|_| format!("`{p}` is not a number"))
        })
        .collect::<Result<_, _>>()?;
    if parts.iter().any(|w| *w < 0.0) {
        return Err("weights must be non-negative".into());
    }
    match parts[..] {
        [chunk, heading, text] => Ok(FusionWeights {
            chunk,
            heading,
            text,
            ..FusionWeights::default()
        }),
        [chunk, heading, text, coverage] => Ok(FusionWeights {
            chunk,
            heading,
            text,
            coverage,
            ..FusionWeights::default()
        }),
        _ => Err("expected three or four numbers: CHUNK,HEADING,TEXT[,COVERAGE]".into()),
    }
}

impl RetrievalArgs {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        let config = ctx.config()?;
        let dataset = BeirDataset::load(&self.beir)
            .with_context(|| format!("loading {}", self.beir.display()))?;
        let admin = ctx.pool(&config).await?;
        let embedder = ctx.embedder(&config).await?;
        let namespace = Namespace::create(&admin, &config.database, "bench").await?;
        let result = self.measure(&config, &dataset, &namespace, embedder).await;
        namespace
            .drop()
            .await
            .context("dropping the benchmark schema")?;
        let reports = result?;

        if self.json {
            output::print_json(&serde_json::json!({
                "dataset": self.beir.display().to_string(),
                "corpus": dataset.corpus.len(),
                "queries": dataset.queries.len(),
                "results": reports,
            }))?;
            return Ok(ExitCode::SUCCESS);
        }
        println!(
            "{}: {} documents, {} judged queries",
            self.beir.display(),
            dataset.corpus.len(),
            dataset.queries.len()
        );
        let mut table = output::table(&[
            "mode",
            "nDCG@10",
            "recall@10",
            "recall@100",
            "MRR@10",
            "p50",
            "p95",
        ]);
        for (label, r) in &reports {
            table.add_row(vec![
                label.clone(),
                output::ratio(r.ndcg_at_10),
                output::ratio(r.recall_at_10),
                output::ratio(r.recall_at_100),
                output::ratio(r.mrr_at_10),
                output::ms(r.latency_p50_ms),
                output::ms(r.latency_p95_ms),
            ]);
        }
        println!("{table}");
        Ok(ExitCode::SUCCESS)
    }

    async fn measure(
        &self,
        config: &frontdesk::config::Config,
        dataset: &BeirDataset,
        namespace: &Namespace,
        embedder: frontdesk_embed::Embedder,
    ) -> anyhow::Result<Vec<(String, ModeReport)>> {
        let bar = output::progress(dataset.corpus.len() as u64, "load", self.json);
        let params = frontdesk::kb::chunk_params(&config.retrieval, embedder.max_seq_len());
        let input = CollectionInput {
            collection: "beir".into(),
            docs: dataset.corpus.clone(),
            problems: Vec::new(),
            complete: true,
        };
        let summary = Ingester::new(&namespace.pool, &embedder, params, &Quiet)
            .run(vec![input], false)
            .await?;
        bar.finish_and_clear();
        anyhow::ensure!(
            summary.failed == 0,
            "{} corpus documents failed to load",
            summary.failed
        );
        let ids: HashMap<Uuid, String> =
            sqlx::query_as::<_, (Uuid, String)>("SELECT id, source FROM kb_docs")
                .fetch_all(&namespace.pool)
                .await?
                .into_iter()
                .collect();

        // embed every query once so latencies compare retrieval, not the cache
        for (_, text) in &dataset.queries {
            embedder
                .embed_query(&frontdesk_redact::pii::mask(text.trim()))
                .await?;
        }
        let retriever = Retriever::new(namespace.pool.clone(), embedder, config.retrieval.clone());
        let mut runs: Vec<(String, SearchMode, FusionWeights)> = Vec::new();
        for mode in SearchMode::ALL {
            if self.mode != "all" && self.mode != mode.as_str() {
                continue;
            }
            if mode == SearchMode::Hybrid && !self.fusion.is_empty() {
                for w in &self.fusion {
                    runs.push((
                        format!("hybrid {},{},{},{}", w.chunk, w.heading, w.text, w.coverage),
                        mode,
                        *w,
                    ));
                }
            } else {
                runs.push((mode.as_str().to_string(), mode, config.retrieval.fusion));
            }
        }
        let mut reports = Vec::new();
        for (label, mode, weights) in runs {
            let bar = output::progress(dataset.queries.len() as u64, &label, self.json);
            let tick = {
                let bar = bar.clone();
                move || bar.inc(1)
            };
            let report = evaluate(
                &retriever.clone().with_fusion(weights),
                dataset,
                &ids,
                mode,
                &tick,
            )
            .await?;
            bar.finish_and_clear();
            reports.push((label, report));
        }
        Ok(reports)
    }
}
