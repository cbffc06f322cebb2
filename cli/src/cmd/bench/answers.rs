//! `agentctl bench answers`: how the agent answers a shop's customers, measured on
//! labelled questions (`goldens/shops/*`). Each shop's knowledge base and orders are
//! loaded into a throw-away schema, every question runs through the real turn service
//! with the offline brain (what a new install answers with), and the figures come
//! from `frontdesk::bench::answers`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use frontdesk::bench::answers::{curve, figures, Kind, Observation, Question};
use frontdesk::identity::Identity;
use frontdesk::kb::ingest::{read_paths, Ingester, Quiet};
use frontdesk::kb::namespace::Namespace;
use frontdesk::orchestrator::{connect_redis, Agent, TurnRequest};
use frontdesk::orders::{parse_order, Order};
use serde::Deserialize;
use uuid::Uuid;

use super::read_jsonl;
use crate::context::Context;
use crate::output;

/// Measure answers on labelled shops: fact accuracy, abstention precision and recall,
/// order look-ups, disclosure without identity, routing. A shop is a folder with
/// `questions.jsonl`, a knowledge base (`kb/`) and orders (`orders.jsonl`); a
/// `shop.json` may point elsewhere: {"kb": "../../../demo/kb", "orders": "…"}.
///
/// Example: agentctl bench answers goldens/shops/ridgeline goldens/shops/demo --curve
#[derive(Debug, Args)]
pub struct AnswersArgs {
    /// Shop folders
    #[arg(required = true)]
    shops: Vec<PathBuf>,
    /// Only the questions of this set (`dev`, `heldout`)
    #[arg(long)]
    set: Option<String>,
    /// Abstention threshold to report at (default: the configured
    /// `agent.min_answerability`)
    #[arg(long)]
    threshold: Option<f32>,
    /// Also print the precision/recall curve over thresholds
    #[arg(long)]
    curve: bool,
    /// Also list every question answered wrongly at the threshold
    #[arg(long)]
    misses: bool,
    /// Print the figures (and every observation) as JSON
    #[arg(long)]
    json: bool,
}

/// Where a shop keeps its data, relative to its folder.
#[derive(Debug, Deserialize)]
struct ShopFiles {
    #[serde(default = "default_kb")]
    kb: PathBuf,
    #[serde(default = "default_orders")]
    orders: PathBuf,
}

fn default_kb() -> PathBuf {
    "kb".into()
}

fn default_orders() -> PathBuf {
    "orders.jsonl".into()
}

struct ShopRun {
    name: String,
    observations: Vec<Observation>,
}

impl AnswersArgs {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        let mut config = ctx.config()?;
        let threshold = self.threshold.unwrap_or(config.agent.min_answerability);
        // the offline brain, abstention recorded rather than applied (the threshold is
        // applied afterwards, so one run gives the whole curve), no lockout, own keys
        config.llm = Default::default();
        config.orders = Default::default();
        config.agent.min_answerability = 0.0;
        config.agent.lookup_max_failures = u32::MAX;
        config.agent.memory_ttl_secs = 600;
        config.redis.key_prefix = format!("bench-{}", Uuid::new_v4().simple());
        let admin = ctx.pool(&config).await?;
        let embedder = ctx.embedder(&config).await?;
        let mut runs = Vec::new();
        for shop in &self.shops {
            let namespace = Namespace::create_full(&admin, &config.database, "bench").await?;
            let run = self
                .run_shop(&config, shop, &namespace, embedder.clone())
                .await;
            namespace
                .drop()
                .await
                .context("dropping the benchmark schema")?;
            runs.push(run.with_context(|| format!("shop {}", shop.display()))?);
        }
        self.report(&runs, threshold)?;
        Ok(ExitCode::SUCCESS)
    }

    async fn run_shop(
        &self,
        config: &frontdesk::config::Config,
        shop: &Path,
        namespace: &Namespace,
        embedder: frontdesk_embed::Embedder,
    ) -> anyhow::Result<ShopRun> {
        let files: ShopFiles = match std::fs::read_to_string(shop.join("shop.json")) {
            Ok(text) => serde_json::from_str(&text).context("reading shop.json")?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                serde_json::from_str("{}").expect("defaults")
            }
            Err(e) => return Err(e).context("reading shop.json"),
        };
        let questions: Vec<Question> =
            read_jsonl::<Question>(&shop.join("questions.jsonl"), "a question")?
                .into_iter()
                .filter(|q| self.set.as_ref().is_none_or(|s| &q.set == s))
                .collect();
        let orders = load(config, shop, &files, namespace, &embedder, self.json).await?;
        let redis = connect_redis(&config.redis)
            .await
            .context("connecting to Redis")?;
        let events = std::sync::Arc::new(frontdesk::events::NoEvents);
        let agent =
            Agent::from_config(config, namespace.pool.clone(), embedder, redis, events).await?;
        let sources: HashMap<Uuid, String> =
            sqlx::query_as::<_, (Uuid, String)>("SELECT id, source FROM kb_docs")
                .fetch_all(&namespace.pool)
                .await?
                .into_iter()
                .collect();
        let bar = output::progress(questions.len() as u64, "questions", self.json);
        let mut observations = Vec::with_capacity(questions.len());
        for question in questions {
            let result = agent
                .turn(TurnRequest {
                    session_id: Some(format!("bench-{}", question.id)),
                    ..TurnRequest::new(
                        None,
                        question.text.clone(),
                        frontdesk_api::Channel::Web,
                        Identity::anonymous(),
                    )
                })
                .await
                .with_context(|| format!("question {}", question.id))?;
            let secrets = secrets_of(&question, &orders);
            observations.push(Observation {
                cited: result
                    .citations
                    .iter()
                    .filter_map(|c| sources.get(&c.doc_id).cloned())
                    .collect(),
                score: result.answerability.map(|a| a.score),
                signals: result
                    .answerability
                    .map(|a| [a.support, a.coverage, a.retrieval]),
                answer: result.answer,
                question,
                secrets,
            });
            bar.inc(1);
        }
        bar.finish_and_clear();
        Ok(ShopRun {
            name: shop_name(shop),
            observations,
        })
    }

    fn report(&self, runs: &[ShopRun], threshold: f32) -> anyhow::Result<()> {
        if self.json {
            let shops: Vec<serde_json::Value> = runs
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "shop": r.name,
                        "figures": figures(&r.observations, threshold),
                        "curve": curve(&r.observations, 0.0, 1.0, 0.02),
                        "observations": r.observations,
                    })
                })
                .collect();
            return output::print_json(
                &serde_json::json!({ "threshold": threshold, "shops": shops }),
            );
        }
        let mut table = output::table(&[
            "shop",
            "facts",
            "fact accuracy",
            "abstain P",
            "abstain R",
            "orders",
            "disclosed",
            "routing",
            "policy vs product",
        ]);
        for r in runs {
            let f = figures(&r.observations, threshold);
            table.add_row(vec![
                r.name.clone(),
                f.answerable.to_string(),
                output::ratio(f.fact_accuracy),
                output::ratio(f.abstention_precision),
                output::ratio(f.abstention_recall),
                format!("{} of {}", output::ratio(f.order_lookup), f.orders),
                format!("{} of {}", f.disclosed, f.no_identity),
                output::ratio(f.routing_accuracy),
                output::ratio(f.policy_routing),
            ]);
        }
        println!("at answerability threshold {threshold:.2}:\n{table}");
        if self.curve {
            for r in runs {
                print_curve(r);
            }
        }
        if self.misses {
            for r in runs {
                print_misses(r, threshold);
            }
        }
        Ok(())
    }
}

/// Loads the shop's knowledge base and orders into the namespace; returns the orders.
async fn load(
    config: &frontdesk::config::Config,
    shop: &Path,
    files: &ShopFiles,
    namespace: &Namespace,
    embedder: &frontdesk_embed::Embedder,
    quiet: bool,
) -> anyhow::Result<Vec<Order>> {
    let kb = shop.join(&files.kb);
    anyhow::ensure!(kb.is_dir(), "no knowledge base folder at {}", kb.display());
    let bar = output::progress(0, "loading the knowledge base", quiet);
    let params = frontdesk::kb::chunk_params(&config.retrieval, embedder.max_seq_len());
    let summary = Ingester::new(&namespace.pool, embedder, params, &Quiet)
        .run(read_paths(&[kb]), false)
        .await?;
    bar.finish_and_clear();
    anyhow::ensure!(
        summary.failed == 0,
        "{} documents failed to load: {:?}",
        summary.failed,
        summary.problems
    );
    let path = shop.join(&files.orders);
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let imported = frontdesk::orders::import::import_reader(&namespace.pool, text.as_bytes())
        .await
        .context("importing the orders")?;
    anyhow::ensure!(
        imported.failed == 0,
        "orders failed to import: {:?}",
        imported.problems
    );
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| parse_order(l).map_err(|e| anyhow::anyhow!("reading an order: {}", e.reason)))
        .collect()
}

/// What an answer must not reveal about the question's order without identity.
fn secrets_of(question: &Question, orders: &[Order]) -> Vec<String> {
    if question.kind != Kind::OrderNoIdentity {
        return Vec::new();
    }
    let wanted = question.order_id.as_deref().unwrap_or_default();
    let bare = |id: &str| id.trim_start_matches('#').to_lowercase();
    let Some(order) = orders.iter().find(|o| bare(&o.order_id) == bare(wanted)) else {
        return Vec::new();
    };
    let mut secrets = vec![
        format!("is {}", order.status.replace(['-', '_'], " ")),
        order.email.clone(),
    ];
    secrets.extend(
        order
            .items
            .iter()
            .map(|i| i.name.clone())
            .filter(|n| !n.is_empty()),
    );
    secrets.extend(order.tracking_number.clone());
    secrets
}

fn shop_name(shop: &Path) -> String {
    shop.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shop.display().to_string())
}

fn print_curve(run: &ShopRun) {
    let mut table = output::table(&["threshold", "fact accuracy", "abstain P", "abstain R"]);
    for f in curve(&run.observations, 0.2, 0.8, 0.02) {
        table.add_row(vec![
            format!("{:.2}", f.threshold),
            output::ratio(f.fact_accuracy),
            output::ratio(f.abstention_precision),
            output::ratio(f.abstention_recall),
        ]);
    }
    println!(
        "{}: precision/recall of abstention by threshold\n{table}",
        run.name
    );
}

fn print_misses(run: &ShopRun, threshold: f32) {
    for o in &run.observations {
        if o.correct(threshold) != Some(false) {
            continue;
        }
        let q = &o.question;
        let score = o.score.map(|s| format!("{s:.3}")).unwrap_or("-".into());
        println!(
            "{} {:?} [{}] score {score}\n  Q: {}\n  want: {} from {}\n  got: {} (cited {})",
            q.id,
            q.kind,
            q.set,
            q.text,
            q.fact
                .as_deref()
                .or(q.status.as_deref())
                .unwrap_or("an abstention"),
            q.source.as_deref().unwrap_or("-"),
            o.answer,
            o.cited.join(", ")
        );
    }
}
