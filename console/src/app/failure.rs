//! What the console says when agentd refuses something, keyed by agentd's stable error
//! codes so the wording is the console's own: "Sam already has this conversation"
//! rather than a status number.

use uuid::Uuid;

use super::message::ActionKind;
use super::state::{owner_name, State};
use crate::client::ClientError;

pub fn already_has(owner: &str) -> String {
    format!("{owner} already has this conversation")
}

/// The flash for a failed action on `thread`.
pub fn describe(state: &State, thread: Uuid, kind: &ActionKind, error: &ClientError) -> String {
    let ClientError::Api {
        status,
        code,
        message,
    } = error
    else {
        return format!("could not {}: {error}", kind.verb());
    };
    match (code.as_str(), kind) {
        ("already_claimed", _) => match known_owner(state, thread) {
            Some(owner) => already_has(&owner),
            // agentd's message names who has it
            None => message.clone(),
        },
        // agentd says whose it is ("this conversation belongs to sam")
        ("not_owner", _) => format!("not yours: {message}"),
        ("unknown_agent", ActionKind::Assign { to }) => format!("no agent is called {to:?}"),
        ("thread_not_found", _) => "that conversation no longer exists".into(),
        ("invalid_transition", _) => format!("cannot {} now: {message}", kind.verb()),
        _ => match status {
            401 => format!("agentd refused the admin token: {message}"),
            403 => format!("this token may not {}: {message}", kind.verb()),
            429 => format!("too many requests, try again shortly: {message}"),
            _ => format!("could not {}: {error}", kind.verb()),
        },
    }
}

/// Who the console last saw owning `thread` (not this agent).
fn known_owner(state: &State, thread: Uuid) -> Option<String> {
    let from_detail = state
        .conversation()
        .filter(|c| c.thread_id == thread)
        .and_then(|c| c.detail.as_ref())
        .and_then(|d| owner_name(d).cloned());
    from_detail
        .or_else(|| state.entry(thread).and_then(|(_, e)| e.assignee.clone()))
        .filter(|owner| state.me.as_deref() != Some(owner.as_str()))
}

/// The status bar's reason when agentd refuses the event stream.
pub fn refused(error: &ClientError) -> String {
    match error.status() {
        Some(401) => "agentd refused the admin token".into(),
        Some(403) => "this token may not watch the queues (needs the agent role)".into(),
        _ => error.to_string(),
    }
}
