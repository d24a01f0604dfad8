//! The linter: the bundled rule sets plus a user's, selected and adjusted by config, run over
//! one file at a time.

use std::path::{Path, PathBuf};

use crate::analysis::Analysis;
use crate::config::Loaded;
use crate::diagnostic::{self, Diagnostic};
use crate::document::{Document, Format};
use crate::problem::{Error, FileKind, FileProblems, Problem, did_you_mean};
use crate::rule::load::{self, RuleSet};
use crate::rule::{Rule, Severity};
use crate::source::SourceFile;

/// The rule sets compiled into the binary, so copydesk works anywhere: `(name, TOML)`.
pub const BUNDLED: &[(&str, &str)] = &[
    ("anonymity", include_str!("../rules/anonymity.toml")),
    ("attribution", include_str!("../rules/attribution.toml")),
    ("superlatives", include_str!("../rules/superlatives.toml")),
    ("framing", include_str!("../rules/framing.toml")),
];

/// Loads one bundled set by name.
pub fn bundled(name: &str) -> Option<Result<RuleSet, FileProblems>> {
    BUNDLED.iter().find(|(n, _)| *n == name).map(|(n, text)| {
        let file = SourceFile::new(format!("<bundled>/{n}.toml"), *text);
        load::load(&file, n)
    })
}

/// The compiled, selected rules.
#[derive(Debug, Default)]
pub struct Linter {
    /// The rules that run, in load order.
    pub rules: Vec<Rule>,
}

impl Linter {
    /// Builds the linter from the bundled sets, `config` and extra rule `paths`. Every problem
    /// in every rule and config file is reported together.
    pub fn new(config: Option<&Loaded>, paths: &[PathBuf]) -> Result<Self, Error> {
        let mut problems: Vec<FileProblems> = Vec::new();
        let mut config_problems = Vec::new();
        let mut rules = Vec::new();
        let wanted: Vec<(String, Option<std::ops::Range<usize>>)> =
            match config.and_then(|c| c.config.sets.as_ref()) {
                Some(sets) => sets
                    .iter()
                    .map(|s| (s.get_ref().clone(), Some(s.span())))
                    .collect(),
                None => BUNDLED
                    .iter()
                    .map(|(n, _)| ((*n).to_string(), None))
                    .collect(),
            };
        for (name, span) in wanted {
            match bundled(&name) {
                Some(Ok(set)) => rules.extend(set.rules),
                Some(Err(p)) => problems.push(p),
                None => config_problems.push(
                    Problem::new(
                        span.unwrap_or(0..0),
                        format!("unknown bundled rule set `{name}`"),
                        "not a bundled set",
                    )
                    .with_help(format!("the bundled sets are: {}", names().join(", "))),
                ),
            }
        }
        let mut files = Vec::new();
        if let Some(c) = config {
            for p in &c.config.rules {
                let path = c.dir.join(p.get_ref());
                if !path.exists() {
                    config_problems.push(Problem::new(
                        p.span(),
                        format!("rule path `{}` does not exist", path.display()),
                        "not found",
                    ));
                    continue;
                }
                files.extend(rule_files(&path).map_err(Error::Message)?);
            }
        }
        for path in paths {
            if !path.exists() {
                return Err(Error::Message(format!(
                    "rule path `{}` does not exist",
                    path.display()
                )));
            }
            files.extend(rule_files(path).map_err(Error::Message)?);
        }
        for path in files {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                Error::Message(format!("cannot read rule file `{}`: {e}", path.display()))
            })?;
            let file = SourceFile::new(path.display().to_string(), text);
            let set = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("rules")
                .to_string();
            match load::load(&file, &set) {
                Ok(set) => rules.extend(set.rules),
                Err(p) => problems.push(p),
            }
        }
        if let Some(c) = config {
            apply(c, &mut rules, &mut config_problems);
            if !config_problems.is_empty() {
                problems.push(FileProblems {
                    kind: FileKind::Config,
                    file: Box::new(c.file.clone()),
                    problems: config_problems,
                });
            }
        } else if !config_problems.is_empty() {
            return Err(Error::Message(config_problems.remove(0).message));
        }
        if !problems.is_empty() {
            return Err(Error::Files(problems));
        }
        let mut seen = std::collections::BTreeMap::new();
        for r in &rules {
            if let Some(first) = seen.insert(r.id.clone(), (r.origin.file.clone(), r.origin.line)) {
                return Err(Error::Message(format!(
                    "rule `{}` is defined twice: {}:{} and {}:{}",
                    r.id, first.0, first.1, r.origin.file, r.origin.line
                )));
            }
        }
        Ok(Self { rules })
    }

    /// Checks one file's text, read as `format`.
    pub fn check(&self, file: &SourceFile, format: Format) -> Vec<Diagnostic> {
        let analysis = Analysis::new(Document::parse(&file.text, format));
        diagnostic::collect(&analysis, &self.rules)
    }
}

/// The bundled set names.
pub fn names() -> Vec<&'static str> {
    BUNDLED.iter().map(|(n, _)| *n).collect()
}

/// A rule file, or the `.toml` files of a directory in name order.
fn rule_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("cannot read rule directory `{}`: {e}", path.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
            .collect();
        files.sort();
        Ok(files)
    } else {
        Ok(vec![path.to_path_buf()])
    }
}

/// Applies `disable` and `severity` from the config, checking that each names a loaded rule
/// or set.
fn apply(c: &Loaded, rules: &mut Vec<Rule>, problems: &mut Vec<Problem>) {
    let mut names: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    names.extend(rules.iter().map(Rule::set));
    names.sort_unstable();
    names.dedup();
    let mut check = |name: &toml::Spanned<String>| {
        let n = name.get_ref().as_str();
        if names.binary_search(&n).is_err() {
            let p = Problem::new(
                name.span(),
                format!("`{n}` is neither a loaded rule nor a rule set"),
                "unknown rule",
            );
            problems.push(match did_you_mean(n, &names) {
                Some(near) => p.with_help(format!("did you mean `{near}`?")),
                None => p.with_help(
                    "rule ids are shown in brackets in the output; a set is the part before the dot",
                ),
            });
        }
    };
    c.config.disable.iter().for_each(&mut check);
    c.config.severity.keys().for_each(&mut check);
    rules.retain(|r| !c.config.disable.iter().any(|d| matches(r, d.get_ref())));
    for r in rules.iter_mut() {
        // A rule's own entry wins over its set's.
        let level_for = |name: &str| {
            c.config
                .severity
                .iter()
                .find(|(k, _)| k.get_ref() == name)
                .map(|(_, v)| v)
        };
        let by_rule = level_for(&r.id);
        let by_set = level_for(r.set());
        if let Some(level) = by_rule
            .or(by_set)
            .and_then(|l| Severity::parse(l.get_ref()))
        {
            r.severity = level;
        }
    }
}

fn matches(rule: &Rule, name: &str) -> bool {
    rule.id == name || rule.set() == name
}
