//! What a customer's words signal before any model reads them: a threat of violence,
//! a risk of self-harm, abuse aimed at someone, an explicit request for a person, and
//! a question about the shop's policies (which retrieval reads).
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

/// A short yes: accepting what the assistant just offered (English, German, French,
/// Spanish, Dutch).
pub static AFFIRMATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        ^\s*(?:yes|yeah|yep|yup|sure|ok(?:ay)?|please(?:\s+do)?|go\s+ahead|that\s+would\s+be\s+(?:great|good)
          |ja|gerne|bitte|oui|volontiers|s[íi]|vale|claro|por\s+favor|graag|jazeker)\b",
    )
    .expect("affirmative pattern")
});

/// Whether a message is a short yes (a few words at most).
pub fn is_affirmative(message: &str) -> bool {
    message.split_whitespace().count() <= 8 && AFFIRMATIVE.is_match(message)
}

/// A question about how the shop works rather than about a product: returns,
/// refunds, exchanges, shipping, customs, payment, warranty and repairs (a product
/// that leaks, broke or won't turn on is a warranty question), the account,
/// privacy, cancelling (English, German, French, Spanish, Dutch). Retrieval prefers
/// policy pages for these.
pub static POLICY_TOPIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:return(?:s|ed|ing)?|send\s+(?:it\s+|them\s+)?back|refund(?:s|ed)?|exchange[sd]?|money\s+back
          |ship(?:s|ping|ped)?|deliver(?:y|ies|ed)?|dispatch(?:ed)?|postage|courier|customs|duties|import\s+tax
          |pay(?:ing|ment|ments)?|paypal|klarna|invoice|instal(?:l)?ments?|checkout|vat
          |warrant(?:y|ies)|guarantee[ds]?|repairs?|defect(?:ive)?|faulty|broken|cracked|damaged
          |leak(?:s|ing|ed)?|stopped\s+working|(?:doesn'?t|does\s+not|won'?t|will\s+not)\s+(?:work|turn\s+on|switch\s+on|charge)
          |account|password|log\s*in|sign\s*in|privacy|personal\s+data|gdpr|unsubscribe|newsletter
          |cancel(?:l?ed|l?ing|lation)?|discount|voucher|coupon|gift\s*cards?|price\s+match
          |r[üu]ck(?:gabe|sendung|erstattung)|umtausch|erstattung|versand|lieferung|zahlung|garantie|konto|widerruf
          |retour(?:ner|s)?|remboursement|[ée]change|livraison|exp[ée]dition|paiement|compte|annul(?:er|ation)
          |devoluci[óo]n(?:es)?|devolver|reembolso|cambio|env[íi]os?|entrega|pago|garant[íi]a|cuenta|cancelar
          |terugsturen|retourneren|terugbetaling|verzending|levering|betaling|rekening)\b",
    )
    .expect("policy topic pattern")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_yeses() {
        for m in [
            "yes",
            "Yes please",
            "ok, go ahead",
            "sí, por favor",
            "Ja, gerne!",
            "sure thing",
        ] {
            assert!(is_affirmative(m), "{m}");
        }
        for m in [
            "no thanks",
            "yesterday my parcel arrived broken",
            "yes but first tell me how long shipping to Norway takes and what it costs please",
        ] {
            assert!(!is_affirmative(m), "{m}");
        }
    }

    #[test]
    fn policy_topics() {
        for q in [
            "How many days do I have to return an opened kettle?",
            "Do you ship to Norway?",
            "Is the Summit daypack covered by the lifetime guarantee?",
            "¿Cuánto tarda el envío a España?",
            "Kann ich mit Klarna bezahlen? Wie lange dauert der Versand?",
            "I forgot my password",
            "My kettle is leaking water from the bottom",
            "The scale won't turn on at all",
        ] {
            assert!(POLICY_TOPIC.is_match(q), "{q}");
        }
        for q in [
            "How heavy is the Ridge 2P tent?",
            "Is the classic kettle dishwasher safe?",
            "What colours does the fleece come in?",
        ] {
            assert!(!POLICY_TOPIC.is_match(q), "{q}");
        }
    }

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
