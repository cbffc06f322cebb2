//! What a customer's words signal before any model reads them: a threat of violence,
//! a risk of self-harm, abuse aimed at someone, and an explicit request for a person.
//! The input guardrail and the offline router both read these (English, German,
//! French, Spanish, and Dutch for the safety cues).

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

/// A threat of violence against someone at the shop or their property.
pub static THREAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:i(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|\s+am\s+gonna|'m\s+gonna|\s+gonna)\s+
             (?:come\s+(?:over\s+)?(?:there\s+)?and\s+)?
             (?:hurt|kill|beat|stab|shoot|murder|strangle|punch|attack|burn|bomb|smash\s+your\s+face)
          |(?:find|know)\s+where\s+you\s+(?:live|sleep|work)
          |burn\s+(?:down\s+)?(?:your|the)\s+(?:shop|store|office|warehouse|house|place)(?:\s+down)?
          |you(?:'re|\s+are)\s+(?:dead|going\s+to\s+die|gonna\s+die)|watch\s+your\s+back
          |(?:bring|get)\s+(?:a|my)\s+(?:gun|knife|weapon)
          |(?:ich\s+(?:bring|töt|tot|schlag)\w*\s+(?:dich|euch|sie)\b|ich\s+weiß\s+wo\s+(?:du\s+wohnst|ihr\s+wohnt))
          |(?:je\s+vais\s+(?:te|vous)\s+(?:tuer|frapper|buter|crever)|je\s+sais\s+où\s+(?:tu\s+habites|vous\s+habitez))
          |(?:te\s+voy\s+a\s+(?:matar|pegar|encontrar)|os\s+voy\s+a\s+matar|s[eé]\s+d[oó]nde\s+vives)
          |(?:ik\s+(?:ga|zal)\s+(?:je|jou|jullie)\s+(?:vermoorden|pijn\s+doen|slaan|neersteken)|ik\s+weet\s+waar\s+je\s+woont))",
    )
    .expect("threat pattern")
});

/// Words of someone who may harm themselves.
pub static SELF_HARM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:kill(?:ing)?\s+myself|end(?:ing)?\s+(?:my\s+life|it\s+all)|take\s+my\s+(?:own\s+)?life
          |suicid(?:e|al)|(?:want|going)\s+to\s+die|don'?t\s+want\s+to\s+(?:live|be\s+alive|go\s+on)
          |hurt(?:ing)?\s+myself|harm(?:ing)?\s+myself|self[-\s]harm|no\s+reason\s+to\s+live
          |(?:mich|mir)\s+(?:umbringen|das\s+leben\s+nehmen)|suizid|selbstmord|nicht\s+mehr\s+leben
          |me\s+suicider|mettre\s+fin\s+à\s+mes\s+jours|me\s+tuer|en\s+finir\s+avec\s+la\s+vie
          |suicidarme|matarme|quitarme\s+la\s+vida|no\s+quiero\s+vivir
          |zelfmoord|mezelf\s+(?:van\s+kant\s+maken|iets\s+aandoen)|wil\s+niet\s+meer\s+leven)",
    )
    .expect("self-harm pattern")
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

    #[test]
    fn threats_of_violence() {
        for text in [
            "I will find where you live and hurt you",
            "I'm going to come over there and kill you",
            "I'll burn your shop down",
            "you're dead, watch your back",
            "ich weiß wo du wohnst",
            "je vais te tuer",
            "te voy a matar",
            "ik ga je vermoorden",
        ] {
            assert!(THREAT.is_match(text), "{text}");
        }
        for text in [
            "this price will kill me",
            "the kettle burns my hand, is that normal?",
            "I will find the receipt and send it",
            "where do you ship from? where do you live, in Berlin?",
            "I'm going to return the kettle",
        ] {
            assert!(!THREAT.is_match(text), "{text}");
        }
    }

    #[test]
    fn risk_of_self_harm() {
        for text in [
            "honestly I just want to die",
            "I'm thinking about killing myself",
            "ich will mir das leben nehmen",
            "je veux me suicider",
            "no quiero vivir más",
            "ik wil niet meer leven",
        ] {
            assert!(SELF_HARM.is_match(text), "{text}");
        }
        for text in [
            "the kettle died after a week",
            "this delay is killing me",
            "can I end my subscription?",
        ] {
            assert!(!SELF_HARM.is_match(text), "{text}");
        }
    }
}
