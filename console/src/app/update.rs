//! The one place the console's state changes: [`update`] takes a message, changes the
//! state, and may hand back one [`Action`] for the runtime to perform. No I/O, no
//! clock, no randomness, so a test can drive the whole console with messages.
//! Keys are handled in `keys.rs`, the wording of failures in `failure.rs`.

use chrono::Duration;
use frontdesk_api::admin::{QueuesView, ThreadDetail};
use frontdesk_api::ThreadStatus;
use uuid::Uuid;

use super::action::Action;
use super::failure;
use super::keys;
use super::message::{ActionKind, Msg, Outcome};
use super::queues;
use super::state::{
    owner_name, Compose, Connection, Input, Prompt, Queues, Screen, Sending, State,
};
use crate::client::{ClientError, LiveEvent};

/// Queues are refetched at least this often while live events flow, as a safety net.
pub const REFRESH_CONNECTED_SECS: i64 = 30;
/// ... and this often while the event stream is down (nothing else says what changed).
pub const REFRESH_DISCONNECTED_SECS: i64 = 10;

pub fn update(state: &mut State, msg: Msg) -> Option<Action> {
    match msg {
        Msg::Key(key) => keys::on_key(state, key),
        Msg::Paste(text) => keys::on_paste(state, &text),
        // the next draw lays everything out for the new size
        Msg::Resize(..) => None,
        Msg::Tick(now) => tick(state, now),
        Msg::Queues(result) => queues_arrived(state, result),
        Msg::Thread(id, result) => thread_arrived(state, id, result),
        Msg::Done {
            thread,
            kind,
            result,
        } => done(state, thread, kind, result),
        Msg::Live(event) => live(state, &event),
        Msg::Connected => {
            state.connection = Connection::Connected;
            // whatever happened while the stream was down may not all be replayed
            Some(refresh(state))
        }
        Msg::ConnectionLost {
            attempt,
            retry_in,
            error,
        } => {
            let retry_in = Duration::from_std(retry_in).unwrap_or(Duration::MAX);
            state.connection = Connection::Reconnecting {
                attempt,
                retry_at: state.now.checked_add_signed(retry_in).unwrap_or(state.now),
                error,
            };
            None
        }
        Msg::Refused(error) => {
            state.connection = Connection::Offline {
                reason: failure::refused(&error),
            };
            None
        }
    }
}

/// Refetch the queues and the open conversation.
pub(super) fn refresh(state: &mut State) -> Action {
    state.queues_requested_at = Some(state.now);
    Action::Refresh {
        thread: state.conversation().map(|c| c.thread_id),
    }
}

fn tick(state: &mut State, now: chrono::DateTime<chrono::Utc>) -> Option<Action> {
    state.now = now;
    if state.flash.as_ref().is_some_and(|f| f.until <= now) {
        state.flash = None;
    }
    let every = match state.connection {
        Connection::Offline { .. } => return None,
        Connection::Connected => REFRESH_CONNECTED_SECS,
        Connection::Connecting | Connection::Reconnecting { .. } => REFRESH_DISCONNECTED_SECS,
    };
    let due = state
        .queues_requested_at
        .is_none_or(|at| now - at >= Duration::seconds(every));
    due.then(|| {
        state.queues_requested_at = Some(now);
        Action::FetchQueues
    })
}

fn queues_arrived(state: &mut State, result: Result<QueuesView, ClientError>) -> Option<Action> {
    match result {
        Ok(view) => {
            if let Some(me) = view.mine.iter().find_map(|e| e.assignee.clone()) {
                state.me = Some(me);
            }
            state.queues = Some(Queues {
                view,
                fetched_at: state.now,
            });
            state.queues_error = None;
            queues::fix_selection(state);
            if let Some(id) = state.conflict {
                name_the_winner(state, id, None);
            }
        }
        Err(error) => {
            let text = format!("could not load the queues: {error}");
            // while agentd is out of reach the status bar already says so
            if state.queues.is_some() && !matches!(error, ClientError::Network(_)) {
                state.flash_error(text.clone());
            }
            state.queues_error = Some(text);
        }
    }
    None
}

fn thread_arrived(
    state: &mut State,
    id: Uuid,
    result: Result<Box<ThreadDetail>, ClientError>,
) -> Option<Action> {
    match result {
        Ok(detail) => {
            if state.conflict == Some(id) {
                let owner = owner_name(&detail).cloned();
                name_the_winner(state, id, owner.as_deref());
            }
            if let Some(c) = state.conversation_mut().filter(|c| c.thread_id == id) {
                c.scroll = c.scroll.min(detail.messages.len().saturating_sub(1));
                c.detail = Some(*detail);
                c.error = None;
            }
        }
        Err(error) => {
            let gone = error.code() == Some("thread_not_found");
            if let Some(c) = state.conversation_mut().filter(|c| c.thread_id == id) {
                c.error = Some(if gone {
                    "this conversation no longer exists".into()
                } else {
                    format!("could not load the conversation: {error}")
                });
                if gone {
                    state.flash_error("that conversation no longer exists");
                }
            }
        }
    }
    None
}

/// After a lost claim race: once fresh data names the owner, say who it is.
fn name_the_winner(state: &mut State, id: Uuid, assignee: Option<&str>) {
    let owner = assignee
        .map(str::to_string)
        .or_else(|| state.entry(id).and_then(|(_, e)| e.assignee.clone()))
        .filter(|o| state.me.as_deref() != Some(o.as_str()));
    if let Some(owner) = owner {
        state.flash_error(failure::already_has(&owner));
        state.conflict = None;
    }
}

fn done(
    state: &mut State,
    thread: Uuid,
    kind: ActionKind,
    result: Result<Outcome, ClientError>,
) -> Option<Action> {
    // typing signals are best effort: neither success nor failure is news
    if kind == ActionKind::Typing {
        return None;
    }
    let sent = match kind {
        ActionKind::Reply | ActionKind::Note => state.sending.take_if(|s| s.thread == thread),
        _ => None,
    };
    match result {
        Ok(outcome) => {
            if let (ActionKind::Claim, Outcome::Ownership(o)) = (&kind, &outcome) {
                if o.status == ThreadStatus::Human && o.assignee.is_some() {
                    state.me = o.assignee.clone();
                }
            }
            state.flash_info(success(&kind, &outcome));
            Some(refresh(state))
        }
        Err(error) => {
            if let Some(sent) = sent {
                restore(state, sent);
            }
            let text = failure::describe(state, thread, &kind, &error);
            state.flash_error(text);
            match error.code() {
                Some("already_claimed") => {
                    state.conflict = Some(thread);
                    state.queues_requested_at = Some(state.now);
                    Some(Action::Refresh {
                        thread: Some(thread),
                    })
                }
                // the thread is not where the console thought: show where it is
                Some("not_owner" | "invalid_transition" | "thread_not_found") => {
                    Some(refresh(state))
                }
                _ => None,
            }
        }
    }
}

/// Puts a reply or note that failed to send back where it was typed, so no text is lost.
fn restore(state: &mut State, sent: Sending) {
    let open_here = state
        .conversation()
        .is_some_and(|c| c.thread_id == sent.thread);
    if open_here && state.input.is_none() {
        state.input = Some(Input::with_text(
            Prompt::Compose(sent.thread, sent.kind),
            &sent.text,
        ));
    } else {
        state.drafts.insert((sent.thread, sent.kind), sent.text);
    }
}

fn success(kind: &ActionKind, outcome: &Outcome) -> String {
    match (kind, outcome) {
        (ActionKind::Claim, _) => "you have this conversation now: r to reply".into(),
        (ActionKind::Reply, _) => "reply sent".into(),
        (ActionKind::Note, _) => "note added".into(),
        (ActionKind::HandBack, _) => "handed back to the bot".into(),
        (ActionKind::Resolve, _) => "resolved".into(),
        (ActionKind::Ticket, Outcome::Ticket(t)) if t.created => {
            format!("ticket #{} created", t.number)
        }
        (ActionKind::Ticket, Outcome::Ticket(t)) => {
            format!("ticket #{} already exists for this conversation", t.number)
        }
        (ActionKind::Ticket, _) => "ticket created".into(),
        (ActionKind::Assign { to }, _) => format!("assigned to {to}"),
        (ActionKind::Typing, _) => String::new(),
    }
}

fn live(state: &mut State, event: &LiveEvent) -> Option<Action> {
    let open = state.conversation().map(|c| c.thread_id);
    // an event that does not say which thread could be about the open one
    let about = event.thread_id();
    let thread = open.filter(|id| about.is_none_or(|a| a == *id));
    state.queues_requested_at = Some(state.now);
    Some(Action::Refresh { thread })
}

/// Opens `id` in the conversation view (the fetch follows).
pub(super) fn open(state: &mut State, id: Uuid) -> Action {
    state.selected = Some(id);
    state.screen = Screen::Conversation(Box::new(super::state::Conversation::new(id)));
    Action::FetchThread(id)
}

/// The status the console last heard for `id`.
pub(super) fn known_status(state: &State, id: Uuid) -> Option<ThreadStatus> {
    state
        .conversation()
        .filter(|c| c.thread_id == id)
        .and_then(|c| c.detail.as_ref())
        .map(|d| d.status)
        .or_else(|| state.entry(id).map(|(_, e)| e.status))
}

/// Keeps an unsent text for later.
pub(super) fn keep_draft(state: &mut State, id: Uuid, kind: Compose, text: &str) {
    if text.trim().is_empty() {
        state.drafts.remove(&(id, kind));
    } else {
        state.drafts.insert((id, kind), text.to_string());
    }
}
