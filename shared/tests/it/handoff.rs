//! The ownership state machine against real Postgres: concurrent claims have one
//! winner, every transition is recorded, the handoff tells the truth (queue, business
//! hours), and a resolved conversation the customer writes to is a fresh bot episode.

use frontdesk::handoff::ownership::{self, Actor, NewRequest};
use frontdesk::handoff::{OwnershipError, Refused};
use frontdesk::orchestrator::Outcome;
use frontdesk_api::ThreadStatus;
use uuid::Uuid;

use crate::agent::{anonymous, Harness};

async fn waiting_thread(h: &Harness) -> Uuid {
    let r = h
        .ask(None, "I want to speak to a person", anonymous("w"))
        .await;
    assert_eq!(r.thread_status, ThreadStatus::WaitingHuman, "{r:?}");
    r.thread_id
}

#[tokio::test]
async fn handoff_concurrent_claims_have_exactly_one_winner() {
    let h = Harness::new(false, &[], |_| {}).await;
    let thread = waiting_thread(&h).await;
    let agents = ["sam", "ana", "lee", "kim", "raj", "eve"];
    let claims = agents.map(|name| {
        let pool = h.db.pool.clone();
        tokio::spawn(async move { (name, ownership::claim(&pool, thread, name, None).await) })
    });
    let mut winners = Vec::new();
    let mut told = Vec::new();
    for c in claims {
        match c.await.unwrap() {
            (name, Ok(owner)) => {
                assert!(owner.changed);
                winners.push(name);
            }
            (_, Err(OwnershipError::Refused(Refused::AlreadyClaimed { assignee }))) => {
                told.push(assignee)
            }
            (_, Err(other)) => panic!("unexpected: {other}"),
        }
    }
    assert_eq!(winners.len(), 1, "one winner: {winners:?}");
    assert_eq!(told.len(), agents.len() - 1);
    assert!(
        told.iter().all(|a| a == winners[0]),
        "the others are told who has it: {told:?}"
    );
    let claimed: i64 = h
        .count(
            "SELECT count(*) FROM thread_transitions WHERE thread_id = $1 AND to_status = 'human'",
            thread,
        )
        .await;
    assert_eq!(claimed, 1, "one transition recorded");
}

#[tokio::test]
async fn handoff_state_machine_refuses_and_records() {
    let h = Harness::new(false, &[], |_| {}).await;
    let thread = waiting_thread(&h).await;
    let pool = &h.db.pool;
    let sam = Actor::Operator("sam".into());
    let ana = Actor::Operator("ana".into());

    assert!(
        matches!(
            ownership::hand_back(pool, thread, &sam, false, None).await,
            Err(OwnershipError::Refused(Refused::Invalid(_)))
        ),
        "nothing to hand back while waiting"
    );
    ownership::claim(pool, thread, "sam", None).await.unwrap();
    let again = ownership::claim(pool, thread, "sam", None).await.unwrap();
    assert!(
        !again.changed,
        "claiming your own thread again changes nothing"
    );
    assert!(matches!(
        ownership::hand_back(pool, thread, &ana, false, None).await,
        Err(OwnershipError::Refused(Refused::NotOwner { assignee: Some(a) })) if a == "sam"
    ));
    assert!(
        ownership::hand_back(pool, thread, &ana, true, None)
            .await
            .is_ok(),
        "an admin may"
    );
    assert!(
        matches!(
            ownership::resolve(pool, thread, &sam, false, None).await,
            Err(OwnershipError::Refused(Refused::Invalid(_)))
        ),
        "the bot has it: nothing to resolve"
    );
    ownership::claim(pool, thread, "ana", Some("taking over"))
        .await
        .unwrap();
    ownership::assign(pool, thread, &ana, false, "sam")
        .await
        .unwrap();
    ownership::resolve(pool, thread, &sam, false, Some("answered"))
        .await
        .unwrap();
    assert!(matches!(
        ownership::claim(pool, thread, "ana", None).await,
        Err(OwnershipError::Refused(Refused::Invalid(_)))
    ));

    type Row = (String, String, Option<String>, String, Option<String>);
    let log: Vec<Row> = sqlx::query_as(
        "SELECT from_status, to_status, assignee, actor, reason FROM thread_transitions WHERE thread_id = $1 ORDER BY id",
    )
    .bind(thread)
    .fetch_all(pool)
    .await
    .unwrap();
    let steps: Vec<(&str, &str, &str)> = log
        .iter()
        .map(|(f, t, _, a, _)| (f.as_str(), t.as_str(), a.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            ("bot", "waiting_human", "bot"),
            ("waiting_human", "human", "operator:sam"),
            ("human", "bot", "operator:ana"),
            ("bot", "human", "operator:ana"),
            ("human", "human", "operator:ana"),
            ("human", "resolved", "operator:sam"),
        ]
    );
    assert_eq!(log[3].4.as_deref(), Some("taking over"));
    assert_eq!(log[4].2.as_deref(), Some("sam"));
    let summary: String = sqlx::query_scalar("SELECT summary FROM handoffs WHERE thread_id = $1")
        .bind(thread)
        .fetch_one(pool)
        .await
        .unwrap();
    assert!(summary.contains("I want to speak to a person"), "{summary}");
}

#[tokio::test]
async fn handoff_bot_is_silent_with_a_person_and_a_resolved_thread_starts_fresh() {
    let h = Harness::new(true, &[], |_| {}).await;
    let thread = waiting_thread(&h).await;
    ownership::claim(&h.db.pool, thread, "sam", None)
        .await
        .unwrap();
    let during = h
        .ask(Some(thread), "what's your return window?", anonymous("w"))
        .await;
    assert_eq!(during.outcome, Outcome::Handoff);
    assert!(
        during.message_id.is_none() && during.answer.is_empty(),
        "the bot stays silent"
    );
    assert!(during.tool_calls.is_empty());

    ownership::resolve(
        &h.db.pool,
        thread,
        &Actor::Operator("sam".into()),
        false,
        None,
    )
    .await
    .unwrap();
    let after = h
        .ask(Some(thread), "what's your return window?", anonymous("w"))
        .await;
    assert_eq!(
        after.outcome,
        Outcome::Answered,
        "a fresh bot episode: {after:?}"
    );
    assert_eq!(after.thread_status, ThreadStatus::Bot);
    assert!(after.answer.contains("30 days"), "{}", after.answer);
    assert_eq!(
        h.count("SELECT count(*) FROM handoffs WHERE thread_id = $1", thread)
            .await,
        1,
        "no repeat handoff"
    );
    assert_eq!(
        h.count("SELECT episode::int8 FROM threads WHERE id = $1", thread)
            .await,
        2
    );
}

#[tokio::test]
async fn handoff_outside_business_hours_promises_email_and_opens_a_ticket() {
    // open only on a weekday that is not today: closed now, whenever the test runs
    let today = chrono::Utc::now().format("%a").to_string().to_lowercase();
    let other = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .into_iter()
        .find(|d| **d != today[..3])
        .unwrap();
    let h = Harness::new(false, &[], |c| {
        c.handoff.hours.days = vec![other.into()];
    })
    .await;
    let r = h
        .ask(
            None,
            "I want to speak to a person, my email is ann@example.com",
            anonymous("a"),
        )
        .await;
    assert_eq!(r.thread_status, ThreadStatus::WaitingHuman, "{r:?}");
    assert!(r.answer.contains("offline right now"), "{}", r.answer);
    assert!(r.answer.contains("we're back"), "{}", r.answer);
    let number = r.ticket_number.expect("a ticket for the follow-up");
    assert!(r.answer.contains(&format!("#{number}")), "{}", r.answer);
    assert!(r.answer.contains("by email"), "{}", r.answer);
    let (email, reason): (Option<String>, String) =
        sqlx::query_as("SELECT email, reason FROM tickets WHERE number = $1")
            .bind(number)
            .fetch_one(&h.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (email.as_deref(), reason.as_str()),
        (Some("ann@example.com"), "after_hours_handoff")
    );
    let after_hours: bool =
        sqlx::query_scalar("SELECT after_hours FROM handoffs WHERE thread_id = $1")
            .bind(r.thread_id)
            .fetch_one(&h.db.pool)
            .await
            .unwrap();
    assert!(after_hours);
}

#[tokio::test]
async fn handoff_waiting_past_the_sla_is_flagged_once() {
    let h = Harness::new(false, &[], |_| {}).await;
    let thread = waiting_thread(&h).await;
    let other = waiting_thread(&h).await;
    // the first request is already past its SLA
    sqlx::query(
        "UPDATE handoffs SET sla_due_at = now() - interval '1 second' WHERE thread_id = $1",
    )
    .bind(thread)
    .execute(&h.db.pool)
    .await
    .unwrap();
    let flagged = frontdesk::handoff::queues::flag_overdue(&h.db.pool)
        .await
        .unwrap();
    assert_eq!(flagged.iter().map(|f| f.0).collect::<Vec<_>>(), [thread]);
    assert!(
        frontdesk::handoff::queues::flag_overdue(&h.db.pool)
            .await
            .unwrap()
            .is_empty(),
        "once"
    );
    let view = frontdesk::handoff::queues::queues(&h.db.pool, "sam", true)
        .await
        .unwrap();
    let overdue: Vec<(Uuid, bool)> = view
        .waiting
        .iter()
        .map(|e| (e.thread_id, e.overdue))
        .collect();
    assert_eq!(
        overdue,
        [(thread, true), (other, false)],
        "longest wait first"
    );
    assert_eq!(
        h.count("SELECT count(*) FROM outbox WHERE event = 'handoff.overdue' AND payload->>'thread_id' = $1::text", thread)
            .await,
        1
    );
}

#[tokio::test]
async fn handoff_request_is_idempotent_and_stores_its_summary() {
    let h = Harness::new(false, &[], |_| {}).await;
    let thread = waiting_thread(&h).await;
    let again = ownership::request(
        &h.db.pool,
        thread,
        &NewRequest {
            queue: "support",
            reason: "again",
            summary: "",
            transcript_excerpt: "",
            requested_by: &Actor::Customer,
            sla_secs: 60,
            after_hours: false,
        },
    )
    .await
    .unwrap();
    assert!(!again.changed);
    assert_eq!(
        h.count("SELECT count(*) FROM handoffs WHERE thread_id = $1", thread)
            .await,
        1
    );
}
