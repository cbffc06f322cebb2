//! Orders: one trait, two back ends (the built-in `orders` table and WooCommerce).
//!
//! Back ends only fetch; the identity rules (verified email, or order id and email
//! together for anonymous visitors) live in the `get_order` tool, so every back end
//! gets them the same way.
//!
//! `builtin.rs` reads the `orders` table, which `import.rs` fills from JSON Lines;
//! `woocommerce.rs` asks a shop's REST API; [`order_backend`] picks one by config.

pub mod builtin;
pub mod fields;
pub mod import;
mod jsonl;
pub mod woocommerce;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

pub use builtin::BuiltinOrders;
pub use jsonl::parse_order;
pub use woocommerce::WooCommerceOrders;

use crate::config::{OrderBackendKind, OrdersConfig};

/// One line item of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderItem {
    pub sku: String,
    pub name: String,
    pub quantity: u32,
    /// Unit price as a decimal string in the order's currency ("24.90").
    pub price: String,
}

/// An order as the shop knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Order {
    pub order_id: String,
    pub email: String,
    pub status: String,
    pub items: Vec<OrderItem>,
    /// Decimal string ("49.80").
    pub total: String,
    pub currency: String,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub tracking_url: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum OrderError {
    #[error("order store: {0}")]
    Db(#[from] sqlx::Error),
    #[error("order service: {0}")]
    Remote(String),
    /// The configured back end cannot work (missing URL or keys).
    #[error("orders config: {0}")]
    Config(String),
}

/// Where orders come from.
#[async_trait::async_trait]
pub trait OrderBackend: Send + Sync {
    /// Short name for logs and `/admin` (`builtin`, `woocommerce`).
    fn name(&self) -> &'static str;
    /// The order with this id, whoever it belongs to (the caller checks ownership).
    async fn find(&self, order_id: &str) -> Result<Option<Order>, OrderError>;
    /// The most recent orders placed with this email (case-insensitive), newest first.
    async fn recent_for_email(&self, email: &str, limit: u32) -> Result<Vec<Order>, OrderError>;
}

/// The back end `config.backend` names, ready to share between tasks.
pub fn order_backend(
    config: &OrdersConfig,
    pool: PgPool,
) -> Result<Arc<dyn OrderBackend>, OrderError> {
    Ok(match config.backend {
        OrderBackendKind::Builtin => Arc::new(BuiltinOrders::new(pool)),
        OrderBackendKind::Woocommerce => Arc::new(WooCommerceOrders::new(&config.woocommerce)?),
    })
}
