//! Who is asking: identity comes from the verified session, never from LLM arguments.
//!
//! A WordPress user's verified JWT or the email channel's From address gives a verified
//! email; everyone else is an anonymous visitor, known only by IP and device fingerprint.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Identity {
    /// Not signed in: order look-ups need both the order number and its email.
    Anonymous {
        ip: Option<String>,
        fingerprint: Option<String>,
    },
    /// An email address the session proved (JWT claim, email channel sender).
    Verified {
        email: String,
        ip: Option<String>,
        fingerprint: Option<String>,
    },
}

impl Identity {
    pub fn anonymous() -> Self {
        Self::Anonymous {
            ip: None,
            fingerprint: None,
        }
    }

    pub fn verified(email: impl Into<String>) -> Self {
        Self::Verified {
            email: email.into().trim().to_lowercase(),
            ip: None,
            fingerprint: None,
        }
    }

    pub fn verified_email(&self) -> Option<&str> {
        match self {
            Self::Verified { email, .. } => Some(email),
            Self::Anonymous { .. } => None,
        }
    }

    pub fn ip(&self) -> Option<&str> {
        match self {
            Self::Anonymous { ip, .. } | Self::Verified { ip, .. } => ip.as_deref(),
        }
    }

    pub fn fingerprint(&self) -> Option<&str> {
        match self {
            Self::Anonymous { fingerprint, .. } | Self::Verified { fingerprint, .. } => {
                fingerprint.as_deref()
            }
        }
    }
}
