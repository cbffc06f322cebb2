//! Browser-facing defences of the widget API: CORS limited to the configured origins,
//! and CSRF — a state-changing request must carry `X-Frontdesk-Client` (which a plain
//! cross-site form or image cannot send, and a cross-site script only after a CORS
//! preflight that only allowed origins pass) and a JSON content type, and, when the
//! browser names an `Origin`, it must be allowed.

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::error::ApiError;
use crate::AppState;

pub const CLIENT_HEADER: &str = "x-frontdesk-client";

pub fn cors(origins: &[String]) -> CorsLayer {
    let list: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o.trim_end_matches('/')).ok())
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(list))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            HeaderName::from_static(CLIENT_HEADER),
            HeaderName::from_static("x-frontdesk-fingerprint"),
            HeaderName::from_static("last-event-id"),
            HeaderName::from_static("x-request-id"),
        ])
        .expose_headers([header::RETRY_AFTER, HeaderName::from_static("x-request-id")])
        .max_age(std::time::Duration::from_secs(600))
}

/// Whether `origin` may call the API: a configured origin, or agentd's own.
fn origin_allowed(state: &AppState, origin: &str, host: Option<&str>) -> bool {
    let origin = origin.trim_end_matches('/');
    if state
        .config
        .server
        .cors_origins
        .iter()
        .any(|o| o.trim_end_matches('/').eq_ignore_ascii_case(origin))
    {
        return true;
    }
    if origin.eq_ignore_ascii_case(&state.config.public_url()) {
        return true;
    }
    host.is_some_and(|h| {
        origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(h))
    })
}

pub async fn csrf(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let changes_state = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if changes_state {
        let headers = request.headers();
        let has_client = headers
            .get(CLIENT_HEADER)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| !v.trim().is_empty());
        let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        if !has_client {
            return rejected(
                "send the X-Frontdesk-Client header (state-changing requests from browsers must)",
            );
        }
        if let Some(origin) = origin {
            if !origin_allowed(&state, origin, host) {
                return rejected("this origin may not call the widget API (server.cors_origins)");
            }
        }
        if !crate::extract::is_json(headers) {
            return ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send the body as JSON with Content-Type: application/json",
            )
            .into_response();
        }
    }
    next.run(request).await
}

fn rejected(message: &str) -> Response {
    ApiError::new(StatusCode::FORBIDDEN, "csrf_rejected", message).into_response()
}
