//! The audit trail of tool calls: arguments with PII masked, a result summary, latency.

use sqlx::PgPool;
use uuid::Uuid;

use super::{ToolOutcome, ToolRun};
use crate::brain::ToolCall;

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
    .bind(summary(run))
    .bind(run.outcome.as_str())
    .bind(run.latency_ms.min(i32::MAX as u64) as i32)
    .execute(pool)
    .await?;
    Ok(())
}

/// A short, PII-free description of the result.
pub fn summary(run: &ToolRun) -> String {
    let r = &run.result;
    if run.outcome != ToolOutcome::Ok {
        let error = r.get("error").and_then(|e| e.as_str()).unwrap_or("");
        return frontdesk_redact::pii::mask(error)
            .chars()
            .take(200)
            .collect();
    }
    if let Some(results) = r.get("results").and_then(|v| v.as_array()) {
        let titles: Vec<&str> = results
            .iter()
            .filter_map(|h| h.get("title").and_then(|t| t.as_str()))
            .collect();
        return format!("{} passages: {}", results.len(), titles.join("; "));
    }
    if let Some(found) = r.get("found").and_then(|v| v.as_bool()) {
        let n = r
            .get("orders")
            .and_then(|o| o.as_array())
            .map_or(0, Vec::len);
        return if found {
            format!("found {n} order(s)")
        } else {
            "no matching order".into()
        };
    }
    if let Some(number) = r.get("ticket_number") {
        return format!("ticket #{number}");
    }
    if let Some(queued) = r.get("queued") {
        return format!("handoff queued: {queued}");
    }
    String::new()
}
