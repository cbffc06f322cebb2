//! The widget in a real browser: Debian's headless Chromium, driven by playwright-core
//! (`tests/browser/*.spec.mjs`), against the real agentd binary serving the demo shop:
//! streamed cited answers, feedback, a reload, XSS payloads, and a handoff to a person
//! whose reply arrives live.

use crate::support::{load_demo_shop, run_browser_specs, Agentd, TestDb};

#[tokio::test]
async fn widget_in_chromium_streams_cites_rates_hands_off_and_renders_payloads_as_text() {
    let db = TestDb::new().await;
    load_demo_shop(&db);
    let token = "browser-agent-token-0123456789abcdef";
    let mut agentd = Agentd::start(
        &db,
        &[
            (
                "FRONTDESK__AUTH__ADMIN_TOKENS__SAM__TOKEN",
                token.to_string(),
            ),
            (
                "FRONTDESK__AUTH__ADMIN_TOKENS__SAM__ROLE",
                "agent".to_string(),
            ),
            (
                "FRONTDESK__AUTH__ADMIN_TOKENS__SAM__DISPLAY_NAME",
                "Sam".to_string(),
            ),
        ],
    )
    .await;
    let run = run_browser_specs(
        &["widget.spec.mjs", "xss.spec.mjs", "handoff.spec.mjs"],
        &[
            ("FRONTDESK_URL", agentd.url.clone()),
            ("FRONTDESK_AGENT_TOKEN", token.to_string()),
        ],
    );
    let stopped = agentd.stop();
    assert!(
        run.status.success(),
        "browser specs failed\nstdout:\n{}\nstderr:\n{}\nagentd log:\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr),
        agentd.log_text()
    );
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(out.contains("pass 5"), "all five browser tests ran: {out}");
    assert!(
        stopped.is_some_and(|s| s.success()),
        "agentd drained and exited cleanly"
    );
}
