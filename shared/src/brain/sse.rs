//! Reading a streamed (server-sent events) answer of a remote model: `event:` and
//! `data:` lines, one event per blank line, under the call's deadline.

use std::time::Duration;

use super::BrainError;

/// Calls `on_event(event, data)` for each event of `response` until the body ends or
/// `on_event` returns `Ok(false)` (the model said it is done).
pub(super) async fn read_events(
    mut response: reqwest::Response,
    deadline: tokio::time::Instant,
    timeout: Duration,
    mut on_event: impl FnMut(&str, &str) -> Result<bool, BrainError>,
) -> Result<(), BrainError> {
    let mut buffer = String::new();
    let mut event = String::new();
    let mut data = String::new();
    loop {
        let chunk = tokio::time::timeout_at(deadline, response.chunk())
            .await
            .map_err(|_| BrainError::Timeout(timeout))?
            .map_err(|e| {
                if e.is_timeout() {
                    BrainError::Timeout(timeout)
                } else {
                    BrainError::Transport(format!("the stream broke off: {}", e.without_url()))
                }
            })?;
        let Some(chunk) = chunk else {
            // a last event without its blank line still counts
            if !data.is_empty() {
                on_event(&event, &data)?;
            }
            return Ok(());
        };
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find('\n') {
            let line: String = buffer.drain(..=end).collect();
            let line = line.trim_end_matches(['\n', '\r']);
            if line.is_empty() {
                if !data.is_empty() && !on_event(&event, &data)? {
                    return Ok(());
                }
                event.clear();
                data.clear();
            } else if let Some(v) = line.strip_prefix("event:") {
                event = v.trim().to_string();
            } else if let Some(v) = line.strip_prefix("data:") {
                if !data.is_empty() {
                    data.push('\n');
                }
                data.push_str(v.strip_prefix(' ').unwrap_or(v));
            }
            // comments (":") and other fields are ignored, as the SSE format says
        }
    }
}
