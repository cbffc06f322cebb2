//! Live events: what the widget and the console hear as it happens.
//!
//! - `bus.rs`: [`EventBus`], capped Redis Streams per [`Topic`] (replay after
//!   `Last-Event-ID`) plus pub/sub wake-ups across processes;
//! - `sink.rs`: [`EventSink`], where the turn service and the Agent API send events (the
//!   bus in agentd and `agentctl ask`, [`NoEvents`] where nobody listens);
//! - `live.rs`: [`Live`], the typed publisher: a message, a status change, typing, an
//!   overdue wait — each to the thread's topic and/or the queue topic, never an
//!   internal note to the thread's.

mod bus;
pub mod live;
mod sink;

pub use bus::{parse_id, Event, EventBus, Topic};
pub use live::Live;
pub use sink::{EventSink, NoEvents};
