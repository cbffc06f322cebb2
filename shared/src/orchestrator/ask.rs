//! Calling the Brain from the turn: the whole chain (primary → fallback → offline), or
//! the offline brain alone when the caller's LLM budget is spent; with the reply's
//! text streamed to a listening client through the sentence gate.

use std::time::{Duration, Instant};

use super::admit::Admitted;
use super::gate::SentenceGate;
use super::turn::TurnState;
use super::Agent;
use crate::brain::chain::ChainReply;
use crate::brain::{prompts, BrainError, BrainRequest, ChatItem, Purpose, TextSink, ToolSpec};

/// One Brain call with this turn's system prompt and prompt version.
pub fn brain_request<'a>(
    history: &'a [ChatItem],
    tools: &'a [ToolSpec],
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

/// One call to the chain (or to the offline brain alone when remote models are off
/// for this caller), its text streamed sentence by checked sentence to a listening
/// client; what was shown is remembered in `turn.streamed`.
pub async fn ask_streamed(
    agent: &Agent,
    a: &Admitted,
    request: &BrainRequest<'_>,
    deadline: Instant,
    turn: &mut TurnState,
) -> Result<ChainReply, BrainError> {
    let progress = &a.request.progress;
    let gate = progress.is_listening().then(|| {
        SentenceGate::new(
            progress.clone(),
            turn.grounding.clone(),
            !turn.passages.is_empty(),
            !turn.streamed.is_empty(),
        )
    });
    let streamed = BrainRequest {
        stream: gate.as_ref().map(|g| g as &dyn TextSink),
        ..request.clone()
    };
    let replied = if a.offline_only() {
        agent
            .brains
            .complete_last(turn.thread_id, &streamed, &mut turn.attempts)
            .await
    } else {
        agent
            .brains
            .complete(turn.thread_id, &streamed, deadline, &mut turn.attempts)
            .await
    };
    if let Some(gate) = gate {
        gate.flush();
        let released = gate.released();
        if !released.is_empty() {
            turn.streamed = released;
        }
    }
    replied
}
