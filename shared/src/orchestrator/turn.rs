//! What a turn has gathered so far — the trace, tool runs, Brain attempts, passages,
//! what the draft may refer to — kept outside the SLA's timeout, so a degraded turn
//! still reports what it did. [`TurnState::finish`] turns it into the [`TurnResult`].

use std::collections::HashMap;

use uuid::Uuid;

use super::answerable::Answerability;
use super::progress::{sentences, TurnEvent};
use super::result::{Outcome, ToolCallSummary, TurnResult};
use super::trace::Trace;
use crate::brain::chain::BrainAttempt;
use crate::guardrails::{self, Grounding};
use crate::kb::Citation;
use crate::threads::Standing;
use crate::tool_api::{OrderLookup, ToolName, ToolResult};
use crate::tools::ToolRun;

#[derive(Debug)]
pub struct TurnState {
    pub thread_id: Uuid,
    pub user_message_id: Uuid,
    pub trace: Trace,
    pub tool_runs: Vec<ToolRun>,
    pub attempts: Vec<BrainAttempt>,
    pub passages: Vec<Citation>,
    /// Each retrieved passage's coverage of the question's terms, by chunk id.
    pub coverage: HashMap<Uuid, f32>,
    /// How well the knowledge answer is supported, once assessed.
    pub answerability: Option<Answerability>,
    pub grounding: Grounding,
    pub trips: Vec<&'static str>,
    pub ticket_number: Option<i64>,
    /// What the sentence gate already showed the customer of a streamed draft.
    pub streamed: String,
}

impl TurnState {
    pub fn new(thread_id: Uuid, user_message_id: Uuid, trace: Trace) -> Self {
        Self {
            thread_id,
            user_message_id,
            trace,
            tool_runs: Vec::new(),
            attempts: Vec::new(),
            passages: Vec::new(),
            coverage: HashMap::new(),
            answerability: None,
            grounding: Grounding::default(),
            trips: Vec::new(),
            ticket_number: None,
            streamed: String::new(),
        }
    }

    /// Learns what a successful tool result lets the draft cite or mention.
    pub fn absorb(&mut self, run: &ToolRun) {
        if !run.succeeded() {
            return;
        }
        match &run.result {
            ToolResult::Search(found) => {
                for passage in &found.results {
                    let c = &passage.citation;
                    self.grounding.titles.push(c.title.clone());
                    self.grounding.urls.extend(c.url.clone());
                    self.passages.push(c.clone());
                    self.coverage.insert(c.chunk_id, passage.coverage);
                }
            }
            ToolResult::Order(OrderLookup::Found(orders)) => {
                for order in orders {
                    self.grounding.urls.extend(order.tracking_url.clone());
                    self.grounding.emails.push(order.email.clone());
                }
            }
            _ => {}
        }
        if let Some(n) = run.result.ticket_number() {
            self.ticket_number = Some(n);
        }
    }

    /// Whether a tool of this name ran successfully in this turn.
    pub fn used(&self, tool: ToolName) -> bool {
        self.tool_runs
            .iter()
            .any(|r| r.succeeded() && r.name() == Some(tool))
    }

    /// The result: the answer's unsent sentences go to a streaming client, the
    /// passages the answer cites become its citations, metrics are recorded.
    pub fn finish(self, answer: String, outcome: Outcome, standing: &Standing) -> TurnResult {
        self.stream_rest(&answer);
        let citations = self.cited(&answer);
        record_metrics(&self, outcome);
        TurnResult {
            thread_id: self.thread_id,
            user_message_id: self.user_message_id,
            message_id: None,
            citations,
            outcome,
            thread_status: standing.status,
            queue_position: standing.queue_position,
            ticket_number: self.ticket_number,
            tool_calls: self.tool_runs.iter().map(ToolCallSummary::of).collect(),
            tokens_in: self.attempts.iter().map(|a| a.tokens_in).sum(),
            tokens_out: self.attempts.iter().map(|a| a.tokens_out).sum(),
            cost_usd: self.attempts.iter().map(|a| a.cost_usd).sum(),
            brain: self.attempts,
            guardrail_trips: self.trips,
            answerability: self.answerability,
            latency_ms: self.trace.elapsed_ms(),
            trace: self.trace.transitions,
            answer,
        }
    }

    /// Sends what the customer has not seen yet: the rest after what streamed, or all
    /// of it after a reset when the final answer differs.
    fn stream_rest(&self, answer: &str) {
        let progress = self.trace.progress();
        let rest = match answer.strip_prefix(self.streamed.as_str()) {
            Some(rest) => rest,
            None => {
                progress.send(TurnEvent::Reset);
                answer
            }
        };
        for sentence in sentences(rest) {
            progress.send(TurnEvent::Sentence(sentence));
        }
    }

    /// The passages the answer's "(See: Title)" markers name, each document once.
    fn cited(&self, answer: &str) -> Vec<Citation> {
        let titles = guardrails::cited_titles(answer);
        let mut citations: Vec<Citation> = Vec::new();
        for p in &self.passages {
            let cited = titles.iter().any(|t| t.eq_ignore_ascii_case(&p.title));
            if cited && !citations.iter().any(|c| c.doc_id == p.doc_id) {
                citations.push(p.clone());
            }
        }
        citations
    }
}

/// What kind of turn this was, for latency figures: the path its tools took.
pub fn turn_path(tool_runs: &[ToolRun]) -> &'static str {
    let used = |tool: ToolName| tool_runs.iter().any(|r| r.name() == Some(tool));
    if used(ToolName::HandoffHuman) {
        "handoff"
    } else if used(ToolName::GetOrder) {
        "order"
    } else if used(ToolName::SearchKb) {
        "rag"
    } else if used(ToolName::CreateTicket) {
        "ticket"
    } else {
        "direct"
    }
}

fn record_metrics(turn: &TurnState, outcome: Outcome) {
    let path = turn_path(&turn.tool_runs);
    let outcome = outcome.as_str();
    metrics::counter!("frontdesk_turns_total", "path" => path, "outcome" => outcome).increment(1);
    metrics::histogram!("frontdesk_turn_duration_seconds", "path" => path, "outcome" => outcome)
        .record(turn.trace.elapsed_ms() as f64 / 1000.0);
    for trip in &turn.trips {
        metrics::counter!("frontdesk_guardrail_trips_total", "trip" => *trip).increment(1);
    }
}
