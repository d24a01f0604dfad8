//! `copydesk.toml`: which rule sets and rules run, at what severity, on which files. Found by
//! walking up from the current directory, or named with `--config`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, ValueDeserializer};

use crate::problem::{FileKind, FileProblems, Problem, did_you_mean};
use crate::rule::Severity;
use crate::source::SourceFile;

/// The name looked for in the current directory and its parents.
pub const FILE_NAME: &str = "copydesk.toml";

const KEYS: &[&str] = &[
    "sets",
    "rules",
    "disable",
    "enable",
    "severity",
    "include",
    "exclude",
    "extensions",
    "fail-on",
    "require-reason",
    "vocab",
    "override",
    "lexicon",
];

/// The settings of a `copydesk.toml`, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Bundled sets to use; all of them when absent.
    pub sets: Option<Vec<Spanned<String>>>,
    /// Extra rule files or directories, relative to the config file.
    #[serde(default)]
    pub rules: Vec<Spanned<String>>,
    /// Rules or whole sets to turn off.
    #[serde(default)]
    pub disable: Vec<Spanned<String>>,
    /// Rules that are off by default (`enabled = false`) to turn on, or sets to turn all on.
    #[serde(default)]
    pub enable: Vec<Spanned<String>>,
    /// Severity overrides, by rule id or set name.
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Only files matching one of these globs are checked (when walking directories).
    #[serde(default)]
    pub include: Vec<Spanned<String>>,
    /// Files matching one of these globs are not checked.
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// File extensions checked when walking directories.
    pub extensions: Option<Vec<String>>,
    /// The lowest severity that fails the run.
    pub fail_on: Option<Spanned<String>>,
    /// Whether suppression comments must give a reason.
    #[serde(default)]
    pub require_reason: bool,
    /// Names and terms never to flag: a finding overlapping one is dropped.
    #[serde(default)]
    pub vocab: Vec<String>,
    /// Lexicon files whose lists are added to the bundled attribution lexicon.
    #[serde(default)]
    pub lexicon: Vec<Spanned<String>>,
    /// Settings for the files matching some globs.
    #[serde(default, rename = "override")]
    pub overrides: Vec<Override>,
}

/// An `[[override]]` section: rules turned off or re-graded for some files only.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Override {
    /// Globs, relative to the config file's directory.
    pub files: Vec<Spanned<String>>,
    /// Rules or sets turned off for these files.
    #[serde(default)]
    pub disable: Vec<Spanned<String>>,
    /// Severity overrides for these files.
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// A config file and where it was found.
#[derive(Debug)]
pub struct Loaded {
    /// The settings.
    pub config: Config,
    /// The file, for pointing at its values in later errors.
    pub file: SourceFile,
    /// The directory paths in it are relative to.
    pub dir: PathBuf,
}

/// Finds `copydesk.toml` in `start` or the nearest parent that has one.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Parses a config file, reporting every unknown key and type error at its place.
pub fn parse(file: &SourceFile, dir: PathBuf) -> Result<Loaded, FileProblems> {
    let fail = |problems| FileProblems {
        kind: FileKind::Config,
        file: Box::new(file.clone()),
        problems,
    };
    let (root, syntax) = DeTable::parse_recoverable(&file.text);
    let mut problems: Vec<Problem> = syntax
        .iter()
        .map(|e| {
            Problem::new(
                e.span().unwrap_or(0..0),
                format!("invalid TOML: {}", e.message()),
                "here",
            )
        })
        .collect();
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    for key in root.get_ref().keys() {
        let k = key.get_ref().as_ref();
        if !KEYS.contains(&k) {
            let p = Problem::new(
                key.span(),
                format!("unknown field `{k}` in {FILE_NAME}"),
                "unknown field",
            );
            problems.push(match did_you_mean(k, KEYS) {
                Some(near) => p.with_help(format!("did you mean `{near}`?")),
                None => p.with_help(format!("the fields are: {}", KEYS.join(", "))),
            });
        }
    }
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    let config = Config::deserialize(ValueDeserializer::from(root.clone().map_into_value()))
        .map_err(|e| {
            fail(vec![Problem::new(
                e.span().unwrap_or(0..0),
                e.message().to_string(),
                "here",
            )])
        })?;
    let all_severities = config
        .severity
        .iter()
        .chain(config.overrides.iter().flat_map(|o| o.severity.iter()));
    for (key, value) in all_severities {
        if Severity::parse(value.get_ref()).is_none() {
            problems.push(
                Problem::new(
                    value.span(),
                    format!(
                        "unknown severity `{}` for `{}`",
                        value.get_ref(),
                        key.get_ref()
                    ),
                    "not a severity",
                )
                .with_help(format!(
                    "the severities are: {}",
                    Severity::NAMES.join(", ")
                )),
            );
        }
    }
    if let Some(f) = &config.fail_on {
        if !FAIL_ON.contains(&f.get_ref().as_str()) {
            problems.push(
                Problem::new(
                    f.span(),
                    format!("unknown `fail-on` level `{}`", f.get_ref()),
                    "not a level",
                )
                .with_help(format!("the levels are: {}", FAIL_ON.join(", "))),
            );
        }
    }
    if problems.is_empty() {
        Ok(Loaded {
            config,
            file: file.clone(),
            dir,
        })
    } else {
        Err(fail(problems))
    }
}

/// What `copydesk init` writes: every setting, commented out, with what it does.
pub const TEMPLATE: &str = r#"# copydesk.toml: which rules run, how seriously, on which files.
# copydesk finds this file in the current directory or the nearest parent.
# Every setting below is commented out and shows its default or an example.

# The bundled rule sets to use (default: all four).
# sets = ["anonymity", "attribution", "superlatives", "framing"]

# Your newsroom's own rule files or directories, relative to this file.
# rules = ["house-rules/"]

# Rules or whole sets to turn off everywhere (see `copydesk rules`).
# disable = ["framing.cliche"]

# Rules that are off by default to turn on (`copydesk rules` marks them "off"), or whole sets.
# enable = ["anonymity.vague-group"]

# The lowest severity that makes `copydesk check` exit 1: error, warning, info or never.
# fail-on = "warning"

# Suppression comments (<!-- copydesk-disable-next-line RULE: reason -->) must give a reason.
# require-reason = true

# Words the attribution analysis should know: lexicon files whose lists are added to the
# bundled rules/lexicon.toml (same [cues] and [sources] lists, any of them).
# lexicon = ["house-lexicon.toml"]

# Names and terms never to flag, whatever a rule says.
# vocab = ["Regime Change Inc."]

# When walking directories: which files, and which to leave alone.
# extensions = ["md", "markdown", "txt", "text", "html", "htm"]
# include = ["stories/**"]
# exclude = ["stories/drafts/**"]

# Severity by rule or by set; a rule's own entry wins over its set's.
# [severity]
# framing = "info"
# "anonymity.unnamed-official" = "error"

# Settings for some files only, by glob; later sections win.
# [[override]]
# files = ["opinion/**"]
# disable = ["framing"]
# severity = { "superlatives" = "info" }
"#;

/// Compiles config globs into one set; each invalid glob is a problem at its place.
pub fn glob_set(patterns: &[Spanned<String>], problems: &mut Vec<Problem>) -> globset::GlobSet {
    let mut builder = globset::GlobSetBuilder::new();
    for p in patterns {
        match globset::Glob::new(p.get_ref()) {
            Ok(g) => {
                builder.add(g);
            }
            Err(e) => problems.push(Problem::new(
                p.span(),
                format!("invalid glob: {}", e.kind()),
                "invalid glob",
            )),
        }
    }
    builder
        .build()
        .unwrap_or_else(|_| globset::GlobSet::empty())
}

/// The values `fail-on` takes.
pub const FAIL_ON: &[&str] = &["error", "warning", "info", "never"];

trait IntoValue<'i> {
    fn map_into_value(self) -> Spanned<toml::de::DeValue<'i>>;
}

impl<'i> IntoValue<'i> for Spanned<DeTable<'i>> {
    fn map_into_value(self) -> Spanned<toml::de::DeValue<'i>> {
        let span = self.span();
        Spanned::new(span, toml::de::DeValue::Table(self.into_inner()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The template `copydesk init` writes must stay valid with every setting uncommented.
    #[test]
    fn init_template_is_valid_uncommented() {
        let setting = regex::Regex::new(r#"^# ([a-z-]+ = |\[\[?[a-z]+\]\]?$|"[^"]+" = )"#).unwrap();
        let uncommented: String = TEMPLATE
            .lines()
            .map(|l| if setting.is_match(l) { &l[2..] } else { l })
            .collect::<Vec<_>>()
            .join("\n");
        assert!(uncommented.contains("\nrequire-reason = true"));
        let file = SourceFile::new("copydesk.toml", uncommented);
        let loaded = parse(&file, PathBuf::from("."))
            .map_err(|e| e.problems)
            .unwrap();
        assert_eq!(loaded.config.overrides.len(), 1);
        assert!(parse(&SourceFile::new("t", TEMPLATE), PathBuf::from(".")).is_ok());
    }
}
