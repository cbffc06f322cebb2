//! One place that sets up tracing for every binary: a subscriber writing to the given
//! sink (stderr for daemons, a file for the console, a progress-bar-aware writer for
//! the CLI), pretty or JSON, filtered by `RUST_LOG` or the configured level. Every line
//! goes through `frontdesk_redact::Masked` on its way out, so personal data never
//! reaches a log.

use frontdesk_redact::Masked;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

use crate::config::{LogConfig, LogFormat};

/// Installs the global subscriber. A second call is a no-op (tests share a process).
pub fn init<W>(config: &LogConfig, sink: W)
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&config.level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(Masked(sink));
    let _ = match config.format {
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .try_init(),
        LogFormat::Pretty => builder.with_target(false).compact().try_init(),
    };
}

/// Describes the metrics the library records (through the `metrics` facade; the
/// daemon installs the Prometheus recorder), so `/metrics` explains each one.
pub fn describe_metrics() {
    use metrics::{describe_counter, describe_histogram, Unit};
    describe_histogram!(
        "frontdesk_turn_duration_seconds",
        Unit::Seconds,
        "Agent turn latency by path (rag, order, ticket, handoff, direct) and outcome"
    );
    describe_counter!("frontdesk_turns_total", "Agent turns by path and outcome");
    describe_histogram!(
        "frontdesk_tool_duration_seconds",
        Unit::Seconds,
        "Tool call latency by tool"
    );
    describe_counter!(
        "frontdesk_tool_calls_total",
        "Tool calls by tool and outcome"
    );
    describe_counter!(
        "frontdesk_llm_tokens_total",
        "LLM tokens by provider, model and direction (in, out)"
    );
    describe_counter!(
        "frontdesk_llm_cost_microusd_total",
        "LLM spend in millionths of a US dollar by provider and model"
    );
    describe_counter!(
        "frontdesk_llm_calls_total",
        "LLM calls by provider, model and outcome"
    );
    describe_counter!("frontdesk_guardrail_trips_total", "Guardrail trips by kind");
    describe_counter!(
        "frontdesk_http_requests_total",
        "HTTP requests by method, route and status"
    );
    describe_histogram!(
        "frontdesk_http_request_duration_seconds",
        Unit::Seconds,
        "HTTP request latency by method and route"
    );
    describe_counter!(
        "frontdesk_rate_limited_total",
        "Requests refused by a rate limit, by limit"
    );
    describe_counter!(
        "frontdesk_webhook_deliveries_total",
        "Webhook delivery attempts by outcome"
    );
}
