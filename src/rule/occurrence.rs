//! `occurrence`: how often something occurs in a unit (words in a sentence, hype words in a
//! paragraph), flagged above `max` or below `min`.

use super::pattern::Matcher;
use super::{Check, Hit, Scope};
use crate::analysis::{Analysis, Place};

/// Counts matches of `matcher` (or words, when it is empty) in each unit of the scope.
#[derive(Debug)]
pub struct Occurrence {
    /// What to count; empty means words.
    pub matcher: Matcher,
    /// Flag a unit with more than this many.
    pub max: Option<usize>,
    /// Flag a unit with fewer than this many.
    pub min: Option<usize>,
}

impl Occurrence {
    fn count(&self, a: &Analysis, block: usize, text: &str) -> Vec<std::ops::Range<usize>> {
        if self.matcher.is_empty() {
            words(text)
        } else {
            self.matcher.find_in(a, block, text)
        }
    }
}

impl Check for Occurrence {
    fn matchers(&self) -> Vec<&Matcher> {
        vec![&self.matcher]
    }

    fn check(&self, a: &Analysis, scope: Scope, out: &mut Vec<Hit>) {
        let units = if scope == Scope::Document {
            (0..a.doc.blocks.len())
                .map(|b| Place {
                    block: b,
                    range: 0..a.doc.blocks[b].text.len(),
                })
                .collect()
        } else {
            scope.units(a)
        };
        let mut counted: Vec<Place> = Vec::new();
        let flush = |counted: &mut Vec<Place>, unit: Option<Place>, out: &mut Vec<Hit>| {
            let n = counted.len();
            if let Some(max) = self.max.filter(|&m| n > m) {
                // Point at the first one over the limit; the earlier ones explain it.
                let mut hit = Hit::at(counted[max].clone());
                if !self.matcher.is_empty() {
                    hit.secondary = counted[..max]
                        .iter()
                        .map(|p| (p.clone(), "counted here".to_string()))
                        .collect();
                }
                if self.matcher.is_empty() {
                    if let Some(unit) = unit {
                        hit.place = unit;
                    }
                }
                out.push(hit);
            } else if self.min.is_some_and(|m| n < m) {
                if let Some(unit) = unit {
                    out.push(Hit::at(unit));
                }
            }
            counted.clear();
        };
        for unit in &units {
            let text = &a.doc.blocks[unit.block].text[unit.range.clone()];
            let mut found: Vec<Place> = self
                .count(a, unit.block, text)
                .into_iter()
                .map(|r| Place {
                    block: unit.block,
                    range: unit.range.start + r.start..unit.range.start + r.end,
                })
                .collect();
            if scope == Scope::OutsideQuotations {
                found.retain(|p| !a.touches_quotation(p));
            }
            counted.extend(found);
            if scope != Scope::Document {
                flush(&mut counted, Some(unit.clone()), out);
            }
        }
        if scope == Scope::Document {
            let first = units.first().cloned();
            flush(&mut counted, first, out);
        }
    }
}

/// The words of `text`: runs of letters, digits, apostrophes and inner hyphens.
pub fn words(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || (start.is_some() && matches!(c, '\'' | '’' | '-'));
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    // A trailing apostrophe or hyphen belongs to punctuation, not the word.
    for r in &mut out {
        while text[r.clone()].ends_with(['\'', '’', '-']) {
            let last = text[r.clone()]
                .chars()
                .next_back()
                .map_or(1, char::len_utf8);
            r.end -= last;
        }
    }
    out
}
