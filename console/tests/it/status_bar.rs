//! The connection as the status bar shows it.

use std::time::Duration;

use agent_console::app::Msg;
use agent_console::client::ClientError;

use crate::support::{blank, later, loaded, render, send};

fn bottom(state: &agent_console::app::State) -> String {
    render(state, 100, 30)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn connected_reconnecting_offline() {
    let mut state = loaded();
    assert!(bottom(&state).starts_with(" ● connected │ agentd http://127.0.0.1:8080"));
    assert!(bottom(&state).ends_with("? help"));

    let lost = |attempt| Msg::ConnectionLost {
        attempt,
        retry_in: Duration::from_secs(4),
        error: "agentd closed the event stream".into(),
    };
    send(&mut state, lost(1));
    assert!(
        bottom(&state).starts_with(" ↻ reconnecting in 4s"),
        "{}",
        bottom(&state)
    );
    send(&mut state, Msg::Tick(later(1)));
    assert!(bottom(&state).starts_with(" ↻ reconnecting in 3s"));
    send(&mut state, Msg::Tick(later(5)));
    assert!(bottom(&state).starts_with(" ↻ reconnecting now"));

    send(&mut state, lost(4));
    assert!(
        bottom(&state).starts_with(" ✕ offline · retrying in 4s"),
        "{}",
        bottom(&state)
    );

    send(&mut state, Msg::Connected);
    assert!(bottom(&state).starts_with(" ● connected"));
}

#[test]
fn a_refused_token_is_offline_for_good() {
    let mut state = blank();
    let refused = ClientError::from_response(
        401,
        r#"{"error":{"code":"invalid_token","message":"the admin token is not valid"}}"#,
    );
    send(&mut state, Msg::Refused(refused));
    assert!(bottom(&state).starts_with(" ✕ offline: agentd refused the admin token"));
    // and the console stops polling: nothing would be let in
    assert!(send(&mut state, Msg::Tick(later(60))).is_none());
}

#[test]
fn flash_messages_replace_the_address_and_expire() {
    let mut state = loaded();
    send(&mut state, crate::support::ctrl('r'));
    assert!(bottom(&state).contains("│ refreshing"));
    send(&mut state, Msg::Tick(later(10)));
    assert!(bottom(&state).contains("│ agentd http://127.0.0.1:8080"));
}
