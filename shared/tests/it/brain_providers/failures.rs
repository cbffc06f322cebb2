//! Failed calls: each maps to its `BrainError`, on time, and never shows the key.

use std::sync::Arc;
use std::time::{Duration, Instant};

use frontdesk::brain::{Brain, BrainError, Purpose};
use frontdesk::config::{LlmEndpoint, Secret};

use super::{ask, build, user, Provider, TIMEOUT};
use crate::support::{ScriptedLlm, Step};

both!(
    http_500_is_an_http_error,
    hang_past_the_request_timeout_times_out,
    endpoint_timeout_bounds_the_call,
    api_key_header_and_redaction,
    unreadable_answer_is_malformed,
    unreachable_server_is_a_transport_error,
);

async fn http_500_is_an_http_error(provider: Provider) {
    let llm = ScriptedLlm::start().await;
    llm.push(Step::error(500, "upstream exploded"));
    let brain = provider.brain(&llm);

    let error = ask(&*brain, &[user("hi")], &[], Purpose::Draft, TIMEOUT)
        .await
        .unwrap_err();

    let BrainError::Http { status, message } = &error else {
        panic!("expected an http error, got {error:?}");
    };
    assert_eq!((*status, message.as_str()), (500, "upstream exploded"));
    assert_eq!(error.outcome(), "http_error");
    assert_eq!(
        error.to_string(),
        "the provider answered HTTP 500: upstream exploded"
    );
}

async fn hang_past_the_request_timeout_times_out(provider: Provider) {
    let llm = ScriptedLlm::start().await;
    llm.push(Step::Hang(Duration::from_secs(10)));
    let brain = provider.brain(&llm);
    let timeout = Duration::from_millis(300);

    let started = Instant::now();
    let error = ask(&*brain, &[user("hi")], &[], Purpose::Draft, timeout)
        .await
        .unwrap_err();
    let elapsed = started.elapsed();

    assert!(
        matches!(error, BrainError::Timeout(t) if t == timeout),
        "{error:?}"
    );
    assert_eq!(error.outcome(), "timeout");
    assert!(
        elapsed >= Duration::from_millis(250) && elapsed < Duration::from_millis(1_500),
        "timed out after {elapsed:?}"
    );
    assert_eq!(llm.calls(), 1);
}

async fn endpoint_timeout_bounds_the_call(provider: Provider) {
    let llm = ScriptedLlm::start().await;
    llm.push(Step::delayed(Duration::from_secs(10), Step::text("late")));
    let brain = build(&LlmEndpoint {
        timeout_ms: 300,
        ..provider.endpoint(&llm)
    });

    let started = Instant::now();
    let error = ask(
        &*brain,
        &[user("hi")],
        &[],
        Purpose::Draft,
        Duration::from_secs(5),
    )
    .await
    .unwrap_err();

    assert!(
        matches!(error, BrainError::Timeout(t) if t == Duration::from_millis(300)),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_millis(1_500));
}

async fn api_key_header_and_redaction(provider: Provider) {
    let llm = ScriptedLlm::start().await;
    llm.require_api_key("sk-right-1");

    // Without a key no auth header is sent (local servers), and this server refuses.
    let error = ask(
        &*provider.brain(&llm),
        &[user("hi")],
        &[],
        Purpose::Draft,
        TIMEOUT,
    )
    .await
    .unwrap_err();
    assert!(
        matches!(error, BrainError::Http { status: 401, .. }),
        "{error:?}"
    );
    let sent = &llm.recorded()[0];
    assert_eq!(sent.header("authorization"), None);
    assert_eq!(sent.header("x-api-key"), None);

    // The right key, in the wire's header.
    let brain = brain_with_key(provider, &llm, "sk-right-1");
    ask(&*brain, &[user("hi")], &[], Purpose::Draft, TIMEOUT)
        .await
        .unwrap();
    let sent = &llm.recorded()[1];
    match provider {
        Provider::OpenAi => {
            assert_eq!(sent.header("authorization"), Some("Bearer sk-right-1"));
            assert_eq!(sent.header("x-api-key"), None);
        }
        Provider::Anthropic => {
            assert_eq!(sent.header("x-api-key"), Some("sk-right-1"));
            assert_eq!(sent.header("anthropic-version"), Some("2023-06-01"));
            assert_eq!(sent.header("authorization"), None);
        }
    }

    // A wrong key that the provider echoes back never reaches the error.
    let brain = brain_with_key(provider, &llm, "sk-wrong-SECRET");
    let error = ask(&*brain, &[user("hi")], &[], Purpose::Draft, TIMEOUT)
        .await
        .unwrap_err();
    assert!(
        matches!(error, BrainError::Http { status: 401, .. }),
        "{error:?}"
    );
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("sk-wrong-SECRET"), "{shown}");
    assert!(shown.contains("invalid api key: [redacted]"), "{shown}");
    assert_eq!(llm.calls(), 3);
}

async fn unreadable_answer_is_malformed(provider: Provider) {
    let llm = ScriptedLlm::start().await;
    llm.push(Step::Raw {
        status: 200,
        body: "<html>gateway</html>".into(),
    });
    llm.push(Step::Raw {
        status: 200,
        body: r#"{"unexpected": true}"#.into(),
    });
    let brain = provider.brain(&llm);

    for _ in 0..2 {
        let error = ask(&*brain, &[user("hi")], &[], Purpose::Draft, TIMEOUT)
            .await
            .unwrap_err();
        assert!(matches!(error, BrainError::Malformed(_)), "{error:?}");
        assert_eq!(error.outcome(), "malformed");
    }
}

async fn unreachable_server_is_a_transport_error(provider: Provider) {
    // A port that was free a moment ago: nothing listens there.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let llm = ScriptedLlm::start().await;
    let endpoint = provider.endpoint(&llm);
    let base_url = endpoint.base_url.replace(
        &llm.base_url_anthropic(),
        &format!("http://127.0.0.1:{port}"),
    );
    let brain = build(&LlmEndpoint {
        base_url,
        ..endpoint
    });

    let error = ask(&*brain, &[user("hi")], &[], Purpose::Draft, TIMEOUT)
        .await
        .unwrap_err();

    assert!(matches!(error, BrainError::Transport(_)), "{error:?}");
    assert_eq!(error.outcome(), "transport_error");
    assert_eq!(llm.calls(), 0);
}

fn brain_with_key(provider: Provider, llm: &ScriptedLlm, key: &str) -> Arc<dyn Brain> {
    build(&LlmEndpoint {
        api_key: Secret::new(key),
        ..provider.endpoint(llm)
    })
}
