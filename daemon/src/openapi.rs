//! The OpenAPI 3 document at `/api/openapi.json`, generated from the handlers'
//! annotations and the wire types of `frontdesk::api` — the code is the source, so
//! the document cannot drift from what the server does.

use axum::routing::get;
use axum::{Json, Router};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes;
use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Frontdesk agentd",
        description = "The widget API (`/api/agent/...`), the admin API (`/admin/agent/...`) and operations endpoints. Errors are `{\"error\": {\"code\", \"message\"}}` with a stable code.",
        license(name = "Apache-2.0")
    ),
    paths(
        routes::health::healthz,
        routes::health::readyz,
        routes::health::metrics,
        routes::session::create_session,
        routes::messages::post_message,
        routes::thread::get_thread,
        routes::thread::thread_events,
        routes::handoff::request_handoff,
        routes::feedback::post_feedback,
        routes::assets::widget,
        routes::assets::demo,
        routes::admin::tools::list_tools,
        routes::admin::kb::kb_status,
        routes::admin::kb::start_ingest,
        routes::admin::kb::get_ingest_job,
        routes::admin::metrics::metrics_summary,
        routes::admin::threads::list_threads,
        routes::admin::threads::get_thread_detail,
        routes::admin::agent::queues,
        routes::admin::agent::queue_events,
        routes::admin::agent::claim,
        routes::admin::agent::reply,
        routes::admin::agent::note,
        routes::admin::agent::hand_back,
        routes::admin::agent::resolve,
        routes::admin::agent::assign,
        routes::admin::agent::ticket,
        routes::admin::agent::typing,
    ),
    modifiers(&Security),
    tags(
        (name = "widget", description = "what the chat widget calls"),
        (name = "admin", description = "operators, behind admin tokens with roles"),
        (name = "agent", description = "human support agents: queues, claim, reply, hand back"),
        (name = "operations", description = "health, readiness, metrics"),
    )
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
        components.add_security_scheme(
            "admin",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/api/openapi.json",
        get(|| async { Json(ApiDoc::openapi()) }),
    )
}
