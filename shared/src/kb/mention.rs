//! Products a question names. "How many days do I have to return a Blaze Canister
//! Stove I opened?" is about returns: the product's name is context, and on a
//! catalogue of hundreds of products it would otherwise make every page of that
//! product line outrank the returns policy on word overlap alone. So a question that
//! names a product page's title is searched for what it asks (the title taken out),
//! among the help pages and the named product's own page; "How heavy is the Ridge 2P
//! Tent?" still finds the tent's page, now against the help pages rather than against
//! its siblings.

use sqlx::PgPool;
use uuid::Uuid;

/// The product pages a question names, and the question without their names.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Mentioned {
    pub ids: Vec<Uuid>,
    /// The question with the titles taken out; `None` when nothing is named or too
    /// little would be left.
    pub ask: Option<String>,
}

/// A title shorter than this is too likely to be an everyday word ("Cup").
const MIN_TITLE_CHARS: i32 = 6;

/// Titles are matched whole, without case, and also without a trailing
/// parenthetical ("Scree Mid Boot (Men's)" is named by "Scree Mid Boot").
const MENTIONED_SQL: &str = "
SELECT id, title FROM (
    SELECT id, title, lower(title) AS full_name,
           lower(trim(regexp_replace(title, '\\s*\\([^)]*\\)\\s*$', ''))) AS short_name
    FROM kb_docs WHERE doc_class = 'product'
) p
WHERE (length(short_name) >= $2 AND strpos(lower($1), short_name) > 0)
   OR (length(full_name) >= $2 AND strpos(lower($1), full_name) > 0)";

pub(crate) async fn products(pool: &PgPool, question: &str) -> Result<Mentioned, sqlx::Error> {
    let rows: Vec<(Uuid, String)> = sqlx::query_as(MENTIONED_SQL)
        .bind(question)
        .bind(MIN_TITLE_CHARS)
        .fetch_all(pool)
        .await?;
    let rows = most_specific(rows, question);
    if rows.is_empty() {
        return Ok(Mentioned::default());
    }
    let titles: Vec<&str> = rows.iter().map(|(_, t)| t.as_str()).collect();
    let ask = without_titles(question, &titles);
    Ok(Mentioned {
        ids: rows.iter().map(|(id, _)| *id).collect(),
        ask: (ask.split_whitespace().count() >= MIN_ASK_WORDS).then_some(ask),
    })
}

/// "Torrent Jacket (Women's)" named in full rules out "Torrent Jacket (Men's)", which
/// only its short form matched.
fn most_specific(rows: Vec<(Uuid, String)>, question: &str) -> Vec<(Uuid, String)> {
    let q = question.to_lowercase();
    let short = |t: &str| {
        t.rsplit_once(" (")
            .map_or(t, |(s, _)| s)
            .trim()
            .to_lowercase()
    };
    let full: Vec<String> = rows
        .iter()
        .filter(|(_, t)| q.contains(&t.to_lowercase()))
        .map(|(_, t)| short(t))
        .collect();
    rows.into_iter()
        .filter(|(_, t)| q.contains(&t.to_lowercase()) || !full.contains(&short(t)))
        .collect()
}

/// Fewer words than this left after the titles are taken out: search the whole question.
const MIN_ASK_WORDS: usize = 3;

/// `question` with every title (or its short form) taken out, longest first.
fn without_titles(question: &str, titles: &[&str]) -> String {
    let mut names: Vec<String> = titles
        .iter()
        .flat_map(|t| {
            let short = t
                .rsplit_once(" (")
                .map_or(*t, |(s, _)| s)
                .trim()
                .to_string();
            [t.to_string(), short]
        })
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    let mut text = question.to_string();
    for name in names {
        if let Ok(pattern) = regex::Regex::new(&format!("(?i){}", regex::escape(&name))) {
            text = pattern.replace_all(&text, " ").into_owned();
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_taken_out() {
        assert_eq!(
            without_titles(
                "How many days do I have to return a Blaze Canister Stove I opened?",
                &["Blaze Canister Stove"]
            ),
            "How many days do I have to return a I opened?"
        );
        assert_eq!(
            without_titles(
                "How do I resole my scree mid boot?",
                &["Scree Mid Boot (Men's)"]
            ),
            "How do I resole my ?"
        );
    }

    #[test]
    fn a_full_name_rules_out_its_siblings() {
        let (m, w) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let rows = vec![
            (m, "Torrent Jacket (Men's)".into()),
            (w, "Torrent Jacket (Women's)".into()),
        ];
        let kept = most_specific(rows.clone(), "what does the Torrent Jacket (Women's) weigh");
        assert_eq!(kept, vec![(w, "Torrent Jacket (Women's)".to_string())]);
        assert_eq!(
            most_specific(rows.clone(), "is the torrent jacket warm").len(),
            2
        );
    }
}
