//! Knowledge-base parsers: discovery, Markdown, HTML, text, FAQ files and the
//! WordPress REST API (against a real local HTTP server).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use frontdesk::kb::parse::wordpress::{fetch_wordpress, wordpress_source_prefix};
use frontdesk::kb::parse::{discover_files, parse_file, DocKind, FoundFile, ParseError, SourceDoc};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

// ---------------------------------------------------------------------------
// Helpers

/// Writes `content` to a fresh temp dir under `name` and parses it.
fn parse_str(name: &str, content: &str) -> Result<Vec<SourceDoc>, ParseError> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&path, content).expect("write fixture");
    parse_file(&FoundFile {
        path,
        source: name.to_owned(),
    })
}

#[track_caller]
fn parse_one(name: &str, content: &str) -> SourceDoc {
    let docs = parse_str(name, content).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        docs.len(),
        1,
        "{name}: expected one document, got {docs:#?}"
    );
    docs.into_iter().next().expect("one document")
}

/// Checks title and sections (`heading path joined by " > "`, text).
#[track_caller]
fn check(name: &str, content: &str, title: &str, sections: &[(&str, &str)]) {
    let doc = parse_one(name, content);
    assert_eq!(doc.title, title, "title of {name}");
    let got: Vec<(String, String)> = doc
        .sections
        .iter()
        .map(|s| (s.heading_path.join(" > "), s.text.clone()))
        .collect();
    let want: Vec<(String, String)> = sections
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    assert_eq!(got, want, "sections of {name}");
}

#[track_caller]
fn check_err(name: &str, content: &str, want: fn(&ParseError) -> bool) {
    match parse_str(name, content) {
        Ok(docs) => panic!("{name}: expected an error, got {docs:#?}"),
        Err(e) => assert!(want(&e), "{name}: unexpected error {e:?}"),
    }
}

// ---------------------------------------------------------------------------
// Markdown

#[test]
fn markdown_front_matter_list_channels() {
    let doc = parse_one(
        "refunds.md",
        "---\ntitle: Refund policy\nurl: https://acme.test/refunds\nallowed_channels: [web, Email]\n---\nRefunds take 5 days.\n",
    );
    assert_eq!(doc.title, "Refund policy");
    assert_eq!(doc.url.as_deref(), Some("https://acme.test/refunds"));
    assert_eq!(doc.allowed_channels, ["web", "email"]);
    assert_eq!(doc.kind, DocKind::Markdown);
    assert_eq!(doc.source, "refunds.md");
}

#[test]
fn markdown_front_matter_comma_string_and_unknown_keys() {
    let doc = parse_one(
        "a.md",
        "---\nallowed_channels: \"slack, web\"\nauthor: someone\ntags: [x]\n---\n# Hours\nOpen 9–5.\n",
    );
    assert_eq!(doc.allowed_channels, ["slack", "web"]);
    assert_eq!(doc.title, "Hours");
    assert_eq!(doc.url, None);
}

#[test]
fn markdown_empty_front_matter() {
    check("a.md", "---\n---\nJust text.\n", "A", &[("", "Just text.")]);
}

#[test]
fn markdown_invalid_front_matter() {
    let is_front_matter = |e: &ParseError| matches!(e, ParseError::FrontMatter(_));
    check_err(
        "bad.md",
        "---\ntitle: [unclosed\n---\nBody\n",
        is_front_matter,
    );
    check_err("list.md", "---\n- a\n- b\n---\nBody\n", is_front_matter);
    check_err(
        "open.md",
        "---\ntitle: x\nBody without closing\n",
        is_front_matter,
    );
    check_err(
        "chan.md",
        "---\nallowed_channels: {a: 1}\n---\nBody\n",
        is_front_matter,
    );
}

#[test]
fn markdown_heading_paths_skip_title_h1() {
    check(
        "returns.md",
        "# Returns\n\nIntro.\n\n## Refund timing\n\nFive days.\n\n### Card refunds\n\nTen days.\n\n## Exchanges\n\nFree.\n",
        "Returns",
        &[
            ("", "Intro."),
            ("Refund timing", "Five days."),
            ("Refund timing > Card refunds", "Ten days."),
            ("Exchanges", "Free."),
        ],
    );
}

#[test]
fn markdown_h1_kept_when_title_differs() {
    check(
        "x.md",
        "---\ntitle: Help centre\n---\n# Shipping\nWe ship.\n## Abroad\nSometimes.\n",
        "Help centre",
        &[
            ("Shipping", "We ship."),
            ("Shipping > Abroad", "Sometimes."),
        ],
    );
}

#[test]
fn markdown_second_h1_stays_in_path() {
    check(
        "x.md",
        "# Guide\nA.\n# Appendix\nB.\n## Notes\nC.\n",
        "Guide",
        &[("", "A."), ("Appendix", "B."), ("Appendix > Notes", "C.")],
    );
}

#[test]
fn markdown_title_from_file_stem() {
    check(
        "refund-policy_v2.md",
        "Some text.\n",
        "Refund policy v2",
        &[("", "Some text.")],
    );
    check(
        "notes.markdown",
        "## Only h2\nText.\n",
        "Notes",
        &[("Only h2", "Text.")],
    );
}

#[test]
fn markdown_empty_heading_sections_dropped() {
    check(
        "x.md",
        "# T\n## Empty\n### Inner\nText.\n",
        "T",
        &[("Empty > Inner", "Text.")],
    );
}

#[test]
fn markdown_plain_text_rendering() {
    let md = "# Doc\n\nSome *emphasis* and **strong** with a [link](https://x.test) and `code`.\nSoft break.\n\n\
              - one\n- two\n  - nested\n\n1. first\n2. second\n\n```\nlet x = 1;\n  indented\n```\n\n\
              > quoted\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n<div>raw html</div>\n\nEnd.\n";
    check(
        "x.md",
        md,
        "Doc",
        &[(
            "",
            "Some emphasis and strong with a link and code. Soft break.\n\n\
             - one\n- two\n  - nested\n\n1. first\n2. second\n\n\
             let x = 1;\n  indented\n\nquoted\n\nA | B\n1 | 2\n\nEnd.",
        )],
    );
}

#[test]
fn markdown_loose_list_and_task_list() {
    check(
        "x.md",
        "- a\n\n- b\n\n- [x] done\n- [ ] todo\n",
        "X",
        &[("", "- a\n- b\n- [x] done\n- [ ] todo")],
    );
}

#[test]
fn markdown_empty_document() {
    let is_empty = |e: &ParseError| matches!(e, ParseError::Empty);
    check_err("e.md", "", is_empty);
    check_err("e.md", "---\ntitle: Nothing\n---\n\n", is_empty);
    check_err("e.md", "# Only a heading\n## And another\n", is_empty);
}

// ---------------------------------------------------------------------------
// HTML

const PAGE: &str = r#"<!doctype html>
<html><head>
  <title>Refunds | Acme</title>
  <meta property="og:title" content="OG title">
  <link rel="canonical" href="https://acme.test/refunds">
  <meta name="frontdesk:channels" content="web, email">
  <style>body { color: red }</style>
</head><body>
  <header><a href="/">Acme</a></header>
  <nav><ul><li>Home</li><li>Shop</li></ul></nav>
  <main>
    <h1>Refunds</h1>
    <p>We   refund
       within <b>14</b> days.</p>
    <script>var tracking = 1;</script>
    <h2>Card payments</h2>
    <ul><li>Visa</li><li>Mastercard</li></ul>
    <div hidden>Secret</div>
    <span aria-hidden="true">icon</span>
    <form><label>Email</label><input></form>
    <h3>Timing</h3>
    <p>Ten days.<br>Sometimes more.</p>
    <aside>Related links</aside>
  </main>
  <footer>© Acme</footer>
</body></html>"#;

#[test]
fn html_main_content_and_metadata() {
    let doc = parse_one("refunds.html", PAGE);
    assert_eq!(doc.kind, DocKind::Html);
    assert_eq!(doc.title, "Refunds | Acme");
    assert_eq!(doc.url.as_deref(), Some("https://acme.test/refunds"));
    assert_eq!(doc.allowed_channels, ["web", "email"]);
    check(
        "refunds.html",
        PAGE,
        "Refunds | Acme",
        &[
            ("", "We refund within 14 days."),
            ("Card payments", "- Visa\n- Mastercard"),
            ("Card payments > Timing", "Ten days.\nSometimes more."),
        ],
    );
}

#[test]
fn html_chrome_removed_from_body() {
    let html = "<html><body><nav>Menu</nav><header>Logo</header><div class=x>Body text</div>\
                <noscript>Enable JS</noscript><template>tpl</template><iframe>f</iframe>\
                <svg><text>svg</text></svg><div role=navigation>crumbs</div>\
                <p style=\"display: none\">gone</p><footer>Foot</footer></body></html>";
    check("page.htm", html, "Page", &[("", "Body text")]);
}

#[test]
fn html_prefers_article_then_role_main() {
    let article =
        "<body><div>Sidebar junk</div><article><h1>Post</h1><p>Article text.</p></article></body>";
    check("p.html", article, "Post", &[("", "Article text.")]);
    let role = "<body><div>Junk</div><div role=\"main\"><p>Role text.</p></div></body>";
    check("p.html", role, "P", &[("", "Role text.")]);
}

#[test]
fn html_og_fallbacks() {
    let html = "<html><head><meta property=\"og:title\" content=\"Shipping &amp; Returns\">\
                <meta property=\"og:url\" content=\"https://acme.test/ship\">\
                <link rel=\"canonical\" href=\"/relative\"></head>\
                <body><p>Text</p></body></html>";
    let doc = parse_one("s.html", html);
    assert_eq!(doc.title, "Shipping & Returns");
    assert_eq!(doc.url.as_deref(), Some("https://acme.test/ship"));
    assert!(doc.allowed_channels.is_empty());
}

#[test]
fn html_title_from_h1_and_h4_sections() {
    check(
        "x.html",
        "<body><h1>FAQ</h1><h4>Deep</h4><p>d</p><h5>Minor</h5><p>m</p></body>",
        "FAQ",
        &[("Deep", "d\n\nMinor\n\nm")],
    );
}

#[test]
fn html_tables_and_pre() {
    check(
        "t.html",
        "<main><table><tr><th>Plan</th><th>Price</th></tr><tr><td>Pro</td><td>$5</td></tr></table>\
         <pre>a  b\n  c</pre><ol><li>x</li><li>y</li></ol></main>",
        "T",
        &[("", "Plan | Price\nPro | $5\n\na  b\n  c\n\n1. x\n2. y")],
    );
}

#[test]
fn html_empty_document() {
    check_err(
        "e.html",
        "<html><body><nav>only nav</nav><script>x</script></body></html>",
        |e| matches!(e, ParseError::Empty),
    );
}

// ---------------------------------------------------------------------------
// Plain text

#[test]
fn text_title_from_first_line() {
    let doc = parse_one(
        "hours.txt",
        "\n\nOpening hours\n\nMonday to Friday, 9 to 5.\n",
    );
    assert_eq!(doc.kind, DocKind::Text);
    assert_eq!(doc.title, "Opening hours");
    assert_eq!(doc.sections.len(), 1);
    assert_eq!(doc.sections[0].heading_path, Vec::<String>::new());
    assert_eq!(
        doc.sections[0].text,
        "Opening hours\n\nMonday to Friday, 9 to 5."
    );
}

#[test]
fn text_long_first_line_uses_stem() {
    let long = "word ".repeat(30);
    let doc = parse_one("store_info.txt", &format!("{long}\nmore"));
    assert_eq!(doc.title, "Store info");
}

#[test]
fn text_front_matter_and_errors() {
    let doc = parse_one(
        "a.txt",
        "---\ntitle: Contact\nurl: https://acme.test/contact\nallowed_channels: slack\n---\nCall us.\n",
    );
    assert_eq!(doc.title, "Contact");
    assert_eq!(doc.url.as_deref(), Some("https://acme.test/contact"));
    assert_eq!(doc.allowed_channels, ["slack"]);
    assert_eq!(doc.sections[0].text, "Call us.");
    check_err("e.txt", "  \n\n", |e| matches!(e, ParseError::Empty));
    check_err("b.txt", "---\ntitle: [x\n---\nx", |e| {
        matches!(e, ParseError::FrontMatter(_))
    });
}

// ---------------------------------------------------------------------------
// FAQ files

#[test]
fn faq_csv() {
    let csv = "Question,ANSWER,Url,Channels,Category\n\
               How do I get a refund?,Ask within 14 days.,,,Returns\n\
               Where is my order?,\"Check the tracking link.\nIt updates daily.\",https://acme.test/track,\"web,email\",\n\
               ,No question here,,,\n\
               Where is my order?,Second entry with the same question.,,,\n";
    let docs = parse_str("faq.csv", csv).expect("csv faq");
    assert_eq!(docs.len(), 3);
    let d = &docs[0];
    assert_eq!(d.kind, DocKind::Faq);
    assert_eq!(d.title, "How do I get a refund?");
    assert_eq!(d.source, "faq.csv#how-do-i-get-a-refund");
    assert_eq!(d.url, None);
    assert_eq!(d.sections.len(), 1);
    assert_eq!(d.sections[0].heading_path, ["Returns"]);
    assert_eq!(d.sections[0].text, "Ask within 14 days.");
    let d = &docs[1];
    assert_eq!(d.source, "faq.csv#where-is-my-order");
    assert_eq!(d.url.as_deref(), Some("https://acme.test/track"));
    assert_eq!(d.allowed_channels, ["web", "email"]);
    assert!(d.sections[0].heading_path.is_empty());
    assert_eq!(
        d.sections[0].text,
        "Check the tracking link.\nIt updates daily."
    );
    assert_eq!(docs[2].source, "faq.csv#where-is-my-order-2");
}

#[test]
fn faq_csv_errors() {
    let is_faq = |e: &ParseError| matches!(e, ParseError::Faq(_));
    check_err("f.csv", "question,reply\nq,a\n", is_faq);
    check_err("f.csv", "question,answer\n,a\nq,\n", is_faq);
    check_err("f.csv", "", is_faq);
}

#[test]
fn faq_yaml_list() {
    let yaml =
        "- question: Do you ship abroad?\n  answer: |\n    Yes, to the EU.\n    Not elsewhere.\n  \
                url: https://acme.test/ship\n  allowed_channels: [web]\n  category: Shipping\n\
                - question: Missing answer\n- question: Gift cards?\n  answer: No.\n";
    let docs = parse_str("faq.yaml", yaml).expect("yaml faq");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].source, "faq.yaml#do-you-ship-abroad");
    assert_eq!(docs[0].url.as_deref(), Some("https://acme.test/ship"));
    assert_eq!(docs[0].allowed_channels, ["web"]);
    assert_eq!(docs[0].sections[0].heading_path, ["Shipping"]);
    assert_eq!(docs[0].sections[0].text, "Yes, to the EU.\nNot elsewhere.");
    assert_eq!(docs[1].title, "Gift cards?");
    assert_eq!(docs[1].url, None);
}

#[test]
fn faq_yaml_mapping_with_base_url() {
    let yaml = "url: https://acme.test/faq#top\nallowed_channels: web, slack\nentries:\n  \
                - question: What are your hours?\n    answer: 9 to 5.\n  \
                - question: Phone?\n    answer: '555'\n    allowed_channels: [email]\n";
    let docs = parse_str("help/faq.yml", yaml).expect("yaml faq");
    assert_eq!(docs.len(), 2);
    assert_eq!(
        docs[0].url.as_deref(),
        Some("https://acme.test/faq#what-are-your-hours")
    );
    assert_eq!(docs[0].allowed_channels, ["web", "slack"]);
    assert_eq!(docs[0].source, "help/faq.yml#what-are-your-hours");
    assert_eq!(docs[1].allowed_channels, ["email"]);
    assert_eq!(docs[1].sections[0].text, "555");
    for key in ["faq", "questions"] {
        let yaml = format!("{key}:\n  - question: Q\n    answer: A\n");
        assert_eq!(parse_str("f.yaml", &yaml).expect(key).len(), 1);
    }
}

#[test]
fn faq_yaml_errors() {
    let is_faq = |e: &ParseError| matches!(e, ParseError::Faq(_));
    check_err("f.yaml", "question: [oops", is_faq);
    check_err("f.yaml", "url: https://x.test\n", is_faq);
    check_err("f.yaml", "just a string", is_faq);
    check_err("f.yaml", "- question: q\n", is_faq);
}

// ---------------------------------------------------------------------------
// Files and discovery

#[test]
fn parse_file_rejects_unsupported_and_non_utf8() {
    check_err(
        "doc.pdf",
        "x",
        |e| matches!(e, ParseError::Unsupported(ext) if ext == "pdf"),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("latin1.md");
    std::fs::write(&path, [b'c', b'a', b'f', 0xe9]).expect("write");
    let found = FoundFile {
        path,
        source: "latin1.md".into(),
    };
    assert!(matches!(parse_file(&found), Err(ParseError::NotUtf8)));
    let missing = FoundFile {
        path: dir.path().join("gone.md"),
        source: "gone.md".into(),
    };
    assert!(matches!(parse_file(&missing), Err(ParseError::Io(_))));
}

#[test]
fn parse_file_uppercase_extension_and_bom() {
    check(
        "README.MD",
        "\u{feff}---\ntitle: T\n---\nText",
        "T",
        &[("", "Text")],
    );
}

fn touch(root: &Path, rel: &str) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, "x").expect("write");
}

#[test]
fn discover_walks_directories() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("kb");
    for rel in [
        "b.md",
        "a.txt",
        "README.md",
        "sub/z.html",
        "sub/deeper/faq.csv",
        "sub/y.YAML",
        "logo.png",
        "Makefile",
        ".hidden.md",
        ".git/config.yml",
        "page.htm",
        "faq.yml",
        "notes.markdown",
    ] {
        touch(&root, rel);
    }
    let single = dir.path().join("single.md");
    std::fs::write(&single, "x").expect("write");
    let missing = dir.path().join("missing");

    let (found, errors) = discover_files(&[root.clone(), single.clone(), missing.clone()]);
    let sources: Vec<&str> = found.iter().map(|f| f.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            "README.md",
            "a.txt",
            "b.md",
            "faq.yml",
            "notes.markdown",
            "page.htm",
            "sub/deeper/faq.csv",
            "sub/y.YAML",
            "sub/z.html",
            "single.md",
        ]
    );
    assert_eq!(found[6].path, root.join("sub/deeper/faq.csv"));
    assert_eq!(found[9].path, single);

    let errors: Vec<(PathBuf, String)> = errors
        .into_iter()
        .map(|(p, e)| {
            let kind = match e {
                ParseError::Unsupported(ext) => format!("unsupported {ext}"),
                ParseError::Io(_) => "io".to_owned(),
                other => format!("{other:?}"),
            };
            (p, kind)
        })
        .collect();
    assert_eq!(
        errors,
        [
            (root.join("Makefile"), "unsupported (none)".to_owned()),
            (root.join("logo.png"), "unsupported png".to_owned()),
            (missing, "io".to_owned()),
        ]
    );
}

#[test]
fn discover_file_argument_is_kept_even_if_hidden() {
    let dir = tempfile::tempdir().expect("tempdir");
    let hidden = dir.path().join(".notes.txt");
    std::fs::write(&hidden, "x").expect("write");
    let (found, errors) = discover_files(&[hidden]);
    assert!(errors.is_empty());
    assert_eq!(found[0].source, ".notes.txt");
    let pdf = dir.path().join("manual.pdf");
    std::fs::write(&pdf, "x").expect("write");
    let (found, errors) = discover_files(&[pdf]);
    assert!(found.is_empty());
    assert!(matches!(&errors[..], [(_, ParseError::Unsupported(e))] if e == "pdf"));
}

// ---------------------------------------------------------------------------
// WordPress (real HTTP server on 127.0.0.1)

/// One canned answer: status line, extra headers, body.
type Reply = (&'static str, Vec<(&'static str, String)>, String);

/// Serves HTTP/1.1 on a local port, answering each request with `route(path)`.
/// Returns the base URL and the list of request targets seen.
async fn serve(route: fn(&str) -> Reply) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let log = log.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buf = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let request = String::from_utf8_lossy(&request);
                let target = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
                log.lock().expect("log").push(target.clone());
                let (status, headers, body) = route(&target);
                let mut response = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
                    body.len()
                );
                for (name, value) in headers {
                    response.push_str(&format!("{name}: {value}\r\n"));
                }
                response.push_str("\r\n");
                response.push_str(&body);
                let _ = stream.write_all(response.as_bytes()).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    (format!("http://{addr}"), seen)
}

fn wp_item(id: u32, slug: &str, title: &str, content: &str, status: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "link": format!("https://acme.test/{slug}/"),
        "title": { "rendered": title },
        "content": { "rendered": content, "protected": false },
        "modified_gmt": "2024-05-01T10:00:00",
        "status": status,
    })
}

/// An item as a site with the Frontdesk plugin serves it.
fn with_channels(mut item: serde_json::Value, channels: &[&str]) -> serde_json::Value {
    item["frontdesk_allowed_channels"] = serde_json::json!(channels);
    item
}

fn query_param<'a>(target: &'a str, key: &str) -> Option<&'a str> {
    let query = target.split_once('?')?.1;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
}

fn wp_site(target: &str) -> Reply {
    let page = query_param(target, "page").unwrap_or("1");
    let total = |n: u32| {
        vec![
            ("X-WP-TotalPages", n.to_string()),
            ("X-WP-Total", "9".to_owned()),
        ]
    };
    let ok = "200 OK";
    if target.starts_with("/wp-json/wp/v2/pages") {
        return match page {
            "1" => (
                ok,
                total(2),
                serde_json::json!([
                    wp_item(1, "refunds", "Refunds &amp; Returns", "<h1>Refunds &amp; Returns</h1><p>Within 14&nbsp;days.</p><h2>Cards</h2><p>Ten days.</p>", "publish"),
                    wp_item(2, "empty", "Empty", "<!-- wp:spacer --><div></div>", "publish"),
                ])
                .to_string(),
            ),
            "2" => (
                ok,
                total(2),
                serde_json::json!([wp_item(3, "contact", "Contact &#8220;us&#8221;", "<p>Mail us.</p>", "publish")]).to_string(),
            ),
            _ => (
                "400 Bad Request",
                Vec::new(),
                r#"{"code":"rest_post_invalid_page_number","message":"The page number requested is larger than the number of pages available.","data":{"status":400}}"#.to_owned(),
            ),
        };
    }
    if target.starts_with("/wp-json/wp/v2/posts") {
        return (
            ok,
            total(1),
            serde_json::json!([
                with_channels(
                    wp_item(
                        10,
                        "news",
                        "News",
                        "<p>We moved.</p><script>x()</script>",
                        "publish"
                    ),
                    // the Frontdesk plugin's field; an unknown channel is ignored
                    &["email", "web", "fax"]
                ),
                wp_item(11, "secret", "Draft", "<p>Not yet.</p>", "draft"),
            ])
            .to_string(),
        );
    }
    ("404 Not Found", Vec::new(), "{}".to_owned())
}

#[tokio::test]
async fn wordpress_fetches_published_pages_and_posts() {
    let (base, seen) = serve(wp_site).await;
    let client = reqwest::Client::new();
    let docs = fetch_wordpress(&client, &format!("{base}/"))
        .await
        .expect("fetch");

    let titles: Vec<&str> = docs.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Refunds & Returns", "Contact \u{201c}us\u{201d}", "News"]
    );
    let refunds = &docs[0];
    assert_eq!(refunds.kind, DocKind::WordPress);
    assert_eq!(refunds.source, "https://acme.test/refunds/");
    assert_eq!(refunds.url.as_deref(), Some("https://acme.test/refunds/"));
    let sections: Vec<(Vec<String>, &str)> = refunds
        .sections
        .iter()
        .map(|s| (s.heading_path.clone(), s.text.as_str()))
        .collect();
    assert_eq!(
        sections,
        [
            (vec![], "Within 14 days."),
            (vec!["Cards".to_owned()], "Ten days.")
        ]
    );
    assert_eq!(docs[2].sections[0].text, "We moved.");
    assert_eq!(
        docs[2].allowed_channels,
        ["email", "web"],
        "from the plugin's field"
    );
    assert!(
        refunds.allowed_channels.is_empty(),
        "no field: every channel"
    );

    let seen = seen.lock().expect("log").clone();
    assert_eq!(seen.len(), 3, "two pages of pages, one of posts: {seen:?}");
    for (target, (collection, page)) in
        seen.iter()
            .zip([("pages", "1"), ("pages", "2"), ("posts", "1")])
    {
        assert!(
            target.starts_with(&format!("/wp-json/wp/v2/{collection}?")),
            "{target}"
        );
        assert_eq!(query_param(target, "page"), Some(page));
        assert_eq!(query_param(target, "status"), Some("publish"));
        assert_eq!(query_param(target, "per_page"), Some("100"));
        assert_eq!(
            query_param(target, "_fields"),
            Some("id,link,type,title,content,modified_gmt,status,frontdesk_allowed_channels")
        );
    }
}

fn wp_stale_total(target: &str) -> Reply {
    // Announces 3 pages but the last one is gone (deleted meanwhile).
    match query_param(target, "page") {
        Some("1") if target.contains("/pages") => (
            "200 OK",
            vec![("X-WP-TotalPages", "3".to_owned())],
            serde_json::json!([wp_item(1, "a", "A", "<p>a</p>", "publish")]).to_string(),
        ),
        Some("1") => (
            "200 OK",
            vec![("X-WP-TotalPages", "0".to_owned())],
            "[]".to_owned(),
        ),
        _ => (
            "400 Bad Request",
            Vec::new(),
            r#"{"code":"rest_post_invalid_page_number"}"#.to_owned(),
        ),
    }
}

#[tokio::test]
async fn wordpress_stops_on_invalid_page_number() {
    let (base, seen) = serve(wp_stale_total).await;
    let docs = fetch_wordpress(&reqwest::Client::new(), &base)
        .await
        .expect("fetch");
    assert_eq!(docs.len(), 1);
    assert_eq!(seen.lock().expect("log").len(), 3);
}

fn wp_broken(target: &str) -> Reply {
    if target.contains("/pages") {
        (
            "200 OK",
            vec![("X-WP-TotalPages", "1".to_owned())],
            "[]".to_owned(),
        )
    } else {
        ("500 Internal Server Error", Vec::new(), "oops".to_owned())
    }
}

fn wp_not_json(_: &str) -> Reply {
    ("200 OK", Vec::new(), "<html>maintenance</html>".to_owned())
}

#[tokio::test]
async fn wordpress_errors() {
    let client = reqwest::Client::new();
    let (base, _) = serve(wp_broken).await;
    match fetch_wordpress(&client, &base).await {
        Err(ParseError::WordPress(msg)) => {
            assert!(msg.contains("500"), "{msg}");
            assert!(msg.contains("/wp-json/wp/v2/posts"), "{msg}");
        }
        other => panic!("expected an HTTP error, got {other:?}"),
    }
    let (base, _) = serve(wp_not_json).await;
    match fetch_wordpress(&client, &base).await {
        Err(ParseError::WordPress(msg)) => assert!(msg.contains("invalid JSON"), "{msg}"),
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[test]
fn wordpress_prefix() {
    assert_eq!(
        wordpress_source_prefix("https://acme.test/"),
        "https://acme.test/"
    );
    assert_eq!(wordpress_source_prefix(" acme.test "), "https://acme.test/");
    assert_eq!(wordpress_source_prefix("http://h/blog"), "http://h/blog/");
}
