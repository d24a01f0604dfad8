//! The command line: parse arguments, load config and rules, check files, write output, and
//! turn the outcome into an exit code (0 clean, 1 findings, 2 usage, config or I/O error).

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream, WriteColor};
use globset::GlobSet;
use rayon::prelude::*;

use crate::baseline::Baseline;
use crate::changes::ChangedLines;
use crate::config::{self, Loaded};
use crate::document::Format as DocFormat;
use crate::linter::Linter;
use crate::output::{self, Format, Report};
use crate::problem::{Error, FileKind};
use crate::rule::Severity;
use crate::source::SourceFile;

mod authoring;
mod fix;
mod sources;

/// Extensions checked when walking a directory, unless the config says otherwise.
const DEFAULT_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "text", "html", "htm"];

/// An editorial-quality linter for news writing: unnamed sources, unattributed claims, hype
/// and one-sided framing, reported compiler-style.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check files and directories (recursively, honouring .gitignore), or `-` for stdin.
    Check(CheckArgs),
    /// List every loaded rule: id, kind, severity, scope and where it is defined.
    Rules(authoring::RulesArgs),
    /// Show a rule's documentation, message, examples and where it is defined.
    Explain(authoring::ExplainArgs),
    /// Run every rule's examples (bundled and your own) and report the ones that fail.
    TestRules(authoring::TestRulesArgs),
    /// Write a commented copydesk.toml to start from in the current directory.
    Init,
    /// List who is quoted or cited in a story: each source, its class, how often, where first.
    Sources(sources::SourcesArgs),
    /// Run a language server on stdin and stdout, for editors: findings as you type, quick fixes.
    Lsp(LspArgs),
}

#[derive(Debug, clap::Args)]
struct LspArgs {
    /// Extra rule file, or directory of rule files (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Use this config file for every document, instead of the copydesk.toml nearest to it.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore any copydesk.toml.
    #[arg(long)]
    no_config: bool,
}

/// Where rules and config come from, and how to colour messages: shared by every command.
#[derive(Debug, clap::Args)]
struct RuleOptions {
    /// Extra rule file, or directory of rule files (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Use this config file instead of looking for copydesk.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore any copydesk.toml.
    #[arg(long)]
    no_config: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

impl RuleOptions {
    /// The config (if any) and the linter it and the rule paths describe.
    fn load(&self) -> Result<(Option<Loaded>, Linter), Error> {
        let cwd = std::env::current_dir()
            .map_err(|e| Error::Message(format!("cannot read the current directory: {e}")))?;
        let config = load_config(self, &cwd)?;
        let linter = Linter::new(config.as_ref(), &self.rules)?;
        Ok((config, linter))
    }
}

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("fixing").args(["fix", "diff"]))]
struct CheckArgs {
    /// Files or directories to check; `-` reads standard input. Default: the current directory.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    options: RuleOptions,
    /// Exit 1 when a finding of this severity or higher is reported [default: `fail-on` in
    /// copydesk.toml, else warning].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// The file name to report (and to choose Markdown, HTML or plain text by) for stdin.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Run only these rules or sets (comma-separated or repeated); a rule off by default runs
    /// when named by its id.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    select: Vec<String>,
    /// Do not run these rules or sets (comma-separated or repeated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    ignore: Vec<String>,
    /// Report only findings not recorded in FILE; when FILE does not exist, record today's
    /// findings in it and report nothing.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Apply the safe fixes, writing each changed file atomically, then report what remains.
    /// Fixes never touch quoted text. With `-`, print the fixed text on stdout and the
    /// findings on stderr.
    #[arg(long, conflicts_with_all = ["baseline", "diff_base"])]
    fix: bool,
    /// Print the fixes `--fix` would apply as a unified diff, writing nothing; exit 1 when
    /// there is something to fix, 0 otherwise (whatever findings have no fix).
    #[arg(long, conflicts_with_all = ["baseline", "format", "diff_base"])]
    diff: bool,
    /// With --fix or --diff, also apply fixes that need an editor's judgement (a rule's
    /// `fix = "unsafe"`, the default).
    #[arg(long, requires = "fixing")]
    unsafe_fixes: bool,
    /// Report only findings on lines changed since the git commit REF (a branch, tag or hash),
    /// as `git diff REF` shows them; files new since REF or untracked count as changed
    /// throughout. A baseline being recorded still records every finding.
    #[arg(long, value_name = "REF")]
    diff_base: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn parse(s: &str) -> Option<Self> {
        <Self as ValueEnum>::from_str(s, false).ok()
    }

    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// Runs the command line and returns the process's exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let (result, color) = match &cli.command {
        Command::Check(args) => (check(args), args.options.color),
        Command::Rules(args) => (authoring::rules(args), args.options.color),
        Command::Explain(args) => (authoring::explain(args), args.options.color),
        Command::TestRules(args) => (authoring::test_rules(args), args.options.color),
        Command::Init => (authoring::init(), ColorWhen::Auto),
        Command::Sources(args) => (sources::sources(args), args.options.color),
        Command::Lsp(args) => (lsp(args), ColorWhen::Never),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            report_error(&e, color);
            ExitCode::from(2)
        }
    }
}

fn stream(color: ColorWhen, stderr: bool) -> StandardStream {
    let is_tty = if stderr {
        io::stderr().is_terminal()
    } else {
        io::stdout().is_terminal()
    };
    let choice = match color {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Auto if is_tty => ColorChoice::Auto,
        ColorWhen::Never | ColorWhen::Auto => ColorChoice::Never,
    };
    if stderr {
        StandardStream::stderr(choice)
    } else {
        StandardStream::stdout(choice)
    }
}

fn width(stderr: bool) -> usize {
    let tty = if stderr {
        io::stderr().is_terminal()
    } else {
        io::stdout().is_terminal()
    };
    if tty {
        terminal_size::terminal_size().map_or(100, |(w, _)| usize::from(w.0))
    } else {
        100
    }
}

fn report_error(e: &Error, color: ColorWhen) {
    let mut err = stream(color, true);
    match e {
        Error::Files(files) => {
            let _ = output::write_file_problems(files, &mut err, width(true));
            let n: usize = files.iter().map(|f| f.problems.len()).sum();
            let config = files.iter().any(|f| f.kind == FileKind::Config);
            let rules = files.iter().any(|f| f.kind == FileKind::Rules);
            let what = match (rules, config) {
                (true, true) => "rules and config",
                (false, true) => "config",
                _ => "rules",
            };
            let _ = writeln!(
                err,
                "error: could not load {what}: {n} problem{} found",
                if n == 1 { "" } else { "s" }
            );
        }
        Error::Message(m) => write_error(&mut err, m),
    }
}

fn write_error(err: &mut dyn WriteColor, message: &str) {
    let mut spec = codespan_reporting::term::termcolor::ColorSpec::new();
    spec.set_fg(Some(codespan_reporting::term::termcolor::Color::Red))
        .set_bold(true);
    let _ = err.set_color(&spec);
    let _ = write!(err, "error");
    let _ = err.reset();
    let _ = writeln!(err, ": {message}");
}

/// `copydesk lsp`: the language server, until the client says `exit`.
fn lsp(args: &LspArgs) -> Result<ExitCode, Error> {
    crate::lsp::run(crate::lsp::Options {
        rules: args.rules.clone(),
        config: args.config.clone(),
        no_config: args.no_config,
    })
    .map_err(Error::Message)
}

/// What to check: a file on disk, or standard input.
enum Input {
    Stdin,
    File { path: PathBuf, explicit: bool },
}

fn check(args: &CheckArgs) -> Result<ExitCode, Error> {
    let (config, mut linter) = args.options.load()?;
    linter.select(&args.select, &args.ignore)?;
    let fail_on = match (
        args.fail_on,
        config.as_ref().and_then(|c| c.config.fail_on.as_ref()),
    ) {
        (Some(f), _) => f,
        (None, Some(f)) => FailOn::parse(f.get_ref()).unwrap_or(FailOn::Warning),
        (None, None) => FailOn::Warning,
    };
    let inputs = collect_inputs(args, config.as_ref())?;
    if args.fix && inputs.len() > 1 && inputs.iter().any(|i| matches!(i, Input::Stdin)) {
        return Err(Error::Message(
            "with --fix, `-` must be the only path: the fixed text goes to standard output".into(),
        ));
    }
    let changed = match &args.diff_base {
        Some(_) if inputs.iter().any(|i| matches!(i, Input::Stdin)) => {
            return Err(Error::Message(
                "--diff-base compares files on disk with git; standard input has no history"
                    .to_string(),
            ));
        }
        Some(base) => Some(ChangedLines::since(base, &paths(args)).map_err(Error::Message)?),
        None => None,
    };
    let check_one = |input: &Input| -> Checked {
        let (name, bytes, format) = read(input, args.stdin_filename.as_deref())?;
        let text = decode(&name, bytes)?;
        let file = SourceFile::new(name, text);
        let path = match input {
            Input::File { path, .. } => Some(path.as_path()),
            Input::Stdin => None,
        };
        let diagnostics = linter.check_path(&file, format, path);
        if args.fix || args.diff {
            let (report, fixing) =
                fix::fix_file(&linter, file, diagnostics, format, path, args.unsafe_fixes)?;
            Ok((report, Some(fixing)))
        } else {
            Ok((Report { file, diagnostics }, None))
        }
    };
    // With nothing to compare or rewrite afterwards, findings are written as each batch of
    // files is checked.
    let plain = !(args.fix || args.diff) && args.baseline.is_none() && changed.is_none();
    if let Some(writer) = output::Stream::new(args.format).filter(|_| plain) {
        return check_streaming(args, &linter, &inputs, &check_one, writer, fail_on);
    }
    let results: Vec<Checked> = inputs
        .par_iter()
        .map(check_one)
        .filter(|r: &Result<_, String>| !matches!(r, Err(e) if e.is_empty()))
        .collect();
    let mut reports = Vec::new();
    let mut fixings = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((report, fixing)) => {
                reports.push(report);
                fixings.extend(fixing);
            }
            Err(e) => errors.push(e),
        }
    }
    if args.fix || args.diff {
        return Ok(fix::finish(
            args,
            reports,
            &fixings,
            &linter.rules,
            errors,
            fail_on,
        ));
    }
    if let Some(path) = &args.baseline {
        if !path.exists() && !errors.is_empty() {
            let mut err = stream(args.options.color, true);
            for e in &errors {
                write_error(&mut err, e);
            }
            write_error(
                &mut err,
                &format!(
                    "{} not recorded: some files could not be checked",
                    path.display()
                ),
            );
            return Ok(ExitCode::from(2));
        }
        if !path.exists() {
            let n = Baseline::write(path, &reports).map_err(Error::Message)?;
            let mut err = stream(args.options.color, true);
            let _ = writeln!(
                err,
                "recorded {n} finding{} in {}; later runs with --baseline report only new ones",
                if n == 1 { "" } else { "s" },
                path.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
        Baseline::read(path)
            .map_err(Error::Message)?
            .filter(&mut reports);
    }
    if let Some(changed) = &changed {
        changed.filter(&mut reports);
    }
    let mut out = stream(args.options.color, false);
    if let Err(e) = output::write(args.format, &reports, &linter.rules, &mut out, width(false)) {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(Error::Message(format!("cannot write output: {e}")));
    }
    if let Err(e) = out.flush() {
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(Error::Message(format!("cannot write output: {e}")));
        }
    }
    if !errors.is_empty() {
        let mut err = stream(args.options.color, true);
        for e in &errors {
            write_error(&mut err, e);
        }
        return Ok(ExitCode::from(2));
    }
    let failed = fail_on.threshold().is_some_and(|t| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .any(|d| d.suppressed.is_none() && d.severity >= t)
    });
    Ok(ExitCode::from(u8::from(failed)))
}

/// One input checked: its report and, with `--fix` or `--diff`, what fixing it came to; or
/// why it could not be (empty: skip it silently).
type Checked = Result<(Report, Option<fix::Fixing>), String>;

/// Checks `inputs` in batches, in parallel within a batch, writing each batch's findings in
/// input order before checking the next: memory holds one batch, whatever the archive's size.
fn check_streaming(
    args: &CheckArgs,
    linter: &Linter,
    inputs: &[Input],
    check_one: &(dyn Fn(&Input) -> Checked + Sync),
    mut writer: output::Stream,
    fail_on: FailOn,
) -> Result<ExitCode, Error> {
    let batch = 16 * rayon::current_num_threads().max(1);
    let mut out = stream(args.options.color, false);
    let mut errors = Vec::new();
    let mut failed = false;
    let threshold = fail_on.threshold();
    for inputs in inputs.chunks(batch) {
        let results: Vec<_> = inputs.par_iter().map(check_one).collect();
        let mut reports = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok((report, _)) => reports.push(report),
                Err(e) if e.is_empty() => {}
                Err(e) => errors.push(e),
            }
        }
        failed |= threshold.is_some_and(|t| {
            reports
                .iter()
                .flat_map(|r| &r.diagnostics)
                .any(|d| d.suppressed.is_none() && d.severity >= t)
        });
        let written = writer.write(&reports, &linter.rules, &mut out, width(false));
        if let Err(e) = written {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(Error::Message(format!("cannot write output: {e}")));
        }
    }
    if let Err(e) = writer.finish(&mut out).and_then(|()| out.flush()) {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(Error::Message(format!("cannot write output: {e}")));
    }
    if !errors.is_empty() {
        let mut err = stream(args.options.color, true);
        for e in &errors {
            write_error(&mut err, e);
        }
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::from(u8::from(failed)))
}

fn load_config(args: &RuleOptions, cwd: &Path) -> Result<Option<Loaded>, Error> {
    if args.no_config {
        return Ok(None);
    }
    let path = match &args.config {
        Some(p) => {
            if !p.is_file() {
                return Err(Error::Message(format!(
                    "config file `{}` does not exist",
                    p.display()
                )));
            }
            p.clone()
        }
        None => match config::discover(cwd) {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Error::Message(format!("cannot read config file `{}`: {e}", path.display()))
    })?;
    let dir = path
        .parent()
        .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);
    let file = SourceFile::new(path.display().to_string(), text);
    Ok(Some(config::parse(&file, dir)?))
}

fn globs(patterns: &[toml::Spanned<String>], config: &Loaded) -> Result<GlobSet, Error> {
    let mut problems = Vec::new();
    let set = config::glob_set(patterns, &mut problems);
    if problems.is_empty() {
        Ok(set)
    } else {
        Err(Error::Files(vec![crate::problem::FileProblems {
            kind: crate::problem::FileKind::Config,
            file: Box::new(config.file.clone()),
            problems,
        }]))
    }
}

/// The paths to check: those given, or the current directory.
fn paths(args: &CheckArgs) -> Vec<PathBuf> {
    if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    }
}

fn collect_inputs(args: &CheckArgs, config: Option<&Loaded>) -> Result<Vec<Input>, Error> {
    let paths = paths(args);
    let (include, exclude) = match config {
        Some(c) => (
            (!c.config.include.is_empty())
                .then(|| globs(&c.config.include, c))
                .transpose()?,
            Some(globs(&c.config.exclude, c)?),
        ),
        None => (None, None),
    };
    let extensions: Vec<String> = config
        .and_then(|c| c.config.extensions.clone())
        .unwrap_or_else(|| {
            DEFAULT_EXTENSIONS
                .iter()
                .map(|s| (*s).to_string())
                .collect()
        });
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        if !path.exists() {
            return Err(Error::Message(format!(
                "no such file or directory: `{}`",
                path.display()
            )));
        }
        if path.is_file() {
            inputs.push(Input::File {
                path,
                explicit: true,
            });
            continue;
        }
        let mut found = Vec::new();
        for entry in ignore::WalkBuilder::new(&path).require_git(false).build() {
            let entry = entry
                .map_err(|e| Error::Message(format!("cannot walk `{}`: {e}", path.display())))?;
            let p = entry.path();
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let ext_ok = p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)));
            let rel = config.and_then(|c| {
                p.canonicalize()
                    .ok()?
                    .strip_prefix(c.dir.canonicalize().ok()?)
                    .ok()
                    .map(Path::to_path_buf)
            });
            let shown = p.strip_prefix(".").unwrap_or(p);
            let glob_hit = |set: &GlobSet| {
                set.is_match(shown) || rel.as_ref().is_some_and(|r| set.is_match(r))
            };
            if !ext_ok
                || include.as_ref().is_some_and(|s| !glob_hit(s))
                || exclude.as_ref().is_some_and(glob_hit)
            {
                continue;
            }
            // `./story.md` is shown, and recorded in baselines, as `story.md`.
            found.push(p.strip_prefix("./").unwrap_or(p).to_path_buf());
        }
        found.sort();
        inputs.extend(found.into_iter().map(|path| Input::File {
            path,
            explicit: false,
        }));
    }
    Ok(inputs)
}

/// Reads one input. An empty error means "skip silently" (a binary file met while walking).
fn read(input: &Input, stdin_name: Option<&str>) -> Result<(String, Vec<u8>, DocFormat), String> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            let name = stdin_name.unwrap_or("<stdin>").to_string();
            let format = DocFormat::from_path(Path::new(&name));
            Ok((name, bytes, format))
        }
        Input::File { path, explicit } => {
            let name = path.display().to_string();
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read `{name}`: {e}"))?;
            let sniff = &bytes[..bytes.len().min(8192)];
            if sniff.contains(&0) {
                return if *explicit {
                    Err(format!("`{name}` is a binary file, not text"))
                } else {
                    Err(String::new())
                };
            }
            Ok((name, bytes, DocFormat::from_path(path)))
        }
    }
}

/// Text from bytes, or an error saying where the first invalid byte is.
fn decode(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        let file = SourceFile::new(name, valid);
        let (line, column) = file.location(at);
        format!("`{name}` is not valid UTF-8 (invalid byte at {line}:{column}, byte offset {at}); file skipped")
    })
}
