//! The HTTP surface: one module per group of routes, assembled here with the layers
//! every request passes (request id, tracing span, metrics, body limit) and the widget
//! API's browser defences (CORS, CSRF).

pub mod admin;
pub mod assets;
pub mod feedback;
pub mod handoff;
pub mod health;
pub mod messages;
pub mod session;
pub mod thread;

use axum::extract::DefaultBodyLimit;
use axum::http::{Request, StatusCode};
use axum::middleware;
use axum::response::IntoResponse;
use axum::Router;
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::{DefaultOnResponse, TraceLayer};

use crate::error::ApiError;
use crate::AppState;

pub fn router(state: AppState) -> Router {
    let widget_api = Router::new()
        .merge(session::routes())
        .merge(messages::routes())
        .merge(thread::routes())
        .merge(handoff::routes())
        .merge(feedback::routes())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::guard::csrf,
        ))
        .layer(crate::guard::cors(&state.config.server.cors_origins));
    Router::new()
        .merge(health::routes())
        .merge(assets::routes())
        .merge(crate::openapi::routes())
        .merge(widget_api)
        .merge(admin::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(state.config.server.max_body_bytes))
        // outside the routes, so preflights of POST-only routes are answered too
        .layer(crate::guard::cors(&state.config.server.cors_origins))
        .layer(middleware::from_fn(crate::metrics::track))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                let id = request
                    .extensions()
                    .get::<RequestId>()
                    .and_then(|id| id.header_value().to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
            })
            .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

async fn not_found() -> impl IntoResponse {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such endpoint")
}

async fn method_not_allowed() -> impl IntoResponse {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this endpoint does not accept that method",
    )
}
