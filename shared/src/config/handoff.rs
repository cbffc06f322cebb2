//! Configuration of the human handoff: queues with their waiting-time SLA, and the
//! business hours outside which a handoff promises an email follow-up instead of a
//! wait nobody will end.

use std::collections::BTreeMap;

use chrono::{NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HandoffConfig {
    /// The queue handoffs go to.
    pub default_queue: String,
    /// Queues by name.
    pub queues: BTreeMap<String, QueueConfig>,
    pub hours: BusinessHours,
}

impl Default for HandoffConfig {
    fn default() -> Self {
        let mut queues = BTreeMap::new();
        queues.insert("support".to_string(), QueueConfig::default());
        Self {
            default_queue: "support".into(),
            queues,
            hours: BusinessHours::default(),
        }
    }
}

impl HandoffConfig {
    /// The waiting-time SLA of `queue` (the default queue's, else 5 minutes).
    pub fn wait_sla_secs(&self, queue: &str) -> u64 {
        self.queues
            .get(queue)
            .or_else(|| self.queues.get(&self.default_queue))
            .map_or(300, |q| q.wait_sla_secs)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QueueConfig {
    /// A thread waiting longer than this for a person is flagged (and announced).
    pub wait_sla_secs: u64,
}

impl Default for QueueConfig {
    fn default() -> Self {
        Self { wait_sla_secs: 300 }
    }
}

/// When people answer. No `days` means always.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BusinessHours {
    /// An IANA time zone (`Europe/Amsterdam`).
    pub timezone: String,
    /// Open days: `mon`, `tue`, `wed`, `thu`, `fri`, `sat`, `sun` (empty = every day, all day).
    pub days: Vec<String>,
    /// Opening and closing time on open days, `HH:MM` local time.
    pub open: String,
    pub close: String,
}

impl Default for BusinessHours {
    fn default() -> Self {
        Self {
            timezone: "UTC".into(),
            days: Vec::new(),
            open: "09:00".into(),
            close: "17:00".into(),
        }
    }
}

/// Business hours as read from [`BusinessHours`]: checked once, used by the handoff.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub tz: Tz,
    /// Empty = always open.
    pub days: Vec<Weekday>,
    pub open: NaiveTime,
    pub close: NaiveTime,
}

impl BusinessHours {
    /// The schedule, or what is wrong with the configuration.
    pub fn schedule(&self) -> Result<Schedule, String> {
        let tz: Tz = self.timezone.parse().map_err(|_| {
            format!(
                "unknown time zone `{}` (use an IANA name like Europe/Amsterdam)",
                self.timezone
            )
        })?;
        let days = self
            .days
            .iter()
            .map(|d| weekday(d).ok_or_else(|| format!("unknown day `{d}` (mon, tue, ... sun)")))
            .collect::<Result<Vec<_>, _>>()?;
        let time = |s: &str| {
            NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| format!("`{s}` is not HH:MM"))
        };
        let (open, close) = (time(&self.open)?, time(&self.close)?);
        if close <= open {
            return Err("close must be after open".into());
        }
        Ok(Schedule {
            tz,
            days,
            open,
            close,
        })
    }
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match name.trim().to_ascii_lowercase().get(..3)? {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}
