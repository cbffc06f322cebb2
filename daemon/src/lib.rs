//! agentd as a library: [`serve`] runs the HTTP server on a given listener until the
//! given shutdown future resolves, so tests start it on port 0 and stop it at will.
//!
//! Start-up assembles the agent (database, Redis, embedding model, Brain chain, tools),
//! then serves the widget API, the admin API and operations endpoints, and runs the
//! background work: the webhook delivery worker and the live-event listener. On
//! shutdown it stops accepting, ends live event streams, lets turns and jobs in flight
//! finish (bounded by `server.shutdown_grace_secs`), then returns.

pub mod error;
pub mod extract;
mod guard;
mod jobs;
pub mod metrics;
pub mod openapi;
pub mod routes;
mod state;

use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use frontdesk::auth::Sessions;
use frontdesk::config::Config;
use frontdesk::db;
use frontdesk::events::EventBus;
use frontdesk::limits::RateLimiter;
use frontdesk::orchestrator::{connect_redis, Agent};
use frontdesk_embed::Embedder;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

pub use state::AppState;

/// Builds everything the handlers share.
pub async fn build_state(config: Config) -> anyhow::Result<AppState> {
    let problems = config.problems();
    if !problems.is_empty() {
        anyhow::bail!(
            "the configuration has problems:\n  - {}",
            problems.join("\n  - ")
        );
    }
    let pool = db::connect(&config.database, None).await?;
    db::ensure_schema(&pool, config.database.auto_migrate)
        .await
        .context("preparing the database schema")?;
    let redis = connect_redis(&config.redis)
        .await
        .with_context(|| format!("connecting to Redis at {}", config.redis.url.redacted_url()))?;
    let redis_client = redis::Client::open(config.redis.url.expose()).context("Redis URL")?;
    let embedder = Embedder::from_config(&config.embedding)
        .await
        .context("loading the embedding model (run scripts/setup.sh to fetch it)")?;
    let prefix = &config.redis.key_prefix;
    let events = EventBus::new(redis_client, redis.clone(), prefix);
    let sink = Arc::new(events.clone());
    let agent = Agent::from_config(&config, pool.clone(), embedder.clone(), redis.clone(), sink)
        .await
        .context("assembling the agent")?;
    Ok(AppState {
        sessions: Sessions::new(
            redis.clone(),
            prefix,
            config.auth.session_ttl_secs,
            config.auth.session_rotation_grace_secs,
        ),
        limiter: RateLimiter::new(redis.clone(), prefix),
        events,
        jobs: jobs::Jobs::new(redis.clone(), prefix),
        metrics: metrics::handle(),
        shutdown: CancellationToken::new(),
        tasks: TaskTracker::new(),
        agent: Arc::new(agent),
        embedder,
        redis,
        pool,
        config: Arc::new(config),
    })
}

/// Serves until `shutdown` resolves, then drains: requests, turns and jobs in flight
/// finish, bounded by `server.shutdown_grace_secs`.
pub async fn serve(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let state = build_state(config).await?;
    serve_state(state, listener, shutdown).await
}

pub async fn serve_state(
    state: AppState,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let grace = Duration::from_secs(state.config.server.shutdown_grace_secs);
    let background = spawn_background(&state);
    let app = routes::router(state.clone());
    let addr = listener.local_addr()?;
    tracing::info!(%addr, url = %state.config.public_url(), "agentd listening");

    let stopping = state.shutdown.clone();
    let (drained_tx, drained_rx) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown.await;
        tracing::info!("shutdown requested; draining requests in flight");
        // live event streams would otherwise hold the drain open
        stopping.cancel();
        let _ = drained_tx.send(());
    });
    let mut server = std::pin::pin!(server.into_future());
    let deadline = async {
        let _ = drained_rx.await;
        tokio::time::sleep(grace).await
    };
    tokio::select! {
        result = &mut server => result.context("http server")?,
        _ = deadline => {
            tracing::warn!(grace_secs = grace.as_secs(), "requests still in flight after the grace period; exiting");
        }
    }
    state.shutdown.cancel();
    state.tasks.close();
    if tokio::time::timeout(grace, state.tasks.wait())
        .await
        .is_err()
    {
        tracing::warn!("turns or jobs still running after the grace period; exiting");
    }
    for task in background {
        let _ = tokio::time::timeout(Duration::from_secs(2), task).await;
    }
    tracing::info!("agentd stopped");
    Ok(())
}

fn spawn_background(state: &AppState) -> Vec<tokio::task::JoinHandle<()>> {
    let worker =
        frontdesk::webhooks::Worker::new(state.pool.clone(), state.config.webhooks.clone());
    let stop = state.shutdown.clone();
    let webhooks = tokio::spawn(async move { worker.run(stop.cancelled_owned()).await });
    let events = state.events.clone();
    let stop = state.shutdown.clone();
    let listener = tokio::spawn(async move { events.listen(stop.cancelled_owned()).await });
    let sweeper = tokio::spawn(sweep_overdue(state.clone()));
    vec![webhooks, listener, sweeper]
}

/// Flags handoffs waiting past their queue's SLA (each once, whichever process sees it
/// first) and tells the console.
async fn sweep_overdue(state: AppState) {
    let every = Duration::from_secs(10);
    loop {
        match frontdesk::handoff::queues::flag_overdue(&state.pool).await {
            Ok(flagged) => {
                for (thread_id, queue) in flagged {
                    tracing::warn!(%thread_id, queue, "a customer has waited past the queue's SLA");
                    state.agent.live().overdue(thread_id, &queue).await;
                }
            }
            Err(error) => tracing::warn!(%error, "could not check waiting times"),
        }
        tokio::select! {
            _ = state.shutdown.cancelled() => return,
            _ = tokio::time::sleep(every) => {}
        }
    }
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
