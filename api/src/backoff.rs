//! The one exponential backoff of the workspace: how long to wait before the next try
//! after `attempt` failures in a row — the first delay, doubled each time, capped.
//! agentd's tool retries, webhook deliveries and event listener use it, and so does the
//! console when its live stream drops (which is why it lives in this small crate both
//! sides share).

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The wait after the first failure.
    pub first: Duration,
    /// No wait is longer than this.
    pub max: Duration,
}

impl Backoff {
    pub const fn new(first: Duration, max: Duration) -> Self {
        Self { first, max }
    }

    /// The wait after `attempt` failures in a row (1-based; 0 counts as 1).
    pub fn delay(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1).min(30));
        self.first
            .saturating_mul(factor)
            .min(self.max.max(self.first))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_up_to_the_ceiling() {
        let b = Backoff::new(Duration::from_millis(500), Duration::from_secs(30));
        let ms = |a| b.delay(a).as_millis();
        assert_eq!(
            [ms(0), ms(1), ms(2), ms(3), ms(7), ms(40), ms(u32::MAX)],
            [500, 500, 1000, 2000, 30_000, 30_000, 30_000]
        );
        // a ceiling below the first delay never shortens it
        let odd = Backoff::new(Duration::from_secs(5), Duration::from_secs(1));
        assert_eq!(odd.delay(3), Duration::from_secs(5));
    }
}
