//! The WordPress integration end to end: Debian's WordPress with PHP and MariaDB
//! (`scripts/setup-wordpress.sh`), the Frontdesk plugin pointed at a real agentd, the
//! widget on a shop page in headless Chromium (`tests/browser/wordpress.spec.mjs`), a
//! logged-in customer's JWT giving `get_order` her verified email, and the ticket
//! webhook back into WordPress: agentd → signed POST → plugin → `wp_mail`.
//!
//! It installs packages and changes the machine's test WordPress, so it runs only with
//! `FRONTDESK_E2E_WORDPRESS=1` (as root, on Debian bookworm).

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{load_demo_shop, repo_root, run_browser_specs, Agentd, TestDb};

/// The port the test site is installed for: it is part of WordPress's site URL.
const WP_PORT: u16 = 8089;
/// The plugin's shared secret, also agentd's JWT key `k1` and webhook secret.
const SECRET: &str = "frontdesk-wordpress-test-secret-0123456789";
const CUSTOMER_EMAIL: &str = "maria.rossi@example.com";

fn wp_url() -> String {
    format!("http://127.0.0.1:{WP_PORT}")
}

/// `scripts/wordpress-serve.sh` in the background, with its own mail log.
struct WordPress {
    child: Option<Child>,
    log: PathBuf,
}

impl WordPress {
    fn serve(dir: &Path, mail_log: &Path) -> Self {
        assert!(
            TcpStream::connect(("127.0.0.1", WP_PORT)).is_err(),
            "port {WP_PORT} is already in use: stop the other WordPress server first \
             (its mail would not reach this test's log)"
        );
        let log = dir.join("wordpress-serve.log");
        let file = std::fs::File::create(&log).expect("server log file");
        let child = Command::new("bash")
            .arg(repo_root().join("scripts/wordpress-serve.sh"))
            .current_dir(repo_root())
            .env("WP_PORT", WP_PORT.to_string())
            .env("FRONTDESK_WP_MAIL_LOG", mail_log)
            .env("FRONTDESK_WP_RUN_DIR", dir.join("run"))
            .stdin(Stdio::null())
            .stdout(file.try_clone().expect("server log file"))
            .stderr(file)
            .spawn()
            .expect("scripts/wordpress-serve.sh starts");
        Self {
            child: Some(child),
            log,
        }
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until the help page answers 200, failing early if the server exits.
    async fn wait_ready(&mut self) {
        let url = format!("{}/shop-help/", wp_url());
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .expect("HTTP client");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!(
                    "wordpress-serve.sh exited with {status}:\n{}",
                    self.log_text()
                );
            }
            match client.get(&url).send().await {
                Ok(res) if res.status().is_success() => return,
                Ok(res) if Instant::now() > deadline => {
                    panic!("GET {url} answered {}:\n{}", res.status(), self.log_text())
                }
                Err(e) if Instant::now() > deadline => {
                    panic!("GET {url} failed: {e}\n{}", self.log_text())
                }
                _ => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    /// TERM to the script, whose trap stops PHP's server and its workers.
    fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(15);
        while child.try_wait().ok().flatten().is_none() {
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Everything the test started, stopped in every case; on a failure it prints what the
/// processes said first, since agentd's log file goes with it.
struct Stack {
    agentd: Agentd,
    wordpress: Option<WordPress>,
    spec_output: String,
    dir: tempfile::TempDir,
}

impl Drop for Stack {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("---- browser spec output ----\n{}", self.spec_output);
            if let Some(wp) = &self.wordpress {
                // PHP's server logs every request: the end is what matters
                let log = wp.log_text();
                let lines: Vec<&str> = log.lines().collect();
                let tail = lines[lines.len().saturating_sub(200)..].join("\n");
                eprintln!("---- wordpress-serve.sh (last 200 lines) ----\n{tail}");
            }
            eprintln!("---- agentd log ----\n{}", self.agentd.log_text());
        }
        if let Some(wp) = self.wordpress.as_mut() {
            wp.stop();
        }
        self.agentd.stop();
    }
}

fn setup_wordpress(agentd_url: &str) {
    let out = Command::new("bash")
        .arg(repo_root().join("scripts/setup-wordpress.sh"))
        .current_dir(repo_root())
        .env("WP_PORT", WP_PORT.to_string())
        .env("FRONTDESK_URL", agentd_url)
        .env("FRONTDESK_WP_SECRET", SECRET)
        .env("FRONTDESK_WP_KEY_ID", "k1")
        .env("FRONTDESK_WP_AUDIENCE", "frontdesk")
        .env("FRONTDESK_WP_VISIBILITY", "everyone")
        .stdin(Stdio::null())
        .output()
        .expect("scripts/setup-wordpress.sh runs");
    assert!(
        out.status.success(),
        "scripts/setup-wordpress.sh failed ({})\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One message of the mbox the serve script writes: its unfolded headers and body.
struct Mail {
    subject: String,
    body: String,
}

fn read_mbox(path: &Path) -> Vec<Mail> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut mails = Vec::new();
    for raw in text
        .split("\nFrom frontdesk-wordpress ")
        .filter(|m| !m.trim().is_empty())
    {
        // the first line is the rest of the "From " separator
        let message = raw.split_once('\n').map_or("", |(_, rest)| rest);
        let (head, body) = message.split_once("\n\n").unwrap_or((message, ""));
        // a folded header continues on lines that start with white space
        let unfolded = head.replace("\n ", " ").replace("\n\t", " ");
        let subject = decode_header(
            unfolded
                .lines()
                .find_map(|l| l.strip_prefix("Subject: "))
                .unwrap_or_default(),
        );
        mails.push(Mail {
            subject,
            body: body.replace("\n>From ", "\nFrom "),
        });
    }
    mails
}

/// A header value with its RFC 2047 encoded words (`=?charset?Q|B?text?=`) decoded:
/// PHPMailer encodes and folds a subject longer than a line.
fn decode_header(value: &str) -> String {
    let mut out = String::new();
    let mut after_word = false;
    for token in value.split(' ') {
        let word = token
            .strip_prefix("=?")
            .and_then(|t| t.strip_suffix("?="))
            .and_then(|t| {
                let mut parts = t.splitn(3, '?');
                let (_charset, encoding, text) = (parts.next()?, parts.next()?, parts.next()?);
                match encoding {
                    "Q" | "q" => Some(decode_q(text)),
                    "B" | "b" => decode_base64(text),
                    _ => None,
                }
            });
        match word {
            Some(bytes) => {
                // the space between two encoded words is not part of the text
                if !after_word && !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&String::from_utf8_lossy(&bytes));
                after_word = true;
            }
            None => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(token);
                after_word = false;
            }
        }
    }
    out
}

fn decode_q(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'_', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

fn decode_base64(text: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes().filter(|&c| c != b'=') {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[test]
fn encoded_subjects_decode() {
    assert_eq!(
        decode_header("=?us-ascii?Q?[Copper_&_Kettle]_New_support_ticket_#1001:_Abu?= =?us-ascii?Q?sive_message_in_chat?="),
        "[Copper & Kettle] New support ticket #1001: Abusive message in chat"
    );
    assert_eq!(
        decode_header("=?UTF-8?B?VGlja2V0ICMxMDAx4oCU?= ok"),
        "Ticket #1001\u{2014} ok"
    );
    assert_eq!(decode_header("plain subject"), "plain subject");
}

/// Polls the mail log until a ticket notification arrives.
async fn wait_for_ticket_mail(path: &Path) -> Mail {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(mail) = read_mbox(path)
            .into_iter()
            .find(|m| m.subject.contains("New support ticket #"))
        {
            return mail;
        }
        assert!(
            Instant::now() < deadline,
            "no \"New support ticket #\" mail in {} after 60 s; it holds:\n{}",
            path.display(),
            std::fs::read_to_string(path).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Polls `webhook_deliveries` until the WordPress delivery is no longer pending.
async fn wait_for_delivery(pool: &sqlx::PgPool) -> (String, i32, Option<i32>, Option<String>) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let row: Option<(String, i32, Option<i32>, Option<String>)> = sqlx::query_as(
            "SELECT status, attempts, last_status, last_error FROM webhook_deliveries \
             WHERE endpoint = 'wordpress' AND event = 'ticket.created'",
        )
        .fetch_optional(pool)
        .await
        .expect("query webhook_deliveries");
        match row {
            Some(row) if row.0 != "pending" => return row,
            _ if Instant::now() > deadline => {
                panic!("the WordPress webhook delivery is still pending after 30 s: {row:?}")
            }
            _ => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

#[tokio::test]
async fn wordpress_shop_widget_verified_customer_and_ticket_mail() {
    if std::env::var("FRONTDESK_E2E_WORDPRESS").as_deref() != Ok("1") {
        println!("skipped: set FRONTDESK_E2E_WORDPRESS=1 to run the WordPress end-to-end test (root, Debian; installs WordPress)");
        return;
    }
    let started = Instant::now();
    let db = TestDb::new().await;
    load_demo_shop(&db);
    let agentd = Agentd::start(
        &db,
        &[
            ("FRONTDESK__SERVER__CORS_ORIGINS", wp_url()),
            ("FRONTDESK__AUTH__WORDPRESS__KEYS__K1", SECRET.into()),
            (
                "FRONTDESK__WEBHOOKS__ENDPOINTS__WORDPRESS__URL",
                format!("{}/wp-json/frontdesk/v1/tickets", wp_url()),
            ),
            (
                "FRONTDESK__WEBHOOKS__ENDPOINTS__WORDPRESS__SECRET",
                SECRET.into(),
            ),
            ("FRONTDESK__WEBHOOKS__POLL_INTERVAL_MS", "200".into()),
        ],
    )
    .await;
    let dir = tempfile::tempdir().expect("temp dir");
    let mail_log = dir.path().join("mail.mbox");
    let mut stack = Stack {
        agentd,
        wordpress: None,
        spec_output: String::new(),
        dir,
    };

    setup_wordpress(&stack.agentd.url);
    // in the stack before waiting, so a server that never comes up is still stopped
    let wordpress = stack
        .wordpress
        .insert(WordPress::serve(stack.dir.path(), &mail_log));
    wordpress.wait_ready().await;

    let run = run_browser_specs(
        &["wordpress.spec.mjs"],
        &[
            ("WORDPRESS_URL", wp_url()),
            ("FRONTDESK_URL", stack.agentd.url.clone()),
        ],
    );
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    stack.spec_output = format!(
        "{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success(), "the WordPress browser spec failed");
    assert!(
        stdout.contains("pass 4"),
        "all three WordPress browser tests ran"
    );
    // the spec's diagnostic line "ticket #<number>": what the customer was shown
    let shown: i64 = stdout
        .lines()
        .find_map(|l| {
            l.trim_start_matches(|c: char| !c.is_ascii_alphanumeric())
                .strip_prefix("ticket #")
        })
        .and_then(|n| n.trim().parse().ok())
        .expect("the spec reports the ticket number the widget showed");
    println!("{stdout}");

    let pool = sqlx::PgPool::connect(&db.url)
        .await
        .expect("connect to the test database");
    let tickets: Vec<(i64, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT number, email, reason FROM tickets ORDER BY number")
            .fetch_all(&pool)
            .await
            .expect("query tickets");
    assert_eq!(
        tickets.len(),
        1,
        "exactly one ticket, the abusive message's: {tickets:?}"
    );
    let (number, email, reason) = tickets[0].clone();
    assert_eq!(reason.as_deref(), Some("abusive"), "the ticket's reason");
    assert_eq!(
        email.as_deref(),
        Some(CUSTOMER_EMAIL),
        "the ticket carries the verified email from maria's JWT"
    );
    assert_eq!(
        shown, number,
        "the widget showed the ticket number agentd stored"
    );

    let mail = wait_for_ticket_mail(&mail_log).await;
    assert!(
        mail.subject
            .contains(&format!("New support ticket #{number}:")),
        "the mail's subject names ticket #{number}: {}",
        mail.subject
    );
    assert!(
        mail.body.contains(&format!("Ticket: #{number}"))
            && mail.body.contains(&format!("Customer: {CUSTOMER_EMAIL}"))
            && mail.body.contains("Reason: abusive"),
        "the mail's body lists the ticket, the customer and the reason:\n{}",
        mail.body
    );

    let (status, attempts, last_status, last_error) = wait_for_delivery(&pool).await;
    assert_eq!(
        status, "delivered",
        "webhook_deliveries: attempts {attempts}, last HTTP status {last_status:?}, last error {last_error:?}"
    );
    assert_eq!(
        last_status,
        Some(200),
        "the plugin accepted the signed POST with 200"
    );
    pool.close().await;

    drop(stack);
    println!(
        "WordPress end to end passed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
