//! The console's logic as data, in the Elm architecture: [`State`] is everything on
//! screen, [`Msg`] everything that can happen, [`update`] the only place state changes,
//! and [`Action`] what update asks the runtime to do. Nothing here performs I/O, so
//! every behaviour can be tested by feeding messages and looking at the state.

pub mod action;
pub mod editor;
mod failure;
mod keys;
pub mod message;
pub mod payload;
pub mod queues;
pub mod state;
mod update;

pub use action::Action;
pub use message::{ActionKind, Msg, Outcome};
pub use state::{
    Compose, Connection, Conversation, Flash, FlashLevel, Input, Prompt, Queues, Screen, Section,
    Sending, State,
};
pub use update::{update, REFRESH_CONNECTED_SECS, REFRESH_DISCONNECTED_SECS};
