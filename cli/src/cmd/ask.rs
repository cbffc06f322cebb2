//! `agentctl ask` and `agentctl chat`: run turns in-process against the configured
//! database, the way the API will, and show everything about them.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use std::sync::Arc;

use anyhow::Context as _;
use clap::Args;
use frontdesk::events::EventBus;
use frontdesk::identity::Identity;
use frontdesk::orchestrator::{connect_redis, Agent, TurnRequest, TurnResult};
use frontdesk_api::Channel;
use uuid::Uuid;

use crate::context::Context;
use crate::output;

/// Run one turn of the agent and print the answer, citations, tool calls, the
/// state-machine trace, the outcome, tokens and cost.
///
/// Example: agentctl ask "where is my order 1042? my email is maria.rossi@example.com"
#[derive(Debug, Args)]
pub struct AskArgs {
    /// The customer's message
    message: String,
    /// Continue this thread (default: start a new one)
    #[arg(long)]
    thread: Option<Uuid>,
    #[command(flatten)]
    who: WhoArgs,
    /// Print the turn as JSON (the shape the API serves)
    #[arg(long)]
    json: bool,
}

/// Talk to the agent interactively; one thread for the whole session.
#[derive(Debug, Args)]
pub struct ChatArgs {
    /// Continue this thread (default: start a new one)
    #[arg(long)]
    thread: Option<Uuid>,
    #[command(flatten)]
    who: WhoArgs,
    /// Also print tool calls and the trace after each answer
    #[arg(long)]
    verbose: bool,
}

#[derive(Debug, Args)]
struct WhoArgs {
    /// Channel the message arrives on
    #[arg(long, default_value = "web")]
    channel: Channel,
    /// Treat the customer as signed in with this verified email (as a WordPress JWT would)
    #[arg(long, value_name = "EMAIL")]
    verified_email: Option<String>,
}

impl WhoArgs {
    fn identity(&self) -> Identity {
        match &self.verified_email {
            Some(email) => Identity::verified(email),
            None => Identity::Anonymous {
                ip: Some("127.0.0.1".into()),
                fingerprint: Some("agentctl".into()),
            },
        }
    }
}

async fn agent(ctx: &Context) -> anyhow::Result<Agent> {
    let config = ctx.config()?;
    let pool = ctx.pool(&config).await?;
    let embedder = ctx.embedder(&config).await?;
    let redis = connect_redis(&config.redis)
        .await
        .context("connecting to Redis (redis.url / REDIS_URL)")?;
    // turns run here reach the console live, like the widget's
    let events = EventBus::from_config(&config.redis, redis.clone()).context("redis.url")?;
    Agent::from_config(&config, pool, embedder, redis, Arc::new(events))
        .await
        .context("setting up the agent")
}

impl AskArgs {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        let agent = agent(ctx).await?;
        let result = agent
            .turn(TurnRequest {
                thread_id: self.thread,
                message: self.message,
                channel: self.who.channel,
                identity: self.who.identity(),
                session_id: None,
                offline_only: false,
                progress: Default::default(),
            })
            .await?;
        if self.json {
            output::print_json(&result)?;
        } else {
            print_turn(&result, true);
        }
        Ok(ExitCode::SUCCESS)
    }
}

impl ChatArgs {
    pub async fn run(self, ctx: &Context) -> anyhow::Result<ExitCode> {
        let agent = agent(ctx).await?;
        let mut thread = self.thread;
        eprintln!(
            "Chatting with the agent ({}). Empty line or Ctrl-D ends.",
            agent.brains().describe().join(" → ")
        );
        let stdin = std::io::stdin();
        loop {
            eprint!("you> ");
            std::io::stderr().flush().ok();
            let mut line = String::new();
            if stdin.lock().read_line(&mut line)? == 0 || line.trim().is_empty() {
                break;
            }
            match agent
                .turn(TurnRequest {
                    thread_id: thread,
                    message: line.trim().to_string(),
                    channel: self.who.channel,
                    identity: self.who.identity(),
                    session_id: None,
                    offline_only: false,
                    progress: Default::default(),
                })
                .await
            {
                Ok(result) => {
                    thread = Some(result.thread_id);
                    print_turn(&result, self.verbose);
                }
                Err(e) => eprintln!("error: {e}"),
            }
        }
        if let Some(t) = thread {
            eprintln!("thread {t}");
        }
        Ok(ExitCode::SUCCESS)
    }
}

fn print_turn(r: &TurnResult, details: bool) {
    println!("{}", r.answer);
    for (i, c) in r.citations.iter().enumerate() {
        println!(
            "  [{}] {} — {}",
            i + 1,
            c.title,
            c.url.as_deref().unwrap_or("(no url)")
        );
    }
    if !details {
        return;
    }
    println!();
    let mut table = output::table(&["tool", "outcome", "latency", "attempts"]);
    for t in &r.tool_calls {
        table.add_row(vec![
            t.tool.clone(),
            t.outcome.to_string(),
            format!("{} ms", t.latency_ms),
            t.attempts.to_string(),
        ]);
    }
    if !r.tool_calls.is_empty() {
        println!("{table}");
    }
    let trace: Vec<String> = r
        .trace
        .iter()
        .map(|t| format!("{:?}@{}ms", t.state, t.at_ms))
        .collect();
    println!("trace:    {}", trace.join(" → "));
    println!(
        "outcome:  {:?}   thread: {} ({})   ticket: {}",
        r.outcome,
        r.thread_id,
        r.thread_status,
        r.ticket_number.map_or("-".to_string(), |n| format!("#{n}"))
    );
    let brains: Vec<String> = r
        .brain
        .iter()
        .map(|b| {
            format!(
                "{}:{} {} ({} ms)",
                b.provider, b.model, b.outcome, b.latency_ms
            )
        })
        .collect();
    println!("brain:    {}", brains.join(", "));
    println!(
        "tokens:   {} in / {} out   cost: ${:.6}   latency: {} ms",
        r.tokens_in, r.tokens_out, r.cost_usd, r.latency_ms
    );
    if !r.guardrail_trips.is_empty() {
        println!("guardrails tripped: {}", r.guardrail_trips.join(", "));
    }
}
