//! The built-in order back end: the `orders` table, filled by `agentctl orders import`.

use chrono::{DateTime, Utc};
use sqlx::types::Json;
use sqlx::PgPool;

use super::{Order, OrderBackend, OrderError, OrderItem};

/// Columns of an [`Order`], the total as text so it keeps its two places.
const COLUMNS: &str = "order_id, email, status, items, total::text AS total, currency, \
     carrier, tracking_number, tracking_url, created_at, updated_at";

#[derive(Debug, Clone)]
pub struct BuiltinOrders {
    pool: PgPool,
}

impl BuiltinOrders {
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }
}

#[derive(sqlx::FromRow)]
struct OrderRow {
    order_id: String,
    email: String,
    status: String,
    items: Json<Vec<OrderItem>>,
    total: String,
    currency: String,
    carrier: Option<String>,
    tracking_number: Option<String>,
    tracking_url: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<OrderRow> for Order {
    fn from(row: OrderRow) -> Self {
        Order {
            order_id: row.order_id,
            email: row.email,
            status: row.status,
            items: row.items.0,
            total: row.total,
            currency: row.currency,
            carrier: row.carrier,
            tracking_number: row.tracking_number,
            tracking_url: row.tracking_url,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

#[async_trait::async_trait]
impl OrderBackend for BuiltinOrders {
    fn name(&self) -> &'static str {
        "builtin"
    }

    /// Without regard to case or a leading `#` (`w2611340` finds `#W2611340`); an exact
    /// match wins should two ids differ only in those.
    async fn find(&self, order_id: &str) -> Result<Option<Order>, OrderError> {
        let id = order_id.trim();
        let row: Option<OrderRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM orders \
             WHERE upper(ltrim(order_id, '#')) = upper(ltrim($1, '#')) \
             ORDER BY order_id = $1 DESC LIMIT 1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(Order::from))
    }

    async fn recent_for_email(&self, email: &str, limit: u32) -> Result<Vec<Order>, OrderError> {
        let rows: Vec<OrderRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM orders WHERE lower(email) = lower($1) \
             ORDER BY created_at DESC, order_id DESC LIMIT $2"
        ))
        .bind(email.trim())
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(Order::from).collect())
    }
}
