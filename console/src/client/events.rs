//! The live queue: `GET /admin/agent/events`, held open and reopened whenever it drops.
//! Each reconnect sends `Last-Event-ID` with the last id received, so agentd replays
//! exactly what was missed; the wait between attempts doubles up to a ceiling (or
//! follows the server's `retry:`), and a stream that goes quiet for longer than a few
//! keep-alive intervals counts as dropped, since a dead TCP peer never says so.

use std::time::Duration;

use reqwest::header::{ACCEPT, CACHE_CONTROL};
use tokio::time::Instant;

use super::sse::{Frame, LiveEvent, Parser};
use super::{Client, ClientError};

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
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1).min(16));
        first.saturating_mul(factor).min(self.max)
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
                Ok(mut response) => {
                    if !emit(Live::Connected) {
                        return;
                    }
                    let mut parser = Parser::resuming(last_id.clone());
                    let reason = loop {
                        let chunk = tokio::time::timeout(policy.idle, response.chunk()).await;
                        let bytes = match chunk {
                            Err(_) => {
                                break format!("no word from agentd for {}s", policy.idle.as_secs())
                            }
                            Ok(Err(e)) => break ClientError::network(&e).to_string(),
                            Ok(Ok(None)) => break "agentd closed the event stream".to_string(),
                            Ok(Ok(Some(bytes))) => bytes,
                        };
                        for frame in parser.feed(&bytes) {
                            match frame {
                                Frame::Event(event) => {
                                    if !emit(Live::Event(event)) {
                                        return;
                                    }
                                }
                                Frame::Retry(delay) => first = delay.min(policy.max),
                            }
                        }
                        last_id = parser.last_id().map(str::to_string);
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
