//! `agent-console`: the operator console where human support agents watch the live
//! queues, take conversations over from the bot, reply, and hand them back.
//!
//! - `app` — state, messages, `update` and actions (the logic, without I/O)
//! - `view` — drawing the state (without side effects)
//! - `client` — agentd's Agent API over HTTP and its live event stream
//! - `runtime` — the event loop joining the three
//! - `terminal`, `logging` — the terminal's modes, logs to a file
//!
//! The console never opens a database or Redis connection: everything goes through agentd.

pub mod app;
pub mod client;
pub mod logging;
pub mod runtime;
pub mod terminal;
pub mod view;
