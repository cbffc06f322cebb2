//! Logs go to a file, never the screen (the screen is the console). Lines pass through
//! `frontdesk_redact::Masked`, like every Frontdesk binary's, so customer emails
//! and card numbers in a message never reach the file. The shared `telemetry::init`
//! is not used because it colours its output, which a file should not get.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context as _;
use frontdesk_redact::Masked;
use tracing_subscriber::EnvFilter;

/// `~/.cache/frontdesk/agent-console.log` (the system's temporary folder without a home).
pub fn default_path() -> PathBuf {
    let base = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|h| PathBuf::from(h).join(".cache"))
        .unwrap_or_else(std::env::temp_dir);
    base.join("frontdesk").join("agent-console.log")
}

/// Appends log lines to `path` (creating its folder), at `RUST_LOG` or `info`.
pub fn init(path: &Path) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating the log folder {}", dir.display()))?;
    }
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("opening the log file {}", path.display()))?;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    // a second call (tests share a process) keeps the first subscriber
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_target(false)
        .with_writer(Masked(Mutex::new(file)))
        .try_init();
    Ok(())
}
