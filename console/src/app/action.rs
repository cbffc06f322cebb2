//! What [`update`](super::update) asks the runtime to do. Each variant is one request to
//! agentd (or quitting); the runtime runs it and reports back with a
//! [`Msg`](super::Msg), so the logic that decides never does the I/O itself.

use frontdesk_api::admin::TicketRequest;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub enum Action {
    FetchQueues,
    FetchThread(Uuid),
    /// The queues, and this thread too when one is given (after anything changed).
    Refresh {
        thread: Option<Uuid>,
    },
    Claim(Uuid),
    Reply {
        thread: Uuid,
        text: String,
    },
    Note {
        thread: Uuid,
        text: String,
    },
    HandBack {
        thread: Uuid,
        reason: Option<String>,
    },
    Resolve {
        thread: Uuid,
        reason: Option<String>,
    },
    Ticket {
        thread: Uuid,
        request: TicketRequest,
    },
    Assign {
        thread: Uuid,
        to: String,
    },
    /// "… is typing" for the customer.
    Typing(Uuid),
    Quit,
}
