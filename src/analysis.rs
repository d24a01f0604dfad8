//! What every rule reads: a document's blocks, their sentences and quotations, computed once.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::attribution::SourceClass;
use crate::document::{BlockKind, Document};
use crate::quotation::{self, Quotation};
use crate::rule::gate::{Candidates, Gate};
use crate::sentence;

/// A place in a document: a range of one block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Index into [`Document::blocks`].
    pub block: usize,
    /// Byte range in that block's text.
    pub range: Range<usize>,
}

/// A document with its sentences and quotations.
#[derive(Debug)]
pub struct Analysis {
    /// The prose blocks.
    pub doc: Document,
    /// For each block, its sentences in order.
    pub sentences: Vec<Vec<Range<usize>>>,
    /// Every quotation, nested ones included, in document order.
    pub quotations: Vec<Quotation>,
    /// For each block, the ranges covered by top-level quotations, sorted.
    quoted: Vec<Vec<Range<usize>>>,
    /// For each range in `quoted`, the index of its quotation in `quotations`.
    quoted_from: Vec<Vec<usize>>,
    /// For each block, those of `quoted` long enough to be speech.
    speech: Vec<Vec<Range<usize>>>,
    /// Who said what, found once on first use.
    attributions: std::sync::OnceLock<Vec<crate::attribution::Attribution>>,
    /// Whether the writer speaks in the first person, found on first use.
    first_person: OnceLock<bool>,
    /// For each block, the quotations the ledger gives a speaker, with the speaker's class,
    /// sorted by start; built on first use.
    speakers: std::sync::OnceLock<Vec<Vec<Speaker>>>,
    /// The lexicon attributions are found with; the bundled one when `None`.
    lexicon: Option<std::sync::Arc<crate::attribution::Lexicon>>,
    /// The block that is the lede, if the story has one.
    lede: Option<usize>,
    /// The linter's gate, and what it lets through in each block, found on first use.
    gate: Option<(Arc<Gate>, OnceLock<Vec<Candidates>>)>,
}

/// A lede has at least this many words; bylines, datelines and kickers have fewer.
const LEDE_MIN_WORDS: usize = 10;

/// How far down an opinion marker ("LETTERS") is looked for: the headline, a label, a dek.
const OPINION_MARKER_BLOCKS: usize = 5;

impl Analysis {
    /// Segments `doc` once, for all rules.
    pub fn new(doc: Document) -> Self {
        let sentences: Vec<Vec<Range<usize>>> = doc
            .blocks
            .iter()
            .map(|b| sentence::split(&b.text))
            .collect();
        let quotations = quotation::find(&doc);
        let mut parts = vec![Vec::new(); doc.blocks.len()];
        for (i, q) in quotations.iter().enumerate().filter(|(_, q)| q.depth == 0) {
            for (b, r) in &q.parts {
                parts[*b].push((r.clone(), i));
            }
        }
        let mut quoted = Vec::with_capacity(parts.len());
        let mut quoted_from = Vec::with_capacity(parts.len());
        let mut speech = Vec::with_capacity(parts.len());
        for (b, mut ranges) in parts.into_iter().enumerate() {
            ranges.sort_by_key(|(r, _)| r.start);
            speech.push(
                ranges
                    .iter()
                    .filter(|(r, _)| is_speech(&doc.blocks[b].text, r, &sentences[b]))
                    .map(|(r, _)| r.clone())
                    .collect(),
            );
            let (r, i): (Vec<_>, Vec<_>) = ranges.into_iter().unzip();
            quoted.push(r);
            quoted_from.push(i);
        }
        let lede = doc.blocks.iter().position(|b| {
            b.kind == BlockKind::Paragraph
                && b.text.split_whitespace().nth(LEDE_MIN_WORDS - 1).is_some()
        });
        Self {
            doc,
            sentences,
            quotations,
            quoted,
            quoted_from,
            speech,
            attributions: std::sync::OnceLock::new(),
            speakers: std::sync::OnceLock::new(),
            first_person: OnceLock::new(),
            lexicon: None,
            lede,
            gate: None,
        }
    }

    /// Runs, in each block, only the regexes whose literal words `gate` finds there.
    #[must_use]
    pub fn with_gate(mut self, gate: Arc<Gate>) -> Self {
        self.gate = Some((gate, OnceLock::new()));
        self
    }

    /// Whether the regex `id` may match somewhere in `block`: always, without a gate.
    pub fn may_match(&self, block: usize, id: u32) -> bool {
        let Some((gate, candidates)) = &self.gate else {
            return true;
        };
        let candidates = candidates.get_or_init(|| {
            self.doc
                .blocks
                .iter()
                .map(|b| gate.candidates(&b.text))
                .collect()
        });
        gate.may_match(&candidates[block], id)
    }

    /// Finds attributions with `lexicon` (a newsroom's additions) instead of the bundled one.
    #[must_use]
    pub fn with_lexicon(mut self, lexicon: std::sync::Arc<crate::attribution::Lexicon>) -> Self {
        self.lexicon = Some(lexicon);
        self
    }

    /// Every attribution in the document, found on first use and shared by all rules.
    pub fn attributions(&self) -> &[crate::attribution::Attribution] {
        self.attributions
            .get_or_init(|| crate::attribution::find(self, self.lexicon()))
    }

    /// The lexicon attributions are found with: the newsroom's, else the bundled one.
    pub fn lexicon(&self) -> &crate::attribution::Lexicon {
        self.lexicon
            .as_deref()
            .unwrap_or_else(|| crate::attribution::Lexicon::bundled())
    }

    /// The top-level quotation ranges of `block`.
    pub fn quoted(&self, block: usize) -> &[Range<usize>] {
        &self.quoted[block]
    }

    /// Whether the story is opinion (a column, a letter, an essay): one of the lexicon's
    /// opinion markers alone on one of the first lines, or its first-person words, outside
    /// quotations and headings, at least its minimum.
    pub fn first_person(&self) -> bool {
        *self.first_person.get_or_init(|| {
            let lexicon = self.lexicon();
            let marked = self.doc.blocks.iter().take(OPINION_MARKER_BLOCKS).any(|b| {
                let label = b
                    .text
                    .trim()
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                lexicon.opinion_markers.contains(&label)
            });
            if marked || self.signed_by_contributor() {
                return true;
            }
            // As written, or capitalised when written in lower case ("my" matches "My", and
            // "us" does not match "US").
            let is_first_person = |w: &str| {
                lexicon.first_person.iter().any(|f| {
                    let (mut fc, mut wc) = (f.chars(), w.chars());
                    f == w
                        || matches!((fc.next(), wc.next()), (Some(x), Some(y))
                            if x.is_lowercase() && x.to_uppercase().eq([y]))
                            && fc.as_str() == wc.as_str()
                })
            };
            let mut count = 0;
            for (b, block) in self.doc.blocks.iter().enumerate() {
                if block.kind.is_heading() {
                    continue;
                }
                let text = block.text.as_str();
                let mut word_start = None;
                // A space past the end closes the last word.
                for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                    if c.is_alphanumeric() {
                        word_start.get_or_insert(i);
                    } else if let Some(start) = word_start.take() {
                        if is_first_person(&text[start..i])
                            && self.quotation_around(b, start).is_none()
                        {
                            count += 1;
                            if count >= lexicon.first_person_min {
                                return true;
                            }
                        }
                    }
                }
            }
            false
        })
    }

    /// Whether the story's last paragraph is a contributor's line, as an op-ed ends: a short
    /// paragraph that opens with a name of two to four capitalised words (not "The
    /// President"), perhaps an appositive, then "is" and an article or a role (or one of the
    /// lexicon's contributor verbs, "edits", "taught"), and gives one of its contributor
    /// roles ("Peter Morici is an economist and business professor at the University of
    /// Maryland"; "Glenn Harlan Reynolds, a University of Tennessee law professor, is a
    /// member of …"). News ends differently: "Ann Lee, a Harvard professor, was not
    /// involved"; "Mayor Ann Lee is running for governor"; a paragraph that reports speech.
    fn signed_by_contributor(&self) -> bool {
        /// Longer than this, the last paragraph is the story's, not a signature.
        const MAX_LINE: usize = 400;
        let roles = &self.lexicon().contributor_roles;
        let Some(last) = self
            .doc
            .blocks
            .iter()
            .rev()
            .find(|b| !b.kind.is_heading() && !b.text.trim().is_empty())
        else {
            return false;
        };
        let text = last.text.trim();
        if roles.is_empty() || text.len() > MAX_LINE {
            return false;
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        let name = words
            .iter()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        // Not "The President", "In May", "Mayor Ann Lee": a determiner, an opener or a title.
        let first = words[0].trim_end_matches('.').to_lowercase();
        if !(2..=4).contains(&name)
            || crate::attribution::not_a_name_opener(&first)
            || self.lexicon().titles.contains(&first)
        {
            return false;
        }
        // Past the name and any appositive ("…, a law professor, is"), "is" and then an
        // article, a role or a noun: "is a columnist", "is co-author of", "is coordinator of",
        // not "is running", "is expected", "is not".
        let after_name = if words[name - 1].ends_with(',') {
            words[name..]
                .iter()
                .position(|w| w.ends_with(','))
                .map_or(words.len(), |i| name + i + 1)
        } else {
            name
        };
        let lower = |w: &str| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        };
        // Or a verb of the writer's trade ("edits “Eat The Press” for The Huffington Post",
        // "taught politics at West Point"), which may name a title in quotation marks; a verb
        // that introduces words ("teaches:", "writes that") does not sign.
        let quoted = text.contains(['"', '“', '”']);
        let trade = words.get(after_name).is_some_and(|w| {
            self.lexicon().contributor_verbs.contains(&lower(w))
                && !w.ends_with([',', ':'])
                && words
                    .get(after_name + 1)
                    .is_some_and(|n| !matches!(lower(n).as_str(), "that" | "in"))
        });
        let signs = trade
            || !quoted
                && words.get(after_name).is_some_and(|w| *w == "is")
                && words.get(after_name + 1).is_some_and(|w| {
                    let w = lower(w);
                    matches!(w.as_str(), "a" | "an" | "the")
                        || roles.contains(&w)
                        || (!w.ends_with("ing")
                            && !w.ends_with("ed")
                            && !matches!(
                                w.as_str(),
                                "not" | "also" | "now" | "still" | "set" | "due"
                            ))
                });
        // A role, or its plural or third person ("co-hosts the podcast").
        let role = |w: &str| {
            let w = lower(w);
            roles.contains(&w)
                || w.strip_suffix('s')
                    .is_some_and(|w| roles.iter().any(|r| r == w))
        };
        signs && words.iter().any(|w| role(w))
    }

    /// The class of whoever the ledger says spoke the quotation holding `place` (a reference
    /// counts as the source it refers to); [`SourceClass::None`] when nobody is said to.
    pub fn speaker_class(&self, place: &Place) -> SourceClass {
        let speakers = self.speakers.get_or_init(|| {
            let ledger = self.attributions();
            let mut by_block = vec![Vec::new(); self.doc.blocks.len()];
            for at in ledger.iter().filter(|x| x.quoted && !x.nested) {
                if let Some(c) = &at.content {
                    let class = at.resolves_to.map_or(at.class, |n| ledger[n].class);
                    by_block[c.block].push((c.range.clone(), class));
                }
            }
            for quotes in &mut by_block {
                quotes.sort_by_key(|(r, _): &Speaker| r.start);
            }
            by_block
        });
        let quotes = &speakers[place.block];
        // Quotations do not overlap; one attributed twice is listed twice with the same range,
        // and the attribution that classes its speaker wins over one that cannot ("‘…,’ said a
        // European defense official, speaking on condition of anonymity").
        let i = quotes.partition_point(|(r, _)| r.start <= place.range.start);
        let Some(start) = i.checked_sub(1).map(|j| quotes[j].0.start) else {
            return SourceClass::None;
        };
        let vagueness = |c: &SourceClass| match c {
            SourceClass::None => 2,
            SourceClass::Other => 1,
            _ => 0,
        };
        quotes[..i]
            .iter()
            .rev()
            .take_while(|(r, _)| r.start == start)
            .filter(|(r, _)| place.range.end <= r.end)
            .map(|(_, class)| *class)
            .min_by_key(vagueness)
            .unwrap_or(SourceClass::None)
    }

    /// The top-level quotations of `block` long enough to be speech, sorted.
    pub fn speech(&self, block: usize) -> &[Range<usize>] {
        &self.speech[block]
    }

    /// Whether the quotation at `range` of `block` is long enough to be speech: a word or
    /// three in quotation marks is a label, a title or a scare quote.
    pub fn is_speech(&self, block: usize, range: &Range<usize>) -> bool {
        is_speech(&self.doc.blocks[block].text, range, &self.sentences[block])
    }

    /// The top-level quotation one of whose parts in `block` holds byte `at`, if any.
    pub fn quotation_at(&self, block: usize, at: usize) -> Option<&Quotation> {
        let quoted = &self.quoted[block];
        let i = quoted.partition_point(|q| q.end <= at);
        quoted
            .get(i)
            .filter(|q| q.start <= at)
            .map(|_| &self.quotations[self.quoted_from[block][i]])
    }

    /// Whether `place` lies wholly inside a quotation.
    pub fn in_quotation(&self, place: &Place) -> bool {
        self.quotation_around(place.block, place.range.start)
            .is_some_and(|q| place.range.end <= q.end)
    }

    /// The top-level quotation of `block` that holds byte `at`, if any.
    pub fn quotation_around(&self, block: usize, at: usize) -> Option<&Range<usize>> {
        // Top-level quotations do not overlap, so they are sorted by end as well as start.
        let quoted = &self.quoted[block];
        let i = quoted.partition_point(|q| q.end <= at);
        quoted.get(i).filter(|q| q.start <= at)
    }

    /// Whether `place` overlaps any quotation.
    pub fn touches_quotation(&self, place: &Place) -> bool {
        let quoted = &self.quoted[place.block];
        let i = quoted.partition_point(|q| q.end <= place.range.start);
        quoted
            .get(i)
            .is_some_and(|q| q.start < place.range.end.max(place.range.start + 1))
    }

    /// The sentence of `block` holding byte `at`, if any.
    pub fn sentence_at(&self, block: usize, at: usize) -> Option<Range<usize>> {
        let sentences = &self.sentences[block];
        let i = sentences.partition_point(|s| s.end <= at);
        sentences.get(i).filter(|s| s.start <= at).cloned()
    }

    /// The sentence after the one holding byte `at` of `block`, in the same block.
    pub fn sentence_after(&self, block: usize, at: usize) -> Option<Range<usize>> {
        let sentences = &self.sentences[block];
        let i = sentences.partition_point(|s| s.end <= at);
        sentences.get(i + 1).cloned()
    }

    /// Whether `block` is a heading.
    pub fn is_heading(&self, block: usize) -> bool {
        self.doc.blocks[block].kind.is_heading()
    }

    /// Whether `block` is the headline.
    pub fn is_headline(&self, block: usize) -> bool {
        self.doc.blocks[block].kind == BlockKind::Headline
    }

    /// Whether `block` is a caption.
    pub fn is_caption(&self, block: usize) -> bool {
        self.doc.blocks[block].kind == BlockKind::Caption
    }

    /// Whether `block` is the lede: the first body paragraph long enough to be one (bylines,
    /// datelines on their own line and kickers are shorter).
    pub fn is_lede(&self, block: usize) -> bool {
        self.lede == Some(block)
    }
}

/// A quotation the ledger attributes, and the class of its speaker.
type Speaker = (Range<usize>, SourceClass);

/// Whether the quotation at `r` of `text` is speech: four words or more, or a sentence of
/// its own that opens one, closed by its own comma or mark (“It’s mind-boggling,” Greenberg
/// said): a scare quote or a title sits inside a sentence and rarely carries its punctuation.
fn is_speech(text: &str, r: &Range<usize>, sentences: &[Range<usize>]) -> bool {
    let quoted = &text[r.clone()];
    if quoted.split_whitespace().nth(3).is_some() {
        return true;
    }
    let closed = quoted
        .trim_end_matches(['"', '”', '’', '\'', '»'])
        .ends_with([',', '!', '?', '.']);
    let i = sentences.partition_point(|s| s.end <= r.start);
    let opens = sentences
        .get(i)
        .is_some_and(|s| s.start <= r.start && text[s.start..r.start].trim().is_empty());
    closed && opens
}
