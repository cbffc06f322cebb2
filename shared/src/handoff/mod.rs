//! The human handoff: who owns a conversation (`transition.rs`, the state machine as
//! pure functions; `ownership.rs`, its changes in Postgres), the summary a person reads first (`summary.rs`), business hours
//! (`hours.rs`) and the support queues (`queues.rs`). The request itself — with what
//! the customer is told — is `Toolbox::hand_off` (`tools/handoff.rs`), shared by the
//! `handoff_human` tool and the widget's button.

pub mod hours;
pub mod ownership;
pub mod queues;
pub mod summary;
pub mod transition;

pub use ownership::{Actor, Owner, OwnershipError};
pub use transition::{Action, Refused};
