//! `agentctl orders import FILE [--json]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use frontdesk::config::OrderBackendKind;
use frontdesk::orders::import::{import_file, import_reader, ImportSummary};

use crate::context::Context;
use crate::output;

/// Problems listed in the table; `--json` lists them all.
const SHOWN_PROBLEMS: usize = 50;

/// Import orders from a JSON Lines file into the built-in order store
///
/// One order per line, e.g.
///   {"order_id": "1042", "email": "maria.rossi@example.com", "status": "shipped",
///    "items": [{"sku": "CK-COF-030", "name": "Ceramic Pour-Over Set", "quantity": 1,
///    "price": "49.00"}], "total": "58.95", "currency": "EUR", "carrier": "DHL",
///    "tracking_number": "JJD000390010421", "tracking_url": "https://...",
///    "created_at": "2026-11-03T08:41:17Z", "updated_at": "2026-11-03T16:05:02Z"}
///
/// Required: order_id, email, status, total, currency, created_at (RFC 3339). Optional:
/// items, carrier, tracking_number, tracking_url, updated_at (default: created_at).
/// Amounts may be numbers or strings with at most 2 decimals; other fields are ignored.
///
/// Orders are upserted by order_id: importing the same file again changes nothing. A
/// bad line is reported with its line number and skipped. Exit status: 0 when every
/// line was imported, 2 when some failed.
///
/// Examples:
///   agentctl orders import demo/orders.jsonl
///   shop-export | agentctl orders import - --json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ImportArgs {
    /// JSON Lines file, or - for standard input
    file: PathBuf,
    /// Print the summary as JSON instead of a table
    #[arg(long)]
    json: bool,
}

impl ImportArgs {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        let config = ctx.config()?;
        let pool = ctx.pool(&config).await?;
        if config.orders.backend != OrderBackendKind::Builtin {
            eprintln!(
                "note: orders.backend is not builtin; the agent will not read imported orders"
            );
        }
        let summary = if self.file == Path::new("-") {
            let input = read_stdin().await.context("reading standard input")?;
            import_reader(&pool, input.as_slice()).await
        } else {
            import_file(&pool, &self.file).await
        }
        .with_context(|| format!("importing orders from {}", self.file.display()))?;

        if self.json {
            output::print_json(&summary)?;
        } else {
            print_summary(&summary);
        }
        Ok(if summary.failed > 0 {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        })
    }
}

async fn read_stdin() -> anyhow::Result<Vec<u8>> {
    tokio::task::spawn_blocking(|| {
        let mut input = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut input)?;
        Ok(input)
    })
    .await?
}

fn print_summary(s: &ImportSummary) {
    let mut table = output::table(&["lines", "inserted", "updated", "unchanged", "failed"]);
    table.add_row(vec![s.lines, s.inserted, s.updated, s.unchanged, s.failed]);
    println!("{table}");
    if !s.problems.is_empty() {
        let mut problems = output::table(&["line", "order", "reason"]);
        for p in s.problems.iter().take(SHOWN_PROBLEMS) {
            problems.add_row(vec![
                p.line.to_string(),
                p.order_id.clone().unwrap_or_else(|| "-".into()),
                p.reason.clone(),
            ]);
        }
        println!("{problems}");
        if s.problems.len() > SHOWN_PROBLEMS {
            println!(
                "... and {} more (--json lists them all)",
                s.problems.len() - SHOWN_PROBLEMS
            );
        }
    }
}
