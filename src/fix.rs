//! Fixes: the replacements rules suggest, applied as `check --fix` and `--diff` do. Only safe
//! fixes unless asked for more, never a suppressed finding's, never two that overlap in one
//! pass; the text is checked again after each pass, because one fix can remove a finding or
//! reveal another.

use crate::diagnostic::{Diagnostic, Fix};
use crate::rule::Applicability;

/// Passes of fix-then-check before giving up on a text whose fixes keep changing it.
pub const MAX_ROUNDS: usize = 10;

/// The fix of `d` that may be applied: unsuppressed, and safe unless `unsafe_fixes`.
pub fn applicable(d: &Diagnostic, unsafe_fixes: bool) -> Option<&Fix> {
    d.fix.as_ref().filter(|f| {
        d.suppressed.is_none() && (unsafe_fixes || f.applicability == Applicability::Safe)
    })
}

/// Applies the applicable fixes of `diagnostics` to `text` in one pass, in order of position,
/// skipping one that overlaps a fix already applied (the next pass reaches it if it still
/// applies) or that would change nothing. Returns the new text and the rules whose fixes were
/// applied, one entry a fix.
pub fn apply(text: &str, diagnostics: &[Diagnostic], unsafe_fixes: bool) -> (String, Vec<String>) {
    let mut fixes: Vec<(&Fix, &str)> = diagnostics
        .iter()
        .filter_map(|d| applicable(d, unsafe_fixes).map(|f| (f, d.rule.as_str())))
        .collect();
    fixes.sort_by_key(|(f, _)| (f.span.start, f.span.end));
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    let mut applied = Vec::new();
    for (fix, rule) in fixes {
        // A span that is not in this text (or cuts a character) is not ours to edit.
        let Some(old) = text.get(fix.span.clone()) else {
            continue;
        };
        if fix.span.start < done || old == fix.replacement {
            continue;
        }
        out.push_str(&text[done..fix.span.start]);
        out.push_str(&fix.replacement);
        done = fix.span.end;
        applied.push(rule.to_string());
    }
    out.push_str(&text[done..]);
    (out, applied)
}

/// What fixing one text came to.
#[derive(Debug)]
pub struct Fixed {
    /// The text after every pass.
    pub text: String,
    /// Its findings.
    pub diagnostics: Vec<Diagnostic>,
    /// How many fixes were applied, over all passes.
    pub applied: usize,
    /// `Some(rules)` when the fixes had not settled after [`MAX_ROUNDS`] passes, or brought the
    /// text back to an earlier state: the rules whose fixes were applied, which keep undoing
    /// or redoing each other.
    pub unsettled: Option<Vec<String>>,
}

/// Fixes `text`, whose findings are `diagnostics`, checking it again with `check` after each
/// pass, until no applicable fix is left.
pub fn fix(
    text: String,
    diagnostics: Vec<Diagnostic>,
    unsafe_fixes: bool,
    mut check: impl FnMut(&str) -> Vec<Diagnostic>,
) -> Fixed {
    let mut seen = vec![text.clone()];
    let mut fixed = Fixed {
        text,
        diagnostics,
        applied: 0,
        unsettled: None,
    };
    let mut rules: Vec<String> = Vec::new();
    let mut cycle = false;
    for _ in 0..MAX_ROUNDS {
        let (next, applied) = apply(&fixed.text, &fixed.diagnostics, unsafe_fixes);
        if applied.is_empty() {
            return fixed;
        }
        fixed.applied += applied.len();
        rules.extend(applied);
        fixed.diagnostics = check(&next);
        cycle = seen.contains(&next);
        fixed.text = next;
        if cycle {
            break;
        }
        seen.push(fixed.text.clone());
    }
    if cycle
        || fixed
            .diagnostics
            .iter()
            .any(|d| applicable(d, unsafe_fixes).is_some())
    {
        rules.sort();
        rules.dedup();
        fixed.unsettled = Some(rules);
    }
    fixed
}

/// How many findings have a fix that was left alone only because it is unsafe.
pub fn hidden(diagnostics: &[Diagnostic], unsafe_fixes: bool) -> usize {
    if unsafe_fixes {
        return 0;
    }
    diagnostics
        .iter()
        .filter(|d| {
            d.suppressed.is_none()
                && d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == Applicability::Unsafe)
        })
        .count()
}

/// `old` → `new` as a unified diff with `name` on both sides, as `diff -u` writes it and
/// `patch -p0` reads it; empty when they are equal.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::{apply, fix, unified_diff};
    use crate::diagnostic::{Diagnostic, Fix};
    use crate::rule::{Applicability, Severity};

    fn finding(rule: &str, span: std::ops::Range<usize>, to: &str, safe: bool) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            severity: Severity::Warning,
            message: String::new(),
            span: span.clone(),
            label: String::new(),
            secondary: Vec::new(),
            help: None,
            note: None,
            fix: Some(Fix {
                span,
                replacement: to.into(),
                applicability: if safe {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
            }),
            suppressed: None,
        }
    }

    #[test]
    fn one_pass_applies_safe_fixes_that_do_not_overlap() {
        let text = "The regime slammed the plan.";
        let all = [
            finding("a.x", 4..10, "government", true),
            finding("b.y", 8..17, "overlap", true),
            finding("a.z", 11..18, "criticized", false),
        ];
        assert_eq!(
            apply(text, &all, false),
            (
                "The government slammed the plan.".to_string(),
                vec!["a.x".to_string()]
            )
        );
        assert_eq!(
            apply(text, &all, true).0,
            "The government criticized the plan."
        );
    }

    #[test]
    fn a_suppressed_finding_or_a_span_outside_the_text_is_not_fixed() {
        let mut suppressed = finding("a.x", 0..3, "A", true);
        suppressed.suppressed = Some(String::new());
        let outside = finding("a.x", 10..40, "B", true);
        let text = "the end";
        assert_eq!(apply(text, &[suppressed, outside], false).0, text);
    }

    #[test]
    fn fixes_that_undo_each_other_are_reported_unsettled() {
        // Two rules that swap a word back and forth never settle.
        let check = |t: &str| {
            let span = 0..t.find(' ').unwrap_or(t.len());
            let (rule, to) = if t.starts_with("alpha") {
                ("a.forth", "beta")
            } else {
                ("b.back", "alpha")
            };
            vec![finding(rule, span, to, true)]
        };
        let text = "alpha and omega".to_string();
        let first = check(&text);
        let fixed = fix(text, first, false, check);
        assert_eq!(
            fixed.unsettled,
            Some(vec!["a.forth".to_string(), "b.back".to_string()])
        );
    }

    #[test]
    fn diff_is_unified_and_empty_for_no_change() {
        assert_eq!(unified_diff("s.txt", "a\nb\n", "a\nb\n"), "");
        assert_eq!(
            unified_diff("s.txt", "one\ntwo\n", "one\n2\n"),
            "--- s.txt\n+++ s.txt\n@@ -1,2 +1,2 @@\n one\n-two\n+2\n"
        );
    }
}
