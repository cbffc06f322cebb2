//! The event loop: terminal input, clock ticks, answers from agentd and the live event
//! stream all become [`Msg`]s, go through [`update`], and the [`Action`] it returns is
//! performed here, as a task whose result comes back as another message. The screen
//! is redrawn after every message.
//!
//! Fetches are coalesced: while the queues (or a thread) are being fetched, more
//! requests for them collapse into one fetch after it, so a burst of live events costs
//! two requests, not one per event.

use std::collections::HashSet;
use std::future::Future;
use std::time::Duration;

use anyhow::Context as _;
use chrono::Utc;
use crossterm::event::{Event, EventStream};
use futures_util::StreamExt as _;
use ratatui::backend::Backend;
use ratatui::Terminal;
use tokio::sync::mpsc;
use tokio::time::MissedTickBehavior;
use uuid::Uuid;

use crate::app::{update, Action, ActionKind, Msg, Outcome, State};
use crate::client::{Client, ClientError, Reconnect};
use crate::view::view;

/// Runs the console on `terminal` until the agent quits.
pub async fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    client: Client,
    mut state: State,
) -> anyhow::Result<()> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let live = {
        let client = client.clone();
        let tx = tx.clone();
        tokio::spawn(async move {
            client
                .follow(Reconnect::default(), |live| {
                    tx.send(Msg::from(live)).is_ok()
                })
                .await
        })
    };
    let mut performer = Performer::new(client, tx);
    let mut input = EventStream::new();
    let mut ticks = tokio::time::interval(Duration::from_secs(1));
    ticks.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let result = loop {
        if let Err(e) = terminal.draw(|frame| view(&state, frame)) {
            break Err(e).context("drawing the screen");
        }
        let msg = tokio::select! {
            event = input.next() => match event {
                Some(Ok(event)) => match from_terminal(event) {
                    Some(msg) => msg,
                    None => continue,
                },
                Some(Err(e)) => break Err(e).context("reading the terminal"),
                None => break Ok(()),
            },
            Some(msg) = rx.recv() => msg,
            // the first tick is immediate: it asks for the queues
            _ = ticks.tick() => Msg::Tick(Utc::now()),
        };
        performer.arrived(&msg);
        if let Some(action) = update(&mut state, msg) {
            if !performer.perform(action) {
                break Ok(());
            }
        }
    };
    live.abort();
    result
}

fn from_terminal(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) => Some(Msg::Key(key)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        _ => None,
    }
}

/// Performs actions as tasks and remembers which fetches are on their way; each result
/// comes back on `tx` as a [`Msg`]. Public so an update loop can be driven headlessly
/// (tests against a live agentd) exactly as [`run`] drives it.
pub struct Performer {
    client: Client,
    tx: mpsc::UnboundedSender<Msg>,
    queues_running: bool,
    queues_again: bool,
    threads_running: HashSet<Uuid>,
    threads_again: HashSet<Uuid>,
}

impl Performer {
    pub fn new(client: Client, tx: mpsc::UnboundedSender<Msg>) -> Self {
        Self {
            client,
            tx,
            queues_running: false,
            queues_again: false,
            threads_running: HashSet::new(),
            threads_again: HashSet::new(),
        }
    }

    /// Notes a fetch that finished, and starts the one that was asked for meanwhile.
    pub fn arrived(&mut self, msg: &Msg) {
        match msg {
            Msg::Queues(_) => {
                self.queues_running = false;
                if std::mem::take(&mut self.queues_again) {
                    self.fetch_queues();
                }
            }
            Msg::Thread(id, _) => {
                self.threads_running.remove(id);
                if self.threads_again.remove(id) {
                    self.fetch_thread(*id);
                }
            }
            _ => {}
        }
    }

    /// False for [`Action::Quit`].
    pub fn perform(&mut self, action: Action) -> bool {
        let client = self.client.clone();
        match action {
            Action::Quit => return false,
            Action::FetchQueues => self.fetch_queues(),
            Action::FetchThread(id) => self.fetch_thread(id),
            Action::Refresh { thread } => {
                self.fetch_queues();
                if let Some(id) = thread {
                    self.fetch_thread(id);
                }
            }
            Action::Claim(id) => self.act(id, ActionKind::Claim, async move {
                client.claim(id).await.map(ownership)
            }),
            Action::Reply { thread, text } => self.act(thread, ActionKind::Reply, async move {
                client.reply(thread, &text).await.map(posted)
            }),
            Action::Note { thread, text } => self.act(thread, ActionKind::Note, async move {
                client.note(thread, &text).await.map(posted)
            }),
            Action::HandBack { thread, reason } => {
                self.act(thread, ActionKind::HandBack, async move {
                    client.hand_back(thread, reason).await.map(ownership)
                })
            }
            Action::Resolve { thread, reason } => {
                self.act(thread, ActionKind::Resolve, async move {
                    client.resolve(thread, reason).await.map(ownership)
                })
            }
            Action::Ticket { thread, request } => {
                self.act(thread, ActionKind::Ticket, async move {
                    let ticket = client.ticket(thread, &request).await?;
                    Ok(ticket.map_or(Outcome::Accepted, Outcome::Ticket))
                })
            }
            Action::Assign { thread, to } => {
                let kind = ActionKind::Assign { to: to.clone() };
                self.act(thread, kind, async move {
                    client.assign(thread, &to).await.map(ownership)
                })
            }
            Action::Typing(id) => self.act(id, ActionKind::Typing, async move {
                client.typing(id).await.map(|()| Outcome::Accepted)
            }),
        }
        true
    }

    fn fetch_queues(&mut self) {
        if self.queues_running {
            self.queues_again = true;
            return;
        }
        self.queues_running = true;
        let (client, tx) = (self.client.clone(), self.tx.clone());
        tokio::spawn(async move {
            let result = client.queues().await;
            if let Err(error) = &result {
                tracing::warn!(%error, "could not fetch the queues");
            }
            let _ = tx.send(Msg::Queues(result));
        });
    }

    fn fetch_thread(&mut self, id: Uuid) {
        if !self.threads_running.insert(id) {
            self.threads_again.insert(id);
            return;
        }
        let (client, tx) = (self.client.clone(), self.tx.clone());
        tokio::spawn(async move {
            let result = client.thread(id).await.map(Box::new);
            if let Err(error) = &result {
                tracing::warn!(thread = %id, %error, "could not fetch the thread");
            }
            let _ = tx.send(Msg::Thread(id, result));
        });
    }

    fn act<F>(&self, thread: Uuid, kind: ActionKind, call: F)
    where
        F: Future<Output = Result<Outcome, ClientError>> + Send + 'static,
    {
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let result = call.await;
            match &result {
                Ok(_) => tracing::info!(thread = %thread, action = kind.verb(), "done"),
                Err(error) => {
                    tracing::warn!(thread = %thread, action = kind.verb(), %error, "refused")
                }
            }
            let _ = tx.send(Msg::Done {
                thread,
                kind,
                result,
            });
        });
    }
}

fn ownership(o: Option<frontdesk_api::admin::OwnershipView>) -> Outcome {
    o.map_or(Outcome::Accepted, Outcome::Ownership)
}

fn posted(p: Option<frontdesk_api::admin::PostedMessage>) -> Outcome {
    p.map_or(Outcome::Accepted, Outcome::Posted)
}
