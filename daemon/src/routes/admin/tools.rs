//! `GET /admin/agent/tools`: each tool with its JSON schema and circuit-breaker state.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use frontdesk::config::Role;
use frontdesk::tool_api::ToolName;
use frontdesk_api::admin::{BreakerView, ToolView};
use frontdesk_api::ErrorBody;

use crate::error::ApiResult;
use crate::extract::OperatorCaller;
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/agent/tools", get(list_tools))
}

/// The tools the Brain may call.
#[utoipa::path(get, path = "/admin/agent/tools", tag = "admin",
    responses(
        (status = 200, description = "the tools", body = Vec<ToolView>),
        (status = 401, description = "no or an invalid admin token", body = ErrorBody),
        (status = 403, description = "the token's role does not allow this", body = ErrorBody)),
    security(("admin" = [])))]
pub async fn list_tools(
    State(state): State<AppState>,
    op: OperatorCaller,
) -> ApiResult<Json<Vec<ToolView>>> {
    op.require(Role::Viewer)?;
    let tools = state.agent.tools();
    let offered = tools.specs().await;
    let views = ToolName::ALL
        .into_iter()
        .map(|tool| {
            let spec = tool.spec();
            let b = tools.breakers().state(tool.as_str());
            ToolView {
                available: offered.iter().any(|o| o.name == spec.name),
                name: spec.name,
                description: spec.description,
                parameters: spec.parameters,
                breaker: BreakerView {
                    state: if b.open {
                        "open".into()
                    } else {
                        "closed".into()
                    },
                    open_for_secs: b.open_for_secs,
                },
            }
        })
        .collect();
    Ok(Json(views))
}
