//! How a call to agentd can fail, as data the console can show: agentd's own error
//! contract (`{"error": {"code", "message"}}` with its status), agentd out of reach, or
//! an answer the console could not read.

use frontdesk_api::ErrorBody;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// agentd answered with an error: `code` is its stable code.
    #[error("{message} ({code})")]
    Api {
        status: u16,
        code: String,
        message: String,
    },
    /// The request did not get an answer (refused, timed out, dropped).
    #[error("cannot reach agentd: {0}")]
    Network(String),
    /// A success status with a body the console could not read.
    #[error("unexpected answer from agentd: {0}")]
    Decode(String),
}

impl ClientError {
    /// agentd's error code, for API errors.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// From an error response. A body outside the contract (a proxy's HTML page) still
    /// gives a readable message.
    pub fn from_response(status: u16, body: &str) -> Self {
        match serde_json::from_str::<ErrorBody>(body) {
            Ok(b) => Self::Api {
                status,
                code: b.error.code,
                message: b.error.message,
            },
            Err(_) => {
                let text: String = body.trim().chars().take(200).collect();
                Self::Api {
                    status,
                    code: format!("http_{status}"),
                    message: if text.is_empty() {
                        format!("HTTP {status}")
                    } else {
                        text
                    },
                }
            }
        }
    }

    /// From a transport error, with its causes (reqwest's own message is terse).
    pub fn network(error: &reqwest::Error) -> Self {
        let mut text = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            let line = cause.to_string();
            if !text.contains(&line) {
                text.push_str(": ");
                text.push_str(&line);
            }
            source = cause.source();
        }
        Self::Network(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_error_contract_and_anything_else() {
        assert_eq!(
            ClientError::from_response(
                409,
                r#"{"error":{"code":"already_claimed","message":"sam already has this conversation"}}"#
            ),
            ClientError::Api {
                status: 409,
                code: "already_claimed".into(),
                message: "sam already has this conversation".into()
            }
        );
        assert_eq!(
            ClientError::from_response(502, "<html>Bad Gateway</html>").code(),
            Some("http_502")
        );
        assert_eq!(
            ClientError::from_response(404, "").to_string(),
            "HTTP 404 (http_404)"
        );
    }
}
