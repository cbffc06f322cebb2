//! Outgoing webhooks (today `ticket.created`, for the WordPress plugin and anything
//! else that wants to hear about tickets).
//!
//! Events are written to the `outbox` table by triggers, in the transaction that
//! creates what they describe. [`Worker::run_once`] turns new events into one
//! `webhook_deliveries` row per configured receiver, then sends what is due:
//! HMAC-signed (`sign.rs`), every attempt recorded in `webhook_attempts`, retried with
//! exponential backoff until `webhooks.max_attempts`. A receiver with `format = "slack"`
//! (a Slack incoming webhook) gets each event as a readable message (`slack.rs`):
//! handoffs requested, claimed or taken over, and waits past their SLA. Several agentd processes can run
//! workers at once: rows are claimed with `FOR UPDATE SKIP LOCKED` and a lease.

pub mod sign;
pub mod slack;
mod worker;

pub use sign::{signature_header, verify_signature};
pub use worker::{Worker, WorkerReport};
