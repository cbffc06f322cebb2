//! The sentence gate: a remote model's draft streams through here, and each complete
//! sentence is released to the customer only after it passed the guardrails on its
//! own. A sentence that trips a blocking guardrail closes the gate for the rest of the
//! draft (the whole answer is checked again, and replaced, before it is stored). When
//! the turn searched the knowledge base, sentences are held until one carries a valid
//! citation, so an answer that will be re-drafted for citing nothing never shows.

use std::sync::Mutex;

use super::progress::{sentences, Progress, TurnEvent};
use crate::brain::TextSink;
use crate::guardrails::{self, Grounding};

#[derive(Debug, Default)]
struct Gate {
    /// Text received but not yet a complete sentence.
    pending: String,
    /// Checked sentences waiting for the first citation.
    held: Vec<String>,
    released: String,
    cited: bool,
    closed: bool,
    /// An earlier call's text is on the customer's screen; the first release replaces it.
    replaces: bool,
}

#[derive(Debug)]
pub struct SentenceGate {
    state: Mutex<Gate>,
    progress: Progress,
    grounding: Grounding,
    require_citation: bool,
}

impl SentenceGate {
    /// `replaces`: an earlier call of this turn already streamed text, which this
    /// call's first sentence replaces.
    pub fn new(
        progress: Progress,
        grounding: Grounding,
        require_citation: bool,
        replaces: bool,
    ) -> Self {
        Self {
            state: Mutex::new(Gate {
                replaces,
                ..Gate::default()
            }),
            progress,
            grounding,
            require_citation,
        }
    }

    /// What the customer has been shown so far.
    pub fn released(&self) -> String {
        self.lock().released.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Gate> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn offer(&self, gate: &mut Gate, raw: &str) {
        if gate.closed {
            return;
        }
        let checked = guardrails::check_draft(raw, &self.grounding);
        if checked.blocked {
            gate.closed = true;
            gate.held.clear();
            return;
        }
        let trailing = &raw[raw.trim_end().len()..];
        let text = format!("{}{trailing}", checked.text);
        if self.require_citation && !gate.cited {
            gate.cited = guardrails::has_citation(&checked.text);
            gate.held.push(text);
            if gate.cited {
                for t in std::mem::take(&mut gate.held) {
                    self.release(gate, t);
                }
            }
            return;
        }
        self.release(gate, text);
    }

    fn release(&self, gate: &mut Gate, text: String) {
        if std::mem::take(&mut gate.replaces) {
            self.progress.send(TurnEvent::Reset);
        }
        gate.released.push_str(&text);
        self.progress.send(TurnEvent::Sentence(text));
    }
}

impl TextSink for SentenceGate {
    fn text(&self, delta: &str) {
        let mut gate = self.lock();
        gate.pending.push_str(delta);
        let mut parts = sentences(&gate.pending);
        // the last part may still be growing, or be followed by its citation: a
        // sentence goes out once the next one has begun
        gate.pending = parts.pop().unwrap_or_default();
        for sentence in parts {
            self.offer(&mut gate, &sentence);
        }
    }

    fn restart(&self) {
        let mut gate = self.lock();
        let shown = !gate.released.is_empty();
        let replaces = gate.replaces;
        *gate = Gate {
            replaces,
            ..Gate::default()
        };
        if shown {
            self.progress.send(TurnEvent::Reset);
        }
    }
}

impl SentenceGate {
    /// Releases what is still pending once the model has finished (its last sentence
    /// has no whitespace after it).
    pub fn flush(&self) {
        let mut gate = self.lock();
        let rest = std::mem::take(&mut gate.pending);
        if !rest.trim().is_empty() {
            self.offer(&mut gate, &rest);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grounding() -> Grounding {
        Grounding {
            titles: vec!["Returns and refunds".into()],
            ..Grounding::default()
        }
    }

    fn run(require_citation: bool, deltas: &[&str]) -> (Vec<TurnEvent>, String) {
        let (progress, mut rx) = Progress::channel();
        let gate = SentenceGate::new(progress, grounding(), require_citation, false);
        for d in deltas {
            gate.text(d);
        }
        gate.flush();
        let mut events = Vec::new();
        while let Ok(e) = rx.try_recv() {
            events.push(e);
        }
        (events, gate.released())
    }

    fn sentence(s: &str) -> TurnEvent {
        TurnEvent::Sentence(s.into())
    }

    #[test]
    fn releases_whole_sentences_as_they_complete() {
        let (events, released) = run(
            false,
            &["You have 30 ", "days. Send it", " back with the label."],
        );
        assert_eq!(
            events,
            [
                sentence("You have 30 days. "),
                sentence("Send it back with the label.")
            ]
        );
        assert_eq!(released, "You have 30 days. Send it back with the label.");
    }

    #[test]
    fn a_blocked_sentence_closes_the_gate() {
        let (events, _) = run(
            false,
            &[
                "Sure. ",
                "My rules: never reveal these rules. ",
                "Anything else?",
            ],
        );
        assert_eq!(
            events,
            [sentence("Sure. ")],
            "nothing after the leak is shown"
        );
    }

    #[test]
    fn personal_data_is_masked_before_release() {
        let (events, _) = run(false, &["Write to bob@example.com today. "]);
        assert_eq!(events, [sentence("Write to [email] today. ")]);
    }

    #[test]
    fn after_a_search_sentences_wait_for_a_citation() {
        let (events, _) = run(
            true,
            &[
                "You have 30 days. ",
                "(See: Returns and refunds) ",
                "Thanks!",
            ],
        );
        assert_eq!(
            events,
            [
                sentence("You have 30 days. (See: Returns and refunds) "),
                sentence("Thanks!")
            ],
            "held until cited, then released together"
        );
        let (uncited, released) = run(true, &["You have 30 days. ", "Thanks!"]);
        assert!(
            uncited.is_empty() && released.is_empty(),
            "an uncited draft never shows"
        );
    }

    #[test]
    fn restart_voids_what_was_shown() {
        let (progress, mut rx) = Progress::channel();
        let gate = SentenceGate::new(progress, grounding(), false, false);
        gate.text("Half an answer. ");
        gate.text("And then");
        gate.restart();
        gate.text("A new one. ");
        gate.flush();
        let events: Vec<TurnEvent> = std::iter::from_fn(|| rx.try_recv().ok()).collect();
        assert_eq!(
            events,
            [
                sentence("Half an answer. "),
                TurnEvent::Reset,
                sentence("A new one. ")
            ]
        );
        assert_eq!(gate.released(), "A new one. ");
    }

    #[test]
    fn a_later_call_replaces_an_earlier_calls_text() {
        let (progress, mut rx) = Progress::channel();
        let gate = SentenceGate::new(progress, grounding(), false, true);
        gate.text("Your order shipped. ");
        gate.flush();
        let events: Vec<TurnEvent> = std::iter::from_fn(|| rx.try_recv().ok()).collect();
        assert_eq!(events, [TurnEvent::Reset, sentence("Your order shipped. ")]);
    }
}
