//! A scripted LLM server: a real HTTP server on 127.0.0.1 that answers both provider
//! wires from a queue of steps, so tests drive the Brain (and everything above it)
//! through the real clients.
//!
//! ```ignore
//! let llm = ScriptedLlm::start().await;
//! llm.push(Step::tool_call("search_kb", r#"{"query":"returns"}"#));
//! llm.push(Step::text("You can return items within 30 days."));
//! let brain = OpenAiBrain::new(&llm.openai_endpoint("gpt-4o-mini")).unwrap();
//! // ... run the turn ...
//! assert_eq!(llm.calls(), 2);
//! assert_eq!(llm.requests()[1]["messages"][3]["role"], "tool");
//! ```
//!
//! - `POST /v1/chat/completions` answers in the OpenAI wire, `POST /v1/messages` in
//!   the Anthropic wire; each step is rendered for whichever was hit (`wire.rs`).
//! - Every request is recorded (path, lower-case headers, JSON body) and counted, on
//!   any path, before anything else happens.
//! - Requests the real API would refuse (roles out of order, a tool call without its
//!   result, a `tool_use` input that is not an object, ...) get a 400 in that
//!   provider's error format and consume no step (`validate.rs`).
//! - With `require_api_key`, a request without that key gets a 401 whose message
//!   echoes the key it was given, as some providers do, and consumes no step.
//! - When the queue is empty the default step plays (`DEFAULT_TEXT` unless set).
#![allow(dead_code)] // a toolkit: not every test binary module uses every helper

mod validate;
mod wire;

use std::collections::{BTreeMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use frontdesk::brain::Usage;
use frontdesk::config::{LlmEndpoint, LlmProviderKind, Secret};
use serde_json::Value;

pub use wire::Wire;

/// What the default step says when the queue is empty.
pub const DEFAULT_TEXT: &str = "scripted default reply";
/// Token counts every reply reports unless `set_usage` changes them.
pub const DEFAULT_USAGE: Usage = Usage {
    tokens_in: 120,
    tokens_out: 30,
};

/// One scripted answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A text reply (`finish_reason: "stop"` / `stop_reason: "end_turn"`).
    Text(String),
    /// One tool call. `arguments` goes out verbatim in the OpenAI wire, even when it
    /// is not JSON; in the Anthropic wire a JSON object becomes `input`, anything else
    /// becomes an `input` of the wrong shape (the raw text as a JSON string).
    ToolCall { name: String, arguments: String },
    /// Several tool calls in one reply, in order.
    ToolCalls(Vec<ScriptedCall>),
    /// HTTP `status` with the provider's error body carrying `message`.
    Error { status: u16, message: String },
    /// Wait this long, then play the default step (for timeouts).
    Hang(Duration),
    /// Wait `by`, then play `then`.
    Delayed { by: Duration, then: Box<Step> },
    /// HTTP `status` with exactly this body (`application/json`), for broken answers.
    Raw { status: u16, body: String },
}

/// A tool call inside `Step::ToolCalls`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptedCall {
    pub name: String,
    pub arguments: String,
}

impl Step {
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text(text.into())
    }

    pub fn tool_call(name: impl Into<String>, arguments: impl Into<String>) -> Self {
        Self::ToolCall {
            name: name.into(),
            arguments: arguments.into(),
        }
    }

    /// `[(name, arguments), ...]` as one reply.
    pub fn tool_calls<N: Into<String>, A: Into<String>>(
        calls: impl IntoIterator<Item = (N, A)>,
    ) -> Self {
        Self::ToolCalls(
            calls
                .into_iter()
                .map(|(name, arguments)| ScriptedCall {
                    name: name.into(),
                    arguments: arguments.into(),
                })
                .collect(),
        )
    }

    pub fn error(status: u16, message: impl Into<String>) -> Self {
        Self::Error {
            status,
            message: message.into(),
        }
    }

    pub fn delayed(by: Duration, then: Step) -> Self {
        Self::Delayed {
            by,
            then: Box::new(then),
        }
    }
}

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// Header names in lower case; values that are not UTF-8 are left out.
    pub headers: BTreeMap<String, String>,
    /// The JSON body; a body that is not JSON is kept as a JSON string.
    pub body: Value,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}

struct Script {
    queue: VecDeque<Step>,
    default: Step,
    recorded: Vec<Recorded>,
    usage: Usage,
    response_model: Option<String>,
    api_key: Option<String>,
    next_id: u64,
}

#[derive(Clone)]
struct Shared(Arc<Mutex<Script>>);

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Script> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The running server; it stops when dropped.
pub struct ScriptedLlm {
    addr: SocketAddr,
    shared: Shared,
    server: tokio::task::JoinHandle<()>,
}

impl ScriptedLlm {
    /// Binds 127.0.0.1 on a free port and starts serving.
    pub async fn start() -> Self {
        let shared = Shared(Arc::new(Mutex::new(Script {
            queue: VecDeque::new(),
            default: Step::text(DEFAULT_TEXT),
            recorded: Vec::new(),
            usage: DEFAULT_USAGE,
            response_model: None,
            api_key: None,
            next_id: 1,
        })));
        let app = Router::new()
            .route("/v1/chat/completions", post(openai))
            .route("/v1/messages", post(anthropic))
            .fallback(unknown)
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the scripted llm server");
        let addr = listener.local_addr().expect("local addr");
        let server = tokio::spawn(async move {
            axum::serve(listener, app)
                .await
                .expect("scripted llm server");
        });
        Self {
            addr,
            shared,
            server,
        }
    }

    /// Queues one step; steps play in order, one per request.
    pub fn push(&self, step: Step) {
        self.shared.lock().queue.push_back(step);
    }

    pub fn push_all(&self, steps: impl IntoIterator<Item = Step>) {
        self.shared.lock().queue.extend(steps);
    }

    /// The step played when the queue is empty (and after `Step::Hang`).
    pub fn set_default(&self, step: Step) {
        self.shared.lock().default = step;
    }

    /// Token counts reported by every reply from now on.
    pub fn set_usage(&self, usage: Usage) {
        self.shared.lock().usage = usage;
    }

    /// The `model` every reply names (default: the model the request asked for).
    pub fn set_response_model(&self, model: impl Into<String>) {
        self.shared.lock().response_model = Some(model.into());
    }

    /// Refuse (401) requests that do not carry this key in the wire's header.
    pub fn require_api_key(&self, key: impl Into<String>) {
        self.shared.lock().api_key = Some(key.into());
    }

    /// `http://127.0.0.1:PORT/v1`, the `base_url` of an OpenAI-compatible endpoint.
    pub fn base_url_openai(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    /// `http://127.0.0.1:PORT`, the `base_url` of an Anthropic endpoint.
    pub fn base_url_anthropic(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// An `openai` endpoint pointing here (no key, 5 s timeout, 600 max tokens).
    pub fn openai_endpoint(&self, model: &str) -> LlmEndpoint {
        LlmEndpoint {
            provider: LlmProviderKind::Openai,
            base_url: self.base_url_openai(),
            model: model.into(),
            ..LlmEndpoint::default()
        }
    }

    /// An `anthropic` endpoint pointing here (no key, 5 s timeout, 600 max tokens).
    pub fn anthropic_endpoint(&self, model: &str) -> LlmEndpoint {
        LlmEndpoint {
            provider: LlmProviderKind::Anthropic,
            base_url: self.base_url_anthropic(),
            api_key: Secret::new(""),
            model: model.into(),
            ..LlmEndpoint::default()
        }
    }

    /// The JSON bodies of every request so far, in arrival order.
    pub fn requests(&self) -> Vec<Value> {
        self.shared
            .lock()
            .recorded
            .iter()
            .map(|r| r.body.clone())
            .collect()
    }

    /// Every request so far with its path and headers.
    pub fn recorded(&self) -> Vec<Recorded> {
        self.shared.lock().recorded.clone()
    }

    /// The body of the latest request; panics when there was none.
    pub fn last_request(&self) -> Value {
        self.shared
            .lock()
            .recorded
            .last()
            .expect("the scripted llm server received no request")
            .body
            .clone()
    }

    /// Requests received so far, on any path.
    pub fn calls(&self) -> usize {
        self.shared.lock().recorded.len()
    }

    /// Steps still queued.
    pub fn pending(&self) -> usize {
        self.shared.lock().queue.len()
    }
}

impl Drop for ScriptedLlm {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn openai(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    serve(shared, Wire::OpenAi, "/v1/chat/completions", headers, body).await
}

async fn anthropic(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    serve(shared, Wire::Anthropic, "/v1/messages", headers, body).await
}

async fn unknown(
    State(shared): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    record(&shared, method.as_str(), &path, &headers, &body);
    wire::error(
        Wire::OpenAi,
        StatusCode::NOT_FOUND,
        &format!("scripted llm server: no route for {method} {path}"),
    )
}

async fn serve(
    shared: Shared,
    wire: Wire,
    path: &str,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request = record(&shared, "POST", path, &headers, &body);
    let step = {
        let mut script = shared.lock();
        if let Some(required) = &script.api_key {
            let given = match wire {
                Wire::OpenAi => request
                    .header("authorization")
                    .and_then(|v| v.strip_prefix("Bearer ")),
                Wire::Anthropic => request.header("x-api-key"),
            };
            if given != Some(required.as_str()) {
                let message = format!("invalid api key: {}", given.unwrap_or("(none)"));
                return wire::error(wire, StatusCode::UNAUTHORIZED, &message);
            }
        }
        let checked = match wire {
            Wire::OpenAi => validate::openai(&request.body),
            Wire::Anthropic => validate::anthropic(&request.body),
        };
        if let Err(problem) = checked {
            return wire::error(wire, StatusCode::BAD_REQUEST, &problem);
        }
        script
            .queue
            .pop_front()
            .unwrap_or_else(|| script.default.clone())
    };
    let step = settle(&shared, step).await;
    let mut script = shared.lock();
    let model = script
        .response_model
        .clone()
        .or_else(|| request.body["model"].as_str().map(str::to_string))
        .unwrap_or_else(|| "scripted".into());
    let usage = script.usage;
    if request.body["stream"] == true {
        return wire::stream_reply(wire, &step, &model, usage, &mut script.next_id);
    }
    wire::reply(wire, &step, &model, usage, &mut script.next_id)
}

/// Plays the waits of `Hang` and `Delayed`, returning the step that answers.
async fn settle(shared: &Shared, mut step: Step) -> Step {
    loop {
        step = match step {
            Step::Hang(by) => {
                tokio::time::sleep(by).await;
                shared.lock().default.clone()
            }
            Step::Delayed { by, then } => {
                tokio::time::sleep(by).await;
                *then
            }
            other => return other,
        };
    }
}

fn record(
    shared: &Shared,
    method: &str,
    path: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Recorded {
    let recorded = Recorded {
        method: method.to_string(),
        path: path.to_string(),
        headers: headers
            .iter()
            .filter_map(|(name, value)| {
                Some((name.as_str().to_string(), value.to_str().ok()?.to_string()))
            })
            .collect(),
        body: serde_json::from_slice(body)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned())),
    };
    shared.lock().recorded.push(recorded.clone());
    recorded
}
