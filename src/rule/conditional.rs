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
        let mut document_has_absent = None;
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
                let present = match self.absent_in.unwrap_or(scope).unit(a, &place) {
                    Some(unit) => self
                        .absent
                        .is_match(&a.doc.blocks[unit.block].text[unit.range]),
                    None => *document_has_absent.get_or_insert_with(|| {
                        a.doc
                            .blocks
                            .iter()
                            .any(|blk| self.absent.is_match(&blk.text))
                    }),
                };
                if !present {
                    out.push(Hit::at(place));
                }
            }
        }
    }
}
