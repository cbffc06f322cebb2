//! A string that never shows itself: `Debug`, `Display` and `Serialize` print a
//! redaction marker, so a config dump or a log line cannot leak it.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub const REDACTED: &str = "[redacted]";

#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself; call only where it is handed to the thing that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A URL with its password replaced, for display (`postgres://u:[redacted]@h/db`).
    pub fn redacted_url(&self) -> String {
        redact_url_password(&self.0)
    }
}

/// Replaces the password part of `scheme://user:password@host...` with a marker.
pub fn redact_url_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    match (authority.rfind('@'), authority.find(':')) {
        (Some(at), Some(colon)) if colon < at => format!(
            "{}{}:{}{}",
            &url[..scheme_end + 3],
            &authority[..colon],
            REDACTED,
            &rest[at..]
        ),
        _ => url.to_string(),
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(REDACTED)
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(REDACTED)
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.is_empty() {
            serializer.serialize_str("")
        } else {
            serializer.serialize_str(REDACTED)
        }
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(url: &str, expected: &str) {
        assert_eq!(redact_url_password(url), expected);
    }

    #[test]
    fn redacts_passwords_only() {
        check(
            "postgres://u:pw@localhost/db",
            "postgres://u:[redacted]@localhost/db",
        );
        check("postgres://u@localhost/db", "postgres://u@localhost/db");
        check("redis://127.0.0.1:6379", "redis://127.0.0.1:6379");
        check(
            "redis://:pw@127.0.0.1:6379/0",
            "redis://:[redacted]@127.0.0.1:6379/0",
        );
        check("not a url", "not a url");
    }

    #[test]
    fn debug_and_serialize_never_show_the_value() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?} {s}"), "[redacted] [redacted]");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"[redacted]\"");
        assert_eq!(s.expose(), "hunter2");
    }
}
