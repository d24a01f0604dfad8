//! Diagnostics: what a rule found, in byte offsets of the original file, ready for any output.

use std::ops::Range;

use serde::Serialize;

use crate::analysis::{Analysis, Place};
use crate::rule::{Applicability, Hit, QuotePolicy, Rule, Scope, Severity};

/// A suggested edit: replace `span` of the original file with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// Byte range in the original file.
    pub span: Range<usize>,
    /// The text to put there.
    pub replacement: String,
    /// Whether `check --fix` applies it, or only `--unsafe-fixes` and editors.
    pub applicability: Applicability,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's full id, `<set>.<name>`.
    pub rule: String,
    /// How serious it is, after config overrides and the quotation policy.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// The flagged bytes of the original file.
    pub span: Range<usize>,
    /// The short text under the flagged span.
    pub label: String,
    /// Other places that explain the finding.
    pub secondary: Vec<(Range<usize>, String)>,
    /// How to fix it.
    pub help: Option<String>,
    /// Why it matters.
    pub note: Option<String>,
    /// A machine-applicable edit, where the rule has one.
    pub fix: Option<Fix>,
    /// `Some(reason)` when a directive in the text suppresses this finding (the reason may be
    /// empty); suppressed findings are shown only by formats that record suppressions.
    pub suppressed: Option<String>,
}

/// Runs `rules` over an analysed document and returns the diagnostics in file order.
pub fn collect(a: &Analysis, rules: &[Rule]) -> Vec<Diagnostic> {
    let mut local = Vec::new();
    // A finding about the whole story only points at a place; it must not hide, or be hidden
    // by, what a rule says about that place.
    let mut whole_story = Vec::new();
    for (rank, rule) in rules.iter().enumerate() {
        if rule.skip_in_opinion && a.first_person() {
            continue;
        }
        for hit in rule.hits(a) {
            if let Some(d) = to_diagnostic(a, rule, &hit) {
                if rule.scope == Scope::Document {
                    whole_story.push(d);
                } else {
                    local.push((rank, d));
                }
            }
        }
    }
    local.sort_by(|(_, x), (_, y)| order(x, y));
    local.dedup_by(|(_, x), (_, y)| x.rule == y.rule && x.span == y.span);
    let mut out = one_per_place(local);
    out.extend(whole_story);
    out.sort_by(order);
    out
}

/// File order, then the rule id, so that output is the same on every run.
fn order(x: &Diagnostic, y: &Diagnostic) -> std::cmp::Ordering {
    (x.span.start, x.span.end, &x.rule).cmp(&(y.span.start, y.span.end, &y.rule))
}

/// Two rules of one set on overlapping text say the same thing twice; editors turn noisy
/// linters off. Keeps the more severe finding; on a tie, the rule listed first (`rank`, the
/// order of the rule files and of the rules in them), so a set's author decides which of two
/// rules speaks for a place.
fn one_per_place(all: Vec<(usize, Diagnostic)>) -> Vec<Diagnostic> {
    let mut kept: Vec<(usize, Diagnostic)> = Vec::with_capacity(all.len());
    // Findings come in order of start, and one is kept beside another of its set only when
    // that one ends before it starts: so only the set's last kept finding can overlap.
    let mut last_of_set: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    for (rank, d) in all {
        let set = d.rule.split('.').next().unwrap_or_default().to_string();
        let clash = last_of_set.get(&set).copied().filter(|&i| {
            let k = &kept[i].1;
            k.span.start < d.span.end.max(d.span.start + 1)
                && d.span.start < k.span.end.max(k.span.start + 1)
        });
        match clash {
            Some(i)
                if (kept[i].1.severity, std::cmp::Reverse(kept[i].0))
                    >= (d.severity, std::cmp::Reverse(rank)) => {}
            Some(i) => kept[i] = (rank, d),
            None => {
                last_of_set.insert(set, kept.len());
                kept.push((rank, d));
            }
        }
    }
    kept.into_iter().map(|(_, d)| d).collect()
}

fn to_diagnostic(a: &Analysis, rule: &Rule, hit: &Hit) -> Option<Diagnostic> {
    let mut severity = rule.severity;
    if a.in_quotation(&hit.place) {
        if let Some(from) = &rule.quotations_from {
            if !from.contains(&a.speaker_class(&hit.place)) {
                return None;
            }
        }
        match rule.quotations {
            QuotePolicy::Skip => return None,
            QuotePolicy::Lower => severity = severity.lowered(),
            QuotePolicy::Include => {}
        }
    }
    let block = &a.doc.blocks[hit.place.block];
    let matched = collapse_spaces(&block.text[hit.place.range.clone()]);
    let span = block.to_original(hit.place.range.clone());
    let (count, total) = hit.count.map_or((String::new(), String::new()), |(c, t)| {
        (c.to_string(), t.to_string())
    });
    let fill = |template: &str| {
        template
            .replace("{match}", &matched)
            .replace("{replacement}", hit.replacement.as_deref().unwrap_or(""))
            .replace("{count}", &count)
            .replace("{total}", &total)
    };
    let mut secondary: Vec<(Range<usize>, String)> = hit
        .secondary
        .iter()
        .map(|(p, label)| {
            (
                a.doc.blocks[p.block].to_original(p.range.clone()),
                label.clone(),
            )
        })
        .collect();
    if rule.related_quotation {
        if let Some(q) = related_quotation(a, &hit.place) {
            secondary.push((
                a.doc.blocks[q.block].to_original(q.range),
                "the quotation it attributes".into(),
            ));
        }
    }
    // A quoted source's words are theirs: a fix never touches a quotation. Nor does it replace
    // bytes that are not the matched text itself (markup, an entity), which it would mangle.
    let fix = hit
        .replacement
        .as_ref()
        .filter(|_| !a.touches_quotation(&hit.place) && block.is_verbatim(&hit.place.range))
        .map(|r| Fix {
            span: span.clone(),
            replacement: r.clone(),
            applicability: rule.fix.unwrap_or(Applicability::Unsafe),
        });
    Some(Diagnostic {
        rule: rule.id.clone(),
        severity,
        message: fill(&rule.message),
        span,
        label: fill(&rule.label),
        secondary,
        help: rule.help.as_deref().map(fill),
        note: rule.note.as_deref().map(fill),
        fix,
        suppressed: None,
    })
}

/// The quotation a flagged attribution most likely introduces: one in the same sentence, or
/// else the nearest in the sentences just before or after, within the same paragraph.
fn related_quotation(a: &Analysis, place: &Place) -> Option<Place> {
    let b = place.block;
    let sentence = a.sentence_at(b, place.range.start)?;
    let sentences = &a.sentences[b];
    let i = sentences.partition_point(|s| s.end <= place.range.start);
    let window =
        sentences[i.saturating_sub(1)].start..sentences[(i + 1).min(sentences.len() - 1)].end;
    let distance = |q: &Range<usize>| {
        let in_sentence = q.start < sentence.end && sentence.start < q.end;
        let gap = if q.end <= place.range.start {
            place.range.start - q.end
        } else {
            q.start.saturating_sub(place.range.end)
        };
        (!in_sentence, gap)
    };
    // Speech quotations do not overlap and are sorted: the nearest on either side of the place,
    // past any that holds it, are the only candidates.
    let speech = a.speech(b);
    let i = speech.partition_point(|q| q.end <= place.range.start);
    let holds = |q: &&Range<usize>| q.start <= place.range.start && place.range.end <= q.end;
    let before = speech[..i].iter().rev().find(|q| !holds(q));
    let after = speech[i..].iter().find(|q| !holds(q));
    before
        .into_iter()
        .chain(after)
        .filter(|q| q.start < window.end && window.start < q.end)
        .min_by_key(|q| distance(q))
        .map(|q| Place {
            block: b,
            range: q.clone(),
        })
}

/// Shows a match that ran across a line break on one line.
fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
