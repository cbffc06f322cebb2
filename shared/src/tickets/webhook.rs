//! Webhook ticket back end: the ticket is stored in the `tickets` table first (its
//! number and the per-thread idempotency come from there), then a newly created one
//! is POSTed to the helpdesk as a Zendesk-style `{"ticket": {...}}` body.
//!
//! The helpdesk's answer decides `delivery_status`: `delivered` (with its `ticket.id`
//! kept in `external_id`) or `failed` (with the reason in `delivery_error`). Either
//! way `create` returns the local ticket: an outage at the helpdesk loses nothing.

use std::time::Duration;

use reqwest::Url;
use serde::Serialize;
use serde_json::Value;
use sqlx::PgPool;

use super::{BuiltinTickets, NewTicket, Ticket, TicketBackend, TicketError};
use crate::config::{redact_url_password, Secret, TicketWebhookConfig};

/// Characters of the helpdesk's error body kept in `delivery_error`.
const ERROR_BODY_CHARS: usize = 200;

#[derive(Debug)]
pub struct WebhookTickets {
    store: BuiltinTickets,
    http: reqwest::Client,
    url: String,
    token: Secret,
    timeout_ms: u64,
}

#[derive(Serialize)]
struct Envelope<'a> {
    ticket: Body<'a>,
}

#[derive(Serialize)]
struct Body<'a> {
    subject: &'a str,
    comment: Comment<'a>,
    priority: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    requester: Option<Requester<'a>>,
    external_id: String,
    tags: [&'a str; 2],
}

#[derive(Serialize)]
struct Comment<'a> {
    body: &'a str,
}

#[derive(Serialize)]
struct Requester<'a> {
    email: &'a str,
}

impl WebhookTickets {
    pub fn new(config: &TicketWebhookConfig, pool: PgPool) -> Result<Self, TicketError> {
        let url = config.url.trim();
        if url.is_empty() {
            return Err(TicketError::Config(
                "tickets.backend is webhook but tickets.webhook.url is empty".into(),
            ));
        }
        if !Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https")) {
            return Err(TicketError::Config(format!(
                "tickets.webhook.url {:?} is not an http(s) URL",
                redact_url_password(url)
            )));
        }
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(config.timeout_ms))
            .build()
            .map_err(|e| TicketError::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Self {
            store: BuiltinTickets::new(pool),
            http,
            url: url.to_string(),
            token: config.token.clone(),
            timeout_ms: config.timeout_ms,
        })
    }

    /// POSTs the ticket; the helpdesk's id for it, when its answer names one.
    async fn deliver(
        &self,
        ticket: &Ticket,
        new: &NewTicket,
    ) -> Result<Option<String>, TicketError> {
        let body = Envelope {
            ticket: Body {
                subject: &new.subject,
                comment: Comment { body: &new.body },
                priority: new.priority.as_str(),
                requester: new.email.as_deref().map(|email| Requester { email }),
                external_id: ticket.id.to_string(),
                tags: ["frontdesk", &new.reason],
            },
        };
        let mut request = self.http.post(&self.url).json(&body);
        if !self.token.is_empty() {
            request = request.bearer_auth(self.token.expose());
        }
        let response = request.send().await.map_err(|e| self.transport_error(e))?;
        let status = response.status();
        if !status.is_success() {
            let text = response.text().await.unwrap_or_default();
            let snippet: String = text.trim().chars().take(ERROR_BODY_CHARS).collect();
            return Err(TicketError::Remote(if snippet.is_empty() {
                format!("answered {status}")
            } else {
                format!("answered {status}: {snippet}")
            }));
        }
        // Zendesk answers {"ticket": {"id": 35436, ...}}; other webhooks may say nothing
        let answer: Value = response.json().await.unwrap_or(Value::Null);
        let id = answer
            .get("ticket")
            .and_then(|t| t.get("id"))
            .or_else(|| answer.get("id"));
        Ok(match id {
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
            _ => None,
        })
    }

    fn transport_error(&self, error: reqwest::Error) -> TicketError {
        TicketError::Remote(if error.is_timeout() {
            format!("no answer within {} ms", self.timeout_ms)
        } else {
            format!("cannot reach the helpdesk: {}", error.without_url())
        })
    }
}

#[async_trait::async_trait]
impl TicketBackend for WebhookTickets {
    fn name(&self) -> &'static str {
        "webhook"
    }

    async fn create(&self, new: &NewTicket) -> Result<Ticket, TicketError> {
        let mut ticket = self.store.store(new, Some("pending")).await?;
        if !ticket.created {
            return Ok(ticket);
        }
        match self.deliver(&ticket, new).await {
            Ok(external_id) => {
                sqlx::query(
                    "UPDATE tickets SET external_id = $2, delivery_status = 'delivered', \
                         delivery_error = NULL, delivered_at = now(), updated_at = now() \
                     WHERE id = $1",
                )
                .bind(ticket.id)
                .bind(&external_id)
                .execute(self.store.pool())
                .await?;
                tracing::info!(
                    ticket = ticket.number,
                    external_id = external_id.as_deref().unwrap_or(""),
                    reason = %new.reason,
                    "ticket opened and sent to the helpdesk"
                );
                ticket.external_id = external_id;
            }
            Err(error) => {
                sqlx::query(
                    "UPDATE tickets SET delivery_status = 'failed', delivery_error = $2, \
                         updated_at = now() \
                     WHERE id = $1",
                )
                .bind(ticket.id)
                .bind(error.to_string())
                .execute(self.store.pool())
                .await?;
                tracing::warn!(
                    ticket = ticket.number,
                    %error,
                    "ticket opened but the helpdesk did not take it; it is kept locally"
                );
            }
        }
        Ok(ticket)
    }
}
