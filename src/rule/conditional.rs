//! `conditional`: a pattern present in the rule's scope while another is absent from it, such
//! as a claim with no attribution in its sentence, or an accusation with no reply in the story.

use std::ops::Range;

use super::pattern::Matcher;
use super::{
    Check, Hit, Scope, SourcedCues, admitted, find_in_block, next_paragraphs,
    previous_sentence_matches,
};
use crate::analysis::Analysis;
use crate::attribution::SourceClass;

/// Flags matches of `matcher` whose unit (sentence, paragraph, quotation or document) holds no
/// match of `absent`.
#[derive(Debug)]
pub struct Conditional {
    /// The trigger.
    pub matcher: Matcher,
    /// What must be absent from the trigger's unit for it to be flagged.
    pub absent: Matcher,
    /// Anything matching this anywhere in the story excuses every trigger in it: a blanket
    /// note ("like all respondents, responded anonymously") explains them all.
    pub absent_story: Matcher,
    /// Nor may the unit hold an attribution (the writer's, of saying or thinking) whose source
    /// is of one of these classes: "Clinton decried “systemic racism”" quotes a speaker.
    pub absent_sources: Vec<SourceClass>,
    /// Nor an attribution of one of these classes whose cue comes before the trigger in its
    /// unit: the trigger is then in what it reports ("partisans who consider his achievements
    /// historic"), while a cue after it ("The deal is historic, and critics say it costs too
    /// much") leaves the trigger the writer's.
    pub absent_sources_before: Vec<SourceClass>,
    /// The kinds of cue whose attributions `absent_sources` and `absent_sources_before` count.
    pub absent_cues: Vec<crate::attribution::CueKind>,
    /// Triggers overlapping one of these are not flagged.
    pub exceptions: Matcher,
    /// Where to look for `absent`, when not in the rule's own scope unit (a quotation's
    /// sentence, say).
    pub absent_in: Option<Scope>,
    /// How many paragraphs after the unit also count as the unit.
    pub absent_next: usize,
    /// What, in the sentence before the trigger's (the last of the paragraph before, when the
    /// trigger's opens its paragraph), also excuses it: the report a "reportedly" means, named
    /// just before ("Norvell Rose, reporting for Western Journalism, …" / "A revolt reportedly
    /// began").
    pub absent_previous: Matcher,
    /// Whether a name in the trigger ("accused Sanders of") that the story quotes or cites
    /// after it also excuses it: the accused has had a voice.
    pub reply_from_named: bool,
    /// Whether a person the story names and describes by the trigger's group word ("Analysts
    /// say …" and, anywhere, "Jan Hatzius, an analyst at Goldman Sachs") excuses it: the
    /// group has a member the reader can weigh.
    pub absent_members: bool,
}

/// The group words of the lexicon in `matched` ("critics", "economists"), in the singular, the
/// way a named member is described ("an economist at MIT").
fn group_words(matched: &str, a: &Analysis) -> Vec<String> {
    let lexicon = a.lexicon();
    matched
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| {
            w.len() > 3
                && w.ends_with('s')
                && (lexicon.groups.contains(w) || lexicon.roles.contains(w))
        })
        // "authorities" → "authority", "analysts" → "analyst".
        .map(|w| match w.strip_suffix("ies") {
            Some(stem) => format!("{stem}y"),
            None => w[..w.len() - 1].to_string(),
        })
        .collect()
}

/// Whether the story names a member of the group `word` (singular, lower case) anywhere:
/// "David Autor, an economist at M.I.T.", "Jan Hatzius, the chief economist", "economist
/// Jan Hatzius", whether or not it quotes them. Each use of the word is looked at, not the
/// whole story with a pattern per word: a story kept on one line may be megabytes.
fn names_a_member(a: &Analysis, word: &str) -> bool {
    // "Name Surname, a … expert": a name of two capitalised words (not "In London,"), a comma,
    // an article and up to four words.
    static BEFORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(\p{Lu}[\p{L}'’.-]*)\s+\p{Lu}[\p{L}'’.-]+,\s+(?:an?|the|one|another)\s+(?:[\p{L}.'’-]+\s+){0,4}$",
        )
        .unwrap_or_else(|e| unreachable!("valid regex: {e}"))
    });
    // "expert Jan Hatzius": the word, then a name of two capitalised words.
    static AFTER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\s+\p{Lu}[\p{L}'’.-]+\s+\p{Lu}")
            .unwrap_or_else(|e| unreachable!("valid regex: {e}"))
    });
    // "One of those economists is former Federal Reserve chairman Ben Bernanke": the plural,
    // after "one of those", then "is" and a name within a few words.
    static ONE_OF: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\bone\s+of\s+(?:those|these|the)\s+(?:[\p{L}-]+\s+)?$")
            .unwrap_or_else(|e| unreachable!("valid regex: {e}"))
    });
    static IS_NAMED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\s+(?:is|was)\s+(?:[\p{L}.'’-]+\s+){0,5}?\p{Lu}[\p{L}'’.-]+\s+\p{Lu}")
            .unwrap_or_else(|e| unreachable!("valid regex: {e}"))
    });
    let w = word.as_bytes();
    a.doc.blocks.iter().any(|b| {
        let (text, bytes) = (&b.text, b.text.as_bytes());
        let letter = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
        // Each whole use of the word, any case, plural or not ("Experts", "expert").
        (0..bytes.len().saturating_sub(w.len().saturating_sub(1))).any(|i| {
            if !bytes[i..i + w.len()].eq_ignore_ascii_case(w) || (i > 0 && letter(i - 1)) {
                return false;
            }
            let end = i + w.len();
            let plural = bytes
                .get(end)
                .is_some_and(|c| c.eq_ignore_ascii_case(&b's'));
            if letter(end + usize::from(plural)) {
                return false;
            }
            let from = crate::source::floor_char_boundary(text, i.saturating_sub(120));
            let to = crate::source::floor_char_boundary(text, end + 60);
            // Not an opening adverbial or a sentence's first word: "In London, an analyst",
            // "Still, the experts".
            let named_before = BEFORE.captures(&text[from..i]).is_some_and(|c| {
                let first = c.get(1).map_or("", |m| m.as_str()).to_lowercase();
                !crate::attribution::OPENERS.contains(&first.as_str())
                    && !matches!(
                        first.as_str(),
                        "still" | "but" | "and" | "the" | "this" | "that" | "last" | "next"
                    )
            });
            let one_of = || {
                ONE_OF.is_match(&text[from..i])
                    && IS_NAMED
                        .is_match(&text[crate::source::floor_char_boundary(text, end + 1)..to])
            };
            if plural {
                one_of()
            } else {
                named_before || AFTER.is_match(&text[end..to])
            }
        })
    })
}

/// The capitalised words of `matched` after its first word ("accused Bernie Sanders of" →
/// Bernie, Sanders), possessives trimmed: the names an accusation is made against.
fn names_in(matched: &str) -> Vec<&str> {
    matched
        .split_whitespace()
        .skip(1)
        .map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w)
        })
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter(|w| !matches!(*w, "The" | "A" | "An" | "His" | "Her" | "Their" | "Its"))
        .collect()
}

/// The words of the named sources of the writer's attributions of saying, thinking or judging
/// (references followed to what they name), each with where its cue is: (block, offset, word).
fn speaking_words(a: &Analysis) -> Vec<(usize, usize, String)> {
    let ledger = a.attributions();
    ledger
        .iter()
        .enumerate()
        .filter(|(_, x)| !x.nested && x.cue_kind.reports())
        .filter_map(|(i, x)| {
            // The accused themselves, not "a Teller campaign adviser".
            let named = &ledger[x.resolves_to.unwrap_or(i)];
            let p = named
                .source
                .as_ref()
                .filter(|_| named.class == SourceClass::Named)?;
            Some((x.cue.block, x.cue.range.start, p))
        })
        .flat_map(|(block, at, p)| {
            a.doc.blocks[p.block].text[p.range.clone()]
                .split_whitespace()
                .map(move |w| {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    (block, at, w.to_string())
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

impl Conditional {
    /// The absent pattern's matches in block `b`, each kept apart (sorted by start), found once
    /// and kept in `cache`: a match that overlaps the trigger must not swallow one beside it.
    fn absent_matches<'c>(
        &self,
        a: &Analysis,
        cache: &'c mut [Option<Absent>],
        b: usize,
    ) -> &'c Absent {
        cache[b].get_or_insert_with(|| {
            let matches = self.absent.find_each_in(a, b, &a.doc.blocks[b].text);
            let longest = matches
                .iter()
                .map(ExactSizeIterator::len)
                .max()
                .unwrap_or(0);
            Absent { matches, longest }
        })
    }
}

/// A block's absent matches, and the longest one's length: a match overlapping a place starts
/// no further than that before it, so the search for overlaps starts there.
struct Absent {
    matches: Vec<Range<usize>>,
    longest: usize,
}

impl Check for Conditional {
    fn matchers(&self) -> Vec<&Matcher> {
        vec![
            &self.matcher,
            &self.absent,
            &self.exceptions,
            &self.absent_story,
            &self.absent_previous,
        ]
    }

    fn reads_ledger(&self) -> bool {
        !self.absent_sources.is_empty()
            || !self.absent_sources_before.is_empty()
            || self.reply_from_named
            || self.absent_members
    }

    fn check(&self, a: &Analysis, scope: Scope, out: &mut Vec<Hit>) {
        // Whether a blanket note excuses the whole story: looked for once a trigger is found.
        let mut story_excused: Option<bool> = None;
        // The absent pattern's matches, found once per block (sorted), not once per trigger:
        // a story kept on one line is one block of megabytes.
        let mut cache: Vec<Option<Absent>> = std::iter::repeat_with(|| None)
            .take(a.doc.blocks.len())
            .collect();
        // For a document-wide condition: how many matches the whole document has.
        let mut total: Option<usize> = None;
        let mut sourced: Option<SourcedCues> = None;
        let mut sourced_before: Option<SourcedCues> = None;
        let mut speaking: Option<Vec<(usize, usize, String)>> = None;
        // Whether the story names a member of a group, by the group's word.
        let mut members: std::collections::HashMap<String, bool> = std::collections::HashMap::new();
        for (b, block) in a.doc.blocks.iter().enumerate() {
            let found = find_in_block(a, scope, &self.matcher, b);
            if found.is_empty() {
                continue;
            }
            if *story_excused.get_or_insert_with(|| self.absent_story.is_match_anywhere(a)) {
                return;
            }
            let exceptions = self.exceptions.find_in(a, b, &block.text);
            for r in found {
                let Some(place) = admitted(a, scope, &self.exceptions, b, r, &exceptions) else {
                    continue;
                };
                // What the trigger itself matched does not count as the absent pattern
                // ("is said to" is no attribution).
                let outside = |blk: usize, r: &Range<usize>| {
                    blk != place.block || r.end <= place.range.start || place.range.end <= r.start
                };
                let unit = self.absent_in.unwrap_or(scope).unit(a, &place);
                let next = match &unit {
                    Some(u) if self.absent_next > 0 => {
                        next_paragraphs(a, u.block, self.absent_next)
                    }
                    _ => Vec::new(),
                };
                if !self.absent_sources.is_empty() {
                    let sourced = sourced.get_or_insert_with(|| {
                        SourcedCues::new(a, &self.absent_sources, &self.absent_cues)
                    });
                    if sourced.in_unit(unit.as_ref()) || next.iter().any(|p| sourced.quoted_in(p)) {
                        continue;
                    }
                }
                if !self.absent_sources_before.is_empty() {
                    let before = sourced_before.get_or_insert_with(|| {
                        SourcedCues::new(a, &self.absent_sources_before, &self.absent_cues)
                    });
                    if before.before_in_unit(unit.as_ref(), &place) {
                        continue;
                    }
                }
                if next.iter().any(|p| {
                    self.absent_matches(a, &mut cache, p.block)
                        .matches
                        .iter()
                        .any(|m| p.range.start <= m.start && m.end <= p.range.end)
                }) {
                    continue;
                }
                let present = if let Some(unit) = unit {
                    let matches = &self.absent_matches(a, &mut cache, unit.block).matches;
                    let first = matches.partition_point(|m| m.start < unit.range.start);
                    matches[first..]
                        .iter()
                        .take_while(|m| m.start < unit.range.end)
                        .any(|m| m.end <= unit.range.end && outside(unit.block, m))
                } else {
                    // One match lies outside the trigger unless every match in the document
                    // overlaps it.
                    let total = *total.get_or_insert_with(|| {
                        (0..a.doc.blocks.len())
                            .map(|blk| self.absent_matches(a, &mut cache, blk).matches.len())
                            .sum::<usize>()
                    });
                    let here = self.absent_matches(a, &mut cache, place.block);
                    let from = place.range.start.saturating_sub(here.longest);
                    let first = here.matches.partition_point(|m| m.start < from);
                    let overlapping = here.matches[first..]
                        .iter()
                        .take_while(|m| m.start < place.range.end)
                        .filter(|m| !outside(place.block, m))
                        .count();
                    total > overlapping
                };
                if present || previous_sentence_matches(a, &self.absent_previous, &place) {
                    continue;
                }
                if self.absent_members {
                    let matched = &a.doc.blocks[place.block].text[place.range.clone()];
                    if group_words(matched, a).into_iter().any(|w| {
                        *members
                            .entry(w)
                            .or_insert_with_key(|w| names_a_member(a, w))
                    }) {
                        continue;
                    }
                }
                if self.reply_from_named {
                    let matched = &a.doc.blocks[place.block].text[place.range.clone()];
                    let speaking = speaking.get_or_insert_with(|| speaking_words(a));
                    let after = (place.block, place.range.end);
                    let replied = names_in(matched).iter().any(|n| {
                        speaking
                            .iter()
                            .any(|(b, at, w)| (*b, *at) >= after && w == n)
                    });
                    if replied {
                        continue;
                    }
                }
                out.push(Hit::at(place));
            }
        }
    }
}
