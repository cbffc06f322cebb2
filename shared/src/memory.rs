//! Short-term thread memory in Redis: the last N turns (customer and assistant text),
//! bounded in length and expiring when idle. When the key is missing (expired, Redis
//! restarted) it is rebuilt from Postgres, the long-term record; when Redis is down the
//! turn reads Postgres directly. Memory never fails a turn.

use redis::aio::ConnectionManager;
use sqlx::PgPool;
use uuid::Uuid;

use crate::brain::ChatItem;

#[derive(Clone)]
pub struct Memory {
    redis: ConnectionManager,
    prefix: String,
    max_items: usize,
    ttl_secs: u64,
}

impl std::fmt::Debug for Memory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memory")
            .field("max_items", &self.max_items)
            .finish()
    }
}

impl Memory {
    /// `turns` customer/assistant exchanges are kept (twice as many items).
    pub fn new(redis: ConnectionManager, prefix: &str, turns: usize, ttl_secs: u64) -> Self {
        Self {
            redis,
            prefix: prefix.to_string(),
            max_items: turns.max(1) * 2,
            ttl_secs,
        }
    }

    fn key(&self, thread_id: Uuid) -> String {
        format!("{}:memory:{thread_id}", self.prefix)
    }

    /// The conversation so far, oldest first.
    pub async fn load(&self, pool: &PgPool, thread_id: Uuid) -> Vec<ChatItem> {
        let mut conn = self.redis.clone();
        let cached: Result<Vec<String>, _> = redis::cmd("LRANGE")
            .arg(self.key(thread_id))
            .arg(0)
            .arg(-1)
            .query_async(&mut conn)
            .await;
        if let Ok(items) = &cached {
            if !items.is_empty() {
                return items
                    .iter()
                    .filter_map(|s| serde_json::from_str(s).ok())
                    .collect();
            }
        }
        let items = from_postgres(pool, thread_id, self.max_items).await;
        if cached.is_ok() && !items.is_empty() {
            self.push(thread_id, &items).await;
        }
        items
    }

    /// Forgets the thread's short-term memory (a new episode, or a person's replies to
    /// take in: the next load rebuilds it from Postgres).
    pub async fn forget(&self, thread_id: Uuid) {
        let mut conn = self.redis.clone();
        let result: Result<(), _> = redis::cmd("DEL")
            .arg(self.key(thread_id))
            .query_async(&mut conn)
            .await;
        if let Err(error) = result {
            tracing::warn!(%error, "could not clear short-term memory");
        }
    }

    /// Appends items, trims to the bound and refreshes the expiry.
    pub async fn push(&self, thread_id: Uuid, items: &[ChatItem]) {
        let values: Vec<String> = items
            .iter()
            .filter_map(|i| serde_json::to_string(i).ok())
            .collect();
        if values.is_empty() {
            return;
        }
        let key = self.key(thread_id);
        let mut conn = self.redis.clone();
        let result: Result<(), _> = redis::pipe()
            .atomic()
            .rpush(&key, values)
            .ignore()
            .ltrim(&key, -(self.max_items as isize), -1)
            .ignore()
            .expire(&key, self.ttl_secs as i64)
            .ignore()
            .query_async(&mut conn)
            .await;
        if let Err(error) = result {
            tracing::warn!(%error, "could not update short-term memory");
        }
    }
}

/// The last messages from Postgres as conversation items (customer and assistant text).
pub async fn from_postgres(pool: &PgPool, thread_id: Uuid, max_items: usize) -> Vec<ChatItem> {
    let rows = crate::threads::recent_in_episode(pool, thread_id, max_items as i64 * 2)
        .await
        .unwrap_or_default();
    let mut items: Vec<ChatItem> = rows
        .into_iter()
        .filter_map(|m| match m.role.as_str() {
            "user" => Some(ChatItem::User { text: m.content }),
            "assistant" | "human_agent" => Some(ChatItem::Assistant {
                text: Some(m.content),
                tool_calls: Vec::new(),
            }),
            _ => None,
        })
        .collect();
    let excess = items.len().saturating_sub(max_items);
    items.drain(..excess);
    items
}
