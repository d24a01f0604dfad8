//! `substitution`: a phrase with a preferred replacement, which becomes the diagnostic's fix.

use super::pattern::Matcher;
use super::{Check, Hit, Scope, admitted};
use crate::analysis::Analysis;

/// Flags each phrase of `swap` and suggests its replacement.
#[derive(Debug)]
pub struct Substitution {
    /// One matcher per phrase, in the same order as `replacements`.
    pub phrases: Vec<Matcher>,
    /// The preferred wording for each phrase.
    pub replacements: Vec<String>,
    /// Matches overlapping one of these are not flagged.
    pub exceptions: Matcher,
}

impl Check for Substitution {
    fn matchers(&self) -> Vec<&Matcher> {
        self.phrases.iter().chain([&self.exceptions]).collect()
    }

    fn check(&self, a: &Analysis, scope: Scope, out: &mut Vec<Hit>) {
        for (b, block) in a.doc.blocks.iter().enumerate() {
            let mut exceptions = None;
            for (matcher, replacement) in self.phrases.iter().zip(&self.replacements) {
                let found = matcher.find_in(a, b, &block.text);
                if found.is_empty() {
                    continue;
                }
                let exceptions =
                    exceptions.get_or_insert_with(|| self.exceptions.find_in(a, b, &block.text));
                for r in found {
                    let matched = &block.text[r.clone()];
                    let replacement = match_case(matched, replacement);
                    if let Some(place) = admitted(a, scope, &self.exceptions, b, r, exceptions) {
                        out.push(Hit {
                            replacement: Some(replacement),
                            ..Hit::at(place)
                        });
                    }
                }
            }
        }
        out.sort_by_key(|h| (h.place.block, h.place.range.start));
    }
}

/// Gives `replacement` the capitalisation of `matched`: "Slammed" → "Criticized".
fn match_case(matched: &str, replacement: &str) -> String {
    let capitalised = matched.chars().next().is_some_and(char::is_uppercase);
    let all_caps = matched.chars().filter(|c| c.is_alphabetic()).count() > 1
        && matched
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if all_caps {
        replacement.to_uppercase()
    } else if capitalised {
        let mut chars = replacement.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        replacement.to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn replacement_follows_capitalisation() {
        assert_eq!(super::match_case("Slammed", "criticized"), "Criticized");
        assert_eq!(super::match_case("SLAMMED", "criticized"), "CRITICIZED");
        assert_eq!(super::match_case("slammed", "criticized"), "criticized");
    }
}
