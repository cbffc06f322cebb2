//! The domain words every body uses: who owns a thread, where it came from, how a turn
//! ended, what an answer cites, how urgent a ticket is.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A stored or received word that is not one of the enum's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not a {}", self.value, self.kind)
    }
}

impl std::error::Error for UnknownValue {}

/// Declares an enum's text form once: `as_str`, `FromStr`, `Display`, `ALL`, and (with
/// the `sqlx` feature) its mapping to a Postgres `text` column.
macro_rules! text_enum {
    ($name:ident, $kind:literal, { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownValue { kind: $kind, value: s.to_string() }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "sqlx")]
        crate::text_column::text_column!($name);
    };
}

/// Who owns a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ThreadStatus {
    /// The bot answers.
    Bot,
    /// Handed off; waiting for a person to claim it.
    WaitingHuman,
    /// A person owns it; the bot stays silent.
    Human,
    /// Closed by a person; a new customer message starts a fresh bot episode.
    Resolved,
}

text_enum!(ThreadStatus, "thread status", {
    Bot => "bot",
    WaitingHuman => "waiting_human",
    Human => "human",
    Resolved => "resolved",
});

impl ThreadStatus {
    /// A person is waited for or owns the thread: the bot stays silent.
    pub fn with_people(self) -> bool {
        matches!(self, Self::WaitingHuman | Self::Human)
    }
}

/// Where a conversation takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The website widget.
    Web,
    Slack,
    Email,
}

text_enum!(Channel, "channel (web, slack or email)", {
    Web => "web",
    Slack => "slack",
    Email => "email",
});

/// How a turn ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Answered by the bot.
    Answered,
    /// A ticket was opened (on request, or because the turn missed its SLA).
    Ticket,
    /// The thread waits for, or is with, a person.
    Handoff,
    /// Refused before planning (abuse); a ticket records it.
    Blocked,
}

text_enum!(Outcome, "turn outcome", {
    Answered => "answered",
    Ticket => "ticket",
    Handoff => "handoff",
    Blocked => "blocked",
});

/// One retrieved passage, as shown to the Brain and the customer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ToSchema)]
pub struct Citation {
    pub doc_id: Uuid,
    pub chunk_id: Uuid,
    pub title: String,
    pub url: Option<String>,
    pub section: String,
    pub snippet: String,
    pub score: f32,
}

/// How urgent a ticket is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    #[default]
    Normal,
    High,
    Urgent,
}

text_enum!(Priority, "ticket priority", {
    Low => "low",
    Normal => "normal",
    High => "high",
    Urgent => "urgent",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_forms_round_trip_and_match_serde() {
        for s in ThreadStatus::ALL {
            assert_eq!(s.as_str().parse::<ThreadStatus>(), Ok(*s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        for c in Channel::ALL {
            assert_eq!(c.as_str().parse::<Channel>(), Ok(*c));
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
        for o in Outcome::ALL {
            assert_eq!(serde_json::to_value(o).unwrap(), o.as_str());
        }
        for p in Priority::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
        }
        let e = "sms".parse::<Channel>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "`sms` is not a channel (web, slack or email)"
        );
    }
}
