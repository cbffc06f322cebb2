//! The built-in ticket back end: rows in the `tickets` table, numbered from a
//! sequence (#1001, #1002, ...), one per thread and reason.

use sqlx::PgPool;
use uuid::Uuid;

use super::{NewTicket, Ticket, TicketBackend, TicketError};

/// Columns of a [`Ticket`].
const COLUMNS: &str = "id, number, status, priority, thread_id, external_id";

#[derive(Debug, Clone)]
pub struct BuiltinTickets {
    pool: PgPool,
}

#[derive(sqlx::FromRow)]
struct TicketRow {
    id: Uuid,
    number: i64,
    status: String,
    priority: String,
    thread_id: Option<Uuid>,
    external_id: Option<String>,
}

impl TicketRow {
    fn into_ticket(self, created: bool) -> Ticket {
        Ticket {
            id: self.id,
            number: self.number,
            status: self.status,
            priority: self.priority,
            thread_id: self.thread_id,
            external_id: self.external_id,
            created,
        }
    }
}

impl BuiltinTickets {
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Inserts the ticket, or returns the one that already exists for its thread and
    /// reason (`created: false`). `delivery` is the initial `delivery_status`: `None`
    /// for a ticket that stays here, `pending` for one a helpdesk is about to receive.
    pub async fn store(
        &self,
        ticket: &NewTicket,
        delivery: Option<&str>,
    ) -> Result<Ticket, TicketError> {
        let inserted: Option<TicketRow> = sqlx::query_as(&format!(
            "INSERT INTO tickets (id, thread_id, email, subject, body, priority, reason, \
                 delivery_status) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (thread_id, reason) \
                 WHERE thread_id IS NOT NULL AND reason IS NOT NULL DO NOTHING \
             RETURNING {COLUMNS}"
        ))
        .bind(Uuid::now_v7())
        .bind(ticket.thread_id)
        .bind(&ticket.email)
        .bind(&ticket.subject)
        .bind(&ticket.body)
        .bind(ticket.priority.as_str())
        .bind(&ticket.reason)
        .bind(delivery)
        .fetch_optional(&self.pool)
        .await?;
        if let Some(row) = inserted {
            return Ok(row.into_ticket(true));
        }
        // a conflict: the ticket of this thread and reason exists (rows are never
        // deleted; a deleted thread makes the insert fail on its foreign key instead)
        let existing: TicketRow = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM tickets WHERE thread_id = $1 AND reason = $2"
        ))
        .bind(ticket.thread_id)
        .bind(&ticket.reason)
        .fetch_one(&self.pool)
        .await?;
        Ok(existing.into_ticket(false))
    }
}

#[async_trait::async_trait]
impl TicketBackend for BuiltinTickets {
    fn name(&self) -> &'static str {
        "builtin"
    }

    async fn create(&self, ticket: &NewTicket) -> Result<Ticket, TicketError> {
        let stored = self.store(ticket, None).await?;
        if stored.created {
            tracing::info!(
                ticket = stored.number,
                reason = %ticket.reason,
                priority = ticket.priority.as_str(),
                "ticket opened"
            );
        }
        Ok(stored)
    }
}
