//! Versioned prompt templates. The files live in `shared/prompts/`; the version is
//! recorded with every LLM call and eval run, so a prompt change compares like a code
//! change. Bump `PROMPT_VERSION` whenever a template's wording changes.

pub const PROMPT_VERSION: &str = "system-2026-12-03.1";

/// The system prompt for every provider.
pub const SYSTEM: &str = include_str!("../../prompts/system.md");
