//! Admission, before anything is stored: the message is cleaned and measured, the
//! thread must be the caller's, and the caller's LLM budget decides whether remote
//! models may answer. A refusal here is the caller's error (a 4xx at the edge); every
//! edge — the widget route, Slack, email, `agentctl ask` — goes through it.

use frontdesk_api::ThreadStatus;
use uuid::Uuid;

use super::{Agent, TurnError, TurnRequest};

/// A request the agent accepted: run it with [`Agent::run_turn`].
#[derive(Debug)]
pub struct Admitted {
    pub(super) request: TurnRequest,
    thread_id: Uuid,
    /// The thread's status when admitted (`bot` for a new one): a change is announced.
    previous: ThreadStatus,
    offline_only: bool,
}

impl Admitted {
    pub fn thread_id(&self) -> Uuid {
        self.thread_id
    }

    /// The cleaned message.
    pub fn message(&self) -> &str {
        &self.request.message
    }

    pub fn previous_status(&self) -> ThreadStatus {
        self.previous
    }

    /// Only the offline brain may answer (asked for, or the LLM budget is spent).
    pub fn offline_only(&self) -> bool {
        self.offline_only
    }
}

/// The message as stored: NUL characters dropped (Postgres text cannot hold them),
/// trimmed, not empty, at most `max` characters.
pub fn clean_message(text: &str, max: usize) -> Result<String, TurnError> {
    let message = text.replace('\0', "").trim().to_string();
    if message.is_empty() {
        return Err(TurnError::EmptyMessage);
    }
    if message.chars().count() > max {
        return Err(TurnError::TooLong { max });
    }
    Ok(message)
}

impl Agent {
    /// Checks `request` without storing anything.
    ///
    /// An existing thread must belong to the request's session; another session's
    /// thread reads exactly like a missing one. A caller with a session cannot name a
    /// thread that does not exist; one without (the command line) creates it.
    pub async fn admit(&self, mut request: TurnRequest) -> Result<Admitted, TurnError> {
        request.message = clean_message(&request.message, self.settings.max_message_chars)?;
        let (thread_id, previous) = match request.thread_id {
            None => (Uuid::now_v7(), ThreadStatus::Bot),
            Some(id) => {
                let session = request.session_id.as_deref();
                match crate::threads::for_session(&self.pool, id, session).await? {
                    Some(t) => (id, t.status),
                    None if session.is_some() => return Err(TurnError::ThreadNotFound),
                    None => (id, ThreadStatus::Bot),
                }
            }
        };
        request.thread_id = Some(thread_id);
        let offline_only = request.offline_only || !self.budget_allows(&request).await;
        Ok(Admitted {
            request,
            thread_id,
            previous,
            offline_only,
        })
    }

    /// Whether the session may still use the remote models. Without a session, or
    /// when the budget cannot be read (Redis down), answering goes on with what is
    /// safe: no session has no budget; an unreadable budget means the offline brain.
    async fn budget_allows(&self, request: &TurnRequest) -> bool {
        let (Some(budget), Some(session)) = (&self.budget, &request.session_id) else {
            return true;
        };
        match budget.allows_remote(session).await {
            Ok(true) => true,
            Ok(false) => {
                tracing::info!(session = %session, "LLM budget spent; answering with the offline brain");
                false
            }
            Err(error) => {
                tracing::warn!(%error, "LLM budget unreadable; answering with the offline brain");
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_cleaned_and_measured() {
        assert_eq!(clean_message("  hi\0 there \n", 10).unwrap(), "hi there");
        assert!(matches!(
            clean_message(" \0 ", 10),
            Err(TurnError::EmptyMessage)
        ));
        assert!(matches!(
            clean_message("ééééé", 4),
            Err(TurnError::TooLong { max: 4 })
        ));
        assert_eq!(clean_message("éééé", 4).unwrap(), "éééé");
    }
}
