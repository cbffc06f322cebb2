//! End-to-end tests across binaries.

mod kb_cli;
mod orders_cli;
mod support;
