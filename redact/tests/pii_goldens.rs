//! The masker against the labelled sentences of `goldens/pii/` (written alongside the
//! masker) and `goldens/pii/heldout/` (other people's templates and another fake-data
//! library): the goals of docs/security.md hold on both, and no UUID or request id is
//! ever masked.

use std::path::PathBuf;

use frontdesk_redact::pii::score::{score, Labelled, MustStay, Report};

const SETS: [&str; 2] = ["", "heldout"];

fn read<T: serde::de::DeserializeOwned>(set: &str, name: &str) -> Vec<T> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../goldens/pii")
        .join(set)
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{name}: {e}: {l}")))
        .collect()
}

fn report(set: &str) -> Report {
    let labelled: Vec<Labelled> = read(set, "pii.jsonl");
    let must_stay: Vec<MustStay> = read(set, "keep.jsonl");
    assert!(labelled.len() >= 500 && must_stay.len() >= 300, "{set}");
    score(&labelled, &must_stay)
}

fn show_misses(report: &Report) -> String {
    report
        .misses
        .iter()
        .map(|m| format!("{} {}: {:?} -> {:?}", m.id, m.what, m.text, m.masked))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn recall_of_the_kinds_that_matter_most() {
    for set in SETS {
        let report = report(set);
        for kind in ["email", "card", "iban", "phone"] {
            let s = &report.kinds[kind];
            assert!(
                s.recall >= 0.98,
                "{set} {kind} recall {:.3}\n{}",
                s.recall,
                show_misses(&report)
            );
        }
    }
}

#[test]
fn ids_are_never_masked_and_little_else_is() {
    for set in SETS {
        let report = report(set);
        for kind in ["uuid", "request_id", "hex_token"] {
            if let Some(s) = report.must_stay.get(kind) {
                assert_eq!(s.masked, 0, "{set} {kind}\n{}", show_misses(&report));
            }
        }
        let overall = &report.must_stay_overall;
        assert!(
            overall.false_positive_rate <= 0.01,
            "{set} must-stay false positives {:.3}\n{}",
            overall.false_positive_rate,
            show_misses(&report)
        );
    }
}
