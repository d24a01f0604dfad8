//! The commands for people who write rules: `rules`, `explain`, `test-rules` and `init`.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use codespan_reporting::term::termcolor::WriteColor;

use super::{RuleOptions, stream, width};
use crate::config;
use crate::output;
use crate::problem::{Error, FileKind, FileProblems, Problem, did_you_mean};
use crate::rule::{Applicability, Rule};

#[derive(Debug, clap::Args)]
pub(super) struct RulesArgs {
    #[command(flatten)]
    pub(super) options: RuleOptions,
    /// Print every regex the loaded rules search text with (and the attribution lexicon's
    /// cues, when a rule reads the ledger), one a line, deduplicated, as `rg -f` reads them.
    #[arg(long)]
    export_patterns: bool,
}

#[derive(Debug, clap::Args)]
pub(super) struct ExplainArgs {
    /// The rule's full id, e.g. `anonymity.unnamed-official`.
    id: String,
    #[command(flatten)]
    pub(super) options: RuleOptions,
}

#[derive(Debug, clap::Args)]
pub(super) struct TestRulesArgs {
    /// Rule files or directories to test besides the bundled sets and those in copydesk.toml.
    paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(super) options: RuleOptions,
}

/// `copydesk rules`: one line a rule.
pub(super) fn rules(args: &RulesArgs) -> Result<ExitCode, Error> {
    let (_, linter) = args.options.load()?;
    if args.export_patterns {
        return export_patterns(args, &linter);
    }
    let rows: Vec<[String; 5]> = linter
        .loaded()
        .map(|r| {
            [
                r.id.clone(),
                r.kind.to_string(),
                // A rule off by default says so, with the severity it reports at when on.
                if r.enabled {
                    r.severity.to_string()
                } else {
                    format!("off ({})", r.severity)
                },
                r.scope.name().to_string(),
                format!("{}:{}", r.origin.file.name, r.origin.line),
            ]
        })
        .collect();
    let header = ["RULE", "KIND", "SEVERITY", "SCOPE", "DEFINED AT"].map(String::from);
    let mut widths = [0usize; 5];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = stream(args.options.color, false);
    let mut text = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                let _ = write!(line, "{cell:<w$}  ", w = widths[i]);
            }
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    if linter.off.is_empty() {
        let _ = writeln!(text, "{} rules", rows.len());
    } else {
        let _ = writeln!(
            text,
            "{} rules, {} off by default (`enable` in copydesk.toml or `check --select RULE` turns one on)",
            rows.len(),
            linter.off.len()
        );
    }
    write_or_pipe(&mut out, &text)
}

/// `copydesk rules --export-patterns`: the lexical part of the loaded rules, for comparing
/// copydesk with a single scan by ripgrep over the same patterns.
fn export_patterns(args: &RulesArgs, linter: &crate::linter::Linter) -> Result<ExitCode, Error> {
    let mut seen = std::collections::HashSet::new();
    let mut text = String::new();
    let mut add = |line: String| {
        if seen.insert(line.clone()) {
            text.push_str(&line);
            text.push('\n');
        }
    };
    if linter.rules.iter().any(Rule::reads_ledger) {
        let lexicon = linter.lexicon();
        add(lexicon
            .as_deref()
            .unwrap_or_else(|| crate::attribution::Lexicon::bundled())
            .exported_cues());
    }
    for rule in &linter.rules {
        for m in rule.matchers() {
            m.exported().for_each(&mut add);
        }
    }
    let mut out = stream(args.options.color, false);
    write_or_pipe(&mut out, &text)
}

/// `copydesk explain RULE`: everything a rule says about itself.
pub(super) fn explain(args: &ExplainArgs) -> Result<ExitCode, Error> {
    let (_, linter) = args.options.load()?;
    let Some(rule) = linter.loaded().find(|r| r.id == args.id) else {
        let ids: Vec<&str> = linter.loaded().map(|r| r.id.as_str()).collect();
        let hint = match did_you_mean(&args.id, &ids) {
            Some(near) => format!("; did you mean `{near}`?"),
            None => "; `copydesk rules` lists them".to_string(),
        };
        return Err(Error::Message(format!("no rule `{}`{hint}", args.id)));
    };
    let mut out = stream(args.options.color, false);
    write_or_pipe(&mut out, &describe(rule))
}

fn describe(rule: &Rule) -> String {
    let mut s = format!(
        "{}\n  kind {}, severity {}, scope {}, quotations {}\n",
        rule.id,
        rule.kind,
        rule.severity,
        rule.scope.name(),
        rule.quotations.name(),
    );
    if !rule.enabled {
        let _ = writeln!(
            s,
            "  off by default: turn it on with `enable = [\"{id}\"]` in copydesk.toml or \
             `check --select {id}`",
            id = rule.id
        );
    }
    match rule.fix {
        Some(Applicability::Safe) => {
            s.push_str("  fix safe: `check --fix` applies it (never inside quotations)\n");
        }
        Some(Applicability::Unsafe) => s.push_str(
            "  fix unsafe: a suggestion; `check --fix --unsafe-fixes` or an editor applies it\n",
        ),
        None => {}
    }
    if rule.skip_in_opinion {
        s.push_str("  opinion skip: silent on a story written in the first person\n");
    }
    if let Some(from) = &rule.quotations_from {
        let names: Vec<&str> = from.iter().map(|c| c.name()).collect();
        let _ = writeln!(
            s,
            "  quotations only from {} sources; others' are skipped",
            names.join(", ")
        );
    }
    let _ = writeln!(
        s,
        "  defined at {}:{}",
        rule.origin.file.name, rule.origin.line
    );
    if let Some(docs) = &rule.docs {
        s.push('\n');
        for line in docs.trim().lines() {
            s.push_str(line.trim_end());
            s.push('\n');
        }
    }
    let _ = writeln!(s, "\nmessage: {}", rule.message);
    if !rule.label.is_empty() {
        let _ = writeln!(s, "label:   {}", rule.label);
    }
    if let Some(help) = &rule.help {
        let _ = writeln!(s, "help:    {help}");
    }
    if let Some(note) = &rule.note {
        let _ = writeln!(s, "note:    {note}");
    }
    for (title, examples) in [
        ("flags", &rule.examples.flag),
        ("passes", &rule.examples.pass),
    ] {
        if !examples.is_empty() {
            let _ = writeln!(s, "\nit {title}:");
            for e in examples {
                let _ = writeln!(s, "  {}", e.text);
            }
        }
    }
    s
}

/// `copydesk test-rules`: every rule's examples; failures point at the example in its file.
pub(super) fn test_rules(args: &TestRulesArgs) -> Result<ExitCode, Error> {
    let mut paths = args.options.rules.clone();
    paths.extend(args.paths.iter().cloned());
    let options = RuleOptions {
        rules: paths,
        config: args.options.config.clone(),
        no_config: args.options.no_config,
        color: args.options.color,
    };
    let (_, linter) = options.load()?;
    let mut failed: Vec<FileProblems> = Vec::new();
    let mut examples = 0;
    let mut untested = Vec::new();
    for rule in linter.loaded() {
        examples += rule.examples.flag.len() + rule.examples.pass.len();
        if rule.examples.flag.is_empty() {
            untested.push(rule.id.as_str());
        }
        for f in rule.example_failures() {
            let problem = Problem::new(
                f.example.span.clone(),
                f.message(),
                match (f.expected_flag, f.found.is_empty()) {
                    (false, _) => "must pass",
                    (true, true) => "must be flagged",
                    (true, false) => "must be flagged on its marked span",
                },
            );
            let file = &rule.origin.file;
            match failed.iter_mut().find(|p| p.file.name == file.name) {
                Some(p) => p.problems.push(problem),
                None => failed.push(FileProblems {
                    kind: FileKind::Rules,
                    file: Box::new((**file).clone()),
                    problems: vec![problem],
                }),
            }
        }
    }
    let mut out = stream(args.options.color, false);
    let n: usize = failed.iter().map(|f| f.problems.len()).sum();
    let result = (|| -> std::io::Result<()> {
        output::write_file_problems(&failed, &mut out, width(false))?;
        if !untested.is_empty() {
            writeln!(
                out,
                "warning: {} rule(s) have no flag example: {}",
                untested.len(),
                untested.join(", ")
            )?;
        }
        writeln!(
            out,
            "tested {} rules, {examples} examples: {}",
            linter.loaded().count(),
            if n == 0 {
                "all pass".to_string()
            } else {
                format!("{n} failed")
            }
        )
    })();
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(Error::Message(format!("cannot write output: {e}")));
        }
        _ => {}
    }
    Ok(ExitCode::from(u8::from(n > 0)))
}

/// `copydesk init`: a commented copydesk.toml, never over an existing one.
pub(super) fn init() -> Result<ExitCode, Error> {
    let path = PathBuf::from(config::FILE_NAME);
    if path.exists() {
        return Err(Error::Message(format!(
            "{} already exists here; edit it, or remove it to start again",
            config::FILE_NAME
        )));
    }
    std::fs::write(&path, config::TEMPLATE)
        .map_err(|e| Error::Message(format!("cannot write {}: {e}", config::FILE_NAME)))?;
    println!(
        "wrote {}: every setting is commented out; uncomment what you need",
        config::FILE_NAME
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes `text`; a closed pipe is not an error.
fn write_or_pipe(out: &mut dyn WriteColor, text: &str) -> Result<ExitCode, Error> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::Message(format!("cannot write output: {e}")))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}
