//! The body of a turn, inside the SLA: screen the message, PLAN with the Brain, run
//! the TOOL_LOOP (at most `agent.max_tool_calls` calls, one corrective retry), DRAFT,
//! and pass the GUARDRAIL. Each step is a function of its own; each returns the
//! state machine's refusal if it tried an invalid move.

use std::time::{Duration, Instant};

use super::admit::Admitted;
use super::answerable;
use super::ask::{ask_streamed, brain_request};
use super::escalate::{escalate, open_ticket};
use super::result::Outcome;
use super::trace::{State, StateError};
use super::turn::TurnState;
use super::Agent;
use crate::brain::{ChatItem, Purpose, ToolCall, ToolSpec};
use crate::guardrails::{self, InputFlag};
use crate::text::language::{self, Language};
use crate::text::replies;
use crate::threads;
use crate::tool_api::ToolName;
use crate::tools::{ToolContext, ToolOutcome};
use frontdesk_api::Priority;

/// The answer and how the turn ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Drafted {
    pub answer: String,
    pub outcome: Outcome,
}

impl Drafted {
    pub fn new(answer: impl Into<String>, outcome: Outcome) -> Self {
        Self {
            answer: answer.into(),
            outcome,
        }
    }
}

/// Where the plan and tool loop ended.
enum Planned {
    /// The Brain's text, if it wrote one, and the outcome so far.
    Draft(Option<String>, Outcome),
    /// The turn already ended (handed off after a failure).
    Done(Drafted),
}

pub async fn run(
    agent: &Agent,
    a: &Admitted,
    deadline: Instant,
    turn: &mut TurnState,
) -> Result<Drafted, StateError> {
    let message = a.message();
    if let Some(email) = a.request.identity.verified_email() {
        turn.grounding.emails.push(email.to_string());
    }
    if let Some(email) = crate::text::slots::email(message) {
        turn.grounding.emails.push(email);
    }
    if let Some(done) = screen(agent, a, turn).await? {
        return Ok(done);
    }
    let customer_language = language::detect(message);
    if let Some(l) = customer_language {
        let recorded = threads::record_language(&agent.pool, turn.thread_id, l.code);
        if let Err(error) = recorded.await {
            tracing::warn!(%error, "could not record the thread's language");
        }
    }
    let mut history = agent.memory.load(&agent.pool, turn.thread_id).await;
    history.push(ChatItem::User {
        text: message.to_string(),
    });
    let (draft, outcome) = match plan(agent, a, deadline, turn, &mut history).await? {
        Planned::Done(done) => return Ok(done),
        Planned::Draft(text, outcome) => (text, outcome),
    };
    let draft = match draft.filter(|t| !t.trim().is_empty()) {
        Some(text) => text,
        None => match draft_from_results(agent, a, deadline, turn, &history).await? {
            Ok(text) => text,
            Err(done) => return Ok(done),
        },
    };
    guard(agent, a, turn, &history, draft, outcome).await
}

/// An answer in English to a customer who wrote in another language (the offline
/// brain's, the fixed replies', or a model's that ignored the instruction) first says,
/// in their language, that it answers in English.
pub fn in_their_language(customer: Option<Language>, mut drafted: Drafted) -> Drafted {
    let Some(customer) = customer.filter(|l| !l.is_english()) else {
        return drafted;
    };
    if language::detect(&drafted.answer) != Some(customer) {
        let note = language::english_only_note(customer);
        drafted.answer = format!("{note} {}", drafted.answer);
    }
    drafted
}

/// The input guardrail: a threat, a risk of self-harm or abuse ends the turn here,
/// with the reason in the trace; an injection attempt is recorded and planning goes on.
async fn screen(
    agent: &Agent,
    a: &Admitted,
    turn: &mut TurnState,
) -> Result<Option<Drafted>, StateError> {
    match guardrails::screen_input(a.message()) {
        Some(InputFlag::SelfHarm) => {
            turn.trips.push("self_harm");
            let handed = escalate(
                agent,
                a,
                turn,
                "input guardrail: risk of self-harm",
                "the customer may be at risk of harming themselves",
            )
            .await?;
            let text = format!("{} {}", replies::SELF_HARM, handed.answer);
            Ok(Some(Drafted::new(text, Outcome::Handoff)))
        }
        Some(InputFlag::Threat) => {
            turn.trace
                .enter(State::Escalate, "input guardrail: threat of violence")?;
            turn.trips.push("threat");
            let subject = "Threat of violence in chat";
            open_ticket(agent, a, turn, "threat", subject, Priority::Urgent).await;
            Ok(Some(Drafted::new(replies::THREAT, Outcome::Blocked)))
        }
        Some(InputFlag::Abusive) => {
            turn.trace
                .enter(State::Escalate, "input guardrail: abusive")?;
            turn.trips.push("abusive_input");
            let subject = "Abusive message in chat";
            open_ticket(agent, a, turn, "abusive", subject, Priority::Normal).await;
            Ok(Some(Drafted::new(replies::NEUTRAL, Outcome::Blocked)))
        }
        Some(InputFlag::Injection) => {
            turn.trips.push("injection_attempt");
            Ok(None)
        }
        None => Ok(None),
    }
}

/// PLAN and the TOOL_LOOP: the Brain picks tools until it writes text, the call
/// budget is spent, or the thread was handed off.
async fn plan(
    agent: &Agent,
    a: &Admitted,
    deadline: Instant,
    turn: &mut TurnState,
    history: &mut Vec<ChatItem>,
) -> Result<Planned, StateError> {
    let specs = agent.tools.specs().await;
    let kb_down = agent.tools.kb_unavailable().await;
    let timeout = Duration::from_millis(agent.config.turn_sla_ms);
    let mut outcome = Outcome::Answered;
    let mut corrections = 0;
    let mut calls_made = 0u32;
    turn.trace
        .enter(State::Plan, format!("{} tools offered", specs.len()))?;
    while calls_made < agent.config.max_tool_calls {
        let request = brain_request(history, &specs, Purpose::Route, timeout);
        let reply = match ask_streamed(agent, a, &request, deadline, turn).await {
            Ok(r) => r.reply,
            Err(error) => {
                tracing::error!(%error, "every brain failed");
                let done = escalate(
                    agent,
                    a,
                    turn,
                    "every brain failed",
                    "the assistant is unavailable",
                )
                .await?;
                return Ok(Planned::Done(done));
            }
        };
        if reply.tool_calls.is_empty() {
            if calls_made > 0 {
                turn.trace
                    .enter(State::Draft, "the Brain answered from the tool results")?;
            }
            return Ok(Planned::Draft(reply.text, outcome));
        }
        let budget = (agent.config.max_tool_calls - calls_made) as usize;
        let calls: Vec<ToolCall> = reply.tool_calls.into_iter().take(budget).collect();
        history.push(ChatItem::Assistant {
            text: reply.text,
            tool_calls: calls.clone(),
        });
        for call in calls {
            calls_made += 1;
            let step = call_tool(agent, a, turn, history, &call, calls_made, &kb_down).await?;
            match step {
                Called::Fine => {}
                Called::Done(done) => return Ok(Planned::Done(done)),
                Called::Bad => {
                    corrections += 1;
                    if corrections >= 2 {
                        let done = escalate(
                            agent,
                            a,
                            turn,
                            "second invalid tool call",
                            "the assistant could not use its tools",
                        )
                        .await?;
                        return Ok(Planned::Done(done));
                    }
                    turn.trace.enter(
                        State::Plan,
                        "corrective retry: the Brain was told what was wrong",
                    )?;
                }
            }
            outcome = outcome_after(turn, outcome);
        }
        if outcome == Outcome::Handoff {
            break;
        }
    }
    Ok(Planned::Draft(None, outcome))
}

/// How one call went, for the loop.
enum Called {
    Fine,
    /// Unknown tool or invalid arguments: the Brain was told.
    Bad,
    /// The turn ended (the knowledge base is down: handed off).
    Done(Drafted),
}

/// Runs one call in the TOOL_LOOP and hands its result to the Brain.
async fn call_tool(
    agent: &Agent,
    a: &Admitted,
    turn: &mut TurnState,
    history: &mut Vec<ChatItem>,
    call: &ToolCall,
    number: u32,
    kb_down: &Option<String>,
) -> Result<Called, StateError> {
    turn.trace
        .enter(State::ToolLoop, format!("{} (call {number})", call.name))?;
    if let (Some(ToolName::SearchKb), Some(reason)) = (call.tool(), kb_down) {
        let why = format!("search_kb disabled: {reason}");
        let done = escalate(agent, a, turn, &why, "the knowledge base is unavailable").await?;
        return Ok(Called::Done(done));
    }
    let ctx = ToolContext {
        thread_id: turn.thread_id,
        channel: a.request.channel,
        identity: &a.request.identity,
    };
    let run = agent.tools.run(&ctx, call).await;
    let bad = matches!(run.outcome, ToolOutcome::Unknown | ToolOutcome::Invalid);
    turn.absorb(&run);
    history.push(ChatItem::ToolResult {
        call_id: call.id.clone(),
        name: call.name.clone(),
        content: run.content(),
        is_error: !run.succeeded(),
    });
    turn.tool_runs.push(run);
    Ok(if bad { Called::Bad } else { Called::Fine })
}

/// A handoff outranks a ticket, which outranks a plain answer.
fn outcome_after(turn: &TurnState, outcome: Outcome) -> Outcome {
    if turn.used(ToolName::HandoffHuman) {
        Outcome::Handoff
    } else if turn.used(ToolName::CreateTicket) && outcome == Outcome::Answered {
        Outcome::Ticket
    } else {
        outcome
    }
}

/// DRAFT: the Brain writes the answer from the tool results (without tools).
async fn draft_from_results(
    agent: &Agent,
    a: &Admitted,
    deadline: Instant,
    turn: &mut TurnState,
    history: &[ChatItem],
) -> Result<Result<String, Drafted>, StateError> {
    turn.trace
        .enter(State::Draft, "drafting from tool results")?;
    let timeout = Duration::from_millis(agent.config.turn_sla_ms);
    let request = brain_request(history, &[] as &[ToolSpec], Purpose::Draft, timeout);
    match ask_streamed(agent, a, &request, deadline, turn).await {
        Ok(r) => Ok(Ok(r.reply.text.unwrap_or_default())),
        Err(error) => {
            tracing::error!(%error, "every brain failed to draft");
            let done = escalate(
                agent,
                a,
                turn,
                "every brain failed to draft",
                "the assistant is unavailable",
            )
            .await?;
            Ok(Err(done))
        }
    }
}

/// GUARDRAIL: checks the draft; an uncited answer after a search is re-drafted
/// extractively; a blocked one becomes a ticket; a generic answer after every remote
/// model failed gets a ticket too, so a person follows up.
async fn guard(
    agent: &Agent,
    a: &Admitted,
    turn: &mut TurnState,
    history: &[ChatItem],
    draft: String,
    outcome: Outcome,
) -> Result<Drafted, StateError> {
    turn.trace.enter(State::Guardrail, "checking the draft")?;
    let mut checked = guardrails::check_draft(&draft, &turn.grounding);
    turn.trips.extend(checked.trips.iter().copied());
    let searched = !turn.passages.is_empty();
    if !checked.blocked
        && searched
        && !guardrails::has_citation(&checked.text)
        && !replies::is_fixed(&checked.text)
    {
        turn.trips.push("missing_citation");
        turn.trace.enter(
            State::Draft,
            "re-drafting extractively: the answer cited nothing",
        )?;
        let timeout = Duration::from_millis(agent.config.turn_sla_ms);
        let request = brain_request(history, &[] as &[ToolSpec], Purpose::Draft, timeout);
        if let Ok(r) = agent
            .brains
            .complete_last(turn.thread_id, &request, &mut turn.attempts)
            .await
        {
            turn.trace
                .enter(State::Guardrail, "checking the re-drafted answer")?;
            checked = guardrails::check_draft(&r.reply.text.unwrap_or_default(), &turn.grounding);
            turn.trips.extend(checked.trips.iter().copied());
        }
    }
    if !checked.blocked && searched {
        checked.text = answer_or_abstain(agent, a, turn, checked.text).await?;
    }
    if checked.blocked {
        let why = format!("draft blocked: {}", checked.trips.join(", "));
        turn.trace.enter(State::Escalate, why)?;
        let number = open_ticket(
            agent,
            a,
            turn,
            "guardrail",
            "An answer was withheld by a guardrail",
            Priority::Normal,
        )
        .await;
        let text = match number {
            Some(n) => format!(
                "{} I've also opened ticket #{n} so our team can follow up by email.",
                checked.text
            ),
            None => checked.text,
        };
        return Ok(Drafted::new(text, Outcome::Ticket));
    }
    Ok(follow_up_if_unavailable(agent, a, turn, checked.text, outcome).await)
}

/// A knowledge answer of the offline brain whose cited passages do not answer the
/// question (see `answerable.rs`) is replaced by saying so and offering a person; the
/// trace says why. Every knowledge answer's assessment is kept in the result.
async fn answer_or_abstain(
    agent: &Agent,
    a: &Admitted,
    turn: &mut TurnState,
    text: String,
) -> Result<String, StateError> {
    // a help-centre answer followed by a request for order details: the answer is
    // assessed, and on abstaining the request stays
    let (answer, order_ask) = replies::split_order_ask(&text);
    let assessed = answerable::assess(
        &agent.embedder,
        a.message(),
        answer,
        &turn.passages,
        &turn.coverage,
    )
    .await;
    turn.answerability = assessed;
    let Some(assessed) = assessed else {
        return Ok(text);
    };
    let min = agent.config.min_answerability;
    // calibrated on the offline brain's extractive drafts: a model's own words (a
    // short "You have 30 days") are its own judgement, recorded but not overruled,
    // and so is the extractive re-draft of a model's uncited answer, drawn from the
    // model's own search rather than from the customer's words
    let redrafted = turn.trips.contains(&"missing_citation");
    let drafted_offline = !redrafted
        && turn
            .attempts
            .iter()
            .rev()
            .find(|at| at.outcome == "ok")
            .is_some_and(|at| at.provider == crate::brain::offline::PROVIDER);
    if min <= 0.0 || assessed.score >= min || !drafted_offline {
        return Ok(text);
    }
    turn.trips.push("unanswerable");
    let why = format!(
        "abstaining: {} is below {min:.3}, the cited passage does not answer the question",
        assessed.describe()
    );
    turn.trace.enter(State::Draft, why)?;
    turn.trace
        .enter(State::Guardrail, "checking the abstention")?;
    Ok(order_ask.unwrap_or(replies::NOTHING_FOUND).to_string())
}

/// Every remote model failed and the answer is generic: make sure a person follows up.
async fn follow_up_if_unavailable(
    agent: &Agent,
    a: &Admitted,
    turn: &mut TurnState,
    text: String,
    outcome: Outcome,
) -> Drafted {
    let remote = |ok: bool| {
        turn.attempts
            .iter()
            .any(|at| at.provider != crate::brain::offline::PROVIDER && (at.outcome == "ok") == ok)
    };
    let remote_failed = agent.brains.has_remote() && remote(false) && !remote(true);
    let grounded = turn.tool_runs.iter().any(|r| r.succeeded());
    if outcome == Outcome::Answered && remote_failed && !grounded {
        let subject = "The assistant's models were unavailable";
        if let Some(n) =
            open_ticket(agent, a, turn, "llm_unavailable", subject, Priority::Normal).await
        {
            let text = format!("{text} Our team will also follow up by email (ticket #{n}).");
            return Drafted::new(text, Outcome::Ticket);
        }
    }
    Drafted::new(text, outcome)
}
