//! Everything the console shows, as plain data: the queues as last fetched, what is
//! selected and filtered, the open conversation, the prompt being typed, the help
//! overlay, the connection to agentd and the latest flash message.
//!
//! Time is part of the state (`now`, advanced by ticks) rather than read from the
//! clock, so waiting times and countdowns render the same in tests as they were set up.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};
use frontdesk_api::admin::{QueueEntry, QueuesView, ThreadDetail};
use frontdesk_api::ThreadStatus;
use uuid::Uuid;

use super::editor::Editor;

/// How long a flash message stays up.
pub const FLASH_INFO_SECS: i64 = 4;
pub const FLASH_ERROR_SECS: i64 = 8;

#[derive(Debug, Clone)]
pub struct State {
    /// agentd's base URL, shown in the status bar.
    pub server: String,
    /// The wall clock as of the latest tick.
    pub now: DateTime<Utc>,
    /// How times are shown (the machine's local offset at start-up).
    pub utc_offset: FixedOffset,
    pub connection: Connection,
    /// The operator name agentd knows this token by, once a response has told us
    /// (the `mine` queue or a claim); there is no endpoint that says so directly.
    pub me: Option<String>,
    /// `None` until the first successful fetch.
    pub queues: Option<Queues>,
    /// Why the latest queue fetch failed, shown while there is nothing to show.
    pub queues_error: Option<String>,
    /// When the console last asked for the queues (for the periodic refresh).
    pub queues_requested_at: Option<DateTime<Utc>>,
    /// Show only this section; `None` shows all of them.
    pub filter: Option<Section>,
    /// Case-insensitive text matched against last message, reason and thread id.
    pub search: String,
    /// The highlighted thread, by id so that a refresh does not move the cursor.
    pub selected: Option<Uuid>,
    pub screen: Screen,
    /// The prompt being typed into, if any.
    pub input: Option<Input>,
    /// Unsent replies and notes, kept when their box is closed.
    pub drafts: HashMap<(Uuid, Compose), String>,
    /// A reply or note on its way, put back into the box if sending fails.
    pub sending: Option<Sending>,
    pub help: bool,
    pub flash: Option<Flash>,
    /// A claim that lost the race: the next data about this thread names the winner.
    pub conflict: Option<Uuid>,
    /// When the last "is typing" signal went out (at most one every few seconds).
    pub typing_sent_at: Option<DateTime<Utc>>,
}

impl State {
    pub fn new(server: impl Into<String>, now: DateTime<Utc>, utc_offset: FixedOffset) -> Self {
        Self {
            server: server.into(),
            now,
            utc_offset,
            connection: Connection::Connecting,
            me: None,
            queues: None,
            queues_error: None,
            queues_requested_at: None,
            filter: None,
            search: String::new(),
            selected: None,
            screen: Screen::Queues,
            input: None,
            drafts: HashMap::new(),
            sending: None,
            help: false,
            flash: None,
            conflict: None,
            typing_sent_at: None,
        }
    }

    /// The conversation on screen, if one is open.
    pub fn conversation(&self) -> Option<&Conversation> {
        match &self.screen {
            Screen::Conversation(c) => Some(c),
            Screen::Queues => None,
        }
    }

    pub fn conversation_mut(&mut self) -> Option<&mut Conversation> {
        match &mut self.screen {
            Screen::Conversation(c) => Some(c),
            Screen::Queues => None,
        }
    }

    /// The thread the action keys act on: the open conversation, else the selection.
    pub fn target(&self) -> Option<Uuid> {
        self.conversation().map(|c| c.thread_id).or(self.selected)
    }

    /// The queue entry of `id`, in whichever section it is.
    pub fn entry(&self, id: Uuid) -> Option<(Section, &QueueEntry)> {
        let queues = &self.queues.as_ref()?.view;
        Section::ALL.into_iter().find_map(|s| {
            s.entries(queues)
                .iter()
                .find(|e| e.thread_id == id)
                .map(|e| (s, e))
        })
    }

    /// Whether the console knows `id` to be this agent's: it is in the `mine` queue, or
    /// the open conversation is with a person who is this agent.
    pub fn is_mine(&self, id: Uuid) -> bool {
        if self.entry(id).is_some_and(|(s, _)| s == Section::Mine) {
            return true;
        }
        let Some(me) = &self.me else {
            return false;
        };
        self.conversation()
            .filter(|c| c.thread_id == id)
            .and_then(|c| c.detail.as_ref())
            .is_some_and(|d| d.status == ThreadStatus::Human && owner_name(d) == Some(me))
    }

    pub fn flash_info(&mut self, text: impl Into<String>) {
        self.flash = Some(Flash::new(text, FlashLevel::Info, self.now));
    }

    pub fn flash_error(&mut self, text: impl Into<String>) {
        self.flash = Some(Flash::new(text, FlashLevel::Error, self.now));
    }
}

/// The operator name of whoever owns `detail`. The latest ownership change names it
/// (`ThreadDetail::assignee` is the display name customers see, which may differ).
pub fn owner_name(detail: &ThreadDetail) -> Option<&String> {
    detail
        .transitions
        .last()
        .filter(|t| t.to == detail.status)
        .and_then(|t| t.assignee.as_ref())
        .or(detail.assignee.as_ref())
}

/// The queues as agentd last sent them, and when they arrived (waiting times grow
/// from there).
#[derive(Debug, Clone)]
pub struct Queues {
    pub view: QueuesView,
    pub fetched_at: DateTime<Utc>,
}

/// The five parts of the queue view, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Waiting,
    Mine,
    Others,
    BotActive,
    Resolved,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Waiting,
        Section::Mine,
        Section::Others,
        Section::BotActive,
        Section::Resolved,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Self::Waiting => "Waiting",
            Self::Mine => "Mine",
            Self::Others => "Others",
            Self::BotActive => "Bot-active",
            Self::Resolved => "Recently resolved",
        }
    }

    /// The short name on the filter bar.
    pub fn tab(self) -> &'static str {
        match self {
            Self::Waiting => "Waiting",
            Self::Mine => "Mine",
            Self::Others => "Others",
            Self::BotActive => "Bot",
            Self::Resolved => "Resolved",
        }
    }

    /// What an empty section says.
    pub fn empty(self) -> &'static str {
        match self {
            Self::Waiting => "nobody is waiting",
            Self::Mine => "you have no conversations",
            Self::Others => "no one else has a conversation",
            Self::BotActive => "the bot is not talking to anyone",
            Self::Resolved => "nothing resolved in the last 24 hours",
        }
    }

    /// `1`–`5` on the keyboard.
    pub fn number(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    pub fn from_number(n: usize) -> Option<Self> {
        n.checked_sub(1).and_then(|i| Self::ALL.get(i).copied())
    }

    pub fn entries(self, view: &QueuesView) -> &[QueueEntry] {
        match self {
            Self::Waiting => &view.waiting,
            Self::Mine => &view.mine,
            Self::Others => &view.others,
            Self::BotActive => &view.bot_active,
            Self::Resolved => &view.resolved,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Screen {
    Queues,
    /// Boxed: most of the time the queue view is on screen.
    Conversation(Box<Conversation>),
}

/// The conversation view: which thread, what agentd sent about it, how far up the
/// transcript is scrolled.
#[derive(Debug, Clone)]
pub struct Conversation {
    pub thread_id: Uuid,
    /// `None` while the first fetch is on its way.
    pub detail: Option<ThreadDetail>,
    /// Why the latest fetch failed.
    pub error: Option<String>,
    /// Messages hidden below the bottom of the transcript (0 = the newest is visible).
    pub scroll: usize,
}

impl Conversation {
    pub fn new(thread_id: Uuid) -> Self {
        Self {
            thread_id,
            detail: None,
            error: None,
            scroll: 0,
        }
    }
}

/// The two kinds of text an agent writes into a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Compose {
    /// To the customer.
    Reply,
    /// Internal, never shown to the customer.
    Note,
}

/// What a prompt is for; each but `Search` acts on one thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    Search,
    Compose(Uuid, Compose),
    Assign(Uuid),
    HandBack(Uuid),
    Resolve(Uuid),
    TicketSubject(Uuid),
    TicketBody { thread: Uuid, subject: String },
}

impl Prompt {
    pub fn thread(&self) -> Option<Uuid> {
        match self {
            Self::Search => None,
            Self::Compose(id, _)
            | Self::Assign(id)
            | Self::HandBack(id)
            | Self::Resolve(id)
            | Self::TicketSubject(id) => Some(*id),
            Self::TicketBody { thread, .. } => Some(*thread),
        }
    }

    /// Whether Alt+Enter adds a line (replies, notes and ticket bodies are prose).
    pub fn multiline(&self) -> bool {
        matches!(self, Self::Compose(..) | Self::TicketBody { .. })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub prompt: Prompt,
    pub editor: Editor,
}

impl Input {
    pub fn new(prompt: Prompt) -> Self {
        Self {
            prompt,
            editor: Editor::default(),
        }
    }

    pub fn with_text(prompt: Prompt, text: &str) -> Self {
        Self {
            prompt,
            editor: Editor::with_text(text),
        }
    }
}

/// A reply or note that has been sent but not yet confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sending {
    pub thread: Uuid,
    pub kind: Compose,
    pub text: String,
}

/// The event stream to agentd, which is also how the console knows agentd is there.
#[derive(Debug, Clone, PartialEq)]
pub enum Connection {
    /// Starting up, before the first answer.
    Connecting,
    Connected,
    /// The stream dropped; the next attempt is at `retry_at`.
    Reconnecting {
        attempt: u32,
        retry_at: DateTime<Utc>,
        error: String,
    },
    /// agentd refused the console (a bad token): retrying would not help.
    Offline {
        reason: String,
    },
}

/// Attempts after which a reconnecting console calls itself offline (it keeps trying).
pub const OFFLINE_AFTER_ATTEMPTS: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlashLevel {
    Info,
    Error,
}

/// A one-line message in the status bar that goes away by itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Flash {
    pub text: String,
    pub level: FlashLevel,
    pub until: DateTime<Utc>,
}

impl Flash {
    pub fn new(text: impl Into<String>, level: FlashLevel, now: DateTime<Utc>) -> Self {
        let secs = match level {
            FlashLevel::Info => FLASH_INFO_SECS,
            FlashLevel::Error => FLASH_ERROR_SECS,
        };
        Self {
            text: text.into(),
            level,
            until: now + chrono::Duration::seconds(secs),
        }
    }
}
