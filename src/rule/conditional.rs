//! `conditional`: a pattern present in the rule's scope while another is absent from it, such
//! as a claim with no attribution in its sentence, or an accusation with no reply in the story.

use super::pattern::Matcher;
use super::{Check, Hit, Scope, admitted, find_in_block};
use crate::analysis::Analysis;

/// Flags matches of `matcher` whose unit (sentence, paragraph, quotation or document) holds no
/// match of `absent`.
#[derive(Debug)]
pub struct Conditional {
    /// The trigger.
    pub matcher: Matcher,
    /// What must be absent from the trigger's unit for it to be flagged.
    pub absent: Matcher,
    /// Triggers overlapping one of these are not flagged.
    pub exceptions: Matcher,
    /// Where to look for `absent`, when not in the rule's own scope unit (a quotation's
    /// sentence, say).
    pub absent_in: Option<Scope>,
}

impl Check for Conditional {
    fn check(&self, a: &Analysis, scope: Scope, out: &mut Vec<Hit>) {
        let mut document_absent: Option<Vec<(usize, std::ops::Range<usize>)>> = None;
        for (b, block) in a.doc.blocks.iter().enumerate() {
            let found = find_in_block(a, scope, &self.matcher, b);
            if found.is_empty() {
                continue;
            }
            let exceptions = self.exceptions.find(&block.text);
            for r in found {
                let Some(place) = admitted(a, scope, &self.exceptions, b, r, &exceptions) else {
                    continue;
                };
                // What the trigger itself matched does not count as the absent pattern
                // ("is said to" is no attribution).
                let elsewhere = |block: usize, text: &str, offset: usize| {
                    self.absent.find(text).iter().any(|r| {
                        let r = offset + r.start..offset + r.end;
                        block != place.block
                            || r.end <= place.range.start
                            || place.range.end <= r.start
                    })
                };
                let present = match self.absent_in.unwrap_or(scope).unit(a, &place) {
                    Some(unit) => elsewhere(
                        unit.block,
                        &a.doc.blocks[unit.block].text[unit.range.clone()],
                        unit.range.start,
                    ),
                    None => document_absent
                        .get_or_insert_with(|| {
                            a.doc
                                .blocks
                                .iter()
                                .enumerate()
                                .flat_map(|(b, blk)| {
                                    self.absent.find(&blk.text).into_iter().map(move |r| (b, r))
                                })
                                .collect::<Vec<_>>()
                        })
                        .iter()
                        .any(|(b, r)| {
                            *b != place.block
                                || r.end <= place.range.start
                                || place.range.end <= r.start
                        }),
                };
                if !present {
                    out.push(Hit::at(place));
                }
            }
        }
    }
}
