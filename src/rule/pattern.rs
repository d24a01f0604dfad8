//! Matchers: word lists and regexes from a rule file, compiled once into regexes that find
//! phrases across line breaks and runs of spaces, and either kind of apostrophe.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};

use regex::{Regex, RegexBuilder};

use crate::analysis::Analysis;

/// Upper bound on a compiled regex, so a stranger's rule file cannot exhaust memory.
const REGEX_SIZE_LIMIT: usize = 8 * (1 << 20);

/// Bytes of a rule's words below which their regex cannot fail to compile within
/// [`REGEX_SIZE_LIMIT`] (20,000 words compile to well under it), so it waits until the gate
/// first lets it run: a newsroom's set of thousands of word rules then loads in milliseconds
/// and holds only the regexes its stories need.
const LAZY_WORDS: usize = 16 * 1024;

/// What a rule set names in `[lists]` and `[patterns]`, usable in regexes as `{{name}}`.
pub type Lists = BTreeMap<String, Named>;

/// One named thing `{{name}}` inserts into a regex.
#[derive(Debug, Clone)]
pub enum Named {
    /// Phrases, matched literally: inserted as an alternation.
    Words(Vec<String>),
    /// A regex, which may itself use lists: inserted as a group, so several rules can share
    /// one (a blanket note on anonymity, written once).
    Pattern(String),
}

/// The most a regex may grow to once its `{{name}}`s are inserted: entries that each use the
/// next several times would otherwise grow it exponentially.
const MAX_EXPANDED: usize = 1 << 20;

/// When a matcher's regexes are compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compile {
    /// At once, so every error in a user's rule file is reported when it is loaded.
    Now,
    /// When first needed: the bundled sets, which the test suite compiles in full, so that a
    /// short story does not pay for the regexes it never needs.
    OnFirstUse,
}

/// Gives every regex an id the [`super::gate::Gate`] knows it by.
static NEXT_ID: AtomicU32 = AtomicU32::new(0);

/// One regex of a matcher.
#[derive(Debug, Clone)]
struct Pattern {
    /// The source before [`compiled_source`], for compiling and exporting.
    source: String,
    case_sensitive: bool,
    id: u32,
    /// Strings one of which every match contains, when there are any worth looking for.
    anchors: Option<Vec<String>>,
    /// The regex and whether it has a group named `span`, once compiled; shared by clones.
    compiled: Arc<OnceLock<Option<(Regex, bool)>>>,
}

impl Pattern {
    /// The compiled regex. A user's patterns were compiled at load, short word lists are sure
    /// to compile, and the bundled sets are compiled by the test suite, so `None` (a regex that
    /// does not compile) never happens.
    fn regex(&self) -> Option<&(Regex, bool)> {
        self.compiled
            .get_or_init(|| {
                compile(&self.source, self.case_sensitive)
                    .ok()
                    .map(with_span)
            })
            .as_ref()
    }
}

fn with_span(re: Regex) -> (Regex, bool) {
    let span = re.capture_names().any(|n| n == Some("span"));
    (re, span)
}

/// Finds the places a rule's words or patterns occur in a text.
#[derive(Debug, Clone)]
pub struct Matcher {
    patterns: Vec<Pattern>,
}

impl Matcher {
    /// A matcher that matches nothing.
    pub fn empty() -> Self {
        Self {
            patterns: Vec::new(),
        }
    }

    /// Each of this matcher's regexes as one line `rg -f` reads: case-insensitivity as an
    /// inline flag, named groups unnamed (ripgrep joins all lines into one regex, where a
    /// name may appear once only).
    pub fn exported(&self) -> impl Iterator<Item = String> + '_ {
        self.patterns
            .iter()
            .map(|p| export(&p.source, p.case_sensitive))
    }

    /// Each regex's id with the strings one of which its every match contains, for the gate;
    /// regexes with none are left out (they always run).
    pub fn anchors(&self) -> impl Iterator<Item = (u32, &[String])> + '_ {
        self.patterns
            .iter()
            .filter_map(|p| Some((p.id, p.anchors.as_deref()?)))
    }

    /// Compiles every regex now, with the checks a user's rule file gets at load; the error of
    /// the first that fails them. The test suite runs it on the bundled sets.
    pub fn compile_all(&self) -> Result<(), String> {
        for p in &self.patterns {
            pattern(p.source.clone(), p.case_sensitive, Compile::Now)?;
            p.regex();
        }
        Ok(())
    }

    /// Whether this matcher has nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Every match in `text`, sorted, overlapping ones merged into the earliest-longest.
    /// A capture group named `span` narrows a regex match to that group.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        self.find_where(text, |_| true)
    }

    /// [`Matcher::find`] in `text`, a part of block `block` of `a`, running only the regexes
    /// the block's gate lets through.
    pub fn find_in(&self, a: &Analysis, block: usize, text: &str) -> Vec<Range<usize>> {
        self.find_where(text, |p| p.anchors.is_none() || a.may_match(block, p.id))
    }

    /// Every match of each regex in `text`, a part of block `block` of `a`, sorted by start
    /// and not merged: where one regex's match overlaps a place and another's lies beside it,
    /// both are kept.
    pub fn find_each_in(&self, a: &Analysis, block: usize, text: &str) -> Vec<Range<usize>> {
        self.find_each_where(text, |p| p.anchors.is_none() || a.may_match(block, p.id))
    }

    /// Every match of the regexes `run` lets through, sorted by start (longest first), not
    /// merged.
    fn find_each_where(&self, text: &str, run: impl Fn(&Pattern) -> bool) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        for p in self.patterns.iter().filter(|p| run(p)) {
            let Some((re, span)) = p.regex() else {
                continue;
            };
            if *span {
                for caps in re.captures_iter(text) {
                    if let Some(m) = caps.name("span").or_else(|| caps.get(0)) {
                        found.push(m.range());
                    }
                }
            } else {
                found.extend(re.find_iter(text).map(|m| m.range()));
            }
        }
        if found.len() > 1 {
            found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        }
        found
    }

    fn find_where(&self, text: &str, run: impl Fn(&Pattern) -> bool) -> Vec<Range<usize>> {
        let found = self.find_each_where(text, run);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(found.len());
        for r in found {
            match merged.last_mut() {
                Some(last) if r.start < last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }

    /// Whether anything matches in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.patterns
            .iter()
            .any(|p| p.regex().is_some_and(|(re, _)| re.is_match(text)))
    }

    /// [`Matcher::is_match`] in `text`, a part of block `block` of `a`, through the gate.
    pub fn is_match_in(&self, a: &Analysis, block: usize, text: &str) -> bool {
        self.patterns.iter().any(|p| {
            (p.anchors.is_none() || a.may_match(block, p.id))
                && p.regex().is_some_and(|(re, _)| re.is_match(text))
        })
    }

    /// Whether one of the patterns matches in any block of the document.
    pub fn is_match_anywhere(&self, a: &Analysis) -> bool {
        !self.is_empty()
            && a.doc
                .blocks
                .iter()
                .enumerate()
                .any(|(b, block)| self.is_match_in(a, b, &block.text))
    }
}

/// What went wrong compiling one word or pattern: the index of the offending entry and why.
#[derive(Debug)]
pub struct PatternError {
    /// Which entry of the list that was compiled.
    pub index: usize,
    /// The reason, in words.
    pub message: String,
}

/// The regex source for a literal phrase: whitespace matches any run of whitespace, and
/// apostrophes match straight or curly ones.
pub fn phrase_regex(phrase: &str) -> String {
    let mut out = String::new();
    let mut pending_space = false;
    for c in phrase.trim().chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space {
            out.push_str(r"\s+");
            pending_space = false;
        }
        match c {
            '\'' | '’' => out.push_str("['’]"),
            '"' | '“' | '”' => out.push_str("[\"“”]"),
            '-' | '‑' => out.push_str("[-‑]"),
            _ => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

/// A word-bounded alternation of phrases, `\b` only where the phrase edge is a word character.
fn words_regex(words: &[String]) -> String {
    let alternatives: Vec<String> = words
        .iter()
        .map(|w| {
            let w = w.trim();
            let starts_word = w.chars().next().is_some_and(is_word_char);
            let ends_word = w.chars().next_back().is_some_and(is_word_char);
            format!(
                "{}{}{}",
                if starts_word { r"\b" } else { "" },
                phrase_regex(w),
                if ends_word { r"\b" } else { "" }
            )
        })
        .collect();
    format!("(?:{})", alternatives.join("|"))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Replaces each `{{name}}` in `pattern` with an alternation of that list's phrases, or with
/// that named pattern as a group.
pub fn expand_lists(pattern: &str, lists: &Lists) -> Result<String, String> {
    let mut out = String::new();
    expand(pattern, lists, &mut Vec::new(), &mut out)?;
    Ok(out)
}

/// Whether the `[patterns]` entry `name` is a valid regex once its `{{name}}`s are inserted:
/// checked where it is defined, so a mistake is reported there, once, used or not.
pub fn check_named(name: &str, lists: &Lists) -> Result<(), String> {
    let Some((name, Named::Pattern(pattern))) = lists.get_key_value(name) else {
        return Ok(());
    };
    let mut source = String::new();
    expand(pattern, lists, &mut vec![name.as_str()], &mut source)?;
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(&compiled_source(&source))
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Appends `pattern` to `out` with its `{{name}}`s inserted; `within` holds the `[patterns]`
/// entries being inserted, to catch one that refers back to itself.
fn expand<'a>(
    pattern: &'a str,
    lists: &'a Lists,
    within: &mut Vec<&'a str>,
    out: &mut String,
) -> Result<(), String> {
    let mut rest = pattern;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after
            .find("}}")
            .ok_or_else(|| "unclosed `{{` (a list reference is written `{{name}}`)".to_string())?;
        let name = after[..close].trim();
        let (name, list) = lists.get_key_value(name).ok_or_else(|| {
            let known: Vec<&str> = lists.keys().map(String::as_str).collect();
            if known.is_empty() {
                format!("unknown list `{name}`: this rule set has no [lists] or [patterns]")
            } else {
                format!(
                    "unknown list `{name}`; the lists and patterns are: {}",
                    known.join(", ")
                )
            }
        })?;
        out.push_str("(?:");
        match list {
            Named::Words(words) => {
                let alternatives: Vec<String> = words.iter().map(|w| phrase_regex(w)).collect();
                out.push_str(&alternatives.join("|"));
            }
            Named::Pattern(p) => {
                if within.contains(&name.as_str()) {
                    return Err(format!(
                        "the pattern `{name}` refers to itself through `{{{{…}}}}` ({} → {name})",
                        within.join(" → ")
                    ));
                }
                within.push(name);
                expand(p, lists, within, out)?;
                within.pop();
            }
        }
        out.push(')');
        if out.len() > MAX_EXPANDED {
            return Err(format!(
                "`{{{{{name}}}}}` makes this regex longer than {} KB",
                MAX_EXPANDED / 1024
            ));
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    Ok(())
}

/// The regex `compile` builds from `source`, as one line `rg -f` reads.
pub fn export(source: &str, case_sensitive: bool) -> String {
    let flags = if case_sensitive { "" } else { "(?i)" };
    format!("{flags}{}", unnamed_groups(&compiled_source(source)))
}

/// `source` with each named group `(?P<name>…)` or `(?<name>…)` made a plain group `(?:…)`.
pub fn unnamed_groups(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(i) = rest.find(['\\', '(']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(escaped) = tail.strip_prefix('\\') {
            let n = escaped.chars().next().map_or(0, char::len_utf8);
            out.push_str(&tail[..=n]);
            rest = &escaped[n..];
            continue;
        }
        let named = tail
            .strip_prefix("(?P<")
            .or_else(|| tail.strip_prefix("(?<"))
            .and_then(|t| t.find('>').map(|close| &t[close + 1..]));
        if let Some(after) = named {
            out.push_str("(?:");
            rest = after;
        } else {
            out.push('(');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The source a regex is compiled from: what `compile` builds, and what is exported.
fn compiled_source(source: &str) -> String {
    ascii_word_boundaries(source)
}

/// Compiles one regex with the project's limits.
pub fn compile(source: &str, case_sensitive: bool) -> Result<Regex, String> {
    RegexBuilder::new(&compiled_source(source))
        .case_insensitive(!case_sensitive)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("regex is too big: it would compile to more than {limit} bytes")
            }
            other => other.to_string(),
        })
}

/// Rewrites `\b` as the ASCII word boundary. A Unicode `\b` stops the regex crate's fast DFA
/// on any non-ASCII text, and news copy is full of curly quotes and dashes.
fn ascii_word_boundaries(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') if chars.peek() != Some(&'{') => out.push_str("(?-u:\\b)"),
                Some(n) => {
                    out.push(c);
                    out.push(n);
                }
                None => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// One regex from `source`: its syntax tree read now (for syntax errors and the gate's
/// anchors), the regex compiled now or on first use.
fn pattern(source: String, case_sensitive: bool, when: Compile) -> Result<Pattern, String> {
    let ast = regex_syntax::ast::parse::Parser::new()
        .parse(&compiled_source(&source))
        .map_err(|e| e.to_string())?;
    let compiled = OnceLock::new();
    if when == Compile::Now {
        let re = compile(&source, case_sensitive)?;
        if re.is_match("") {
            return Err(
                "this pattern matches the empty string, so it would match everywhere".into(),
            );
        }
        let _ = compiled.set(Some(with_span(re)));
    }
    Ok(Pattern {
        anchors: super::gate::anchors(&ast),
        source,
        case_sensitive,
        id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        compiled: Arc::new(compiled),
    })
}

/// Builds a matcher from literal `words` and regex `patterns` (which may use `{{list}}`).
/// Errors name the offending entry: words first, then patterns.
pub fn build(
    words: &[String],
    patterns: &[String],
    case_sensitive: bool,
    lists: &Lists,
    when: Compile,
) -> Result<Matcher, Vec<PatternError>> {
    let mut compiled = Vec::new();
    let mut errors = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if w.trim().is_empty() {
            errors.push(PatternError {
                index: i,
                message: "an empty word would match everywhere".into(),
            });
        }
    }
    if errors.is_empty() && !words.is_empty() {
        let short = words.iter().map(String::len).sum::<usize>() <= LAZY_WORDS;
        let when = if short { Compile::OnFirstUse } else { when };
        match pattern(words_regex(words), case_sensitive, when) {
            Ok(p) => compiled.push(p),
            Err(message) => errors.push(PatternError { index: 0, message }),
        }
    }
    for (i, p) in patterns.iter().enumerate() {
        let index = words.len() + i;
        match expand_lists(p, lists).and_then(|src| pattern(src, case_sensitive, when)) {
            Ok(p) => compiled.push(p),
            Err(message) => errors.push(PatternError { index, message }),
        }
    }
    if errors.is_empty() {
        Ok(Matcher { patterns: compiled })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_across_line_breaks_and_apostrophes() {
        let m = build(
            &["world's largest".into(), "high-stakes".into()],
            &[],
            false,
            &Lists::new(),
            Compile::Now,
        )
        .unwrap();
        let text = "the World’s\n   largest fleet, a high-stakes trip";
        let found = m.find(text);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].clone()], "World’s\n   largest");
    }

    #[test]
    fn exported_patterns_have_no_named_groups() {
        assert_eq!(
            unnamed_groups(r"a(?P<span>b)\(?P<x>(?<y>c)[(]"),
            r"a(?:b)\(?P<x>(?:c)[(]"
        );
        let m = build(&["it's".into()], &[], false, &Lists::new(), Compile::Now).unwrap();
        assert_eq!(
            m.exported().collect::<Vec<_>>(),
            [r"(?i)(?:(?-u:\b)it['’]s(?-u:\b))"]
        );
    }

    #[test]
    fn lists_expand_and_unknown_lists_are_errors() {
        let mut lists = Lists::new();
        lists.insert(
            "who".into(),
            Named::Words(vec!["an official".into(), "a diplomat".into()]),
        );
        lists.insert("cue".into(), Named::Pattern(r"said\s+{{who}}".into()));
        lists.insert("loop".into(), Named::Pattern("a{{loop}}".into()));
        let m = build(&[], &[r"said {{who}}".into()], false, &lists, Compile::Now).unwrap();
        assert_eq!(m.find("then said a  diplomat.").len(), 1);
        let m = build(&[], &[r"^{{cue}}\.".into()], false, &lists, Compile::Now).unwrap();
        assert_eq!(m.find("said an official.").len(), 1);
        let err = build(&[], &["{{nope}}".into()], false, &lists, Compile::Now).unwrap_err();
        assert_eq!(
            err[0].message,
            "unknown list `nope`; the lists and patterns are: cue, loop, who"
        );
        let err = build(&[], &["{{loop}}".into()], false, &lists, Compile::Now).unwrap_err();
        assert_eq!(
            err[0].message,
            "the pattern `loop` refers to itself through `{{…}}` (loop → loop)"
        );
        // Each entry using the next a dozen times grows the regex twelvefold a level.
        let mut lists = Lists::new();
        lists.insert("p0".into(), Named::Pattern("xyz".into()));
        for i in 1..8 {
            let prev = format!("{{{{p{}}}}}", i - 1);
            lists.insert(format!("p{i}"), Named::Pattern(prev.repeat(12)));
        }
        let err = build(&[], &["{{p7}}".into()], false, &lists, Compile::Now).unwrap_err();
        assert!(
            err[0]
                .message
                .ends_with("makes this regex longer than 1024 KB"),
            "{}",
            err[0].message
        );
    }
}
