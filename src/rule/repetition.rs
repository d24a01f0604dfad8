//! `repetition`: the same word twice in a row ("the the"), across line breaks too.

use super::occurrence::words;
use super::pattern::Matcher;
use super::{Check, Hit, Scope, admitted};
use crate::analysis::{Analysis, Place};

/// Flags the second of two identical adjacent words, unless an exception covers the pair.
#[derive(Debug)]
pub struct Repetition {
    /// Pairs overlapping one of these ("had had", "that that") are not flagged.
    pub exceptions: Matcher,
}

impl Check for Repetition {
    fn matchers(&self) -> Vec<&Matcher> {
        vec![&self.exceptions]
    }

    fn check(&self, a: &Analysis, scope: Scope, out: &mut Vec<Hit>) {
        for (b, block) in a.doc.blocks.iter().enumerate() {
            let text = &block.text;
            let ws = words(text);
            let exceptions = self.exceptions.find_in(a, b, text);
            for pair in ws.windows(2) {
                let (first, second) = (&pair[0], &pair[1]);
                let between = &text[first.end..second.start];
                let same =
                    text[first.clone()].to_lowercase() == text[second.clone()].to_lowercase();
                if !same || between.is_empty() || !between.chars().all(char::is_whitespace) {
                    continue;
                }
                if admitted(
                    a,
                    scope,
                    &self.exceptions,
                    b,
                    first.start..second.end,
                    &exceptions,
                )
                .is_none()
                {
                    continue;
                }
                // The fix removes the space and the second word, leaving one clean word.
                let mut hit = Hit::at(Place {
                    block: b,
                    range: first.end..second.end,
                });
                hit.replacement = Some(String::new());
                hit.secondary = vec![(
                    Place {
                        block: b,
                        range: first.clone(),
                    },
                    "first here".to_string(),
                )];
                out.push(hit);
            }
        }
    }
}
