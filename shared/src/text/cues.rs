//! What a customer's words signal before any model reads them: abuse aimed at someone,
//! and an explicit request for a person. The input guardrail and the offline router
//! both read these.

use std::sync::LazyLock;

use regex::Regex;

/// Insults, threats and profanity aimed at someone (English, German, French, Spanish).
pub static ABUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:idiots?|imbeciles?|morons?|stupid\s+(?:bot|machine|people|shop|idiots?)|dumb\s+(?:bot|machine|ass)
          |fuck(?:ing)?\s+(?:off|you)|f\*+k\s+(?:off|you)|screw\s+you|go\s+to\s+hell|shut\s+up
          |piece\s+of\s+(?:shit|junk|crap|garbage)|useless\s+(?:piece|bot|idiots?|morons?)|bastards?|assholes?|bitch
          |scumbags?|clowns|losers|incompetent\s+(?:idiots?|morons?)|you'?ll\s+regret|i\s+know\s+where\s+(?:you|your)
          |vollidioten?|idioten|arschl[oö]ch(?:er)?|verpiss|connards?|putain|cabrones?|idiotas|imb[eé]ciles?|pendejos?
          |de\s+merde|mierda|f[u*]+c?king\s+(?:\w+\s+)?(?:bot|chatbot|machine|idiots?|shop|people)|dumbest|scammers
          |make\s+(?:them|you)\s+pay|home\s+address(?:es)?)\b",
    )
    .expect("abuse pattern")
});

/// An explicit request for a person.
pub static HUMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:(?:speak|talk|chat|connect\s+me|put\s+me\s+through|transfer\s+me|get\s+me|give\s+me|let\s+me\s+(?:talk|speak))
             \s+(?:to|with)?\s*(?:a|an|some|one\s+of\s+your|your)?\s*(?:real\s+|actual\s+|live\s+)?
             (?:human|person|people|someone|somebody|agent|representative|rep|manager|supervisor|staff|operator|colleague)
          |(?:human|real\s+person|live\s+agent|representative|operator)\s*(?:please|pls|now)
          |\bhuman\b.*\bplease\b|\bhuman[.!]?\s+now\b
          |(?:staff\s+member|real\s+person|a\s+person)\s+to\s+(?:look|handle|check|call|deal)
          |(?:mit\s+einem\s+menschen|mit\s+einer?\s+(?:person|mitarbeiter(?:in)?))
          |(?:parler\s+[àa]\s+(?:un|une)\s+(?:humain|personne|conseill(?:er|[eè]re)))
          |(?:hablar\s+con\s+(?:una?\s+)?(?:persona|humano|agente)))",
    )
    .expect("human pattern")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        for text in [
            "you useless piece of junk bot",
            "fuck off",
            "shut up you stupid machine",
        ] {
            assert!(ABUSE.is_match(text), "{text}");
        }
        for text in [
            "I want to speak to a person",
            "can I talk to a human please",
            "put me through to a representative",
            "human please",
        ] {
            assert!(HUMAN.is_match(text), "{text}");
        }
        for text in [
            "my kettle is shut off",
            "where is my order",
            "are you a bot?",
        ] {
            assert!(!ABUSE.is_match(text) && !HUMAN.is_match(text), "{text}");
        }
    }
}
