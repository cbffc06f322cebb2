//! Streamed calls (`"stream": true`): text reaches the sink piece by piece while the
//! model writes, and the reply assembled from the stream equals a non-streamed one.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use frontdesk::brain::{BrainRequest, Purpose, TextSink};

use super::{search_kb, user, Provider, SYSTEM, TIMEOUT};
use crate::support::llm_server::DEFAULT_USAGE;
use crate::support::{ScriptedLlm, Step};

both!(
    streams_text_as_it_is_written,
    streamed_tool_calls_are_reassembled
);

#[derive(Debug, Default)]
struct Collect {
    pieces: Mutex<Vec<(Instant, String)>>,
    restarts: Mutex<u32>,
}

impl TextSink for Collect {
    fn text(&self, delta: &str) {
        self.pieces
            .lock()
            .unwrap()
            .push((Instant::now(), delta.to_string()));
    }

    fn restart(&self) {
        *self.restarts.lock().unwrap() += 1;
    }
}

async fn streams_text_as_it_is_written(provider: Provider) {
    let llm = ScriptedLlm::start().await;
    let text = "You have 30 days to send an item back. Refunds take 5 business days.";
    llm.push(Step::text(text));
    let brain = provider.brain(&llm);
    let sink = Collect::default();
    let history = [user("can I return a kettle?")];
    let reply = brain
        .complete(&BrainRequest {
            system: SYSTEM,
            prompt_version: "test-v1",
            history: &history,
            tools: &[],
            purpose: Purpose::Draft,
            timeout: TIMEOUT,
            stream: Some(&sink),
        })
        .await
        .unwrap();
    let finished = Instant::now();

    assert_eq!(llm.last_request()["stream"], true, "asked for a stream");
    assert_eq!(reply.text.as_deref(), Some(text));
    assert_eq!(
        reply.usage, DEFAULT_USAGE,
        "usage from the stream's last event"
    );
    assert_eq!(reply.model, provider.model());
    let pieces = sink.pieces.lock().unwrap();
    assert!(pieces.len() >= 5, "many pieces: {pieces:?}");
    assert_eq!(
        pieces.iter().map(|(_, p)| p.as_str()).collect::<String>(),
        text
    );
    assert!(
        finished.duration_since(pieces[0].0) >= Duration::from_millis(50),
        "the first piece arrived while the model was still writing"
    );
    if provider == Provider::OpenAi {
        assert_eq!(llm.last_request()["stream_options"]["include_usage"], true);
    }
}

async fn streamed_tool_calls_are_reassembled(provider: Provider) {
    let llm = ScriptedLlm::start().await;
    llm.push(Step::tool_call(
        "search_kb",
        r#"{"query":"return window","top_k":3}"#,
    ));
    let brain = provider.brain(&llm);
    let sink = Collect::default();
    let history = [user("how long do I have?")];
    let tools = [search_kb()];
    let reply = brain
        .complete(&BrainRequest {
            system: SYSTEM,
            prompt_version: "test-v1",
            history: &history,
            tools: &tools,
            purpose: Purpose::Route,
            timeout: TIMEOUT,
            stream: Some(&sink),
        })
        .await
        .unwrap();
    assert_eq!(reply.tool_calls.len(), 1, "{reply:?}");
    let call = &reply.tool_calls[0];
    assert_eq!(call.name, "search_kb");
    let args: serde_json::Value = serde_json::from_str(&call.arguments).unwrap();
    assert_eq!(
        args,
        serde_json::json!({"query": "return window", "top_k": 3})
    );
    assert!(!call.id.is_empty());
    assert!(sink.pieces.lock().unwrap().is_empty(), "no text to show");
}
