//! Request extractors: the JSON body under the error contract, the caller's identity,
//! and the client's IP and device.

mod caller;
mod client;
mod json;
mod query;

pub use caller::{bearer, Caller, OperatorCaller, SessionCaller};
pub use client::ClientInfo;
pub use json::{is_json, parse, ApiJson, OptionalJson};
pub use query::{in_range, ApiQuery, ThreadId};
