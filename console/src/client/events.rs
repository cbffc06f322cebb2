//! The live queue: `GET /admin/agent/events`, held open and reopened whenever it drops
//! (read with `eventsource-stream`).
//! Each reconnect sends `Last-Event-ID` with the last id received, so agentd replays
//! exactly what was missed; the wait between attempts doubles up to a ceiling (or
//! follows the server's `retry:`), and a stream that goes quiet for longer than a few
//! keep-alive intervals counts as dropped, since a dead TCP peer never says so.

use std::time::Duration;

use eventsource_stream::{EventStreamError, Eventsource as _};
use frontdesk_api::Backoff;
use futures_util::StreamExt as _;
use reqwest::header::{ACCEPT, CACHE_CONTROL};
use tokio::time::Instant;

use super::{Client, ClientError};

/// One event from the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveEvent {
    /// The id agentd gave it (`<ms>-<seq>`), the resume point after a reconnect.
    pub id: Option<String>,
    /// `event:`, e.g. `thread`.
    pub kind: String,
    /// The `data:` lines, usually one line of JSON.
    pub data: String,
}

impl LiveEvent {
    /// The thread it is about, when its data names one (`{"thread_id": ...}`; read
    /// leniently, so a change kind this console does not know still refreshes).
    pub fn thread_id(&self) -> Option<uuid::Uuid> {
        let value: serde_json::Value = serde_json::from_str(&self.data).ok()?;
        value.get("thread_id")?.as_str()?.parse().ok()
    }
}

/// What the event stream reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Live {
    Connected,
    Event(LiveEvent),
    /// Dropped (or could not connect); the next attempt is in `retry_in`.
    Lost {
        attempt: u32,
        retry_in: Duration,
        error: String,
    },
    /// agentd refused the token (401/403): the stream stops for good.
    Refused(ClientError),
}

/// How the stream comes back after a drop.
#[derive(Debug, Clone, Copy)]
pub struct Reconnect {
    /// The first wait; doubled for each failed attempt in a row.
    pub first: Duration,
    pub max: Duration,
    /// Silence after which the connection counts as dead (agentd sends a keep-alive
    /// every 15 s).
    pub idle: Duration,
    /// A connection that lasted this long resets the backoff; one that drops sooner
    /// keeps it growing, so a server that accepts and hangs up is not hammered.
    pub stable: Duration,
}

impl Default for Reconnect {
    fn default() -> Self {
        Self {
            first: Duration::from_millis(500),
            max: Duration::from_secs(30),
            idle: Duration::from_secs(45),
            stable: Duration::from_secs(10),
        }
    }
}

impl Reconnect {
    /// The wait before attempt `attempt` (1-based), from `first`.
    pub fn delay(&self, first: Duration, attempt: u32) -> Duration {
        Backoff::new(first, self.max).delay(attempt).min(self.max)
    }
}

impl Client {
    /// Follows the event stream until `emit` returns false (nobody listens any more)
    /// or agentd refuses the token.
    pub async fn follow(&self, policy: Reconnect, mut emit: impl FnMut(Live) -> bool) {
        let mut last_id: Option<String> = None;
        let mut attempt = 0u32;
        let mut first = policy.first;
        loop {
            let started = Instant::now();
            let error = match self.open_events(last_id.as_deref()).await {
                Ok(response) => {
                    if !emit(Live::Connected) {
                        return;
                    }
                    let events = chunks(response, policy.idle).eventsource();
                    let mut events = std::pin::pin!(events);
                    let reason = loop {
                        let event = match events.next().await {
                            None => break "agentd closed the event stream".to_string(),
                            Some(Err(EventStreamError::Transport(lost))) => break lost,
                            Some(Err(e)) => break format!("unreadable event stream: {e}"),
                            Some(Ok(event)) => event,
                        };
                        if let Some(retry) = event.retry {
                            first = retry.min(policy.max);
                        }
                        if !event.id.is_empty() {
                            last_id = Some(event.id.clone());
                        }
                        let live = LiveEvent {
                            id: last_id.clone(),
                            kind: event.event,
                            data: event.data,
                        };
                        if !emit(Live::Event(live)) {
                            return;
                        }
                    };
                    if started.elapsed() >= policy.stable {
                        attempt = 0;
                    }
                    reason
                }
                Err(e) if matches!(e.status(), Some(401 | 403)) => {
                    tracing::warn!(error = %e, "agentd refused the event stream");
                    emit(Live::Refused(e));
                    return;
                }
                Err(e) => e.to_string(),
            };
            attempt = attempt.saturating_add(1);
            let retry_in = policy.delay(first, attempt);
            tracing::info!(
                attempt,
                retry_in_ms = retry_in.as_millis() as u64,
                error,
                "event stream lost"
            );
            if !emit(Live::Lost {
                attempt,
                retry_in,
                error,
            }) {
                return;
            }
            tokio::time::sleep(retry_in).await;
        }
    }

    /// `GET /admin/agent/events` with `Accept: text/event-stream` and, when resuming,
    /// `Last-Event-ID`.
    async fn open_events(&self, last_id: Option<&str>) -> Result<reqwest::Response, ClientError> {
        let mut request = self
            .http
            .get(self.url("/admin/agent/events"))
            .bearer_auth(self.token.expose())
            .header(ACCEPT, "text/event-stream")
            .header(CACHE_CONTROL, "no-cache");
        if let Some(id) = last_id {
            request = request.header("last-event-id", id);
        }
        let response = request.send().await.map_err(|e| ClientError::network(&e))?;
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let text = response.text().await.unwrap_or_default();
        Err(ClientError::from_response(status.as_u16(), &text))
    }
}

/// The body's chunks; a stream quiet for longer than `idle` (agentd's keep-alives
/// stopped) or broken ends in an error saying so.
fn chunks(
    response: reqwest::Response,
    idle: Duration,
) -> impl futures_util::Stream<Item = Result<bytes::Bytes, String>> {
    futures_util::stream::unfold(Some(response), move |response| async move {
        let mut response = response?;
        Some(match tokio::time::timeout(idle, response.chunk()).await {
            Err(_) => (
                Err(format!("no word from agentd for {}s", idle.as_secs())),
                None,
            ),
            Ok(Err(e)) => (Err(ClientError::network(&e).to_string()), None),
            Ok(Ok(Some(bytes))) => (Ok(bytes), Some(response)),
            Ok(Ok(None)) => return None,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_ceiling() {
        let p = Reconnect::default();
        let ms = |a| p.delay(p.first, a).as_millis();
        assert_eq!(
            [ms(1), ms(2), ms(3), ms(7), ms(40)],
            [500, 1000, 2000, 30_000, 30_000]
        );
    }
}
