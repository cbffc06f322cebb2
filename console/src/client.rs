//! agentd's Agent API over HTTP, and nothing else: the console never opens a database
//! or Redis connection. One method per endpoint, each taking and returning the shared
//! wire types of `frontdesk_api::admin`, every failure a [`ClientError`] (never a
//! panic). [`Client::follow`] (in `events.rs`) keeps the live event stream open.
//!
//! Action endpoints (claim, reply, ...) succeed on any 2xx. Their answer is read when
//! it has the expected shape and otherwise ignored: the action happened, and the
//! console refetches the thread anyway.

mod error;
mod events;

use std::time::Duration;

use frontdesk_api::admin::{
    ActionRequest, AssignRequest, OwnershipView, PostedMessage, QueuesView, TextRequest,
    ThreadDetail, TicketRequest, TicketView,
};
use frontdesk_redact::Secret;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

pub use error::ClientError;
pub use events::{Live, LiveEvent, Reconnect};

/// Sent as `X-Frontdesk-Client` on every request, so agentd's logs say who called.
pub const CLIENT_NAME: &str = "agent-console";
/// Every request but the event stream gives up after this long.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    /// The base URL without a trailing slash (it may have a path: a reverse proxy).
    base: String,
    token: Secret,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("base", &self.base).finish()
    }
}

impl Client {
    /// A client for agentd at `base_url` (`http://host:8080`), authenticating with an
    /// admin token of the `agent` or `admin` role.
    pub fn new(base_url: &str, token: Secret) -> anyhow::Result<Self> {
        let url = reqwest::Url::parse(base_url)
            .map_err(|e| anyhow::anyhow!("not a URL: {base_url}: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            anyhow::bail!("agentd's URL must start with http:// or https://, not {base_url}");
        }
        let mut headers = HeaderMap::new();
        headers.insert("x-frontdesk-client", HeaderValue::from_static(CLIENT_NAME));
        let http = reqwest::Client::builder()
            .user_agent(concat!("agent-console/", env!("CARGO_PKG_VERSION")))
            .default_headers(headers)
            .connect_timeout(CONNECT_TIMEOUT)
            .build()?;
        Ok(Self {
            http,
            base: base_url.trim_end_matches('/').to_string(),
            token,
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    fn thread_path(id: Uuid, action: &str) -> String {
        format!("/admin/agent/threads/{id}/{action}")
    }

    /// `GET /admin/agent/queues`
    pub async fn queues(&self) -> Result<QueuesView, ClientError> {
        self.get("/admin/agent/queues").await
    }

    /// `GET /admin/agent/threads/{id}`
    pub async fn thread(&self, id: Uuid) -> Result<ThreadDetail, ClientError> {
        self.get(&format!("/admin/agent/threads/{id}")).await
    }

    /// `POST .../claim` `{}`: waiting → mine, or take a bot conversation over.
    pub async fn claim(&self, id: Uuid) -> Result<Option<OwnershipView>, ClientError> {
        self.post(&Self::thread_path(id, "claim"), &ActionRequest::default())
            .await
    }

    /// `POST .../reply` `{text}`: a message the customer sees.
    pub async fn reply(&self, id: Uuid, text: &str) -> Result<Option<PostedMessage>, ClientError> {
        let body = TextRequest { text: text.into() };
        self.post(&Self::thread_path(id, "reply"), &body).await
    }

    /// `POST .../note` `{text}`: internal, never shown to the customer.
    pub async fn note(&self, id: Uuid, text: &str) -> Result<Option<PostedMessage>, ClientError> {
        let body = TextRequest { text: text.into() };
        self.post(&Self::thread_path(id, "note"), &body).await
    }

    /// `POST .../handback` `{reason?}`: back to the bot.
    pub async fn hand_back(
        &self,
        id: Uuid,
        reason: Option<String>,
    ) -> Result<Option<OwnershipView>, ClientError> {
        self.post(
            &Self::thread_path(id, "handback"),
            &ActionRequest { reason },
        )
        .await
    }

    /// `POST .../resolve` `{reason?}`: closed.
    pub async fn resolve(
        &self,
        id: Uuid,
        reason: Option<String>,
    ) -> Result<Option<OwnershipView>, ClientError> {
        self.post(&Self::thread_path(id, "resolve"), &ActionRequest { reason })
            .await
    }

    /// `POST .../assign` `{to}`: to another agent, by operator name.
    pub async fn assign(&self, id: Uuid, to: &str) -> Result<Option<OwnershipView>, ClientError> {
        let body = AssignRequest { to: to.into() };
        self.post(&Self::thread_path(id, "assign"), &body).await
    }

    /// `POST .../ticket` `{subject, body, priority?}`
    pub async fn ticket(
        &self,
        id: Uuid,
        request: &TicketRequest,
    ) -> Result<Option<TicketView>, ClientError> {
        self.post(&Self::thread_path(id, "ticket"), request).await
    }

    /// `POST .../typing` `{}`: "… is typing" in the widget for a few seconds.
    pub async fn typing(&self, id: Uuid) -> Result<(), ClientError> {
        self.post::<_, serde_json::Value>(&Self::thread_path(id, "typing"), &serde_json::json!({}))
            .await
            .map(|_| ())
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ClientError> {
        let response = self
            .http
            .get(self.url(path))
            .bearer_auth(self.token.expose())
            .timeout(REQUEST_TIMEOUT)
            .send()
            .await
            .map_err(|e| ClientError::network(&e))?;
        let body = Self::body(response).await?;
        serde_json::from_str(&body).map_err(|e| ClientError::Decode(format!("{path}: {e}")))
    }

    /// A JSON POST; `Ok(None)` for a 2xx whose body is not a `T`.
    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<Option<T>, ClientError> {
        let body = serde_json::to_vec(body).map_err(|e| ClientError::Decode(e.to_string()))?;
        let response = self
            .http
            .post(self.url(path))
            .bearer_auth(self.token.expose())
            .header(CONTENT_TYPE, "application/json")
            .body(body)
            .timeout(REQUEST_TIMEOUT)
            .send()
            .await
            .map_err(|e| ClientError::network(&e))?;
        let text = Self::body(response).await?;
        match serde_json::from_str(&text) {
            Ok(value) => Ok(Some(value)),
            Err(error) => {
                if !text.trim().is_empty() {
                    tracing::debug!(path, %error, "action answer not in the expected shape");
                }
                Ok(None)
            }
        }
    }

    /// The body of a 2xx, or the error it carries.
    async fn body(response: reqwest::Response) -> Result<String, ClientError> {
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| ClientError::network(&e))?;
        if status.is_success() {
            Ok(text)
        } else {
            Err(ClientError::from_response(status.as_u16(), &text))
        }
    }
}
