//! End-to-end tests across binaries.

mod kb_cli;
mod support;
