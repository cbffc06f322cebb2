//! Measurements the CLI prints and `docs/benchmarks.md` records: retrieval quality
//! on BEIR-format data sets, answer quality on labelled shops, and embedding speed.

pub mod answers;
pub mod beir;
pub mod embed;
pub mod metrics;
