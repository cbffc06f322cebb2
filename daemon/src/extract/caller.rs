//! Who is calling, from `Authorization: Bearer ...`: a widget session (a token agentd
//! issued) or an operator (an admin token from `auth.admin_tokens`).

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use frontdesk::auth::{Operator, Session, TokenProblem};
use frontdesk::config::Role;

use crate::error::ApiError;
use crate::AppState;

/// The bearer token of the request, if any.
pub fn bearer(headers: &axum::http::HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// The bearer token, or 401 `unauthorized` telling what to send.
fn required_bearer<'a>(parts: &'a Parts, what: &str) -> Result<&'a str, ApiError> {
    bearer(&parts.headers).ok_or_else(|| {
        ApiError::unauthorized(
            "unauthorized",
            format!("send {what} as Authorization: Bearer <token>"),
        )
    })
}

fn is_session_token(token: &str) -> bool {
    token.starts_with("fds1.")
}

/// A widget session (required).
#[derive(Debug, Clone)]
pub struct SessionCaller {
    pub session: Session,
    pub token: String,
}

impl FromRequestParts<AppState> for SessionCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = required_bearer(parts, "the session token from POST /api/agent/session")?;
        resolve_session(state, token).await
    }
}

async fn resolve_session(state: &AppState, token: &str) -> Result<SessionCaller, ApiError> {
    match state.sessions.resolve(token).await? {
        Ok(session) => Ok(SessionCaller {
            session,
            token: token.to_string(),
        }),
        Err(TokenProblem::Expired) => Err(ApiError::unauthorized(
            "token_expired",
            "the session token has expired; get a new one from POST /api/agent/session",
        )),
        Err(TokenProblem::Invalid) => Err(ApiError::unauthorized(
            "invalid_token",
            "the session token is not valid",
        )),
    }
}

/// A widget session or an operator (reading a thread).
#[derive(Debug, Clone)]
pub enum Caller {
    Session(SessionCaller),
    Operator(Operator),
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = required_bearer(parts, "a session or admin token")?;
        if is_session_token(token) {
            return resolve_session(state, token).await.map(Caller::Session);
        }
        frontdesk::auth::operator(&state.config.auth, token)
            .map(Caller::Operator)
            .ok_or_else(|| ApiError::unauthorized("invalid_token", "the token is not valid"))
    }
}

/// An operator with an admin token (any role; handlers call [`OperatorCaller::require`]).
#[derive(Debug, Clone)]
pub struct OperatorCaller(pub Operator);

impl OperatorCaller {
    pub fn require(&self, role: Role) -> Result<&Operator, ApiError> {
        if self.0.allows(role) {
            Ok(&self.0)
        } else {
            Err(ApiError::forbidden(format!(
                "this needs the {} role; the token has {}",
                role.as_str(),
                self.0.role.as_str()
            )))
        }
    }
}

impl FromRequestParts<AppState> for OperatorCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = required_bearer(parts, "an admin token")?;
        frontdesk::auth::operator(&state.config.auth, token)
            .map(OperatorCaller)
            .ok_or_else(|| ApiError::unauthorized("invalid_token", "the admin token is not valid"))
    }
}
