//! Short-term memory: bounded in Redis, rebuilt from Postgres when missing.

use frontdesk::brain::ChatItem;
use frontdesk::memory::Memory;
use frontdesk::orchestrator::connect_redis;

use super::{anonymous, Harness};

#[tokio::test]
async fn agent_memory_is_bounded_and_rebuilt_from_postgres() {
    let h = Harness::new(false, &[], |c| c.agent.memory_turns = 2).await;
    let first = h.ask(None, "hello", anonymous("mem")).await;
    for text in ["thanks", "what's the capital of australia"] {
        h.ask(Some(first.thread_id), text, anonymous("mem")).await;
    }
    let redis = connect_redis(&h.config.redis).await.unwrap();
    let memory = Memory::new(redis.clone(), &h.config.redis.key_prefix, 2, 60);
    let items = memory.load(&h.db.pool, first.thread_id).await;
    assert_eq!(items.len(), 4, "two turns, customer and assistant each");
    assert_eq!(
        items[0],
        ChatItem::User {
            text: "thanks".into()
        }
    );
    // Redis loses the key: the memory comes back from Postgres
    let mut conn = redis.clone();
    let key = format!("{}:memory:{}", h.config.redis.key_prefix, first.thread_id);
    let _: () = redis::cmd("DEL")
        .arg(&key)
        .query_async(&mut conn)
        .await
        .unwrap();
    let rebuilt = memory.load(&h.db.pool, first.thread_id).await;
    assert_eq!(rebuilt, items);
    let ttl: i64 = redis::cmd("TTL")
        .arg(&key)
        .query_async(&mut conn)
        .await
        .unwrap();
    assert!(ttl > 0 && ttl <= 60, "rebuilt memory expires ({ttl})");
}
