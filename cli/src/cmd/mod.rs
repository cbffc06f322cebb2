//! One module per subcommand.

pub mod ask;
pub mod bench;
pub mod config;
pub mod db;
pub mod kb;
pub mod orders;
