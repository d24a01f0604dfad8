//! `attribution`: conditions on who said what. The rule names the source classes it reports
//! (anonymous, vague, none…), the kinds of cue, the kind of content, and optionally the source
//! words, the story's first quotation only, and words whose presence in the sentence excuses
//! it (a reason for anonymity).

use std::collections::HashSet;

use super::pattern::Matcher;
use super::{
    Check, Hit, Scope, SourcedCues, next_paragraphs, overlaps_any, previous_sentence_matches,
};
use crate::analysis::{Analysis, Place};
use crate::attribution::{CueKind, SourceClass};

/// What content an attribution must have to be reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// A direct quotation.
    Quotation,
    /// Reported speech: no quotation.
    Reported,
    /// Either.
    Any,
}

impl Content {
    /// The names used in rule files.
    pub const NAMES: &'static [&'static str] = &["quotation", "reported", "any"];

    /// Parses a content name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "quotation" => Some(Content::Quotation),
            "reported" => Some(Content::Reported),
            "any" => Some(Content::Any),
            _ => None,
        }
    }
}

/// Reports the sources of the writer's attributions that meet every condition.
#[derive(Debug)]
pub struct AttributionRule {
    /// The source classes reported.
    pub classes: Vec<SourceClass>,
    /// The cue kinds considered.
    pub cues: Vec<CueKind>,
    /// The content required.
    pub content: Content,
    /// When not empty, what the attribution says, from its cue to the end of its content,
    /// must match: "a senior aide blasted the plan", "…, accusing Ukraine of aggression".
    pub says: Matcher,
    /// Only the story's first quotation.
    pub first_quotation: bool,
    /// A reference counts as the class of the source it refers to: "they say" after
    /// "analysts said" is the analysts again, as unnamed as they were.
    pub resolve_references: bool,
    /// When not empty, the source phrase must match.
    pub source: Matcher,
    /// Sources overlapping these are not reported.
    pub exceptions: Matcher,
    /// Anything matching this in the cue's sentence excuses the attribution: the reason for
    /// anonymity belongs beside the source ("because", "sensitive" mean little a paragraph away).
    pub absent: Matcher,
    /// Anything matching this in the sentence after the cue's, in its paragraph, excuses it
    /// too: "…, officials said. They spoke on condition of anonymity because …". Narrower than
    /// `absent`: a "because" a sentence away is most often about something else.
    pub absent_next_sentence: Matcher,
    /// Anything matching this in the sentence before the cue's (in its paragraph, else the
    /// last of the paragraph before) excuses it: "In another email, …" before "Her aides
    /// indicated that …" says where the aides' words are.
    pub absent_previous: Matcher,
    /// So does an attribution to a source of one of these classes in the cue's `absent_in`
    /// unit: "Analysts say …" followed by a named analyst.
    pub absent_sources: Vec<SourceClass>,
    /// The kinds of cue whose attributions `absent_sources` counts.
    pub absent_cues: Vec<CueKind>,
    /// Where `absent_sources` are looked for (the cue's sentence when `None`).
    pub absent_in: Option<Scope>,
    /// How many paragraphs after that unit also count: "Officials said …" followed by a named
    /// official's quotation in the next paragraph.
    pub absent_next: usize,
    /// Anything matching this anywhere in the story excuses every attribution in it: a
    /// blanket note ("like all respondents, responded anonymously") explains them all.
    pub absent_story: Matcher,
}

impl Check for AttributionRule {
    fn matchers(&self) -> Vec<&Matcher> {
        vec![
            &self.source,
            &self.exceptions,
            &self.absent,
            &self.absent_next_sentence,
            &self.absent_previous,
            &self.says,
            &self.absent_story,
        ]
    }

    fn reads_ledger(&self) -> bool {
        true
    }

    fn check(&self, a: &Analysis, scope: Scope, out: &mut Vec<Hit>) {
        // Whether a blanket note excuses the whole story: looked for once a source qualifies.
        let mut story_excused: Option<bool> = None;
        let ledger = a.attributions();
        let first_quote = ledger.iter().position(|x| x.quoted && !x.nested);
        // A quotation some other attribution gives a source is not unattributed.
        let sourced_quotations: HashSet<(usize, usize, usize)> = ledger
            .iter()
            .filter(|o| o.source.is_some() && !o.nested && o.quoted)
            .filter_map(|o| o.content.as_ref().map(key))
            .collect();
        // Found once per block, and the absent pattern once per sentence, not once per
        // attribution: a story kept on one line is one block, maybe one sentence, of megabytes.
        let mut exceptions: Vec<Option<Vec<std::ops::Range<usize>>>> =
            vec![None; a.doc.blocks.len()];
        let mut absent_in_sentence: Option<((usize, usize), bool)> = None;
        let mut sourced: Option<SourcedCues> = None;
        let mut reported: HashSet<(usize, usize, usize)> =
            out.iter().map(|h| key(&h.place)).collect();
        for (i, at) in ledger.iter().enumerate() {
            let class = match at.resolves_to {
                Some(r) if self.resolve_references && at.class == SourceClass::Reference => {
                    ledger[r].class
                }
                _ => at.class,
            };
            if at.nested || !self.classes.contains(&class) {
                continue;
            }
            if *story_excused.get_or_insert_with(|| self.absent_story.is_match_anywhere(a)) {
                return;
            }
            if at.class == SourceClass::None
                && at.quoted
                && at
                    .content
                    .as_ref()
                    .is_some_and(|c| sourced_quotations.contains(&key(c)))
            {
                continue;
            }
            let cue_ok = self.cues.contains(&at.cue_kind) || at.class == SourceClass::None;
            let content_ok = match self.content {
                Content::Quotation => at.quoted,
                Content::Reported => !at.quoted,
                Content::Any => true,
            };
            if !cue_ok || !content_ok || (self.first_quotation && first_quote != Some(i)) {
                continue;
            }
            if !self.says.is_empty() && !says(a, at, &self.says) {
                continue;
            }
            // A bare quotation shares its speaker's source: the source is reported once.
            // A quotation with no speaker is reported on the quotation itself.
            let place = at
                .source
                .as_ref()
                .map(|s| shown(a, s))
                .or_else(|| at.content.clone().filter(|_| at.class == SourceClass::None))
                .unwrap_or_else(|| at.cue.clone());
            if reported.contains(&key(&place)) {
                continue;
            }
            // "said the woman, who spoke on condition of anonymity": a relative pronoun whose
            // antecedent this rule (or a sharper one) reported is that source, not a second.
            if self.resolve_references
                && at.class == SourceClass::Reference
                && at.resolves_to.is_some_and(|r| {
                    ledger[r]
                        .source
                        .as_ref()
                        .is_some_and(|s| reported.contains(&key(&shown(a, s))))
                })
                && crate::attribution::relative(a, at)
            {
                continue;
            }
            let block = &a.doc.blocks[place.block].text;
            if !self.source.is_empty()
                && !self
                    .source
                    .is_match_in(a, place.block, &block[place.range.clone()])
            {
                continue;
            }
            if !self.exceptions.is_empty()
                && overlaps_any(
                    exceptions[place.block]
                        .get_or_insert_with(|| self.exceptions.find_in(a, place.block, block)),
                    &place.range,
                )
            {
                continue;
            }
            // One person, or a source described as placed to know ("familiar with the talks",
            // "who spoke with reporters", "in the meeting"), was kept anonymous on purpose: a
            // named source nearby does not make it one of theirs.
            let described = || {
                one_or_placed(
                    &a.doc.blocks[place.block].text[place.range.clone()],
                    a.lexicon(),
                )
            };
            if !self.absent_sources.is_empty() && !described() {
                let sourced = sourced.get_or_insert_with(|| {
                    SourcedCues::new(a, &self.absent_sources, &self.absent_cues)
                });
                let unit = self.absent_in.unwrap_or(Scope::Sentence).unit(a, &at.cue);
                let next = match &unit {
                    Some(u) if self.absent_next > 0 => {
                        next_paragraphs(a, u.block, self.absent_next)
                    }
                    _ => Vec::new(),
                };
                if sourced.in_unit_outside(unit.as_ref(), at.content.as_ref())
                    || next.iter().any(|p| sourced.quoted_in(p))
                {
                    continue;
                }
            }
            if !self.absent.is_empty() || !self.absent_next_sentence.is_empty() {
                let sentence = a
                    .sentence_at(at.cue.block, at.cue.range.start)
                    .unwrap_or(at.cue.range.clone());
                let unit = (at.cue.block, sentence.start);
                let excused = match absent_in_sentence {
                    Some((u, excused)) if u == unit => excused,
                    _ => {
                        let block = &a.doc.blocks[at.cue.block].text;
                        let start = sentence.start;
                        let next = || {
                            a.sentence_after(at.cue.block, start).is_some_and(|n| {
                                self.absent_next_sentence
                                    .is_match_in(a, at.cue.block, &block[n])
                            })
                        };
                        let excused = self.absent.is_match_in(a, at.cue.block, &block[sentence])
                            || (!self.absent_next_sentence.is_empty() && next());
                        absent_in_sentence = Some((unit, excused));
                        excused
                    }
                };
                if excused {
                    continue;
                }
            }
            if previous_sentence_matches(a, &self.absent_previous, &at.cue) {
                continue;
            }
            // The ledger already works sentence by sentence, and a speakerless quotation may
            // span several; any other scope narrows where the reported place may lie.
            if scope != Scope::Sentence && !scope.admits(a, &place) {
                continue;
            }
            let mut hit = Hit::at(place.clone());
            if let Some(content) = &at.content {
                if content.block == place.block && content.range != place.range {
                    let label = if at.quoted {
                        "the quotation it attributes"
                    } else {
                        "what it attributes"
                    };
                    hit.secondary.push((content.clone(), label.to_string()));
                }
            }
            reported.insert(key(&place));
            out.push(hit);
        }
    }
}

/// Whether what `at` says, its cue and its content (the cue alone when the content is in
/// another paragraph), matches `m`.
fn says(a: &Analysis, at: &crate::attribution::Attribution, m: &Matcher) -> bool {
    let block = &a.doc.blocks[at.cue.block].text;
    let cue = at.cue.range.clone();
    let range = at
        .content
        .as_ref()
        .filter(|c| c.block == at.cue.block)
        .map_or(cue.clone(), |c| {
            c.range.start.min(cue.start)..c.range.end.max(cue.end)
        });
    m.is_match_in(a, at.cue.block, &block[range])
}

/// A source as a finding shows it: "some experts who think" is read with its relative pronoun,
/// which the finding leaves out.
fn shown(a: &Analysis, source: &Place) -> Place {
    let phrase = &a.doc.blocks[source.block].text[source.range.clone()];
    let kept = crate::attribution::without_relative(phrase).len();
    Place {
        block: source.block,
        range: source.range.start..source.range.start + kept,
    }
}

/// A place as a set key.
fn key(p: &Place) -> (usize, usize, usize) {
    (p.block, p.range.start, p.range.end)
}

/// Whether a source phrase is one person ("a Democratic aide") or describes the source as
/// placed to know: what anonymous sourcing looks like when the writer means it.
fn one_or_placed(phrase: &str, lexicon: &crate::attribution::Lexicon) -> bool {
    let first = phrase.split_whitespace().next().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    });
    matches!(first.as_deref(), Some("a" | "an" | "one" | "another"))
        || crate::attribution::described_as_placed(phrase, lexicon, true)
}
