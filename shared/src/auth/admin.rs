//! Admin bearer tokens (`auth.admin_tokens`): which configured token was presented and
//! what its role allows. Comparison is over SHA-256 digests in constant time, so neither
//! the token nor its length leaks through timing.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::config::{AuthConfig, Role};

/// The person or system behind an admin token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    /// The token's name in the configuration (`auth.admin_tokens.<name>`).
    pub name: String,
    pub display_name: String,
    pub role: Role,
}

impl Operator {
    pub fn allows(&self, needed: Role) -> bool {
        self.role >= needed
    }
}

/// The operator whose token this is.
pub fn operator(config: &AuthConfig, presented: &str) -> Option<Operator> {
    let presented = Sha256::digest(presented.as_bytes());
    let mut found = None;
    // every configured token is compared, so the time taken does not say which matched
    for (name, t) in &config.admin_tokens {
        if t.token.is_empty() {
            continue;
        }
        let digest = Sha256::digest(t.token.expose().as_bytes());
        if bool::from(digest.ct_eq(&presented)) {
            found = Some(Operator {
                name: name.clone(),
                display_name: t.display_name.clone().unwrap_or_else(|| name.clone()),
                role: t.role,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{AdminToken, Secret};

    #[test]
    fn finds_the_token_and_its_role() {
        let mut c = AuthConfig::default();
        for (name, token, role) in [
            ("ops", "ops-token-ops-token-ops-token", Role::Admin),
            ("sam", "sam-token-sam-token-sam-token", Role::Agent),
        ] {
            c.admin_tokens.insert(
                name.into(),
                AdminToken {
                    token: Secret::new(token),
                    role,
                    display_name: None,
                },
            );
        }
        let sam = operator(&c, "sam-token-sam-token-sam-token").unwrap();
        assert_eq!((sam.name.as_str(), sam.role), ("sam", Role::Agent));
        assert!(sam.allows(Role::Viewer) && sam.allows(Role::Agent) && !sam.allows(Role::Admin));
        assert!(operator(&c, "sam-token-sam-token-sam-toke").is_none());
        assert!(operator(&c, "").is_none());
    }
}
