//! Verification of the JWT the WordPress plugin mints for a logged-in customer.
//!
//! Only HS256 is accepted (the algorithm is pinned: a token claiming `none`, `RS256` or
//! anything else is refused before any key is touched), the key is chosen by the
//! header's `kid` among the configured ones (two can be valid during a rotation), and
//! `aud`, `exp`, `iat`, the lifetime and, when configured, `iss` are checked. The
//! `email` claim becomes the session's verified email.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::config::{Secret, WordPressAuthConfig};

type HmacSha256 = Hmac<Sha256>;

/// What a valid token says about the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordPressClaims {
    pub iss: String,
    pub sub: String,
    pub email: String,
    #[serde(default)]
    pub name: Option<String>,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwtError {
    #[error("the token is not a JWT")]
    Malformed,
    #[error("the token's algorithm `{0}` is not accepted (only HS256)")]
    Algorithm(String),
    #[error("no key is configured for this token")]
    UnknownKey,
    #[error("the token's signature does not verify")]
    Signature,
    #[error("the token has expired")]
    Expired,
    #[error("the token was issued in the future")]
    IssuedInFuture,
    #[error("the token lives longer than allowed")]
    TooLong,
    #[error("the token is for another audience")]
    Audience,
    #[error("the token is from another issuer")]
    Issuer,
    #[error("the token has no usable email claim")]
    Email,
}

impl JwtError {
    /// Whether a fresh token would help (the widget asks the page for a new one).
    pub fn is_expiry(&self) -> bool {
        matches!(self, Self::Expired)
    }
}

#[derive(Deserialize)]
struct Header {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct RawClaims {
    #[serde(default)]
    iss: Option<String>,
    #[serde(default)]
    aud: Option<Audience>,
    #[serde(default)]
    sub: Option<serde_json::Value>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    name: Option<String>,
    iat: Option<i64>,
    exp: Option<i64>,
}

fn b64(part: &str) -> Result<Vec<u8>, JwtError> {
    URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .map_err(|_| JwtError::Malformed)
}

/// Verifies `token` at time `now` (unix seconds).
pub fn verify(
    token: &str,
    config: &WordPressAuthConfig,
    now: i64,
) -> Result<WordPressClaims, JwtError> {
    let mut parts = token.trim().split('.');
    let (Some(h), Some(c), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Malformed);
    };
    let header: Header = serde_json::from_slice(&b64(h)?).map_err(|_| JwtError::Malformed)?;
    if header.alg != "HS256" {
        return Err(JwtError::Algorithm(header.alg.chars().take(16).collect()));
    }
    let key = select_key(config, header.kid.as_deref())?;
    let signature = b64(s)?;
    let mut mac =
        HmacSha256::new_from_slice(key.expose().as_bytes()).map_err(|_| JwtError::UnknownKey)?;
    mac.update(h.as_bytes());
    mac.update(b".");
    mac.update(c.as_bytes());
    // constant-time comparison
    mac.verify_slice(&signature)
        .map_err(|_| JwtError::Signature)?;

    let raw: RawClaims = serde_json::from_slice(&b64(c)?).map_err(|_| JwtError::Malformed)?;
    let leeway = config.leeway_secs as i64;
    let (Some(iat), Some(exp)) = (raw.iat, raw.exp) else {
        return Err(JwtError::Malformed);
    };
    if exp + leeway <= now {
        return Err(JwtError::Expired);
    }
    if iat > now + leeway {
        return Err(JwtError::IssuedInFuture);
    }
    if exp - iat > config.max_lifetime_secs as i64 {
        return Err(JwtError::TooLong);
    }
    let audience_ok = match &raw.aud {
        Some(Audience::One(a)) => *a == config.audience,
        Some(Audience::Many(list)) => list.contains(&config.audience),
        None => false,
    };
    if !audience_ok {
        return Err(JwtError::Audience);
    }
    let iss = raw.iss.unwrap_or_default();
    if !config.issuer.is_empty() && iss.trim_end_matches('/') != config.issuer.trim_end_matches('/')
    {
        return Err(JwtError::Issuer);
    }
    let email = raw
        .email
        .map(|e| e.trim().to_lowercase())
        .filter(|e| frontdesk_redact::email::is_email(e))
        .ok_or(JwtError::Email)?;
    let sub = match raw.sub {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => email.clone(),
    };
    Ok(WordPressClaims {
        iss,
        sub,
        email,
        name: raw.name.filter(|n| !n.trim().is_empty()),
        iat,
        exp,
    })
}

fn select_key<'a>(
    config: &'a WordPressAuthConfig,
    kid: Option<&str>,
) -> Result<&'a Secret, JwtError> {
    let usable = |s: &&Secret| !s.is_empty();
    match kid {
        Some(kid) => config
            .keys
            .get(kid)
            .filter(usable)
            .ok_or(JwtError::UnknownKey),
        // without a key id the token is only accepted while exactly one key exists
        None if config.keys.len() == 1 => config
            .keys
            .values()
            .next()
            .filter(usable)
            .ok_or(JwtError::UnknownKey),
        None => Err(JwtError::UnknownKey),
    }
}

/// Signs `claims` with HS256 the way the WordPress plugin does (tests and tooling).
pub fn sign(claims: &serde_json::Value, kid: &str, secret: &str) -> String {
    let header = serde_json::json!({ "alg": "HS256", "typ": "JWT", "kid": kid });
    let h = URL_SAFE_NO_PAD.encode(header.to_string());
    let c = URL_SAFE_NO_PAD.encode(claims.to_string());
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(h.as_bytes());
    mac.update(b".");
    mac.update(c.as_bytes());
    let s = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{h}.{c}.{s}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";
    const NOW: i64 = 1_764_590_000;

    fn config() -> WordPressAuthConfig {
        let mut c = WordPressAuthConfig::default();
        c.keys.insert("k1".into(), Secret::new(SECRET));
        c.keys
            .insert("k2".into(), Secret::new("another-secret-another-secret-xx"));
        c
    }

    fn claims() -> serde_json::Value {
        serde_json::json!({
            "iss": "https://shop.example", "aud": "frontdesk", "sub": "42",
            "email": "Maria.Rossi@Example.com", "name": "Maria",
            "iat": NOW - 10, "exp": NOW + 290
        })
    }

    fn with(field: &str, value: serde_json::Value) -> serde_json::Value {
        let mut c = claims();
        c[field] = value;
        c
    }

    #[track_caller]
    fn check(token: &str, expected: Result<&str, JwtError>) {
        let got = verify(token, &config(), NOW).map(|c| c.email);
        assert_eq!(got.as_deref().map_err(Clone::clone), expected);
    }

    #[test]
    fn accepts_a_valid_token_from_either_key() {
        check(
            &sign(&claims(), "k1", SECRET),
            Ok("maria.rossi@example.com"),
        );
        check(
            &sign(&claims(), "k2", "another-secret-another-secret-xx"),
            Ok("maria.rossi@example.com"),
        );
        let c = verify(&sign(&claims(), "k1", SECRET), &config(), NOW).unwrap();
        assert_eq!((c.sub.as_str(), c.name.as_deref()), ("42", Some("Maria")));
    }

    #[test]
    fn refuses_what_is_not_ours() {
        check(
            &sign(&claims(), "k1", "wrong-secret-wrong-secret-wrong!"),
            Err(JwtError::Signature),
        );
        check(&sign(&claims(), "k9", SECRET), Err(JwtError::UnknownKey));
        check(
            &sign(&with("aud", "other".into()), "k1", SECRET),
            Err(JwtError::Audience),
        );
        check(
            &sign(
                &with("aud", serde_json::json!(["x", "frontdesk"])),
                "k1",
                SECRET,
            ),
            Ok("maria.rossi@example.com"),
        );
        check(
            &sign(&with("exp", (NOW - 61).into()), "k1", SECRET),
            Err(JwtError::Expired),
        );
        check(
            &sign(&with("iat", (NOW + 120).into()), "k1", SECRET),
            Err(JwtError::IssuedInFuture),
        );
        check(
            &sign(&with("exp", (NOW + 86_400).into()), "k1", SECRET),
            Err(JwtError::TooLong),
        );
        check(
            &sign(&with("email", "not an email".into()), "k1", SECRET),
            Err(JwtError::Email),
        );
        check("abc", Err(JwtError::Malformed));
        check("a.b.c", Err(JwtError::Malformed));
    }

    #[test]
    fn pins_the_algorithm() {
        let payload = URL_SAFE_NO_PAD.encode(claims().to_string());
        for alg in ["none", "None", "RS256", "HS512", "hs256"] {
            let header = URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"{alg}","kid":"k1"}}"#));
            check(
                &format!("{header}.{payload}."),
                Err(JwtError::Algorithm(alg.into())),
            );
        }
        // a signature made with the payload but a header swapped afterwards fails too
        let good = sign(&claims(), "k1", SECRET);
        let mut parts: Vec<&str> = good.split('.').collect();
        let swapped = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","kid":"k2"}"#);
        parts[0] = &swapped;
        check(&parts.join("."), Err(JwtError::Signature));
    }

    #[test]
    fn checks_the_issuer_when_configured() {
        let mut c = config();
        c.issuer = "https://other.example".into();
        let got = verify(&sign(&claims(), "k1", SECRET), &c, NOW);
        assert_eq!(got.unwrap_err(), JwtError::Issuer);
        c.issuer = "https://shop.example/".into();
        assert!(verify(&sign(&claims(), "k1", SECRET), &c, NOW).is_ok());
    }
}
