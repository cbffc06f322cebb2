//! Everything that can happen to the console, as one enum: keys and resizes from the
//! terminal, ticks of the clock, and what agentd sent back (queues, a thread, the
//! result of an action, a live event, the event stream dropping or coming back).
//! The runtime turns each into a [`Msg`]; tests build them by hand.

use std::time::Duration;

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;
use frontdesk_api::admin::{OwnershipView, PostedMessage, QueuesView, ThreadDetail, TicketView};
use uuid::Uuid;

use crate::client::{ClientError, LiveEvent};

#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste), delivered in one piece.
    Paste(String),
    Resize(u16, u16),
    /// The clock moved on (about once a second).
    Tick(DateTime<Utc>),
    Queues(Result<QueuesView, ClientError>),
    /// Boxed: a thread is large, and a message should stay cheap to move.
    Thread(Uuid, Result<Box<ThreadDetail>, ClientError>),
    /// An action on a thread finished.
    Done {
        thread: Uuid,
        kind: ActionKind,
        result: Result<Outcome, ClientError>,
    },
    /// Something changed on agentd (a status, an owner, a new message).
    Live(LiveEvent),
    /// The event stream is (again) connected.
    Connected,
    /// The event stream dropped; the client tries again after `retry_in`.
    ConnectionLost {
        attempt: u32,
        retry_in: Duration,
        error: String,
    },
    /// agentd refused the event stream (a bad token); the client stopped trying.
    Refused(ClientError),
}

/// Which action a [`Msg::Done`] reports on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionKind {
    Claim,
    Reply,
    Note,
    HandBack,
    Resolve,
    Ticket,
    Assign { to: String },
    Typing,
}

impl ActionKind {
    /// The verb for messages about it ("could not claim: ...").
    pub fn verb(&self) -> &'static str {
        match self {
            Self::Claim => "claim",
            Self::Reply => "send the reply",
            Self::Note => "add the note",
            Self::HandBack => "hand back",
            Self::Resolve => "resolve",
            Self::Ticket => "open a ticket",
            Self::Assign { .. } => "assign",
            Self::Typing => "signal typing",
        }
    }
}

/// What a successful action returned.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Claim, hand back, resolve, assign: who owns the thread now.
    Ownership(OwnershipView),
    /// Reply, note: the stored message.
    Posted(PostedMessage),
    Ticket(TicketView),
    /// A 2xx whose body the console did not need or could not read.
    Accepted,
}

impl From<crate::client::Live> for Msg {
    fn from(live: crate::client::Live) -> Self {
        use crate::client::Live;
        match live {
            Live::Connected => Msg::Connected,
            Live::Event(event) => Msg::Live(event),
            Live::Lost {
                attempt,
                retry_in,
                error,
            } => Msg::ConnectionLost {
                attempt,
                retry_in,
                error,
            },
            Live::Refused(error) => Msg::Refused(error),
        }
    }
}
