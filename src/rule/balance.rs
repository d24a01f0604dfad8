//! `balance`: sourcing measured over the whole story, from the source ledger. A newsroom sets
//! the measure and the limit: the share of unnamed sources, the number of named sources, or the
//! share of all quotations one source carries.

use std::ops::Range;

use super::pattern::Matcher;
use super::{Check, Hit, Scope, overlaps_any};
use crate::analysis::{Analysis, Place};
use crate::attribution::{self, CueKind, Source, SourceClass};

/// What a `balance` rule measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// The share of the story's sources in the rule's classes (anonymous and vague by default).
    UnnamedShare,
    /// How many named sources the story has.
    NamedSources,
    /// The largest share of the story's quotations that one source carries.
    SourceShare,
}

impl Measure {
    /// The names used in rule files.
    pub const NAMES: &'static [&'static str] = &["unnamed-share", "named-sources", "source-share"];

    /// Parses a measure name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "unnamed-share" => Some(Measure::UnnamedShare),
            "named-sources" => Some(Measure::NamedSources),
            "source-share" => Some(Measure::SourceShare),
            _ => None,
        }
    }
}

/// Flags a story whose sourcing, as a whole, is outside the rule's limits.
#[derive(Debug)]
pub struct Balance {
    /// What is measured.
    pub measure: Measure,
    /// For `unnamed-share`, the classes that count as unnamed.
    pub classes: Vec<SourceClass>,
    /// For `named-sources`, the fewest named sources a story may have.
    pub min: Option<usize>,
    /// For the shares, the largest share allowed (0 to 1).
    pub max_share: Option<f64>,
    /// Stories with fewer distinct sources (or, for `source-share`, fewer quotations) are not
    /// judged: a brief with two sources is not unbalanced.
    pub min_sources: usize,
    /// The kinds of cue whose sources count: a group that only criticises or calls for
    /// something ("Sanders supporters have long called for her ouster") is the story's subject.
    pub cues: Vec<CueKind>,
    /// Anything matching this anywhere in the story excuses it: a blanket note ("like all
    /// respondents, responded anonymously") says why its sources are unnamed.
    pub absent_story: Matcher,
    /// A source each of whose phrases overlaps one of these is left out of the count: the
    /// signers of a public letter or a party's lawyers speak on the record, unnamed or not.
    pub exceptions: Matcher,
}

impl Check for Balance {
    fn matchers(&self) -> Vec<&Matcher> {
        vec![&self.absent_story, &self.exceptions]
    }

    fn reads_ledger(&self) -> bool {
        true
    }

    fn check(&self, a: &Analysis, _scope: Scope, out: &mut Vec<Hit>) {
        if self.absent_story.is_match_anywhere(a) {
            return;
        }
        let ledger = a.attributions();
        let mut sources = attribution::group_by(a, ledger, &self.cues);
        if !self.exceptions.is_empty() {
            // Found once per block, and only in blocks that name a source.
            let mut found: Vec<Option<Vec<Range<usize>>>> = vec![None; a.doc.blocks.len()];
            let mut excepted = |p: &Place| {
                let ranges = found[p.block].get_or_insert_with(|| {
                    self.exceptions
                        .find_in(a, p.block, &a.doc.blocks[p.block].text)
                });
                overlaps_any(ranges, &p.range)
            };
            sources.retain(|s| {
                let phrases: Vec<&Place> = s
                    .names
                    .iter()
                    .filter_map(|&i| ledger[i].source.as_ref())
                    .collect();
                phrases.is_empty() || !phrases.into_iter().all(&mut excepted)
            });
        }
        let first = |s: &Source| s.first_written(ledger).cloned();
        let hit = match self.measure {
            Measure::UnnamedShare => {
                if sources.len() < self.min_sources {
                    return;
                }
                let unnamed: Vec<&Source> = sources
                    .iter()
                    .filter(|s| self.classes.contains(&s.class))
                    .collect();
                if !exceeds(unnamed.len(), sources.len(), self.max_share) {
                    return;
                }
                let mut places = unnamed.iter().filter_map(|s| first(s));
                let Some(primary) = places.next() else { return };
                let mut hit = Hit::at(primary);
                hit.secondary = places.map(|p| (p, "unnamed source".to_string())).collect();
                hit.count = Some((unnamed.len(), sources.len()));
                hit
            }
            Measure::NamedSources => {
                if sources.len() < self.min_sources {
                    return;
                }
                let named: Vec<&Source> = sources
                    .iter()
                    .filter(|s| s.class == SourceClass::Named)
                    .collect();
                if named.len() >= self.min.unwrap_or(0) {
                    return;
                }
                // The first source that is not named is where the reader starts to wonder.
                let Some(primary) = sources
                    .iter()
                    .find(|s| s.class != SourceClass::Named)
                    .and_then(first)
                else {
                    return;
                };
                let mut hit = Hit::at(primary);
                hit.secondary = named
                    .iter()
                    .filter_map(|s| first(s))
                    .map(|p| (p, "named source".to_string()))
                    .collect();
                hit.count = Some((named.len(), sources.len()));
                hit
            }
            Measure::SourceShare => {
                let quoted = |s: &Source| -> Vec<usize> {
                    s.attributions
                        .iter()
                        .copied()
                        .filter(|&i| ledger[i].quoted)
                        .collect()
                };
                let total: usize = sources.iter().map(|s| quoted(s).len()).sum();
                if total < self.min_sources {
                    return;
                }
                let Some(top) = sources.iter().rev().max_by_key(|s| quoted(s).len()) else {
                    return;
                };
                let carried = quoted(top).len();
                if !exceeds(carried, total, self.max_share) {
                    return;
                }
                let Some(primary) = first(top) else { return };
                let mut hit = Hit::at(primary);
                hit.secondary = quoted(top)
                    .into_iter()
                    .filter_map(|i| ledger[i].content.clone())
                    .map(|p| (p, "quoted here".to_string()))
                    .collect();
                hit.count = Some((carried, total));
                hit
            }
        };
        out.push(hit);
    }
}

/// Whether `part` of `whole` is more than `max` of it.
#[allow(clippy::cast_precision_loss)] // counts of sources are far below 2^52
fn exceeds(part: usize, whole: usize, max: Option<f64>) -> bool {
    whole > 0 && max.is_some_and(|m| part as f64 / whole as f64 > m)
}
