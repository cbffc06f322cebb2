//! What each key does, by where the console is: the help overlay swallows keys, a
//! prompt gets them as text, otherwise they are commands for the queue view or the
//! conversation view. The bindings are listed for people in `view/help.rs`.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use frontdesk_api::admin::TicketRequest;
use frontdesk_api::ThreadStatus;
use uuid::Uuid;

use super::action::Action;
use super::editor::Edit;
use super::queues;
use super::state::{Compose, Input, Prompt, Screen, Section, Sending, State};
use super::update::{keep_draft, known_status, open, refresh};

/// Rows or messages one PageUp/PageDown moves.
const PAGE: usize = 10;
/// At most one "is typing" signal this often.
const TYPING_EVERY_SECS: i64 = 3;

pub(super) fn on_key(state: &mut State, key: KeyEvent) -> Option<Action> {
    // some terminals report releases too; a key counts once
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    if state.help {
        if key.code == KeyCode::Char('q') {
            return Some(Action::Quit);
        }
        state.help = false;
        return None;
    }
    if state.input.is_some() {
        return prompt_key(state, key);
    }
    if ctrl {
        return match key.code {
            KeyCode::Char('r') => {
                state.flash_info("refreshing");
                Some(refresh(state))
            }
            _ => None,
        };
    }
    match key.code {
        KeyCode::Char('?') => {
            state.help = true;
            None
        }
        KeyCode::Char('q') => Some(Action::Quit),
        KeyCode::Char('c') => claim(state),
        KeyCode::Char('r') => compose(state, Compose::Reply),
        KeyCode::Char('n') => compose(state, Compose::Note),
        KeyCode::Char('b') => ask(state, Prompt::HandBack),
        KeyCode::Char('x') => ask(state, Prompt::Resolve),
        KeyCode::Char('t') => ask(state, Prompt::TicketSubject),
        KeyCode::Char('a') => ask(state, Prompt::Assign),
        _ => match state.screen {
            Screen::Queues => queue_key(state, key),
            Screen::Conversation(_) => conversation_key(state, key),
        },
    }
}

pub(super) fn on_paste(state: &mut State, text: &str) -> Option<Action> {
    let input = state.input.as_mut()?;
    let multiline = input.prompt.multiline();
    input.editor.insert_str(text, multiline);
    edited(state)
}

/// The thread the action keys act on, or a hint when there is none.
fn target(state: &mut State) -> Option<Uuid> {
    let id = state.target();
    if id.is_none() {
        state.flash_info("select a conversation first");
    }
    id
}

fn claim(state: &mut State) -> Option<Action> {
    let id = target(state)?;
    if state.is_mine(id) {
        state.flash_info("this conversation is already yours");
        return None;
    }
    Some(Action::Claim(id))
}

/// `r` / `n`: the reply or note box, with any draft; from the queue view this opens
/// the conversation first, since nobody should answer without seeing it.
fn compose(state: &mut State, kind: Compose) -> Option<Action> {
    let id = target(state)?;
    let draft = state.drafts.remove(&(id, kind)).unwrap_or_default();
    let not_yet_mine = matches!(
        known_status(state, id),
        Some(ThreadStatus::Bot | ThreadStatus::WaitingHuman | ThreadStatus::Resolved)
    );
    if kind == Compose::Reply && not_yet_mine {
        state.flash_info("not yours yet: press c to claim it before replying");
    }
    let fetch = match &state.screen {
        Screen::Conversation(c) if c.thread_id == id => None,
        _ => Some(open(state, id)),
    };
    state.input = Some(Input::with_text(Prompt::Compose(id, kind), &draft));
    fetch
}

fn ask(state: &mut State, prompt: fn(Uuid) -> Prompt) -> Option<Action> {
    let id = target(state)?;
    state.input = Some(Input::new(prompt(id)));
    None
}

fn queue_key(state: &mut State, key: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => queues::move_selection(state, -1),
        KeyCode::Down | KeyCode::Char('j') => queues::move_selection(state, 1),
        KeyCode::PageUp => queues::move_selection(state, -(PAGE as isize)),
        KeyCode::PageDown => queues::move_selection(state, PAGE as isize),
        KeyCode::Home | KeyCode::Char('g') => queues::select_end(state, false),
        KeyCode::End | KeyCode::Char('G') => queues::select_end(state, true),
        KeyCode::Enter => {
            let id = target(state)?;
            return Some(open(state, id));
        }
        KeyCode::Char('0') => set_filter(state, None),
        KeyCode::Char(c @ '1'..='5') => {
            let n = c.to_digit(10).unwrap_or(0) as usize;
            set_filter(state, Section::from_number(n));
        }
        KeyCode::Tab => set_filter(state, cycle(state.filter, true)),
        KeyCode::BackTab => set_filter(state, cycle(state.filter, false)),
        KeyCode::Char('/') => {
            let search = state.search.clone();
            state.input = Some(Input::with_text(Prompt::Search, &search));
        }
        KeyCode::Esc if !state.search.is_empty() => {
            state.search.clear();
            queues::fix_selection(state);
        }
        KeyCode::Esc => set_filter(state, None),
        _ => {}
    }
    None
}

fn set_filter(state: &mut State, filter: Option<Section>) {
    state.filter = filter;
    queues::fix_selection(state);
}

/// All → Waiting → Mine → Others → Bot-active → Resolved → All (or backwards).
fn cycle(filter: Option<Section>, forward: bool) -> Option<Section> {
    let mut order: Vec<Option<Section>> = vec![None];
    order.extend(Section::ALL.map(Some));
    let at = order.iter().position(|f| *f == filter).unwrap_or(0);
    let len = order.len();
    let next = if forward {
        (at + 1) % len
    } else {
        (at + len - 1) % len
    };
    order[next]
}

fn conversation_key(state: &mut State, key: KeyEvent) -> Option<Action> {
    let Screen::Conversation(c) = &mut state.screen else {
        return None;
    };
    let messages = c.detail.as_ref().map_or(0, |d| d.messages.len());
    let top = messages.saturating_sub(1);
    match key.code {
        KeyCode::Esc | KeyCode::Backspace | KeyCode::Left | KeyCode::Char('h') => {
            let id = c.thread_id;
            state.screen = Screen::Queues;
            state.selected = Some(id);
            queues::fix_selection(state);
        }
        KeyCode::Up | KeyCode::Char('k') => c.scroll = (c.scroll + 1).min(top),
        KeyCode::Down | KeyCode::Char('j') => c.scroll = c.scroll.saturating_sub(1),
        KeyCode::PageUp => c.scroll = (c.scroll + PAGE).min(top),
        KeyCode::PageDown => c.scroll = c.scroll.saturating_sub(PAGE),
        KeyCode::Home | KeyCode::Char('g') => c.scroll = top,
        KeyCode::End | KeyCode::Char('G') => c.scroll = 0,
        _ => {}
    }
    None
}

fn prompt_key(state: &mut State, key: KeyEvent) -> Option<Action> {
    let input = state.input.as_mut()?;
    let multiline = input.prompt.multiline();
    match input.editor.key(key, multiline) {
        Edit::Changed => edited(state),
        Edit::Moved => None,
        Edit::Cancel => {
            cancel(state);
            None
        }
        Edit::Submit => submit(state),
    }
}

/// After the prompt's text changed: live search, and the typing signal for replies.
fn edited(state: &mut State) -> Option<Action> {
    let input = state.input.as_ref()?;
    match input.prompt {
        Prompt::Search => {
            state.search = input.editor.text().to_string();
            queues::fix_selection(state);
            None
        }
        Prompt::Compose(id, Compose::Reply) if !input.editor.is_blank() => {
            let due = state
                .typing_sent_at
                .is_none_or(|at| state.now - at >= chrono::Duration::seconds(TYPING_EVERY_SECS));
            due.then(|| {
                state.typing_sent_at = Some(state.now);
                Action::Typing(id)
            })
        }
        _ => None,
    }
}

fn cancel(state: &mut State) {
    let Some(input) = state.input.take() else {
        return;
    };
    match input.prompt {
        Prompt::Search => {
            state.search.clear();
            queues::fix_selection(state);
        }
        // Esc closes the box but keeps what was typed: `r` brings it back
        Prompt::Compose(id, kind) => keep_draft(state, id, kind, input.editor.text()),
        _ => {}
    }
}

fn submit(state: &mut State) -> Option<Action> {
    let input = state.input.take()?;
    let text = input.editor.text().trim().to_string();
    let optional = (!text.is_empty()).then(|| text.clone());
    let reopen = |state: &mut State, input: Input, hint: &str| {
        state.flash_info(hint);
        state.input = Some(input);
        None
    };
    match input.prompt.clone() {
        Prompt::Search => None,
        Prompt::Compose(thread, kind) => {
            if text.is_empty() {
                return reopen(state, input, "type something first (Esc to close)");
            }
            state.typing_sent_at = None;
            state.sending = Some(Sending {
                thread,
                kind,
                text: text.clone(),
            });
            Some(match kind {
                Compose::Reply => Action::Reply { thread, text },
                Compose::Note => Action::Note { thread, text },
            })
        }
        Prompt::Assign(thread) => {
            if text.is_empty() {
                return reopen(state, input, "type the agent's name (Esc to cancel)");
            }
            Some(Action::Assign { thread, to: text })
        }
        Prompt::HandBack(thread) => Some(Action::HandBack {
            thread,
            reason: optional,
        }),
        Prompt::Resolve(thread) => Some(Action::Resolve {
            thread,
            reason: optional,
        }),
        Prompt::TicketSubject(thread) => {
            if text.is_empty() {
                return reopen(state, input, "a ticket needs a subject (Esc to cancel)");
            }
            // the handoff summary is usually what the ticket is about
            let body = state
                .conversation()
                .filter(|c| c.thread_id == thread)
                .and_then(|c| c.detail.as_ref())
                .and_then(|d| d.handoff.as_ref())
                .map(|h| h.summary.clone())
                .unwrap_or_default();
            state.input = Some(Input::with_text(
                Prompt::TicketBody {
                    thread,
                    subject: text,
                },
                &body,
            ));
            None
        }
        Prompt::TicketBody { thread, subject } => {
            let body = if text.is_empty() {
                subject.clone()
            } else {
                text
            };
            Some(Action::Ticket {
                thread,
                request: TicketRequest {
                    subject,
                    body,
                    priority: None,
                },
            })
        }
    }
}
