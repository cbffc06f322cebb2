//! Abuse controls backed by Redis, shared by every agentd process: fixed-window rate
//! limits (per IP, per device, new conversations per hour) and each session's LLM
//! budget (tokens and dollars), past which the free offline brain answers instead —
//! a chat widget must not become a way to run up someone's LLM bill.
//!
//! Keys hold a SHA-256 of what they count (IPs are personal data), never the value.

use redis::aio::ConnectionManager;
use sha2::{Digest, Sha256};

/// The answer of a rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Over the limit; try again after this many seconds.
    Limited {
        retry_after_secs: u64,
    },
}

#[derive(Clone)]
pub struct RateLimiter {
    redis: ConnectionManager,
    prefix: String,
}

impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiter")
            .field("prefix", &self.prefix)
            .finish()
    }
}

fn digest(value: &str) -> String {
    hex::encode(&Sha256::digest(value.as_bytes())[..12])
}

// INCR then EXPIRE on the first hit, atomically; returns the count and the seconds left
const HIT: &str = r"
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}
";

impl RateLimiter {
    pub fn new(redis: ConnectionManager, prefix: &str) -> Self {
        Self {
            redis,
            prefix: prefix.to_string(),
        }
    }

    /// Counts one event of `bucket` for `subject`; at most `limit` per `window_secs`
    /// (`limit` 0 = unlimited, nothing is counted).
    pub async fn hit(
        &self,
        bucket: &str,
        subject: &str,
        limit: u32,
        window_secs: u64,
    ) -> Result<Verdict, redis::RedisError> {
        if limit == 0 {
            return Ok(Verdict::Allowed);
        }
        let key = format!("{}:rl:{bucket}:{}", self.prefix, digest(subject));
        let mut redis = self.redis.clone();
        let (count, ttl): (u64, i64) = redis::Script::new(HIT)
            .key(key)
            .arg(window_secs.max(1))
            .invoke_async(&mut redis)
            .await?;
        Ok(if count > u64::from(limit) {
            Verdict::Limited {
                retry_after_secs: ttl.max(1) as u64,
            }
        } else {
            Verdict::Allowed
        })
    }
}

/// What a session has spent on LLM calls.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Spend {
    pub tokens: u64,
    pub cost_usd: f64,
}

#[derive(Clone)]
pub struct Budget {
    redis: ConnectionManager,
    prefix: String,
    max_tokens: u64,
    max_cost_usd: f64,
}

impl std::fmt::Debug for Budget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Budget")
            .field("max_tokens", &self.max_tokens)
            .field("max_cost_usd", &self.max_cost_usd)
            .finish()
    }
}

/// Spend is remembered this long after the session's last LLM call.
const SPEND_TTL_SECS: i64 = 7 * 86_400;

impl Budget {
    pub fn new(redis: ConnectionManager, prefix: &str, max_tokens: u64, max_cost_usd: f64) -> Self {
        Self {
            redis,
            prefix: prefix.to_string(),
            max_tokens,
            max_cost_usd,
        }
    }

    fn key(&self, session_id: &str) -> String {
        format!("{}:spend:{}", self.prefix, digest(session_id))
    }

    pub async fn spent(&self, session_id: &str) -> Result<Spend, redis::RedisError> {
        let mut redis = self.redis.clone();
        let (tokens, micro): (Option<u64>, Option<u64>) = redis::cmd("HMGET")
            .arg(self.key(session_id))
            .arg("tokens")
            .arg("micro_usd")
            .query_async(&mut redis)
            .await?;
        Ok(Spend {
            tokens: tokens.unwrap_or(0),
            cost_usd: micro.unwrap_or(0) as f64 / 1e6,
        })
    }

    /// Whether the session may still use the remote models.
    pub async fn allows_remote(&self, session_id: &str) -> Result<bool, redis::RedisError> {
        let s = self.spent(session_id).await?;
        let tokens_ok = self.max_tokens == 0 || s.tokens < self.max_tokens;
        let cost_ok = self.max_cost_usd <= 0.0 || s.cost_usd < self.max_cost_usd;
        Ok(tokens_ok && cost_ok)
    }

    pub async fn record(
        &self,
        session_id: &str,
        tokens: u64,
        cost_usd: f64,
    ) -> Result<(), redis::RedisError> {
        if tokens == 0 && cost_usd <= 0.0 {
            return Ok(());
        }
        let key = self.key(session_id);
        let mut redis = self.redis.clone();
        redis::pipe()
            .atomic()
            .hincr(&key, "tokens", tokens)
            .hincr(&key, "micro_usd", (cost_usd * 1e6).round() as u64)
            .expire(&key, SPEND_TTL_SECS)
            .query_async::<()>(&mut redis)
            .await
    }
}
