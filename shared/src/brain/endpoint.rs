//! The Brain of one configured endpoint (`llm.primary`, `llm.fallback`), checked
//! before the first call so a bad config fails at start-up, not mid-conversation.

use std::sync::Arc;

use super::anthropic::AnthropicBrain;
use super::openai::OpenAiBrain;
use super::Brain;
use crate::config::{LlmEndpoint, LlmProviderKind};

#[derive(Debug, thiserror::Error)]
pub enum EndpointError {
    #[error("the {provider} endpoint has no model: set its `model`")]
    MissingModel { provider: &'static str },
    #[error("base url {url:?} of the {provider} endpoint must start with http:// or https://")]
    BadBaseUrl { provider: &'static str, url: String },
    #[error("cannot build the http client: {0}")]
    Client(String),
}

/// The endpoint's Brain; `None` when its provider is `none` (the slot is skipped).
pub fn endpoint_brain(endpoint: &LlmEndpoint) -> Result<Option<Arc<dyn Brain>>, EndpointError> {
    Ok(match endpoint.provider {
        LlmProviderKind::None => None,
        LlmProviderKind::Openai => Some(Arc::new(OpenAiBrain::new(endpoint)?) as Arc<dyn Brain>),
        LlmProviderKind::Anthropic => {
            Some(Arc::new(AnthropicBrain::new(endpoint)?) as Arc<dyn Brain>)
        }
    })
}

/// `openai`, `anthropic` or `none`, as in the config file.
pub fn provider_name(kind: LlmProviderKind) -> &'static str {
    match kind {
        LlmProviderKind::None => "none",
        LlmProviderKind::Openai => "openai",
        LlmProviderKind::Anthropic => "anthropic",
    }
}

/// The configured model, which must be named.
pub(super) fn model(endpoint: &LlmEndpoint) -> Result<String, EndpointError> {
    let model = endpoint.model.trim();
    if model.is_empty() {
        return Err(EndpointError::MissingModel {
            provider: provider_name(endpoint.provider),
        });
    }
    Ok(model.to_string())
}

/// The base URL without a trailing slash; `default` when none is configured.
pub(super) fn base_url(endpoint: &LlmEndpoint, default: &str) -> Result<String, EndpointError> {
    let url = endpoint.base_url.trim().trim_end_matches('/');
    if url.is_empty() {
        return Ok(default.to_string());
    }
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(EndpointError::BadBaseUrl {
            provider: provider_name(endpoint.provider),
            url: url.to_string(),
        });
    }
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(provider: LlmProviderKind, model: &str, base_url: &str) -> LlmEndpoint {
        LlmEndpoint {
            provider,
            model: model.into(),
            base_url: base_url.into(),
            ..LlmEndpoint::default()
        }
    }

    #[test]
    fn brain_endpoint_none_is_skipped() {
        let brain = endpoint_brain(&LlmEndpoint::default()).unwrap();
        assert!(brain.is_none());
    }

    #[test]
    fn brain_endpoint_builds_each_provider() {
        let brain = endpoint_brain(&endpoint(LlmProviderKind::Openai, "llama3.1:8b", ""))
            .unwrap()
            .unwrap();
        assert_eq!((brain.provider(), brain.model()), ("openai", "llama3.1:8b"));
        let brain = endpoint_brain(&endpoint(
            LlmProviderKind::Anthropic,
            " claude-3-5-haiku-latest ",
            "https://proxy.example/",
        ))
        .unwrap()
        .unwrap();
        assert_eq!(
            (brain.provider(), brain.model()),
            ("anthropic", "claude-3-5-haiku-latest")
        );
    }

    #[test]
    fn brain_endpoint_needs_a_model_and_an_http_url() {
        let Err(error) = endpoint_brain(&endpoint(LlmProviderKind::Anthropic, " ", "")) else {
            panic!("an endpoint without a model must be refused");
        };
        assert_eq!(
            error.to_string(),
            "the anthropic endpoint has no model: set its `model`"
        );
        let Err(error) = endpoint_brain(&endpoint(
            LlmProviderKind::Openai,
            "gpt-4o-mini",
            "127.0.0.1:11434/v1",
        )) else {
            panic!("a base url without a scheme must be refused");
        };
        assert_eq!(
            error.to_string(),
            "base url \"127.0.0.1:11434/v1\" of the openai endpoint must start with http:// or https://"
        );
    }

    #[test]
    fn brain_endpoint_documented_examples_build() {
        let doc = include_str!("../../../docs/configuration.md");
        let examples: Vec<&str> = doc
            .split("```toml")
            .skip(1)
            .filter_map(|rest| rest.split("```").next())
            .collect();
        assert!(examples.len() >= 3, "the llm examples are gone");
        for example in examples {
            let config: crate::config::Config = toml::from_str(example)
                .unwrap_or_else(|e| panic!("docs/configuration.md example: {e}\n{example}"));
            for endpoint in [&config.llm.primary, &config.llm.fallback] {
                endpoint_brain(endpoint).unwrap();
            }
        }
    }

    #[test]
    fn brain_endpoint_base_url_defaults_and_trims() {
        let openai = endpoint(LlmProviderKind::Openai, "m", "");
        assert_eq!(base_url(&openai, "https://d/v1").unwrap(), "https://d/v1");
        let local = endpoint(LlmProviderKind::Openai, "m", "http://127.0.0.1:11434/v1/");
        assert_eq!(
            base_url(&local, "https://d/v1").unwrap(),
            "http://127.0.0.1:11434/v1"
        );
    }
}
