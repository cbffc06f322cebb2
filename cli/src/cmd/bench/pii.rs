//! `agentctl bench pii`: recall and precision of PII masking per kind of personal data,
//! and how often text that must stay readable gets masked, on the labelled sentences
//! of `goldens/pii/` (or another folder of the same form).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use frontdesk_redact::pii;
use frontdesk_redact::pii::score::{kind_names, score, Labelled, MustStay, Report};

use super::read_jsonl;
use crate::context::Context;
use crate::output;

/// Score the PII masker on labelled sentences: `pii.jsonl` (sentences with the spans of
/// their personal data) and `keep.jsonl` (sentences that must come out unchanged).
#[derive(Debug, Args)]
pub struct PiiArgs {
    /// The folder holding pii.jsonl and keep.jsonl
    #[arg(long, default_value = "goldens/pii")]
    goldens: PathBuf,
    /// Also list every sentence the masker got wrong
    #[arg(long)]
    misses: bool,
    /// Print the figures as JSON
    #[arg(long)]
    json: bool,
}

impl PiiArgs {
    pub async fn run(self, _ctx: &Context) -> anyhow::Result<ExitCode> {
        let labelled: Vec<Labelled> =
            read_jsonl(&self.goldens.join("pii.jsonl"), "a labelled sentence")?;
        let must_stay: Vec<MustStay> = read_jsonl(&self.goldens.join("keep.jsonl"), "a sentence")?;
        let report = score(&labelled, &must_stay);
        let per_sentence_us = speed(&labelled, &must_stay);
        if self.json {
            output::print_json(&serde_json::json!({
                "sentences": labelled.len(),
                "must_stay_sentences": must_stay.len(),
                "mask_us_per_sentence": per_sentence_us,
                "report": report,
            }))?;
            return Ok(ExitCode::SUCCESS);
        }
        print_tables(&report);
        println!(
            "{} labelled sentences, {} must-stay sentences; masking takes {per_sentence_us:.1} µs per sentence",
            labelled.len(),
            must_stay.len()
        );
        if self.misses {
            for m in &report.misses {
                println!("{} {}\n  {}\n  {}", m.id, m.what, m.text, m.masked);
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}

fn print_tables(report: &Report) {
    let mut table = output::table(&["kind", "labelled", "recall", "found", "precision"]);
    for name in kind_names() {
        let Some(s) = report.kinds.get(name) else {
            continue;
        };
        table.add_row(vec![
            name.to_string(),
            s.labelled.to_string(),
            output::ratio(s.recall),
            s.found.to_string(),
            output::ratio(s.precision),
        ]);
    }
    println!("{table}");
    let mut table = output::table(&["must stay", "sentences", "masked", "false positives"]);
    let overall = [("all", &report.must_stay_overall)];
    for (kind, s) in report
        .must_stay
        .iter()
        .map(|(k, s)| (k.as_str(), s))
        .chain(overall)
    {
        table.add_row(vec![
            kind.to_string(),
            s.sentences.to_string(),
            s.masked.to_string(),
            output::ratio(s.false_positive_rate),
        ]);
    }
    println!("{table}");
}

/// Mean time to mask one sentence, over every sentence, repeated for a stable figure.
fn speed(labelled: &[Labelled], must_stay: &[MustStay]) -> f64 {
    let texts: Vec<&str> = labelled
        .iter()
        .map(|s| s.text.as_str())
        .chain(must_stay.iter().map(|s| s.text.as_str()))
        .collect();
    const ROUNDS: usize = 20;
    let started = Instant::now();
    for _ in 0..ROUNDS {
        for text in &texts {
            std::hint::black_box(pii::mask(text));
        }
    }
    started.elapsed().as_secs_f64() * 1e6 / (ROUNDS * texts.len().max(1)) as f64
}
