//! The scripted LLM server itself: step order, the default, both wires, refusals.

use frontdesk::brain::{BrainError, ChatItem, Purpose};
use serde_json::{json, Value};

use super::{ask, search_kb, user, Provider, TIMEOUT};
use crate::support::llm_server::{DEFAULT_TEXT, DEFAULT_USAGE};
use crate::support::{ScriptedLlm, Step};

both!(scripted_llm_refuses_what_the_api_refuses);

async fn scripted_llm_refuses_what_the_api_refuses(provider: Provider) {
    let llm = ScriptedLlm::start().await;
    llm.push(Step::text("never played"));
    let brain = provider.brain(&llm);
    // A tool result that answers no earlier tool call.
    let history = [
        user("hi"),
        ChatItem::ToolResult {
            call_id: "call_missing".into(),
            name: "search_kb".into(),
            content: "[]".into(),
            is_error: false,
        },
    ];

    let error = ask(&*brain, &history, &[search_kb()], Purpose::Route, TIMEOUT)
        .await
        .unwrap_err();

    let BrainError::Http {
        status: 400,
        message,
    } = &error
    else {
        panic!("expected a 400, got {error:?}");
    };
    assert!(message.contains("call_missing"), "{message}");
    assert_eq!((llm.calls(), llm.pending()), (1, 1), "no step consumed");
}

#[tokio::test]
async fn scripted_llm_plays_steps_in_order_then_the_default() {
    let llm = ScriptedLlm::start().await;
    llm.push_all([Step::text("one"), Step::text("two")]);
    let brain = Provider::OpenAi.brain(&llm);
    let mut texts = Vec::new();
    for _ in 0..3 {
        let reply = ask(&*brain, &[user("hi")], &[], Purpose::Draft, TIMEOUT)
            .await
            .unwrap();
        texts.push(reply.text.unwrap());
    }
    assert_eq!(texts, ["one", "two", DEFAULT_TEXT]);

    llm.set_default(Step::error(503, "down"));
    let error = ask(&*brain, &[user("hi")], &[], Purpose::Draft, TIMEOUT)
        .await
        .unwrap_err();
    assert!(
        matches!(error, BrainError::Http { status: 503, .. }),
        "{error:?}"
    );
    assert_eq!(llm.calls(), 4);
}

#[tokio::test]
async fn scripted_llm_renders_each_wire() {
    let llm = ScriptedLlm::start().await;
    llm.push(Step::tool_call("get_order", r#"{"order_id":"1042"}"#));
    llm.push(Step::tool_call("get_order", "not json"));
    let http = reqwest::Client::new();
    let openai: Value = http
        .post(format!("{}/chat/completions", llm.base_url_openai()))
        .json(&json!({"model": "m", "messages": [{"role": "user", "content": "hi"}]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let anthropic: Value = http
        .post(format!("{}/v1/messages", llm.base_url_anthropic()))
        .json(&json!({
            "model": "m",
            "max_tokens": 10,
            "messages": [{"role": "user", "content": "hi"}],
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    assert_eq!(openai["choices"][0]["finish_reason"], "tool_calls");
    let call = &openai["choices"][0]["message"]["tool_calls"][0];
    assert_eq!(call["type"], "function");
    assert_eq!(call["function"]["name"], "get_order");
    assert_eq!(call["function"]["arguments"], r#"{"order_id":"1042"}"#);
    assert_eq!(openai["usage"]["prompt_tokens"], DEFAULT_USAGE.tokens_in);
    assert_eq!(anthropic["stop_reason"], "tool_use");
    assert_eq!(anthropic["content"][0]["type"], "tool_use");
    assert_eq!(anthropic["content"][0]["input"], "not json");
    assert_eq!(
        anthropic["usage"]["output_tokens"],
        DEFAULT_USAGE.tokens_out
    );
    assert_eq!(llm.requests().len(), 2);
}
