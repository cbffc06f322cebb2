//! The body of a turn, inside the SLA: screen, plan, tool loop, draft, guardrail.

use std::time::{Duration, Instant};

use frontdesk_api::ThreadStatus;
use uuid::Uuid;

use super::gate::SentenceGate;
use super::result::{Outcome, ToolCallSummary, TurnResult};
use super::trace::{State, Trace};
use super::{Agent, TurnRequest};
use crate::brain::chain::BrainAttempt;
use crate::brain::{prompts, BrainRequest, ChatItem, Purpose, TextSink, ToolCall};
use crate::guardrails::{self, Grounding, InputFlag};
use crate::kb::Citation;
use crate::tickets::{NewTicket, Priority};
use crate::tools::{ToolContext, ToolOutcome, ToolRun, CREATE_TICKET, HANDOFF_HUMAN, SEARCH_KB};

/// What the turn has gathered so far; survives an SLA timeout.
#[derive(Debug)]
pub struct TurnState {
    pub thread_id: Uuid,
    pub user_message_id: Uuid,
    pub trace: Trace,
    pub tool_runs: Vec<ToolRun>,
    pub attempts: Vec<BrainAttempt>,
    pub passages: Vec<Citation>,
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
            grounding: Grounding::default(),
            trips: Vec::new(),
            ticket_number: None,
            streamed: String::new(),
        }
    }

    pub fn finish(
        self,
        answer: String,
        outcome: Outcome,
        thread_status: ThreadStatus,
        message_id: Option<Uuid>,
    ) -> TurnResult {
        // the rest of the answer after what already streamed, or all of it after a reset
        let progress = self.trace.progress();
        let rest = match answer.strip_prefix(self.streamed.as_str()) {
            Some(rest) => rest,
            None => {
                progress.send(super::progress::TurnEvent::Reset);
                &answer
            }
        };
        for sentence in super::progress::sentences(rest) {
            progress.send(super::progress::TurnEvent::Sentence(sentence));
        }
        // cite what the answer refers to
        let mut citations: Vec<Citation> = Vec::new();
        for p in &self.passages {
            let cited = answer.contains(&format!("(See: {})", p.title));
            if cited && !citations.iter().any(|c| c.doc_id == p.doc_id) {
                citations.push(p.clone());
            }
        }
        record_metrics(&self, outcome);
        TurnResult {
            thread_id: self.thread_id,
            user_message_id: self.user_message_id,
            message_id,
            citations,
            outcome,
            thread_status,
            ticket_number: self.ticket_number,
            tool_calls: self
                .tool_runs
                .iter()
                .map(|r| ToolCallSummary {
                    tool: r.tool.clone(),
                    outcome: r.outcome.as_str(),
                    latency_ms: r.latency_ms,
                    attempts: r.attempts,
                })
                .collect(),
            tokens_in: self.attempts.iter().map(|a| a.tokens_in).sum(),
            tokens_out: self.attempts.iter().map(|a| a.tokens_out).sum(),
            cost_usd: self.attempts.iter().map(|a| a.cost_usd).sum(),
            brain: self.attempts,
            guardrail_trips: self.trips,
            latency_ms: self.trace.elapsed_ms(),
            trace: self.trace.transitions,
            answer,
        }
    }

    /// Learns what a successful tool result lets the draft cite or mention.
    fn absorb(&mut self, run: &ToolRun) {
        if run.outcome != ToolOutcome::Ok {
            return;
        }
        let r = &run.result;
        for hit in r["results"].as_array().into_iter().flatten() {
            if let Ok(c) = serde_json::from_value::<Citation>(hit.clone()) {
                self.grounding.titles.push(c.title.clone());
                if let Some(url) = &c.url {
                    self.grounding.urls.push(url.clone());
                }
                self.passages.push(c);
            }
        }
        for order in r["orders"].as_array().into_iter().flatten() {
            if let Some(url) = order["tracking_url"].as_str() {
                self.grounding.urls.push(url.to_string());
            }
            if let Some(email) = order["email"].as_str() {
                self.grounding.emails.push(email.to_string());
            }
        }
        if let Some(n) = r["ticket_number"].as_i64() {
            self.ticket_number = Some(n);
        }
    }
}

/// What kind of turn this was, for latency figures: the path its tools took.
pub fn turn_path(tool_runs: &[ToolRun]) -> &'static str {
    let used = |name: &str| tool_runs.iter().any(|r| r.tool == name);
    if used(HANDOFF_HUMAN) {
        "handoff"
    } else if used(crate::tools::GET_ORDER) {
        "order"
    } else if used(SEARCH_KB) {
        "rag"
    } else if used(CREATE_TICKET) {
        "ticket"
    } else {
        "direct"
    }
}

fn record_metrics(turn: &TurnState, outcome: Outcome) {
    let path = turn_path(&turn.tool_runs);
    let outcome = super::outcome_name(outcome);
    metrics::counter!("frontdesk_turns_total", "path" => path, "outcome" => outcome).increment(1);
    metrics::histogram!("frontdesk_turn_duration_seconds", "path" => path, "outcome" => outcome)
        .record(turn.trace.elapsed_ms() as f64 / 1000.0);
    for trip in &turn.trips {
        metrics::counter!("frontdesk_guardrail_trips_total", "trip" => *trip).increment(1);
    }
}

pub async fn run(
    agent: &Agent,
    request: &TurnRequest,
    message: &str,
    deadline: Instant,
    turn: &mut TurnState,
) -> (String, Outcome) {
    let ctx = ToolContext {
        thread_id: turn.thread_id,
        channel: request.channel,
        identity: &request.identity,
    };
    if let Some(email) = request.identity.verified_email() {
        turn.grounding.emails.push(email.to_string());
    }
    if let Some(email) = frontdesk_redact::email::find_email(message) {
        turn.grounding.emails.push(email);
    }

    match guardrails::screen_input(message) {
        Some(InputFlag::Abusive) => {
            turn.trace
                .enter(State::Escalate, "input guardrail: abusive");
            turn.trips.push("abusive_input");
            open_ticket(agent, request, turn, "abusive", "Abusive message in chat").await;
            return (
                crate::brain::offline::draft::NEUTRAL.into(),
                Outcome::Blocked,
            );
        }
        Some(InputFlag::Injection) => turn.trips.push("injection_attempt"),
        None => {}
    }

    let mut history = agent.memory.load(&agent.pool, turn.thread_id).await;
    history.push(ChatItem::User {
        text: message.to_string(),
    });
    let specs = agent.tools.specs().await;
    let kb_down = agent.tools.kb_unavailable().await;
    let llm_timeout = Duration::from_millis(agent.config.turn_sla_ms);
    let mut outcome = Outcome::Answered;
    let mut corrections = 0;
    let mut calls_made = 0u32;
    let mut draft: Option<String> = None;

    turn.trace
        .enter(State::Plan, format!("{} tools offered", specs.len()));
    while calls_made < agent.config.max_tool_calls {
        let request_ = brain_request(&history, &specs, Purpose::Route, llm_timeout);
        let replied = ask_streamed(agent, request, &request_, deadline, turn).await;
        let reply = match replied {
            Ok(r) => r.reply,
            Err(error) => {
                tracing::error!(%error, "every brain failed");
                return escalate(agent, &ctx, turn, "the assistant is unavailable").await;
            }
        };
        if reply.tool_calls.is_empty() {
            if calls_made > 0 {
                turn.trace
                    .enter(State::Draft, "the Brain answered from the tool results");
            }
            draft = reply.text;
            break;
        }
        let budget = (agent.config.max_tool_calls - calls_made) as usize;
        let calls: Vec<ToolCall> = reply.tool_calls.into_iter().take(budget).collect();
        history.push(ChatItem::Assistant {
            text: reply.text,
            tool_calls: calls.clone(),
        });
        for call in calls {
            calls_made += 1;
            turn.trace.enter(
                State::ToolLoop,
                format!("{} (call {calls_made})", call.name),
            );
            if call.name == SEARCH_KB {
                if let Some(reason) = &kb_down {
                    turn.trace
                        .enter(State::Escalate, format!("search_kb disabled: {reason}"));
                    return escalate(agent, &ctx, turn, "the knowledge base is unavailable").await;
                }
            }
            let run = agent.tools.run(&ctx, &call).await;
            let bad_call = matches!(run.outcome, ToolOutcome::Unknown | ToolOutcome::Invalid);
            turn.absorb(&run);
            if run.outcome == ToolOutcome::Ok {
                match run.tool.as_str() {
                    HANDOFF_HUMAN => outcome = Outcome::Handoff,
                    CREATE_TICKET if outcome == Outcome::Answered => outcome = Outcome::Ticket,
                    _ => {}
                }
            }
            history.push(ChatItem::ToolResult {
                call_id: call.id.clone(),
                name: call.name.clone(),
                content: run.content(),
                is_error: run.outcome != ToolOutcome::Ok,
            });
            turn.tool_runs.push(run);
            if bad_call {
                corrections += 1;
                if corrections >= 2 {
                    turn.trace
                        .enter(State::Escalate, "second invalid tool call");
                    return escalate(agent, &ctx, turn, "the assistant could not use its tools")
                        .await;
                }
                turn.trace.enter(
                    State::Plan,
                    "corrective retry: the Brain was told what was wrong",
                );
            }
        }
        if outcome == Outcome::Handoff {
            break;
        }
    }

    let draft = match draft {
        Some(text) if !text.trim().is_empty() => text,
        _ => {
            turn.trace.enter(State::Draft, "drafting from tool results");
            let request_ = brain_request(&history, &[], Purpose::Draft, llm_timeout);
            match ask_streamed(agent, request, &request_, deadline, turn).await {
                Ok(r) => r.reply.text.unwrap_or_default(),
                Err(error) => {
                    tracing::error!(%error, "every brain failed to draft");
                    return escalate(agent, &ctx, turn, "the assistant is unavailable").await;
                }
            }
        }
    };
    turn.trace.enter(State::Guardrail, "checking the draft");
    let mut checked = guardrails::check_draft(&draft, &turn.grounding);
    turn.trips.extend(checked.trips.iter().copied());
    // an answer after a knowledge-base search must cite what it used: an uncited draft
    // is replaced by the offline brain's extractive one (which cites, or says it found nothing)
    let searched = !turn.passages.is_empty();
    if !checked.blocked
        && searched
        && !guardrails::has_citation(&checked.text)
        && !is_fixed_reply(&checked.text)
    {
        turn.trips.push("missing_citation");
        turn.trace.enter(
            State::Draft,
            "re-drafting extractively: the answer cited nothing",
        );
        let request_ = brain_request(&history, &[], Purpose::Draft, llm_timeout);
        if let Ok(r) = agent
            .brains
            .complete_last(turn.thread_id, &request_, &mut turn.attempts)
            .await
        {
            turn.trace
                .enter(State::Guardrail, "checking the re-drafted answer");
            checked = guardrails::check_draft(&r.reply.text.unwrap_or_default(), &turn.grounding);
            turn.trips.extend(checked.trips.iter().copied());
        }
    }
    if checked.blocked {
        turn.trace.enter(
            State::Escalate,
            format!("draft blocked: {}", checked.trips.join(", ")),
        );
        let number = open_ticket(
            agent,
            request,
            turn,
            "guardrail",
            "An answer was withheld by a guardrail",
        )
        .await;
        let text = match number {
            Some(n) => format!(
                "{} I've also opened ticket #{n} so our team can follow up by email.",
                checked.text
            ),
            None => checked.text,
        };
        return (text, Outcome::Ticket);
    }
    // every remote model failed and the answer is generic: make sure a person follows up
    let remote_failed = agent.brains.has_remote()
        && turn
            .attempts
            .iter()
            .any(|a| a.provider != crate::brain::offline::PROVIDER && a.outcome != "ok")
        && !turn
            .attempts
            .iter()
            .any(|a| a.provider != crate::brain::offline::PROVIDER && a.outcome == "ok");
    let grounded = turn.tool_runs.iter().any(|r| r.outcome == ToolOutcome::Ok);
    if outcome == Outcome::Answered && remote_failed && !grounded {
        if let Some(n) = open_ticket(
            agent,
            request,
            turn,
            "llm_unavailable",
            "The assistant's models were unavailable",
        )
        .await
        {
            return (
                format!(
                    "{} Our team will also follow up by email (ticket #{n}).",
                    checked.text
                ),
                Outcome::Ticket,
            );
        }
    }
    (checked.text, outcome)
}

/// One call to the Brain chain, or to the offline brain alone when the session may not
/// use the remote models any more.
async fn ask(
    agent: &Agent,
    request: &TurnRequest,
    thread_id: Uuid,
    brain_request: &BrainRequest<'_>,
    deadline: Instant,
    attempts: &mut Vec<BrainAttempt>,
) -> Result<crate::brain::chain::ChainReply, crate::brain::BrainError> {
    if request.offline_only {
        agent
            .brains
            .complete_last(thread_id, brain_request, attempts)
            .await
    } else {
        agent
            .brains
            .complete(thread_id, brain_request, deadline, attempts)
            .await
    }
}

/// [`ask`], with the call's text streamed to a listening client through a sentence gate
/// (sentence by checked sentence, as it is written); what was shown is remembered.
async fn ask_streamed(
    agent: &Agent,
    request: &TurnRequest,
    brain_request: &BrainRequest<'_>,
    deadline: Instant,
    turn: &mut TurnState,
) -> Result<crate::brain::chain::ChainReply, crate::brain::BrainError> {
    let gate = request.progress.is_listening().then(|| {
        SentenceGate::new(
            request.progress.clone(),
            turn.grounding.clone(),
            !turn.passages.is_empty(),
            !turn.streamed.is_empty(),
        )
    });
    let streamed = BrainRequest {
        stream: gate.as_ref().map(|g| g as &dyn TextSink),
        ..brain_request.clone()
    };
    let replied = ask(
        agent,
        request,
        turn.thread_id,
        &streamed,
        deadline,
        &mut turn.attempts,
    )
    .await;
    if let Some(gate) = gate {
        gate.flush();
        let released = gate.released();
        if !released.is_empty() {
            turn.streamed = released;
        }
    }
    replied
}

fn brain_request<'a>(
    history: &'a [ChatItem],
    tools: &'a [crate::brain::ToolSpec],
    purpose: Purpose,
    timeout: Duration,
) -> BrainRequest<'a> {
    BrainRequest {
        system: prompts::SYSTEM,
        prompt_version: prompts::PROMPT_VERSION,
        history,
        tools,
        purpose,
        timeout,
        stream: None,
    }
}

/// The offline brain's fixed replies, which need no citation.
fn is_fixed_reply(text: &str) -> bool {
    use crate::brain::offline::draft;
    [draft::NOTHING_FOUND, draft::NEUTRAL, draft::TOOL_FAILED].contains(&text)
}

async fn open_ticket(
    agent: &Agent,
    request: &TurnRequest,
    turn: &mut TurnState,
    reason: &str,
    subject: &str,
) -> Option<i64> {
    let ticket = NewTicket {
        thread_id: Some(turn.thread_id),
        reason: reason.into(),
        email: request.identity.verified_email().map(str::to_string),
        subject: subject.into(),
        body: format!(
            "Please review the conversation {} and follow up with the customer.",
            turn.thread_id
        ),
        priority: Priority::Normal,
    };
    match agent.tools.open_ticket(&ticket).await {
        Ok(t) => {
            turn.ticket_number = Some(t.number);
            Some(t.number)
        }
        Err(error) => {
            tracing::error!(%error, reason, "could not open a ticket");
            None
        }
    }
}

/// Hands the thread to a person with the orchestrator's own `handoff_human` call.
async fn escalate(
    agent: &Agent,
    ctx: &ToolContext<'_>,
    turn: &mut TurnState,
    reason: &str,
) -> (String, Outcome) {
    let call = ToolCall {
        id: "orchestrator-handoff".into(),
        name: HANDOFF_HUMAN.into(),
        arguments: serde_json::json!({ "reason": reason, "transcript_excerpt": "" }).to_string(),
    };
    let run = agent.tools.run(ctx, &call).await;
    let text = if run.outcome == ToolOutcome::Ok {
        crate::brain::offline::draft::from_tool_value(HANDOFF_HUMAN, &run.result)
    } else {
        crate::brain::offline::draft::TOOL_FAILED.to_string()
    };
    turn.tool_runs.push(run);
    (text, Outcome::Handoff)
}
