//! The widget (`/widget.js`) and the demo shop page (`/demo`), compiled into the binary
//! so the WordPress plugin and the demo load exactly the widget this agentd speaks to.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::AppState;

const WIDGET_JS: &str = include_str!("../../assets/widget.js");
const DEMO_HTML: &str = include_str!("../../assets/demo.html");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/widget.js", get(widget))
        .route("/demo", get(demo))
        .route("/demo/", get(demo))
}

/// A strong validator for the compiled-in widget: its content hash.
fn widget_etag() -> &'static str {
    static ETAG: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ETAG.get_or_init(|| {
        use sha2::Digest as _;
        format!(
            "\"{}\"",
            &hex::encode(sha2::Sha256::digest(WIDGET_JS.as_bytes()))[..16]
        )
    })
}

/// The chat widget.
#[utoipa::path(get, path = "/widget.js", tag = "widget",
    responses(
        (status = 200, description = "the widget script", body = String, content_type = "application/javascript"),
        (status = 304, description = "not modified")))]
pub async fn widget(headers: HeaderMap) -> Response {
    let etag = widget_etag();
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag))
    {
        return (
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, HeaderValue::from_static(etag))],
        )
            .into_response();
    }
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/javascript; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            ),
            (header::ETAG, HeaderValue::from_static(etag)),
            // any site may embed the widget; what it may call is governed by CORS
            (
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        WIDGET_JS,
    )
        .into_response()
}

/// A demo page of the fictional shop with the widget on it.
#[utoipa::path(get, path = "/demo", tag = "widget",
    responses((status = 200, description = "the demo page", body = String, content_type = "text/html")))]
pub async fn demo() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("strict-origin-when-cross-origin"),
            ),
        ],
        DEMO_HTML,
    )
        .into_response()
}
