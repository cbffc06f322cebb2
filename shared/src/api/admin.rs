//! The admin endpoints (`/admin/agent/...`), for operators and the console.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::ThreadStatus;

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

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Count {
    pub name: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
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
    pub channel: String,
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
    pub channel: String,
    pub status: ThreadStatus,
    pub assignee: Option<String>,
    pub customer_email: Option<String>,
    pub created_at: DateTime<Utc>,
    pub messages: Vec<AdminMessage>,
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
