//! The console's tests, one binary: update logic driven by messages only (no clock, no
//! network), screens rendered on a fixed-size `TestBackend` and compared as text, and
//! the HTTP client against a local stand-in for agentd's wire format.

mod actions;
mod client_events;
mod client_http;
mod conversation_view;
mod help_view;
mod queue_view;
mod resize;
mod status_bar;
mod support;
mod update_logic;
