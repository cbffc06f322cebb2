//! Order import from JSON Lines, one order per line (format in `jsonl.rs`).
//!
//! Upsert by `order_id`: a new id is inserted, a changed order is updated, an
//! identical one is left alone, so importing the same file twice changes nothing. A
//! line that is not a valid order is reported with its line number and reason and
//! skipped; only an unreadable file or an unreachable database stops the import.

use std::path::{Path, PathBuf};

use serde::Serialize;
use sqlx::types::Json;
use sqlx::PgPool;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, BufReader};

use super::jsonl::{parse_order, LineError};
use super::Order;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ImportSummary {
    /// Non-blank lines read.
    pub lines: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub failed: usize,
    /// One entry per failed line, in file order.
    pub problems: Vec<ImportProblem>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ImportProblem {
    /// 1-based line number in the file.
    pub line: usize,
    pub order_id: Option<String>,
    pub reason: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot open {}: {source}", path.display())]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read line {line}: {source}")]
    Read { line: usize, source: std::io::Error },
    #[error("order store: {0}")]
    Db(#[from] sqlx::Error),
}

/// What the upsert did with one order.
enum Outcome {
    Inserted,
    Updated,
    Unchanged,
}

/// Imports the JSON Lines file at `path`.
pub async fn import_file(pool: &PgPool, path: &Path) -> Result<ImportSummary, ImportError> {
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|source| ImportError::Open {
            path: path.to_path_buf(),
            source,
        })?;
    import_reader(pool, BufReader::new(file)).await
}

/// Imports JSON Lines from any reader (a file, stdin, a byte slice in tests).
pub async fn import_reader<R>(pool: &PgPool, mut reader: R) -> Result<ImportSummary, ImportError>
where
    R: AsyncBufRead + Unpin,
{
    let mut summary = ImportSummary::default();
    let mut buffer = Vec::new();
    let mut number = 0;
    loop {
        buffer.clear();
        number += 1;
        let read = reader
            .read_until(b'\n', &mut buffer)
            .await
            .map_err(|source| ImportError::Read {
                line: number,
                source,
            })?;
        if read == 0 {
            break;
        }
        let Ok(line) = std::str::from_utf8(&buffer) else {
            summary.lines += 1;
            summary.fail(
                number,
                LineError {
                    order_id: None,
                    reason: "not valid UTF-8".into(),
                },
            );
            continue;
        };
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            continue;
        }
        summary.lines += 1;
        let order = match parse_order(line) {
            Ok(order) => order,
            Err(error) => {
                summary.fail(number, error);
                continue;
            }
        };
        match upsert(pool, &order).await {
            Ok(Outcome::Inserted) => summary.inserted += 1,
            Ok(Outcome::Updated) => summary.updated += 1,
            Ok(Outcome::Unchanged) => summary.unchanged += 1,
            Err(error) if is_data_error(&error) => summary.fail(
                number,
                LineError {
                    order_id: Some(order.order_id),
                    reason: format!("refused by the database: {error}"),
                },
            ),
            Err(error) => return Err(error.into()),
        }
    }
    tracing::info!(
        lines = summary.lines,
        inserted = summary.inserted,
        updated = summary.updated,
        unchanged = summary.unchanged,
        failed = summary.failed,
        "order import done"
    );
    Ok(summary)
}

impl ImportSummary {
    fn fail(&mut self, line: usize, error: LineError) {
        self.failed += 1;
        self.problems.push(ImportProblem {
            line,
            order_id: error.order_id,
            reason: error.reason,
        });
    }
}

/// Inserts the order, or updates it when any field differs from the stored row.
async fn upsert(pool: &PgPool, order: &Order) -> Result<Outcome, sqlx::Error> {
    // `xmax = 0` holds for a row this statement inserted; no row back = nothing changed
    let inserted: Option<bool> = sqlx::query_scalar(
        "INSERT INTO orders (order_id, email, status, items, total, currency, carrier, \
             tracking_number, tracking_url, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5::numeric, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (order_id) DO UPDATE SET \
             email = EXCLUDED.email, status = EXCLUDED.status, items = EXCLUDED.items, \
             total = EXCLUDED.total, currency = EXCLUDED.currency, \
             carrier = EXCLUDED.carrier, tracking_number = EXCLUDED.tracking_number, \
             tracking_url = EXCLUDED.tracking_url, created_at = EXCLUDED.created_at, \
             updated_at = EXCLUDED.updated_at, imported_at = now() \
         WHERE (orders.email, orders.status, orders.items, orders.total, orders.currency, \
                orders.carrier, orders.tracking_number, orders.tracking_url, \
                orders.created_at, orders.updated_at) \
           IS DISTINCT FROM (EXCLUDED.email, EXCLUDED.status, EXCLUDED.items, \
                EXCLUDED.total, EXCLUDED.currency, EXCLUDED.carrier, \
                EXCLUDED.tracking_number, EXCLUDED.tracking_url, \
                EXCLUDED.created_at, EXCLUDED.updated_at) \
         RETURNING (xmax = 0)",
    )
    .bind(&order.order_id)
    .bind(&order.email)
    .bind(&order.status)
    .bind(Json(&order.items))
    .bind(&order.total)
    .bind(&order.currency)
    .bind(&order.carrier)
    .bind(&order.tracking_number)
    .bind(&order.tracking_url)
    .bind(order.created_at)
    .bind(order.updated_at)
    .fetch_optional(pool)
    .await?;
    Ok(match inserted {
        Some(true) => Outcome::Inserted,
        Some(false) => Outcome::Updated,
        None => Outcome::Unchanged,
    })
}

/// A value the database refuses (SQLSTATE class 22, data exception): the line's fault,
/// not the import's.
fn is_data_error(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.code().is_some_and(|c| c.starts_with("22")))
}
