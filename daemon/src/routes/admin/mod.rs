//! `/admin/agent/...`: operators' endpoints, behind admin tokens with roles
//! (`auth.admin_tokens`): tools and their breakers, the knowledge base, metrics and
//! conversations.

pub mod agent;
pub mod kb;
pub mod metrics;
pub mod threads;
pub mod tools;

use axum::Router;

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(agent::routes())
        .merge(tools::routes())
        .merge(kb::routes())
        .merge(metrics::routes())
        .merge(threads::routes())
}
