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

/// Parses a JSON body the way [`ApiJson`] does.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                ApiError::bad_request("bad_json", format!("the body is not valid JSON: {inner}"))
            }
            _ => {
                let message = strip_position(&inner.to_string());
                if path.is_empty() || path == "." {
                    ApiError::bad_request("invalid_request", message)
                } else {
                    ApiError::bad_request("invalid_request", format!("{path}: {message}"))
                }
            }
        }
    })?;
    de.end().map_err(|e| {
        ApiError::bad_request("bad_json", format!("the body is not valid JSON: {e}"))
    })?;
    Ok(value)
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
    #[allow(dead_code)]
    struct Msg {
        user_msg: String,
        #[serde(default)]
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
        assert!(parse::<Msg>(br#"{"user_msg": "hi"}"#).is_ok());
    }
}
