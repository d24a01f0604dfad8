//! The attribution lexicon: reporting cues and source words, read from TOML
//! (`rules/lexicon.toml`, bundled), so a newsroom can see and extend them.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::rule::pattern;

/// The bundled lexicon's text.
pub const BUNDLED: &str = include_str!("../../rules/lexicon.toml");

/// The kinds of reporting cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CueKind {
    /// Said, told, wrote, according to.
    Speech,
    /// Believe, fear, expect.
    Cognition,
    /// Criticized, praised, denounced.
    Stance,
    /// Wanting, backing, opposing, regarding: a side taken rather than stated.
    Attitude,
    /// Furious, pleased, eager, fond of: a feeling held rather than stated.
    Feeling,
    /// Showing, deciding, citing.
    Other,
}

impl CueKind {
    /// The names used in rule files.
    pub const NAMES: &'static [&'static str] = &[
        "speech",
        "cognition",
        "stance",
        "attitude",
        "feeling",
        "other",
    ];

    /// Parses a cue kind name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "speech" => Some(CueKind::Speech),
            "cognition" => Some(CueKind::Cognition),
            "stance" => Some(CueKind::Stance),
            "attitude" => Some(CueKind::Attitude),
            "feeling" => Some(CueKind::Feeling),
            "other" => Some(CueKind::Other),
            _ => None,
        }
    }

    /// Whether the cue reports what its source said, thought or judged: what makes a source
    /// speak in a paragraph, and a quotation's speaker. Wanting, backing or feeling something
    /// tells the reader nothing the source said, so it counts here as little as an act does.
    pub fn reports(self) -> bool {
        matches!(self, CueKind::Speech | CueKind::Cognition | CueKind::Stance)
    }
}

/// A lexicon file as written; in a newsroom's addition every list may be left out.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(rename = "description")]
    _description: Option<String>,
    #[serde(default)]
    cues: RawCues,
    #[serde(default)]
    sources: RawSources,
    #[serde(default)]
    voice: RawVoice,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawVoice {
    #[serde(default)]
    first_person: Vec<String>,
    first_person_min: Option<usize>,
    #[serde(default)]
    markers: Vec<String>,
    #[serde(default)]
    contributor_roles: Vec<String>,
    #[serde(default)]
    contributor_verbs: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawCues {
    speech: Vec<String>,
    cognition: Vec<String>,
    stance: Vec<String>,
    attitude: Vec<String>,
    feeling: Vec<String>,
    other: Vec<String>,
    #[serde(rename = "noun-or-verb")]
    noun_or_verb: Vec<String>,
    #[serde(rename = "views-with-as")]
    views_with_as: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
struct RawSources {
    pronouns: Vec<String>,
    roles: Vec<String>,
    titles: Vec<String>,
    groups: Vec<String>,
    documents: Vec<String>,
    demonyms: Vec<String>,
    institutions: Vec<String>,
    placed_to_know: Vec<String>,
    anonymity_grants: Vec<String>,
    partisans: Vec<String>,
    organisations: Vec<String>,
    collectives: Vec<String>,
    places: Vec<String>,
    people: Vec<String>,
    not_people: Vec<String>,
    people_suffixes: Vec<String>,
    population_counts: Vec<String>,
    charged_of: Vec<String>,
    line_labels: Vec<String>,
}

/// The compiled lexicon.
#[derive(Debug)]
pub struct Lexicon {
    /// Every cue, longest first, word-bounded and case-insensitive.
    pub cues: Regex,
    /// The cues' regex source, for `rules --export-patterns`.
    cue_source: String,
    kinds: HashMap<String, CueKind>,
    /// Cue words as often nouns as verbs ("support", "tweet"), lower-cased: verbs only after
    /// a subject that can take them ("Most Americans support", "they favor").
    pub noun_or_verb: Vec<String>,
    /// Cue words that give a view when "as" follows their object ("saw the remarks as"),
    /// lower-cased: then of the kind `cognition`.
    pub views_with_as: Vec<String>,
    /// Lower-case source words by what they make a source.
    pub pronouns: Vec<String>,
    /// Job or standing words ("official", "spokesperson").
    pub roles: Vec<String>,
    /// Office titles among the roles ("senator", "mayor").
    pub titles: Vec<String>,
    /// Group words ("analysts", "critics").
    pub groups: Vec<String>,
    /// Document words ("poll", "statement").
    pub documents: Vec<String>,
    /// Nationality and origin words, as written.
    pub demonyms: Vec<String>,
    /// Institution names, as written.
    pub institutions: Vec<String>,
    /// Words that describe an unnamed source as placed to know ("familiar", "briefed").
    pub placed_to_know: Vec<String>,
    /// Phrases that grant a source anonymity ("on condition of anonymity"), lower-cased.
    pub anonymity_grants: Vec<String>,
    /// Nouns for one member of a party ("Democrat"), as written: "one senior Democrat" is an
    /// unnamed person.
    pub partisans: Vec<String>,
    /// Plural nouns for organisations ("companies", "groups"), lower-cased: vague with no
    /// article, a reference with one.
    pub organisations: Vec<String>,
    /// Nouns for a body of people ("group", "handful"), lower-cased: "a group of rabbis" is
    /// the rabbis, unnamed.
    pub collectives: Vec<String>,
    /// Words after a source's first word that place it ("in", "at", "working").
    pub places: Vec<String>,
    /// Plural nouns that name people ("fans", "voters").
    pub people: Vec<String>,
    /// Plural nouns with a people suffix that name things ("numbers", "documents").
    pub not_people: Vec<String>,
    /// Endings of plural nouns that name people ("ers", "ists").
    pub people_suffixes: Vec<String>,
    /// Words that count a population rather than describe a source ("million", "dozens").
    pub population_counts: Vec<String>,
    /// Cues that, before "of", charge someone rather than report a source ("accused").
    pub charged_of: Vec<String>,
    /// Labels that open a line before a colon without naming a speaker ("UPDATE", "Editor's
    /// note"), lower-cased.
    pub line_labels: Vec<String>,
    /// Words of the writer speaking in the first person ("I", "my", "we"), as written; a
    /// lower-case one also matches capitalised.
    pub first_person: Vec<String>,
    /// How many of them outside quotations make a story a first-person piece.
    pub first_person_min: usize,
    /// Labels that, alone on a line near the top, mark a piece as opinion ("LETTERS",
    /// "Op-Ed"), lower-cased.
    pub opinion_markers: Vec<String>,
    /// What a contributor's line at the foot of a piece calls its writer ("columnist",
    /// "professor"), lower-cased: "Peter Morici is an economist …" signs an op-ed.
    pub contributor_roles: Vec<String>,
    /// What a contributor's line says the writer does instead of "is" ("teaches", "edits"),
    /// lower-cased: "Jason Linkins edits “Eat The Press” for The Huffington Post".
    pub contributor_verbs: Vec<String>,
}

impl Lexicon {
    /// Parses a lexicon file.
    pub fn parse(text: &str) -> Result<Self, String> {
        Self::compile(toml::from_str(text).map_err(|e| e.to_string())?)
    }

    /// The bundled lexicon with the lists of each of `additions` (lexicon files, as text)
    /// added to it. An error names the addition and says what is wrong with it.
    pub fn extended(additions: &[(String, String)]) -> Result<Self, String> {
        let mut raw: Raw = toml::from_str(BUNDLED).map_err(|e| e.to_string())?;
        for (name, text) in additions {
            let add: Raw = toml::from_str(text).map_err(|e| format!("{name}: {}", e.message()))?;
            let c = add.cues;
            raw.cues.speech.extend(c.speech);
            raw.cues.cognition.extend(c.cognition);
            raw.cues.stance.extend(c.stance);
            raw.cues.attitude.extend(c.attitude);
            raw.cues.feeling.extend(c.feeling);
            raw.cues.other.extend(c.other);
            raw.cues.noun_or_verb.extend(c.noun_or_verb);
            raw.cues.views_with_as.extend(c.views_with_as);
            let s = add.sources;
            raw.sources.pronouns.extend(s.pronouns);
            raw.sources.roles.extend(s.roles);
            raw.sources.titles.extend(s.titles);
            raw.sources.groups.extend(s.groups);
            raw.sources.documents.extend(s.documents);
            raw.sources.demonyms.extend(s.demonyms);
            raw.sources.institutions.extend(s.institutions);
            raw.sources.placed_to_know.extend(s.placed_to_know);
            raw.sources.anonymity_grants.extend(s.anonymity_grants);
            raw.sources.partisans.extend(s.partisans);
            raw.sources.organisations.extend(s.organisations);
            raw.sources.collectives.extend(s.collectives);
            raw.sources.places.extend(s.places);
            raw.sources.people.extend(s.people);
            raw.sources.not_people.extend(s.not_people);
            raw.sources.people_suffixes.extend(s.people_suffixes);
            raw.sources.population_counts.extend(s.population_counts);
            raw.sources.charged_of.extend(s.charged_of);
            raw.sources.line_labels.extend(s.line_labels);
            raw.voice.first_person.extend(add.voice.first_person);
            if add.voice.first_person_min.is_some() {
                raw.voice.first_person_min = add.voice.first_person_min;
            }
            raw.voice.markers.extend(add.voice.markers);
            raw.voice
                .contributor_roles
                .extend(add.voice.contributor_roles);
            raw.voice
                .contributor_verbs
                .extend(add.voice.contributor_verbs);
        }
        Self::compile(raw)
    }

    fn compile(raw: Raw) -> Result<Self, String> {
        let mut kinds = HashMap::new();
        for (list, kind) in [
            (&raw.cues.speech, CueKind::Speech),
            (&raw.cues.cognition, CueKind::Cognition),
            (&raw.cues.stance, CueKind::Stance),
            (&raw.cues.attitude, CueKind::Attitude),
            (&raw.cues.feeling, CueKind::Feeling),
            (&raw.cues.other, CueKind::Other),
        ] {
            for w in list {
                kinds.entry(normalize(w)).or_insert(kind);
            }
        }
        let mut all: Vec<&String> = raw
            .cues
            .speech
            .iter()
            .chain(&raw.cues.cognition)
            .chain(&raw.cues.stance)
            .chain(&raw.cues.attitude)
            .chain(&raw.cues.feeling)
            .chain(&raw.cues.other)
            .collect();
        all.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let alternatives: Vec<String> = all.iter().map(|w| pattern::phrase_regex(w)).collect();
        let cue_source = format!(r"\b(?:{})\b", alternatives.join("|"));
        let cues = pattern::compile(&cue_source, false)?;
        let lower = |v: Vec<String>| v.into_iter().map(|w| w.to_lowercase()).collect();
        Ok(Self {
            cues,
            cue_source,
            kinds,
            noun_or_verb: lower(raw.cues.noun_or_verb),
            views_with_as: lower(raw.cues.views_with_as),
            pronouns: lower(raw.sources.pronouns),
            roles: lower(raw.sources.roles),
            titles: lower(raw.sources.titles),
            groups: lower(raw.sources.groups),
            documents: lower(raw.sources.documents),
            demonyms: raw.sources.demonyms,
            institutions: raw.sources.institutions,
            placed_to_know: lower(raw.sources.placed_to_know),
            anonymity_grants: lower(raw.sources.anonymity_grants),
            partisans: raw.sources.partisans,
            organisations: lower(raw.sources.organisations),
            collectives: lower(raw.sources.collectives),
            places: lower(raw.sources.places),
            people: lower(raw.sources.people),
            not_people: lower(raw.sources.not_people),
            people_suffixes: lower(raw.sources.people_suffixes),
            population_counts: lower(raw.sources.population_counts),
            charged_of: lower(raw.sources.charged_of),
            line_labels: lower(raw.sources.line_labels),
            first_person: raw.voice.first_person,
            first_person_min: raw.voice.first_person_min.unwrap_or(usize::MAX),
            opinion_markers: lower(raw.voice.markers),
            contributor_roles: lower(raw.voice.contributor_roles),
            contributor_verbs: lower(raw.voice.contributor_verbs),
        })
    }

    /// The bundled lexicon.
    pub fn bundled() -> &'static Lexicon {
        static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
            Lexicon::parse(BUNDLED)
                .unwrap_or_else(|e| unreachable!("the bundled lexicon is valid: {e}"))
        });
        &LEXICON
    }

    /// The cues' regex as one line `rg -f` reads.
    pub fn exported_cues(&self) -> String {
        pattern::export(&self.cue_source, false)
    }

    /// The kind of a matched cue.
    pub fn kind(&self, cue: &str) -> CueKind {
        self.kinds
            .get(&normalize(cue))
            .copied()
            .unwrap_or(CueKind::Speech)
    }
}

fn normalize(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn additions_extend_the_bundled_lists() {
        let added =
            Lexicon::extended(&[("house".into(), "[cues]\nspeech = [\"murmured\"]\n".into())])
                .unwrap();
        assert!(added.cues.is_match("a ministry insider murmured."));
        assert_eq!(added.kind("murmured"), CueKind::Speech);
        // A house list of each newer kind is read too, and keeps its kind.
        let added = Lexicon::extended(&[(
            "house".into(),
            "[cues]\nattitude = [\"lobbied for\"]\nfeeling = [\"aghast\"]\n".into(),
        )])
        .unwrap();
        assert_eq!(added.kind("lobbied for"), CueKind::Attitude);
        assert_eq!(added.kind("aghast"), CueKind::Feeling);
        // And the source lists, the newest among them.
        let added = Lexicon::extended(&[(
            "house".into(),
            "[sources]\ncollectives = [\"Posse\"]\n".into(),
        )])
        .unwrap();
        assert!(added.collectives.contains(&"posse".to_string()));
        assert!(
            !Lexicon::bundled()
                .collectives
                .contains(&"posse".to_string())
        );
        // The cue modifiers too: a house verb that is as often a noun, a view with "as".
        let added = Lexicon::extended(&[(
            "house".into(),
            "[cues]\nnoun-or-verb = [\"Back\"]\nviews-with-as = [\"Cast\"]\n".into(),
        )])
        .unwrap();
        assert!(added.noun_or_verb.contains(&"back".to_string()));
        assert!(added.views_with_as.contains(&"cast".to_string()));
        assert!(
            !Lexicon::bundled()
                .noun_or_verb
                .contains(&"back".to_string())
        );
        assert!(!CueKind::Feeling.reports() && CueKind::Stance.reports());
        assert!(
            !Lexicon::bundled()
                .cues
                .is_match("a ministry insider murmured.")
        );
        let err =
            Lexicon::extended(&[("house".into(), "[cues]\nspeech = 3\n".into())]).unwrap_err();
        assert!(err.starts_with("house: invalid type"), "{err}");
    }
}
