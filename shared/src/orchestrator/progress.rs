//! A turn's progress as it happens, for clients that stream (the widget's
//! `text/event-stream` replies): the message is stored, the state machine moves, and
//! the answer's sentences — each released only after it passed the guardrails (a
//! remote model's draft through the sentence gate, `gate.rs`, as it is written; any
//! other answer once it is checked), so a tripped guardrail never leaks a partial
//! answer.

use tokio::sync::mpsc;
use uuid::Uuid;

use super::trace::State;

#[derive(Debug, Clone, PartialEq)]
pub enum TurnEvent {
    /// The customer's message is on record.
    Stored {
        thread_id: Uuid,
        user_message_id: Uuid,
    },
    /// The state machine entered `state`.
    Step { state: State, note: String },
    /// The next sentence of the checked answer (with its trailing whitespace).
    Sentence(String),
    /// Forget the sentences sent so far: the answer is being replaced (another model
    /// starts over, or the final answer differs from what streamed).
    Reset,
}

/// Where a turn reports progress; the default reports nowhere.
#[derive(Debug, Clone, Default)]
pub struct Progress(Option<mpsc::UnboundedSender<TurnEvent>>);

impl Progress {
    /// A sink and the receiving end a streaming client reads.
    pub fn channel() -> (Self, mpsc::UnboundedReceiver<TurnEvent>) {
        let (tx, rx) = mpsc::unbounded_channel();
        (Self(Some(tx)), rx)
    }

    pub fn send(&self, event: TurnEvent) {
        if let Some(tx) = &self.0 {
            // a client that went away stops listening; the turn goes on regardless
            let _ = tx.send(event);
        }
    }

    pub fn is_listening(&self) -> bool {
        self.0.as_ref().is_some_and(|tx| !tx.is_closed())
    }
}

/// Splits `text` into sentences whose concatenation is `text` again. A citation such
/// as "(See: Returns and refunds)" stays with the sentence before it; blank lines end
/// a sentence too.
pub fn sentences(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // the `)` that balances the last "(See:" (a title may hold parentheses)
        let closes_citation = c == ')' && {
            let before: String = chars[start..i].iter().collect();
            before.rfind("(See:").is_some_and(|open| {
                let inside = &before[open..];
                inside.matches('(').count() == inside.matches(')').count() + 1
            })
        };
        let ends = matches!(c, '.' | '!' | '?' | '\n') || closes_citation;
        if ends {
            let mut j = i + 1;
            // closing quotes and brackets belong to the sentence
            while j < chars.len() && matches!(chars[j], '"' | '\'' | ')' | '”' | '’') {
                j += 1;
            }
            let ws_start = j;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            let boundary = j > ws_start || j == chars.len();
            let newline_break =
                c != '\n' || chars[i..j].iter().filter(|&&ch| ch == '\n').count() >= 2;
            let next_is_citation = chars[j..].iter().collect::<String>().starts_with("(See:");
            if boundary && newline_break && !next_is_citation && (c != '\n' || j > i + 1) {
                out.push(chars[start..j].iter().collect());
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < chars.len() {
        out.push(chars[start..].iter().collect());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: &[&str]) {
        let got = sentences(text);
        assert_eq!(got, expected);
        assert_eq!(got.concat(), text, "sentences must add up to the text");
    }

    #[test]
    fn splits_after_sentence_ends() {
        check("One. Two! Three?", &["One. ", "Two! ", "Three?"]);
        check("Total 49.00 EUR. Done.", &["Total 49.00 EUR. ", "Done."]);
        check("No end", &["No end"]);
        check("", &[]);
    }

    #[test]
    fn keeps_citations_with_their_sentence() {
        check(
            "You have 30 days. (See: Returns and refunds) Anything else?",
            &[
                "You have 30 days. (See: Returns and refunds) ",
                "Anything else?",
            ],
        );
        check(
            "1,520 g. (See: Scree Boot (Men's)) Anything else?",
            &["1,520 g. (See: Scree Boot (Men's)) ", "Anything else?"],
        );
    }

    #[test]
    fn paragraphs_break_single_newlines_do_not() {
        check("- a\n- b\n\nNext", &["- a\n- b\n\n", "Next"]);
    }
}
