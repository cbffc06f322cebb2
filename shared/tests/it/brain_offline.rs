//! The offline brain on the committed labelled routing set (`goldens/routing/`).

use std::collections::BTreeMap;

use frontdesk::brain::offline::{Route, Router};
use frontdesk::text::slots;
use serde::Deserialize;

use crate::support;

#[derive(Deserialize)]
struct Case {
    id: String,
    text: String,
    route: String,
    order_id: Option<String>,
    email: Option<String>,
}

fn cases() -> Vec<Case> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../goldens/routing/messages.jsonl"
    );
    std::fs::read_to_string(path)
        .expect("goldens/routing/messages.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid case"))
        .collect()
}

#[tokio::test]
async fn offline_routing_accuracy() {
    let router = Router::new(support::embedder()).await.unwrap();
    let cases = cases();
    assert!(
        cases.len() >= 150,
        "the labelled set needs at least 150 cases"
    );
    let mut per_route: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    let mut wrong = Vec::new();
    let mut correct = 0;
    for case in &cases {
        let expected = Route::parse(&case.route).expect("known route");
        let got = router.route(&case.text).await.unwrap();
        let entry = per_route.entry(expected.as_str()).or_default();
        entry.1 += 1;
        if got.route == expected {
            correct += 1;
            entry.0 += 1;
        } else {
            wrong.push(format!(
                "{} {:?} expected {} got {} ({:.2})",
                case.id,
                case.text,
                expected.as_str(),
                got.route.as_str(),
                got.confidence
            ));
        }
    }
    let accuracy = correct as f64 / cases.len() as f64;
    println!(
        "offline routing accuracy: {correct}/{} = {accuracy:.3}",
        cases.len()
    );
    for (route, (ok, n)) in &per_route {
        println!("  {route:<17} {ok:>3}/{n:<3} {:.3}", *ok as f64 / *n as f64);
    }
    for w in &wrong {
        println!("  miss: {w}");
    }
    assert!(
        accuracy >= 0.90,
        "routing accuracy {accuracy:.3} is below 0.90"
    );
}

#[test]
fn offline_slot_extraction_on_goldens() {
    let mut checked = 0;
    for case in cases() {
        if let Some(expected) = &case.order_id {
            assert_eq!(
                slots::OrderIds::default().find(&case.text).as_ref(),
                Some(expected),
                "{}: {}",
                case.id,
                case.text
            );
            checked += 1;
        }
        if let Some(expected) = &case.email {
            assert_eq!(
                slots::email(&case.text).as_deref(),
                Some(expected.to_lowercase().as_str()),
                "{}",
                case.id
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} labelled slots");
}
