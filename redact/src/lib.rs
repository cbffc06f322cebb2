//! What never leaves Frontdesk in clear, shared by every binary (the operator console
//! included, which links nothing else of the core):
//!
//! - [`Secret`]: a configured value whose `Debug`, `Display` and `Serialize` show a
//!   redaction marker (`secret.rs`);
//! - [`pii`]: personal data in free text (e-mail addresses, card numbers, IBANs, phone
//!   numbers, street addresses) replaced by typed placeholders, and the one definition
//!   of what an e-mail address looks like (`email.rs`);
//! - [`Masked`]: a log writer that masks every line on its way out (`writer.rs`).

pub mod email;
pub mod pii;
mod secret;
mod writer;

pub use secret::{redact_url_password, Secret, REDACTED};
pub use writer::{Masked, MaskedWriter};
