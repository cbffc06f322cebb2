//! The customer's language, detected from the words of a message (`whatlang`: trigram
//! statistics, no model), and the sentence the offline brain puts before an English
//! answer to someone who wrote in another language.

use whatlang::{Detector, Lang};

/// Languages told apart; limiting the choice keeps short messages from landing on a
/// rare language that happens to share their trigrams.
const CANDIDATES: [Lang; 18] = [
    Lang::Eng,
    Lang::Deu,
    Lang::Fra,
    Lang::Spa,
    Lang::Nld,
    Lang::Ita,
    Lang::Por,
    Lang::Pol,
    Lang::Swe,
    Lang::Dan,
    Lang::Fin,
    Lang::Ces,
    Lang::Tur,
    Lang::Rus,
    Lang::Ukr,
    Lang::Jpn,
    Lang::Cmn,
    Lang::Ara,
];

/// Fewer words than this say too little about their language.
const MIN_WORDS: usize = 3;
/// Below this the detector may be guessing: on short messages whatlang's own
/// "reliable" flag is almost never set, and wrong guesses ("I was charged twice for
/// order 1045": Danish) stay under 0.3 in the customers' messages tried. Below it a
/// language is still taken when its function words agree.
const MIN_CONFIDENCE: f64 = 0.5;

/// A detected language: its ISO 639-1 code (`es`) and English name (`Spanish`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    pub code: &'static str,
    pub name: &'static str,
}

impl Language {
    pub fn is_english(self) -> bool {
        self.code == "en"
    }
}

/// The language of `text`, when the detector is confident.
pub fn detect(text: &str) -> Option<Language> {
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    if words < MIN_WORDS {
        return None;
    }
    let info = Detector::with_allowlist(CANDIDATES.to_vec()).detect(text)?;
    let lang = info.lang();
    // whatlang's confidence is the gap to the runner-up, small between close languages
    // (Spanish and Portuguese); the function words settle those
    if info.confidence() < MIN_CONFIDENCE && !function_words_agree(text, lang) {
        return None;
    }
    Some(Language {
        code: iso_639_1(lang),
        name: lang.eng_name(),
    })
}

/// Frequent short words of the languages most shops meet, none shared with English.
fn function_words(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Eng => &[
            "the", "is", "my", "and", "you", "for", "with", "have", "what", "how", "where", "can",
            "it", "of", "to",
        ],
        Lang::Spa => &[
            "el", "los", "las", "que", "para", "con", "por", "una", "mi", "es", "está", "cómo",
            "dónde", "qué", "pero", "tengo", "puedo",
        ],
        Lang::Por => &[
            "os", "as", "que", "para", "com", "uma", "meu", "minha", "está", "como", "onde", "não",
            "tenho", "posso", "você",
        ],
        Lang::Ita => &[
            "il", "gli", "che", "per", "con", "una", "mio", "mia", "è", "come", "dove", "non",
            "ho", "posso", "della",
        ],
        Lang::Deu => &[
            "der", "die", "das", "und", "ist", "ich", "mein", "meine", "nicht", "wie", "wo", "mit",
            "für", "habe", "kann",
        ],
        Lang::Fra => &[
            "le", "la", "les", "et", "est", "je", "mon", "ma", "pas", "comment", "où", "avec",
            "pour", "ai", "puis",
        ],
        Lang::Nld => &[
            "de", "het", "een", "en", "is", "ik", "mijn", "niet", "hoe", "waar", "met", "voor",
            "heb", "kan", "wat",
        ],
        _ => &[],
    }
}

/// At least two of `lang`'s function words, and more than English ones.
fn function_words_agree(text: &str, lang: Lang) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let hits = |l: Lang| {
        words
            .iter()
            .filter(|w| function_words(l).contains(w))
            .count()
    };
    lang != Lang::Eng && hits(lang) >= 2 && hits(lang) > hits(Lang::Eng)
}

fn iso_639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Nld => "nl",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Pol => "pl",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Fin => "fi",
        Lang::Ces => "cs",
        Lang::Tur => "tr",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Jpn => "ja",
        Lang::Cmn => "zh",
        Lang::Ara => "ar",
        other => other.code(),
    }
}

/// What the offline brain says, in the customer's language, before an answer it can
/// only give in English.
pub fn english_only_note(language: Language) -> &'static str {
    match language.code {
        "de" => "Ich kann im Moment nur auf Englisch antworten.",
        "fr" => "Pour l'instant, je ne peux répondre qu'en anglais.",
        "es" => "Por ahora solo puedo responder en inglés.",
        "nl" => "Ik kan op dit moment alleen in het Engels antwoorden.",
        "it" => "Per ora posso rispondere solo in inglese.",
        "pt" => "Por enquanto, só posso responder em inglês.",
        "pl" => "Na razie mogę odpowiadać tylko po angielsku.",
        _ => "I can only answer in English for now.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Option<&'static str> {
        detect(text).map(|l| l.code)
    }

    #[test]
    fn customers_languages() {
        assert_eq!(
            code("my kettle is leaking water from the bottom"),
            Some("en")
        );
        assert_eq!(
            code("¿Cuánto tiempo tengo para devolver un hervidor?"),
            Some("es")
        );
        assert_eq!(
            code("Wie lange habe ich Zeit, einen Wasserkocher zurückzuschicken?"),
            Some("de")
        );
        assert_eq!(
            code("Combien de temps ai-je pour renvoyer une bouilloire ?"),
            Some("fr")
        );
        assert_eq!(
            code("Hoe lang heb ik om een waterkoker terug te sturen?"),
            Some("nl")
        );
    }

    #[test]
    fn too_short_or_too_unsure_to_tell() {
        assert_eq!(code("order 1042"), None);
        assert_eq!(code("hi"), None);
        // whatlang guesses Danish and Portuguese here, with little confidence
        assert_eq!(code("I was charged twice for order 1045"), None);
        assert_eq!(code("do you take paypal"), None);
    }
}
