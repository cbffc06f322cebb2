//! Widget sessions: server-issued bearer tokens with a short lifetime, rotated by the
//! widget before they run out, stored in Redis (so every agentd process knows them and
//! a token can be revoked by deleting one key).
//!
//! A token looks like `fds1.<expiry unix seconds>.<43 random characters>`; Redis keeps
//! only its SHA-256. The expiry in clear lets agentd say "expired" (renew) rather than
//! "invalid" (start over) once Redis has forgotten the token; it grants nothing by
//! itself. A session id outlives its tokens: anonymous visitors get a random one, a
//! WordPress customer always the same one (derived from the site and user id), so a
//! signed-in customer sees their conversation again on the next page.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use redis::aio::ConnectionManager;
use redis::AsyncCommands;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::jwt::WordPressClaims;
use crate::identity::Identity;

/// Who a session is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    /// Set for a customer signed in through WordPress (from the verified JWT).
    pub verified_email: Option<String>,
    pub display_name: Option<String>,
    pub created_at: i64,
}

impl Session {
    pub fn anonymous(now: i64) -> Self {
        Self {
            id: format!("anon-{}", uuid::Uuid::new_v4().simple()),
            verified_email: None,
            display_name: None,
            created_at: now,
        }
    }

    pub fn wordpress(claims: &WordPressClaims, now: i64) -> Self {
        let digest = Sha256::digest(format!("{}|{}", claims.iss, claims.sub));
        Self {
            id: format!("wp-{}", &hex::encode(digest)[..32]),
            verified_email: Some(claims.email.clone()),
            display_name: claims.name.clone(),
            created_at: now,
        }
    }

    /// The identity the agent's tools see, with the request's IP and device.
    pub fn identity(&self, ip: Option<String>, fingerprint: Option<String>) -> Identity {
        match &self.verified_email {
            Some(email) => Identity::Verified {
                email: email.clone(),
                ip,
                fingerprint,
            },
            None => Identity::Anonymous { ip, fingerprint },
        }
    }
}

/// A freshly issued token.
#[derive(Debug, Clone, Serialize)]
pub struct IssuedToken {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub expires_in: u64,
}

/// Why a presented token does not open a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    /// It was ours but ran out: get a new one.
    Expired,
    /// Not a token we issued (or revoked).
    Invalid,
}

#[derive(Clone)]
pub struct Sessions {
    redis: ConnectionManager,
    prefix: String,
    ttl_secs: u64,
    grace_secs: u64,
}

impl std::fmt::Debug for Sessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sessions")
            .field("ttl_secs", &self.ttl_secs)
            .finish()
    }
}

fn token_key(prefix: &str, token: &str) -> String {
    format!(
        "{prefix}:session:{}",
        hex::encode(Sha256::digest(token.as_bytes()))
    )
}

fn random_part() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    URL_SAFE_NO_PAD.encode(bytes)
}

impl Sessions {
    pub fn new(redis: ConnectionManager, prefix: &str, ttl_secs: u64, grace_secs: u64) -> Self {
        Self {
            redis,
            prefix: prefix.to_string(),
            ttl_secs: ttl_secs.max(1),
            grace_secs,
        }
    }

    pub fn ttl_secs(&self) -> u64 {
        self.ttl_secs
    }

    /// A new token for `session`.
    pub async fn issue(&self, session: &Session) -> Result<IssuedToken, redis::RedisError> {
        let now = Utc::now();
        let expires_at = now + chrono::Duration::seconds(self.ttl_secs as i64);
        let token = format!("fds1.{}.{}", expires_at.timestamp(), random_part());
        let value = serde_json::to_string(session).expect("a session serialises");
        let mut redis = self.redis.clone();
        let _: () = redis
            .set_ex(token_key(&self.prefix, &token), value, self.ttl_secs)
            .await?;
        Ok(IssuedToken {
            token,
            expires_at,
            expires_in: self.ttl_secs,
        })
    }

    /// The session a token opens.
    pub async fn resolve(
        &self,
        token: &str,
    ) -> Result<Result<Session, TokenProblem>, redis::RedisError> {
        let Some(expiry) = parse(token) else {
            return Ok(Err(TokenProblem::Invalid));
        };
        let mut redis = self.redis.clone();
        let stored: Option<String> = redis.get(token_key(&self.prefix, token)).await?;
        Ok(
            match stored.and_then(|s| serde_json::from_str::<Session>(&s).ok()) {
                Some(session) => Ok(session),
                None if expiry <= Utc::now().timestamp() => Err(TokenProblem::Expired),
                None => Err(TokenProblem::Invalid),
            },
        )
    }

    /// A new token for the session `old` opens; `old` keeps working for the grace period.
    pub async fn rotate(
        &self,
        old: &str,
        session: &Session,
    ) -> Result<IssuedToken, redis::RedisError> {
        let issued = self.issue(session).await?;
        let mut redis = self.redis.clone();
        let key = token_key(&self.prefix, old);
        let left: i64 = redis.ttl(&key).await?;
        if left > self.grace_secs as i64 || left < 0 {
            if self.grace_secs == 0 {
                let _: () = redis.del(&key).await?;
            } else {
                let _: () = redis.expire(&key, self.grace_secs as i64).await?;
            }
        }
        Ok(issued)
    }

    /// Ends a session's token at once.
    pub async fn revoke(&self, token: &str) -> Result<(), redis::RedisError> {
        let mut redis = self.redis.clone();
        redis.del(token_key(&self.prefix, token)).await
    }
}

/// The expiry of a well-formed token.
fn parse(token: &str) -> Option<i64> {
    let mut parts = token.split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("fds1"), Some(exp), Some(random), None)
            if random.len() == 43
                && random
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
        {
            exp.parse().ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_shape() {
        let t = format!("fds1.1764590000.{}", random_part());
        assert_eq!(parse(&t), Some(1_764_590_000));
        assert_eq!(parse("fds1.1764590000.short"), None);
        assert_eq!(parse("Bearer x"), None);
        assert_eq!(parse(&format!("fds2.1.{}", random_part())), None);
    }

    #[test]
    fn wordpress_sessions_are_stable_per_site_and_user() {
        let claims = |iss: &str, sub: &str| WordPressClaims {
            iss: iss.into(),
            sub: sub.into(),
            email: "m@example.com".into(),
            name: None,
            iat: 0,
            exp: 1,
        };
        let a = Session::wordpress(&claims("https://a.example", "7"), 1);
        let b = Session::wordpress(&claims("https://a.example", "7"), 2);
        let c = Session::wordpress(&claims("https://b.example", "7"), 1);
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, c.id);
        assert_ne!(Session::anonymous(1).id, Session::anonymous(1).id);
    }
}
