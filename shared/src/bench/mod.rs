//! Measurements the CLI prints and `docs/benchmarks.md` records: retrieval quality
//! on BEIR-format data sets and embedding speed.

pub mod beir;
pub mod embed;
pub mod metrics;
