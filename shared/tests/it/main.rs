//! Integration tests of the shared library: one test binary, one module per feature.
//! Database tests create their own uuid-named database (see `support`).

mod embed_parity;
mod parse;
mod support;
