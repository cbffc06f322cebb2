//! Tickets: one trait, two back ends (the built-in `tickets` table and an outgoing
//! helpdesk webhook). Creating a ticket is idempotent per thread and reason.
//!
//! The `tickets` table is always the system of record (`builtin.rs`); the webhook back
//! end (`webhook.rs`) stores first and then forwards, so a helpdesk outage never loses
//! a ticket. [`ticket_backend`] picks one by config.

pub mod builtin;
pub mod webhook;

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use uuid::Uuid;

pub use builtin::BuiltinTickets;
pub use frontdesk_api::Priority;
pub use webhook::WebhookTickets;

use crate::config::{TicketBackendKind, TicketsConfig};

/// What to open a ticket about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewTicket {
    pub thread_id: Option<Uuid>,
    /// Why the ticket exists (`customer_request`, `abusive`, `sla_degraded`, ...); with
    /// `thread_id` it is the idempotency key.
    pub reason: String,
    pub email: Option<String>,
    pub subject: String,
    pub body: String,
    pub priority: Priority,
}

/// A ticket as created (or found, when it already existed for the thread and reason).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    pub id: Uuid,
    /// Human-facing number ("#1001").
    pub number: i64,
    pub status: String,
    pub priority: String,
    pub thread_id: Option<Uuid>,
    /// Id in the external helpdesk, when one is used.
    pub external_id: Option<String>,
    /// False when an earlier call already created it.
    pub created: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum TicketError {
    #[error("ticket store: {0}")]
    Db(#[from] sqlx::Error),
    #[error("helpdesk: {0}")]
    Remote(String),
    /// The configured back end cannot work (missing URL).
    #[error("tickets config: {0}")]
    Config(String),
}

/// Where tickets go.
#[async_trait::async_trait]
pub trait TicketBackend: Send + Sync {
    fn name(&self) -> &'static str;
    async fn create(&self, ticket: &NewTicket) -> Result<Ticket, TicketError>;
}

/// The back end `config.backend` names, ready to share between tasks.
pub fn ticket_backend(
    config: &TicketsConfig,
    pool: PgPool,
) -> Result<Arc<dyn TicketBackend>, TicketError> {
    Ok(match config.backend {
        TicketBackendKind::Builtin => Arc::new(BuiltinTickets::new(pool)),
        TicketBackendKind::Webhook => Arc::new(WebhookTickets::new(&config.webhook, pool)?),
    })
}
