//! Log lines and progress bars share stderr: every log line is written while the
//! bars are suspended, so bars are redrawn below it instead of being torn.

use std::io::Write;
use std::sync::OnceLock;

use frontdesk::config::LogConfig;
use indicatif::MultiProgress;

static BARS: OnceLock<MultiProgress> = OnceLock::new();

/// The one set of progress bars of this process.
pub fn bars() -> &'static MultiProgress {
    BARS.get_or_init(MultiProgress::new)
}

/// Removes any bar still drawn (before an error message).
pub fn clear() {
    if let Some(bars) = BARS.get() {
        let _ = bars.clear();
    }
}

pub fn init(config: &LogConfig) {
    // default to warnings only: the CLI's own output is the report
    let mut config = config.clone();
    if config.level == "info" && std::env::var_os("RUST_LOG").is_none() {
        config.level = "warn".into();
    }
    frontdesk::telemetry::init(&config, || BarAwareWriter);
}

struct BarAwareWriter;

impl Write for BarAwareWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        bars().suspend(|| std::io::stderr().write_all(buf))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}
