//! Successful calls: text, tool calls out and tool results back, usage and model.

use frontdesk::brain::{cost_usd, ChatItem, Purpose, Usage};
use frontdesk::config::{LlmEndpoint, ModelPrice};
use serde_json::{json, Value};

use super::{ask, build, search_kb, user, Provider, SYSTEM, TIMEOUT};
use crate::support::llm_server::{DEFAULT_TEXT, DEFAULT_USAGE};
use crate::support::{ScriptedLlm, Step};

both!(
    text_reply,
    tool_call_round_trip,
    parallel_tool_calls,
    malformed_arguments_pass_through_raw,
    usage_and_model_are_reported,
);

async fn text_reply(provider: Provider) {
    let llm = ScriptedLlm::start().await;
    llm.push(Step::text("Returns are free within 30 days."));
    let brain = provider.brain(&llm);

    let reply = ask(
        &*brain,
        &[user("can I return shoes?")],
        &[],
        Purpose::Draft,
        TIMEOUT,
    )
    .await
    .unwrap();

    assert_eq!(
        reply.text.as_deref(),
        Some("Returns are free within 30 days.")
    );
    assert!(reply.tool_calls.is_empty());
    assert_eq!(reply.usage, DEFAULT_USAGE);
    assert_eq!(reply.model, provider.model());
    assert_eq!(llm.calls(), 1);
    let body = llm.last_request();
    assert_eq!(body["model"], provider.model());
    assert_eq!(body["temperature"], json!(0.5));
    assert_eq!(body["max_tokens"], 600);
    assert!(
        body.get("tools").is_none(),
        "no tools on a draft call: {body}"
    );
    let wrapped = "<customer_message>can I return shoes?</customer_message>";
    match provider {
        Provider::OpenAi => {
            assert_eq!(llm.recorded()[0].path, "/v1/chat/completions");
            assert_eq!(
                body["messages"],
                json!([
                    {"role": "system", "content": SYSTEM},
                    {"role": "user", "content": wrapped},
                ])
            );
        }
        Provider::Anthropic => {
            assert_eq!(llm.recorded()[0].path, "/v1/messages");
            assert_eq!(body["system"], SYSTEM);
            assert_eq!(
                body["messages"],
                json!([{"role": "user", "content": [{"type": "text", "text": wrapped}]}])
            );
        }
    }
}

async fn tool_call_round_trip(provider: Provider) {
    let llm = ScriptedLlm::start().await;
    llm.push(Step::tool_call("search_kb", r#"{"query":"returns"}"#));
    llm.push(Step::text("I found the policy."));
    llm.push(Step::text("You can return items within 30 days."));
    let brain = provider.brain(&llm);
    let tools = [search_kb()];
    let mut history = vec![user("how do returns work?")];

    // Route: the model asks for a tool.
    let first = ask(&*brain, &history, &tools, Purpose::Route, TIMEOUT)
        .await
        .unwrap();
    assert_eq!(first.text, None);
    let [call] = first.tool_calls.as_slice() else {
        panic!("one tool call expected: {first:?}");
    };
    assert_eq!(call.name, "search_kb");
    assert_eq!(call.arguments, r#"{"query":"returns"}"#);
    let body = &llm.requests()[0];
    assert_eq!(body["temperature"], json!(0.2));
    match provider {
        Provider::OpenAi => assert_eq!(
            body["tools"],
            json!([{"type": "function", "function": {
                "name": "search_kb",
                "description": "Search the help centre.",
                "parameters": search_kb().parameters,
            }}])
        ),
        Provider::Anthropic => assert_eq!(
            body["tools"],
            json!([{
                "name": "search_kb",
                "description": "Search the help centre.",
                "input_schema": search_kb().parameters,
            }])
        ),
    }

    // Route again with the tool's result in the history.
    history.push(ChatItem::Assistant {
        text: None,
        tool_calls: first.tool_calls.clone(),
    });
    history.push(ChatItem::ToolResult {
        call_id: call.id.clone(),
        name: "search_kb".into(),
        content: r#"[{"title":"Returns","snippet":"30 days"}]"#.into(),
        is_error: false,
    });
    let second = ask(&*brain, &history, &tools, Purpose::Route, TIMEOUT)
        .await
        .unwrap();
    assert_eq!(second.text.as_deref(), Some("I found the policy."));
    let body = &llm.requests()[1];
    let result_text = r#"<tool_result name="search_kb" status="ok">[{"title":"Returns","snippet":"30 days"}]</tool_result>"#;
    match provider {
        Provider::OpenAi => {
            let messages = body["messages"].as_array().unwrap();
            assert_eq!(messages.len(), 4, "system, user, assistant, tool: {body}");
            assert_eq!(
                messages[2],
                json!({"role": "assistant", "content": "", "tool_calls": [{
                    "id": call.id, "type": "function",
                    "function": {"name": "search_kb", "arguments": r#"{"query":"returns"}"#},
                }]})
            );
            assert_eq!(
                messages[3],
                json!({"role": "tool", "tool_call_id": call.id, "content": result_text})
            );
        }
        Provider::Anthropic => {
            assert_eq!(body["system"], SYSTEM);
            let messages = body["messages"].as_array().unwrap();
            assert_eq!(messages.len(), 3, "user, assistant, user: {body}");
            assert_eq!(
                messages[1],
                json!({"role": "assistant", "content": [{
                    "type": "tool_use", "id": call.id, "name": "search_kb",
                    "input": {"query": "returns"},
                }]})
            );
            assert_eq!(
                messages[2],
                json!({"role": "user", "content": [{
                    "type": "tool_result", "tool_use_id": call.id,
                    "content": result_text, "is_error": false,
                }]})
            );
        }
    }

    // Draft: no tools, temperature 0.5; the tool exchange still reaches the model.
    let third = ask(&*brain, &history, &[], Purpose::Draft, TIMEOUT)
        .await
        .unwrap();
    assert_eq!(
        third.text.as_deref(),
        Some("You can return items within 30 days.")
    );
    let body = &llm.requests()[2];
    assert_eq!(body["temperature"], json!(0.5));
    assert!(body.get("tools").is_none());
    assert!(body.to_string().contains(&json!(result_text).to_string()));
    assert_eq!(llm.calls(), 3);
    assert_eq!(llm.pending(), 0);
}

async fn parallel_tool_calls(provider: Provider) {
    let llm = ScriptedLlm::start().await;
    llm.push(Step::tool_calls([
        ("search_kb", r#"{"query":"returns"}"#),
        ("search_kb", r#"{"query":"refund time"}"#),
    ]));
    let brain = provider.brain(&llm);

    let reply = ask(
        &*brain,
        &[user("returns and refunds?")],
        &[search_kb()],
        Purpose::Route,
        TIMEOUT,
    )
    .await
    .unwrap();

    let arguments: Vec<&str> = reply
        .tool_calls
        .iter()
        .map(|c| c.arguments.as_str())
        .collect();
    assert_eq!(
        arguments,
        [r#"{"query":"returns"}"#, r#"{"query":"refund time"}"#]
    );
    assert_ne!(reply.tool_calls[0].id, reply.tool_calls[1].id);
}

async fn malformed_arguments_pass_through_raw(provider: Provider) {
    let llm = ScriptedLlm::start().await;
    let raw = r#"{"query": "returns""#; // truncated JSON
    llm.push(Step::tool_call("search_kb", raw));
    llm.push(Step::tool_call("search_kb", r#"{"query":"returns"}"#));
    let brain = provider.brain(&llm);
    let tools = [search_kb()];
    let mut history = vec![user("returns?")];

    let reply = ask(&*brain, &history, &tools, Purpose::Route, TIMEOUT)
        .await
        .unwrap();

    let call = &reply.tool_calls[0];
    match provider {
        // Sent verbatim, invalid JSON included.
        Provider::OpenAi => assert_eq!(call.arguments, raw),
        // The wire can only carry JSON: a non-object `input`, kept as its JSON text.
        Provider::Anthropic => assert_eq!(call.arguments, json!(raw).to_string()),
    }
    assert!(!serde_json::from_str::<Value>(&call.arguments).is_ok_and(|v| v.is_object()));

    // The tool layer reports the problem; the provider must send that back cleanly.
    history.push(ChatItem::Assistant {
        text: None,
        tool_calls: reply.tool_calls.clone(),
    });
    history.push(ChatItem::ToolResult {
        call_id: call.id.clone(),
        name: call.name.clone(),
        content: "arguments are not a JSON object".into(),
        is_error: true,
    });
    let retry = ask(&*brain, &history, &tools, Purpose::Route, TIMEOUT)
        .await
        .unwrap();
    assert_eq!(retry.tool_calls[0].arguments, r#"{"query":"returns"}"#);
    let sent = llm.last_request().to_string();
    assert!(sent.contains(r#"status=\"error\""#), "{sent}");
}

async fn usage_and_model_are_reported(provider: Provider) {
    let llm = ScriptedLlm::start().await;
    let (dated, family) = match provider {
        Provider::OpenAi => ("gpt-4o-mini-2024-07-18", "gpt-4o-mini"),
        Provider::Anthropic => ("claude-3-5-haiku-20241022", "claude-3-5-haiku"),
    };
    llm.set_response_model(dated);
    llm.set_usage(Usage {
        tokens_in: 1_234,
        tokens_out: 56,
    });
    let brain = provider.brain(&llm);

    let reply = ask(&*brain, &[user("hi")], &[], Purpose::Draft, TIMEOUT)
        .await
        .unwrap();

    assert_eq!(reply.text.as_deref(), Some(DEFAULT_TEXT));
    assert_eq!(
        reply.usage,
        Usage {
            tokens_in: 1_234,
            tokens_out: 56
        }
    );
    assert_eq!(reply.model, dated);
    assert_eq!(brain.model(), provider.model());
    // The dated name is priced by its family's entry.
    let price = ModelPrice {
        input_per_mtok: 1.0,
        output_per_mtok: 10.0,
    };
    let prices = [(family.to_string(), price)].into_iter().collect();
    let cost = cost_usd(&prices, &reply.model, reply.usage);
    assert!(
        (cost - (1_234.0 + 56.0 * 10.0) / 1e6).abs() < 1e-12,
        "{cost}"
    );
}

#[tokio::test]
async fn anthropic_base_url_may_name_the_version() {
    let llm = ScriptedLlm::start().await;
    let brain = build(&LlmEndpoint {
        base_url: format!("{}/v1/", llm.base_url_anthropic()),
        ..Provider::Anthropic.endpoint(&llm)
    });
    ask(&*brain, &[user("hi")], &[], Purpose::Draft, TIMEOUT)
        .await
        .unwrap();
    assert_eq!(llm.recorded()[0].path, "/v1/messages");
}
