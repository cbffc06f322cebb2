//! The offline brain: routes with the embedding model plus rules, extracts slots, and
//! drafts grounded answers extractively from tool results. No network, no API key.

pub mod router;
pub mod slots;

pub use router::{Route, Router, Routing};
