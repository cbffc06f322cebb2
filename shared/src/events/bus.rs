//! The event bus in Redis: live events of conversations and of the human queue,
//! shared by every agentd process.
//!
//! Each event is appended to a capped Redis Stream per topic — the record a
//! reconnecting client replays from, by event id (`Last-Event-ID`) — and then
//! announced on a Redis pub/sub channel, which only wakes listeners up: whoever is
//! woken reads the stream after the last id it delivered. So a missed announcement
//! (a Redis blip, a slow client) delays an event but never loses or reorders one.

use std::time::Duration;

use redis::aio::ConnectionManager;
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;
use uuid::Uuid;

/// Events kept per topic for replay.
const STREAM_MAX_LEN: usize = 500;
/// A topic's stream expires this long after its last event.
const STREAM_TTL_SECS: i64 = 7 * 86_400;

/// What an event is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Topic {
    Thread(Uuid),
    /// The human support queue: threads waiting, claimed, resolved.
    Queue,
}

impl Topic {
    fn name(&self) -> String {
        match self {
            Self::Thread(id) => format!("thread:{id}"),
            Self::Queue => "queue".into(),
        }
    }

    fn parse(name: &str) -> Option<Self> {
        if name == "queue" {
            return Some(Self::Queue);
        }
        name.strip_prefix("thread:")
            .and_then(|id| id.parse().ok())
            .map(Self::Thread)
    }
}

/// One event as delivered: its stream id, kind (`message`, `status`, `typing`, ...)
/// and JSON payload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub kind: String,
    pub data: serde_json::Value,
}

/// Stream ids (`<ms>-<seq>`) in order; `None` for text that is not one.
pub fn parse_id(id: &str) -> Option<(u64, u64)> {
    let (ms, seq) = id.split_once('-')?;
    Some((ms.parse().ok()?, seq.parse().ok()?))
}

#[derive(Clone)]
pub struct EventBus {
    redis: ConnectionManager,
    client: redis::Client,
    prefix: String,
    wake: broadcast::Sender<Topic>,
}

impl std::fmt::Debug for EventBus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventBus")
            .field("prefix", &self.prefix)
            .finish()
    }
}

impl EventBus {
    /// A bus on `client` (for the pub/sub connection) and `redis` (for everything else).
    /// Call [`EventBus::listen`] once per process to hear other processes' events.
    pub fn new(client: redis::Client, redis: ConnectionManager, prefix: &str) -> Self {
        let (wake, _) = broadcast::channel(1024);
        Self {
            redis,
            client,
            prefix: prefix.to_string(),
            wake,
        }
    }

    /// The bus of the configured Redis (`redis.url`, `redis.key_prefix`).
    pub fn from_config(
        config: &crate::config::RedisConfig,
        redis: ConnectionManager,
    ) -> Result<Self, redis::RedisError> {
        let client = redis::Client::open(config.url.expose())?;
        Ok(Self::new(client, redis, &config.key_prefix))
    }

    fn stream_key(&self, topic: &Topic) -> String {
        format!("{}:events:{}", self.prefix, topic.name())
    }

    fn channel(&self, topic: &Topic) -> String {
        format!("{}:wake:{}", self.prefix, topic.name())
    }

    /// Records and announces an event; returns its id. One round trip: the stream
    /// entry, its expiry and the wake-up go in one atomic pipeline (the wake-up carries
    /// no data; listeners read the stream after the last id they delivered).
    pub async fn publish(
        &self,
        topic: &Topic,
        kind: &str,
        data: &serde_json::Value,
    ) -> Result<String, redis::RedisError> {
        let key = self.stream_key(topic);
        let mut redis = self.redis.clone();
        let (id,): (String,) = redis::pipe()
            .atomic()
            .cmd("XADD")
            .arg(&key)
            .arg("MAXLEN")
            .arg("~")
            .arg(STREAM_MAX_LEN)
            .arg("*")
            .arg("kind")
            .arg(kind)
            .arg("data")
            .arg(data.to_string())
            .cmd("EXPIRE")
            .arg(&key)
            .arg(STREAM_TTL_SECS)
            .ignore()
            .cmd("PUBLISH")
            .arg(self.channel(topic))
            .arg("")
            .ignore()
            .query_async(&mut redis)
            .await?;
        // listeners in this process hear it at once, even without the pub/sub round trip
        let _ = self.wake.send(topic.clone());
        Ok(id)
    }

    /// Like [`EventBus::publish`], for callers where an event is a courtesy: a failure is
    /// logged, never passed on (the stored message or status is the record).
    pub async fn notify(&self, topic: &Topic, kind: &str, data: serde_json::Value) {
        if let Err(error) = self.publish(topic, kind, &data).await {
            tracing::warn!(%error, kind, "could not publish a live event");
        }
    }

    /// Events of `topic` after `after` (all kept ones when `None`), oldest first.
    pub async fn since(
        &self,
        topic: &Topic,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Event>, redis::RedisError> {
        let start = match after.and_then(parse_id) {
            Some((ms, seq)) => format!("({ms}-{seq}"),
            None => "-".to_string(),
        };
        let mut redis = self.redis.clone();
        let rows: Vec<(String, Vec<(String, String)>)> = redis::cmd("XRANGE")
            .arg(self.stream_key(topic))
            .arg(start)
            .arg("+")
            .arg("COUNT")
            .arg(limit.max(1))
            .query_async(&mut redis)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, fields)| {
                let mut kind = String::new();
                let mut data = serde_json::Value::Null;
                for (k, v) in fields {
                    match k.as_str() {
                        "kind" => kind = v,
                        "data" => {
                            data = serde_json::from_str(&v).unwrap_or(serde_json::Value::Null)
                        }
                        _ => {}
                    }
                }
                Event { id, kind, data }
            })
            .collect())
    }

    /// The id of the newest event of `topic` (to start a live-only subscription).
    pub async fn last_id(&self, topic: &Topic) -> Result<Option<String>, redis::RedisError> {
        let mut redis = self.redis.clone();
        let rows: Vec<(String, Vec<(String, String)>)> = redis::cmd("XREVRANGE")
            .arg(self.stream_key(topic))
            .arg("+")
            .arg("-")
            .arg("COUNT")
            .arg(1)
            .query_async(&mut redis)
            .await?;
        Ok(rows.into_iter().next().map(|(id, _)| id))
    }

    /// Wake-ups: a topic whose stream may have new events.
    pub fn wake_ups(&self) -> broadcast::Receiver<Topic> {
        self.wake.subscribe()
    }

    /// Forwards other processes' announcements to [`EventBus::wake_ups`] until
    /// `shutdown` resolves, reconnecting after Redis failures.
    pub async fn listen(&self, shutdown: impl std::future::Future<Output = ()>) {
        use futures_util::StreamExt as _;
        let pattern = format!("{}:wake:*", self.prefix);
        let strip = format!("{}:wake:", self.prefix);
        let mut shutdown = std::pin::pin!(shutdown);
        let backoff =
            frontdesk_api::Backoff::new(Duration::from_millis(200), Duration::from_secs(5));
        let mut failures = 0;
        loop {
            let session = async {
                let mut pubsub = self.client.get_async_pubsub().await?;
                pubsub.psubscribe(&pattern).await?;
                let mut messages = pubsub.on_message();
                while let Some(msg) = messages.next().await {
                    if let Some(topic) = msg
                        .get_channel_name()
                        .strip_prefix(&strip)
                        .and_then(Topic::parse)
                    {
                        let _ = self.wake.send(topic);
                    }
                }
                Ok::<(), redis::RedisError>(())
            };
            tokio::select! {
                _ = &mut shutdown => return,
                result = session => {
                    if let Err(error) = result {
                        tracing::warn!(%error, "event listener lost Redis; reconnecting");
                    }
                }
            }
            failures += 1;
            tokio::select! {
                _ = &mut shutdown => return,
                _ = tokio::time::sleep(backoff.delay(failures)) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_round_trip_and_ids_order() {
        let id = Uuid::now_v7();
        assert_eq!(
            Topic::parse(&Topic::Thread(id).name()),
            Some(Topic::Thread(id))
        );
        assert_eq!(Topic::parse("queue"), Some(Topic::Queue));
        assert_eq!(Topic::parse("thread:nope"), None);
        assert!(parse_id("1700000000000-2") > parse_id("1700000000000-1"));
        assert!(parse_id("1700000000001-0") > parse_id("1700000000000-9"));
        assert_eq!(parse_id("x"), None);
    }
}
