//! Who is calling: widget sessions (`session.rs`), the WordPress customer's JWT
//! (`jwt.rs`) and admin tokens with roles (`admin.rs`). Identity for the agent's tools
//! comes only from here, never from what the Brain says.

pub mod admin;
pub mod jwt;
pub mod session;

pub use admin::{operator, Operator};
pub use jwt::{JwtError, WordPressClaims};
pub use session::{IssuedToken, Session, Sessions, TokenProblem};
