//! Words, in and out, with no dependency on the rest of the core: what a customer's
//! message signals (`cues.rs`: threats, self-harm, abuse, asking for a person), its
//! language (`language.rs`), what it names
//! (`slots.rs`: order ids and e-mail addresses), and the fixed sentences the bot says
//! (`replies.rs`). The guardrails, the offline brain, the tools and the orchestrator
//! all read these; none of them borrows from another.

pub mod cues;
pub mod language;
pub mod replies;
pub mod slots;
