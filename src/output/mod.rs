//! Output: diagnostics written for people (`human`, `short`), for programs (`json`,
//! `json-lines`) and for CI services (`sarif`, `github`, `gitlab`, `rdjson`, `junit`,
//! `checkstyle`). One file per format; each writes to the writer it is handed and never prints
//! on its own.

mod checkstyle;
mod github;
mod gitlab;
mod human;
mod json;
mod json_lines;
mod junit;
mod rdjson;
mod sarif;
mod short;
mod snippet;
mod xml;

use std::io;
use std::ops::Range;

use codespan_reporting::term::termcolor::WriteColor;

use crate::diagnostic::Diagnostic;
use crate::problem::FileProblems;
use crate::rule::Rule;
use crate::source::SourceFile;

pub use human::problems as write_problems;

/// The output formats, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style, with the source line and labels (the default).
    Human,
    /// One line a finding: `path:line:col: severity[rule] message`.
    Short,
    /// A JSON array of findings with byte offsets.
    Json,
    /// One JSON object a line, each shaped as an element of `json`.
    JsonLines,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands, shown as annotations on a pull request.
    Github,
    /// GitLab code quality report (JSON).
    Gitlab,
    /// reviewdog Diagnostic Format (JSON).
    Rdjson,
    /// JUnit XML: a test suite per file, a failed test case per finding.
    // The doc is `--help` text, where backticks would be printed.
    #[allow(clippy::doc_markdown)]
    Junit,
    /// Checkstyle XML.
    Checkstyle,
}

/// The findings for one checked file.
#[derive(Debug)]
pub struct Report {
    /// The checked file.
    pub file: SourceFile,
    /// Its findings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Writes `reports` in `format`; `rules` are the rules that ran, which SARIF describes even
/// when they found nothing, and `width` is the column budget for human output.
pub fn write(
    format: Format,
    reports: &[Report],
    rules: &[Rule],
    out: &mut dyn WriteColor,
    width: usize,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(reports, out, width),
        Format::Short => short::write(reports, out),
        Format::Json => json::write(reports, out),
        Format::JsonLines => json_lines::write(reports, out),
        Format::Sarif => sarif::write(reports, rules, out),
        Format::Github => github::write(reports, out),
        Format::Gitlab => gitlab::write(reports, out),
        Format::Rdjson => rdjson::write(reports, out),
        Format::Junit => junit::write(reports, out),
        Format::Checkstyle => checkstyle::write(reports, out),
    }
}

/// Writes reports batch by batch as they are checked, for the formats that need nothing but
/// each finding in turn (the human summary is counted as it goes): a run over an archive then
/// holds one batch of files, not every file's text and findings.
#[derive(Debug)]
pub struct Stream {
    format: Format,
    tally: human::Tally,
}

impl Stream {
    /// A stream in `format`, or `None` for a format that needs every report at once (a JSON
    /// array, a SARIF or XML document).
    pub fn new(format: Format) -> Option<Self> {
        matches!(
            format,
            Format::Human | Format::Short | Format::JsonLines | Format::Github
        )
        .then(|| Self {
            format,
            tally: human::Tally::default(),
        })
    }

    /// Writes one batch of reports, in order.
    pub fn write(
        &mut self,
        reports: &[Report],
        rules: &[Rule],
        out: &mut dyn WriteColor,
        width: usize,
    ) -> io::Result<()> {
        match self.format {
            Format::Human => human::write_findings(reports, out, width, &mut self.tally),
            format => write(format, reports, rules, out, width),
        }
    }

    /// Ends the stream: the human format's summary line.
    pub fn finish(self, out: &mut dyn WriteColor) -> io::Result<()> {
        match self.format {
            Format::Human => human::write_summary(&self.tally, out),
            _ => Ok(()),
        }
    }
}

/// Writes problems found in rule or config files, compiler-style.
pub fn write_file_problems(
    files: &[FileProblems],
    out: &mut dyn WriteColor,
    width: usize,
) -> io::Result<()> {
    write_problems(files, out, width)
}

/// Where a span starts and ends, 1-based, in lines and characters.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    line: usize,
    column: usize,
    /// The line of the end, which is exclusive.
    end_line: usize,
    /// The column just past the last character, as SARIF, GitHub and reviewdog count it.
    end_column: usize,
}

impl Bounds {
    fn of(file: &SourceFile, span: &Range<usize>) -> Self {
        let (line, column) = file.location(span.start);
        let (end_line, end_column) = file.location(span.end);
        Self {
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// A file's name with forward slashes, as CI services expect whatever the platform.
fn slashed(name: &str) -> String {
    name.replace(std::path::MAIN_SEPARATOR, "/")
}

/// The findings of a report that are not suppressed: formats with no place to record a
/// suppression leave suppressed findings out.
fn shown(report: &Report) -> impl Iterator<Item = &Diagnostic> {
    report.diagnostics.iter().filter(|d| d.suppressed.is_none())
}
