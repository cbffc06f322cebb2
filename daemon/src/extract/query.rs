//! `ApiQuery<T>` and `ThreadId`: query strings and path ids whose rejections speak the
//! error contract instead of axum's plain-text defaults.

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::error::ApiError;

#[derive(Debug, Clone)]
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::try_from_uri(&parts.uri)
            .map(|q| ApiQuery(q.0))
            .map_err(|e| ApiError::bad_request("invalid_request", e.body_text()))
    }
}

/// The `{id}` of a thread route; a malformed id reads as an unknown thread.
#[derive(Debug, Clone, Copy)]
pub struct ThreadId(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for ThreadId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::thread_not_found())?;
        raw.parse()
            .map(ThreadId)
            .map_err(|_| ApiError::thread_not_found())
    }
}

/// `value` (or `default` when absent), refused with 400 outside `min..=max`.
pub fn in_range(
    name: &str,
    value: Option<u32>,
    default: u32,
    min: u32,
    max: u32,
) -> Result<u32, ApiError> {
    let v = value.unwrap_or(default);
    if (min..=max).contains(&v) {
        Ok(v)
    } else {
        Err(ApiError::bad_request(
            "invalid_request",
            format!("{name} must be between {min} and {max}"),
        ))
    }
}
