//! The admin endpoints (`/admin/agent/...`), for operators and the console.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{Channel, Priority, ThreadStatus};

/// A tool the Brain may call, with its input schema and circuit breaker.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ToolView {
    pub name: String,
    pub description: String,
    /// JSON schema of the tool's arguments.
    #[schema(value_type = Object)]
    pub parameters: serde_json::Value,
    pub breaker: BreakerView,
    /// False when the tool is currently not offered (e.g. `search_kb` on a stale index).
    pub available: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BreakerView {
    /// `closed` (calls go through) or `open` (refused until it closes).
    pub state: String,
    pub open_for_secs: u64,
}

/// `POST /admin/agent/kb/ingest`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IngestRequest {
    /// Files or folders on the agentd host (each folder is one collection).
    #[serde(default)]
    pub paths: Vec<String>,
    /// A WordPress site to read published pages and posts from.
    #[serde(default)]
    pub wordpress: Option<String>,
    /// Remove documents of these collections that are no longer present.
    #[serde(default)]
    pub prune: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Running,
    Done,
    Failed,
}

/// An ingest started through the API.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct IngestJob {
    pub job_id: Uuid,
    pub state: JobState,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// The same summary `agentctl kb ingest --json` prints.
    #[schema(value_type = Object)]
    pub summary: Option<serde_json::Value>,
    pub error: Option<String>,
}

/// `GET /admin/agent/metrics`: the last `window_hours`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MetricsSummary {
    pub window_hours: u32,
    pub turns: i64,
    /// Replies by outcome (`answered`, `ticket`, `handoff`, `blocked`).
    pub outcomes: Vec<Count>,
    pub turn_latency_p50_ms: Option<f64>,
    pub turn_latency_p95_ms: Option<f64>,
    pub tool_calls: Vec<ToolCount>,
    pub llm_tokens_in: i64,
    pub llm_tokens_out: i64,
    pub llm_cost_usd: f64,
    pub feedback_up: i64,
    pub feedback_down: i64,
    pub tickets_created: i64,
    pub threads_waiting_human: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Count {
    pub name: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct ToolCount {
    pub tool: String,
    pub calls: i64,
    pub errors: i64,
    pub p95_ms: Option<f64>,
}

/// One conversation in a list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ThreadSummary {
    pub id: Uuid,
    pub channel: Channel,
    pub status: ThreadStatus,
    pub assignee: Option<String>,
    pub messages: i64,
    /// The latest customer message, PII-masked, shortened.
    pub last_user_message: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ThreadList {
    pub threads: Vec<ThreadSummary>,
}

/// A conversation as an operator sees it: every message, tool payloads included.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ThreadDetail {
    pub id: Uuid,
    pub channel: Channel,
    pub status: ThreadStatus,
    pub assignee: Option<String>,
    pub customer_email: Option<String>,
    pub created_at: DateTime<Utc>,
    pub messages: Vec<AdminMessage>,
    /// The current (or last) handoff, with its summary.
    pub handoff: Option<HandoffView>,
    /// Every change of owner, oldest first.
    pub transitions: Vec<TransitionView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AdminMessage {
    pub id: Uuid,
    /// `user`, `assistant`, `system`, `tool`, `human_agent` or `note`.
    pub role: String,
    pub content: String,
    pub tool_name: Option<String>,
    #[schema(value_type = Option<Object>)]
    pub tool_payload: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
}

/// `GET /admin/agent/queues`: what a support agent looks at.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QueuesView {
    /// Threads waiting for a person, longest wait first.
    pub waiting: Vec<QueueEntry>,
    /// Threads the calling agent owns.
    pub mine: Vec<QueueEntry>,
    /// Threads other people own.
    pub others: Vec<QueueEntry>,
    /// Conversations the bot is handling now (active in the last hour), which a person
    /// may take over.
    pub bot_active: Vec<QueueEntry>,
    /// Resolved in the last 24 hours, newest first.
    pub resolved: Vec<QueueEntry>,
    /// Whether the queues are inside business hours now.
    pub open_now: bool,
    /// The calling agent's operator name (what `assignee` says for their threads).
    #[serde(default)]
    pub me: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct QueueEntry {
    pub thread_id: Uuid,
    pub status: ThreadStatus,
    pub channel: Channel,
    pub queue: Option<String>,
    /// The owner's operator name (`auth.admin_tokens.<name>`), as everywhere in the
    /// admin API; customers see the display name instead.
    pub assignee: Option<String>,
    /// Seconds since the handoff was requested (waiting threads).
    pub waiting_secs: Option<i64>,
    /// Past the queue's waiting-time SLA.
    pub overdue: bool,
    /// Why the customer wants a person.
    pub reason: Option<String>,
    /// The latest customer message, PII-masked, shortened.
    pub last_message: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// The handoff a thread is in (or was last in).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct HandoffView {
    pub id: Uuid,
    pub queue: String,
    pub reason: String,
    /// A short summary for the person who picks it up.
    pub summary: String,
    pub transcript_excerpt: String,
    /// `customer` (the widget's button), `bot` (the `handoff_human` tool) or an operator.
    pub requested_by: String,
    pub requested_at: DateTime<Utc>,
    pub sla_due_at: DateTime<Utc>,
    pub claimed_by: Option<String>,
    pub claimed_at: Option<DateTime<Utc>>,
    /// Requested outside business hours: a ticket and an email follow-up were promised.
    pub after_hours: bool,
    pub ticket_number: Option<i64>,
}

/// One change of a thread's owner.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct TransitionView {
    pub from: ThreadStatus,
    pub to: ThreadStatus,
    pub assignee: Option<String>,
    /// `customer`, `bot`, `system` or `operator:<name>`.
    pub actor: String,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// `POST /admin/agent/threads/{id}/reply` and `.../note`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TextRequest {
    /// Not blank; at most 4000 characters.
    #[schema(min_length = 1, max_length = 4000)]
    pub text: String,
}

/// `POST /admin/agent/threads/{id}/assign`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignRequest {
    /// The operator name (`auth.admin_tokens.<name>`) of an agent or admin.
    #[schema(min_length = 1, max_length = 100)]
    pub to: String,
}

/// `POST /admin/agent/threads/{id}/handback`, `.../resolve`, `.../claim`: an optional note.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionRequest {
    #[serde(default)]
    #[schema(max_length = 500)]
    pub reason: Option<String>,
}

/// `POST /admin/agent/threads/{id}/ticket`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketRequest {
    #[schema(min_length = 1, max_length = 200)]
    pub subject: String,
    #[schema(min_length = 1, max_length = 10000)]
    pub body: String,
    #[serde(default)]
    pub priority: Option<Priority>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TicketView {
    pub number: i64,
    pub status: String,
    pub created: bool,
}

/// The result of an action on a thread: its owner now.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OwnershipView {
    pub thread_id: Uuid,
    pub status: ThreadStatus,
    pub assignee: Option<String>,
}

/// A stored message (reply or note).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PostedMessage {
    pub id: Uuid,
    pub thread_id: Uuid,
    pub role: String,
    pub created_at: DateTime<Utc>,
}
