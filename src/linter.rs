//! The linter: the bundled rule sets plus a user's, selected and adjusted by config, run over
//! one file at a time.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::GlobSet;

use crate::analysis::Analysis;
use crate::config::Loaded;
use crate::diagnostic::{self, Diagnostic};
use crate::document::{Document, Format};
use crate::problem::{Error, FileKind, FileProblems, Problem, did_you_mean};
use crate::rule::gate::Gate;
use crate::rule::load::{self, RuleSet};
use crate::rule::pattern::{self, Matcher};
use crate::rule::{Rule, Severity};
use crate::source::SourceFile;
use crate::suppression;

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
        let file = Arc::new(SourceFile::new(format!("<bundled>/{n}.toml"), *text));
        load::load(&file, n, pattern::Compile::OnFirstUse, &mut |_| {
            Err("a bundled set extends nothing".to_string())
        })
    })
}

/// Loads a user's rule file, following `extends` to bundled sets and other files. `chain` is
/// the files being loaded above this one, to refuse a cycle; problems in any file of the chain
/// go to `problems`.
fn load_user_file(
    path: &Path,
    chain: &mut Vec<PathBuf>,
    problems: &mut Vec<FileProblems>,
) -> Result<Option<RuleSet>, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Message(format!("cannot read rule file `{}`: {e}", path.display())))?;
    let file = Arc::new(SourceFile::new(path.display().to_string(), text));
    let set = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("rules")
        .to_string();
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    chain.push(canonical);
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut nested = Vec::new();
    let mut fatal = None;
    let loaded = load::load(&file, &set, pattern::Compile::Now, &mut |name: &str| {
        if let Some(b) = bundled(name) {
            return b.map_err(|p| {
                nested.push(p);
                format!("the bundled set `{name}` has problems")
            });
        }
        let base = dir.join(name);
        if !base.is_file() {
            return Err(format!(
                "`{name}` is neither a bundled set ({}) nor a rule file",
                names().join(", ")
            ));
        }
        let canonical = base.canonicalize().unwrap_or_else(|_| base.clone());
        if let Some(at) = chain.iter().position(|p| *p == canonical) {
            let cycle: Vec<String> = chain[at..]
                .iter()
                .chain(std::iter::once(&canonical))
                .map(|p| {
                    p.file_name().map_or_else(
                        || p.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    )
                })
                .collect();
            return Err(format!(
                "`extends` goes round in a circle: {}",
                cycle.join(" → ")
            ));
        }
        match load_user_file(&base, chain, &mut nested) {
            Ok(Some(set)) => Ok(set),
            Ok(None) => Err(format!("the rule file `{name}` has problems")),
            Err(e) => {
                let why = match &e {
                    Error::Message(m) => m.clone(),
                    Error::Files(_) => format!("the rule file `{name}` has problems"),
                };
                fatal = Some(e);
                Err(why)
            }
        }
    });
    chain.pop();
    problems.extend(nested);
    if let Some(e) = fatal {
        return Err(e);
    }
    match loaded {
        Ok(set) => Ok(Some(set)),
        Err(p) => {
            problems.push(p);
            Ok(None)
        }
    }
}

/// The compiled, selected rules, and the config's per-file policy.
#[derive(Debug, Default)]
pub struct Linter {
    /// The rules that run, in load order.
    pub rules: Vec<Rule>,
    /// The rules loaded but off by default and not turned on (`enabled` false in each).
    pub off: Vec<Rule>,
    /// The ids and sets of every rule loaded, including those turned off, sorted.
    known: Vec<String>,
    policy: Policy,
    /// The literal words the rules' regexes need, found in one scan of each block.
    gate: Option<Arc<Gate>>,
}

/// What the config says beyond which rules run: per-file overrides, vocabulary, suppressions.
#[derive(Debug, Default)]
struct Policy {
    /// The bundled lexicon with the config's additions, when it has any.
    lexicon: Option<Arc<crate::attribution::Lexicon>>,
    require_reason: bool,
    vocab: Option<Matcher>,
    overrides: Vec<FileOverride>,
    /// The config file's directory: override globs are relative to it.
    dir: Option<PathBuf>,
}

#[derive(Debug)]
struct FileOverride {
    files: GlobSet,
    disable: Vec<String>,
    severity: Vec<(String, Severity)>,
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
            if let Some(set) = load_user_file(&path, &mut Vec::new(), &mut problems)? {
                // A set that extends a bundled one takes its place, so nothing is reported twice.
                if let Some(base) = &set.extends {
                    rules.retain(|r| r.set() != base);
                }
                rules.extend(set.rules);
            }
        }
        // Every rule loaded, before config turns some off: a suppression may name them.
        let mut known: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
        known.extend(rules.iter().map(|r| r.set().to_string()));
        known.sort_unstable();
        known.dedup();
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
            if let Some(first) =
                seen.insert(r.id.clone(), (r.origin.file.name.clone(), r.origin.line))
            {
                return Err(Error::Message(format!(
                    "rule `{}` is defined twice: {}:{} and {}:{}",
                    r.id, first.0, first.1, r.origin.file.name, r.origin.line
                )));
            }
        }
        let policy = config
            .map(policy)
            .transpose()
            .map_err(Error::Files)?
            .unwrap_or_default();
        let (rules, off): (Vec<Rule>, Vec<Rule>) = rules.into_iter().partition(|r| r.enabled);
        let gate = Gate::new(rules.iter().flat_map(Rule::matchers)).map(Arc::new);
        Ok(Self {
            rules,
            off,
            known,
            policy,
            gate,
        })
    }

    /// Checks one file's text, read as `format`.
    pub fn check(&self, file: &SourceFile, format: Format) -> Vec<Diagnostic> {
        self.check_path(file, format, None)
    }

    /// Checks one file's text, applying the config's vocabulary, the overrides whose globs
    /// match `path`, and the suppression comments in the text.
    pub fn check_path(
        &self,
        file: &SourceFile,
        format: Format,
        path: Option<&Path>,
    ) -> Vec<Diagnostic> {
        let mut analysis = Analysis::new(Document::parse(&file.text, format));
        if let Some(gate) = &self.gate {
            analysis = analysis.with_gate(Arc::clone(gate));
        }
        if let Some(lexicon) = &self.policy.lexicon {
            analysis = analysis.with_lexicon(Arc::clone(lexicon));
        }
        let mut diagnostics = diagnostic::collect(&analysis, &self.rules);
        if let Some(vocab) = &self.policy.vocab {
            let terms = vocab.find(&file.text);
            diagnostics.retain(|d| {
                !terms
                    .iter()
                    .any(|t| t.start < d.span.end && d.span.start < t.end)
            });
        }
        if let Some(path) = path {
            let relative = self.policy.dir.as_ref().and_then(|dir| {
                let abs = path.canonicalize().ok()?;
                abs.strip_prefix(dir.canonicalize().ok()?)
                    .ok()
                    .map(Path::to_path_buf)
            });
            let shown = path.strip_prefix(".").unwrap_or(path);
            for o in &self.policy.overrides {
                let hit = o.files.is_match(shown)
                    || relative.as_ref().is_some_and(|r| o.files.is_match(r));
                if !hit {
                    continue;
                }
                diagnostics.retain(|d| !o.disable.iter().any(|n| crate::rule::covers(n, &d.rule)));
                for d in &mut diagnostics {
                    let by_rule = o.severity.iter().find(|(n, _)| *n == d.rule);
                    let by_set = o
                        .severity
                        .iter()
                        .find(|(n, _)| crate::rule::covers(n, &d.rule));
                    if let Some((_, level)) = by_rule.or(by_set) {
                        d.severity = *level;
                    }
                }
            }
        }
        let known = |name: &str| {
            self.known
                .binary_search_by(|k| k.as_str().cmp(name))
                .is_ok()
        };
        // Sorted on first use, so a file naming many rules is not a scan of every rule per name.
        let running_ids = std::cell::OnceCell::new();
        let running = |name: &str| {
            let ids: &Vec<&str> = running_ids.get_or_init(|| {
                let mut ids: Vec<&str> = self.rules.iter().map(|r| r.id.as_str()).collect();
                ids.sort_unstable();
                ids
            });
            // The rule itself, or the first rule of the set it names.
            let set = format!("{name}.");
            ids.binary_search(&name).is_ok()
                || ids
                    .get(ids.partition_point(|id| *id < set.as_str()))
                    .is_some_and(|id| id.starts_with(&set))
        };
        suppression::apply(
            file,
            &mut diagnostics,
            &known,
            &running,
            self.policy.require_reason,
            &analysis.doc.code,
        );
        diagnostics
    }

    /// Every rule loaded: those that run, then those off by default.
    pub fn loaded(&self) -> impl Iterator<Item = &Rule> + Clone {
        self.rules.iter().chain(&self.off)
    }

    /// The gate over the rules' regexes, for running them outside `check` (benchmarks).
    pub fn gate(&self) -> Option<Arc<Gate>> {
        self.gate.clone()
    }

    /// The attribution lexicon with the config's additions, if the config has any.
    pub fn lexicon(&self) -> Option<Arc<crate::attribution::Lexicon>> {
        self.policy.lexicon.clone()
    }

    /// Keeps only the rules `select` names (all, when empty) and drops those `ignore` names;
    /// names are rule ids or set names. A rule that is off by default runs when `select` names
    /// it by its id.
    pub fn select(&mut self, select: &[String], ignore: &[String]) -> Result<(), Error> {
        for name in select.iter().chain(ignore) {
            let loaded = self.rules.iter().chain(&self.off);
            if !loaded.clone().any(|r| matches(r, name)) {
                let mut names: Vec<&str> = loaded.clone().map(|r| r.id.as_str()).collect();
                names.extend(loaded.map(Rule::set));
                let hint = did_you_mean(name, &names).map_or_else(
                    || "; `copydesk rules` lists them".to_string(),
                    |n| format!("; did you mean `{n}`?"),
                );
                return Err(Error::Message(format!(
                    "`{name}` is neither a loaded rule nor a rule set{hint}"
                )));
            }
        }
        let (mut named, off): (Vec<Rule>, Vec<Rule>) = std::mem::take(&mut self.off)
            .into_iter()
            .partition(|r| select.contains(&r.id));
        self.off = off;
        // `enabled` says whether a rule runs, as it does for one `enable` turned on.
        for r in &mut named {
            r.enabled = true;
        }
        if !named.is_empty() {
            self.rules.extend(named);
            self.gate = Gate::new(self.rules.iter().flat_map(Rule::matchers)).map(Arc::new);
        }
        self.rules.retain(|r| {
            (select.is_empty() || select.iter().any(|n| matches(r, n)))
                && !ignore.iter().any(|n| matches(r, n))
        });
        Ok(())
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
    c.config.enable.iter().for_each(&mut check);
    c.config.severity.keys().for_each(&mut check);
    for o in &c.config.overrides {
        o.disable.iter().for_each(&mut check);
        o.severity.keys().for_each(&mut check);
    }
    rules.retain(|r| !c.config.disable.iter().any(|d| matches(r, d.get_ref())));
    for r in rules.iter_mut() {
        if c.config.enable.iter().any(|e| matches(r, e.get_ref())) {
            r.enabled = true;
        }
    }
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
    crate::rule::covers(name, &rule.id)
}

/// Compiles the config's vocabulary and overrides, reporting bad globs at their place.
fn policy(c: &Loaded) -> Result<Policy, Vec<FileProblems>> {
    let mut problems = Vec::new();
    let mut overrides = Vec::new();
    for o in &c.config.overrides {
        let files = crate::config::glob_set(&o.files, &mut problems);
        overrides.push(FileOverride {
            files,
            disable: o.disable.iter().map(|d| d.get_ref().clone()).collect(),
            severity: o
                .severity
                .iter()
                .filter_map(|(k, v)| Some((k.get_ref().clone(), Severity::parse(v.get_ref())?)))
                .collect(),
        });
    }
    let vocab = if c.config.vocab.is_empty() {
        None
    } else {
        // Vocabulary is matched as written: names are case-sensitive.
        pattern::build(
            &c.config.vocab,
            &[],
            true,
            &pattern::Lists::new(),
            pattern::Compile::Now,
        )
        .ok()
    };
    let mut additions = Vec::new();
    for path in &c.config.lexicon {
        let full = c.dir.join(path.get_ref());
        match std::fs::read_to_string(&full) {
            Ok(text) => additions.push((path.get_ref().clone(), text)),
            Err(e) => problems.push(Problem::new(
                path.span(),
                format!("cannot read lexicon `{}`: {e}", full.display()),
                "cannot read",
            )),
        }
    }
    let lexicon = if additions.is_empty() || !problems.is_empty() {
        None
    } else {
        match crate::attribution::Lexicon::extended(&additions) {
            Ok(l) => Some(Arc::new(l)),
            Err(why) => {
                let span = c.config.lexicon.first().map_or(0..0, toml::Spanned::span);
                problems.push(Problem::new(
                    span,
                    format!("invalid lexicon: {why}"),
                    "in this lexicon",
                ));
                None
            }
        }
    };
    if !problems.is_empty() {
        return Err(vec![FileProblems {
            kind: FileKind::Config,
            file: Box::new(c.file.clone()),
            problems,
        }]);
    }
    Ok(Policy {
        lexicon,
        require_reason: c.config.require_reason,
        vocab,
        overrides,
        dir: Some(c.dir.clone()),
    })
}
