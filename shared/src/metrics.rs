//! Operational figures from the system of record (`/admin/agent/metrics`): turns and
//! their outcomes and latency (from the assistant messages' trace), tool calls and
//! errors, LLM tokens and spend, feedback, tickets and the waiting queue.

use sqlx::PgPool;

use frontdesk_api::admin::{Count, MetricsSummary, ToolCount};

pub async fn summary(pool: &PgPool, hours: u32) -> Result<MetricsSummary, sqlx::Error> {
    let since = format!("now() - interval '{} hours'", hours.clamp(1, 720));
    let outcomes: Vec<Count> = sqlx::query_as(&format!(
        "SELECT coalesce(tool_payload->>'outcome', 'unknown') AS name, count(*) AS count
         FROM messages WHERE role = 'assistant' AND created_at > {since}
         GROUP BY 1 ORDER BY 2 DESC"
    ))
    .fetch_all(pool)
    .await?;
    let (p50, p95): (Option<f64>, Option<f64>) = sqlx::query_as(&format!(
        "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY l), percentile_cont(0.95) WITHIN GROUP (ORDER BY l)
         FROM (SELECT (tool_payload->'trace'->-1->>'at_ms')::float8 AS l FROM messages
               WHERE role = 'assistant' AND created_at > {since} AND tool_payload ? 'trace') t
         WHERE l IS NOT NULL"
    ))
    .fetch_one(pool)
    .await?;
    let tool_calls: Vec<ToolCount> = sqlx::query_as(&format!(
        "SELECT tool, count(*) AS calls, count(*) FILTER (WHERE outcome <> 'ok') AS errors,
                percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)::float8 AS p95_ms
         FROM tool_calls WHERE created_at > {since} GROUP BY tool ORDER BY tool"
    ))
    .fetch_all(pool)
    .await?;
    let (tokens_in, tokens_out, cost): (i64, i64, f64) = sqlx::query_as(&format!(
        "SELECT coalesce(sum(tokens_in), 0)::int8, coalesce(sum(tokens_out), 0)::int8, coalesce(sum(cost_usd), 0)::float8
         FROM llm_calls WHERE created_at > {since}"
    ))
    .fetch_one(pool)
    .await?;
    let (up, down): (i64, i64) = sqlx::query_as(&format!(
        "SELECT count(*) FILTER (WHERE rating = 'up'), count(*) FILTER (WHERE rating = 'down')
         FROM feedback WHERE created_at > {since}"
    ))
    .fetch_one(pool)
    .await?;
    let tickets: i64 = sqlx::query_scalar(&format!(
        "SELECT count(*) FROM tickets WHERE created_at > {since}"
    ))
    .fetch_one(pool)
    .await?;
    let waiting: i64 =
        sqlx::query_scalar("SELECT count(*) FROM threads WHERE status = 'waiting_human'")
            .fetch_one(pool)
            .await?;
    Ok(MetricsSummary {
        window_hours: hours,
        turns: outcomes.iter().map(|c| c.count).sum(),
        outcomes,
        turn_latency_p50_ms: p50,
        turn_latency_p95_ms: p95,
        tool_calls,
        llm_tokens_in: tokens_in,
        llm_tokens_out: tokens_out,
        llm_cost_usd: cost,
        feedback_up: up,
        feedback_down: down,
        tickets_created: tickets,
        threads_waiting_human: waiting,
    })
}
