//! Shared state of every request handler, assembled once at start-up.

use std::sync::Arc;

use frontdesk::auth::Sessions;
use frontdesk::config::Config;
use frontdesk::events::EventBus;
use frontdesk::limits::RateLimiter;
use frontdesk::orchestrator::Agent;
use frontdesk_embed::Embedder;
use metrics_exporter_prometheus::PrometheusHandle;
use redis::aio::ConnectionManager;
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::jobs::Jobs;

#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub pool: PgPool,
    pub redis: ConnectionManager,
    pub embedder: Embedder,
    pub agent: Arc<Agent>,
    pub sessions: Sessions,
    pub limiter: RateLimiter,
    pub events: EventBus,
    pub jobs: Jobs,
    pub metrics: PrometheusHandle,
    /// Cancelled when the server starts draining: live event streams end then.
    pub shutdown: CancellationToken,
    /// Turns and jobs in flight; the drain waits for them.
    pub tasks: TaskTracker,
}
