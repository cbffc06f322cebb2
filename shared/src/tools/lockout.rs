//! Failed order look-ups counted per IP, device fingerprint and email in Redis; past the
//! limit every look-up from that key is refused until the window ends.

use redis::aio::ConnectionManager;

use crate::identity::Identity;

#[derive(Clone)]
pub struct Lockout {
    redis: ConnectionManager,
    prefix: String,
    max_failures: u32,
    window_secs: u64,
}

impl std::fmt::Debug for Lockout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lockout")
            .field("max_failures", &self.max_failures)
            .finish()
    }
}

impl Lockout {
    pub fn new(
        redis: ConnectionManager,
        prefix: &str,
        max_failures: u32,
        window_secs: u64,
    ) -> Self {
        Self {
            redis,
            prefix: prefix.to_string(),
            max_failures,
            window_secs,
        }
    }

    fn keys(&self, identity: &Identity, email: Option<&str>) -> Vec<String> {
        let mut keys = Vec::new();
        if let Some(ip) = identity.ip() {
            keys.push(format!("{}:lookup_fail:ip:{ip}", self.prefix));
        }
        if let Some(fp) = identity.fingerprint() {
            keys.push(format!("{}:lookup_fail:fp:{fp}", self.prefix));
        }
        if let Some(email) = email {
            keys.push(format!(
                "{}:lookup_fail:email:{}",
                self.prefix,
                email.trim().to_lowercase()
            ));
        }
        keys
    }

    /// True when any of the caller's keys reached the limit.
    pub async fn is_locked(
        &self,
        identity: &Identity,
        email: Option<&str>,
    ) -> Result<bool, redis::RedisError> {
        let keys = self.keys(identity, email);
        if keys.is_empty() {
            return Ok(false);
        }
        let mut conn = self.redis.clone();
        let counts: Vec<Option<u32>> = redis::cmd("MGET").arg(&keys).query_async(&mut conn).await?;
        Ok(counts
            .into_iter()
            .any(|c| c.unwrap_or(0) >= self.max_failures))
    }

    /// Counts one failed look-up against every key of the caller.
    pub async fn record_failure(
        &self,
        identity: &Identity,
        email: Option<&str>,
    ) -> Result<(), redis::RedisError> {
        let mut conn = self.redis.clone();
        for key in self.keys(identity, email) {
            let _: () = redis::pipe()
                .atomic()
                .incr(&key, 1)
                .ignore()
                .expire(&key, self.window_secs as i64)
                .ignore()
                .query_async(&mut conn)
                .await?;
        }
        Ok(())
    }
}
