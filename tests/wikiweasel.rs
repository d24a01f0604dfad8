//! Measures the bundled rules on CoNLL-2010 Task 1, Wikipedia train
//! (`../shared/eval/wikiweasel-train.jsonl`: sentences a Wikipedia editor marked `uncertain`
//! for a weasel or hedge cue). Ignored by default, and skips when the data is absent:
//!
//! ```sh
//! cargo test --release --test wikiweasel -- --ignored --nocapture
//! ```
//!
//! A sentence is predicted uncertain when some diagnostic of the `attribution`, `anonymity` or
//! `framing` set falls in it. Prints sentence-level precision, recall and F1, and each rule's
//! share of true and false positives (for tuning: this is the train split; the test split is
//! held out).

use std::collections::BTreeMap;
use std::path::Path;

use copydesk::document::Format;
use copydesk::linter::Linter;
use copydesk::rule::Severity;
use copydesk::source::SourceFile;
use serde::Deserialize;

#[derive(Deserialize)]
struct Sentence {
    text_detok: String,
    uncertain: bool,
}

/// The sets the issue measures: sourcing and framing, not hype.
const SETS: [&str; 3] = ["attribution.", "anonymity.", "framing."];

#[test]
#[ignore = "measurement on ../shared/eval; run with --ignored --nocapture"]
fn wikiweasel_figures() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/wikiweasel-train.jsonl");
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let mut linter = Linter::new(None, &[]).expect("bundled rules load");
    // For tuning: WIKIWEASEL_IGNORE=rule,rule leaves rules out, as `--ignore` does.
    let ignore: Vec<String> = std::env::var("WIKIWEASEL_IGNORE")
        .unwrap_or_default()
        .split(',')
        .filter(|r| !r.is_empty())
        .map(String::from)
        .collect();
    linter.select(&[], &ignore).expect("known rules");
    let (mut tp, mut fp, mut fneg, mut n) = (0usize, 0usize, 0usize, 0usize);
    // The same, counting only warnings and errors: what `check` fails on by default.
    let (mut wtp, mut wfp) = (0usize, 0usize);
    let mut by_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let show = std::env::var("WIKIWEASEL_SHOW").unwrap_or_default();
    for line in data.lines() {
        let s: Sentence = serde_json::from_str(line).expect("a CoNLL-2010 sentence");
        n += 1;
        let file = SourceFile::new("wiki", s.text_detok.clone());
        let found: Vec<_> = linter
            .check(&file, Format::Plain)
            .into_iter()
            .filter(|d| d.suppressed.is_none() && SETS.iter().any(|p| d.rule.starts_with(p)))
            .collect();
        if found.iter().any(|d| d.severity >= Severity::Warning) {
            if s.uncertain { wtp += 1 } else { wfp += 1 }
        }
        let hits: Vec<String> = found.into_iter().map(|d| d.rule).collect();
        let predicted = !hits.is_empty();
        for r in &hits {
            let e = by_rule.entry(r.clone()).or_default();
            if s.uncertain { e.0 += 1 } else { e.1 += 1 }
        }
        match (s.uncertain, predicted) {
            (true, true) => tp += 1,
            (false, true) => {
                fp += 1;
                if show == "fp" {
                    println!("FP {hits:?}: {}", s.text_detok);
                }
            }
            (true, false) => {
                fneg += 1;
                if show == "fn" {
                    println!("FN: {}", s.text_detok);
                }
            }
            (false, false) => {}
        }
    }
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (p, r) = (ratio(tp, tp + fp), ratio(tp, tp + fneg));
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    println!("sentences: {n}, marked uncertain: {}", tp + fneg);
    println!("precision {tp}/{} = {p:.3}", tp + fp);
    println!("recall    {tp}/{} = {r:.3}", tp + fneg);
    println!("F1        {f1:.3}");
    let (wp, wr) = (ratio(wtp, wtp + wfp), ratio(wtp, tp + fneg));
    let wf1 = if wp + wr == 0.0 {
        0.0
    } else {
        2.0 * wp * wr / (wp + wr)
    };
    println!(
        "warnings and errors only: precision {wtp}/{} = {wp:.3}, recall {wr:.3}, F1 {wf1:.3}",
        wtp + wfp
    );
    println!("by rule (in uncertain / in certain sentences):");
    for (rule, (t, f)) in by_rule {
        println!("  {rule:36} {t:5} {f:5}");
    }
}
