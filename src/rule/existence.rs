//! `existence`: a word, phrase or pattern that should not appear.

use super::pattern::Matcher;
use super::{Check, Hit, Scope, admitted, find_in_block};
use crate::analysis::Analysis;

/// Flags every match of its words and patterns not covered by an exception.
#[derive(Debug)]
pub struct Existence {
    /// What to flag.
    pub matcher: Matcher,
    /// Matches overlapping one of these are not flagged.
    pub exceptions: Matcher,
}

impl Check for Existence {
    fn matchers(&self) -> Vec<&Matcher> {
        vec![&self.matcher, &self.exceptions]
    }

    fn check(&self, a: &Analysis, scope: Scope, out: &mut Vec<Hit>) {
        for (b, block) in a.doc.blocks.iter().enumerate() {
            let found = find_in_block(a, scope, &self.matcher, b);
            if found.is_empty() {
                continue;
            }
            let exceptions = self.exceptions.find_in(a, b, &block.text);
            out.extend(
                found
                    .into_iter()
                    .filter_map(|r| admitted(a, scope, &self.exceptions, b, r, &exceptions))
                    .map(Hit::at),
            );
        }
    }
}
