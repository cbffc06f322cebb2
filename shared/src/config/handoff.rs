//! Configuration of the human handoff: queues with their waiting-time SLA, and the
//! business hours outside which a handoff promises an email follow-up instead of a
//! wait nobody will end.

use std::collections::BTreeMap;

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
