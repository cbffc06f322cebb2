//! Integration tests of the shared library: one test binary, one module per feature.
//! Database tests create their own uuid-named database (see `support`).

mod agent;
mod brain_offline;
mod brain_providers;
mod embed_parity;
mod handoff;
mod kb_admin;
mod kb_ingest;
mod kb_search;
mod offline_draft;
mod orders;
mod parse;
mod support;
mod tickets;
