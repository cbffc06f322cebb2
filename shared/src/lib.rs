//! Frontdesk core library, shared by `agentd`, `agentctl` and `agent-console`.
//!
//! It never imports axum, ratatui or clap: it holds the domain (config, storage,
//! knowledge base, embedder, retrieval) and leaves transports and UIs to the binaries.

pub mod auth;
pub mod bench;
pub mod brain;
pub mod config;
pub mod db;
pub mod events;
pub mod feedback;
pub mod guardrails;
pub mod handoff;
pub mod identity;
pub mod kb;
pub mod limits;
pub mod memory;
pub mod metrics;
pub mod orchestrator;
pub mod orders;
pub mod telemetry;
pub mod text;
pub mod threads;
pub mod tickets;
pub mod tool_api;
pub mod tools;
pub mod webhooks;
