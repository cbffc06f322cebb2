//! Per-tool circuit breaker: after a call failed through all its retries, the tool is
//! refused for a cool-down period (60 s by default) instead of slowing every turn.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;

#[derive(Debug, Default)]
pub struct Breakers {
    open_until: Mutex<HashMap<&'static str, Instant>>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BreakerState {
    pub tool: &'static str,
    pub open: bool,
    pub open_for_secs: u64,
}

impl Breakers {
    pub fn is_open(&self, tool: &'static str) -> bool {
        let map = self.open_until.lock().expect("breaker lock");
        map.get(tool).is_some_and(|until| *until > Instant::now())
    }

    pub fn trip(&self, tool: &'static str, for_: Duration) {
        let mut map = self.open_until.lock().expect("breaker lock");
        map.insert(tool, Instant::now() + for_);
    }

    pub fn state(&self, tool: &'static str) -> BreakerState {
        let map = self.open_until.lock().expect("breaker lock");
        let left = map
            .get(tool)
            .map(|until| until.saturating_duration_since(Instant::now()))
            .unwrap_or_default();
        BreakerState {
            tool,
            open: !left.is_zero(),
            open_for_secs: left.as_secs(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_and_closes() {
        let b = Breakers::default();
        assert!(!b.is_open("get_order"));
        b.trip("get_order", Duration::from_millis(30));
        assert!(b.is_open("get_order"));
        assert!(!b.is_open("search_kb"));
        std::thread::sleep(Duration::from_millis(40));
        assert!(!b.is_open("get_order"));
    }
}
