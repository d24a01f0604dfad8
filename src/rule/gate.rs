//! The gate: one scan of a block for the literal words every regex of every rule needs, so
//! only the regexes that can match are run there (and compiled at all: most never are on a
//! short story).
//!
//! For each regex, [`anchors`] reads from its syntax a set of strings one of which every match
//! contains. One Aho-Corasick automaton over all of them finds, per block, which regexes are
//! worth running. The anchors are ASCII and matched ASCII-case-insensitively; the only other
//! characters Unicode case folding maps onto ASCII letters are [`FOLDS_TO_ASCII`], and a block
//! holding one of those runs every regex.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::ast::{Ast, RepetitionKind, RepetitionRange};

use super::pattern::Matcher;

/// Anchors shorter than this occur nearly everywhere: such a regex is always run.
const MIN_ANCHOR: usize = 3;

/// Non-ASCII characters that case-insensitive matching equates with ASCII letters: the long
/// s (ſ, as `s`) and the Kelvin sign (K, as `k`).
const FOLDS_TO_ASCII: [char; 2] = ['\u{17F}', '\u{212A}'];

/// Which regexes may match in a block.
#[derive(Debug)]
pub enum Candidates {
    /// Every regex (the block holds a character the anchors cannot see).
    All,
    /// The ids of the gated regexes whose anchors occur, sorted.
    Found(Vec<u32>),
}

/// One automaton over the anchors of every gated regex of a linter's rules.
#[derive(Debug)]
pub struct Gate {
    automaton: AhoCorasick,
    /// For each anchor, the regexes it stands for.
    owners: Vec<Vec<u32>>,
    /// Every gated regex's id, sorted: any other regex is always run.
    known: Vec<u32>,
}

impl Gate {
    /// The gate for `matchers`; `None` when none of their regexes has anchors.
    pub fn new<'a>(matchers: impl IntoIterator<Item = &'a Matcher>) -> Option<Self> {
        let mut anchors: Vec<String> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut owners: Vec<Vec<u32>> = Vec::new();
        let mut known = Vec::new();
        for (id, words) in matchers.into_iter().flat_map(Matcher::anchors) {
            known.push(id);
            for w in words {
                let at = *index.entry(w.clone()).or_insert_with(|| {
                    anchors.push(w.clone());
                    owners.push(Vec::new());
                    owners.len() - 1
                });
                owners[at].push(id);
            }
        }
        if anchors.is_empty() {
            return None;
        }
        known.sort_unstable();
        known.dedup();
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&anchors)
            .ok()?;
        Some(Self {
            automaton,
            owners,
            known,
        })
    }

    /// The regexes that may match somewhere in `text`.
    pub fn candidates(&self, text: &str) -> Candidates {
        if text.contains(FOLDS_TO_ASCII) {
            return Candidates::All;
        }
        let mut seen = vec![false; self.owners.len()];
        let mut found = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let anchor = m.pattern().as_usize();
            if !std::mem::replace(&mut seen[anchor], true) {
                found.extend_from_slice(&self.owners[anchor]);
            }
        }
        found.sort_unstable();
        found.dedup();
        Candidates::Found(found)
    }

    /// Whether the regex `id` may match where `candidates` were found.
    pub fn may_match(&self, candidates: &Candidates, id: u32) -> bool {
        match candidates {
            Candidates::All => true,
            Candidates::Found(found) => {
                self.known.binary_search(&id).is_err() || found.binary_search(&id).is_ok()
            }
        }
    }
}

/// Strings (lower-case ASCII) one of which every match of `ast` contains, or `None` when there
/// are none worth looking for. Read from the syntax tree, before case folding and Unicode
/// classes are worked out, which is most of what compiling a regex costs: a regex that is
/// never needed is never translated.
pub fn anchors(ast: &Ast) -> Option<Vec<String>> {
    required(ast).filter(|set| set.iter().all(|s| s.len() >= MIN_ANCHOR))
}

/// The best set of required strings: for a concatenation, the longest literal run or the
/// best required set of a part; for an alternation, the union of every branch's.
fn required(ast: &Ast) -> Option<Vec<String>> {
    match ast {
        Ast::Literal(_) | Ast::Concat(_) => {
            let mut best = Best::default();
            let parts = match ast {
                Ast::Concat(c) => c.asts.as_slice(),
                _ => std::slice::from_ref(ast),
            };
            for p in parts {
                match p {
                    // Zero-width: the text on either side is contiguous.
                    Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_) => {}
                    Ast::Literal(lit) if lit.c.is_ascii() => {
                        best.run.push(lit.c.to_ascii_lowercase());
                    }
                    // Not ASCII (a curly quotation mark): it breaks the run, and is no anchor.
                    Ast::Literal(_) => best.end_run(),
                    _ => {
                        best.end_run();
                        if let Some(set) = required(p) {
                            best.consider(set);
                        }
                    }
                }
            }
            best.end_run();
            best.set
        }
        Ast::Group(g) => required(&g.ast),
        Ast::Repetition(rep) => {
            let at_least_once = match &rep.op.kind {
                RepetitionKind::OneOrMore => true,
                RepetitionKind::Range(
                    RepetitionRange::Exactly(n)
                    | RepetitionRange::AtLeast(n)
                    | RepetitionRange::Bounded(n, _),
                ) => *n >= 1,
                RepetitionKind::ZeroOrOne | RepetitionKind::ZeroOrMore => false,
            };
            if at_least_once {
                required(&rep.ast)
            } else {
                None
            }
        }
        Ast::Alternation(alt) => {
            let mut all = Vec::new();
            for b in &alt.asts {
                all.extend(required(b)?);
            }
            all.sort_unstable();
            all.dedup();
            Some(all)
        }
        _ => None,
    }
}

/// The most selective required set of a concatenation so far, and the literal run being read.
#[derive(Default)]
struct Best {
    set: Option<Vec<String>>,
    run: String,
}

impl Best {
    fn consider(&mut self, set: Vec<String>) {
        if self.set.as_ref().is_none_or(|b| score(&set) > score(b)) {
            self.set = Some(set);
        }
    }

    fn end_run(&mut self) {
        if !self.run.is_empty() {
            let run = std::mem::take(&mut self.run);
            self.consider(vec![run]);
        }
    }
}

/// How selective a set of required strings is: its shortest string, then fewer strings.
fn score(set: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    (
        set.iter().map(String::len).min().unwrap_or(0),
        std::cmp::Reverse(set.len()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchors_of(pattern: &str) -> Option<Vec<String>> {
        anchors(
            &regex_syntax::ast::parse::Parser::new()
                .parse(pattern)
                .unwrap(),
        )
    }

    #[test]
    fn anchors_are_what_every_match_contains() {
        assert_eq!(
            anchors_of(r"\bthe\s+(?:world|planet)['’]s\s+largest"),
            Some(vec!["largest".to_string()])
        );
        assert_eq!(
            anchors_of(r"(?-u:\b)(?:said|told|according\s+to)(?-u:\b)"),
            Some(vec!["according".into(), "said".into(), "told".into()])
        );
        // An optional part, or a branch with nothing to look for, gives no anchors.
        assert_eq!(anchors_of(r"(?:kremlin)?\s+x"), None);
        assert_eq!(anchors_of(r"said|\p{L}+"), None);
        assert_eq!(anchors_of(r"it\s+is"), None);
        // A pattern made of a quotation mark alone, or led by one, needs no anchor (and
        // once recursed without end).
        assert_eq!(anchors_of("’"), None);
        assert_eq!(anchors_of("‘review’"), Some(vec!["review".to_string()]));
    }

    #[test]
    fn a_block_with_a_long_s_runs_everything() {
        let m = super::super::pattern::build(
            &["stakes".into()],
            &[],
            false,
            &super::super::pattern::Lists::new(),
            super::super::pattern::Compile::Now,
        )
        .unwrap();
        let gate = Gate::new([&m]).unwrap();
        let id = m.anchors().next().unwrap().0;
        assert!(!gate.may_match(&gate.candidates("no match here"), id));
        assert!(gate.may_match(&gate.candidates("HIGH STAKES"), id));
        assert!(gate.may_match(&gate.candidates("high ſtakes"), id));
    }
}
