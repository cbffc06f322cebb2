//! The operator console against a live agentd (the real binary, the demo shop): a
//! customer asks for a person through the widget API; the console's own update loop
//! and performer (as its runtime drives them, keys fed in headlessly) see the thread
//! appear, claim it and reply; the customer's live stream receives the reply; the
//! agent hands back and the bot answers the next question. Then the real
//! `agent-console` binary in tmux shows the waiting thread on screen.

use std::process::Command;
use std::time::Duration;

use agent_console::app::{update, Msg, Screen, State};
use agent_console::client::{Client, Reconnect};
use agent_console::runtime::Performer;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use frontdesk::config::Secret;
use serde_json::Value;
use tokio::sync::mpsc;
use uuid::Uuid;

use crate::support::{binary, load_demo_shop, Agentd, Customer, TestDb};

const TOKEN: &str = "sam-agent-token-0123456789abcdef";

fn agent_env() -> Vec<(&'static str, String)> {
    vec![
        ("FRONTDESK__AUTH__ADMIN_TOKENS__SAM__TOKEN", TOKEN.into()),
        ("FRONTDESK__AUTH__ADMIN_TOKENS__SAM__ROLE", "agent".into()),
        (
            "FRONTDESK__AUTH__ADMIN_TOKENS__SAM__DISPLAY_NAME",
            "Sam".into(),
        ),
    ]
}

/// The console's update loop with its performer and live stream, as the runtime runs it.
struct Console {
    state: State,
    performer: Performer,
    rx: mpsc::UnboundedReceiver<Msg>,
    _live: tokio::task::JoinHandle<()>,
}

impl Console {
    fn new(url: &str) -> Self {
        let client = Client::new(url, Secret::new(TOKEN)).expect("client");
        let (tx, rx) = mpsc::unbounded_channel();
        let live = {
            let (client, tx) = (client.clone(), tx.clone());
            tokio::spawn(async move {
                client
                    .follow(Reconnect::default(), |l| tx.send(Msg::from(l)).is_ok())
                    .await
            })
        };
        Self {
            state: State::new(
                url,
                chrono::Utc::now(),
                chrono::FixedOffset::east_opt(0).unwrap(),
            ),
            performer: Performer::new(client, tx),
            rx,
            _live: live,
        }
    }

    fn send(&mut self, msg: Msg) {
        self.performer.arrived(&msg);
        if let Some(action) = update(&mut self.state, msg) {
            self.performer.perform(action);
        }
    }

    fn key(&mut self, code: KeyCode) {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Processes what agentd sends back until `done(state)` holds (15 s at most).
    async fn until(&mut self, what: &str, done: impl Fn(&State) -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
        while !done(&self.state) {
            match tokio::time::timeout_at(deadline, self.rx.recv()).await {
                Ok(Some(msg)) => self.send(msg),
                _ => panic!(
                    "the console never got to: {what}\nstate: {:?}",
                    self.state.flash
                ),
            }
        }
    }

    /// Starts the clock and waits until `thread` is in the waiting queue.
    async fn wait_for_waiting(&mut self, thread: Uuid) {
        self.send(Msg::Tick(chrono::Utc::now()));
        self.until("the waiting thread in the queue", |s| {
            s.queues
                .as_ref()
                .is_some_and(|q| q.view.waiting.iter().any(|e| e.thread_id == thread))
        })
        .await;
    }

    /// Selects `thread`, presses `c` and waits until it is among the agent's own.
    async fn claim(&mut self, thread: Uuid) {
        self.state.selected = Some(thread);
        self.key(KeyCode::Char('c'));
        self.until("claimed", |s| {
            s.queues
                .as_ref()
                .is_some_and(|q| q.view.mine.iter().any(|e| e.thread_id == thread))
        })
        .await;
    }

    fn screen(&self, width: u16, height: u16) -> String {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| agent_console::view::view(&self.state, f))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Reads the customer's event stream until an event matches (15 s at most).
async fn wait_event(stream: &mut reqwest::Response, want: impl Fn(&str, &Value) -> bool) -> Value {
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        for block in text.split("\n\n") {
            let event = block
                .lines()
                .find_map(|l| l.strip_prefix("event:"))
                .map(str::trim)
                .unwrap_or("");
            let data = block
                .lines()
                .find_map(|l| l.strip_prefix("data:"))
                .map(str::trim)
                .unwrap_or("");
            if let Ok(v) = serde_json::from_str::<Value>(data) {
                if want(event, &v) {
                    return v;
                }
            }
        }
        match tokio::time::timeout_at(deadline, stream.chunk()).await {
            Ok(Ok(Some(b))) => text.push_str(&String::from_utf8_lossy(&b)),
            _ => panic!("the customer never received it; stream so far:\n{text}"),
        }
    }
}

#[tokio::test]
async fn console_claims_replies_and_hands_back_while_the_customer_watches() {
    let db = TestDb::new().await;
    load_demo_shop(&db);
    let agentd = Agentd::start(&db, &agent_env()).await;
    let customer = Customer::new(&agentd.url).await;
    let asked = customer
        .say(None, "I'd like to speak to a person about a damaged kettle")
        .await;
    assert_eq!(asked["thread_status"], "waiting_human", "{asked}");
    let thread: Uuid = asked["thread_id"].as_str().unwrap().parse().unwrap();
    let mut stream = customer
        .http
        .get(format!("{}/api/agent/thread/{thread}/events", agentd.url))
        .bearer_auth(&customer.token)
        .send()
        .await
        .unwrap();

    let mut console = Console::new(&agentd.url);
    console.wait_for_waiting(thread).await;
    let screen = console.screen(120, 30);
    assert!(
        screen.contains("damaged kettle"),
        "the queue shows the customer's words:\n{screen}"
    );

    console.claim(thread).await;
    let joined = wait_event(&mut stream, |e, d| e == "status" && d["status"] == "human").await;
    assert_eq!(joined["assignee"], "Sam");

    console.key(KeyCode::Char('r'));
    console
        .until("the conversation open", |s| {
            matches!(s.screen, Screen::Conversation(_))
        })
        .await;
    console.type_text("Hi, I'm Sam. Sorry about the kettle - I'll sort out a replacement.");
    console.key(KeyCode::Enter);
    let reply = wait_event(&mut stream, |e, d| {
        e == "message" && d["role"] == "human_agent"
    })
    .await;
    assert_eq!(
        reply["content"],
        "Hi, I'm Sam. Sorry about the kettle - I'll sort out a replacement."
    );
    assert_eq!(reply["author"], "Sam");

    console.key(KeyCode::Char('b'));
    console.key(KeyCode::Enter);
    wait_event(&mut stream, |e, d| e == "status" && d["status"] == "bot").await;
    console
        .until("handed back", |s| {
            s.queues
                .as_ref()
                .is_some_and(|q| q.view.mine.iter().all(|e| e.thread_id != thread))
        })
        .await;

    let answer = customer
        .say(Some(thread), "how long do I have to send back a kettle")
        .await;
    assert_eq!(answer["outcome"], "answered", "{answer}");
    assert!(
        answer["answer"].as_str().unwrap().contains("30 days"),
        "{answer}"
    );
    assert_eq!(answer["citations"][0]["title"], "Returns and refunds");
}

#[tokio::test]
async fn handoff_panel_shows_order_and_tracking_numbers_and_hides_the_card() {
    let db = TestDb::new().await;
    let agentd = Agentd::start(&db, &agent_env()).await;
    let customer = Customer::new(&agentd.url).await;
    let asked = customer
        .say(
            None,
            "Please let me talk to a person: DHL parcel JJD014600003828000000 for order CK-10423 \
             never came and card 4111 1111 1111 1111 was charged twice.",
        )
        .await;
    assert_eq!(asked["thread_status"], "waiting_human", "{asked}");
    let thread: Uuid = asked["thread_id"].as_str().unwrap().parse().unwrap();

    let mut console = Console::new(&agentd.url);
    console.wait_for_waiting(thread).await;
    console.claim(thread).await;
    console.key(KeyCode::Char('r'));
    console
        .until("the conversation with its handoff", |s| match &s.screen {
            Screen::Conversation(c) => c.detail.as_ref().is_some_and(|d| d.handoff.is_some()),
            _ => false,
        })
        .await;
    let screen = console.screen(220, 50);
    let panel: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    for kept in ["JJD014600003828000000", "CK-10423"] {
        assert!(
            panel.contains(kept),
            "{kept} readable in the handoff panel:\n{screen}"
        );
    }
    assert!(
        panel.contains("[card]"),
        "the card number masked:\n{screen}"
    );
    assert!(!panel.contains("4111 1111"), "{screen}");
}

/// tmux, from Debian's package (scripts/test.sh installs it).
fn tmux(args: &[&str]) -> std::process::Output {
    Command::new("tmux")
        .args(args)
        .output()
        .expect("tmux runs (apt-get install tmux)")
}

#[tokio::test]
async fn agent_console_binary_in_tmux_shows_the_waiting_thread() {
    let db = TestDb::new().await;
    let agentd = Agentd::start(&db, &agent_env()).await;
    let customer = Customer::new(&agentd.url).await;
    let asked = customer
        .say(None, "please let me talk to a human about order 1042")
        .await;
    assert_eq!(asked["thread_status"], "waiting_human", "{asked}");

    let session = format!("fdconsole{}", Uuid::new_v4().simple());
    let socket = std::env::temp_dir().join(format!("{session}.sock"));
    let log = std::env::temp_dir().join(format!("{session}.log"));
    let console = format!(
        "{} --url {} --log-file {}",
        binary("agent-console").display(),
        agentd.url,
        log.display()
    );
    let started = Command::new("tmux")
        .args([
            "-S",
            socket.to_str().unwrap(),
            "new-session",
            "-d",
            "-s",
            &session,
            "-x",
            "120",
            "-y",
            "30",
        ])
        .arg(&console)
        .env("FRONTDESK_ADMIN_TOKEN", TOKEN)
        .env("TERM", "xterm-256color")
        .status()
        .expect("tmux runs (apt-get install tmux)");
    assert!(started.success());
    let capture = || {
        let out = tmux(&[
            "-S",
            socket.to_str().unwrap(),
            "capture-pane",
            "-p",
            "-t",
            &session,
        ]);
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let mut screen = String::new();
    for _ in 0..100 {
        screen = capture();
        if screen.contains("order 1042") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = tmux(&[
        "-S",
        socket.to_str().unwrap(),
        "send-keys",
        "-t",
        &session,
        "q",
    ]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let _ = tmux(&["-S", socket.to_str().unwrap(), "kill-server"]);
    let _ = std::fs::remove_file(&socket);
    assert!(
        screen.contains("order 1042"),
        "the waiting thread on screen:\n{screen}"
    );
    assert!(screen.to_lowercase().contains("waiting"), "{screen}");
    assert!(
        screen.contains("connected"),
        "the connection state is shown:\n{screen}"
    );
    let _ = std::fs::remove_file(&log);
}
