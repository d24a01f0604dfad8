//! Suppressions an editor can audit, written in the text as HTML comments (one syntax for
//! Markdown, HTML and plain text):
//!
//! - `<!-- copydesk-disable-next-line RULE-OR-SET: reason -->` for the next non-blank line,
//! - `<!-- copydesk-disable-line RULE-OR-SET: reason -->` for the line it ends,
//! - `<!-- copydesk-disable RULE-OR-SET: reason -->` … `<!-- copydesk-enable RULE-OR-SET -->`.
//!
//! Naming no rule suppresses every rule. A suppressed finding is kept, with its reason, for
//! output formats that record suppressions (JSON); a suppression naming an unknown rule, or one
//! that suppresses nothing, is itself reported.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Diagnostic;
use crate::rule::Severity;
use crate::source::SourceFile;

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--[ \t]*copydesk-([A-Za-z-]*)([^\n]*?)-->")
        .unwrap_or_else(|e| unreachable!("the directive regex is valid: {e}"))
});

/// The byte ranges of the copydesk directive comments in `text`.
pub fn directive_spans(text: &str) -> Vec<Range<usize>> {
    DIRECTIVE.find_iter(text).map(|m| m.range()).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    NextLine,
    Line,
    Disable,
    Enable,
    /// A misspelt directive: reported, never applied.
    Unknown,
}

/// The directive names, for "did you mean".
const NAMES: &[&str] = &["disable-next-line", "disable-line", "disable", "enable"];

#[derive(Debug)]
struct Directive {
    kind: Kind,
    /// The directive as written, after `copydesk-`.
    name: String,
    /// Rule ids or set names; empty means every rule.
    rules: Vec<String>,
    reason: Option<String>,
    span: Range<usize>,
}

fn parse(text: &str) -> Vec<Directive> {
    DIRECTIVE
        .captures_iter(text)
        .filter_map(|c| {
            let kind = match c.get(1)?.as_str() {
                "disable-next-line" => Kind::NextLine,
                "disable-line" => Kind::Line,
                "disable" => Kind::Disable,
                "enable" => Kind::Enable,
                _ => Kind::Unknown,
            };
            let body = c.get(2).map_or("", |m| m.as_str());
            let (names, reason) = match body.split_once(':') {
                Some((n, r)) => (n, Some(r.trim().to_string()).filter(|r| !r.is_empty())),
                None => (body, None),
            };
            let rules = names
                .split(|ch: char| ch == ',' || ch.is_whitespace())
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect();
            Some(Directive {
                kind,
                name: c.get(1)?.as_str().to_string(),
                rules,
                reason,
                span: c.get(0)?.range(),
            })
        })
        .collect()
}

/// Whether a directive's names (none means every rule) cover `rule`.
fn names_rule(names: &[String], rule: &str) -> bool {
    names.is_empty() || names.iter().any(|n| crate::rule::covers(n, rule))
}

/// Marks the diagnostics that a directive in `file` suppresses, and adds findings about the
/// directives themselves. `known` says whether a name is a loaded rule or set.
/// `running` says whether a name's rules run now (a suppression of a rule turned off by config
/// or `--select` is not unused). Comments inside `code` (byte ranges of code spans and blocks)
/// are text, not directives.
pub fn apply(
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
    known: &dyn Fn(&str) -> bool,
    running: &dyn Fn(&str) -> bool,
    require_reason: bool,
    code: &[Range<usize>],
) {
    let mut directives = parse(&file.text);
    directives.retain(|d| {
        !code
            .iter()
            .any(|c| c.start <= d.span.start && d.span.end <= c.end)
    });
    if directives.is_empty() {
        return;
    }
    // Each directive applies to at most one stretch of the file: a line, or from a `disable` to
    // its `enable`. A finding is suppressed by the first directive (in file order) whose
    // stretch holds its start and whose names cover its rule.
    let mut lines: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut stretches: Vec<(Range<usize>, usize)> = Vec::new();
    let mut next_line = NextContentLine::default();
    let enables = Enables::new(&directives);
    for (i, d) in directives.iter().enumerate() {
        let line = file.line_index(d.span.end.saturating_sub(1));
        match d.kind {
            Kind::Line => lines.entry(line).or_default().push(i),
            Kind::NextLine => {
                if let Some(l) = next_line.after(file, line) {
                    lines.entry(l).or_default().push(i);
                }
            }
            Kind::Disable => {
                let end = enables
                    .first_after(i, &d.rules)
                    .map_or(file.text.len(), |e| directives[e].span.start);
                stretches.push((d.span.end..end, i));
            }
            Kind::Enable | Kind::Unknown => {}
        }
    }
    let mut has_stretch = vec![false; directives.len()];
    let mut used = vec![false; directives.len()];
    for &i in lines.values().flatten() {
        has_stretch[i] = true;
    }
    for (_, i) in &stretches {
        has_stretch[*i] = true;
    }
    // Findings in order of their start, against the `disable` stretches open there, kept by the
    // names they give (every rule, when none) so each finding looks up only its own.
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    order.sort_by_key(|&k| diagnostics[k].span.start);
    stretches.sort_by_key(|(r, _)| r.start);
    let mut open = OpenStretches::default();
    let mut next_stretch = 0;
    for k in order {
        let diag = &mut diagnostics[k];
        let at = diag.span.start;
        while let Some((r, i)) = stretches.get(next_stretch).filter(|(r, _)| r.start <= at) {
            open.add(r.end, *i, &directives[*i].rules);
            next_stretch += 1;
        }
        open.close_before(at);
        let line = file.line_index(at);
        let by_line = lines
            .get(&line)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| {
                at <= file.line_range(line).end && names_rule(&directives[i].rules, &diag.rule)
            })
            .min();
        let by_stretch = open.first_naming(&diag.rule);
        if let Some(i) = by_line.into_iter().chain(by_stretch).min() {
            used[i] = true;
            diag.suppressed = Some(directives[i].reason.clone().unwrap_or_default());
        }
    }
    let mut extra = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        if d.kind == Kind::Unknown {
            let near = crate::problem::did_you_mean(&d.name, NAMES).map_or_else(
                || format!("the directives are {}", NAMES.join(", ")),
                |n| format!("did you mean `copydesk-{n}`?"),
            );
            extra.push(meta(
                &UNKNOWN_DIRECTIVE,
                format!(
                    "unknown directive `copydesk-{}`; it suppresses nothing",
                    d.name
                ),
                "unknown directive",
                d.span.clone(),
                &near,
            ));
            continue;
        }
        for name in d.rules.iter().filter(|n| !known(n)) {
            extra.push(meta(
                &UNKNOWN_RULE,
                format!(
                    "suppression names `{name}`, which is neither a loaded rule nor a rule set"
                ),
                "unknown rule",
                d.span.clone(),
                UNKNOWN_RULE.help,
            ));
        }
        if require_reason && d.kind != Kind::Enable && d.reason.is_none() {
            extra.push(meta(
                &MISSING_REASON,
                "suppression gives no reason".to_string(),
                "no reason",
                d.span.clone(),
                MISSING_REASON.help,
            ));
        }
        let unused = has_stretch[i] && !used[i];
        if unused && d.rules.iter().all(|n| running(n)) {
            extra.push(meta(
                &UNUSED_SUPPRESSION,
                "this suppression suppresses nothing".to_string(),
                "unused",
                d.span.clone(),
                UNUSED_SUPPRESSION.help,
            ));
        }
    }
    diagnostics.extend(extra);
    diagnostics.sort_by(|x, y| (x.span.start, &x.rule).cmp(&(y.span.start, &y.rule)));
}

/// A finding a suppression directive itself can raise, described for outputs that list every
/// rule that ran (SARIF).
#[derive(Debug)]
pub struct MetaRule {
    /// The rule's id, `copydesk.<name>`.
    pub id: &'static str,
    /// What it reports.
    pub summary: &'static str,
    /// How to fix what it reports.
    pub help: &'static str,
}

const UNKNOWN_DIRECTIVE: MetaRule = MetaRule {
    id: "copydesk.unknown-directive",
    summary: "a `copydesk-` comment that is not a directive, and so suppresses nothing",
    help: "the directives are disable-next-line, disable-line, disable and enable",
};
const UNKNOWN_RULE: MetaRule = MetaRule {
    id: "copydesk.unknown-rule",
    summary: "a suppression naming neither a loaded rule nor a rule set",
    help: "`copydesk rules` lists the rules; a set is the part of an id before the dot",
};
const MISSING_REASON: MetaRule = MetaRule {
    id: "copydesk.missing-reason",
    summary: "a suppression that gives no reason, when `require-reason = true`",
    help: "say why after a colon: `<!-- copydesk-disable-next-line RULE: reason -->`",
};
const UNUSED_SUPPRESSION: MetaRule = MetaRule {
    id: "copydesk.unused-suppression",
    summary: "a suppression that suppresses nothing",
    help: "remove it, or check the rule it names and the line it applies to",
};

/// Every finding about directives, all at severity warning: they run whatever the config.
pub const RULES: &[MetaRule] = &[
    UNKNOWN_DIRECTIVE,
    UNKNOWN_RULE,
    MISSING_REASON,
    UNUSED_SUPPRESSION,
];

fn meta(
    rule: &MetaRule,
    message: String,
    label: &str,
    span: Range<usize>,
    help: &str,
) -> Diagnostic {
    Diagnostic {
        rule: rule.id.to_string(),
        severity: Severity::Warning,
        message,
        span,
        label: label.to_string(),
        secondary: Vec::new(),
        help: Some(help.to_string()),
        note: None,
        fix: None,
        suppressed: None,
    }
}

/// Finds the line a `disable-next-line` applies to: the next one that is neither blank nor only
/// directives. Remembers its last answer, so a stack of such directives is not read once per
/// directive in it.
#[derive(Default)]
struct NextContentLine {
    /// `(searched from, found)`: every line from the first up to the second was skipped.
    last: Option<(usize, Option<usize>)>,
}

impl NextContentLine {
    fn after(&mut self, file: &SourceFile, line: usize) -> Option<usize> {
        let from = line + 1;
        if let Some((searched, found)) = self.last {
            if searched <= from && found.is_none_or(|f| from <= f) {
                return found;
            }
        }
        let found = (from..file.line_count()).find(|&l| {
            let t = file.text[file.line_range(l)].trim();
            !t.is_empty()
                && !directive_spans(t)
                    .first()
                    .is_some_and(|r| r.start == 0 && r.end == t.len())
        });
        self.last = Some((from, found));
        found
    }
}

/// The `enable` directives by the names they give, for finding where a `disable` ends.
struct Enables {
    /// Indices of `enable` directives that name no rule (and so end every `disable`).
    all: Vec<usize>,
    /// Indices of `enable` directives naming each name, in order.
    by_name: HashMap<String, Vec<usize>>,
}

impl Enables {
    fn new(directives: &[Directive]) -> Self {
        let mut all = Vec::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in directives.iter().enumerate() {
            if d.kind != Kind::Enable {
                continue;
            }
            if d.rules.is_empty() {
                all.push(i);
            }
            for name in &d.rules {
                let list = by_name.entry(name.clone()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Self { all, by_name }
    }

    /// The first `enable` after directive `i` that names no rule or one of `names`.
    fn first_after(&self, i: usize, names: &[String]) -> Option<usize> {
        let next = |list: &Vec<usize>| list.get(list.partition_point(|&e| e <= i)).copied();
        names
            .iter()
            .filter_map(|n| self.by_name.get(n).and_then(next))
            .chain(next(&self.all))
            .min()
    }
}

/// The `disable` stretches holding the current place, by directive index and by the names
/// they give.
#[derive(Default)]
struct OpenStretches {
    /// `(end, directive, names)` of every stretch added, to close them in order of end.
    ends: std::collections::BinaryHeap<std::cmp::Reverse<(usize, usize)>>,
    names: HashMap<usize, Vec<String>>,
    /// Open stretches giving no names: every rule.
    all: BTreeSet<usize>,
    /// Open stretches by each name they give.
    by_name: HashMap<String, BTreeSet<usize>>,
}

impl OpenStretches {
    fn add(&mut self, end: usize, directive: usize, names: &[String]) {
        self.ends.push(std::cmp::Reverse((end, directive)));
        if names.is_empty() {
            self.all.insert(directive);
        }
        for n in names {
            self.by_name.entry(n.clone()).or_default().insert(directive);
        }
        self.names.insert(directive, names.to_vec());
    }

    /// Closes the stretches that end before `at`.
    fn close_before(&mut self, at: usize) {
        while let Some(&std::cmp::Reverse((end, directive))) = self.ends.peek() {
            if end >= at {
                break;
            }
            self.ends.pop();
            self.all.remove(&directive);
            for n in self.names.remove(&directive).unwrap_or_default() {
                if let Some(set) = self.by_name.get_mut(&n) {
                    set.remove(&directive);
                }
            }
        }
    }

    /// The first open stretch whose names cover `rule`: its own id, or a set it belongs to.
    fn first_naming(&self, rule: &str) -> Option<usize> {
        let prefixes = rule
            .match_indices('.')
            .map(|(i, _)| &rule[..i])
            .chain(std::iter::once(rule));
        prefixes
            .filter_map(|p| self.by_name.get(p).and_then(|s| s.first().copied()))
            .chain(self.all.first().copied())
            .min()
    }
}
