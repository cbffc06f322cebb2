//! Published WordPress pages and posts, read through the REST API
//! (`/wp-json/wp/v2/pages` and `/posts`), one document per page or post.
//!
//! Each document's `source` and `url` are the item's permalink (`link`), so every
//! document of one site starts with [`wordpress_source_prefix`] as long as the
//! site address given matches the one WordPress builds its links with.

use reqwest::header::{HeaderMap, ACCEPT};
use reqwest::StatusCode;
use serde::Deserialize;

use super::html::{fragment_sections, inline_text};
use super::{DocClass, DocKind, ParseError, SourceDoc};

/// Items asked for per request (the API's maximum).
const PER_PAGE: usize = 100;
/// Safety stop for a server that keeps announcing more pages.
const MAX_PAGES: u32 = 1000;
/// The collections read, in order.
const COLLECTIONS: [&str; 2] = ["pages", "posts"];
/// Error code WordPress answers (with HTTP 400) for a page past the last one.
const INVALID_PAGE: &str = "rest_post_invalid_page_number";

/// One page or post as returned with
/// `_fields=id,link,type,title,content,modified_gmt,status,frontdesk_allowed_channels`.
#[derive(Debug, Deserialize)]
struct WpItem {
    #[serde(default)]
    id: u64,
    link: String,
    #[serde(default)]
    title: Rendered,
    #[serde(default)]
    content: Rendered,
    /// Absent only if a proxy strips it; the query already asks for published items.
    #[serde(default)]
    status: Option<String>,
    /// The post type: `page`, `post`, or a plugin's (`product` for WooCommerce).
    #[serde(default, rename = "type")]
    post_type: Option<String>,
    /// Set by the Frontdesk plugin: where this page may be quoted (`web`, `slack`,
    /// `email`); absent on sites without the plugin (= every channel).
    #[serde(default)]
    frontdesk_allowed_channels: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
struct Rendered {
    #[serde(default)]
    rendered: String,
}

/// One response of a collection.
#[derive(Debug)]
struct Batch {
    items: Vec<WpItem>,
    /// From the `X-WP-TotalPages` header.
    total_pages: Option<u32>,
}

/// Fetches every published page and post of `site` (e.g. `https://example.com`).
///
/// Items without text are skipped. A non-2xx answer (other than the "page past the
/// end" 400) or a body that is not the expected JSON fails the whole fetch, so a
/// partial site is never mistaken for the full one.
pub async fn fetch_wordpress(
    client: &reqwest::Client,
    site: &str,
) -> Result<Vec<SourceDoc>, ParseError> {
    let base = site_base(site);
    let prefix = wordpress_source_prefix(site);
    let mut docs = Vec::new();
    for collection in COLLECTIONS {
        let mut page = 1;
        loop {
            let url = collection_url(&base, collection, page);
            let Some(batch) = fetch_batch(client, &url).await? else {
                break;
            };
            let count = batch.items.len();
            docs.extend(batch.items.into_iter().filter_map(to_doc));
            let more = match batch.total_pages {
                Some(total) => page < total,
                None => count == PER_PAGE,
            };
            if !more || page >= MAX_PAGES {
                break;
            }
            page += 1;
        }
    }
    if let Some(doc) = docs.iter().find(|d| !d.source.starts_with(&prefix)) {
        tracing::warn!(site, link = %doc.source, "WordPress links do not start with the site address");
    }
    Ok(docs)
}

/// The prefix shared by the `source` of every document fetched from `site`:
/// the normalised site address with a trailing `/`.
pub fn wordpress_source_prefix(site: &str) -> String {
    format!("{}/", site_base(site))
}

/// `example.com/` → `https://example.com`; `http://host/blog/` → `http://host/blog`.
fn site_base(site: &str) -> String {
    let site = site.trim().trim_end_matches('/');
    if site.contains("://") {
        site.to_owned()
    } else {
        format!("https://{site}")
    }
}

fn collection_url(base: &str, collection: &str, page: u32) -> String {
    format!(
        "{base}/wp-json/wp/v2/{collection}?status=publish&per_page={PER_PAGE}&page={page}\
         &_fields=id,link,type,title,content,modified_gmt,status,frontdesk_allowed_channels"
    )
}

/// Fetches one page of a collection; `None` past the last page.
async fn fetch_batch(client: &reqwest::Client, url: &str) -> Result<Option<Batch>, ParseError> {
    let response = client
        .get(url)
        .header(ACCEPT, "application/json")
        .send()
        .await
        .map_err(|e| ParseError::WordPress(format!("request to {url} failed: {e}")))?;
    let status = response.status();
    let total_pages = total_pages(response.headers());
    let body = response
        .bytes()
        .await
        .map_err(|e| ParseError::WordPress(format!("reading the answer from {url} failed: {e}")))?;
    if status == StatusCode::BAD_REQUEST && contains(&body, INVALID_PAGE) {
        return Ok(None);
    }
    if !status.is_success() {
        return Err(ParseError::WordPress(format!("HTTP {status} from {url}")));
    }
    let items = serde_json::from_slice(&body)
        .map_err(|e| ParseError::WordPress(format!("invalid JSON from {url}: {e}")))?;
    Ok(Some(Batch { items, total_pages }))
}

fn total_pages(headers: &HeaderMap) -> Option<u32> {
    headers
        .get("x-wp-totalpages")?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

fn contains(body: &[u8], needle: &str) -> bool {
    body.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// The plugin's channel list, keeping only channels Frontdesk knows; all three (or
/// none) mean every channel.
fn allowed_channels(from_plugin: Option<Vec<String>>) -> Vec<String> {
    let mut channels: Vec<String> = from_plugin
        .unwrap_or_default()
        .into_iter()
        .map(|c| c.trim().to_lowercase())
        .filter(|c| matches!(c.as_str(), "web" | "slack" | "email"))
        .collect();
    channels.sort();
    channels.dedup();
    if channels.len() == 3 {
        channels.clear();
    }
    channels
}

/// A published item with text as a document.
fn to_doc(item: WpItem) -> Option<SourceDoc> {
    if item.status.as_deref().is_some_and(|s| s != "publish") {
        return None;
    }
    let link = item.link.trim().to_owned();
    if link.is_empty() {
        tracing::warn!(id = item.id, "skipping WordPress item without a link");
        return None;
    }
    let title = Some(inline_text(&item.title.rendered))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| link.clone());
    let sections = fragment_sections(&item.content.rendered, &title);
    if sections.is_empty() {
        tracing::debug!(id = item.id, link, "skipping WordPress item without text");
        return None;
    }
    Some(SourceDoc {
        source: link.clone(),
        title,
        url: Some(link),
        allowed_channels: allowed_channels(item.frontdesk_allowed_channels),
        kind: DocKind::WordPress,
        // a WooCommerce product is a product page; pages and posts are classed by URL
        declared_class: item
            .post_type
            .as_deref()
            .filter(|t| t.eq_ignore_ascii_case("product"))
            .and(Some(DocClass::Product)),
        declared_language: None,
        sections,
    })
}
