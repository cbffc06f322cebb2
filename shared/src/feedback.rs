//! Customer ratings of the bot's answers: one per assistant message, a second rating
//! replacing the first (people change their mind, and a double click is not two votes).

use sqlx::PgPool;
use uuid::Uuid;

/// Longest comment kept, in characters.
pub const MAX_COMMENT_CHARS: usize = 2_000;
/// At most this many tags, each at most [`MAX_TAG_CHARS`].
pub const MAX_TAGS: usize = 10;
pub const MAX_TAG_CHARS: usize = 40;

#[derive(Debug, thiserror::Error)]
pub enum FeedbackError {
    /// Not an assistant message of that thread.
    #[error("no such assistant message in this thread")]
    NoSuchMessage,
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Stores (or replaces) the rating of `message_id`; returns the feedback id.
pub async fn rate(
    pool: &PgPool,
    thread_id: Uuid,
    message_id: Uuid,
    rating: &str,
    tags: &[String],
    comment: Option<&str>,
) -> Result<Uuid, FeedbackError> {
    if tags.len() > MAX_TAGS
        || tags
            .iter()
            .any(|t| t.trim().is_empty() || t.chars().count() > MAX_TAG_CHARS)
    {
        return Err(FeedbackError::Invalid(format!(
            "tags: at most {MAX_TAGS}, each 1 to {MAX_TAG_CHARS} characters"
        )));
    }
    if comment.is_some_and(|c| c.chars().count() > MAX_COMMENT_CHARS) {
        return Err(FeedbackError::Invalid(format!(
            "comment: at most {MAX_COMMENT_CHARS} characters"
        )));
    }
    let exists: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM messages WHERE id = $1 AND thread_id = $2 AND role = 'assistant')",
    )
    .bind(message_id)
    .bind(thread_id)
    .fetch_one(pool)
    .await?;
    if !exists {
        return Err(FeedbackError::NoSuchMessage);
    }
    let tags: Vec<String> = tags.iter().map(|t| t.trim().to_lowercase()).collect();
    let comment = comment
        .map(|c| frontdesk_redact::pii::mask(c.trim()).into_owned())
        .filter(|c| !c.is_empty());
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO feedback (id, thread_id, message_id, rating, tags, comment)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (message_id) DO UPDATE SET rating = EXCLUDED.rating, tags = EXCLUDED.tags,
             comment = EXCLUDED.comment, created_at = now()
         RETURNING id",
    )
    .bind(Uuid::now_v7())
    .bind(thread_id)
    .bind(message_id)
    .bind(rating)
    .bind(&tags)
    .bind(comment)
    .fetch_one(pool)
    .await?;
    Ok(id)
}
