//! `ApiJson<T>`: a JSON body extractor whose every rejection speaks the error contract
//! (415 not JSON, 413 too large, 400 `bad_json` for broken syntax, 400
//! `invalid_request` naming the field for a body of the wrong shape).

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

/// Whether the request says its body is JSON (`application/json`, any parameters).
pub fn is_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| {
            let mime = mime.trim().to_ascii_lowercase();
            mime == "application/json"
                || (mime.starts_with("application/") && mime.ends_with("+json"))
        })
}

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send the body as JSON with Content-Type: application/json",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "body_too_large",
                    "the request body is too large",
                )
            } else {
                ApiError::bad_request("bad_json", "the request body could not be read")
            }
        })?;
        parse(&bytes).map(ApiJson)
    }
}

/// An optional JSON body: none (empty) is `None`; anything else must be JSON of `T`.
#[derive(Debug, Clone)]
pub struct OptionalJson<T>(pub Option<T>);

impl<T, S> FromRequest<S> for OptionalJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json = is_json(req.headers());
        let bytes = Bytes::from_request(req, state).await.map_err(|_| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_too_large",
                "the request body is too large",
            )
        })?;
        let blank = bytes.iter().all(u8::is_ascii_whitespace);
        if blank || bytes.trim_ascii() == b"null" {
            return Ok(Self(None));
        }
        if !json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send the body as JSON with Content-Type: application/json",
            ));
        }
        parse(&bytes).map(|v| Self(Some(v)))
    }
}

/// Parses a JSON body the way [`ApiJson`] does.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // first as JSON at all, so broken syntax and a wrong shape get different codes
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::bad_request("bad_json", format!("the body is not valid JSON: {e}"))
    })?;
    if !value.is_object() {
        return Err(ApiError::bad_request(
            "invalid_request",
            "the body must be a JSON object",
        ));
    }
    // Postgres text cannot hold NUL, and no one means to send one: it is dropped
    let mut value = value;
    strip_nul(&mut value);
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let message = strip_position(&e.into_inner().to_string());
        if path.is_empty() || path == "." {
            ApiError::bad_request("invalid_request", message)
        } else {
            ApiError::bad_request("invalid_request", format!("{path}: {message}"))
        }
    })
}

/// Removes NUL characters from every string and key.
fn strip_nul(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) if s.contains('\0') => *s = s.replace('\0', ""),
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_nul),
        serde_json::Value::Object(map) => {
            if map.keys().any(|k| k.contains('\0')) {
                let entries = std::mem::take(map);
                for (k, v) in entries {
                    map.insert(k.replace('\0', ""), v);
                }
            }
            map.values_mut().for_each(strip_nul);
        }
        _ => {}
    }
}

/// serde_json appends "at line 1 column 17"; the field path says more.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Msg {
        user_msg: String,
        #[serde(default)]
        #[allow(dead_code)]
        thread_id: Option<uuid::Uuid>,
    }

    #[track_caller]
    fn check(body: &str, code: &str, message_part: &str) {
        let e = parse::<Msg>(body.as_bytes()).unwrap_err();
        assert_eq!(e.code, code, "{}", e.message);
        assert!(e.message.contains(message_part), "{}", e.message);
    }

    #[test]
    fn errors_name_the_problem() {
        check("{", "bad_json", "not valid JSON");
        check(r#"{"user_msg": "hi"} x"#, "bad_json", "not valid JSON");
        check("{}", "invalid_request", "missing field `user_msg`");
        check(
            r#"{"user_msg": 5}"#,
            "invalid_request",
            "user_msg: invalid type",
        );
        check(
            r#"{"user_msg": "hi", "thread_id": "nope"}"#,
            "invalid_request",
            "thread_id",
        );
        check(
            r#"{"user_msg": "hi", "extra": 1}"#,
            "invalid_request",
            "unknown field `extra`",
        );
        check(r#"["hi"]"#, "invalid_request", "must be a JSON object");
        assert!(parse::<Msg>(br#"{"user_msg": "hi"}"#).is_ok());
        let stripped: Msg = parse(br#"{"user_msg": "a\u0000b"}"#).unwrap();
        assert_eq!(stripped.user_msg, "ab", "NUL characters are dropped");
    }
}
