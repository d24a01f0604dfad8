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

/// Where a suppression applies.
struct Entry {
    directive: usize,
    bytes: Range<usize>,
    used: bool,
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
    let mut entries = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        let line = file.line_index(d.span.end.saturating_sub(1));
        let bytes = match d.kind {
            Kind::Line => file.line_range(line),
            Kind::NextLine => {
                // Past blank lines and other directives: stacked directives share their line.
                let next = (line + 1..file.line_count()).find(|&l| {
                    let t = file.text[file.line_range(l)].trim();
                    !t.is_empty()
                        && !directive_spans(t)
                            .first()
                            .is_some_and(|r| r.start == 0 && r.end == t.len())
                });
                match next {
                    Some(l) => file.line_range(l),
                    None => continue,
                }
            }
            Kind::Disable => {
                let end = directives[i + 1..]
                    .iter()
                    .find(|e| {
                        e.kind == Kind::Enable
                            && (e.rules.is_empty() || e.rules.iter().any(|r| d.rules.contains(r)))
                    })
                    .map_or(file.text.len(), |e| e.span.start);
                d.span.end..end
            }
            Kind::Enable | Kind::Unknown => continue,
        };
        entries.push(Entry {
            directive: i,
            bytes,
            used: false,
        });
    }
    for diag in diagnostics.iter_mut() {
        for e in &mut entries {
            let d = &directives[e.directive];
            let inside = e.bytes.start <= diag.span.start && diag.span.start <= e.bytes.end;
            if inside && names_rule(&d.rules, &diag.rule) {
                e.used = true;
                diag.suppressed = Some(d.reason.clone().unwrap_or_default());
                break;
            }
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
        let unused = entries.iter().any(|e| e.directive == i && !e.used);
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
