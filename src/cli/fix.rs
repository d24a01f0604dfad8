//! `check --fix` and `check --diff`: each file's text fixed in memory, then written back
//! atomically or shown as a unified diff, with a summary line on stderr as ruff prints one.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CheckArgs, FailOn, stream, width, write_error};
use crate::atomic::{self, ReplaceError};
use crate::diagnostic::Diagnostic;
use crate::document::Format as DocFormat;
use crate::fix;
use crate::linter::Linter;
use crate::output::{self, Report};
use crate::source::SourceFile;

/// One file's text as read, and what fixing it came to.
pub(super) struct Fixing {
    /// Where the fixed text goes back to; `None` for standard input.
    path: Option<PathBuf>,
    /// The text as read, to diff against and to make sure nobody changed the file meanwhile.
    original: String,
    /// Fixes applied, over all passes.
    applied: usize,
    /// Fixes left alone only because they are unsafe.
    hidden: usize,
}

/// Fixes one file's text in memory. The report holds the fixed text and its findings. A file
/// whose fixes never settle is an error, and is left as it was.
pub(super) fn fix_file(
    linter: &Linter,
    file: SourceFile,
    diagnostics: Vec<Diagnostic>,
    format: DocFormat,
    path: Option<&Path>,
    unsafe_fixes: bool,
) -> Result<(Report, Fixing), String> {
    let name = file.name.clone();
    let fixed = fix::fix(file.text.clone(), diagnostics, unsafe_fixes, |text| {
        linter.check_path(&SourceFile::new(name.clone(), text), format, path)
    });
    if let Some(rules) = fixed.unsettled {
        let rules: Vec<String> = rules.iter().map(|r| format!("`{r}`")).collect();
        return Err(format!(
            "the fixes to `{name}` had not settled after {} passes ({} keep changing it); the \
             file was left as it was",
            fix::MAX_ROUNDS,
            rules.join(", ")
        ));
    }
    let fixing = Fixing {
        path: path.map(Path::to_path_buf),
        original: file.text,
        applied: fixed.applied,
        hidden: fix::hidden(&fixed.diagnostics, unsafe_fixes),
    };
    let report = Report {
        file: SourceFile::new(name, fixed.text),
        diagnostics: fixed.diagnostics,
    };
    Ok((report, fixing))
}

/// Writes the fixed files (or the diff), the remaining findings, the errors and the summary,
/// and returns the exit code. `reports` and `fixings` are in the same order.
pub(super) fn finish(
    args: &CheckArgs,
    reports: Vec<Report>,
    fixings: &[Fixing],
    rules: &[crate::rule::Rule],
    mut errors: Vec<String>,
    fail_on: FailOn,
) -> ExitCode {
    let color = args.options.color;
    let mut out = stream(color, false);
    let mut err = stream(color, true);
    let hidden: usize = fixings.iter().map(|f| f.hidden).sum();
    let (mut applied, mut files) = (0, 0);
    // `failed`: findings at or above --fail-on remain after fixing.
    let (written, failed) = if args.diff {
        let mut diff = String::new();
        for (report, fixing) in reports.iter().zip(fixings) {
            let d = fix::unified_diff(&report.file.name, &fixing.original, &report.file.text);
            if !d.is_empty() {
                diff.push_str(&d);
                applied += fixing.applied;
                files += 1;
            }
        }
        (
            out.write_all(diff.as_bytes()).and_then(|()| out.flush()),
            false,
        )
    } else {
        let mut stdin_text = None;
        let mut remaining = Vec::new();
        for (report, fixing) in reports.into_iter().zip(fixings) {
            let changed = report.file.text != fixing.original;
            match &fixing.path {
                None => stdin_text = Some(report.file.text.clone()),
                Some(path) if changed => {
                    match atomic::replace(
                        path,
                        fixing.original.as_bytes(),
                        report.file.text.as_bytes(),
                    ) {
                        Ok(()) => {}
                        Err(ReplaceError::Changed) => {
                            errors.push(format!(
                                "`{}` changed while it was being fixed; not written",
                                report.file.name
                            ));
                            continue;
                        }
                        Err(ReplaceError::Io(e)) => {
                            errors.push(format!("cannot write `{}`: {e}", report.file.name));
                            continue;
                        }
                    }
                }
                Some(_) => {}
            }
            if changed {
                applied += fixing.applied;
                files += 1;
            }
            remaining.push(report);
        }
        let failed = fail_on.threshold().is_some_and(|t| {
            remaining
                .iter()
                .flat_map(|r| &r.diagnostics)
                .any(|d| d.suppressed.is_none() && d.severity >= t)
        });
        // Standard input's fixed text is the output, as ruff has it; its findings go to stderr.
        let shown = if let Some(text) = stdin_text {
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .and_then(|()| output::write(args.format, &remaining, rules, &mut err, width(true)))
        } else {
            output::write(args.format, &remaining, rules, &mut out, width(false))
                .and_then(|()| out.flush())
        };
        (shown, failed)
    };
    for e in &errors {
        write_error(&mut err, e);
    }
    // --diff answers "is there anything to fix?", as ruff's and `diff`'s exit codes do; --fix
    // answers what `check` answers, about the findings that remain.
    let code = if !errors.is_empty() {
        2
    } else if args.diff {
        u8::from(files > 0)
    } else {
        u8::from(failed)
    };
    let verb = if args.diff { "Would fix" } else { "Fixed" };
    summary(&mut err, written, verb, applied, files, hidden, code)
}

/// Ends the run: the summary line, or the error writing the output, and the exit code.
fn summary(
    err: &mut dyn codespan_reporting::term::termcolor::WriteColor,
    written: io::Result<()>,
    verb: &str,
    applied: usize,
    files: usize,
    hidden: usize,
    code: u8,
) -> ExitCode {
    if let Err(e) = written {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return ExitCode::from(code);
        }
        write_error(err, &format!("cannot write output: {e}"));
        return ExitCode::from(2);
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = format!(
        "{verb} {} in {}",
        plural(applied, "finding", "findings"),
        plural(files, "file", "files")
    );
    if hidden > 0 {
        let _ = write!(
            line,
            " ({} can be enabled with --unsafe-fixes)",
            plural(hidden, "hidden fix", "hidden fixes")
        );
    }
    let _ = writeln!(err, "{line}");
    ExitCode::from(code)
}
