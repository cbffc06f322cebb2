//! The Agent API: what a human support agent does with a conversation — the queues,
//! claim (or take over from the bot), reply, internal note, hand back, resolve, assign,
//! ticket, typing — and the queue's live events. Every action is a transition of the
//! ownership state machine (`frontdesk::handoff::ownership`), published live.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use frontdesk::auth::Operator;
use frontdesk::config::Role;
use frontdesk::events::live::Posted;
use frontdesk::events::Topic;
use frontdesk::handoff::{Actor, Owner, OwnershipError, Refused};
use frontdesk::tickets::{NewTicket, Priority};
use frontdesk_api::admin::{
    ActionRequest, AssignRequest, OwnershipView, PostedMessage, QueuesView, TextRequest,
    TicketRequest, TicketView,
};
use frontdesk_api::{ErrorBody, ThreadStatus};

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, OperatorCaller, OptionalJson, ThreadId};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/agent/queues", get(queues))
        .route("/admin/agent/events", get(queue_events))
        .route("/admin/agent/threads/{id}/claim", post(claim))
        .route("/admin/agent/threads/{id}/reply", post(reply))
        .route("/admin/agent/threads/{id}/note", post(note))
        .route("/admin/agent/threads/{id}/handback", post(hand_back))
        .route("/admin/agent/threads/{id}/resolve", post(resolve))
        .route("/admin/agent/threads/{id}/assign", post(assign))
        .route("/admin/agent/threads/{id}/ticket", post(ticket))
        .route("/admin/agent/threads/{id}/typing", post(typing))
}

/// Longest reply or note, in characters.
const MAX_TEXT: usize = 4_000;

fn ownership_error(e: OwnershipError) -> ApiError {
    match e {
        OwnershipError::NotFound => ApiError::thread_not_found(),
        OwnershipError::Refused(Refused::AlreadyClaimed { assignee }) => ApiError::new(
            StatusCode::CONFLICT,
            "already_claimed",
            format!("{assignee} already has this conversation"),
        ),
        OwnershipError::Refused(Refused::NotOwner { assignee }) => ApiError::new(
            StatusCode::CONFLICT,
            "not_owner",
            match assignee {
                Some(a) => format!("this conversation belongs to {a}"),
                None => "claim this conversation first".to_string(),
            },
        ),
        OwnershipError::Refused(e @ Refused::Invalid(_)) => {
            ApiError::new(StatusCode::CONFLICT, "invalid_transition", e.to_string())
        }
        OwnershipError::Db(e) => ApiError::from(e),
    }
}

fn agent(op: &OperatorCaller) -> ApiResult<(&Operator, Actor, bool)> {
    let operator = op.require(Role::Agent)?;
    Ok((
        operator,
        Actor::Operator(operator.name.clone()),
        operator.role == Role::Admin,
    ))
}

async fn changed(state: &AppState, owner: &Owner) -> OwnershipView {
    let status = owner.status;
    if owner.changed {
        let position = match status {
            ThreadStatus::WaitingHuman => {
                frontdesk::threads::queue_position(&state.pool, owner.thread_id)
                    .await
                    .ok()
            }
            _ => None,
        };
        let assignee = owner.assignee.as_deref();
        let live = state.agent.live();
        live.status(owner.thread_id, status, position, assignee)
            .await;
    }
    OwnershipView {
        thread_id: owner.thread_id,
        status,
        assignee: owner.assignee.clone(),
    }
}

/// The queues: waiting (longest first), mine, others', bot-active, recently resolved.
#[utoipa::path(get, path = "/admin/agent/queues", tag = "agent",
    responses(
        (status = 200, description = "the queues", body = QueuesView),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn queues(
    State(state): State<AppState>,
    op: OperatorCaller,
) -> ApiResult<Json<QueuesView>> {
    let operator = op.require(Role::Viewer)?;
    let open = frontdesk::handoff::hours::is_open(&state.config.handoff.hours, chrono::Utc::now());
    Ok(Json(
        frontdesk::handoff::queues::queues(&state.pool, &operator.name, open).await?,
    ))
}

/// Live queue events: a `thread` event for every status or owner change and every new
/// message in any thread; resumable with `Last-Event-ID`.
#[utoipa::path(get, path = "/admin/agent/events", tag = "agent",
    params(("Last-Event-ID" = Option<String>, Header, description = "resume after this event")),
    responses(
        (status = 200, description = "`thread` events", body = String, content_type = "text/event-stream"),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn queue_events(
    State(state): State<AppState>,
    op: OperatorCaller,
    headers: HeaderMap,
) -> ApiResult<Response> {
    op.require(Role::Viewer)?;
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| frontdesk::events::parse_id(v).is_some())
        .map(str::to_string);
    Ok(crate::routes::thread::live(&state, Topic::Queue, resume).await?)
}

/// Claims a waiting conversation, or takes one over from the bot.
#[utoipa::path(post, path = "/admin/agent/threads/{id}/claim", tag = "agent",
    params(("id" = uuid::Uuid, Path, description = "thread id")),
    request_body(content = Option<ActionRequest>, description = "an optional reason"),
    responses(
        (status = 200, description = "yours now", body = OwnershipView),
        (status = 400, description = "bad body", body = ErrorBody),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody),
        (status = 404, description = "no such thread", body = ErrorBody),
        (status = 409, description = "someone else has it (`already_claimed`), or it is resolved", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn claim(
    State(state): State<AppState>,
    op: OperatorCaller,
    ThreadId(id): ThreadId,
    OptionalJson(body): OptionalJson<ActionRequest>,
) -> ApiResult<Json<OwnershipView>> {
    let (operator, _, _) = agent(&op)?;
    let reason = reason_of(body)?;
    let owner =
        frontdesk::handoff::ownership::claim(&state.pool, id, &operator.name, reason.as_deref())
            .await
            .map_err(ownership_error)?;
    Ok(Json(changed(&state, &owner).await))
}

/// The optional reason of an action, at most 500 characters.
fn reason_of(body: Option<ActionRequest>) -> ApiResult<Option<String>> {
    let reason = body
        .and_then(|b| b.reason)
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    if reason.as_ref().is_some_and(|r| r.chars().count() > 500) {
        return Err(ApiError::bad_request(
            "invalid_request",
            "reason: at most 500 characters",
        ));
    }
    Ok(reason)
}

fn text_of(request: &TextRequest) -> ApiResult<String> {
    let text = request.text.trim();
    if text.is_empty() {
        return Err(ApiError::bad_request("empty_message", "text is empty"));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(ApiError::bad_request(
            "message_too_long",
            format!("text is longer than {MAX_TEXT} characters"),
        ));
    }
    Ok(text.to_string())
}

/// Sends a reply to the customer (the thread must be yours).
#[utoipa::path(post, path = "/admin/agent/threads/{id}/reply", tag = "agent",
    params(("id" = uuid::Uuid, Path, description = "thread id")),
    request_body = TextRequest,
    responses(
        (status = 200, description = "sent", body = PostedMessage),
        (status = 400, description = "bad body, empty or too long", body = ErrorBody),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody),
        (status = 404, description = "no such thread", body = ErrorBody),
        (status = 409, description = "not yours (`not_owner`)", body = ErrorBody),
        (status = 413, description = "body too large", body = ErrorBody),
        (status = 415, description = "not JSON", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn reply(
    State(state): State<AppState>,
    op: OperatorCaller,
    ThreadId(id): ThreadId,
    ApiJson(request): ApiJson<TextRequest>,
) -> ApiResult<Json<PostedMessage>> {
    let (operator, _, is_admin) = agent(&op)?;
    let text = text_of(&request)?;
    let thread = frontdesk::threads::get(&state.pool, id)
        .await?
        .ok_or_else(ApiError::thread_not_found)?;
    let mine = thread.status == ThreadStatus::Human
        && thread.assignee.as_deref() == Some(operator.name.as_str());
    let may_reply = mine || (is_admin && thread.status == ThreadStatus::Human);
    if !may_reply {
        return Err(ownership_error(
            Refused::NotOwner {
                assignee: thread.assignee,
            }
            .into(),
        ));
    }
    let author = state.agent.live().display_name(&operator.name);
    let payload = serde_json::json!({ "author": author, "operator": operator.name });
    let message_id =
        frontdesk::threads::append(&state.pool, id, "human_agent", &text, None, Some(&payload))
            .await?;
    let posted = Posted {
        id: message_id,
        role: "human_agent",
        content: &text,
        citations: &[],
        author: Some(&author),
    };
    state.agent.live().message(id, posted).await;
    Ok(Json(PostedMessage {
        id: message_id,
        thread_id: id,
        role: "human_agent".into(),
        created_at: chrono::Utc::now(),
    }))
}

/// Adds an internal note (never shown to the customer).
#[utoipa::path(post, path = "/admin/agent/threads/{id}/note", tag = "agent",
    params(("id" = uuid::Uuid, Path, description = "thread id")),
    request_body = TextRequest,
    responses(
        (status = 200, description = "stored", body = PostedMessage),
        (status = 400, description = "bad body, empty or too long", body = ErrorBody),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody),
        (status = 404, description = "no such thread", body = ErrorBody),
        (status = 413, description = "body too large", body = ErrorBody),
        (status = 415, description = "not JSON", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn note(
    State(state): State<AppState>,
    op: OperatorCaller,
    ThreadId(id): ThreadId,
    ApiJson(request): ApiJson<TextRequest>,
) -> ApiResult<Json<PostedMessage>> {
    let (operator, _, _) = agent(&op)?;
    let text = text_of(&request)?;
    frontdesk::threads::get(&state.pool, id)
        .await?
        .ok_or_else(ApiError::thread_not_found)?;
    let author = state.agent.live().display_name(&operator.name);
    let payload = serde_json::json!({ "author": author, "operator": operator.name });
    let message_id =
        frontdesk::threads::append(&state.pool, id, "note", &text, None, Some(&payload)).await?;
    let posted = Posted {
        id: message_id,
        role: "note",
        content: &text,
        citations: &[],
        author: Some(&author),
    };
    state.agent.live().message(id, posted).await;
    Ok(Json(PostedMessage {
        id: message_id,
        thread_id: id,
        role: "note".into(),
        created_at: chrono::Utc::now(),
    }))
}

/// Hands the conversation back to the bot.
#[utoipa::path(post, path = "/admin/agent/threads/{id}/handback", tag = "agent",
    params(("id" = uuid::Uuid, Path, description = "thread id")),
    request_body(content = Option<ActionRequest>, description = "an optional reason"),
    responses(
        (status = 200, description = "the bot has it", body = OwnershipView),
        (status = 400, description = "bad body", body = ErrorBody),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody),
        (status = 404, description = "no such thread", body = ErrorBody),
        (status = 409, description = "not yours, or not with a person", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn hand_back(
    State(state): State<AppState>,
    op: OperatorCaller,
    ThreadId(id): ThreadId,
    OptionalJson(body): OptionalJson<ActionRequest>,
) -> ApiResult<Json<OwnershipView>> {
    let (_, actor, is_admin) = agent(&op)?;
    let reason = reason_of(body)?;
    let owner = frontdesk::handoff::ownership::hand_back(
        &state.pool,
        id,
        &actor,
        is_admin,
        reason.as_deref(),
    )
    .await
    .map_err(ownership_error)?;
    // the bot's memory takes in what the person said
    state.agent.forget(id).await;
    Ok(Json(changed(&state, &owner).await))
}

/// Resolves the conversation; the customer's next message starts a fresh bot episode.
#[utoipa::path(post, path = "/admin/agent/threads/{id}/resolve", tag = "agent",
    params(("id" = uuid::Uuid, Path, description = "thread id")),
    request_body(content = Option<ActionRequest>, description = "an optional reason"),
    responses(
        (status = 200, description = "resolved", body = OwnershipView),
        (status = 400, description = "bad body", body = ErrorBody),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody),
        (status = 404, description = "no such thread", body = ErrorBody),
        (status = 409, description = "not yours, or with the bot", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn resolve(
    State(state): State<AppState>,
    op: OperatorCaller,
    ThreadId(id): ThreadId,
    OptionalJson(body): OptionalJson<ActionRequest>,
) -> ApiResult<Json<OwnershipView>> {
    let (_, actor, is_admin) = agent(&op)?;
    let reason = reason_of(body)?;
    let owner = frontdesk::handoff::ownership::resolve(
        &state.pool,
        id,
        &actor,
        is_admin,
        reason.as_deref(),
    )
    .await
    .map_err(ownership_error)?;
    state.agent.forget(id).await;
    Ok(Json(changed(&state, &owner).await))
}

/// Gives the conversation to another agent.
#[utoipa::path(post, path = "/admin/agent/threads/{id}/assign", tag = "agent",
    params(("id" = uuid::Uuid, Path, description = "thread id")),
    request_body = AssignRequest,
    responses(
        (status = 200, description = "assigned", body = OwnershipView),
        (status = 400, description = "bad body, or no such agent (`unknown_agent`)", body = ErrorBody),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody),
        (status = 404, description = "no such thread", body = ErrorBody),
        (status = 409, description = "not yours, or with the bot", body = ErrorBody),
        (status = 413, description = "body too large", body = ErrorBody),
        (status = 415, description = "not JSON", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn assign(
    State(state): State<AppState>,
    op: OperatorCaller,
    ThreadId(id): ThreadId,
    ApiJson(request): ApiJson<AssignRequest>,
) -> ApiResult<Json<OwnershipView>> {
    let (_, actor, is_admin) = agent(&op)?;
    let to = request.to.trim();
    let known = state
        .config
        .auth
        .admin_tokens
        .get(to)
        .is_some_and(|t| t.role >= Role::Agent);
    if !known {
        return Err(ApiError::bad_request(
            "unknown_agent",
            format!("`{to}` is not an agent (auth.admin_tokens with role agent or admin)"),
        ));
    }
    let owner = frontdesk::handoff::ownership::assign(&state.pool, id, &actor, is_admin, to)
        .await
        .map_err(ownership_error)?;
    Ok(Json(changed(&state, &owner).await))
}

/// Opens a ticket for the conversation.
#[utoipa::path(post, path = "/admin/agent/threads/{id}/ticket", tag = "agent",
    params(("id" = uuid::Uuid, Path, description = "thread id")),
    request_body = TicketRequest,
    responses(
        (status = 200, description = "the ticket (an existing one for this thread is returned again)", body = TicketView),
        (status = 400, description = "bad body", body = ErrorBody),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody),
        (status = 404, description = "no such thread", body = ErrorBody),
        (status = 413, description = "body too large", body = ErrorBody),
        (status = 415, description = "not JSON", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn ticket(
    State(state): State<AppState>,
    op: OperatorCaller,
    ThreadId(id): ThreadId,
    ApiJson(request): ApiJson<TicketRequest>,
) -> ApiResult<Json<TicketView>> {
    let (operator, _, _) = agent(&op)?;
    let thread = frontdesk::threads::get(&state.pool, id)
        .await?
        .ok_or_else(ApiError::thread_not_found)?;
    let (subject, body) = (request.subject.trim(), request.body.trim());
    if subject.is_empty()
        || subject.chars().count() > 200
        || body.is_empty()
        || body.chars().count() > 10_000
    {
        return Err(ApiError::bad_request(
            "invalid_request",
            "subject (1 to 200 characters) and body (1 to 10000) are required",
        ));
    }
    let ticket = state
        .agent
        .tools()
        .open_ticket(&NewTicket {
            thread_id: Some(id),
            reason: format!("operator:{}", operator.name),
            email: thread.customer_email,
            subject: subject.to_string(),
            body: body.to_string(),
            priority: request.priority.unwrap_or(Priority::Normal),
        })
        .await
        .map_err(|e| ApiError::internal("opening a ticket", e))?;
    Ok(Json(TicketView {
        number: ticket.number,
        status: ticket.status,
        created: ticket.created,
    }))
}

/// Shows "… is typing" in the customer's widget.
#[utoipa::path(post, path = "/admin/agent/threads/{id}/typing", tag = "agent",
    params(("id" = uuid::Uuid, Path, description = "thread id")),
    responses(
        (status = 204, description = "announced"),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody),
        (status = 404, description = "no such thread", body = ErrorBody),
        (status = 503, description = "a dependency is down", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn typing(
    State(state): State<AppState>,
    op: OperatorCaller,
    ThreadId(id): ThreadId,
) -> ApiResult<StatusCode> {
    let (operator, _, _) = agent(&op)?;
    frontdesk::threads::get(&state.pool, id)
        .await?
        .ok_or_else(ApiError::thread_not_found)?;
    let author = state.agent.live().display_name(&operator.name);
    state.agent.live().typing(id, &author).await;
    Ok(StatusCode::NO_CONTENT)
}
