//! Rules: what a rule set file says, compiled. Each kind of rule is one file implementing
//! [`Check`]; the kinds are listed in [`KINDS`].

mod attribution;
mod balance;
mod conditional;
mod existence;
pub mod gate;
pub mod load;
mod occurrence;
pub mod pattern;
mod repetition;
mod substitution;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::analysis::{Analysis, Place};
use crate::source::SourceFile;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never fails a run unless `--fail-on info`.
    Info,
    /// Should be fixed before publishing.
    Warning,
    /// Must be fixed.
    Error,
}

impl Severity {
    /// The names accepted in rule and config files.
    pub const NAMES: &'static [&'static str] = &["error", "warning", "info"];

    /// Parses a severity name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }

    /// One step less serious (info stays info).
    #[must_use]
    pub fn lowered(self) -> Self {
        match self {
            Severity::Error => Severity::Warning,
            Severity::Warning | Severity::Info => Severity::Info,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// Where a rule looks, and the unit its conditions and counts apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Each sentence of every block.
    Sentence,
    /// Each body paragraph (not headings).
    Paragraph,
    /// Headings only.
    Heading,
    /// Inside quotations only.
    Quotation,
    /// Each sentence, ignoring what is inside quotations.
    OutsideQuotations,
    /// The whole document as one unit.
    Document,
    /// The headline only.
    Headline,
    /// The lede (the first body paragraph) only.
    Lede,
    /// Captions only.
    Caption,
}

impl Scope {
    /// The names accepted in rule files.
    pub const NAMES: &'static [&'static str] = &[
        "sentence",
        "paragraph",
        "heading",
        "quotation",
        "outside-quotations",
        "document",
        "headline",
        "lede",
        "caption",
    ];

    /// Parses a scope name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "sentence" => Scope::Sentence,
            "paragraph" => Scope::Paragraph,
            "heading" => Scope::Heading,
            "quotation" => Scope::Quotation,
            "outside-quotations" => Scope::OutsideQuotations,
            "document" => Scope::Document,
            "headline" => Scope::Headline,
            "lede" => Scope::Lede,
            "caption" => Scope::Caption,
            _ => return None,
        })
    }

    /// The name used in rule files.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Whether a match at `place` is one this scope looks at.
    pub fn admits(self, a: &Analysis, place: &Place) -> bool {
        match self {
            Scope::Sentence => a
                .sentence_at(place.block, place.range.start)
                .is_some_and(|s| place.range.end <= s.end),
            Scope::Paragraph => !a.is_heading(place.block),
            Scope::Heading => a.is_heading(place.block),
            Scope::Quotation => a.in_quotation(place),
            Scope::OutsideQuotations => !a.touches_quotation(place),
            Scope::Document => true,
            Scope::Headline => a.is_headline(place.block),
            Scope::Lede => a.is_lede(place.block),
            Scope::Caption => a.is_caption(place.block),
        }
    }

    /// The unit around `place` that conditions are checked in: `None` means the document.
    pub fn unit(self, a: &Analysis, place: &Place) -> Option<Place> {
        let block = place.block;
        match self {
            Scope::Sentence | Scope::OutsideQuotations => Some(Place {
                block,
                range: a
                    .sentence_at(block, place.range.start)
                    .unwrap_or_else(|| place.range.clone()),
            }),
            Scope::Paragraph | Scope::Heading | Scope::Headline | Scope::Lede | Scope::Caption => {
                Some(Place {
                    block,
                    range: 0..a.doc.blocks[block].text.len(),
                })
            }
            Scope::Quotation => a
                .quotation_around(block, place.range.start)
                .filter(|q| place.range.end <= q.end)
                .map(|q| Place {
                    block,
                    range: q.clone(),
                }),
            Scope::Document => None,
        }
    }

    /// Every unit of this scope in the document, for rules that count.
    pub fn units(self, a: &Analysis) -> Vec<Place> {
        let blocks = 0..a.doc.blocks.len();
        match self {
            Scope::Sentence | Scope::OutsideQuotations => blocks
                .flat_map(|b| {
                    a.sentences[b].iter().map(move |s| Place {
                        block: b,
                        range: s.clone(),
                    })
                })
                .collect(),
            Scope::Paragraph | Scope::Heading | Scope::Headline | Scope::Lede | Scope::Caption => {
                blocks
                    .filter(|&b| match self {
                        Scope::Heading => a.is_heading(b),
                        Scope::Headline => a.is_headline(b),
                        Scope::Lede => a.is_lede(b),
                        Scope::Caption => a.is_caption(b),
                        _ => !a.is_heading(b),
                    })
                    .map(|b| Place {
                        block: b,
                        range: 0..a.doc.blocks[b].text.len(),
                    })
                    .collect()
            }
            Scope::Quotation => blocks
                .flat_map(|b| {
                    a.quoted(b).iter().map(move |q| Place {
                        block: b,
                        range: q.clone(),
                    })
                })
                .collect(),
            Scope::Document => Vec::new(),
        }
    }
}

/// How a rule treats text inside quotations: a source's words are not the writer's voice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotePolicy {
    /// Quoted text is checked like any other.
    Include,
    /// Quoted text is not checked.
    Skip,
    /// Quoted text is checked, reported one severity lower.
    Lower,
}

impl QuotePolicy {
    /// The names accepted in rule files.
    pub const NAMES: &'static [&'static str] = &["include", "skip", "lower"];

    /// The name used in rule files.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Parses a policy name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "include" => QuotePolicy::Include,
            "skip" => QuotePolicy::Skip,
            "lower" => QuotePolicy::Lower,
            _ => return None,
        })
    }
}

/// Whether a rule's replacement may be applied without an editor looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The replacement keeps the meaning and the grammar: `check --fix` applies it.
    Safe,
    /// The replacement needs an editor's judgement: a suggestion, applied only with
    /// `--unsafe-fixes` or by hand.
    Unsafe,
}

impl Applicability {
    /// The names accepted in rule files.
    pub const NAMES: &'static [&'static str] = &["safe", "unsafe"];

    /// The name used in rule files.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Parses a name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "safe" => Some(Applicability::Safe),
            "unsafe" => Some(Applicability::Unsafe),
            _ => None,
        }
    }
}

/// A place a rule found, in block coordinates, before it becomes a diagnostic.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Where the primary label goes.
    pub place: Place,
    /// The suggested replacement for the primary span, if the rule has one.
    pub replacement: Option<String>,
    /// Other places that explain the finding, with their labels.
    pub secondary: Vec<(Place, String)>,
    /// For rules that count, `(count, total)`: `{count}` and `{total}` in the message.
    pub count: Option<(usize, usize)>,
}

impl Hit {
    /// A hit with only a primary place.
    pub fn at(place: Place) -> Self {
        Self {
            place,
            replacement: None,
            secondary: Vec::new(),
            count: None,
        }
    }
}

/// What every kind of rule does: look at an analysed document and report places.
pub trait Check: fmt::Debug + Send + Sync {
    /// Appends this rule's hits in `a` to `out`; `scope` is the rule's scope.
    fn check(&self, a: &Analysis, scope: Scope, out: &mut Vec<Hit>);

    /// Every matcher this rule searches text with.
    fn matchers(&self) -> Vec<&pattern::Matcher>;

    /// Whether this rule reads the attribution ledger, and so the lexicon's cues.
    fn reads_ledger(&self) -> bool {
        false
    }
}

/// The rule kinds whose findings carry a replacement, and so may declare `fix`.
pub const KINDS_WITH_FIX: &[&str] = &["substitution", "repetition"];

/// The rule kinds, as named in rule files.
pub const KINDS: &[&str] = &[
    "existence",
    "substitution",
    "conditional",
    "occurrence",
    "repetition",
    "attribution",
    "balance",
];

/// One example text, as the rule's own test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The text, with any `[[` `]]` span markers removed.
    pub text: String,
    /// For a flag example, the part of `text` marked with `[[...]]`, which a finding must cover
    /// exactly.
    pub marked: Option<Range<usize>>,
    /// Where the example is written in the rule file.
    pub span: Range<usize>,
}

/// Examples a rule carries: text it must flag and text it must pass.
#[derive(Debug, Clone, Default)]
pub struct Examples {
    /// Each must produce at least one finding from the rule.
    pub flag: Vec<Example>,
    /// Each must produce none.
    pub pass: Vec<Example>,
}

/// Where a rule was defined, for `explain` and error messages.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The rule file (named `<bundled>/anonymity.toml` for bundled sets).
    pub file: Arc<SourceFile>,
    /// 1-based line of the rule's `id`.
    pub line: usize,
}

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    /// Full id, `<set>.<name>`.
    pub id: String,
    /// The kind's name, one of [`KINDS`].
    pub kind: &'static str,
    /// Severity before any config override.
    pub severity: Severity,
    /// The diagnostic's message; `{match}` stands for the matched text.
    pub message: String,
    /// The short text under the primary span.
    pub label: String,
    /// The suggested fix, shown as `= help:`.
    pub help: Option<String>,
    /// The reason, shown as `= note:`.
    pub note: Option<String>,
    /// Why the rule exists, for editors.
    pub docs: Option<String>,
    /// Where the rule looks.
    pub scope: Scope,
    /// How it treats quoted text.
    pub quotations: QuotePolicy,
    /// When set, quoted text is checked only in quotations whose speaker is of one of these
    /// classes; quotations of anyone else are skipped (a named source on the record may call
    /// something unprecedented).
    pub quotations_from: Option<Vec<crate::attribution::SourceClass>>,
    /// Whether the rule stays silent on a story written in the first person (a column, a
    /// letter), where the writer's view is the point.
    pub skip_in_opinion: bool,
    /// Whether the rule runs: `enabled = false` in its file keeps a noisy rule for newsrooms
    /// that want it, until `enable` in a config or `--select` with its id turns it on.
    pub enabled: bool,
    /// Whether to point at the quotation the flagged phrase attributes.
    pub related_quotation: bool,
    /// For a kind with a replacement, whether `check --fix` may apply it; `None` for kinds
    /// that only report.
    pub fix: Option<Applicability>,
    /// The rule's own test cases.
    pub examples: Examples,
    /// Where it was defined.
    pub origin: Origin,
    check: Box<dyn Check>,
}

impl Rule {
    /// The set this rule belongs to (the part of its id before the first dot).
    pub fn set(&self) -> &str {
        self.id.split('.').next().unwrap_or(&self.id)
    }

    /// Every matcher this rule searches text with.
    pub fn matchers(&self) -> Vec<&pattern::Matcher> {
        self.check.matchers()
    }

    /// Whether this rule reads the attribution ledger.
    pub fn reads_ledger(&self) -> bool {
        self.check.reads_ledger()
    }

    /// This rule's hits in `a`, filtered by scope (the quotation policy is applied later).
    pub fn hits(&self, a: &Analysis) -> Vec<Hit> {
        let mut out = Vec::new();
        self.check.check(a, self.scope, &mut out);
        out
    }
}

/// Whether `name`, a rule id or a set, covers the rule `id` (`framing` covers `framing.cliche`).
pub fn covers(name: &str, id: &str) -> bool {
    id == name
        || id
            .strip_prefix(name)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// Shared filtering for kinds that match phrases: scope admits the place and no exception
/// overlaps it.
fn admitted(
    a: &Analysis,
    scope: Scope,
    exceptions: &pattern::Matcher,
    block: usize,
    range: std::ops::Range<usize>,
    exception_ranges: &[std::ops::Range<usize>],
) -> Option<Place> {
    let place = Place { block, range };
    let excepted = !exceptions.is_empty() && overlaps_any(exception_ranges, &place.range);
    (!excepted && scope.admits(a, &place)).then_some(place)
}

/// Whether `m` matches in the sentence before the one holding `place`: in its paragraph, or
/// else the last of the paragraph before (not across a heading).
pub(crate) fn previous_sentence_matches(a: &Analysis, m: &pattern::Matcher, place: &Place) -> bool {
    if m.is_empty() {
        return false;
    }
    let sentences = &a.sentences[place.block];
    let i = sentences.partition_point(|s| s.end <= place.range.start);
    let previous = match i.checked_sub(1) {
        Some(j) => Some((place.block, sentences[j].clone())),
        None => place
            .block
            .checked_sub(1)
            .filter(|&b| !a.is_heading(b))
            .and_then(|b| a.sentences[b].last().map(|s| (b, s.clone()))),
    };
    previous.is_some_and(|(b, s)| m.is_match_in(a, b, &a.doc.blocks[b].text[s]))
}

/// Whether `range` overlaps one of `sorted`, the disjoint sorted ranges [`Matcher::find`]
/// gives: by binary search, as a long paragraph may hold thousands of them.
///
/// [`Matcher::find`]: pattern::Matcher::find
pub(crate) fn overlaps_any(sorted: &[Range<usize>], range: &Range<usize>) -> bool {
    let i = sorted.partition_point(|e| e.end <= range.start);
    sorted.get(i).is_some_and(|e| e.start < range.end)
}

/// The first sentences of the `n` body paragraphs after `block`, up to the next heading: where
/// a story gives the named voice of a summary it left unnamed ("Officials said …" and then
/// "“…,” said Mayor Ruiz").
pub(crate) fn next_paragraphs(a: &Analysis, block: usize, n: usize) -> Vec<Place> {
    (block + 1..a.doc.blocks.len())
        .take_while(|&b| !a.is_heading(b))
        .take(n)
        .filter_map(|b| {
            a.sentences[b].first().map(|s| Place {
                block: b,
                range: s.clone(),
            })
        })
        .collect()
}

/// The cues of the writer's attributions (of saying or thinking) whose source is of given
/// classes, by block and sorted: what `absent-sources` looks for in a unit.
pub(crate) struct SourcedCues {
    all: Vec<Vec<usize>>,
    /// Those that attribute a direct quotation.
    quoted: Vec<Vec<usize>>,
}

impl SourcedCues {
    /// The cues in `a` of attributions whose source is one of `classes` and whose cue is one
    /// of `kinds`.
    pub(crate) fn new(
        a: &Analysis,
        classes: &[crate::attribution::SourceClass],
        kinds: &[crate::attribution::CueKind],
    ) -> Self {
        let mut all = vec![Vec::new(); a.doc.blocks.len()];
        let mut quoted = vec![Vec::new(); a.doc.blocks.len()];
        for at in a.attributions() {
            if !at.nested
                && kinds.contains(&at.cue_kind)
                && at.source.is_some()
                && classes.contains(&at.class)
            {
                all[at.cue.block].push(at.cue.range.start);
                if at.quoted {
                    quoted[at.cue.block].push(at.cue.range.start);
                }
            }
        }
        for block in all.iter_mut().chain(&mut quoted) {
            block.sort_unstable();
        }
        Self { all, quoted }
    }

    /// Whether one of the cues that attribute a direct quotation lies in `unit`: a paragraph
    /// that opens by quoting someone named gives a voice to what came before.
    pub(crate) fn quoted_in(&self, unit: &Place) -> bool {
        let starts = &self.quoted[unit.block];
        let i = starts.partition_point(|&s| s < unit.range.start);
        starts.get(i).is_some_and(|&s| s < unit.range.end)
    }

    /// Whether one of the cues lies in `unit` (its block's, whose unit holds `at`) before
    /// `at` starts, or anywhere before it when there is no unit (a condition on the whole
    /// document).
    pub(crate) fn before_in_unit(&self, unit: Option<&Place>, at: &Place) -> bool {
        let starts = &self.all[at.block];
        let from = unit.map_or(0, |u| u.range.start);
        let end = unit.map_or(at.range.start, |u| at.range.start.min(u.range.end));
        let i = starts.partition_point(|&s| s < from);
        starts.get(i).is_some_and(|&s| s < end)
            || (unit.is_none() && self.all[..at.block].iter().any(|b| !b.is_empty()))
    }

    /// Whether one of the cues lies in `unit`, or anywhere when there is no unit (a condition
    /// on the whole document).
    pub(crate) fn in_unit(&self, unit: Option<&Place>) -> bool {
        self.in_unit_outside(unit, None)
    }

    /// Whether one of the cues lies in `unit` and not in `outside`: what an attribution reports
    /// ("an official said the administration had never expected it") is not another source.
    pub(crate) fn in_unit_outside(&self, unit: Option<&Place>, outside: Option<&Place>) -> bool {
        let inside = |block: usize, s: usize| {
            outside.is_some_and(|o| o.block == block && o.range.contains(&s))
        };
        match unit {
            Some(u) => {
                let starts = &self.all[u.block];
                let i = starts.partition_point(|&s| s < u.range.start);
                starts[i..]
                    .iter()
                    .take_while(|&&s| s < u.range.end)
                    .any(|&s| !inside(u.block, s))
            }
            None => self
                .all
                .iter()
                .enumerate()
                .any(|(b, starts)| starts.iter().any(|&s| !inside(b, s))),
        }
    }
}

/// The matches of `matcher` in block `b`. In quotation scope each quotation is matched on its
/// own, so `^` and `$` anchor at its marks.
fn find_in_block(
    a: &Analysis,
    scope: Scope,
    matcher: &pattern::Matcher,
    b: usize,
) -> Vec<std::ops::Range<usize>> {
    let text = &a.doc.blocks[b].text;
    if scope != Scope::Quotation {
        return matcher.find_in(a, b, text);
    }
    a.quoted(b)
        .iter()
        .flat_map(|q| {
            let start = q.start;
            matcher
                .find_in(a, b, &text[q.clone()])
                .into_iter()
                .map(move |r| start + r.start..start + r.end)
        })
        .collect()
}

/// An example of a rule that does not behave as the rule says it should.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule's id.
    pub rule: String,
    /// The example.
    pub example: Example,
    /// True for a `flag` example, false for a `pass` example.
    pub expected_flag: bool,
    /// What the rule found in it, as ranges of the example text.
    pub found: Vec<Range<usize>>,
}

impl ExampleFailure {
    /// What went wrong, in a sentence.
    pub fn message(&self) -> String {
        let text = &self.example.text;
        match (&self.example.marked, self.expected_flag) {
            (_, false) => format!(
                "`{}` flags its pass example at {}",
                self.rule,
                quoted_spans(text, &self.found)
            ),
            (_, true) if self.found.is_empty() => {
                format!("`{}` does not flag its flag example", self.rule)
            }
            (Some(m), true) => format!(
                "`{}` flags {} instead of the marked “{}”",
                self.rule,
                quoted_spans(text, &self.found),
                &text[m.clone()]
            ),
            (None, true) => format!("`{}` misbehaves on its example", self.rule),
        }
    }
}

fn quoted_spans(text: &str, spans: &[Range<usize>]) -> String {
    let parts: Vec<String> = spans
        .iter()
        .map(|r| format!("“{}”", &text[r.clone()]))
        .collect();
    parts.join(", ")
}

impl Rule {
    /// Runs the rule's own examples (each read as a plain-text paragraph) and returns those
    /// that fail: a flag example it does not flag (or not on the marked span), a pass example
    /// it flags.
    pub fn example_failures(&self) -> Vec<ExampleFailure> {
        let run = |text: &str| -> Vec<Range<usize>> {
            let a = Analysis::new(crate::document::Document::parse(
                text,
                crate::document::Format::Plain,
            ));
            crate::diagnostic::collect(&a, std::slice::from_ref(self))
                .into_iter()
                .map(|d| d.span)
                .collect()
        };
        let mut out = Vec::new();
        for (examples, expected_flag) in [(&self.examples.flag, true), (&self.examples.pass, false)]
        {
            for example in examples {
                let found = run(&example.text);
                let ok = if expected_flag {
                    !found.is_empty() && example.marked.as_ref().is_none_or(|m| found.contains(m))
                } else {
                    found.is_empty()
                };
                if !ok {
                    out.push(ExampleFailure {
                        rule: self.id.clone(),
                        example: example.clone(),
                        expected_flag,
                        found,
                    });
                }
            }
        }
        out
    }
}
