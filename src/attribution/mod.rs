//! Who said what: every attribution in a document — its reporting cue, its source phrase and
//! the content it attributes — with each source classed as named, a reference to a source
//! named earlier, anonymous, vague, or a document.

pub mod lexicon;

use std::ops::Range;

use serde::Serialize;

use crate::analysis::{Analysis, Place};
pub use lexicon::{CueKind, Lexicon};

/// What kind of source a phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceClass {
    /// A named person or organisation.
    Named,
    /// A pronoun or description of a source named earlier.
    Reference,
    /// An unnamed individual or specific unnamed group.
    Anonymous,
    /// A group standing in for a source ("analysts", "many").
    Vague,
    /// A poll, report, statement or post.
    Document,
    /// No source at all: a claim nobody is said to make.
    None,
    /// A source phrase copydesk cannot class.
    Other,
}

impl SourceClass {
    /// The names used in rule files and output.
    pub const NAMES: &'static [&'static str] = &[
        "named",
        "reference",
        "anonymous",
        "vague",
        "document",
        "none",
        "other",
    ];

    /// Parses a class name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.name() == s)
    }

    const ALL: [SourceClass; 7] = [
        SourceClass::Named,
        SourceClass::Reference,
        SourceClass::Anonymous,
        SourceClass::Vague,
        SourceClass::Document,
        SourceClass::None,
        SourceClass::Other,
    ];

    /// The name used in rule files and output.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// One attribution.
#[derive(Debug, Clone)]
pub struct Attribution {
    /// The reporting cue ("said", "according to").
    pub cue: Place,
    /// The kind of cue.
    pub cue_kind: CueKind,
    /// Whether the cue is inside a quotation, or in the words a closing attribution reports
    /// ("…, Susan said"): the speaker's attribution, not the writer's.
    pub nested: bool,
    /// The source phrase, if the sentence (or the paragraph, for a bare quotation) has one.
    pub source: Option<Place>,
    /// What is attributed: a quotation, or the reported clause.
    pub content: Option<Place>,
    /// Whether the content is a direct quotation.
    pub quoted: bool,
    /// The source's class (a resolved reference stays `Reference`).
    pub class: SourceClass,
    /// For a reference, the attribution whose named source it refers to.
    pub resolves_to: Option<usize>,
}

static COLON_QUOTE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#":\s*["“‘]"#).unwrap_or_else(|e| unreachable!("valid regex: {e}"))
});

/// Words that may stand between a source and its cue ("has also said").
const SKIPPABLE: &[&str] = &[
    "almost",
    "nearly",
    "has",
    "have",
    "had",
    "also",
    "later",
    "earlier",
    "then",
    "previously",
    "recently",
    "repeatedly",
    "again",
    "once",
    // "have since released statements".
    "since",
    "further",
    "would",
    "will",
    "did",
    "does",
    "do",
    "is",
    "was",
    "were",
    "are",
    "been",
    "publicly",
    "privately",
    "often",
    "still",
    "already",
    "long",
    "not",
    "never",
    "quickly",
    "immediately",
    "flatly",
    "angrily",
    "bluntly",
    "firmly",
    "reportedly",
    "continue",
    "continued",
    "continues",
    "to",
    "went",
    "on",
    "only",
    "widely",
    "generally",
    "just",
    "first",
    "now",
    "himself",
    "herself",
    "themselves",
    "itself",
    "both",
    "all",
    "even",
    "too",
    "may",
    "might",
    "could",
    "should",
    "can",
];

/// Words after which a cue word is a noun ("the statement", "his claims").
const NOUN_DETERMINERS: &[&str] = &[
    "a",
    "an",
    "the",
    "his",
    "her",
    "their",
    "its",
    "this",
    "these",
    "those",
    "our",
    "my",
    "your",
    "every",
    "each",
    "no",
    // "espoused such views".
    "such",
    "causing",
    "cause",
    "caused",
    "raised",
    "raising",
    "sparked",
    "with",
    "of",
    "express",
    "expressed",
    "expressing",
];

/// Words at which a source phrase, read leftwards from its cue, stops ("featuring": in "an ad
/// featuring Hispanics telling their stories" who tells is after it).
const BOUNDARY: &[&str] = &[
    "featuring",
    "that",
    "and",
    "but",
    "while",
    "as",
    "because",
    "when",
    "after",
    "before",
    "if",
    "so",
    "where",
    "which",
    "though",
    "although",
    "since",
    "whether",
    "than",
    "what",
    "how",
    "why",
    "said",
    "says",
    "told",
    "where",
    "whom",
    "whose",
    "or",
    "nor",
    "yet",
    "said.",
    "then",
    "until",
];

/// Group words that quantify rather than name a group.
const QUANTIFIERS: &[&str] = &["many", "some", "most", "few", "several", "others"];

const DETERMINERS: &[&str] = &[
    "a", "an", "one", "two", "three", "four", "five", "several", "some", "many", "multiple",
    "another", "few", "numerous", "various",
];

/// Finds the attributions in `a` with `lexicon`.
pub fn find(a: &Analysis, lexicon: &Lexicon) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = Vec::new();
    let mut previous_first = 0;
    for (b, block) in a.doc.blocks.iter().enumerate() {
        let text = block.text.as_str();
        let first_in_block = out.len();
        let mut bare_quotes: Vec<Place> = Vec::new();
        for sentence in &a.sentences[b] {
            let s_text = &text[sentence.clone()];
            let mut found_cue = false;
            // Reporting cues, and a colon that introduces a quotation ("Trump said: “…”").
            // A colon right after a reporting cue ("The mayor said: …") adds nothing.
            let mut seen_colon = std::collections::HashSet::new();
            let colons = COLON_QUOTE
                .find_iter(s_text)
                .filter(|m| {
                    !lexicon
                        .cues
                        .find_iter(
                            &s_text[crate::source::floor_char_boundary(
                                s_text,
                                m.start().saturating_sub(40),
                            )..m.start()],
                        )
                        .any(|_| true)
                })
                .map(|m| (m.start()..m.start() + 1, ":".to_string()))
                // "John McCain: Populist anger is real": a line opened by a name and a colon.
                .chain(
                    (sentence.start == 0)
                        .then(|| line_label_colon(s_text, lexicon))
                        .flatten()
                        .map(|at| (at..at + 1, ":".to_string())),
                )
                .filter(|(r, _)| seen_colon.insert(r.start));
            // A line in capitals ("PLEDGED DELEGATES.") is a label, not a sentence with a verb.
            let shouting = !s_text.chars().any(char::is_lowercase);
            let cues: Vec<(Range<usize>, String)> = lexicon
                .cues
                .find_iter(s_text)
                .filter(|_| !shouting)
                .map(|m| (m.range(), m.as_str().to_lowercase()))
                .chain(colons)
                .collect();
            // Where the sentence's cues of saying, thinking or judging are (not nouns): a
            // quotation before one of them belongs to it, not to a cue further on ("“We show
            // anger,” said Harvey, who acknowledged the race was close"). Found only for a
            // sentence with a quotation, which most are not. A quotation after a cue is the
            // nearest cue's and the first's alike: "Ruiz said the plan, which critics say is
            // flawed, would bring “real change”" is Ruiz's.
            let voiced = std::cell::OnceCell::new();
            let voiced = || -> &Vec<usize> {
                voiced.get_or_init(|| {
                    cues.iter()
                        .filter(|(r, t)| lexicon.kind(t).reports() && !noun_cue(&s_text[..r.start]))
                        .map(|(r, _)| sentence.start + r.start)
                        .collect()
                })
            };
            // Counted once a sentence, and only when a cue might be a name: a story kept on
            // one line is one sentence with thousands of cues.
            let title_case = std::cell::OnceCell::new();
            let mut previous_end: Option<usize> = None;
            let first_in_sentence = out.len();
            for (m, cue_text) in &cues {
                // "tax-writing", "so-called": a cue word glued to another by a hyphen is part
                // of a compound.
                if s_text[..m.start].ends_with('-') || s_text[m.end..].starts_with('-') {
                    continue;
                }
                // A cue right after another ("said in an interview") goes on with the first
                // one's attribution: its source is the first's, not the phrase "X said".
                let follows = previous_end
                    .filter(|&e| e <= m.start && s_text[e..m.start].trim().is_empty())
                    .map(|e| sentence.start + e);
                previous_end = Some(m.end);
                // "elected officials, called superdelegates": after a comma, "called" names.
                if names_a_person(s_text, m.clone(), &title_case)
                    || (cue_text == "called" && s_text[..m.start].trim_end().ends_with(','))
                {
                    continue;
                }
                let cue = sentence.start + m.start..sentence.start + m.end;
                let cue_place = Place {
                    block: b,
                    range: cue.clone(),
                };
                let near = Near {
                    before: window_before(text, sentence.start, cue.start),
                    after: window_after(text, cue.end, sentence.end),
                    opening: window_after(text, sentence.start, sentence.end),
                };
                // "a few tweets", "his statement", "some worry": after a determiner the cue is a
                // noun; it still marks an attribution, but not one of saying or believing.
                // A view named by a noun before "from" ("the support from") is one whatever
                // comes before it: its source is after it.
                let noun = !from_cue(cue_text)
                    && (noun_cue(&text[near.before.clone()])
                        || (lexicon.noun_or_verb.contains(cue_text)
                            && !before_subject(&text[near.before.clone()], lexicon)));
                // "a contractor accused of spying": a verb of charging right before "of" is
                // passive, and what precedes it is who is charged, not a source. ("Warned of"
                // is active; "criticized by X" names its source after "by", found below.)
                let passive = lexicon.charged_of.contains(cue_text)
                    && text[cue.end..].split_whitespace().next() == Some("of");
                let noun = noun || passive;

                // A cue inside a quotation is the speaker's attribution, not the writer's.
                let nested = a.in_quotation(&cue_place);
                found_cue |= !nested;
                // "Ash criticized Priebus and his allies in an email": a cue of the means
                // ("in an email", "in a statement") is the sentence's earlier cue's, whatever
                // stands between them.
                let means = cue_text.starts_with("in ");
                // Not for a view named before "from": "Officials noted support from voters" is
                // the voters'.
                let previous = out[first_in_block..].last().filter(|p| {
                    !from_cue(cue_text)
                        && p.cue_kind.reports()
                        && (Some(p.cue.range.end) == follows
                            || (means && p.cue.range.start >= sentence.start))
                });
                let source = match previous {
                    Some(p) => p.source.as_ref().map(|s| s.range.clone()),
                    None => find_source(text, &near, cue_text, lexicon)
                        .map(|r| past_opener(text, past_dateline(text, r))),
                };
                let source =
                    if matches!(lexicon.kind(cue_text), CueKind::Attitude | CueKind::Feeling)
                        && !noun
                        && !from_cue(cue_text)
                    {
                        let infinitive =
                            text[..cue.start].split_whitespace().next_back() == Some("to");
                        source.and_then(|r| holder(text, r, infinitive, lexicon))
                    } else {
                        source
                    };
                let quote = quotation_in(a, b, sentence, &cue).filter(|q| {
                    q.start >= cue.end || !voiced().iter().any(|&c| q.end <= c && c < cue.start)
                });
                let (content, quoted) = if let Some(q) = quote {
                    (Some(Place { block: b, range: q }), true)
                } else {
                    // After a view's holder named after "from", what follows the holder.
                    let after = match &source {
                        Some(r) if from_cue(cue_text) && r.start >= cue.end => r.end,
                        _ => cue.end,
                    };
                    let rest = trim(text, after..content_end(text, after, sentence.end));
                    (rest.map(|range| Place { block: b, range }), false)
                };
                let class = source.as_ref().map_or(SourceClass::None, |s| {
                    if owner_of_a_noun(text, s, &cue, noun) {
                        SourceClass::Other
                    } else {
                        match classify(&text[s.clone()], lexicon) {
                            // "One of the men, Jessie Elkins, 70, … said": named right after.
                            SourceClass::Anonymous | SourceClass::Vague
                                if named_in_apposition(text, s.end)
                                    || describes_name_before(text, s) =>
                            {
                                SourceClass::Named
                            }
                            class => class,
                        }
                    }
                });
                out.push(Attribution {
                    cue: cue_place,
                    nested,
                    // "a trader who asked not to be named … estimated", "an official who
                    // spoke anonymously said": a grant of anonymity in the source's relative
                    // clause says how the source spoke, not what, and is no second source.
                    // ("One aide had asked not to be named" still reports the aide's request.)
                    cue_kind: if (noun && cue_text != ":")
                        || (text[..cue.start]
                            .split_whitespace()
                            .rev()
                            .find(|w| !SKIPPABLE.contains(&bare(w).as_str()))
                            == Some("who")
                            && grant_opens(&text[cue.start..], lexicon))
                    {
                        CueKind::Other
                    } else if cites(cue_text, &text[near.before.clone()])
                        // A group a report cites stands for no one in particular ("the Post
                        // reported, citing Republicans"): the report's source is the outlet.
                        && !matches!(
                            class,
                            SourceClass::Other | SourceClass::None | SourceClass::Vague
                        )
                    {
                        CueKind::Speech
                    } else if lexicon.views_with_as.contains(cue_text)
                        && as_after(&text[cue.end..sentence.end])
                    {
                        CueKind::Cognition
                    } else {
                        lexicon.kind(cue_text)
                    },
                    source: source.map(|range| Place { block: b, range }),
                    content,
                    quoted,
                    class,
                    resolves_to: None,
                });
            }
            relay_trailing(text, b, sentence, &mut out[first_in_sentence..]);
            if let Some(view) = framed_view(a, b, sentence, lexicon) {
                out.push(view);
            }
            // A sentence that is only a quotation belongs to a speaker named elsewhere.
            if !found_cue {
                if let Some(q) = a
                    .quotation_around(b, sentence.start)
                    .filter(|q| q.end >= sentence.end.saturating_sub(1))
                {
                    // A quotation of several sentences is one quotation.
                    let range = q.clone();
                    // Its sentences come one after another, so it was the last one seen.
                    let seen = bare_quotes.last().is_some_and(|p| p.range == range);
                    if !seen && a.is_speech(b, &range) {
                        bare_quotes.push(Place { block: b, range });
                    }
                }
            }
        }
        // What counts as someone speaking nearby: a writer's attribution of speech, belief or
        // judgement.
        let speaks = |x: &Attribution| !x.nested && x.cue_kind.reports();
        // Its speaker: the paragraph's speaker before it, else after it ("‘…’ ‘…,’ he said."),
        // else the previous paragraph's last speaker (a quotation over paragraphs).
        let sourced = |x: &Attribution| x.source.is_some() && !x.nested && x.cue_kind.reports();
        let in_block = first_in_block..out.len();
        // The previous paragraph's attributions are the ones found just before this one's.
        let in_previous = &out[previous_first..first_in_block];
        let previous = in_previous
            .iter()
            .rev()
            .find(|x| sourced(x))
            .filter(|x| x.cue.block + 1 == b)
            .cloned();
        let attributed_nearby = in_previous
            .iter()
            .any(|x| x.cue.block + 1 == b && speaks(x))
            || out[in_block.clone()].iter().any(speaks);
        // The paragraph's sourced attributions by cue position, each with the latest (in ledger
        // order) of those at or before it and the earliest of those at or after it: a speaker
        // is found by binary search, not by a scan of the paragraph for each quotation.
        let mut by_position: Vec<(usize, usize)> = in_block
            .clone()
            .filter(|&k| sourced(&out[k]))
            .map(|k| (out[k].cue.range.start, k))
            .collect();
        by_position.sort_unstable();
        let latest: Vec<usize> = by_position
            .iter()
            .scan(0, |m, &(_, k)| {
                *m = k.max(*m);
                Some(*m)
            })
            .collect();
        let mut earliest: Vec<usize> = by_position
            .iter()
            .rev()
            .scan(usize::MAX, |m, &(_, k)| {
                *m = k.min(*m);
                Some(*m)
            })
            .collect();
        earliest.reverse();
        previous_first = first_in_block;
        for quote in bare_quotes.drain(..) {
            let at = quote.range.start;
            let before = by_position
                .partition_point(|&(p, _)| p < at)
                .checked_sub(1)
                .map(|j| latest[j]);
            let after = earliest
                .get(by_position.partition_point(|&(p, _)| p <= at))
                .copied();
            let speaker = before
                .or(after)
                .map(|k| out[k].clone())
                .or_else(|| previous.clone());
            let entry = match speaker {
                Some(speaker) => Attribution {
                    content: Some(quote),
                    quoted: true,
                    ..speaker
                },
                // A quotation nobody is said to have said: only when nothing in this paragraph
                // or the one before attributes anything (a speech quoted at length is not).
                None if attributed_nearby
                    || continues_to_attribution(a, &quote, lexicon)
                    || transcript_line(&text[quote.range.clone()]) =>
                {
                    continue;
                }
                None => Attribution {
                    cue: Place {
                        block: b,
                        range: quote.range.start
                            ..quote.range.start
                                + text[quote.range.clone()]
                                    .chars()
                                    .next()
                                    .map_or(1, char::len_utf8),
                    },
                    cue_kind: CueKind::Speech,
                    nested: false,
                    source: None,
                    content: Some(quote),
                    quoted: true,
                    class: SourceClass::None,
                    resolves_to: None,
                },
            };
            out.push(entry);
        }
    }
    out.sort_by_key(|x| {
        (
            x.cue.block,
            x.cue.range.start,
            x.content.as_ref().map(|c| c.range.start),
        )
    });
    named_antecedents(a, lexicon, &mut out);
    resolve(a, lexicon, &mut out);
    sourced_antecedents(a, lexicon, &mut out);
    out
}

/// Whether a cue after `preceding` is a noun: after a determiner ("his statement", "such
/// views"), "a few" ("a few tweets"), or a determiner and a quantity or likeness ("the
/// growing worry", "the same notes"). Not after punctuation, which ends the phrase: "Nothing
/// will be the same,” said Lopez".
fn noun_cue(preceding: &str) -> bool {
    if preceding
        .trim_end()
        .ends_with(|c: char| !c.is_alphanumeric())
    {
        return false;
    }
    let mut ws = preceding.split_whitespace().rev().map(bare);
    match (ws.next(), ws.next()) {
        (Some(one), _) if NOUN_DETERMINERS.contains(&one.as_str()) => true,
        (Some(one), Some(two)) => {
            (one == "few" && two == "a")
                || (matches!(
                    one.as_str(),
                    "some" | "much" | "more" | "growing" | "great" | "same" | "usual"
                ) && NOUN_DETERMINERS.contains(&two.as_str()))
        }
        _ => false,
    }
}

/// "For many Obama enthusiasts, this can be overlooked", "To White House officials, it was a
/// show of respect": a sentence opened by "For" or "To" and an unnamed group, then a comma,
/// gives the rest as that group's view. Only a group led by a quantifier after "For" ("For
/// many", "For other students of the genre"): "For Republicans, the campaign trail was like a
/// game of billiards" is the writer's figure, not theirs. Not a purpose ("To win over
/// voters,"), a possessive ("To Republicans’ dismay,"), an infinitive ("For many voters to
/// switch,") or whom someone speaks to ("To critics, the senator replied that").
fn framed_view(
    a: &Analysis,
    block: usize,
    sentence: &Range<usize>,
    lexicon: &Lexicon,
) -> Option<Attribution> {
    let text = a.doc.blocks[block].text.as_str();
    // Most sentences open otherwise: no word list for them.
    if !text[sentence.clone()].trim_start().starts_with(['F', 'T']) {
        return None;
    }
    let ws = words(text, sentence.clone());
    let (cue, opener) = ws.first()?;
    let comma = ws.iter().take(9).position(|(_, w)| w.ends_with(','))?;
    let group = ws.get(1..=comma)?;
    let (_, first_word) = group.first()?;
    let first = bare(first_word);
    let quantified = QUANTIFIERS.contains(&first.as_str()) || first == "other";
    let opens_group = quantified
        || matches!(
            first.as_str(),
            "the" | "his" | "her" | "their" | "its" | "these" | "those"
        )
        || first_word.starts_with(char::is_uppercase)
        || is_people(&first, lexicon)
        || lexicon.groups.contains(&first)
        || lexicon.roles.contains(&first);
    match *opener {
        "To" if opens_group => {}
        "For" if quantified => {}
        _ => return None,
    }
    if group
        .iter()
        .any(|(_, w)| w.contains(['’', '\'']) || bare(w) == "to")
    {
        return None;
    }
    let source = trim(text, group[0].0.start..group[group.len() - 1].0.end - 1)?;
    // People ("For most Democrats today"), not a time ("For many months", "For most of the
    // Cold War"), and no name at the end ("To Florida consultant Wilson").
    let listed = |w: &str| {
        let b = bare(w);
        lexicon.people.contains(&b) || lexicon.groups.contains(&b)
    };
    let person = |w: &str| {
        let b = bare(w);
        !QUANTIFIERS.contains(&b.as_str()) && people_word(&b, lexicon)
    };
    let last = group[group.len() - 1].1;
    let named = last.starts_with(char::is_uppercase) && !listed(last);
    // "For many who lived through the Cold War era": who follows a quantifier is people.
    let who = group.get(1).is_some_and(|(_, w)| bare(w) == "who");
    if !(group.len() == 1 || who || group.iter().any(|(_, w)| person(w))) || named {
        return None;
    }
    let class = classify(&text[source.clone()], lexicon);
    if !matches!(class, SourceClass::Anonymous | SourceClass::Vague) {
        return None;
    }
    // "For many, though, it's a step too far": an aside after the comma is no part of the view
    // (a list's next item is: "To some Republicans, Trump, Cruz, and Rubio are the same").
    let aside = ws.get(comma + 1).is_some_and(|(_, w)| {
        w.ends_with(',') && ASIDES.contains(&bare(w).as_str()) && ws.len() > comma + 2
    });
    let rest = comma + 1 + usize::from(aside);
    let content = trim(text, ws.get(rest)?.0.start..sentence.end)?;
    // "To critics, the senator replied that …": whom the words are said to.
    if lexicon
        .cues
        .find_iter(&text[content.clone()])
        .any(|m| lexicon.kind(m.as_str()) == CueKind::Speech)
    {
        return None;
    }
    let cue = Place {
        block,
        range: cue.clone(),
    };
    Some(Attribution {
        // In a quotation it is the speaker's frame, not the writer's.
        nested: a.in_quotation(&cue),
        cue,
        cue_kind: CueKind::Cognition,
        source: Some(Place {
            block,
            range: source,
        }),
        content: Some(Place {
            block,
            range: content,
        }),
        quoted: false,
        class,
        resolves_to: None,
    })
}

/// Whether "as" follows a cue's object, within its clause: "some saw Beck's comments as simply
/// part of his long opposition".
fn as_after(rest: &str) -> bool {
    let ws: Vec<&str> = rest.split_whitespace().take(8).collect();
    // Within the clause, and after an object: not "saw it, as expected".
    let clause = ws
        .iter()
        .position(|w| w.ends_with([',', ';', ':', '.', '?', '!']))
        .map_or(ws.len(), |i| i + 1);
    ws[..clause].iter().enumerate().skip(1).any(|(i, w)| {
        bare(w) == "as" && !w.ends_with([',', ';', ':', '.', '?', '!']) && {
            // "as" that opens a clause of time or a comparison ("saw a drop as police stepped
            // up patrols", "as they drove home", "gains as well") gives no view.
            let next = ws.get(i + 1).map(|n| bare(n)).unwrap_or_default();
            let then = ws.get(i + 2).map(|n| bare(n)).unwrap_or_default();
            let opens_clause = matches!(
                next.as_str(),
                "he" | "she"
                    | "they"
                    | "we"
                    | "i"
                    | "you"
                    | "it"
                    | "well"
                    | "soon"
                    | "long"
                    | "much"
                    | "many"
                    | "if"
                    | "though"
                    | "usual"
                    | "expected"
            );
            !(opens_clause || then.ends_with("ed") || SKIPPABLE.contains(&then.as_str()))
        }
    })
}

/// A source phrase without the word that opens its clause: "something Sanders aides argue is
/// possible", "what officials said" are the aides and the officials.
fn past_opener(text: &str, r: Range<usize>) -> Range<usize> {
    match text[r.clone()].split_once(' ') {
        Some((w, rest))
            if matches!(w, "something" | "Something" | "what" | "What")
                && !rest.trim().is_empty()
                && !rest.trim_start().starts_with("else") =>
        {
            r.start + w.len() + (rest.len() - rest.trim_start().len()) + 1..r.end
        }
        _ => r,
    }
}

/// Whether a word can open the noun phrase after "to" in "close to him", "an aide to the
/// mayor", "a lawyer to Mr. Cruz": a determiner, an object pronoun or a capital; not a verb
/// ("audience members to make them feel welcome").
fn opens_noun_phrase(w: &str) -> bool {
    w.starts_with(char::is_uppercase)
        || matches!(
            bare(w).as_str(),
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "him"
                | "them"
                | "me"
                | "us"
                | "both"
                | "several"
                | "two"
                | "three"
                | "one"
                | "top"
                | "senior"
                | "former"
        )
}

/// Auxiliaries, which open a clause's verb: a phrase read forwards ends before one ("Support
/// from Republicans has grown").
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "will", "would", "is", "was", "were", "are", "been", "did", "does", "do",
    "may", "might", "could", "should", "can",
];

/// Verbs of changing, after which "support from X" is where it moved from ("change their
/// support from Clinton to Sanders").
const CHANGES: &[&str] = &[
    "change",
    "changed",
    "changes",
    "changing",
    "shift",
    "shifted",
    "shifts",
    "shifting",
    "switch",
    "switched",
    "switches",
    "switching",
    "move",
    "moved",
    "moves",
    "moving",
];

/// Whether a cue is a noun of a view before "from" ("opposition from", "praise from"), whose
/// source is who follows it, as with "according to".
fn from_cue(cue_text: &str) -> bool {
    cue_text.ends_with(" from")
}

/// Whether the word before a cue can be its subject, so that a cue as often a noun is a verb:
/// a plural of people ("Most Americans support", "Wyoming Republicans Support"), a pronoun or
/// "who" ("they favor", "those who support"), a quantifier ("most support Sanders"). Not a
/// possessive ("Democrats’ support"), an adjective ("evangelical support") or a name ("Sanders
/// support", which is support for him).
fn before_subject(preceding: &str, lexicon: &Lexicon) -> bool {
    let Some(w) = preceding.split_whitespace().next_back() else {
        return false;
    };
    if !w.ends_with(char::is_alphanumeric) || w.contains(['\'', '’']) {
        return false;
    }
    let b = bare(w);
    // A capitalised word is a people word only as listed: by its ending "Sanders" is one.
    let people = if w.starts_with(char::is_uppercase) {
        lexicon.people.contains(&b) || lexicon.groups.contains(&b)
    } else {
        is_people(&b, lexicon)
    };
    // A quantifier only as the clause's subject ("most support Sanders"), not as a determiner
    // after a verb ("The bill has some support").
    let opens_clause = || {
        // Past a degree word: "while very few support Mrs. Clinton".
        let mut before = preceding
            .split_whitespace()
            .rev()
            .skip(1)
            .skip_while(|p| matches!(bare(p).as_str(), "very" | "only" | "so" | "too"));
        before.next().is_none_or(|p| {
            p.ends_with([',', ';', ':', '.', '—', '"', '”'])
                || matches!(
                    bare(p).as_str(),
                    "and"
                        | "but"
                        | "while"
                        | "that"
                        | "because"
                        | "though"
                        | "although"
                        | "whereas"
                )
        })
    };
    people
        || matches!(b.as_str(), "they" | "we" | "i" | "you" | "who")
        || (QUANTIFIERS.contains(&b.as_str()) && opens_clause())
}

/// A relative pronoun's source as written, and what it stands for: its range, where the
/// antecedent ends ("Harvey" in "said Harvey, who acknowledged"), and whether a comma or a
/// dash sets the clause off (without one, "asked Ruiz who said" may be a question).
fn relative_source(a: &Analysis, at: &Attribution) -> Option<(Range<usize>, usize, bool)> {
    let p = at.source.as_ref()?;
    let text = &a.doc.blocks[p.block].text;
    if !matches!(&text[p.range.clone()], "who" | "whom") {
        return None;
    }
    let before = text[..p.range.start].trim_end();
    let set_off = before.strip_suffix(RELATIVE_MARKS);
    let end = set_off.unwrap_or(before).trim_end().len();
    Some((p.range.clone(), end, set_off.is_some()))
}

/// Whether an attribution's source as written is a relative pronoun ("who", "whom").
pub fn relative(a: &Analysis, at: &Attribution) -> bool {
    relative_source(a, at).is_some()
}

/// What sets a relative clause off from the name before it.
const RELATIVE_MARKS: [char; 3] = [',', '—', '–'];

/// A source phrase without the relative pronoun it was read with: "Chris Harvey, who" is
/// "Chris Harvey".
pub fn without_relative(phrase: &str) -> &str {
    match phrase
        .strip_suffix("who")
        .or_else(|| phrase.strip_suffix("whom"))
    {
        Some(name)
            if name.ends_with(|c: char| c.is_whitespace() || RELATIVE_MARKS.contains(&c)) =>
        {
            name.trim_end().trim_end_matches(RELATIVE_MARKS).trim_end()
        }
        _ => phrase,
    }
}

/// Whether a phrase read back from a relative pronoun is a noun phrase, not a clause's tail
/// ("consolidate the voters", "the way the operation disparaged women", "Clinton performed
/// well among voters", "Trump's evolution won't repel supporters"): it opens with a capital,
/// a determiner or a number, or is two words ("black voters"), and holds no verb (`verb_at`),
/// no modal and no comparison.
fn noun_phrase(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let Some(first) = words.first().map(|w| bare(w)) else {
        return false;
    };
    let opens = phrase.starts_with(char::is_uppercase)
        || DETERMINERS.contains(&first.as_str())
        || QUANTIFIERS.contains(&first.as_str())
        || matches!(first.as_str(), "the" | "other" | "those" | "these")
        || first.parse::<u32>().is_ok()
        || words.len() <= 2;
    opens
        && !(1..words.len()).any(|i| verb_at(&words, i))
        && !words.iter().map(|w| bare(w)).any(|w| {
            matches!(
                w.as_str(),
                "among"
                    | "than"
                    | "like"
                    | "as"
                    | "well"
                    | "against"
                    | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "should"
                    | "may"
                    | "might"
                    | "must"
            ) || w.ends_with("n't")
                || w.ends_with("n’t")
        })
}

/// Whether the `i`th of `ws` reads as a verb: a lower-case "-ed" word after anything but a
/// determiner or a quantifier ("Firefighters rescued residents", "Microsoft surveyed
/// customers"; not "the retired generals", "some elected officials").
fn verb_at(ws: &[&str], i: usize) -> bool {
    let w = ws[i];
    i > 0
        && w.starts_with(char::is_lowercase)
        && bare(w).ends_with("ed")
        && !{
            let p = bare(ws[i - 1]);
            NOUN_DETERMINERS.contains(&p.as_str())
                || DETERMINERS.contains(&p.as_str())
                || QUANTIFIERS.contains(&p.as_str())
        }
}

/// Where the last noun phrase of `text[range]` starts: after its last verb (`verb_at`), so
/// "Firefighters rescued residents" gives "residents".
fn after_last_verb(text: &str, range: Range<usize>) -> usize {
    let ws = words(text, range.clone());
    let plain: Vec<&str> = ws.iter().map(|(_, w)| *w).collect();
    (1..plain.len())
        .rev()
        .find(|&i| verb_at(&plain, i))
        .and_then(|i| ws.get(i + 1))
        .map_or(range.start, |(r, _)| r.start)
}

/// Whether a phrase after `before` describes someone the sentence has already given: an
/// appositive ("said Howard Rubel, a senior analyst at Jefferies, who notes"), a list's last
/// item after one ("a Texas media consultant and an influential Hispanic Republican who said")
/// or a predicate ("She was one of two women who declared"); not "there are some experts who".
fn describes_someone(before: &str) -> bool {
    let before = before.trim_end();
    let last = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    let prev = before[..before.len() - last.len()]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    // Within the last 80 characters of the sentence so far.
    let listed = matches!(last, "and" | "or")
        && before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| !matches!(c, '.' | '!' | '?'))
            .take(80)
            .any(|(_, c)| c == ',');
    before.ends_with([',', '—', '–'])
        || listed
        || (matches!(last, "is" | "are" | "was" | "were" | "be" | "been")
            && !prev.eq_ignore_ascii_case("there"))
}

/// The phrase a relative pronoun source stands for, read back from the pronoun within its
/// sentence: the phrase's range, with the pronoun's and whether a comma or dash sets the
/// clause off. None when the phrase does not end right before the pronoun.
fn antecedent(
    a: &Analysis,
    lexicon: &Lexicon,
    at: &Attribution,
) -> Option<(Range<usize>, Range<usize>, bool)> {
    let (who, end, set_off) = relative_source(a, at)?;
    let b = at.cue.block;
    let text = &a.doc.blocks[b].text;
    // Sentences are in order: the one holding the pronoun is found by binary search, not a
    // scan of a story that may be one paragraph of thousands of sentences.
    let sentences = &a.sentences[b];
    let start = sentences
        .get(sentences.partition_point(|s| s.end <= who.start))
        .filter(|s| s.start <= who.start)
        .map_or(0, |s| s.start);
    // A sentence may begin at the pronoun ("Sanders… who said"): nothing before it.
    if end <= start {
        return None;
    }
    let name = phrase_before(text, window_before(text, start, end), lexicon)?;
    (name.end == end).then_some((name, who, set_off))
}

/// "said Harvey, who acknowledged …", "Sanders, who had said …": a relative pronoun after a
/// name stands for that person, so the source is read as the name with its pronoun: named,
/// grouped by the name's surname, and still holding the pronoun some annotators mark alone.
fn named_antecedents(a: &Analysis, lexicon: &Lexicon, out: &mut [Attribution]) {
    for at in out.iter_mut() {
        let Some((name, who, true)) = antecedent(a, lexicon, at) else {
            continue;
        };
        let text = &a.doc.blocks[at.cue.block].text;
        let capitalised = text[name.clone()]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if capitalised && classify(&text[name.clone()], lexicon) == SourceClass::Named {
            at.source = Some(Place {
                block: at.cue.block,
                range: name.start..who.end,
            });
            at.class = SourceClass::Named;
        }
    }
}

/// "said a senior official, who spoke on condition of anonymity", "A Defense Department
/// official, who spoke on condition of anonymity because …, said": a relative pronoun whose
/// antecedent is another attribution's source refers to that source. One whose antecedent is
/// no other source but an unnamed group or person ("some national security law experts who
/// think", "Republican partisans who prefer") is that group, read with its pronoun as a name
/// is.
fn sourced_antecedents(a: &Analysis, lexicon: &Lexicon, out: &mut [Attribution]) {
    /// How far along the ledger, either way, to look for the antecedent's attribution (in the
    /// same paragraph): its neighbours, which a sentence's cues are.
    const NEAR: usize = 8;
    for i in 0..out.len() {
        if out[i].class != SourceClass::Other {
            continue;
        }
        let Some((pronoun, end, _)) = relative_source(a, &out[i]) else {
            continue;
        };
        let b = out[i].cue.block;
        let antecedent_at = (i.saturating_sub(NEAR)..(i + NEAR + 1).min(out.len())).find(|&j| {
            let other = &out[j];
            j != i
                && !other.nested
                && !matches!(other.class, SourceClass::Other | SourceClass::None)
                && (other.class != SourceClass::Reference || other.resolves_to.is_some())
                && other.source.as_ref().is_some_and(|s| {
                    s.block == b
                        && (s.range.end == end
                            || (s.range.start <= pronoun.start && pronoun.end <= s.range.end))
                })
        });
        if let Some(j) = antecedent_at {
            out[i].class = SourceClass::Reference;
            out[i].resolves_to = Some(out[j].resolves_to.unwrap_or(j));
        } else if let Some((name, _, _)) = antecedent(a, lexicon, &out[i]) {
            let text = &a.doc.blocks[b].text;
            // "Firefighters rescued residents who said": the residents.
            let name = after_last_verb(text, name.clone())..name.end;
            // "whom" is the clause's object: "experts whom voters trust" is the voters' view.
            if &text[pronoun.clone()] == "who"
                && noun_phrase(&text[name.clone()])
                && !describes_someone(&text[..name.start])
                && !a.sentences[b]
                    .get(a.sentences[b].partition_point(|s| s.end <= name.start))
                    .is_some_and(|s| {
                        named_after_clause(text, s, name.start, out[i].cue.range.end, lexicon)
                    })
                // A clause read back past its verb ("Mr. Bush tells voters who wonder") is
                // no antecedent: the verb's object is.
                && !lexicon.cues.is_match(&text[name.clone()])
                && let class @ (SourceClass::Anonymous | SourceClass::Vague) =
                    classify(&text[name.clone()], lexicon)
            {
                out[i].source = Some(Place {
                    block: b,
                    range: name.start..pronoun.end,
                });
                out[i].class = class;
            }
        }
    }
}

/// "A Texas voter who supports Trump, Golvach lost his son": a description fronted before the
/// name it describes is that person's, so whoever holds the view is named, not an unnamed
/// voter. Whether the sentence `sentence` opens with the phrase at `start` and the relative
/// clause after `from` ends at a comma and a name that a verb of its own follows. Not an aside
/// naming who says so ("Residents who oppose it, Mayor Lee said, have"), nor a comma after the
/// sentence's own verb ("…packed the hall, Mayor Lee has conceded"), nor a list's aside
/// ("Analysts who expect a recession, Goldman Sachs among them, have cut forecasts").
fn named_after_clause(
    text: &str,
    sentence: &Range<usize>,
    start: usize,
    from: usize,
    lexicon: &Lexicon,
) -> bool {
    // At the sentence's start, or after its opening conjunction ("But a Texas voter who").
    let opening = text[sentence.start..start].trim();
    if !(opening.is_empty() || matches!(opening, "But" | "And" | "Yet" | "So" | "Still,")) {
        return false;
    }
    // Within reach of the cue only: a paragraph may be one sentence of megabytes.
    let end = crate::source::floor_char_boundary(text, sentence.end.min(from + SOURCE_WINDOW));
    let Some((_, after)) = text[from..end.max(from)].split_once(", ") else {
        return false;
    };
    let ws: Vec<&str> = after.split_whitespace().take(6).collect();
    let Some(n) = ws.iter().position(|w| !w.starts_with(char::is_uppercase)) else {
        return false;
    };
    let verb = bare(ws[n]);
    n > 0
        && ws[n].starts_with(char::is_lowercase)
        && !ws[..=n].iter().any(|w| w.ends_with(','))
        && ws.get(n + 1).is_none_or(|w| !w.ends_with(','))
        && !SKIPPABLE.contains(&verb.as_str())
        && !PREPOSITIONS.contains(&verb.as_str())
        && !matches!(
            verb.as_str(),
            "among" | "including" | "included" | "and" | "or"
        )
        && !lexicon.cues.is_match(&verb)
        && classify(&ws[..n].join(" "), lexicon) == SourceClass::Named
}

/// Where the colon is in a line opened by a speaker's name and a colon (“Bill Clinton:
/// Hillary is better qualified”, “Former AG Mukasey at RNC: …”, “TAPPER: And obviously …”): a short
/// capitalised phrase that is not one of the lexicon's `line-labels` ("UPDATE:", "Editor's
/// note:"), with words after it. A list item's label ("Voter participation: …") is not one.
fn line_label_colon(line: &str, lexicon: &Lexicon) -> Option<usize> {
    let colon = line.find(": ")?;
    let (label, said) = (line[..colon].trim(), line[colon + 1..].trim());
    let words: Vec<&str> = label.split_whitespace().collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let plain = |w: &str| {
        w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '-' | '&'))
    };
    let lower = label.to_lowercase();
    let fits = (1..=6).contains(&words.len())
        && capital(words[0])
        && words.iter().all(|w| plain(w))
        && words
            .iter()
            .all(|w| capital(w) || matches!(*w, "of" | "at" | "the" | "for" | "and" | "&"))
        // "Just Leaked:", "Breaking:" are a kicker's verb, not a name.
        && !words
            .last()
            .map(|w| bare(w))
            .is_some_and(|w| w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing")))
        && !lexicon.line_labels.contains(&lower)
        && !lexicon.line_labels.contains(&bare(words[0]))
        && !crate::document::DAYS.contains(&bare(words[0]).as_str())
        && said.split_whitespace().nth(1).is_some();
    fits.then_some(colon)
}

/// Whether a quotation is a transcript's line, its speaker's name in capitals before a colon
/// ("RAMOS: Secretary Clinton, did you …").
fn transcript_line(quoted: &str) -> bool {
    let inner = quoted.trim_start_matches(|c: char| !c.is_alphanumeric());
    inner.split_once(':').is_some_and(|(label, _)| {
        let letters = label.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2
            && label.len() <= 30
            && label
                .chars()
                .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'))
    })
}

/// Whether `quote` runs on into later paragraphs (the news convention: each opens with a mark,
/// only the last closes) and the paragraph where it closes has a reporting cue outside it.
fn continues_to_attribution(a: &Analysis, quote: &Place, lexicon: &Lexicon) -> bool {
    let Some(q) = a.quotation_at(quote.block, quote.range.start) else {
        return false;
    };
    let Some((last_block, last)) = q.parts.last().filter(|(b, _)| *b > quote.block) else {
        return false;
    };
    let text = &a.doc.blocks[*last_block].text;
    lexicon
        .cues
        .find_iter(text)
        .any(|m| m.start() >= last.end || m.end() <= last.start)
}

/// The top-level quotation a cue attributes: one in its sentence, nearest to the cue, long
/// enough to be speech.
fn quotation_in(
    a: &Analysis,
    b: usize,
    sentence: &Range<usize>,
    cue: &Range<usize>,
) -> Option<Range<usize>> {
    // Speech quotations do not overlap and are sorted: the last to end before the cue and the
    // first after it are the nearest on either side.
    let speech = a.speech(b);
    let i = speech.partition_point(|q| q.end <= cue.start);
    i.checked_sub(1)
        .and_then(|j| speech.get(j))
        .into_iter()
        .chain(speech.get(i))
        // Not the quotation the cue stands inside: a speaker's own "they said" is not the
        // writer's attribution of the whole quotation (and a quotation of megabytes given to
        // each of its cues made the ledger's JSON quadratic).
        .filter(|q| {
            q.start < sentence.end
                && sentence.start < q.end
                && !(q.start <= cue.start && cue.end <= q.end)
        })
        .min_by_key(|q| {
            if q.end <= cue.start {
                cue.start - q.end
            } else {
                q.start.saturating_sub(cue.end)
            }
        })
        .cloned()
}

/// Words that may follow a closing attribution without being what it attributes: "…, Susan
/// said as she left", "…, the mayor said on Monday". The days ("…, she said Tuesday") are
/// [`crate::document::DAYS`].
const TRAILING: &[&str] = &[
    "on",
    "in",
    "at",
    "as",
    "during",
    "after",
    "before",
    "when",
    "while",
    "last",
    "this",
    "earlier",
    "later",
    "recently",
    "afterward",
    "afterwards",
    "adding",
    "from",
    "via",
    "through",
    "outside",
    "inside",
];

/// "The fund will grow, a senior official said on Monday": a sentence that closes on an
/// attribution after a comma, followed by nothing or by an adverbial ("as she left", "on
/// Monday"; for "told", its listener), attributes the clause before the comma, not what
/// follows the cue. "In an interview, Smith said the deal was off" opens on an adverbial and
/// attributes what follows. When the closing source is named, or a reference such as "he"
/// ("Her liberal friends have mocked Trump's campaign, calling him a buffoon, Susan said"),
/// the cues in that clause are the speaker's account of others, not sources the writer relies
/// on: they are marked nested, as a cue inside a quotation is. ("They were hoping …, they
/// said" is then one citation of the group, not two.)
fn relay_trailing(text: &str, block: usize, sentence: &Range<usize>, found: &mut [Attribution]) {
    let Some(last) = found
        .iter()
        .rposition(|x| !x.nested && x.cue_kind == CueKind::Speech)
    else {
        return;
    };
    let closing = &found[last];
    let Some(source) = closing.source.as_ref() else {
        return;
    };
    let (start, end) = (
        source.range.start.min(closing.cue.range.start),
        source.range.end.max(closing.cue.range.end),
    );
    // A source found outside the sentence (a speaker carried over from before) closes nothing.
    if start < sentence.start || end > sentence.end {
        return;
    }
    // A quotation that opens the sentence is already what it attributes; one inside the
    // clause ("calling Trump “an orange buffoon,” Susan said") is a fragment of it.
    let opens_on_quote = closing.quoted
        && closing.content.as_ref().is_some_and(|c| {
            text.get(sentence.start..c.range.start)
                .is_none_or(|t| t.chars().all(|ch| !ch.is_alphanumeric()))
        });
    let before = text[sentence.start..start].trim_end();
    let Some(clause) = before.trim_end_matches(['”', '"', '’']).strip_suffix(',') else {
        return;
    };
    let rest = text[end..sentence.end].trim_matches(|c: char| !c.is_alphanumeric());
    let cue = bare(&text[closing.cue.range.clone()]);
    let listener = matches!(cue.as_str(), "told" | "tells")
        && rest.split_whitespace().count() <= 6
        && !rest.split_whitespace().any(|w| bare(w) == "that");
    let adverbial = rest.split_whitespace().next().map(bare).is_none_or(|w| {
        TRAILING.contains(&w.as_str()) || crate::document::DAYS.contains(&w.as_str())
    });
    if opens_on_quote || !(adverbial || listener) {
        return;
    }
    let clause_end = sentence.start + clause.len();
    let content = trim(text, sentence.start..sentence.start + before.len())
        .map(|range| Place { block, range });
    let named = matches!(closing.class, SourceClass::Named | SourceClass::Reference);
    if !closing.quoted {
        found[last].content.clone_from(&content);
    }
    if !named {
        return;
    }
    let mut relayed = false;
    for x in &mut found[..last] {
        if x.cue.range.end <= clause_end && x.cue.range.start >= sentence.start {
            x.nested = true;
            relayed = true;
            // What it attributes ends where the speaker's account does.
            if let Some(c) = x.content.as_mut().filter(|c| c.range.end > clause_end) {
                match trim(text, c.range.start.min(clause_end)..clause_end) {
                    Some(range) => c.range = range,
                    None => x.content = None,
                }
            }
        }
    }
    if relayed {
        found[last].content = content;
    }
}

/// `range` without surrounding whitespace and punctuation.
fn trim(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let s = text.get(range.clone())?;
    let is_edge =
        |c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '—' | '–' | '-');
    let lead = s.len() - s.trim_start_matches(is_edge).len();
    let body = s.trim_matches(is_edge);
    (!body.is_empty()).then(|| range.start + lead..range.start + lead + body.len())
}

/// Words of `text[range]` with their byte ranges.
fn words(text: &str, range: Range<usize>) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        let inside = !c.is_whitespace();
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                out.push((s..at, &text[s..at]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s..range.end, &text[s..range.end]));
    }
    out
}

fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// How far around a cue, in bytes, its source phrase is looked for. A source is a few words
/// next to its cue; looking further for every cue would make a story kept on one line (one
/// sentence of megabytes, thousands of cues) quadratic.
const SOURCE_WINDOW: usize = 512;

/// Whether a grant of anonymity (the lexicon's `anonymity-grants`) opens `clause`, or follows
/// its verb and preposition ("asked not to be named", "spoke on condition of anonymity"); not
/// one the clause reports of someone else ("told reporters that one aide had asked not to be
/// named").
fn grant_opens(clause: &str, lexicon: &Lexicon) -> bool {
    let opening = &clause[..crate::source::floor_char_boundary(clause, 64)];
    lexicon.anonymity_grants.iter().any(|g| {
        opening
            .find(g.as_str())
            .is_some_and(|at| opening[..at].split_whitespace().count() <= 2)
    })
}

/// Prepositions that open a sentence's phrase of place or time ("In Washington, …", "After
/// meeting Donald Trump, …"), which no source heads. Narrower than [`OPENERS`]: a clause
/// opened by "While" or "As" has its own subject ("While many trial lawyers, including …,").
const SETTINGS: &[&str] = &[
    "in", "on", "at", "from", "for", "by", "during", "after", "before", "since",
];

/// How much of a sentence, in bytes, reported speech runs to after its cue. A news sentence is
/// far shorter; a story kept on one line with no full stop is one sentence of megabytes, and
/// each of its thousands of cues giving the rest of it as content made `sources --format
/// json` quadratic (a 100 KB line gave 132 MB of JSON).
const CONTENT_WINDOW: usize = 2048;

/// Where the content after a cue ends: the sentence's end, or the end of the last whole word
/// within [`CONTENT_WINDOW`] bytes of `from`.
fn content_end(text: &str, from: usize, end: usize) -> usize {
    if end - from <= CONTENT_WINDOW {
        return end;
    }
    let cut = crate::source::floor_char_boundary(text, from + CONTENT_WINDOW);
    text[from..cut]
        .rfind(char::is_whitespace)
        .map_or(cut, |i| from + i)
}

/// The text around one cue that its source phrase is looked for in, each range cut to
/// [`SOURCE_WINDOW`] and to whole words.
struct Near {
    /// From the sentence start (or the window's first whole word) to the cue.
    before: Range<usize>,
    /// From the cue to the sentence end (or the window's last whole word).
    after: Range<usize>,
    /// The sentence's opening, where its subject is.
    opening: Range<usize>,
}

/// The last [`SOURCE_WINDOW`] bytes of `start..end`, without a word cut in two.
fn window_before(text: &str, start: usize, end: usize) -> Range<usize> {
    let from = crate::source::floor_char_boundary(text, end.saturating_sub(SOURCE_WINDOW));
    if from <= start {
        return start..end;
    }
    let cut_word = !text[..from].ends_with(char::is_whitespace);
    let from = if cut_word {
        text[from..end]
            .find(char::is_whitespace)
            .map_or(end, |i| from + i)
    } else {
        from
    };
    from..end
}

/// The first [`SOURCE_WINDOW`] bytes of `start..end`, without a word cut in two.
fn window_after(text: &str, start: usize, end: usize) -> Range<usize> {
    let to = crate::source::floor_char_boundary(text, start + SOURCE_WINDOW);
    if to >= end {
        return start..end;
    }
    let cut_word = !text[to..].starts_with(char::is_whitespace);
    let to = if cut_word {
        text[start..to]
            .rfind(char::is_whitespace)
            .map_or(start, |i| start + i)
    } else {
        to
    };
    start..to
}

/// `r` without a dateline it opens with: "WASHINGTON ― The Obama administration" is the
/// administration. A dateline is words in capitals and a dash; none is left when nothing
/// follows it.
fn past_dateline(text: &str, r: Range<usize>) -> Range<usize> {
    let phrase = &text[r.clone()];
    let Some((line, rest)) = phrase.split_once(['―', '—', '–']) else {
        return r;
    };
    let capitals = line.split_whitespace().all(|w| {
        w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase) && w.len() > 1
    });
    let start = r.end - rest.trim_start().len();
    if capitals && !line.trim().is_empty() && start < r.end {
        start..r.end
    } else {
        r
    }
}

/// Whether the source phrase at `source` is a possessive whose noun comes after it: the cue
/// itself when it is a noun (`noun_cue`, or right after the possessive and not a verb's past
/// or "says": "Trump's comments", "Editor's note", "Rubio's claim"), or a word before the cue
/// ("Eggleston's" of "Eggleston's meeting … was aimed at explaining"). Such a phrase says
/// whose, not who. A possessive right before a verb is the source ("Moody's said"), as it
/// is before an auxiliary or an adverb ("Macy's also said").
fn owner_of_a_noun(text: &str, source: &Range<usize>, cue: &Range<usize>, noun_cue: bool) -> bool {
    let Some(last) = text[source.clone()].split_whitespace().next_back() else {
        return false;
    };
    if !possessive(last) || source.end > cue.start {
        return false;
    }
    let next = text[source.end..cue.start].split_whitespace().next();
    let verb = {
        let c = bare(&text[cue.clone()]);
        c.ends_with("ed")
            || PAST_VERBS.contains(&c.as_str())
            || matches!(
                c.as_str(),
                "said" | "says" | "told" | "wrote" | "thought" | "knew"
            )
    };
    noun_cue
        || (next.is_none() && !verb)
        || next.is_some_and(|n| {
            let b = bare(n);
            n.chars().next().is_some_and(char::is_lowercase)
                && !SKIPPABLE.contains(&b.as_str())
                && !b.ends_with("ly")
        })
}

/// Whether a capitalised cue word starts or ends a name ("Hope Hicks said", "the United
/// States", "said Mr. Read"), in a sentence not set in title case (where "Trump Says
/// Clinton…" is still a cue); `title_case` caches the sentence's reading.
fn names_a_person(
    sentence: &str,
    cue: Range<usize>,
    title_case: &std::cell::OnceCell<bool>,
) -> bool {
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // "According to Trump": a cue of several words is never a first name.
    if !capital(&sentence[cue.clone()]) || sentence[cue.clone()].contains(' ') {
        return false;
    }
    let before_a_capital = sentence[cue.end..]
        .split_whitespace()
        .next()
        .is_some_and(capital);
    let after_a_capital = sentence[..cue.start]
        .split_whitespace()
        .next_back()
        .is_some_and(|p| capital(p) && p.ends_with(|c: char| c.is_alphanumeric() || c == '.'));
    if !before_a_capital && !after_a_capital {
        return false;
    }
    !*title_case.get_or_init(|| {
        let (mut words, mut capitals) = (0, 0);
        for w in sentence
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        {
            words += 1;
            capitals += usize::from(capital(w));
        }
        capitals * 2 >= words
    })
}

/// "…, Reuters reported, citing two people familiar with the matter": "citing" right after a
/// verb of reporting and its comma names whom the report rests on, as "according to" does.
/// Not a reason given ("Smith declined to comment, citing company policy", "called a strike,
/// citing workers who said"), nor "which cited unnamed sources".
fn cites(cue_text: &str, before: &str) -> bool {
    // The verb may have its time or place after it ("the Journal reported Tuesday, citing",
    // "said in a statement, citing"): any of the clause's last five words.
    cue_text == "citing"
        && before.trim_end().strip_suffix(',').is_some_and(|b| {
            b.split_whitespace()
                .rev()
                .take(5)
                .take_while(|w| !w.ends_with([',', ';', ':', '.']))
                .any(|w| {
                    matches!(
                        w,
                        "reported" | "reports" | "said" | "says" | "wrote" | "writes" | "added"
                    )
                })
        })
}

/// The source phrase of a cue, looked for in the text `near` it.
fn find_source(text: &str, near: &Near, cue_text: &str, lexicon: &Lexicon) -> Option<Range<usize>> {
    let before = &text[near.before.clone()];
    let before_trim = before.trim_end();
    let after_cue = words(text, near.after.clone());
    if cue_text == "according to" || cites(cue_text, before) {
        return phrase_after(text, &after_cue);
    }
    // "stern opposition from some of the club's homeowners to his plan": a view named by a
    // noun before "from" is held by who follows, up to what it is about.
    if from_cue(cue_text) {
        // "change their support from Clinton to Sanders": a starting point, not a holder.
        if before_trim
            .split_whitespace()
            .rev()
            .take(3)
            .any(|w| CHANGES.contains(&bare(w).as_str()))
        {
            return None;
        }
        // Up to what the view is about, or the sentence's verb ("Support from Republicans has
        // grown", "Criticism from Democrats grew louder").
        // An "-ed" word first, or joined by a hyphen, is the holder's adjective ("from elected
        // officials", "from self-described conservatives").
        let about = after_cue
            .iter()
            .enumerate()
            .position(|(i, (_, w))| {
                let b = bare(w);
                matches!(
                    b.as_str(),
                    "to" | "for" | "over" | "about" | "on" | "as" | "compared"
                ) || AUXILIARIES.contains(&b.as_str())
                    || HOLDER_BREAKS.contains(&b.as_str())
                    || (i > 0
                        && w.starts_with(char::is_lowercase)
                        && b.ends_with("ed")
                        && !b.contains('-'))
            })
            .unwrap_or(after_cue.len());
        let phrase = &after_cue[..about];
        // People or a body of them ("from some of the club's homeowners", "from Moody's"),
        // not a time ("from the moment he took office", "from the start").
        let people = phrase.iter().any(|(_, w)| {
            let b = bare(w);
            w.starts_with(char::is_uppercase)
                || people_word(&b, lexicon)
                || lexicon.organisations.contains(&b)
        });
        return people.then(|| phrase_after(text, phrase)).flatten();
    }
    // ‘…,’ said a European defense official / …, said Maria Lopez. A straight quote after a
    // space opens the quotation the cue is in (he "rejects Trump's latest comments"): what
    // follows is the verb's object.
    // Not one after a clause's last mark and a stray space (`"We are not going anywhere, "
    // said Mayor Ann Lee`), which closes.
    let opening = before_trim.strip_suffix(['"', '\'']).is_some_and(|b| {
        b.is_empty()
            || (b.ends_with(char::is_whitespace)
                && !b.trim_end().ends_with([',', '.', '?', '!', '—', '-']))
    });
    let inverted = (closes_quote(before_trim) && !opening)
        || (before_trim.ends_with(',')
            && after_cue.first().is_some_and(|(_, w)| {
                let w0 = bare(w);
                DETERMINERS.contains(&w0.as_str())
                    || w0 == "the"
                    || w.chars().next().is_some_and(char::is_uppercase)
            }));
    // "Janet Ruiz, the library director, said the branch…": an appositive before the comma
    // is the source, and what follows the cue is what was said.
    // Commas inside a quotation cut by the cue ("“For teachers, he’s saying the right things”
    // about unions, said Marla Kilfoyle") are not an appositive's: count those after it.
    let after_quote = before_trim
        .rfind(['”', '"'])
        .map_or(before_trim, |i| &before_trim[i..]);
    let appositive = !closes_quote(before_trim)
        && after_quote.matches(',').count() >= 2
        && phrase_before(text, near.before.clone(), lexicon).is_some_and(|r| {
            // A description after an opening phrase ("On Tuesday, a senior aide, speaking
            // anonymously, said") starts with its article.
            text[r].split_whitespace().next().is_some_and(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    || DETERMINERS.contains(&bare(w).as_str())
                    || NOUN_DETERMINERS.contains(&bare(w).as_str())
            })
        });
    // …, asserting that / …, promising the club will return: the sentence's subject speaks
    // (a participle is never inverted).
    let participle = cue_text
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with("ing"));
    // The words before the cue, and the last that is no auxiliary or adverb ("has also").
    let before_words: Vec<&str> = before_trim.split_whitespace().collect();
    let kept = before_words
        .iter()
        .rposition(|w| !SKIPPABLE.contains(&bare(w).as_str()));
    // "McConnell embraced the mogul and said": a second verb of the sentence's subject.
    let coordinated = kept.is_some_and(|k| matches!(bare(before_words[k]).as_str(), "and" | "but"))
        // Not the verbs of a relative clause: "a person who attended and described".
        && !before_words
            .iter()
            .any(|w| matches!(bare(w).as_str(), "who" | "whom" | "which" | "whose"));
    // "The mayor met protesters on Monday, then told reporters": ", then" opens the subject's
    // next verb too, so the phrase before the comma ("Monday", "a job as Secretary of
    // Defense") is what the first verb did, not who speaks.
    let then_coordinated = kept.is_some_and(|k| {
        before_words[k].ends_with(',') && before_words[k + 1..].iter().any(|w| bare(w) == "then")
    });
    // "criticized by some of his rivals": a passive cue's source follows "by" ("said by
    // telephone" names a means, not an agent).
    let by_agent = after_cue.first().is_some_and(|(_, w)| bare(w) == "by")
        && after_cue
            .get(1)
            .is_none_or(|(_, w)| !MEANS.contains(&bare(w).as_str()));
    // "Aides were told to stay home", "officials … were mocked and criticized": who precedes a
    // passive cue is told or judged, not the source; its "by" agent is.
    if passive(before_trim, cue_text, &after_cue, lexicon) {
        return by_agent
            .then(|| phrase_after(text, &after_cue[1..]))
            .flatten();
    }
    // "… hit Snowden back by accusing him", "was criticized for saying": a participle after a
    // preposition is its clause's verb too, so the words before it are no source.
    let prepositional = participle
        && before_words.last().is_some_and(|w| {
            matches!(
                *w,
                "by" | "for" | "after" | "before" | "while" | "without" | "in" | "when" | "since"
            )
        });
    // "my parents were gone, and a neighbor came in and told me": a second verb's subject
    // opens the clause it is in, after the last ", and", ", but" or ";" before its "and".
    if coordinated {
        // The coordinating word is the last before the cue but auxiliaries and adverbs; its
        // offset in `before_trim`, of which each of `before_words` is a slice.
        let and_at =
            kept.map(|k| before_words[k].as_ptr() as usize - before_trim.as_ptr() as usize);
        let clause = and_at.and_then(|at| {
            ["; ", ", and ", ", but "]
                .iter()
                .filter_map(|b| before_trim[..at].rfind(b).map(|i| i + b.len()))
                .max()
        });
        // Not a list's last item ("met with the mayor, the police chief, and a fire official
        // and said"), whose "subject" has no verb before the "and", nor a clause inside a
        // quotation (“We lost, but the voters will be back,” Mayor Ann Lee told supporters and
        // vowed).
        if let (Some(from), Some(at)) = (clause, and_at)
            && !before_trim[from..at].contains(['“', '”', '"'])
            && let Some(s) = subject(text, &(near.before.start + from..near.before.end), lexicon)
            && !text[s.end.min(near.before.start + at)..near.before.start + at]
                .trim()
                .is_empty()
        {
            return Some(s);
        }
    }
    if (participle && before_trim.ends_with(','))
        || prepositional
        || coordinated
        || then_coordinated
    {
        return subject(text, &near.opening, lexicon);
    }
    // "…,” Jim Bennett, 57, told a voter": who is told is not who speaks.
    let told = matches!(cue_text, "told" | "tells" | "tell");
    if inverted && !appositive && !told {
        if let Some(r) = phrase_after(text, &after_cue) {
            return Some(with_relative(text, r, &after_cue, lexicon));
        }
    }
    // "Fans were thrilled by the win": what a feeling is felt by is its cause, not who holds
    // it.
    if by_agent && lexicon.kind(cue_text) != CueKind::Feeling {
        return phrase_after(text, &after_cue[1..]);
    }
    phrase_before(text, near.before.clone(), lexicon)
        .or_else(|| subject(text, &near.opening, lexicon))
}

/// "said a person who has been briefed on the discussions but was not authorized to speak":
/// a source that says nothing of itself ("a person") is described by its relative clause,
/// which then belongs to the source, as it does before the cue ("A person who has been briefed
/// on the talks said"). The clause runs to the next comma or the end of the sentence's window.
fn with_relative(
    text: &str,
    r: Range<usize>,
    after: &[(Range<usize>, &str)],
    lexicon: &Lexicon,
) -> Range<usize> {
    let Some(k) = after.iter().position(|(w, _)| w.start >= r.end) else {
        return r;
    };
    if bare(after[k].1) != "who" || classify(&text[r.clone()], lexicon) != SourceClass::Other {
        return r;
    }
    let clause = &after[k..(k + 25).min(after.len())];
    let end = clause
        .iter()
        .enumerate()
        .position(|(i, (_, w))| {
            w.ends_with([',', ';', ':', '.', '?', '!'])
                && !abbreviates(w, clause.get(i + 1).map(|(_, n)| *n))
        })
        .unwrap_or(clause.len() - 1);
    let (last, w) = &clause[end];
    let extended = r.start..word_end(last, w);
    if classify(&text[extended.clone()], lexicon) == SourceClass::Other {
        r
    } else {
        extended
    }
}

/// Words that end what comes before a holder: forms of "be" and of becoming ("Liberals got
/// mad"), and verbs that put a feeling on their object ("left", "make", "leads").
const HOLDER_BREAKS: &[&str] = &[
    "am", "is", "are", "was", "were", "be", "been", "got", "get", "gets", "grew", "became",
    "become", "becomes", "left", "leave", "leaves", "make", "makes", "made", "keep", "keeps",
    "kept", "leads", "led",
];

/// Who holds a side or a feeling, within the phrase read before its cue: the words after the
/// phrase's last verb ("persuade the angry voters now backing him", "Military Times found
/// Democrats favored"), a linking verb at its end dropped ("his donors remain confident"), and
/// none where a degree word stands for it ("the most enthusiastic", "most recently defended")
/// or where the phrase is asked to take the side (`infinitive`, after a verb). A verb of
/// saying keeps the phrase `find_source` reads: its sources were tuned and judged on it.
fn holder(
    text: &str,
    r: Range<usize>,
    infinitive: bool,
    lexicon: &Lexicon,
) -> Option<Range<usize>> {
    let words = words(text, r.clone());
    // A word of the cue lexicon as a verb: lower-case ("state Representative" is a cue word
    // only if "state" were one), the whole word.
    let cue_word = |w: &str| {
        let b = bare(w);
        w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_lowercase)
            && lexicon.cues.find(&b).is_some_and(|m| m.len() == b.len())
    };
    // A cue word, a form of "be" ("I am glad Republicans are frustrated") or a verb that puts
    // a feeling on its object ("have left many voters deeply frustrated"); read once a word.
    let verb: Vec<bool> = words
        .iter()
        .map(|(_, w)| HOLDER_BREAKS.contains(&bare(w).as_str()) || cue_word(w))
        .collect();
    let mut end = words.len();
    // "Republicans who agree that the prison should be closed were irritated": a relative
    // clause with a verb of its own describes the holder.
    if let Some(k) = words
        .iter()
        .position(|(_, w)| matches!(bare(w).as_str(), "who" | "that" | "which"))
        .filter(|&k| k > 0 && verb[k..].contains(&true))
    {
        end = k;
    }
    // "The mayor, still stinging over mocking him by name, grudgingly agreed", "only two
    // Democrats, both of whom opposed the deal, are backing": so does an aside, the words
    // after the last comma before its verb, up to the cue, with no comma between ("Back in
    // Indiana, … state Representative Karlee Macer, a Democrat, wants" has none).
    let closed =
        text[..r.end].trim_end().ends_with(',') || text[r.end..].trim_start().starts_with(',');
    if let Some(v) = verb[..end].iter().rposition(|&v| v).filter(|_| closed) {
        if let Some(k) = words[..v].iter().rposition(|(_, w)| w.ends_with(',')) {
            if !words[k + 1..end - 1].iter().any(|(_, w)| w.ends_with(',')) {
                end = k + 1;
            }
        }
    }
    // "his donors remain", "Democrats appeared": the link to the feeling is no part of who.
    if end > 1 && verb[end - 1] {
        end -= 1;
    }
    let mut start = verb[..end].iter().rposition(|&v| v).map_or(0, |i| i + 1);
    // "Plus Democrats", "Perhaps young voters", "I am glad Republicans", "what voters want":
    // what opens the sentence or clause before the group is no part of it, nor is a
    // preposition ("money from investors hungry for returns").
    while start < end
        && matches!(
            // As written: "From agreed" is Al From, and a capital opens a sentence.
            words[start].1,
            "Plus"
                | "Perhaps"
                | "Probably"
                | "probably"
                | "perhaps"
                | "Like"
                | "glad"
                | "what"
                | "What"
                | "something"
                | "Something"
                | "from"
                | "among"
                | "with"
                | "for"
                | "of"
                | "to"
        )
    {
        start += 1;
    }
    // "calling on attendees to oppose", "persuade the angry voters to support": who is asked
    // to take a side has not taken it.
    let asks = |w: &str| matches!(bare(w).as_str(), "on" | "upon") || cue_word(w);
    let asked = match start.checked_sub(1) {
        Some(i) => asks(words[i].1),
        None => text[..r.start]
            .split_whitespace()
            .next_back()
            .is_some_and(asks),
    };
    if infinitive && asked {
        return None;
    }
    let kept = &words[start..end];
    // A degree word ("most enthusiastic") or a relative "that" left at the end holds nothing.
    let last = bare(kept.last()?.1);
    if matches!(
        last.as_str(),
        "most" | "more" | "less" | "than" | "very" | "so" | "too" | "that"
    ) {
        return None;
    }
    trim(text, kept[0].0.start..kept[kept.len() - 1].0.end)
}

/// Whether a cue is passive: a form of "be" right before it, adverbs aside ("were told",
/// "was sharply criticized"), or before the verb it is coordinated with ("were mocked and
/// criticized"). Believing is passive only before "to" ("is expected to pass"): "many are
/// worried" worry. A side taken always is ("were recognized for their work", "was backed by
/// liberals"). Other cues never are.
fn passive(
    before: &str,
    cue_text: &str,
    after: &[(Range<usize>, &str)],
    lexicon: &Lexicon,
) -> bool {
    if cue_text.contains(' ') || cue_text.ends_with("ing") {
        return false;
    }
    // Other cues are as often adjectives after "be" ("voters are poised to").
    match lexicon.kind(cue_text) {
        CueKind::Speech | CueKind::Stance | CueKind::Attitude => {}
        CueKind::Cognition if after.first().is_some_and(|(_, w)| bare(w) == "to") => {}
        _ => return false,
    }
    // Words as written: "“It is,” said Ana Ruiz" ends a quotation, and its "is," is not this
    // cue's.
    let be = |w: &str| matches!(w, "is" | "was" | "were" | "are" | "been" | "be" | "being");
    let adverb = |w: &str| {
        matches!(
            w,
            "also" | "not" | "never" | "often" | "publicly" | "privately" | "repeatedly" | "widely"
        ) || (w.len() > 5 && w.ends_with("ly") && !matches!(w, "elderly" | "rally" | "early"))
    };
    let mut ws = before.split_whitespace().rev();
    let mut next = || ws.by_ref().find(|w| !adverb(w));
    let plain = |w: &str| w.chars().all(|c| c.is_ascii_lowercase());
    match next() {
        Some(w) if plain(w) && be(w) => true,
        // "were mocked and criticized": the verb before "and" is a passive cue too ("were
        // pleased and warned" is an adjective, and they warned).
        Some("and" | "or") => {
            next().is_some_and(|v| {
                plain(v)
                    && matches!(lexicon.kind(v), CueKind::Speech | CueKind::Stance)
                    && lexicon.cues.is_match(v)
            }) && next().is_some_and(|b| plain(b) && be(b))
        }
        _ => false,
    }
}

/// The noun phrase right after a cue, up to punctuation or a clause.
fn phrase_after(text: &str, after: &[(Range<usize>, &str)]) -> Option<Range<usize>> {
    let mut end = None;
    let mut start = None;
    for (i, (r, w)) in after.iter().enumerate() {
        let lw = bare(w);
        if i == 0 && (lw == "that" || lw.is_empty()) {
            return None;
        }
        // "said the base chief known as Bob": the name the story gives him, a pseudonym or
        // not, is the source's; "a guard known as the tall one" is the guard.
        if lw == "as" && i > 1 && bare(after[i - 1].1) == "known" {
            end = match after
                .get(i + 1)
                .filter(|(_, w)| w.starts_with(char::is_uppercase))
            {
                Some((r, w)) => Some(word_end(r, w)),
                None => Some(word_end(&after[i - 2].0, after[i - 2].1)),
            };
            break;
        }
        if i > 0
            && (BOUNDARY.contains(&lw.as_str()) || lw == "who" || lw == "speaking" || lw == "on")
        {
            break;
        }
        if i >= 10 {
            break;
        }
        // "…, for instance, said the problem was not requiring a photo ID": a verb after the
        // cue's phrase makes it a clause, what was said, not who said it. A clause that opens
        // later is a new sentence or what was said after the source ("said a spokeswoman for
        // Apple Inc. The company is", "according to police the suspect is"): the source ends
        // before its article.
        if i > 0 && matches!(lw.as_str(), "is" | "was" | "are" | "were") {
            // Not an article after a preposition: "said the cause of the loss was" is what
            // was said.
            let article = (1..i)
                .rev()
                .find(|&j| matches!(bare(after[j].1).as_str(), "the" | "a" | "an"))
                .filter(|&j| !PREPOSITIONS.contains(&bare(after[j - 1].1).as_str()))?;
            end = Some(word_end(&after[article - 1].0, after[article - 1].1));
            break;
        }
        start.get_or_insert(r.start);
        let abbreviation = abbreviates(w, after.get(i + 1).map(|(_, n)| *n));
        let ends_clause = (w.ends_with([',', '.', ';', ':', '?', '!']) && !abbreviation)
            || w.ends_with(['’', '”', '"']);
        end = Some(word_end(r, w));
        if ends_clause {
            // "said a former spokesman for the ministry, Oleg Voloshyn, who …": the name in
            // apposition is the source's.
            if w.ends_with(',') {
                if let Some(name_end) = appositive_name(&after[i + 1..]) {
                    end = Some(name_end);
                }
            }
            break;
        }
    }
    let r = start?..end?;
    (r.end > r.start)
        .then_some(r)
        .filter(|r| !text[r.clone()].trim().is_empty())
}

/// Prepositions after which an article goes on the phrase it is in ("the cause of the loss").
const PREPOSITIONS: &[&str] = &[
    "of", "with", "for", "in", "on", "at", "to", "by", "from", "about",
];

/// Prepositions of place, as written, that pair up around "and" ("in and around").
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "inside", "outside", "within", "around", "across", "beyond", "near", "at", "on",
];

/// Courtesy titles, bare ("mr" of "Mr."): the word after one is a surname ("Ms. Friday").
const COURTESY_TITLES: &[&str] = &["mr", "mrs", "ms", "dr"];

/// How many bytes of punctuation open `w` ("(Some", "“who").
fn lead(w: &str) -> usize {
    w.len() - w.trim_start_matches(|c: char| !c.is_alphanumeric()).len()
}

/// Whether `w` is a negated auxiliary ("wouldn’t", "hasn't"), a verb that ends a subject.
fn negated(w: &str) -> bool {
    w.ends_with("n’t") || w.ends_with("n't")
}

/// Whether `phrase` reads as a short description of a person ("the retired neurosurgeon",
/// "his colleague"), not a clause cut from a sentence ("the city embodied the", "the role of
/// Saudi Arabia in"): a possessive or the article, then up to three words with no article,
/// preposition, conjunction or punctuation among them.
pub(crate) fn reads_as_description(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && matches!(
            words[0].to_lowercase().as_str(),
            "the" | "his" | "her" | "their" | "its"
        )
        && words[1..].iter().all(|w| {
            let b = w.to_lowercase();
            w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
                && !PREPOSITIONS.contains(&b.as_str())
                && !matches!(
                    b.as_str(),
                    "the" | "a" | "an" | "that" | "and" | "who" | "which"
                )
        })
}

/// Where the word `w` at `r` ends without its trailing punctuation ("said," ends at "d").
fn word_end(r: &Range<usize>, w: &str) -> usize {
    r.end - (w.len() - w.trim_end_matches(|c: char| !c.is_alphanumeric()).len())
}

/// Whether `w`, followed by `next`, is an abbreviation, which ends no phrase: a dotted one ("a
/// former U.S. law enforcement official"), or "Rep.", "Mr.", "J." before a capitalised word
/// ("friends of Mr. Clinton").
fn abbreviates(w: &str, next: Option<&str>) -> bool {
    // Before a capital a dotted word may end a sentence ("in the U.S. Officials said"), and
    // "p.m." usually does.
    let dotted = w
        .strip_suffix('.')
        .is_some_and(|s| s.contains('.') && s.chars().all(|c| c.is_alphabetic() || c == '.'))
        && !matches!(w.to_lowercase().as_str(), "a.m." | "p.m.")
        && next.is_some_and(|n| n.chars().next().is_some_and(char::is_lowercase));
    dotted
        || (w.ends_with('.')
            && w.len() <= 5
            && w.chars().next().is_some_and(char::is_uppercase)
            && next.is_some_and(|n| n.chars().next().is_some_and(char::is_uppercase)))
}

/// Whether a name in apposition follows a source phrase that ends at `end`: a comma, then two
/// to four capitalised words and a comma or full stop ("One of the men, Jessie Elkins, 70").
fn named_in_apposition(text: &str, end: usize) -> bool {
    text[end..].starts_with(", ") && {
        let to = crate::source::floor_char_boundary(text, (end + 80).min(text.len()));
        appositive_name(&words(text, end + 2..to)).is_some()
    }
}

/// "New Jersey Gov. Chris Christie (R), a staunch Donald Trump ally, effectively
/// acknowledged": a description set off by commas right after a full name (two capitalised
/// words, or a party and state in parentheses) is that person's, who is named.
fn describes_name_before(text: &str, s: &Range<usize>) -> bool {
    if !text[s.end..].starts_with(',') {
        return false;
    }
    let Some(before) = text[..s.start].trim_end().strip_suffix(',') else {
        return false;
    };
    // The name and its title are the whole clause before the comma ("Boston Mayor Marty
    // Walsh", "Former Secretary of State Hillary Clinton"): not "After meeting Donald Trump".
    let clause = before
        .rsplit([',', ';', '.', '“', '"'])
        .next()
        .unwrap_or(before);
    let ws: Vec<&str> = clause.split_whitespace().collect();
    let capital = |w: &&str| {
        w.starts_with(char::is_uppercase)
            || (w.starts_with('(') && w.ends_with(')'))
            || matches!(*w, "of" | "the" | "for")
    };
    ws.len() >= 2
        && ws.iter().all(capital)
        && ws
            .last()
            .is_some_and(|w| w.starts_with(char::is_uppercase) || w.ends_with(')'))
        && !SETTINGS.contains(&bare(ws[0]).as_str())
}

/// Where a name of two to four capitalised words that opens `ws` and is set off by a comma or
/// a full stop ends ("Oleg Voloshyn, who …"), without its punctuation.
fn appositive_name(ws: &[(Range<usize>, &str)]) -> Option<usize> {
    for (i, (r, w)) in ws.iter().enumerate().take(4) {
        let bare_w = w.trim_end_matches([',', '.']);
        if !w.chars().next().is_some_and(char::is_uppercase)
            || crate::document::DAYS.contains(&bare(w).as_str())
            || !bare_w
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        {
            return None;
        }
        if w.ends_with([',', '.']) {
            return (i >= 1).then(|| r.start + bare_w.len());
        }
    }
    None
}

/// The sentence's opening noun phrase: capitalised words with their titles, or a short
/// phrase after "the" up to its verb ("the Vermont senator is").
fn subject(text: &str, sentence: &Range<usize>, lexicon: &Lexicon) -> Option<Range<usize>> {
    let mut ws = words(text, sentence.clone());
    // "But Trump …"
    if ws
        .first()
        .is_some_and(|(_, w)| matches!(bare(w).as_str(), "but" | "and" | "so" | "yet"))
        && !ws[0].1.ends_with(',')
    {
        ws.remove(0);
    }
    // Past a dateline: "WASHINGTON ― The Obama administration announced …, saying".
    if let Some(dash) = ws
        .iter()
        .take(4)
        .position(|(_, w)| matches!(*w, "―" | "—" | "–"))
    {
        if dash > 0
            && dash + 1 < ws.len()
            && ws[..dash]
                .iter()
                .all(|(_, w)| !w.chars().any(char::is_lowercase))
        {
            ws.drain(..=dash);
        }
    }
    // Past an opening adverbial: "Hours later, Trump …", "In a statement, the senator …",
    // and a longer one that opens with a preposition or a participle ("Speaking at a town
    // hall in Salem, New Hampshire, Trump …").
    let long_opening = ws.first().is_some_and(|(_, w)| {
        let b = bare(w);
        OPENERS.contains(&b.as_str()) || (b.ends_with("ing") && b.len() > 5)
    });
    let reach = if long_opening { 16 } else { 6 };
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // "Brian Fallon, a spokesman for Mrs. Clinton, called": a name before the comma is the
    // subject, not an adverbial.
    let named = |opening: &[(Range<usize>, &str)]| match opening {
        [(_, w)] => capital(w) && !ADVERBS.contains(&bare(w).as_str()) && !bare(w).ends_with("ly"),
        [(_, first), ..] => {
            !long_opening
                && opening.iter().all(|(_, w)| capital(w))
                && !crate::document::DAYS.contains(&bare(first).as_str())
        }
        [] => false,
    };
    // "A senior official met reporters, saying": a description and its verb before the comma
    // are the clause, not an opening; "The next day," and "Two weeks later," are openings.
    let described = |opening: &[(Range<usize>, &str)]| {
        opening.len() > 2
            && opens_description(opening)
            && opening
                .last()
                .is_some_and(|(_, w)| !WHEN_WORDS.contains(&bare(w).as_str()))
    };
    if let Some(comma) = ws
        .iter()
        .take(reach)
        .position(|(_, w)| w.ends_with(','))
        .filter(|&c| !named(&ws[..=c]) && !described(&ws[..=c]))
    {
        if comma + 1 < ws.len() {
            ws.drain(..=comma);
        }
        // The state after a city ("Salem, New Hampshire, Trump").
        if let Some(state) = ws.iter().take(2).position(|(_, w)| w.ends_with(',')) {
            if ws[..=state].iter().all(|(_, w)| capital(w))
                && ws.get(state + 1).is_some_and(|(_, w)| capital(w))
            {
                ws.drain(..=state);
            }
        }
    }
    if opens_description(&ws) {
        return described_subject(text, &ws);
    }
    // "The Clinton campaign took aim …, accusing": a name inside a description, up to its verb.
    if ws.first().is_some_and(|(_, w)| {
        let b = bare(w);
        b == "the" || DETERMINERS.contains(&b.as_str())
    }) {
        // Only a noun phrase: a verb with its object ("The Kremlin denies the report") or
        // its day ("The Pentagon acknowledged Tuesday") ran past the subject.
        if let Some(r) = described_subject(text, &ws).filter(|r| {
            text[r.clone()].split_whitespace().skip(1).all(|w| {
                let b = bare(w);
                !matches!(
                    b.as_str(),
                    "the" | "a" | "an" | "that" | "this" | "his" | "her"
                ) && !crate::document::DAYS.contains(&b.as_str())
            })
        }) {
            return Some(r);
        }
    }
    if ws
        .first()
        .is_some_and(|(_, w)| OPENERS.contains(&bare(w).as_str()))
    {
        return None;
    }
    let mut end = None;
    for (i, (r, w)) in ws.iter().enumerate() {
        let lw = bare(w);
        let capital = w
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if !(capital || (i > 0 && matches!(lw.as_str(), "of" | "the" | "and"))) {
            break;
        }
        end = Some(word_end(r, w));
        if w.ends_with(',') {
            break;
        }
    }
    // "Those voters hold …, but view her", "Liberal writers …, but": one capitalised word
    // opening the sentence, then a group of people, is the group. Not before an aside that
    // may name them ("Intelligence officials — including … James Clapper — have argued").
    if let [(_, first), (r, w), rest @ ..] = ws.as_slice() {
        if end.is_some_and(|e| e <= r.start)
            && !first.ends_with(',')
            && !rest
                .first()
                .is_some_and(|(_, n)| n.starts_with(['—', '–', '-', '(']))
            && w.chars().next().is_some_and(char::is_lowercase)
            && !w.ends_with(',')
            && (lexicon.groups.contains(&bare(w))
                || lexicon.people.contains(&bare(w))
                // By its ending only when no object follows: "Local farmers hold", not
                // "McConnell wants a vote".
                || (is_people(&bare(w), lexicon)
                    && !rest.first().is_some_and(|(_, n)| {
                        let n = bare(n);
                        DETERMINERS.contains(&n.as_str())
                            || NOUN_DETERMINERS.contains(&n.as_str())
                            || matches!(n.as_str(), "to" | "more" | "that")
                    })))
        {
            end = Some(word_end(r, w));
        }
    }
    Some(ws.first()?.0.start..end?)
}

/// Irregular past forms that end a description before them ("The billionaire businessman
/// began"): a verb no suffix shows.
const PAST_VERBS: &[&str] = &[
    "began", "met", "went", "came", "took", "made", "gave", "sent", "spent", "held", "left", "ran",
    "spoke", "wrote", "saw", "found", "got", "kept", "put", "won", "lost", "brought", "thought",
    "felt", "became", "chose", "knew", "rose", "stood", "sat", "hit", "fought",
];

/// Words that end an opening phrase of time ("The next day,", "Two weeks later,").
const WHEN_WORDS: &[&str] = &[
    "later",
    "earlier",
    "ago",
    "before",
    "after",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "morning",
    "afternoon",
    "evening",
    "night",
    "weekend",
    "time",
    "then",
    "hour",
    "hours",
];

/// Whether words open a description ("the Vermont senator", "The billionaire businessman
/// began …, saying", "Two senior officials") rather than a name's capitals ("The Associated
/// Press"): an article or a number, capitalised only before a lower-case word.
fn opens_description(ws: &[(Range<usize>, &str)]) -> bool {
    let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    match ws {
        [(_, first), rest @ ..] => {
            let b = bare(first);
            (b == "the" || DETERMINERS.contains(&b.as_str()))
                && (lower(first) || rest.first().is_some_and(|(_, w)| lower(w)))
        }
        [] => false,
    }
}

/// A subject after an article, up to the verb it ends at: "the Vermont senator is
/// sticking", "the environment minister, to establish". None if no verb comes soon.
fn described_subject(text: &str, ws: &[(Range<usize>, &str)]) -> Option<Range<usize>> {
    let mut end = None;
    for (i, (r, w)) in ws.iter().enumerate().take(7).skip(1) {
        let b = bare(w);
        let lower = w.chars().next().is_some_and(char::is_lowercase);
        let verb = lower
            && (SKIPPABLE.contains(&b.as_str())
                || matches!(b.as_str(), "who" | "whom" | "whose" | "which" | "that")
                // "The Ohio governor hasn’t ignored".
                || negated(w)
                || BOUNDARY.contains(&b.as_str())
                || PAST_VERBS.contains(&b.as_str())
                // "Two senior officials briefed lawmakers": a past verb after a plural noun,
                // or after a noun a name qualifies ("The Vermont senator emailed").
                || (i >= 2 && b.ends_with("ed") && bare(ws[i - 1].1).ends_with('s'))
                || (i >= 3
                    && b.ends_with("ed")
                    && ws[i - 1].1.starts_with(char::is_lowercase)
                    && ws[i - 2].1.starts_with(char::is_uppercase))
                || (b.ends_with("ed")
                    && ws
                        .get(i + 1)
                        .is_none_or(|(_, n)| VERB_FOLLOWERS.contains(&bare(n).as_str()))));
        if verb {
            break;
        }
        end = Some(word_end(r, w));
        if w.ends_with([',', ';', ':']) {
            return Some(ws.first()?.0.start..end?);
        }
        if i == 6 {
            return None;
        }
    }
    let r = ws.first()?.0.start..end?;
    (!text[r.clone()].trim().is_empty()).then_some(r)
}

/// Adverbs that open a sentence with a comma ("Meanwhile, the senator …").
const ADVERBS: &[&str] = &[
    "meanwhile",
    "instead",
    "however",
    "still",
    "yet",
    "today",
    "yesterday",
    "now",
    "later",
    "earlier",
    "separately",
    "also",
    "thus",
    "indeed",
    "nevertheless",
    "nonetheless",
    "moreover",
    "furthermore",
    "overall",
    "again",
    "first",
    "second",
    "finally",
    "then",
    "so",
    "but",
    "and",
    "well",
    "yes",
    "no",
    "here",
    "there",
    "last",
    "next",
    "afterward",
    "afterwards",
    "tonight",
    "initially",
    "ultimately",
    "similarly",
    "likewise",
    "otherwise",
    "regardless",
    "besides",
    "hence",
    "therefore",
    "accordingly",
    "consequently",
    "specifically",
];

/// Capitalised words that open sentences and name no one: a source phrase made of them and
/// lower-case words ("I don’t", "When", "No one", "About one in five", "Read the") is not a
/// named source. On the 919 `PolNeAR` stories such phrases made 289 of the 4,668 named rows of
/// `copydesk sources`.
const NOT_NAMES: &[&str] = &[
    "i",
    "i'm",
    "i've",
    "i'd",
    "you",
    "we",
    "it",
    "it's",
    "he's",
    "she's",
    "that's",
    "there",
    "there's",
    "this",
    "these",
    "those",
    "that",
    "all",
    "both",
    "each",
    "every",
    "none",
    "other",
    "about",
    "nearly",
    "almost",
    "just",
    "only",
    "even",
    "although",
    "though",
    "read",
    "watch",
    "call",
    "stories",
    "let's",
    // Adjectives of standing that open a sentence: "Former Carson advisers told" names no one.
    "former",
    "longtime",
    "top",
    "senior",
    "retired",
    "current",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether a sentence's first word (lower-cased) is a determiner, a conjunction or an
/// adverbial's opener, so that the capitalised words it opens are no name ("The President",
/// "In May", "But Ann Lee").
pub(crate) fn not_a_name_opener(word: &str) -> bool {
    NOUN_DETERMINERS.contains(&word) || OPENERS.contains(&word) || BOUNDARY.contains(&word)
}

/// Words that open an adverbial before a sentence's subject ("At the convention, …").
pub(crate) const OPENERS: &[&str] = &[
    "at",
    "in",
    "on",
    "for",
    "after",
    "before",
    "during",
    "with",
    "without",
    "from",
    "by",
    "since",
    "until",
    "as",
    "amid",
    "despite",
    "following",
    "under",
    "over",
    "through",
    "while",
    "when",
    "asked",
];

/// The noun phrase right before a cue, skipping auxiliaries and appositives.
fn phrase_before(text: &str, range: Range<usize>, lexicon: &Lexicon) -> Option<Range<usize>> {
    let mut ws = words(text, range.clone());
    // Right after a quotation, with no phrase between: the source is not before the cue.
    if ws.last().is_some_and(|(_, w)| closes_quote(w)) {
        return None;
    }
    // A source phrase does not reach back into a quotation: "“…, but we are friends,” Jim
    // Bennett, 57, told".
    if let Some(q) = ws.iter().rposition(|(_, w)| w.ends_with(['”', '"'])) {
        ws.drain(..=q);
    }
    // Auxiliaries and adverbs between a source and its cue ("has also", "initially").
    let skippable = |w: &str| {
        let b = bare(w);
        SKIPPABLE.contains(&b.as_str())
            // A copula right before a feeling ("Many residents, however, remain skeptical");
            // not a boundary of the phrase, as "The remains of two soldiers" shows.
            || (matches!(b.as_str(), "remain" | "remains" | "remained")
                && w.starts_with(char::is_lowercase))
            // "Don Stewart wouldn’t say".
            || (negated(w) && w.starts_with(char::is_lowercase))
            || (b.len() > 4
                && b.ends_with("ly")
                && w.chars().next().is_some_and(char::is_lowercase))
    };
    // And what a name carries or a cue's time: "Sen. Warren (D-Mass.) on Tuesday evening said";
    // and an aside set off by commas ("U.S. officials, however, said").
    while let Some((_, w)) = ws.last() {
        if w.ends_with(',') {
            match aside_before(&ws) {
                Some(n) => {
                    ws.truncate(ws.len() - n);
                    continue;
                }
                None => break,
            }
        }
        let b = bare(w);
        let before = ws.len().checked_sub(2).map(|i| bare(ws[i].1));
        // "Ms. Friday said" is Ms. Friday.
        let day = crate::document::DAYS.contains(&b.as_str())
            && !before
                .as_deref()
                .is_some_and(|p| COURTESY_TITLES.contains(&p));
        // An "-ly" word after an article is a noun: "a member of the family suggested".
        let noun = before.as_deref().is_some_and(|p| {
            matches!(
                p,
                "the" | "a" | "an" | "his" | "their" | "its" | "our" | "my"
            )
        });
        // "were more likely to say", "have been reluctant to reveal": an adjective that takes
        // the cue as its infinitive, with its "more" or "less", stands between the source and
        // its cue as an auxiliary does.
        let next_word = text[ws.last().map_or(0, |(r, _)| r.end)..range.end]
            .split_whitespace()
            .next()
            .map(bare)
            .unwrap_or_default();
        let bridge = matches!(
            b.as_str(),
            "likely"
                | "unlikely"
                | "willing"
                | "unwilling"
                | "reluctant"
                | "eager"
                | "ready"
                | "quick"
                | "able"
                | "unable"
                | "inclined"
                | "prepared"
                | "hesitant"
                | "loath"
        ) && next_word == "to";
        let degree = matches!(
            b.as_str(),
            "more" | "less" | "most" | "least" | "far" | "much"
        ) && ws.len() >= 2
            && matches!(
                next_word.as_str(),
                "likely" | "unlikely" | "willing" | "eager" | "able"
            );
        if (skippable(w) && !noun) || day || bridge || degree {
            ws.pop();
        } else if matches!(
            b.as_str(),
            "morning" | "afternoon" | "evening" | "night" | "week"
        ) && before
            .as_deref()
            .is_some_and(|p| matches!(p, "this" | "last") || crate::document::DAYS.contains(&p))
        {
            ws.pop();
            if before
                .as_deref()
                .is_some_and(|p| matches!(p, "this" | "last"))
            {
                ws.pop();
            }
        } else if let Some(open) = w
            .ends_with(')')
            .then(|| {
                // A party and state ("(D-Mass.)") or an aside ("Kasich (who has 25 delegates
                // to date) said"): the name before it speaks.
                ws.iter()
                    .rev()
                    .take(10)
                    .position(|(_, w)| w.starts_with('('))
            })
            .flatten()
        {
            ws.truncate(ws.len() - 1 - open);
        } else {
            break;
        }
    }
    // "the residents who spoke", "a diplomacy chief who had accused": the relative pronoun
    // right before the cue, once auxiliaries are dropped, is the source as written; what it
    // stands for is read once the ledger is found (`named_antecedents`, `sourced_antecedents`).
    // So is one set off by a comma or dash with a short comparison before its verb ("One
    // attendee, who like others spoke", ", who like many other guests spoke"): "others" is not
    // the source. Not "like" the verb ("Officials, who like the plan, say"), nor a clause that
    // has ended (", who like others spoke to reporters, said").
    let relative = |i: &usize| matches!(bare(ws[*i].1).as_str(), "who" | "whom");
    let compared = (ws.len().saturating_sub(5)..ws.len())
        .rev()
        .find(relative)
        .filter(|&i| {
            i.checked_sub(1)
                .is_some_and(|b| ws[b].1.ends_with(RELATIVE_MARKS))
                && ws.get(i + 1).is_some_and(|(_, w)| bare(w) == "like")
                && ws.get(i + 2).is_some_and(|(_, w)| {
                    let b = bare(w);
                    b == "all" || QUANTIFIERS.contains(&b.as_str())
                })
        });
    let pronoun = compared.or_else(|| ws.len().checked_sub(1).filter(relative));
    // "only some who suggest", "those who back her": a quantifier right before the pronoun is
    // what it stands for, and no source the ledger has read; the two words are the source.
    if let Some(i) = pronoun.filter(|&i| {
        i > 0 && compared.is_none() && !ws[i - 1].1.ends_with(RELATIVE_MARKS) && {
            let q = bare(ws[i - 1].1);
            QUANTIFIERS.contains(&q.as_str()) || q == "those"
        }
    }) {
        let (r, w) = &ws[i - 1];
        return Some(r.start + lead(w)..word_end(&ws[i].0, ws[i].1));
    }
    if let Some((r, w)) = pronoun.map(|i| &ws[i]) {
        return Some(r.start + lead(w)..r.start + lead(w) + bare(w).len());
    }
    // A subject pronoun right before the cue is its source, whatever came before: "donors
    // who work there made their feelings known to Rubio after he spoke" gives "he".
    // So is one with its verb contracted ("He’s not saying"), without the contraction.
    if let Some((r, w)) = ws.last() {
        let pronoun = w
            .split_once(['’', '\''])
            .filter(|(_, rest)| matches!(*rest, "s" | "re" | "ll" | "d" | "ve" | "m"))
            .map_or(*w, |(p, _)| p);
        if matches!(
            pronoun,
            "he" | "she" | "they" | "we" | "I" | "He" | "She" | "They" | "We"
        ) {
            return Some(r.start..r.start + pronoun.len());
        }
    }
    // "X, who …, said" and "X, the NATO leader, said": the appositive belongs to X.
    if ws.last().is_some_and(|(_, w)| w.ends_with(',')) {
        let commas: Vec<usize> = ws
            .iter()
            .enumerate()
            .filter(|(_, (_, w))| w.ends_with(','))
            .map(|(i, _)| i)
            .collect();
        // Walk back through the chain of short appositives to the head they describe:
        // "Peter Cook, Carter’s press secretary, told".
        let last = commas.len() - 1;
        let mut j = last;
        while j > 0 && commas[j] - commas[j - 1] <= 14 {
            j -= 1;
        }
        let head_end = if j < last || last == 0 {
            commas[j]
        } else {
            commas[last - 1]
        };
        // "In Washington, a senior White House aide, speaking anonymously, said": a sentence's
        // opening phrase of place or time is no head; the description after it is.
        let opening = ws
            .first()
            .is_some_and(|(_, w)| SETTINGS.contains(&bare(w).as_str()));
        let head_end = if opening && head_end == commas[0] && commas.len() > 1 {
            commas[1]
        } else {
            head_end
        };
        let head = &ws[..=head_end];
        let start = leftmost(head, lexicon)?;
        let end = ws.last()?.0.end - 1;
        return (start < end).then_some(start..end);
    }
    // "A Wall Street trader who asked not to be named because he was not authorized to speak
    // to the press estimated": a clause granting anonymity, however long and whatever verbs it
    // holds, describes the phrase before it, which is the source.
    // Not past the sentence's own verb ("A trader who asked not to be named said analysts
    // estimated" is the analysts').
    if let Some(who) = ws.iter().rposition(|(_, w)| *w == "who").filter(|&i| {
        i > 0
            && !ws[i - 1].1.ends_with([',', ';', ':', '.', '’', '”', '"'])
            && !ws[i + 1..].iter().any(|(_, w)| {
                matches!(
                    bare(w).as_str(),
                    "said" | "says" | "told" | "tells" | "added"
                )
            })
            && grant_opens(text[ws[i].0.end..range.end].trim_start(), lexicon)
    }) {
        let start = leftmost(&ws[..who], lexicon)?;
        let (r, w) = &ws[who - 1];
        let end = word_end(r, w);
        // A head that says nothing of its own ("A person who asked not to be named … said")
        // keeps its clause, which describes it.
        if classify(&text[start..end], lexicon) == SourceClass::Other {
            let (r, w) = ws.last()?;
            return Some(start..word_end(r, w));
        }
        return (start < end).then_some(start..end);
    }
    // "Friends of Mr. Clinton who have seen him on the trail say": a relative clause with no
    // commas between the source and its cue belongs to the source.
    let cue_word = text[range.end..].split_whitespace().next().map(bare);
    let singular_cue = cue_word
        .as_deref()
        .is_some_and(|c| c.ends_with('s') && !c.ends_with("ss"));
    if let Some(who) = ws.iter().rposition(|(_, w)| *w == "who").filter(|&i| {
        i > 0
            && i + 1 < ws.len()
            && ws.len() - i <= 12
            && !ws[i - 1..].iter().any(|(_, w)| {
                w.ends_with([',', ';', ':', '.', '’', '”', '"', '\''])
                    || w.starts_with(['‘', '“', '"', '\''])
            })
    }) {
        let head = &ws[..who];
        let from = leftmost(head, lexicon)?;
        // The noun phrase before "who" starts after the last verb before it: "Mr. Netanyahu
        // appointed a diplomacy chief who".
        let start = head
            .iter()
            .enumerate()
            .rposition(|(k, (r, w))| {
                r.start >= from
                    && w.chars().next().is_some_and(char::is_lowercase)
                    && bare(w).ends_with("ed")
                    && head
                        .get(k + 1)
                        .is_some_and(|(_, n)| VERB_FOLLOWERS.contains(&bare(n).as_str()))
            })
            .and_then(|v| head.get(v + 1))
            .map_or(from, |(r, _)| r.start);
        // Not across the sentence's own cue: "Neighbors of the woman who died in the fire say
        // the alarm never sounded" gives "sounded" no source here. The clause's own verb, first
        // after "who" and its auxiliaries, may be one ("officials who spoke with the Post").
        let own_verb = ws[who + 1..]
            .iter()
            .position(|(_, w)| !SKIPPABLE.contains(&bare(w).as_str()))
            .map_or(ws.len(), |k| who + 1 + k);
        if ws[(own_verb + 1).min(ws.len())..].iter().any(|(_, w)| {
            let b = bare(w);
            lexicon.cues.is_match(&b) && lexicon.kind(&b).reports()
        }) {
            return None;
        }
        // "… who carry out attacks in its name": after a determiner the cue is a noun.
        if ws.last().is_some_and(|(_, w)| {
            matches!(
                bare(w).as_str(),
                "its" | "his" | "her" | "their" | "our" | "my" | "your" | "the" | "a" | "an"
            )
        }) {
            return None;
        }
        // The cue must agree with a plural head: "members … who carry out occasional attacks"
        // is no attribution.
        let plural_head = head
            .iter()
            .filter(|(r, _)| r.start >= start)
            .any(|(_, w)| is_people(&bare(w), lexicon) || lexicon.groups.contains(&bare(w)));
        if plural_head && singular_cue {
            return None;
        }
        let (r, w) = ws.last()?;
        let end = word_end(r, w);
        return (start < end).then_some(start..end);
    }
    // The subject of the cue's clause: from the clause's start up to its first verb.
    let start = leftmost(&ws, lexicon)?;
    if let Some(name) = unclosed_appositive(&ws, start, lexicon) {
        return Some(name);
    }
    let clause: Vec<&(Range<usize>, &str)> = ws.iter().filter(|(r, _)| r.start >= start).collect();
    let mut last = None;
    for (i, (r, w)) in clause.iter().enumerate() {
        let lw = bare(w);
        let next = clause.get(i + 1).map(|(_, n)| bare(n));
        let lower = w.chars().next().is_some_and(char::is_lowercase);
        // A clause that opens with a verb has its subject further back ("…, has intensified");
        // not one that opens with an adjective before people ("enlisted personnel favored"),
        // which is no verb the lexicon knows ("which included staff members suggesting") nor
        // a relative clause's ("The academy that trained officers for the department said").
        let after_relative = ws
            .iter()
            .rfind(|(r, _)| r.start < start)
            .is_some_and(|(_, p)| matches!(bare(p).as_str(), "that" | "which" | "who"));
        let before_people = !lexicon.cues.is_match(&lw)
            && !after_relative
            && next.as_deref().is_some_and(|n| people_word(n, lexicon));
        if i == 0
            && lower
            && ((lw.ends_with("ed") && !before_people) || SKIPPABLE.contains(&lw.as_str()))
        {
            return None;
        }
        // "a source close to him", "an aide to the mayor": "to" places the source.
        // And "on" after a word that places one: "a person briefed on the talks".
        let placing = i > 0
            && (speaking_to(clause[i - 1].1, &lw)
                || ((lw == "to" || lw == "on")
                    && clause.get(i + 1).is_some_and(|(_, n)| opens_noun_phrase(n))
                    && {
                        let p = bare(clause[i - 1].1);
                        lexicon.placed_to_know.contains(&p)
                            || (lw == "to" && lexicon.roles.contains(&p))
                    }));
        // "briefed" and "involved" place an unnamed source ("a person briefed on the talks").
        let verb = lower
            && i > 0
            && !placing
            && !counts_members(clause[i - 1].1, &lw)
            && !lexicon.placed_to_know.contains(&lw)
            && (SKIPPABLE.contains(&lw.as_str())
                || (lw.ends_with("ed")
                    && next.as_deref().is_none_or(|n| VERB_FOLLOWERS.contains(&n))));
        if verb || i >= 10 {
            break;
        }
        last = Some(r.end);
    }
    let end = last?;
    let end = end
        - (text[..end].len()
            - text[..end]
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .len());
    (start < end).then_some(start..end)
}

/// "Sam Lau, the communications director for the Iowa Democratic Party said": an appositive
/// whose closing comma is missing still describes the name that opens the sentence before it.
/// The name (two to four capitalised words, then the comma) is the source; the description,
/// which `start` found, must open with an article and hold a role.
fn unclosed_appositive(
    ws: &[(Range<usize>, &str)],
    start: usize,
    lexicon: &Lexicon,
) -> Option<Range<usize>> {
    let k = ws.iter().position(|(r, _)| r.start == start)?;
    if !(2..=4).contains(&k)
        || !ws[k - 1].1.ends_with(',')
        || !matches!(bare(ws[k].1).as_str(), "the" | "a" | "an")
        || !ws[k..]
            .iter()
            .any(|(_, w)| lexicon.roles.contains(&bare(w)))
    {
        return None;
    }
    let name = &ws[..k];
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // Not an opening adverbial: "In Boston, a spokesman for the firm said", "On Monday, …".
    let adverbial = |w: &str| {
        let b = bare(w);
        not_a_name_opener(&b)
            || crate::document::DAYS.contains(&b.as_str())
            || matches!(b.as_str(), "last" | "this" | "next" | "earlier" | "later")
    };
    if !name.iter().all(|(_, w)| capitalised(w) && !adverbial(w))
        || name[..k - 1]
            .iter()
            .any(|(_, w)| !w.chars().all(char::is_alphanumeric))
    {
        return None;
    }
    Some(name[0].0.start..name[k - 1].0.end - 1)
}

/// Whether a word ends a quotation: a closing mark, or an opening one misused after the
/// quotation's last punctuation ("…for her here,“ said").
fn closes_quote(w: &str) -> bool {
    w.ends_with(['’', '”', '"', '\''])
        || w.strip_suffix('“')
            .is_some_and(|w| w.ends_with([',', '.', '?', '!']))
}

/// Asides a writer sets off by commas between a source and its cue: "U.S. officials, however,
/// said", "RNC members and officials, in fact, insist". They are no part of the source.
const ASIDES: &[&str] = &[
    "however",
    "meanwhile",
    "though",
    "too",
    "instead",
    "moreover",
    "nonetheless",
    "nevertheless",
    "indeed",
    "likewise",
    "similarly",
    "separately",
    "in fact",
    "in turn",
    "in private",
    "in public",
    "in response",
    "in contrast",
    "by contrast",
    "in addition",
    "at the time",
    "of course",
    "for example",
    "for instance",
    "for their part",
    "for his part",
    "for her part",
    "for its part",
    "on the other hand",
];

/// How many words at the end of `ws` are an aside set off by commas ("officials, however,"),
/// or a day ("officials, on Tuesday,"): the word before it must end with a comma too.
fn aside_before(ws: &[(Range<usize>, &str)]) -> Option<usize> {
    let tail: Vec<String> = ws
        .iter()
        .rev()
        .take(4)
        .rev()
        .map(|(_, w)| bare(w))
        .collect();
    (1..=tail.len()).find(|&n| {
        let words = &tail[tail.len() - n..];
        ws.len() > n
            && ws[ws.len() - n - 1].1.ends_with(',')
            && (ASIDES
                .iter()
                .any(|a| a.split(' ').eq(words.iter().map(String::as_str)))
                || matches!(words, [on, day] if on == "on"
                    && crate::document::DAYS.contains(&day.as_str())))
    })
}

/// How something is said, after "by": "said by telephone" has no agent after "by".
const MEANS: &[&str] = &[
    "telephone",
    "phone",
    "email",
    "e-mail",
    "text",
    "video",
    "videoconference",
    "letter",
    "satellite",
    "mail",
    "fax",
];

/// Words after which a lower-case "-ed" word is a verb, not an adjective ("tripped up Rubio",
/// not "registered voters").
const VERB_FOLLOWERS: &[&str] = &[
    "the", "a", "an", "to", "that", "his", "her", "their", "its", "on", "in", "at", "by", "with",
    "up", "out", "off", "down", "him", "them", "it", "this", "for", "about", "into", "over", "he",
    "she", "they", "we",
];

/// Where the phrase ending at the last of `ws` starts: back to a boundary word or mark.
fn leftmost(ws: &[(Range<usize>, &str)], lexicon: &Lexicon) -> Option<usize> {
    let mut start = None;
    for (i, (r, w)) in ws.iter().enumerate().rev() {
        let lw = bare(w);
        let last = i + 1 == ws.len();
        // "voters within and outside the party": a pair of prepositions is one place.
        let paired = matches!(lw.as_str(), "and" | "or")
            && i > 0
            && [ws[i - 1].1, ws.get(i + 1).map_or("", |(_, n)| *n)]
                .iter()
                .all(|w| PLACE_PREPOSITIONS.contains(w));
        if BOUNDARY.contains(&lw.as_str()) && start.is_some() && !paired {
            break;
        }
        // An auxiliary ("has", "will") ends the clause before it; "to" after a role or a word
        // that places a source does not ("a senior aide to the mayor said", "a source close to
        // him said").
        let lower = w.chars().next().is_some_and(char::is_lowercase);
        // Nor does "on" after a word that places one ("a person briefed on the talks").
        let role_to = i > 0
            && !ws[i - 1].1.ends_with(',')
            && (speaking_to(ws[i - 1].1, &lw)
                || ((lw == "to" || lw == "on")
                    && (lexicon.placed_to_know.contains(&bare(ws[i - 1].1))
                        || (lw == "to" && lexicon.roles.contains(&bare(ws[i - 1].1))))
                    && ws.get(i + 1).is_some_and(|(_, n)| opens_noun_phrase(n))));
        let counted = i > 0 && counts_members(ws[i - 1].1, &lw);
        if lower && SKIPPABLE.contains(&lw.as_str()) && start.is_some() && !role_to && !counted {
            break;
        }
        let abbreviation = abbreviates(w, ws.get(i + 1).map(|(_, n)| *n));
        // Adjectives in a list before the head: "the bespectacled, 71-year-old diplomat".
        let listed_adjective = i > 0
            && matches!(bare(ws[i - 1].1).as_str(), "the" | "a" | "an")
            && ws.len() - i <= 4
            && ws.get(i + 1).is_some_and(|(_, n)| listed_adjectives(w, n));
        if !last
            && !abbreviation
            && !listed_adjective
            && (w.ends_with([',', ';', ':', '.', '’', '”', '"']) || w.ends_with('\''))
        {
            break;
        }
        // A dash sets off an aside: "to be president -- having suggested".
        if w.starts_with(['-', '—', '–']) || w.ends_with(['—', '–']) || w.ends_with("--") {
            break;
        }
        // A party and state after a name ("Rep. Elijah Cummings (D-Md.), chair of …, said")
        // belongs to the name before it.
        if last && w.starts_with('(') && w.trim_end_matches(',').ends_with(')') && i > 0 {
            continue;
        }
        if w.starts_with(['‘', '“', '"', '(']) {
            start = Some(r.start + w.chars().next().map_or(0, char::len_utf8));
            break;
        }
        start = Some(r.start);
        if ws.len() - i >= 8 {
            break;
        }
    }
    start
}

/// Whether `w` after `prev` goes on a source's participle of speaking ("a source speaking to
/// CNN said", "an official speaking on condition of anonymity said"): the phrase's subject is
/// the source of the verb after it, not the outlet or the condition.
fn speaking_to(prev: &str, w: &str) -> bool {
    matches!(w, "to" | "on") && matches!(bare(prev).as_str(), "speaking" | "talking")
}

/// Whether `w` ("both", "all") after the word `prev` counts the members of a place or a body
/// ("economists in both parties", "leaders of all parties"), rather than ending the phrase
/// before it as "they both said" does.
fn counts_members(prev: &str, w: &str) -> bool {
    matches!(w, "both" | "all")
        && [PREPOSITIONS, PLACE_PREPOSITIONS]
            .iter()
            .any(|l| l.contains(&bare(prev).as_str()))
}

/// Whether a source phrase describes its source as placed to know (the lexicon's
/// `placed-to-know`); with `places`, one of its `places` after the first word counts too.
pub fn described_as_placed(phrase: &str, lexicon: &Lexicon, places: bool) -> bool {
    phrase.split_whitespace().enumerate().any(|(i, w)| {
        let w = bare(w);
        lexicon.placed_to_know.contains(&w) || (places && i > 0 && lexicon.places.contains(&w))
    })
}

/// The words of a source phrase up to its head noun: before a comma, a parenthesis, or a tail
/// ("officials of the ministry", "people familiar with the talks", "aides who spoke").
fn head_words(phrase: &str) -> Vec<&str> {
    let head_part = phrase.split([',', '(']).next().unwrap_or(phrase);
    let mut ws: Vec<&str> = head_part.split_whitespace().collect();
    let cuts_at = |w: &&str| {
        matches!(
            bare(w).as_str(),
            "of" | "for"
                | "by"
                | "at"
                | "in"
                | "with"
                | "from"
                | "who"
                | "familiar"
                | "close"
                | "involved"
                | "on"
                | "inside"
                | "within"
                | "briefed"
                | "knowledgeable"
                // "an official speaking on condition of anonymity": what follows the
                // participle is the occasion, not the source's head.
                | "speaking"
                | "talking"
        )
    };
    // "an inside source", "a close aide at the firm": an adjective after the article, not the
    // start of what describes the source; the description starts at the next such word.
    let adjective = ws.len() > 2
        && DETERMINERS.contains(&bare(ws[0]).as_str())
        && matches!(bare(ws[1]).as_str(), "inside" | "close" | "knowledgeable");
    let from = if adjective { 2 } else { 0 };
    if let Some(cut) = ws.iter().skip(from).position(cuts_at).map(|c| c + from) {
        if cut > 0 {
            ws.truncate(cut);
        }
    }
    ws
}

/// Classes a source phrase.
pub fn classify(phrase: &str, lexicon: &Lexicon) -> SourceClass {
    // A list of adjectives is one description, not a name and an appositive: "the
    // bespectacled, 71-year-old diplomat" is "the bespectacled 71-year-old diplomat".
    let joined;
    let phrase = match phrase.split_once(' ') {
        Some((det, rest))
            if matches!(det.to_lowercase().as_str(), "the" | "a" | "an")
                && rest.split_once(' ').is_some_and(|(adj, next)| {
                    next.split_whitespace()
                        .next()
                        .is_some_and(|n| listed_adjectives(adj, n))
                }) =>
        {
            joined = phrase.replacen(',', "", 1);
            joined.as_str()
        }
        _ => phrase,
    };
    let head_part = phrase.split([',', '(']).next().unwrap_or(phrase);
    // "Concerned Women for America", "Catholics for Choice": no group, however it reads.
    let organisation = || organisation_name(&phrase.split_whitespace().collect::<Vec<_>>());
    // The head noun comes before "of", "for", "who", "familiar with" and the like.
    let ws = head_words(phrase);
    let Some(first) = ws.first() else {
        return SourceClass::Other;
    };
    // "the base chief known as Bob": the story names him, by a pseudonym or not; so does a
    // user's handle ("a German user from Hanover going by the handle Pulvermann": two blind
    // judges, 2026-11-29).
    if [" known as ", " the handle ", " handle @"].iter().any(|k| {
        phrase.split_once(k).is_some_and(|(_, name)| {
            name.starts_with(|c: char| c.is_uppercase() || c == '@') || k.ends_with('@')
        })
    }) {
        return SourceClass::Named;
    }
    // "A Wall Street trader", "an Israeli military source": one unnamed person, whatever
    // capitalised words between the article and the job say of where they work. Only a job
    // the lexicon lists, singly or in the plural: "a Politico reporter" and "a neighbor" are
    // not sources by their kind, and the heads of "a stage whisper" or "a debate over" no one;
    // nor is a member of the public ("A Cubs fan said") an official whose anonymity needs a
    // reason.
    if ws.len() >= 3
        && matches!(bare(first).as_str(), "a" | "an" | "one" | "another")
        && head_part.len() == phrase.len()
        && ws[1..ws.len() - 1]
            .iter()
            .any(|w| w.starts_with(char::is_uppercase))
        && let Some(last) = ws.last()
        && last.chars().all(|c| c.is_ascii_lowercase())
        && lexicon.roles.contains(&last.to_string())
    {
        return SourceClass::Anonymous;
    }
    // A phrase that opens with a preposition or a lower-case "-ing" word ("on the former
    // secretary", "recruiting volunteers") is a clause's tail, not a source.
    if first.chars().next().is_some_and(char::is_lowercase)
        && (matches!(
            bare(first).as_str(),
            "on" | "with"
                | "within"
                | "in"
                | "at"
                | "for"
                | "of"
                | "to"
                | "from"
                | "about"
                | "over"
                | "it"
        ) || bare(first).ends_with("ing"))
    {
        return SourceClass::Other;
    }
    // A phrase that ends in a conjunction, preposition or article was cut from a longer one
    // ("secretary of state and", "police the" of "the suspect"); it names nothing copydesk
    // can class.
    if phrase.split_whitespace().last().is_some_and(|w| {
        matches!(
            bare(w).as_str(),
            "and" | "or" | "but" | "to" | "of" | "the" | "a" | "an" | "-" | "—"
        )
    }) {
        return SourceClass::Other;
    }
    // A possessive after a verb or an adjective ("support Clinton's" of "support Clinton's
    // plan", "the federal court's" of its decision) is a clause's object cut off, not who
    // speaks; a possessive alone is whose the words are ("Trump's comments", "Moody's said"),
    // and "an executive at Macy's" is the executive.
    if ws.last().is_some_and(|w| possessive(w))
        && ws.len() == phrase.split_whitespace().count()
        && ws[..ws.len() - 1].iter().any(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                && !DETERMINERS.contains(&bare(w).as_str())
        })
    {
        return SourceClass::Other;
    }
    let det = bare(first);
    // "a group of rabbis", "a handful of senior officials": a body of people no one named,
    // of the kind the words after "of" say. Not "the group", which refers back to one named.
    if matches!(det.as_str(), "a" | "an" | "one" | "another")
        && ws.len() <= 3
        && ws.last().is_some_and(|w| lexicon.collectives.contains(&bare(w)))
        // "of" right after it: "a coalition for the rights of immigrants" is the coalition.
        && phrase.split_whitespace().nth(ws.len()) == Some("of")
        && let Some((_, members)) = phrase.split_once(" of ")
    {
        match classify(members, lexicon) {
            class @ (SourceClass::Anonymous | SourceClass::Vague) => return class,
            // "a group of 67 Latin American artists"; not "a number of counties".
            SourceClass::Other
                if head_words(members)
                    .last()
                    .is_some_and(|w| is_people(&bare(w), lexicon)) =>
            {
                return SourceClass::Vague;
            }
            _ => {}
        }
    }
    // "one of the people said", "two of his advisers", "some of the club's homeowners": a
    // share of people no one named, of the kind the head after "of" says. One of them, or a
    // share of officials, aides or sources, is anonymous; a share of a group is vague. Not
    // with a name in apposition ("One of the men, Jessie Elkins").
    if ws.len() == 1
        && head_part.len() == phrase.len()
        && matches!(
            det.as_str(),
            "one"
                | "another"
                | "each"
                | "two"
                | "three"
                | "four"
                | "five"
                | "several"
                | "some"
                | "many"
                | "most"
                | "few"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "scores"
        )
        && phrase.split_whitespace().nth(1) == Some("of")
        && let Some((_, members)) = phrase.split_once(" of ")
        && let Some(head) = head_words(members).last().map(|w| bare(w))
        && !lexicon.documents.contains(&head)
    {
        let role = lexicon.roles.contains(&head);
        let group = lexicon.groups.contains(&head) || is_people(&head, lexicon);
        let one = matches!(det.as_str(), "one" | "another" | "each");
        // "Dozens of residents said": a crowd, vague whoever its members are.
        let crowd = matches!(det.as_str(), "dozens" | "hundreds" | "thousands" | "scores");
        if (role && !crowd) || (group && one) {
            return SourceClass::Anonymous;
        }
        if group || role {
            return SourceClass::Vague;
        }
    }
    // The head noun: the last job or group word ("three officers stationed at the bases"),
    // else the last word.
    let head = ws
        .iter()
        .map(|w| bare(w))
        .enumerate()
        // "Most", "many" and the like head a phrase only as its first word ("most recent
        // data" is data).
        .rfind(|(i, w)| {
            lexicon.roles.contains(w)
                || (lexicon.groups.contains(w) && (*i == 0 || !QUANTIFIERS.contains(&w.as_str())))
        })
        .map(|(_, w)| w)
        .or_else(|| ws.last().map(|w| bare(w)))
        .unwrap_or_default();
    if ws.len() == 1 && lexicon.pronouns.contains(&det) {
        return SourceClass::Reference;
    }
    // A determiner cut from its noun ("Those" of "Those voters … view her") names no one.
    // "Those" with what follows it is people the story does not name: described as placed to
    // know ("Those familiar with the talks"), an anonymous source; else a group holding a
    // view ("those who back her opponents").
    if ws.len() == 1 && matches!(det.as_str(), "the" | "this" | "that" | "these" | "those") {
        return match phrase.split_whitespace().nth(1) {
            // Not "who", which any relative clause opens.
            Some(_)
                if det == "those"
                    && phrase.split_whitespace().any(|w| {
                        let w = bare(w);
                        w != "who" && lexicon.placed_to_know.contains(&w)
                    }) =>
            {
                SourceClass::Anonymous
            }
            Some(_) if det == "those" => SourceClass::Vague,
            _ => SourceClass::Other,
        };
    }
    // "one senior Democrat", "an Iowa Democrat", "a Republican involved in the planning": one
    // member of a party, unnamed; not "a Democrat, Senator Chuck Schumer", named beside.
    if ws.len() >= 2
        && head_part.len() == phrase.len()
        && matches!(det.as_str(), "a" | "an" | "one" | "another")
        && ws.last().is_some_and(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            lexicon.partisans.iter().any(|d| d == w)
        })
    {
        return SourceClass::Anonymous;
    }
    // Plain "people" is the public at large, not a described source.
    if phrase.split_whitespace().count() == 1 && det == "people" {
        return SourceClass::Vague;
    }
    if lexicon.documents.contains(&head) {
        return SourceClass::Document;
    }
    // "Companies say", "advocacy groups note": organisations, none named; "the two companies
    // said" refers back to ones the story has named.
    if lexicon.organisations.contains(&head) {
        return if matches!(
            det.as_str(),
            "the" | "both" | "these" | "those" | "its" | "their" | "our"
        ) {
            SourceClass::Reference
        } else {
            SourceClass::Vague
        };
    }
    // "a State Department inspector general's report issued …", "an official statement": a
    // document word after every job or group word heads the phrase.
    let bare_ws: Vec<String> = ws.iter().map(|w| bare(w)).collect();
    let last_person = bare_ws
        .iter()
        .rposition(|w| lexicon.roles.contains(w) || lexicon.groups.contains(w));
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if bare_ws.iter().enumerate().any(|(i, w)| {
        last_person.is_none_or(|p| i > p)
            && lexicon.documents.contains(w)
            // "Bill Clinton": a capitalised word before another is a name.
            && !(capital(ws[i]) && ws.get(i + 1).is_some_and(|n| capital(n)))
    }) {
        return SourceClass::Document;
    }
    // "30 million people", "2,000 workers", "Six in 10 Virginia voters": a population counted
    // or a share of one, not a source. Only in the phrase's head: "Jane Doe, a Democrat who
    // won 52 percent of the vote" and "an official who owns a 10 percent stake" are people.
    let counted: Vec<String> = head_part
        .split_whitespace()
        .map(bare)
        .take_while(|w| !matches!(w.as_str(), "who" | "whose" | "which" | "that"))
        .collect();
    if counted.iter().any(|b| {
        lexicon.population_counts.contains(b)
            || b.replace(',', "").parse::<u64>().is_ok_and(|n| n >= 100)
    }) || counted.windows(3).any(|w| {
        w[1] == "in"
            && matches!(w[2].as_str(), "10" | "ten")
            && (w[0].parse::<u8>().is_ok()
                || matches!(
                    w[0].as_str(),
                    "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine"
                ))
    }) {
        return SourceClass::Other;
    }
    // "people", "any rational person": the public, unless described as placed to know ("people
    // familiar with the matter", "a person close to the talks").
    if matches!(
        head.as_str(),
        "people" | "person" | "someone" | "somebody" | "anyone" | "anybody" | "everyone"
    ) && !described_as_placed(phrase, lexicon, true)
    {
        return if QUANTIFIERS.contains(&det.as_str()) {
            SourceClass::Vague
        } else {
            SourceClass::Other
        };
    }
    // A document word is a name's part before another capitalised word ("Bill Clinton"), not at
    // the end ("the Senate Bill").
    // The words that open sentences ("I", "When", "Read the") are no name, except as a surname
    // right after a title: "said Mr. Read" and "Ms. Friday said" name someone.
    let titled = |prev: Option<&&str>| {
        prev.is_some_and(|p| {
            let b = bare(p);
            COURTESY_TITLES.contains(&b.as_str()) || lexicon.titles.contains(&b)
        })
    };
    let is_name_word_at = |w: &&str, last: bool, after_title: bool| {
        let t = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        t.chars().next().is_some_and(char::is_uppercase)
            && !lexicon.demonyms.iter().any(|d| d == t)
            && !lexicon
                .institutions
                .iter()
                .any(|i| i.split_whitespace().any(|p| p == t))
            && ![&lexicon.roles, &lexicon.groups, &lexicon.pronouns]
                .iter()
                .any(|l| l.contains(&t.to_lowercase()))
            && (!last || !lexicon.documents.contains(&t.to_lowercase()))
            && !DETERMINERS.contains(&t.to_lowercase().as_str())
            && !matches!(
                t.to_lowercase().as_str(),
                "the" | "mr." | "mrs." | "ms." | "dr."
            )
            && !(!after_title
                && (not_a_name_opener(&t.to_lowercase())
                    || ADVERBS.contains(&t.to_lowercase().as_str())
                    || NOT_NAMES.contains(&t.to_lowercase().replace('’', "'").as_str())))
    };
    // "Immigrants feel": one plural word for people, capitalised only because it opens the
    // sentence, is a group standing in for a source. Not a job ("Officials") nor an ending
    // surnames share ("Sanders", "Clements"): the lexicon's people, or "-ists" and "-ians".
    if ws.len() == 1
        && first.chars().next().is_some_and(char::is_uppercase)
        && !lexicon.roles.contains(&head)
        && (lexicon.people.contains(&head) || ["ists", "ians"].iter().any(|e| head.ends_with(e)))
        && !organisation()
    {
        return SourceClass::Vague;
    }
    // "Japanese are mulling", "the Chinese have zeroed in": a people named by a demonym that is
    // its own plural ("the Republican", "Cuban" are one person), or by its plural ("the
    // Germans announce"; not a party's, whose members are read as partisans).
    if matches!(ws.as_slice(), [d] | [_, d] if (ws.len() == 1 || det == "the") && {
        let d = d.trim_matches(|c: char| !c.is_alphanumeric());
        let demonym = |x: &str| lexicon.demonyms.iter().any(|y| y == x);
        (["ese", "ish", "ch"].iter().any(|e| d.ends_with(e)) && demonym(d))
            || d.strip_suffix('s').is_some_and(|one| {
                demonym(one) && !lexicon.partisans.iter().any(|p| p == one)
            })
    }) {
        return SourceClass::Vague;
    }
    // "some of Mr. Clinton's admirers", "Trump's fans": the people of someone named, unnamed.
    if !lexicon.roles.contains(&head)
        && head.ends_with('s')
        && is_people(&head, lexicon)
        && ws.len() >= 2
        && possessive(ws[ws.len() - 2])
        // Not when named in apposition: "Henry Clay's biographers, David and Jean Heidler".
        && head_part.len() == phrase.len()
    {
        return SourceClass::Vague;
    }
    let is_name_word = |w: &&str, after_title: bool| is_name_word_at(w, true, after_title);
    let has_name = ws
        .iter()
        .enumerate()
        .any(|(i, w)| is_name_word(w, titled(i.checked_sub(1).and_then(|p| ws.get(p)))));
    // "Liberal writers are reveling", "Private business owners could refuse": plural people
    // with a capital on the first word only, as a sentence opens, are no name. ("Reuters
    // journalists said", where the capital is an organisation's, are unnamed people too.)
    if has_name
        && ws.len() >= 2
        && !lexicon.roles.contains(&head)
        && ws[1..]
            .iter()
            .all(|w| !w.chars().next().is_some_and(char::is_uppercase))
        && ws
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
        && (lexicon.groups.contains(&head) || (head.ends_with('s') && is_people(&head, lexicon)))
    {
        return SourceClass::Vague;
    }
    // A person's name is two capitalised words together, anywhere in the phrase, appositive
    // included ("a spokeswoman, Tara Binns"); one capitalised modifier before a job
    // ("Pentagon officials", "Clinton aides") names nobody.
    // Not the words of a place after a preposition, up to the next comma: "a senior official
    // at Goldman Sachs" names the firm, not the official ("Secretary of State John Kerry" and
    // "an analyst at the bank, Jane Doe" still name someone).
    let mut in_place = false;
    let all: Vec<&str> = phrase
        .split_whitespace()
        .filter(|w| {
            if matches!(
                bare(w).as_str(),
                "at" | "in" | "with" | "from" | "for" | "by" | "on" | "to" | "inside" | "within"
            ) {
                in_place = true;
            }
            let keep = !in_place;
            if w.ends_with(',') {
                in_place = false;
            }
            keep
        })
        .collect();
    // A name in the possessive before the head is whose the source is, not its name: "Hillary
    // Clinton's aides", "Senator Warren's staff" are unnamed.
    let owner = |i: usize| possessive(all[i]) && i + 1 < all.len();
    let full_name = all.windows(2).enumerate().any(|(i, p)| {
        is_name_word_at(
            &p[0],
            false,
            titled(i.checked_sub(1).and_then(|b| all.get(b))),
        ) && is_name_word(&p[1], titled(Some(&p[0])))
            && !owner(i + 1)
    });
    let role = lexicon.roles.contains(&head);
    if role && full_name {
        return SourceClass::Named;
    }
    // A title before a name names someone ("President Obama", "Secretary Kerry"); a name before
    // a job does not ("Clinton aides").
    // So does a job before the phrase's last word, a surname ("Former Mexico leader Calderon").
    let title_then_name = all.windows(2).enumerate().any(|(i, p)| {
        let t = bare(p[0]);
        (p[0].chars().next().is_some_and(char::is_uppercase) || i + 2 == all.len())
            && (lexicon.roles.contains(&t) || lexicon.titles.contains(&t))
            && is_name_word_at(&p[1], false, true)
            && !owner(i + 1)
    });
    if title_then_name {
        return SourceClass::Named;
    }
    let quantified = matches!(
        det.as_str(),
        "many" | "some" | "most" | "few" | "numerous" | "other" | "certain"
    );
    if lexicon.groups.contains(&head)
        || (lexicon.groups.contains(&det) && ws.len() == 1)
        || (quantified && !role && !full_name && (ws.len() == 1 || is_people(&head, lexicon)))
    {
        return SourceClass::Vague;
    }
    if role && DETERMINERS.contains(&det.as_str()) {
        return SourceClass::Anonymous;
    }
    // One holder of an office someone named holds: "NATO's secretary general", "the nation's
    // top diplomat", "Sanders' campaign manager" is a particular person, not an anonymous one.
    let possessor = ws.iter().take(3).any(|w| possessive(w));
    if role && possessor && !head.ends_with('s') {
        return SourceClass::Reference;
    }
    if role {
        // "the senator", or a bare title standing for someone ("…, former secretary of state,
        // said"): one person the story has in mind.
        let bare_title = !first.chars().next().is_some_and(char::is_uppercase)
            && !DETERMINERS.contains(&det.as_str())
            && !QUANTIFIERS.contains(&det.as_str())
            // "official familiar with the investigation", "official who…" describe a source
            // kept anonymous, whatever article was cut from before them.
            && !described_as_placed(phrase, lexicon, false);
        if (bare_title
            || matches!(
                det.as_str(),
                "the" | "this" | "that" | "his" | "her" | "their" | "its"
            ))
            && !head.ends_with('s')
            && !matches!(
                head.as_str(),
                "people" | "staff" | "personnel" | "men" | "women"
            )
        {
            return SourceClass::Reference;
        }
        return SourceClass::Anonymous;
    }
    // "Iowa biofuels advocates", "Conservative Christians": a plural the lexicon lists as people
    // heads the phrase, and the capitalised words before it say where or what they are; they
    // name no one. (A name in apposition or after a title was read above.)
    if has_name
        && ws.len() >= 2
        && head_part.len() == phrase.len()
        && ws.last().is_some_and(|w| bare(w) == head)
        && lexicon.people.contains(&head)
        && !organisation()
    {
        return SourceClass::Vague;
    }
    if has_name {
        return SourceClass::Named;
    }
    // "the Pentagon", "the Kremlin": an institution as the source names it.
    if lexicon
        .institutions
        .iter()
        .any(|i| head_part.contains(i.as_str()))
    {
        return SourceClass::Named;
    }
    // "enlisted personnel favored", "younger women embrace": a plural the lexicon lists as
    // people, after nothing but adjectives, is a group standing in for a source. Not after an
    // article or a possessive, which refer back ("the two men", "both men"), nor after a verb
    // the phrase was read back past ("recruit pastors"), nor in an organisation's name
    // ("Concerned Women for America").
    if ws.last().is_some_and(|w| bare(w) == head)
        && lexicon.people.contains(&head)
        && ws[..ws.len() - 1].iter().all(|w| adjective(w))
        && !organisation()
    {
        return SourceClass::Vague;
    }
    SourceClass::Other
}

/// Whether capitalised words hold "for" or "of" between them, as an organisation's name does
/// ("Concerned Women for America", "Muslim Americans for Trump", "Jews for Jesus").
fn organisation_name(ws: &[&str]) -> bool {
    ws.windows(3).any(|w| {
        w[0].starts_with(char::is_uppercase)
            && matches!(w[1], "for" | "of")
            && w[2].starts_with(char::is_uppercase)
    })
}

/// Whether a word before a plural of people reads as its adjective: capitalised ("Iowa",
/// "Christian"), a common one ("young", "other"), or with an adjective's ending ("enlisted",
/// "younger", "conservative", "undocumented").
fn adjective(w: &str) -> bool {
    let b = bare(w);
    // A capitalised determiner opens the sentence: "Both men said" are two named before.
    let determiner =
        NOUN_DETERMINERS.contains(&b.as_str()) || matches!(b.as_str(), "both" | "each");
    (w.starts_with(char::is_uppercase) && !determiner)
        || matches!(
            b.as_str(),
            "male"
                | "female"
                | "young"
                | "old"
                | "black"
                | "white"
                | "new"
                | "former"
                | "other"
                | "local"
                | "many"
                | "most"
                | "some"
                | "few"
                | "more"
                | "all"
                | "random"
                | "rank"
                // A pair of them: "Latino and black voters".
                | "and"
        )
        || (b.len() > 4
            && [
                "ed", "al", "ic", "an", "ive", "ous", "ful", "ish", "ern", "ent", "ant", "ary",
                "ing", "ese", "er", "ist",
            ]
            .iter()
            .any(|e| b.ends_with(e)))
}

/// Whether a relative clause right after the source phrase ending at `end` grants its source
/// anonymity ("said the woman, who like many in the town did not want to be quoted by name",
/// "who, like many, asked not to be named"), up to the clause's next comma: what follows may
/// be someone else ("who arrived late, as did an aide who asked not to be named"). Not a
/// grant the clause reports someone told ("who told reporters that an aide asked not to be
/// named").
fn granted_in_relative(text: &str, end: usize, lexicon: &Lexicon) -> bool {
    let rest = &text[end..];
    let Some(clause) = rest
        .strip_prefix(", whom")
        .or_else(|| rest.strip_prefix(", who"))
        .filter(|c| c.starts_with([' ', ',']))
    else {
        return false;
    };
    // An aside right after the pronoun: ", who, like many in the town, did not want".
    let clause = match clause.strip_prefix(',') {
        Some(aside) => aside.split_once(',').map_or(aside, |(_, after)| after),
        None => clause,
    };
    let clause = clause
        .split([',', '.', ';', '"', '“', '”'])
        .next()
        .unwrap_or_default()
        .to_lowercase();
    lexicon.anonymity_grants.iter().any(|g| {
        clause
            .find(g.as_str())
            .is_some_and(|at| !clause[..at].contains("told"))
    })
}

/// Whether one of the lexicon's grants of anonymity opens within a few words after the cue at
/// `cue` in `text` (", he said, speaking on condition of anonymity").
fn granted_after(text: &str, cue: &std::ops::Range<usize>, lexicon: &Lexicon) -> bool {
    // Room for ", speaking on the " before the grant itself.
    const LEAD: usize = 24;
    let longest = lexicon
        .anonymity_grants
        .iter()
        .map(String::len)
        .max()
        .unwrap_or(0);
    let reach = crate::source::floor_char_boundary(text, cue.end + LEAD + longest);
    let window = text[cue.end..reach].to_lowercase();
    lexicon.anonymity_grants.iter().any(|g| {
        window
            .find(g.as_str())
            .is_some_and(|at| at <= LEAD && !window[..at].contains(['"', '“', '”', '‘']))
    })
}

/// Whether `first` and `second` open a list of adjectives before a head noun ("bespectacled,"
/// then "71-year-old"): a lower-case "-ed" word and its comma, then a hyphenated compound of
/// lower-case words or a number, as a profile's adjectives run. "wounded," then "senior" is a
/// noun and the next phrase.
fn listed_adjectives(first: &str, second: &str) -> bool {
    first
        .strip_suffix(',')
        .is_some_and(|a| a.ends_with("ed") && a.chars().all(char::is_lowercase))
        && second.contains('-')
        && second
            .chars()
            .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Whether `w` is a possessive ("Clinton's", "Sanders’"), whatever punctuation follows.
fn possessive(w: &str) -> bool {
    let t = w.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
    t.ends_with("'s") || t.ends_with("’s") || t.ends_with("s'") || t.ends_with("s’")
}

/// Points each reference at the nearest earlier named source.
fn resolve(a: &Analysis, lexicon: &Lexicon, out: &mut [Attribution]) {
    let mut last_named: Option<usize> = None;
    // The last unnamed group ("friends of Mr. Clinton's") and unnamed person ("a partner at
    // the firm") who said, thought or judged something: "they say", "he said" after them in
    // the same paragraph, with nobody named in between, are theirs.
    let mut last_group: Option<usize> = None;
    let mut last_person: Option<usize> = None;
    // The last "Nobody" or "Everyone" given as a source: in its paragraph, a pronoun after it
    // is unclear rather than anyone before it.
    let mut nobody_at: Option<usize> = None;
    // Each word of the named and unnamed sources so far, with the last source it is in: where
    // a description ("the partner") finds what it describes, without a search back through a
    // long story for each one.
    let mut sources_with: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    for i in 0..out.len() {
        let sourcing = out[i].cue_kind.reports() && !out[i].nested;
        // "said the woman, who like many in the town did not want to be quoted by name": a
        // description granted anonymity in a relative clause after it is an anonymous source,
        // whoever the story named before.
        if sourcing
            && matches!(out[i].class, SourceClass::Reference | SourceClass::Other)
            && out[i].source.as_ref().is_some_and(|p| {
                let text = &a.doc.blocks[p.block].text;
                !lexicon.pronouns.contains(&bare(&text[p.range.clone()]))
                    && granted_in_relative(text, p.range.end, lexicon)
            })
        {
            out[i].class = SourceClass::Anonymous;
        }
        match out[i].class {
            // Only what a source said, thought or judged makes it an antecedent; an unnamed
            // group or person also what it feels or wants ("Many members were dismayed …
            // They said"). A named one still needs to have said something.
            SourceClass::Named if !sourcing => {}
            SourceClass::Named => last_named = Some(i),
            SourceClass::Anonymous | SourceClass::Vague
                if sourcing
                    || (!out[i].nested
                        && matches!(out[i].cue_kind, CueKind::Attitude | CueKind::Feeling)) =>
            {
                // The head: "players for not raising rates", "friends of Mr. Clinton's".
                let head = out[i].source.as_ref().map(|p| {
                    let phrase = &a.doc.blocks[p.block].text[p.range.clone()];
                    head_words(phrase)
                        .last()
                        .map(|w| bare(w))
                        .unwrap_or_default()
                });
                // "some have argued", "many fear", "those who say": a quantifier alone is a group
                // too.
                let plural = head.as_deref().is_some_and(|h| {
                    h.ends_with('s')
                        || QUANTIFIERS.contains(&h)
                        || matches!(h, "people" | "staff" | "all" | "both" | "those")
                });
                // "Nobody asked …; Obama brought it up himself. He called it": no one, or
                // everyone, is no "he" or "they" later in the paragraph, nor is anyone before.
                let nobody = head.as_deref().is_some_and(|h| {
                    matches!(
                        h,
                        "nobody" | "everyone" | "everybody" | "anyone" | "anybody" | "none"
                    )
                });
                match (nobody, plural) {
                    (true, _) => nobody_at = Some(i),
                    (false, true) => last_group = Some(i),
                    (false, false) => last_person = Some(i),
                }
            }
            SourceClass::Reference => {
                let pronoun = out[i]
                    .source
                    .as_ref()
                    .map(|p| bare(&a.doc.blocks[p.block].text[p.range.clone()]));
                let plural = matches!(pronoun.as_deref(), Some("they" | "them"));
                // Anyone before a "Nobody" in this paragraph.
                let blocked = |k: usize| {
                    nobody_at.is_some_and(|b| k < b && out[b].cue.block == out[i].cue.block)
                };
                let unnamed = match pronoun.as_deref() {
                    Some("they" | "them") => last_group,
                    Some("he" | "she" | "him" | "her") => last_person,
                    _ => None,
                }
                // Nearer than any named source, and in the same paragraph: across a paragraph
                // break a story turns back to its named voices ("Rutte's comments also
                // touched on …, he said"). "They" may open the next paragraph ("Mr. Rubio's
                // advisers conceded …" / "But they were hoping"): no one named is plural.
                .filter(|&u| {
                    let (from, to) = (out[u].cue.block, out[i].cue.block);
                    last_named.is_none_or(|n| u > n)
                        && (from == to || (plural && from + 1 == to))
                        && !blocked(u)
                });
                // A title the named source's phrase opens with that rules the pronoun out:
                // "they" after "Mr. Rubio" is someone else ("Mr. Rubio and Mr. Cruz" are two);
                // "she" is not "Mr. Trump", nor "he" "Mrs. Clinton". Who is, the ledger cannot
                // tell (most often someone the story names but does not quote): unclear
                // rather than wrong.
                let ruled_out: &[&str] = match pronoun.as_deref() {
                    Some("they" | "them") => &["Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov."],
                    Some("he" | "him" | "his") => &["Mrs.", "Ms."],
                    Some("she" | "her") => &["Mr."],
                    _ => &[],
                };
                let last_named = last_named.filter(|&n| {
                    !blocked(n)
                        && !out[n].source.as_ref().is_some_and(|p| {
                            let phrase = &a.doc.blocks[p.block].text[p.range.clone()];
                            phrase
                                .split_whitespace()
                                .next()
                                .is_some_and(|w| ruled_out.contains(&w))
                                && !(plural && phrase.contains(" and "))
                        })
                });
                // "Cameron's spokesman", "the mayor's aide": one of several who could hold
                // the job, of someone named; not that person, and anonymous unless described
                // before ("his aide, Ana Ruiz, …; the mayor's aide said").
                let possessed = sourcing
                    && out[i].source.as_ref().is_some_and(|p| {
                        let ws = head_words(&a.doc.blocks[p.block].text[p.range.clone()]);
                        let head = ws.last().map(|w| bare(w)).unwrap_or_default();
                        ws.len() >= 2
                            && ws[..ws.len() - 1].iter().any(|w| possessive(w))
                            && lexicon.roles.contains(&head)
                            && !lexicon.titles.contains(&head)
                    });
                // "the partner" after "a partner at the firm said": a description refers to the
                // nearest earlier source it describes, named or not, before any other named one.
                let described = pronoun
                    .as_deref()
                    .filter(|p| !lexicon.pronouns.iter().any(|x| x == p))
                    .and_then(|_| out[i].source.as_ref())
                    .and_then(|p| {
                        head_words(&a.doc.blocks[p.block].text[p.range.clone()])
                            .last()
                            .map(|w| bare(w))
                    })
                    .and_then(|head| sources_with.get(&head).copied());
                // "He was unable to find a taker, he said, on condition of anonymity": whoever
                // "he" is, the story grants him anonymity and does not say who he is. Only
                // right after the cue: "she said … that the aide had requested anonymity" is
                // someone else's.
                let granted = sourcing
                    && pronoun
                        .as_deref()
                        .is_some_and(|p| lexicon.pronouns.iter().any(|x| x == p))
                    && granted_after(
                        &a.doc.blocks[out[i].cue.block].text,
                        &out[i].cue.range,
                        lexicon,
                    );
                if granted {
                    out[i].class = SourceClass::Anonymous;
                    if plural {
                        last_group = Some(i);
                    } else {
                        last_person = Some(i);
                    }
                } else if let Some(d) = described {
                    out[i].resolves_to = Some(out[d].resolves_to.unwrap_or(d));
                    if out[d].class == SourceClass::Anonymous {
                        last_person = Some(i);
                    }
                } else if possessed {
                    out[i].class = SourceClass::Anonymous;
                    last_person = Some(i);
                } else if let Some(u) = unnamed {
                    out[i].resolves_to = Some(out[u].resolves_to.unwrap_or(u));
                } else if let Some(class) = (pronoun.as_deref() == Some("they"))
                    .then(|| group_before(a, lexicon, &out[i], last_named.map(|n| &out[n])))
                    .flatten()
                {
                    out[i].class = class;
                    last_group = Some(i);
                } else if let Some(n) = last_named {
                    out[i].resolves_to = Some(out[n].resolves_to.unwrap_or(n));
                } else {
                    // A description nobody was named before: "the spokesman" is anonymous,
                    // "the senator" (an office) or "he" is merely unclear. So is one giving an
                    // age ("the bespectacled, 71-year-old diplomat"): a story gives the age of
                    // someone it has named, as a subject if not yet as a source.
                    let phrase = out[i]
                        .source
                        .as_ref()
                        .map(|p| &a.doc.blocks[p.block].text[p.range.clone()]);
                    let head =
                        phrase.map(|t| bare(t.split_whitespace().last().unwrap_or_default()));
                    let aged = phrase.is_some_and(|t| t.contains("-year-old"));
                    let office_or_pronoun = aged
                        || head.as_ref().is_none_or(|h| {
                            lexicon.titles.contains(h) || lexicon.pronouns.contains(h)
                        });
                    out[i].class = if office_or_pronoun {
                        SourceClass::Other
                    } else {
                        SourceClass::Anonymous
                    };
                }
            }
            _ => {}
        }
        if sourcing && matches!(out[i].class, SourceClass::Named | SourceClass::Anonymous) {
            // Head words only: "the senator" is not "a lawyer for the senator".
            if let Some(p) = &out[i].source {
                for w in head_words(&a.doc.blocks[p.block].text[p.range.clone()]) {
                    sources_with.insert(bare(w), i);
                }
            }
        }
    }
}

/// "Those remarks allowed Republicans to tie her to an administration that they widely view
/// as ineffective": the class of the unnamed group a "they" stands for, read from the nearest
/// plural of people or group word before it in its sentence or the one before (the lexicon's
/// `people`, `groups` and plural `roles`), when no named source spoke earlier in the paragraph
/// and no name comes before the group: vague, if that group is unnamed; None when it is named
/// or a reference, or there is none.
fn group_before(
    a: &Analysis,
    lexicon: &Lexicon,
    at: &Attribution,
    named: Option<&Attribution>,
) -> Option<SourceClass> {
    let p = at.source.as_ref()?;
    let text = &a.doc.blocks[p.block].text;
    let sentences = &a.sentences[p.block];
    let k = sentences.partition_point(|s| s.end <= p.range.start);
    let from = sentences.get(k.saturating_sub(1))?.start;
    // A named source earlier in the paragraph may be whom "they" stands for ("Trump and Cruz
    // attacked the reporters. They said …").
    if named.is_some_and(|n| n.cue.block == p.block && n.cue.range.end <= p.range.start) {
        return None;
    }
    let ws = words(text, window_before(text, from, p.range.start));
    let head = ws.iter().rposition(|(_, w)| {
        let b = bare(w);
        !QUANTIFIERS.contains(&b.as_str())
            && (lexicon.people.contains(&b)
                || lexicon.groups.contains(&b)
                || (b.ends_with('s') && lexicon.roles.contains(&b)))
    })?;
    // Not a possessor ("voters' choice") nor the end of a quotation, nor a word of an
    // organisation's name ("His friend started Muslim Americans for Trump. They say").
    let plain: Vec<&str> = ws.iter().map(|(_, w)| *w).collect();
    let org_name = organisation_name(&plain[head..(head + 3).min(plain.len())]);
    if org_name || ws[head].1.ends_with(['’', '\'', '”', '"']) {
        return None;
    }
    // Names before the group, not opening a sentence, may be whom "they" stands for ("Warren
    // and Sanders have courted young voters. They say").
    let named_before = (1..head).any(|i| {
        let b = bare(plain[i]);
        plain[i].starts_with(char::is_uppercase)
            && !plain[i - 1].ends_with(['.', '!', '?'])
            && !lexicon.groups.contains(&b)
            && !lexicon.people.contains(&b)
            && !lexicon.demonyms.iter().any(|d| d.eq_ignore_ascii_case(&b))
    });
    if named_before {
        return None;
    }
    let start = leftmost(&ws[..=head], lexicon)?;
    let end = word_end(&ws[head].0, ws[head].1);
    // "Microsoft surveyed customers in May. They said": the customers.
    let start = after_last_verb(text, start..end);
    // A "they" read back to a group stands for the group as a whole: vague, even where the
    // group is a specific one ("campaign officials … They distributed"), whose members the
    // pronoun does not single out as a source would.
    matches!(
        classify(&text[start..end], lexicon),
        SourceClass::Vague | SourceClass::Anonymous
    )
    .then_some(SourceClass::Vague)
}

/// One source of a story, with every attribution to it: what the ledger table and the
/// sourcing-balance rules count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The class of the phrase that names it (a reference counts as what it refers to).
    pub class: SourceClass,
    /// The attributions whose own source phrase names it (not a reference to it), in order.
    pub names: Vec<usize>,
    /// Every attribution to it, references included, in document order.
    pub attributions: Vec<usize>,
}

impl Source {
    /// Where the source is first written: the earliest of its phrases and of those its
    /// references resolve to. Not its first cue's: "A city official, who spoke on condition of
    /// anonymity …, said" is first written at "A city official", and its first cue is the
    /// "who"'s.
    pub fn first_written<'l>(&self, ledger: &'l [Attribution]) -> Option<&'l Place> {
        self.attributions
            .iter()
            .flat_map(|&i| [Some(i), ledger[i].resolves_to])
            .flatten()
            .filter_map(|i| ledger[i].source.as_ref())
            .min_by_key(|p| (p.block, p.range.start))
    }
}

/// Groups the writer's sourcing attributions (cues of saying, believing or judging, not inside
/// quotations) by source, in order of first appearance: a named source by its surname, so
/// "Mark Rutte", "Rutte" and "the NATO leader" are one; any other source phrase stands alone.
pub fn group(a: &Analysis, ledger: &[Attribution]) -> Vec<Source> {
    group_by(
        a,
        ledger,
        &[CueKind::Speech, CueKind::Cognition, CueKind::Stance],
    )
}

/// Groups as `group` does, counting only attributions whose cue is of one of these kinds (a
/// `balance` rule's `cues`, where `other` may be listed too).
pub fn group_by(a: &Analysis, ledger: &[Attribution], cues: &[CueKind]) -> Vec<Source> {
    let mut sources: Vec<Source> = Vec::new();
    let mut keys: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, at) in ledger.iter().enumerate() {
        if !cues.contains(&at.cue_kind) || at.nested {
            continue;
        }
        let named_by = at.resolves_to.unwrap_or(i);
        let Some(src) = &ledger[named_by].source else {
            continue;
        };
        let class = ledger[named_by].class;
        let key = if class == SourceClass::Named {
            surname(&a.doc.blocks[src.block].text[src.range.clone()])
        } else {
            format!("{}@{}", src.block, src.range.start)
        };
        let at_source = *keys.entry(key).or_insert_with(|| {
            sources.push(Source {
                class,
                names: Vec::new(),
                attributions: Vec::new(),
            });
            sources.len() - 1
        });
        let source = &mut sources[at_source];
        if !source.names.contains(&named_by) {
            source.names.push(named_by);
        }
        source.attributions.push(i);
    }
    sources
}

/// The key that groups "Mark Rutte" and "Rutte": the last capitalised word of the name, not
/// of what describes it ("Gen. Marcus Bell, who oversees Army inspections" is Bell).
fn surname(name: &str) -> String {
    let name = name.split([',', '(', '—', '–']).next().unwrap_or(name);
    name.split_whitespace()
        .rev()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|w| w.chars().next().is_some_and(char::is_uppercase))
        .unwrap_or(name)
        .to_string()
}

/// Whether a plural head noun names people ("fans", "residents", "Democrats"), so that "many
/// fans" is a group holding a view and "many goals" or "most cars" is not.
/// Whether a lower-case word names people: a plural of people (`is_people`), a group standing in
/// for a source ("critics") or a job ("aides").
fn people_word(w: &str, lexicon: &Lexicon) -> bool {
    is_people(w, lexicon)
        || lexicon.groups.iter().any(|g| g == w)
        || lexicon.roles.iter().any(|r| r == w)
}

fn is_people(head: &str, lexicon: &Lexicon) -> bool {
    let head = head.to_lowercase();
    lexicon.people.contains(&head)
        || (!lexicon.not_people.contains(&head)
            && lexicon
                .people_suffixes
                .iter()
                .any(|s| head.ends_with(s.as_str())))
}
