//! `POST /api/agent/session`: a widget session for an anonymous visitor or a signed-in
//! WordPress customer (whose plugin-minted JWT is verified here), and rotation of the
//! current token.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use frontdesk::auth::{jwt, Session, TokenProblem};
use frontdesk::limits::Verdict;
use frontdesk_api::widget::{SessionRequest, SessionResponse};
use frontdesk_api::ErrorBody;

use crate::error::{ApiError, ApiResult};
use crate::extract::{bearer, ApiJson, ClientInfo};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/agent/session", post(create_session))
}

/// Starts a session (or rotates the one whose token is sent as `Authorization`).
///
/// Body `{}` for an anonymous visitor; `{"user_token": "<JWT>"}` for a customer signed
/// in through the WordPress plugin, whose verified email order look-ups then use.
#[utoipa::path(post, path = "/api/agent/session", tag = "widget",
    request_body = SessionRequest,
    params(("X-Frontdesk-Client" = String, Header, description = "any value, e.g. `widget` (CSRF defence)")),
    responses(
        (status = 200, description = "a session token", body = SessionResponse),
        (status = 400, description = "bad body", body = ErrorBody),
        (status = 401, description = "the JWT or the token to rotate is not valid or has expired", body = ErrorBody),
        (status = 403, description = "CSRF check failed", body = ErrorBody),
        (status = 413, description = "body too large", body = ErrorBody),
        (status = 415, description = "not JSON", body = ErrorBody),
        (status = 429, description = "too many new sessions from this IP", body = ErrorBody),
        (status = 503, description = "Redis unavailable", body = ErrorBody)),
    security((), ("session" = [])))]
pub async fn create_session(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    ApiJson(request): ApiJson<SessionRequest>,
) -> ApiResult<Json<SessionResponse>> {
    let now = chrono::Utc::now().timestamp();
    // rotation: the current token in Authorization, no new identity in the body
    if let (Some(current), None) = (bearer(&headers), request.user_token.as_deref()) {
        let session = match state.sessions.resolve(current).await? {
            Ok(s) => s,
            Err(TokenProblem::Expired) => {
                return Err(ApiError::unauthorized(
                    "token_expired",
                    "the session token has expired; start a new session without it",
                ))
            }
            Err(TokenProblem::Invalid) => {
                return Err(ApiError::unauthorized(
                    "invalid_token",
                    "the session token is not valid",
                ))
            }
        };
        let issued = state.sessions.rotate(current, &session).await?;
        return Ok(Json(response(issued, &session)));
    }

    let ip = client.ip.clone().unwrap_or_default();
    if let Verdict::Limited { retry_after_secs } = state
        .limiter
        .hit(
            "sessions",
            &ip,
            state.config.limits.sessions_per_minute_per_ip,
            60,
        )
        .await?
    {
        metrics::counter!("frontdesk_rate_limited_total", "limit" => "sessions").increment(1);
        return Err(ApiError::too_many(
            "rate_limited",
            "too many new sessions from this address; please wait",
            retry_after_secs,
        ));
    }
    let session = match request.user_token.as_deref().map(str::trim) {
        None | Some("") => Session::anonymous(now),
        Some(token) => {
            if state.config.auth.wordpress.keys.is_empty() {
                return Err(ApiError::unauthorized(
                    "invalid_token",
                    "this agentd does not accept WordPress sign-ins (auth.wordpress.keys is empty)",
                ));
            }
            match jwt::verify(token, &state.config.auth.wordpress, now) {
                Ok(claims) => Session::wordpress(&claims, now),
                Err(e) if e.is_expiry() => {
                    return Err(ApiError::unauthorized(
                        "token_expired",
                        format!("user_token: {e}"),
                    ))
                }
                Err(e) => {
                    tracing::info!(reason = %e, "refused a WordPress token");
                    return Err(ApiError::unauthorized(
                        "invalid_token",
                        format!("user_token: {e}"),
                    ));
                }
            }
        }
    };
    let issued = state.sessions.issue(&session).await?;
    Ok(Json(response(issued, &session)))
}

fn response(issued: frontdesk::auth::IssuedToken, session: &Session) -> SessionResponse {
    SessionResponse {
        token: issued.token,
        expires_at: issued.expires_at,
        expires_in: issued.expires_in,
        verified: session.verified_email.is_some(),
        display_name: session.display_name.clone(),
    }
}
