//! How well the masker does on labelled text: recall and precision per kind of personal
//! data, and how often text that must stay readable (ids, order and tracking numbers,
//! dates, prices…) gets masked. `agentctl bench pii` prints it; a test holds the goals.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{find, Found, Kind};

/// A sentence with its personal data labelled (character offsets, as `goldens/pii/`
/// stores them).
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    pub id: String,
    pub text: String,
    pub spans: Vec<LabelledSpan>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LabelledSpan {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: String,
}

/// A sentence that must come out unchanged, with what it holds (`uuid`, `tracking`…).
#[derive(Debug, Clone, Deserialize)]
pub struct MustStay {
    pub id: String,
    pub kind: String,
    pub text: String,
}

/// Figures for one kind of personal data.
#[derive(Debug, Clone, Default, Serialize)]
pub struct KindScore {
    /// labelled values
    pub labelled: usize,
    /// labelled values at least 80% masked (by any kind)
    pub recalled: usize,
    /// values the masker reported of this kind
    pub found: usize,
    /// of those, how many overlap a labelled value
    pub correct: usize,
    pub recall: f64,
    pub precision: f64,
}

/// Figures for one kind of must-stay text.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StayScore {
    pub sentences: usize,
    pub masked: usize,
    pub false_positive_rate: f64,
}

/// A sentence the masker got wrong, for reading.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub id: String,
    pub what: String,
    pub text: String,
    pub masked: String,
}

/// The whole report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub kinds: BTreeMap<String, KindScore>,
    pub must_stay: BTreeMap<String, StayScore>,
    pub must_stay_overall: StayScore,
    pub misses: Vec<Miss>,
}

/// Share of a labelled value's non-space characters a found span must cover.
const COVERED: f64 = 0.8;

/// Scores the masker on labelled sentences and must-stay sentences.
pub fn score(labelled: &[Labelled], must_stay: &[MustStay]) -> Report {
    let mut report = Report::default();
    for sentence in labelled {
        score_labelled(sentence, &mut report);
    }
    for sentence in must_stay {
        let found = find(&sentence.text);
        let entry = report.must_stay.entry(sentence.kind.clone()).or_default();
        entry.sentences += 1;
        report.must_stay_overall.sentences += 1;
        if !found.is_empty() {
            entry.masked += 1;
            report.must_stay_overall.masked += 1;
            report
                .misses
                .push(miss(&sentence.id, &sentence.kind, &sentence.text));
        }
    }
    for s in report.kinds.values_mut() {
        s.recall = ratio(s.recalled, s.labelled);
        s.precision = ratio(s.correct, s.found);
    }
    for s in report
        .must_stay
        .values_mut()
        .chain([&mut report.must_stay_overall])
    {
        s.false_positive_rate = ratio(s.masked, s.sentences);
    }
    report
}

fn score_labelled(sentence: &Labelled, report: &mut Report) {
    let found = find(&sentence.text);
    let gold: Vec<(usize, usize, &str)> = sentence
        .spans
        .iter()
        .map(|s| {
            let (start, end) = byte_range(&sentence.text, s.start, s.end);
            (start, end, s.kind.as_str())
        })
        .collect();
    let mut missed = Vec::new();
    for &(start, end, kind) in &gold {
        let entry = report.kinds.entry(kind.to_string()).or_default();
        entry.labelled += 1;
        if coverage(&sentence.text, start, end, &found) >= COVERED {
            entry.recalled += 1;
        } else {
            missed.push(format!("missed {kind}"));
        }
    }
    for f in &found {
        let entry = report.kinds.entry(f.kind.name().to_string()).or_default();
        entry.found += 1;
        if gold.iter().any(|&(s, e, _)| f.start < e && s < f.end) {
            entry.correct += 1;
        } else {
            missed.push(format!("wrongly masked as {}", f.kind.name()));
        }
    }
    if !missed.is_empty() {
        report
            .misses
            .push(miss(&sentence.id, &missed.join(", "), &sentence.text));
    }
}

fn miss(id: &str, what: &str, text: &str) -> Miss {
    Miss {
        id: id.to_string(),
        what: what.to_string(),
        text: text.to_string(),
        masked: super::mask(text).into_owned(),
    }
}

/// Character offsets to byte offsets.
fn byte_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let at = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    (at(start), at(end))
}

/// The share of the non-space characters of `text[start..end]` inside found spans.
fn coverage(text: &str, start: usize, end: usize, found: &[Found]) -> f64 {
    let mut total = 0;
    let mut covered = 0;
    for (i, c) in text[start..end].char_indices() {
        if c.is_whitespace() {
            continue;
        }
        total += 1;
        let at = start + i;
        if found.iter().any(|f| f.start <= at && at < f.end) {
            covered += 1;
        }
    }
    ratio(covered, total)
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// The kinds in the order reports list them.
pub fn kind_names() -> impl Iterator<Item = &'static str> {
    Kind::ALL.iter().map(|k| k.name())
}
