//! Reading a streamed (server-sent events) answer of a remote model, under the call's
//! deadline. Parsing is `eventsource-stream`'s — whole events however the network cuts
//! the bytes, a multi-byte character split across two reads included; a last event
//! whose closing blank line never came still counts.

use std::time::Duration;

use eventsource_stream::{EventStreamError, Eventsource as _};
use futures_util::StreamExt as _;
use tokio::time::Instant;

use super::BrainError;

/// Calls `on_event(event, data)` for each event of `response` until the body ends or
/// `on_event` returns `Ok(false)` (the model said it is done).
pub(super) async fn read_events(
    response: reqwest::Response,
    deadline: Instant,
    timeout: Duration,
    on_event: impl FnMut(&str, &str) -> Result<bool, BrainError>,
) -> Result<(), BrainError> {
    read_stream(chunks(response, deadline, timeout), on_event).await
}

/// [`read_events`] over any stream of byte chunks.
async fn read_stream(
    chunks: impl futures_util::Stream<Item = Result<bytes::Bytes, BrainError>>,
    mut on_event: impl FnMut(&str, &str) -> Result<bool, BrainError>,
) -> Result<(), BrainError> {
    let mut events = std::pin::pin!(chunks.eventsource());
    while let Some(event) = events.next().await {
        let event = event.map_err(|e| match e {
            EventStreamError::Transport(e) => e,
            other => {
                BrainError::Malformed(format!("the stream is not server-sent events: {other}"))
            }
        })?;
        if !on_event(&event.event, &event.data)? {
            return Ok(());
        }
    }
    Ok(())
}

/// The body's chunks until `deadline`, then a blank line that completes a last event
/// the server did not close.
fn chunks(
    response: reqwest::Response,
    deadline: Instant,
    timeout: Duration,
) -> impl futures_util::Stream<Item = Result<bytes::Bytes, BrainError>> {
    futures_util::stream::unfold(Some(response), move |response| async move {
        let mut response = response?;
        let next = tokio::time::timeout_at(deadline, response.chunk()).await;
        Some(match next {
            Err(_) => (Err(BrainError::Timeout(timeout)), None),
            Ok(Err(e)) if e.is_timeout() => (Err(BrainError::Timeout(timeout)), None),
            Ok(Err(e)) => {
                let e = BrainError::Transport(format!("the stream broke off: {}", e.without_url()));
                (Err(e), None)
            }
            Ok(Ok(Some(bytes))) => (Ok(bytes), Some(response)),
            Ok(Ok(None)) => (Ok(bytes::Bytes::from_static(b"\n\n")), None),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn read(chunks: &[&'static [u8]]) -> Vec<(String, String)> {
        let mut chunks: Vec<Result<bytes::Bytes, BrainError>> = chunks
            .iter()
            .map(|c| Ok(bytes::Bytes::from_static(c)))
            .collect();
        // what `chunks` appends when the body ends
        chunks.push(Ok(bytes::Bytes::from_static(b"\n\n")));
        let mut got = Vec::new();
        read_stream(futures_util::stream::iter(chunks), |event, data| {
            got.push((event.to_string(), data.to_string()));
            Ok(true)
        })
        .await
        .unwrap();
        got
    }

    #[tokio::test]
    async fn a_character_split_across_chunks_arrives_whole() {
        // "é" is C3 A9; "€" is E2 82 AC, split after its first and second byte
        let got = read(&[
            b"data: {\"t\":\"caf\xc3",
            b"\xa9 5 \xe2",
            b"\x82",
            b"\xac\"}\n\n",
        ])
        .await;
        assert_eq!(
            got,
            [("message".to_string(), r#"{"t":"café 5 €"}"#.to_string())]
        );
    }

    #[tokio::test]
    async fn named_events_and_a_last_event_without_its_blank_line() {
        let got = read(&[
            b"event: content_block_delta\r\ndata: {\"a\":1}\r\n\r\n: keep-alive\n\n",
            b"data: [DONE]",
        ])
        .await;
        assert_eq!(
            got,
            [
                ("content_block_delta".to_string(), r#"{"a":1}"#.to_string()),
                ("message".to_string(), "[DONE]".to_string()),
            ]
        );
    }
}
