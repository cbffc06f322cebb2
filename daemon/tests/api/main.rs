//! agentd's HTTP API against real PostgreSQL (pgvector) and Redis, over real HTTP.

mod admin;
mod conversation;
mod errors;
mod events;
mod handoff;
mod limits;
mod operations;
mod sessions;
mod support;
mod webhooks;
