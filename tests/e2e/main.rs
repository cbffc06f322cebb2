//! End-to-end tests across binaries.

mod ask_cli;
mod console;
mod kb_cli;
mod logs;
mod orders_cli;
mod support;
mod widget_browser;
mod wordpress;
