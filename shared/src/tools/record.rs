//! The audit trail of tool calls: arguments with PII masked, a result summary, latency.

use sqlx::PgPool;
use uuid::Uuid;

use super::ToolRun;
use crate::tool_api::ToolCall;

pub async fn tool_call(
    pool: &PgPool,
    thread_id: Uuid,
    call: &ToolCall,
    run: &ToolRun,
) -> Result<(), sqlx::Error> {
    let masked = frontdesk_redact::pii::mask(&call.arguments);
    let arguments = serde_json::from_str::<serde_json::Value>(&masked)
        .unwrap_or_else(|_| serde_json::json!({ "raw": masked }));
    sqlx::query(
        "INSERT INTO tool_calls (id, thread_id, tool, arguments, result_summary, outcome, latency_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(Uuid::now_v7())
    .bind(thread_id)
    .bind(&call.name)
    .bind(arguments)
    .bind(run.result.summary())
    .bind(run.outcome.as_str())
    .bind(run.latency_ms.min(i32::MAX as u64) as i32)
    .execute(pool)
    .await?;
    Ok(())
}
