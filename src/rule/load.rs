//! Loading rule set files: TOML in, compiled [`Rule`]s out, or every problem at once, each
//! pointing at the exact TOML value.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::attribution::{AttributionRule, Content};
use super::balance::{Balance, Measure};
use super::conditional::Conditional;
use super::existence::Existence;
use super::occurrence::Occurrence;
use super::pattern::{self, Compile, Lists, Matcher, Named};
use super::repetition::Repetition;
use super::substitution::Substitution;
use super::{
    Applicability, Check, Example, Examples, KINDS, KINDS_WITH_FIX, Origin, QuotePolicy, Rule,
    Scope, Severity,
};
use crate::attribution::{CueKind, SourceClass};
use crate::problem::{FileKind, FileProblems, Problem, did_you_mean};
use crate::source::SourceFile;

/// The keys a rule set file may have at its top level.
const FILE_KEYS: &[&str] = &["description", "extends", "lists", "patterns", "rule"];

/// The keys a `[[rule]]` table may have.
const RULE_KEYS: &[&str] = &[
    "id",
    "kind",
    "severity",
    "message",
    "label",
    "help",
    "note",
    "docs",
    "scope",
    "quotations",
    "quotations-from",
    "opinion",
    "enabled",
    "related",
    "words",
    "patterns",
    "exceptions",
    "exception-patterns",
    "case-sensitive",
    "absent-words",
    "absent-patterns",
    "absent-in",
    "absent-sources",
    "absent-sources-before",
    "absent-cues",
    "absent-next-paragraphs",
    "absent-next-sentence-patterns",
    "absent-previous-sentence-patterns",
    "absent-story-patterns",
    "reply-from-named",
    "absent-members",
    "swap",
    "fix",
    "max",
    "min",
    "classes",
    "cues",
    "content",
    "content-words",
    "content-patterns",
    "first-quotation",
    "resolve-references",
    "measure",
    "max-share",
    "min-sources",
    "examples",
];

/// Fields only some kinds read, with those kinds: anywhere else the field would be silently
/// ignored, and the author would believe a condition holds that does not.
const KIND_FIELDS: &[(&str, &[&str])] = &[
    (
        "words",
        &["existence", "conditional", "occurrence", "attribution"],
    ),
    (
        "patterns",
        &["existence", "conditional", "occurrence", "attribution"],
    ),
    ("absent-words", &["conditional", "attribution"]),
    ("absent-patterns", &["conditional", "attribution"]),
    ("absent-in", &["conditional", "attribution"]),
    ("absent-sources", &["conditional", "attribution"]),
    ("absent-sources-before", &["conditional"]),
    ("absent-cues", &["conditional", "attribution"]),
    ("absent-next-paragraphs", &["conditional", "attribution"]),
    ("absent-next-sentence-patterns", &["attribution"]),
    (
        "absent-previous-sentence-patterns",
        &["conditional", "attribution"],
    ),
    (
        "absent-story-patterns",
        &["conditional", "attribution", "balance"],
    ),
    ("reply-from-named", &["conditional"]),
    ("absent-members", &["conditional"]),
    ("swap", &["substitution"]),
    ("max", &["occurrence"]),
    ("min", &["occurrence", "balance"]),
    ("classes", &["attribution", "balance"]),
    ("cues", &["attribution", "balance"]),
    ("content", &["attribution"]),
    ("content-words", &["attribution"]),
    ("content-patterns", &["attribution"]),
    ("first-quotation", &["attribution"]),
    ("resolve-references", &["attribution"]),
    ("measure", &["balance"]),
    ("max-share", &["balance"]),
    ("min-sources", &["balance"]),
];

/// A `[[rule]]` table as written.
// Each flag is a field a rule author writes as `true` or leaves out; an enum would not read
// as TOML does.
#[allow(clippy::struct_excessive_bools)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRule {
    id: Spanned<String>,
    kind: Spanned<String>,
    severity: Option<Spanned<String>>,
    message: Spanned<String>,
    label: Option<String>,
    help: Option<String>,
    note: Option<String>,
    docs: Option<String>,
    scope: Option<Spanned<String>>,
    quotations: Option<Spanned<String>>,
    quotations_from: Option<Vec<Spanned<String>>>,
    opinion: Option<Spanned<String>>,
    enabled: Option<bool>,
    related: Option<Spanned<String>>,
    #[serde(default)]
    words: Vec<Spanned<String>>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    exceptions: Vec<Spanned<String>>,
    #[serde(default)]
    exception_patterns: Vec<Spanned<String>>,
    #[serde(default)]
    case_sensitive: bool,
    #[serde(default)]
    absent_words: Vec<Spanned<String>>,
    #[serde(default)]
    absent_patterns: Vec<Spanned<String>>,
    absent_in: Option<Spanned<String>>,
    #[serde(default)]
    absent_sources: Vec<Spanned<String>>,
    #[serde(default)]
    absent_sources_before: Vec<Spanned<String>>,
    absent_cues: Option<Vec<Spanned<String>>>,
    absent_next_paragraphs: Option<Spanned<i64>>,
    #[serde(default)]
    absent_next_sentence_patterns: Vec<Spanned<String>>,
    #[serde(default)]
    absent_previous_sentence_patterns: Vec<Spanned<String>>,
    #[serde(default)]
    absent_story_patterns: Vec<Spanned<String>>,
    #[serde(default)]
    reply_from_named: bool,
    #[serde(default)]
    absent_members: bool,
    swap: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
    fix: Option<Spanned<String>>,
    max: Option<Spanned<i64>>,
    min: Option<Spanned<i64>>,
    #[serde(default)]
    classes: Vec<Spanned<String>>,
    cues: Option<Vec<Spanned<String>>>,
    content: Option<Spanned<String>>,
    #[serde(default)]
    content_words: Vec<Spanned<String>>,
    #[serde(default)]
    content_patterns: Vec<Spanned<String>>,
    #[serde(default)]
    first_quotation: bool,
    #[serde(default)]
    resolve_references: bool,
    measure: Option<Spanned<String>>,
    max_share: Option<Spanned<f64>>,
    min_sources: Option<Spanned<i64>>,
    examples: Option<RawExamples>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExamples {
    #[serde(default)]
    flag: Vec<Spanned<String>>,
    #[serde(default)]
    pass: Vec<Spanned<String>>,
}

/// A loaded rule set: its name (the file stem) and rules.
#[derive(Debug)]
pub struct RuleSet {
    /// The set's name, the prefix of each rule id.
    pub name: String,
    /// What the set is for.
    pub description: Option<String>,
    /// The compiled rules.
    pub rules: Vec<Rule>,
    /// The set's word lists (its base's too, when it extends one).
    pub lists: Lists,
    /// The name of the set this one extends, if any.
    pub extends: Option<String>,
}

/// Finds the set a file `extends` (by bundled name or path) and loads it, or says why not.
pub type Resolve<'a> = dyn FnMut(&str) -> Result<RuleSet, String> + 'a;

/// Parses and compiles the rule set in `file`, whose rules are named `<set>.<id>`.
///
/// A file that `extends` another set starts from that set's rules and lists: its own rules
/// replace the base's rules of the same id and add the rest, and every rule is named after
/// this set.
pub fn load(
    file: &Arc<SourceFile>,
    set: &str,
    when: Compile,
    resolve: &mut Resolve<'_>,
) -> Result<RuleSet, FileProblems> {
    let mut problems = Vec::new();
    let (root, syntax) = DeTable::parse_recoverable(&file.text);
    for e in syntax {
        let span = e.span().unwrap_or(0..0);
        problems.push(Problem::new(
            span,
            format!("invalid TOML: {}", e.message()),
            "here",
        ));
    }
    if !problems.is_empty() {
        return Err(FileProblems {
            kind: FileKind::Rules,
            file: Box::new(SourceFile::clone(file)),
            problems,
        });
    }
    let mut description = None;
    let mut lists = Lists::new();
    let mut own_lists = std::collections::BTreeSet::new();
    let mut own_patterns = Vec::new();
    let mut raw_rules = Vec::new();
    let mut base: Option<RuleSet> = None;
    if let Some((_, value)) = root
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref() == "extends")
    {
        match value.get_ref().as_str() {
            Some(name) => match resolve(name) {
                Ok(set) => base = Some(set),
                Err(why) => problems.push(Problem::new(value.span(), why, "cannot extend this")),
            },
            None => problems.push(type_problem(
                value,
                "a bundled set name or a rule file path",
            )),
        }
    }
    if let Some(b) = &base {
        lists.extend(b.lists.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    for (key, value) in root.get_ref() {
        match key.get_ref().as_ref() {
            "extends" => {}
            "description" => match value.get_ref().as_str() {
                Some(s) => description = Some(s.to_string()),
                None => problems.push(type_problem(value, "a string")),
            },
            "lists" => {
                let own = load_lists(value, &mut problems);
                own_lists.extend(own.keys().cloned());
                lists.extend(own);
            }
            "patterns" => own_patterns.extend(load_patterns(value, &mut problems)),
            "rule" => match value.get_ref().as_array() {
                Some(rules) => raw_rules.extend(rules.iter().cloned()),
                None => problems.push(type_problem(value, "an array of [[rule]] tables")),
            },
            other => problems.push(unknown_key(key.span(), other, FILE_KEYS, "rule set file")),
        }
    }
    // A file's own patterns replace its base's lists or patterns of the same name, as its own
    // lists do; a name that is both a list and a pattern in the file itself is a mistake.
    let own_patterns: Vec<(Spanned<String>, String)> = own_patterns
        .into_iter()
        .filter(|(name, _)| {
            let clash = own_lists.contains(name.get_ref());
            if clash {
                problems.push(Problem::new(
                    name.span(),
                    format!("`{}` is also a list in this file", name.get_ref()),
                    "a second meaning for `{{…}}`",
                ));
            }
            !clash
        })
        .collect();
    for (name, pattern) in &own_patterns {
        lists.insert(name.get_ref().clone(), Named::Pattern(pattern.clone()));
    }
    // Each is checked where it is defined, used or not, and once; one that fails becomes a
    // pattern that matches nothing, so the rules using it are not reported for it again.
    for (name, _) in &own_patterns {
        if let Err(message) = pattern::check_named(name.get_ref(), &lists) {
            problems.push(Problem::new(
                name.span(),
                format!("invalid pattern `{}`: {message}", name.get_ref()),
                "in this pattern",
            ));
            lists.insert(
                name.get_ref().clone(),
                Named::Pattern(r"[^\s\S]".to_string()),
            );
        }
    }
    let mut rules = Vec::new();
    let mut seen: BTreeMap<String, Range<usize>> = BTreeMap::new();
    for value in raw_rules {
        let Some(raw) = parse_rule(&value, &mut problems) else {
            continue;
        };
        let id = format!("{set}.{}", raw.0.id.get_ref());
        if let Some(first) = seen.get(&id) {
            let (line, _) = file.location(first.start);
            problems.push(
                Problem::new(
                    raw.0.id.span(),
                    format!("duplicate rule id `{id}`"),
                    "defined again here",
                )
                .with_help(format!(
                    "the first definition is on line {line}; rename one of them"
                )),
            );
            continue;
        }
        seen.insert(id.clone(), raw.0.id.span());
        if let Some(rule) = compile_rule(raw, id, file, &lists, when, &mut problems) {
            rules.push(rule);
        }
    }
    if problems.is_empty() {
        let extends = base.as_ref().map(|b| b.name.clone());
        if let Some(base) = base {
            let own: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
            let mut inherited: Vec<Rule> = base
                .rules
                .into_iter()
                .map(|mut r| {
                    let name =
                        r.id.split_once('.')
                            .map_or(r.id.as_str(), |(_, n)| n)
                            .to_string();
                    r.id = format!("{set}.{name}");
                    r
                })
                .filter(|r| !own.contains(&r.id))
                .collect();
            inherited.extend(rules);
            rules = inherited;
        }
        Ok(RuleSet {
            name: set.to_string(),
            description,
            rules,
            lists,
            extends,
        })
    } else {
        problems.sort_by_key(|p| p.span.start);
        Err(FileProblems {
            kind: FileKind::Rules,
            file: Box::new(SourceFile::clone(file)),
            problems,
        })
    }
}

/// Reads `[patterns]`: each key a name, each value a regex (which `{{name}}` inserts as a
/// group; it is checked where a rule uses it).
fn load_patterns(
    value: &Spanned<DeValue<'_>>,
    problems: &mut Vec<Problem>,
) -> Vec<(Spanned<String>, String)> {
    let Some(table) = value.get_ref().as_table() else {
        problems.push(type_problem(value, "a table of named regexes"));
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, pattern) in table {
        match pattern.get_ref().as_str() {
            Some(p) => out.push((
                Spanned::new(name.span(), name.get_ref().to_string()),
                p.to_string(),
            )),
            None => problems.push(type_problem(pattern, "a string (a regex)")),
        }
    }
    out
}

/// Reads `[lists]`: each key a name, each value an array of phrases.
fn load_lists(value: &Spanned<DeValue<'_>>, problems: &mut Vec<Problem>) -> Lists {
    let mut lists = Lists::new();
    let Some(table) = value.get_ref().as_table() else {
        problems.push(type_problem(value, "a table of word lists"));
        return lists;
    };
    for (name, list) in table {
        match Vec::<String>::deserialize(ValueDeserializer::from(list.clone())) {
            Ok(words) => {
                lists.insert(name.get_ref().to_string(), Named::Words(words));
            }
            Err(_) => problems.push(type_problem(list, "an array of strings")),
        }
    }
    lists
}

/// Checks a rule table's keys by hand (so every unknown key is reported, with a suggestion),
/// then lets serde read the rest.
/// The rule, and whether it had unknown keys.
fn parse_rule(
    value: &Spanned<DeValue<'_>>,
    problems: &mut Vec<Problem>,
) -> Option<(RawRule, bool)> {
    let Some(table) = value.get_ref().as_table() else {
        problems.push(type_problem(value, "a [[rule]] table"));
        return None;
    };
    // Report every unknown key, then read the rest, so one typo does not hide other errors.
    let mut known = DeTable::new();
    let mut misspelt = false;
    for (key, v) in table {
        if RULE_KEYS.contains(&key.get_ref().as_ref()) {
            known.insert(key.clone(), v.clone());
        } else {
            problems.push(unknown_key(key.span(), key.get_ref(), RULE_KEYS, "rule"));
            misspelt = true;
        }
    }
    // A field the rule's kind does not read is an error at the field (an unknown kind is
    // reported later, with the kinds).
    let kind = known
        .iter()
        .find(|(k, _)| k.get_ref() == "kind")
        .and_then(|(_, v)| v.get_ref().as_str())
        .filter(|k| KINDS.contains(k));
    if let Some(kind) = kind {
        for (key, _) in &known {
            let Some((_, kinds)) = KIND_FIELDS.iter().find(|(f, _)| *f == key.get_ref()) else {
                continue;
            };
            if !kinds.contains(&kind) {
                let mut readers: Vec<String> = kinds.iter().map(|k| format!("`{k}`")).collect();
                let last = readers.pop().unwrap_or_default();
                let readers = if readers.is_empty() {
                    last
                } else {
                    format!("{} and {last}", readers.join(", "))
                };
                problems.push(
                    Problem::new(
                        key.span(),
                        format!(
                            "{} `{kind}` rule does not read `{}`",
                            article(kind),
                            key.get_ref()
                        ),
                        "ignored by this kind",
                    )
                    .with_help(format!("remove it; it is read by {readers} rules")),
                );
            }
        }
    }
    let value = Spanned::new(value.span(), DeValue::Table(known));
    let whole = value.span();
    match RawRule::deserialize(ValueDeserializer::from(value)) {
        Ok(raw) => Some((raw, misspelt)),
        Err(e) => {
            let span = e.span().unwrap_or(whole.start..whole.start + 1);
            let span = if span == whole {
                whole.start..whole.start + 1
            } else {
                span
            };
            problems.push(Problem::new(span, e.message().to_string(), "in this rule"));
            None
        }
    }
}

fn type_problem(value: &Spanned<DeValue<'_>>, expected: &str) -> Problem {
    Problem::new(
        value.span(),
        format!("expected {expected}, found {}", value.get_ref().type_str()),
        format!("this is {}", value.get_ref().type_str()),
    )
}

fn unknown_key(span: Range<usize>, key: &str, known: &[&str], what: &str) -> Problem {
    let p = Problem::new(
        span,
        format!("unknown field `{key}` in {what}"),
        "unknown field",
    );
    match did_you_mean(key, known) {
        Some(near) => p.with_help(format!("did you mean `{near}`?")),
        None => p.with_help(format!("the fields are: {}", known.join(", "))),
    }
}

/// Parses a named choice (kind, severity, scope) or reports it with the accepted names.
fn choice<T>(
    value: &Spanned<String>,
    what: &str,
    names: &[&str],
    parse: impl Fn(&str) -> Option<T>,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let v = value.get_ref();
    let parsed = parse(v);
    if parsed.is_none() {
        let p = Problem::new(
            value.span(),
            format!("unknown {what} `{v}`"),
            format!("not a {what}"),
        );
        problems.push(match did_you_mean(v, names) {
            Some(near) => p.with_help(format!(
                "did you mean `{near}`? the {} are: {}",
                plural(what),
                names.join(", ")
            )),
            None => p.with_help(format!("the {} are: {}", plural(what), names.join(", "))),
        });
    }
    parsed
}

/// Compiles words and patterns, reporting each bad one at its place in the file.
fn matcher(
    words: &[Spanned<String>],
    patterns: &[Spanned<String>],
    case_sensitive: bool,
    (lists, when): (&Lists, Compile),
    problems: &mut Vec<Problem>,
) -> Option<Matcher> {
    let w: Vec<String> = words.iter().map(|s| s.get_ref().clone()).collect();
    let p: Vec<String> = patterns.iter().map(|s| s.get_ref().clone()).collect();
    match pattern::build(&w, &p, case_sensitive, lists, when) {
        Ok(m) => Some(m),
        Err(errors) => {
            for e in errors {
                let (span, what) = if e.index < words.len() {
                    (words[e.index].span(), "word")
                } else {
                    (patterns[e.index - words.len()].span(), "regex")
                };
                problems.push(Problem::new(
                    span,
                    format!("invalid {what}: {}", first_line(&e.message)),
                    format!("invalid {what}"),
                ));
            }
            None
        }
    }
}

/// Splits an example into its text and the span marked `[[like this]]`, if any.
fn example(raw: &str) -> Result<(String, Option<Range<usize>>), String> {
    let Some(open) = raw.find("[[") else {
        if raw.contains("]]") {
            return Err("`]]` closes a marked span that no `[[` opened".into());
        }
        return Ok((raw.to_string(), None));
    };
    let rest = &raw[open + 2..];
    let close = rest
        .find("]]")
        .ok_or("`[[` opens a marked span that no `]]` closes")?;
    let (inner, after) = (&rest[..close], &rest[close + 2..]);
    if after.contains("[[") || after.contains("]]") || inner.contains("[[") {
        return Err("an example may mark one span only".into());
    }
    if inner.is_empty() {
        return Err("the marked span `[[]]` is empty".into());
    }
    let text = format!("{}{inner}{after}", &raw[..open]);
    Ok((text, Some(open..open + inner.len())))
}

/// "a" or "an", by the sound of the word that follows.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// A list of source class names, each unknown one a problem at its place.
fn source_classes(list: &[Spanned<String>], problems: &mut Vec<Problem>) -> Vec<SourceClass> {
    list.iter()
        .filter_map(|c| {
            choice(
                c,
                "source class",
                SourceClass::NAMES,
                SourceClass::parse,
                problems,
            )
        })
        .collect()
}

/// "kinds", "severities", "quotations policies".
fn plural(what: &str) -> String {
    if let Some(stem) = what.strip_suffix('y') {
        format!("{stem}ies")
    } else if what.ends_with('s') {
        format!("{what}es")
    } else {
        format!("{what}s")
    }
}

fn first_line(s: &str) -> &str {
    s.lines().rfind(|l| l.starts_with("error:")).map_or_else(
        || s.lines().next().unwrap_or(s),
        |l| l.trim_start_matches("error:").trim(),
    )
}

fn non_negative(value: Option<&Spanned<i64>>, problems: &mut Vec<Problem>) -> Option<usize> {
    let v = value?;
    if let Ok(n) = usize::try_from(*v.get_ref()) {
        Some(n)
    } else {
        problems.push(Problem::new(
            v.span(),
            "a count cannot be negative",
            "negative",
        ));
        None
    }
}

/// Reads `fix`: whether the rule's replacement may be applied unattended. Unsafe unless the
/// rule says `safe`, as in ruff, so a rule file written before `fix` existed changes no text.
/// `None` for a kind that has no replacement (a problem when it says `fix`).
fn fix_safety(
    raw: &RawRule,
    kind: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Option<Applicability> {
    let Some(value) = &raw.fix else {
        let replaces = kind.is_some_and(|k| KINDS_WITH_FIX.contains(&k));
        return replaces.then_some(Applicability::Unsafe);
    };
    let safety = choice(
        value,
        "fix safety",
        Applicability::NAMES,
        Applicability::parse,
        problems,
    )?;
    match kind {
        Some(k) if !KINDS_WITH_FIX.contains(&k) => {
            problems.push(
                Problem::new(
                    value.span(),
                    format!("{} `{k}` rule has no replacement to fix with", article(k)),
                    "nothing to apply",
                )
                .with_help(format!(
                    "`fix` is for rules that suggest a replacement: {}; remove it here",
                    KINDS_WITH_FIX.join(", ")
                )),
            );
            None
        }
        _ => Some(safety),
    }
}

/// Turns a rule table into a compiled rule, or records why it cannot be.
fn compile_rule(
    (raw, misspelt): (RawRule, bool),
    id: String,
    file: &Arc<SourceFile>,
    lists: &Lists,
    when: Compile,
    problems: &mut Vec<Problem>,
) -> Option<Rule> {
    let before = problems.len();
    let kind = choice(
        &raw.kind,
        "kind",
        KINDS,
        |k| KINDS.iter().copied().find(|&n| n == k),
        problems,
    );
    let severity = raw.severity.as_ref().map_or(Some(Severity::Warning), |s| {
        choice(s, "severity", Severity::NAMES, Severity::parse, problems)
    });
    let default_scope = if raw.kind.get_ref() == "balance" {
        Scope::Document
    } else {
        Scope::Sentence
    };
    let scope = raw.scope.as_ref().map_or(Some(default_scope), |s| {
        choice(s, "scope", Scope::NAMES, Scope::parse, problems)
    });
    let quotations = raw
        .quotations
        .as_ref()
        .map_or(Some(QuotePolicy::Include), |s| {
            choice(
                s,
                "quotations policy",
                QuotePolicy::NAMES,
                QuotePolicy::parse,
                problems,
            )
        });
    let quotations_from = raw
        .quotations_from
        .as_ref()
        .map(|list| source_classes(list, problems));
    let skip_in_opinion = raw.opinion.as_ref().map_or(Some(false), |s| {
        choice(
            s,
            "opinion policy",
            &["include", "skip"],
            |v| match v {
                "include" => Some(false),
                "skip" => Some(true),
                _ => None,
            },
            problems,
        )
    });
    let related_quotation = match raw.related.as_ref() {
        None => false,
        Some(r) => choice(
            r,
            "related place",
            &["quotation"],
            |v| (v == "quotation").then_some(()),
            problems,
        )
        .is_some(),
    };
    let fix = fix_safety(&raw, kind, problems);
    let cs = raw.case_sensitive;
    let exceptions = matcher(
        &raw.exceptions,
        &raw.exception_patterns,
        cs,
        (lists, when),
        problems,
    )?;
    // Read by `conditional` and `attribution` rules; `KIND_FIELDS` refuses it on the others.
    let absent_previous = matcher(
        &[],
        &raw.absent_previous_sentence_patterns,
        cs,
        (lists, when),
        problems,
    );
    let Some(kind) = kind else {
        // Still compile the patterns, so their errors are reported in the same run.
        let _ = matcher(&raw.words, &raw.patterns, cs, (lists, when), problems);
        return None;
    };
    // A misspelt `words` key was already reported; do not also say the words are missing.
    let needs_words = |problems: &mut Vec<Problem>| {
        if raw.words.is_empty() && raw.patterns.is_empty() && !misspelt {
            problems.push(
                Problem::new(
                    raw.kind.span(),
                    format!(
                        "{} `{kind}` rule needs `words` or `patterns`",
                        article(kind)
                    ),
                    "nothing to match",
                )
                .with_help("add `words = [\"...\"]` or `patterns = [\"...\"]`"),
            );
        }
    };
    let absent_in = raw
        .absent_in
        .as_ref()
        .and_then(|s| choice(s, "scope", Scope::NAMES, Scope::parse, problems));
    let absent_sources = source_classes(&raw.absent_sources, problems);
    let absent_sources_before = source_classes(&raw.absent_sources_before, problems);
    // The attributions whose sources `absent-sources` counts: by default the writer's of
    // saying, thinking or taking a side; "speech" only for a named colleague who speaks.
    let absent_cues: Vec<CueKind> = match &raw.absent_cues {
        None => vec![CueKind::Speech, CueKind::Cognition, CueKind::Stance],
        Some(list) => {
            // Where to point: the first kind, or the rule's id for an empty list.
            let at = list.first().map_or_else(|| raw.id.span(), Spanned::span);
            if raw.absent_sources.is_empty() && raw.absent_sources_before.is_empty() {
                problems.push(
                    Problem::new(
                        at,
                        "`absent-cues` without `absent-sources` has nothing to restrict",
                        "no `absent-sources`",
                    )
                    .with_help("add `absent-sources = [\"named\"]`, or remove `absent-cues`"),
                );
            } else if list.is_empty() {
                problems.push(
                    Problem::new(at, "`absent-cues` is empty", "no attribution would count")
                        .with_help("e.g. `absent-cues = [\"speech\"]`, or remove it for all kinds"),
                );
            }
            cue_kinds(list, problems)
        }
    };
    let absent_next = non_negative(raw.absent_next_paragraphs.as_ref(), problems).unwrap_or(0);
    let check: Option<Box<dyn Check>> = match kind {
        "existence" => {
            needs_words(problems);
            matcher(&raw.words, &raw.patterns, cs, (lists, when), problems).map(|matcher| {
                Box::new(Existence {
                    matcher,
                    exceptions,
                }) as Box<dyn Check>
            })
        }
        "conditional" => {
            needs_words(problems);
            if raw.absent_words.is_empty()
                && raw.absent_patterns.is_empty()
                && raw.absent_sources.is_empty()
                && raw.absent_sources_before.is_empty()
            {
                problems.push(
                    Problem::new(
                        raw.kind.span(),
                        "a `conditional` rule needs `absent-words`, `absent-patterns` or \
                         `absent-sources`",
                        "nothing to look for",
                    )
                    .with_help("say what must be missing for the rule to fire"),
                );
            }
            let trigger = matcher(&raw.words, &raw.patterns, cs, (lists, when), problems);
            let absent = matcher(
                &raw.absent_words,
                &raw.absent_patterns,
                cs,
                (lists, when),
                problems,
            );
            let absent_story =
                matcher(&[], &raw.absent_story_patterns, cs, (lists, when), problems);
            trigger
                .zip(absent)
                .zip(absent_story)
                .zip(absent_previous)
                .map(|(((matcher, absent), absent_story), absent_previous)| {
                    Box::new(Conditional {
                        matcher,
                        absent,
                        absent_story,
                        absent_previous,
                        absent_sources,
                        absent_sources_before,
                        absent_cues,
                        exceptions,
                        absent_in,
                        absent_next,
                        reply_from_named: raw.reply_from_named,
                        absent_members: raw.absent_members,
                    }) as Box<dyn Check>
                })
        }
        "substitution" => {
            let Some(swap) = raw.swap.as_ref() else {
                problems.push(
                    Problem::new(
                        raw.kind.span(),
                        "a `substitution` rule needs a `swap` table",
                        "nothing to swap",
                    )
                    .with_help("add `swap = { \"slammed\" = \"criticized\" }`"),
                );
                return None;
            };
            let mut phrases = Vec::new();
            let mut replacements = Vec::new();
            for (phrase, replacement) in swap.get_ref() {
                let spanned = Spanned::new(replacement.span(), phrase.clone());
                if let Some(m) = matcher(
                    std::slice::from_ref(&spanned),
                    &[],
                    cs,
                    (lists, when),
                    problems,
                ) {
                    phrases.push(m);
                    replacements.push(replacement.get_ref().clone());
                }
            }
            if swap.get_ref().is_empty() {
                problems.push(Problem::new(
                    swap.span(),
                    "`swap` is empty",
                    "nothing to swap",
                ));
            }
            Some(Box::new(Substitution {
                phrases,
                replacements,
                exceptions,
            }) as Box<dyn Check>)
        }
        "occurrence" => {
            let max = non_negative(raw.max.as_ref(), problems);
            let min = non_negative(raw.min.as_ref(), problems);
            if raw.max.is_none() && raw.min.is_none() {
                problems.push(
                    Problem::new(
                        raw.kind.span(),
                        "an `occurrence` rule needs `max` or `min`",
                        "no limit",
                    )
                    .with_help("add `max = 40` to flag a sentence over 40 words"),
                );
            }
            let matcher = if raw.words.is_empty() && raw.patterns.is_empty() {
                Some(Matcher::empty())
            } else {
                matcher(&raw.words, &raw.patterns, cs, (lists, when), problems)
            };
            matcher.map(|matcher| Box::new(Occurrence { matcher, max, min }) as Box<dyn Check>)
        }
        "repetition" => Some(Box::new(Repetition { exceptions }) as Box<dyn Check>),
        "attribution" => {
            if raw.classes.is_empty() {
                problems.push(
                    Problem::new(
                        raw.kind.span(),
                        "an `attribution` rule needs `classes`",
                        "no classes",
                    )
                    .with_help(format!(
                        "e.g. `classes = [\"anonymous\"]`; the classes are: {}",
                        SourceClass::NAMES.join(", ")
                    )),
                );
            }
            let classes = source_classes(&raw.classes, problems);
            let cues: Vec<CueKind> = raw.cues.as_ref().map_or_else(
                || vec![CueKind::Speech, CueKind::Cognition],
                |list| cue_kinds(list, problems),
            );
            let content = raw.content.as_ref().map_or(Some(Content::Any), |c| {
                choice(c, "content", Content::NAMES, Content::parse, problems)
            });
            let source = if raw.words.is_empty() && raw.patterns.is_empty() {
                Some(Matcher::empty())
            } else {
                matcher(&raw.words, &raw.patterns, cs, (lists, when), problems)
            };
            let absent = matcher(
                &raw.absent_words,
                &raw.absent_patterns,
                cs,
                (lists, when),
                problems,
            );
            let says = matcher(
                &raw.content_words,
                &raw.content_patterns,
                cs,
                (lists, when),
                problems,
            );
            let absent_story =
                matcher(&[], &raw.absent_story_patterns, cs, (lists, when), problems);
            let absent_next_sentence = matcher(
                &[],
                &raw.absent_next_sentence_patterns,
                cs,
                (lists, when),
                problems,
            );
            match (
                content,
                source,
                absent,
                says,
                absent_story.zip(absent_next_sentence).zip(absent_previous),
            ) {
                (
                    Some(content),
                    Some(source),
                    Some(absent),
                    Some(says),
                    Some(((absent_story, absent_next_sentence), absent_previous)),
                ) => Some(Box::new(AttributionRule {
                    classes,
                    cues,
                    content,
                    says,
                    first_quotation: raw.first_quotation,
                    resolve_references: raw.resolve_references,
                    source,
                    exceptions,
                    absent,
                    absent_sources,
                    absent_cues,
                    absent_in,
                    absent_next,
                    absent_next_sentence,
                    absent_previous,
                    absent_story,
                }) as Box<dyn Check>),
                _ => None,
            }
        }
        "balance" => {
            let absent_story =
                matcher(&[], &raw.absent_story_patterns, cs, (lists, when), problems);
            // A bad pattern is already a problem, so the rule is dropped below; the measure
            // is still checked, to report every mistake in one run.
            let absent_story = absent_story.unwrap_or_else(Matcher::empty);
            balance(&raw, absent_story, exceptions, problems).map(|b| Box::new(b) as Box<dyn Check>)
        }
        _ => None,
    };
    if problems.len() > before {
        return None;
    }
    let mut examples = Examples::default();
    if let Some(e) = raw.examples {
        for (list, out) in [(e.flag, &mut examples.flag), (e.pass, &mut examples.pass)] {
            for s in list {
                match example(s.get_ref()) {
                    Ok((text, marked)) => out.push(Example {
                        text,
                        marked,
                        span: s.span(),
                    }),
                    Err(message) => {
                        problems.push(Problem::new(s.span(), message, "in this example"));
                    }
                }
            }
        }
    }
    if problems.len() > before {
        return None;
    }
    Some(Rule {
        id,
        kind,
        severity: severity?,
        message: raw.message.get_ref().clone(),
        label: raw.label.unwrap_or_default(),
        help: raw.help,
        note: raw.note,
        docs: raw.docs,
        scope: scope?,
        quotations: quotations?,
        quotations_from,
        skip_in_opinion: skip_in_opinion?,
        enabled: raw.enabled.unwrap_or(true),
        related_quotation,
        fix,
        examples,
        origin: Origin {
            file: Arc::clone(file),
            line: file.location(raw.id.span().start).0,
        },
        check: check?,
    })
}

/// Reads a `balance` rule's measure and limits.
fn balance(
    raw: &RawRule,
    absent_story: Matcher,
    exceptions: Matcher,
    problems: &mut Vec<Problem>,
) -> Option<Balance> {
    if let Some(scope) = raw.scope.as_ref().filter(|s| s.get_ref() != "document") {
        problems.push(
            Problem::new(
                scope.span(),
                "a `balance` rule measures the whole story",
                "not `document`",
            )
            .with_help("leave `scope` out, or write `scope = \"document\"`"),
        );
    }
    let Some(measure) = raw.measure.as_ref() else {
        problems.push(
            Problem::new(
                raw.kind.span(),
                "a `balance` rule needs `measure`",
                "no measure",
            )
            .with_help(format!("the measures are: {}", Measure::NAMES.join(", "))),
        );
        return None;
    };
    let measure = choice(measure, "measure", Measure::NAMES, Measure::parse, problems)?;
    let max_share = match raw.max_share.as_ref() {
        Some(v) if !(0.0..=1.0).contains(v.get_ref()) => {
            problems.push(
                Problem::new(v.span(), "a share is between 0 and 1", "out of range")
                    .with_help("write `max-share = 0.5` for half"),
            );
            None
        }
        v => v.map(|v| *v.get_ref()),
    };
    let min = non_negative(raw.min.as_ref(), problems);
    // A limit given but invalid was reported above.
    let (missing, needs) = match measure {
        Measure::NamedSources => (raw.min.is_none(), "`min`, e.g. `min = 2`"),
        Measure::UnnamedShare | Measure::SourceShare => (
            raw.max_share.is_none(),
            "`max-share`, e.g. `max-share = 0.5`",
        ),
    };
    if missing {
        problems.push(
            Problem::new(measure_span(raw), "this measure needs a limit", "no limit")
                .with_help(format!("add {needs}")),
        );
        return None;
    }
    let classes = if raw.classes.is_empty() {
        vec![SourceClass::Anonymous, SourceClass::Vague]
    } else {
        source_classes(&raw.classes, problems)
    };
    let min_sources = non_negative(raw.min_sources.as_ref(), problems).unwrap_or(3);
    // By default every source the ledger table lists.
    let cues: Vec<CueKind> = raw.cues.as_ref().map_or_else(
        || vec![CueKind::Speech, CueKind::Cognition, CueKind::Stance],
        |list| cue_kinds(list, problems),
    );
    Some(Balance {
        measure,
        classes,
        min,
        max_share,
        min_sources,
        cues,
        absent_story,
        exceptions,
    })
}

/// Reads a list of cue kinds, reporting each unknown one.
fn cue_kinds(list: &[Spanned<String>], problems: &mut Vec<Problem>) -> Vec<CueKind> {
    list.iter()
        .filter_map(|c| choice(c, "cue kind", CueKind::NAMES, CueKind::parse, problems))
        .collect()
}

/// Where to point when a measure's limit is missing: at the measure.
fn measure_span(raw: &RawRule) -> Range<usize> {
    raw.measure.as_ref().map_or(raw.kind.span(), Spanned::span)
}
