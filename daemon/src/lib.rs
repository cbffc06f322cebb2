//! agentd as a library: [`serve`] runs the HTTP server on a given listener until the
//! given shutdown future resolves, so tests start it on port 0 and stop it at will.

pub mod routes;
mod state;

use std::future::{Future, IntoFuture};
use std::time::Duration;

use anyhow::Context as _;
use frontdesk::config::Config;
use frontdesk::db;
use tokio::net::TcpListener;

pub use state::AppState;

/// Connects to the database (migrating it per `database.auto_migrate`), then serves
/// until `shutdown` resolves and requests in flight have finished (bounded by
/// `server.shutdown_grace_secs`).
pub async fn serve(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let pool = db::connect(&config.database, None).await?;
    db::ensure_schema(&pool, config.database.auto_migrate)
        .await
        .context("preparing the database schema")?;
    let grace = Duration::from_secs(config.server.shutdown_grace_secs);
    let state = AppState::new(config, pool);
    let app = routes::router(state);
    let addr = listener.local_addr()?;
    tracing::info!(%addr, "agentd listening");

    let (drained_tx, drained_rx) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        shutdown.await;
        tracing::info!("shutdown requested; draining requests in flight");
        let _ = drained_tx.send(());
    });
    let mut server = std::pin::pin!(server.into_future());
    tokio::select! {
        result = &mut server => result.context("http server")?,
        _ = async { let _ = drained_rx.await; tokio::time::sleep(grace).await } => {
            tracing::warn!(grace_secs = grace.as_secs(), "requests still in flight after the grace period; exiting");
        }
    }
    tracing::info!("agentd stopped");
    Ok(())
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
