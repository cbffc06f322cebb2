//! Publishing live events after something changed, to the two audiences: the thread's
//! own topic (the customer's widget and anyone watching the conversation; never
//! internal notes) and the queue topic (the console: every change in any thread).

use frontdesk::events::Topic;
use frontdesk_api::ThreadStatus;
use uuid::Uuid;

use crate::AppState;

/// The thread's owner changed.
pub async fn status_changed(
    state: &AppState,
    thread_id: Uuid,
    status: ThreadStatus,
    position: Option<i64>,
) {
    let assignee = frontdesk::threads::get(&state.pool, thread_id)
        .await
        .ok()
        .flatten()
        .and_then(|t| t.assignee);
    let shown = assignee
        .as_deref()
        .map(|a| crate::routes::thread::display_name(state, a));
    state
        .events
        .notify(
            &Topic::Thread(thread_id),
            "status",
            serde_json::json!({ "status": status, "position": position, "assignee": shown }),
        )
        .await;
    state
        .events
        .notify(
            &Topic::Queue,
            "thread",
            serde_json::json!({ "thread_id": thread_id, "status": status, "assignee": assignee, "change": "status" }),
        )
        .await;
}

/// A message was stored. `visible` messages (customer, bot, person) reach the widget;
/// notes only the queue topic.
#[allow(clippy::too_many_arguments)]
pub async fn message_posted(
    state: &AppState,
    thread_id: Uuid,
    id: Uuid,
    role: &str,
    content: &str,
    citations: &serde_json::Value,
    author: Option<&str>,
    visible: bool,
) {
    let now = chrono::Utc::now();
    if visible {
        state
            .events
            .notify(
                &Topic::Thread(thread_id),
                "message",
                serde_json::json!({
                    "id": id, "role": role, "content": content, "citations": citations,
                    "author": author, "created_at": now,
                }),
            )
            .await;
    }
    state
        .events
        .notify(
            &Topic::Queue,
            "thread",
            serde_json::json!({ "thread_id": thread_id, "message_id": id, "role": role, "change": "message" }),
        )
        .await;
}

/// A person is typing a reply (the widget shows it for a few seconds).
pub async fn typing(state: &AppState, thread_id: Uuid, author: &str) {
    state
        .events
        .notify(
            &Topic::Thread(thread_id),
            "typing",
            serde_json::json!({ "typing": true, "author": author }),
        )
        .await;
}
