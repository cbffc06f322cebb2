//! `ClientInfo`: the caller's IP (the socket peer, or the proxy's `X-Forwarded-For`
//! entry when `server.trust_proxy` is on) and device fingerprint (the widget's
//! `X-Frontdesk-Fingerprint`), for rate limits and look-up lockouts.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::AppState;

#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub fingerprint: Option<String>,
}

/// Longest fingerprint kept; anything longer is cut (it is only a rate-limit key).
const MAX_FINGERPRINT: usize = 64;

impl FromRequestParts<AppState> for ClientInfo {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string());
        let forwarded = state
            .config
            .server
            .trust_proxy
            .then(|| {
                parts
                    .headers
                    .get("x-forwarded-for")
                    .and_then(|v| v.to_str().ok())
                    // our proxy appends the address it saw: the right-most entry
                    .and_then(|v| v.rsplit(',').next())
                    .map(|s| s.trim().to_string())
                    .filter(|s| s.parse::<std::net::IpAddr>().is_ok())
            })
            .flatten();
        let fingerprint = parts
            .headers
            .get("x-frontdesk-fingerprint")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.trim().chars().take(MAX_FINGERPRINT).collect::<String>())
            .filter(|v| !v.is_empty());
        Ok(Self {
            ip: forwarded.or(peer),
            fingerprint,
        })
    }
}
