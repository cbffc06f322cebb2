//! Where live events go. An event is a courtesy to whoever watches: the stored message
//! or status is the record, so sending never fails a caller (a failure is logged).

use super::{EventBus, Topic};

#[async_trait::async_trait]
pub trait EventSink: Send + Sync {
    /// Sends `data` as a `kind` event on `topic`.
    async fn send(&self, topic: &Topic, kind: &str, data: serde_json::Value);
}

#[async_trait::async_trait]
impl EventSink for EventBus {
    async fn send(&self, topic: &Topic, kind: &str, data: serde_json::Value) {
        self.notify(topic, kind, data).await;
    }
}

/// A sink nobody listens to (benchmarks, tests of other things).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoEvents;

#[async_trait::async_trait]
impl EventSink for NoEvents {
    async fn send(&self, _topic: &Topic, _kind: &str, _data: serde_json::Value) {}
}
