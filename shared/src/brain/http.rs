//! The HTTP path both remote providers share: one POST under a deadline, non-2xx
//! answers turned into `BrainError::Http` with the provider's own message, and the
//! API key kept out of every error.

use std::time::Duration;

use serde::de::DeserializeOwned;

use super::{BrainError, Purpose};
use crate::config::{Secret, REDACTED};

/// Longest provider message kept in an error.
const MESSAGE_CHARS: usize = 300;

/// The client of one endpoint. Deadlines are per call (`post_json`), not per client.
pub(super) fn client() -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .build()
}

/// The call's deadline: the request's bound, tightened by the endpoint's (0 = none).
pub(super) fn deadline(request: Duration, endpoint_ms: u64) -> Duration {
    if endpoint_ms == 0 {
        request
    } else {
        request.min(Duration::from_millis(endpoint_ms))
    }
}

/// The purpose's temperature as the wire should show it (`0.2`, not the `f32`
/// widened to `0.20000000298023224`).
pub(super) fn temperature(purpose: Purpose) -> f64 {
    let shortest = purpose.temperature().to_string();
    shortest.parse().unwrap_or(f64::from(purpose.temperature()))
}

/// Sends `request` and reads a JSON body of type `T`, all within `timeout`.
pub(super) async fn post_json<T: DeserializeOwned>(
    request: reqwest::RequestBuilder,
    timeout: Duration,
    key: &Secret,
) -> Result<T, BrainError> {
    let call = async {
        let response = request
            .timeout(timeout)
            .send()
            .await
            .map_err(|e| transport(e, timeout, key))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| transport(e, timeout, key))?;
        Ok::<_, BrainError>((status, body))
    };
    let (status, body) = tokio::time::timeout(timeout, call)
        .await
        .map_err(|_| BrainError::Timeout(timeout))??;
    if !status.is_success() {
        let message = error_message(&body).unwrap_or_else(|| {
            status
                .canonical_reason()
                .unwrap_or("no message")
                .to_string()
        });
        return Err(BrainError::Http {
            status: status.as_u16(),
            message: redact(&message, key),
        });
    }
    serde_json::from_slice(&body).map_err(|e| BrainError::Malformed(e.to_string()))
}

/// Sends a streaming `request`: the response once its status is a success (its body
/// still to be read, by `timeout`'s deadline), or the provider's error.
pub(super) async fn post_stream(
    request: reqwest::RequestBuilder,
    timeout: Duration,
    key: &Secret,
) -> Result<(reqwest::Response, tokio::time::Instant), BrainError> {
    let deadline = tokio::time::Instant::now() + timeout;
    let response = tokio::time::timeout_at(deadline, request.send())
        .await
        .map_err(|_| BrainError::Timeout(timeout))?
        .map_err(|e| transport(e, timeout, key))?;
    let status = response.status();
    if !status.is_success() {
        let body = tokio::time::timeout_at(deadline, response.bytes())
            .await
            .map_err(|_| BrainError::Timeout(timeout))?
            .map_err(|e| transport(e, timeout, key))?;
        let message = error_message(&body).unwrap_or_else(|| {
            status
                .canonical_reason()
                .unwrap_or("no message")
                .to_string()
        });
        return Err(BrainError::Http {
            status: status.as_u16(),
            message: redact(&message, key),
        });
    }
    Ok((response, deadline))
}

fn transport(error: reqwest::Error, timeout: Duration, key: &Secret) -> BrainError {
    if error.is_timeout() {
        return BrainError::Timeout(timeout);
    }
    // reqwest's own text is generic ("error sending request"); the innermost cause says why.
    let mut cause = std::error::Error::source(&error);
    while let Some(deeper) = cause.and_then(std::error::Error::source) {
        cause = Some(deeper);
    }
    let cause = cause.map(ToString::to_string);
    let mut message = error.without_url().to_string();
    if let Some(cause) = cause {
        message = format!("{message}: {cause}");
    }
    BrainError::Transport(redact(&message, key))
}

/// The provider's own explanation: `error.message` (OpenAI and Anthropic), `error` as a
/// string, `message` or `detail` (vLLM, Ollama and other servers), else the body text.
fn error_message(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let from_json = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|value| {
            let candidates = [
                value.pointer("/error/message"),
                value.get("error"),
                value.get("message"),
                value.get("detail"),
            ];
            candidates
                .into_iter()
                .flatten()
                .find_map(|v| v.as_str().map(str::to_string))
        });
    let message = from_json.unwrap_or_else(|| text.trim().to_string());
    let message: String = message.chars().take(MESSAGE_CHARS).collect();
    (!message.is_empty()).then_some(message)
}

/// Replaces the key wherever it appears (a provider may echo it back).
fn redact(message: &str, key: &Secret) -> String {
    if key.is_empty() {
        message.to_string()
    } else {
        message.replace(key.expose(), REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(body: &str, expected: Option<&str>) {
        assert_eq!(error_message(body.as_bytes()).as_deref(), expected);
    }

    #[test]
    fn brain_reads_provider_error_messages() {
        check(
            r#"{"error":{"message":"model not found","type":"invalid_request_error"}}"#,
            Some("model not found"),
        );
        check(
            r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#,
            Some("Overloaded"),
        );
        check(
            r#"{"error":"model 'x' not found"}"#,
            Some("model 'x' not found"),
        );
        check(r#"{"detail":"bad request"}"#, Some("bad request"));
        check(
            "  upstream connect error \n",
            Some("upstream connect error"),
        );
        check("", None);
    }

    #[test]
    fn brain_redacts_the_key() {
        let key = Secret::new("sk-live-123");
        assert_eq!(
            redact("Incorrect API key provided: sk-live-123.", &key),
            "Incorrect API key provided: [redacted]."
        );
        assert_eq!(redact("no key here", &Secret::new("")), "no key here");
    }

    #[test]
    fn brain_deadline_is_the_tighter_bound() {
        let second = Duration::from_secs(1);
        assert_eq!(deadline(second, 500), Duration::from_millis(500));
        assert_eq!(deadline(second, 5_000), second);
        assert_eq!(deadline(second, 0), second);
    }

    #[test]
    fn brain_temperature_is_exact_on_the_wire() {
        assert_eq!(
            serde_json::json!(temperature(Purpose::Route)).to_string(),
            "0.2"
        );
        assert_eq!(
            serde_json::json!(temperature(Purpose::Draft)).to_string(),
            "0.5"
        );
    }
}
