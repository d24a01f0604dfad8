//! Output: diagnostics written for people (`human`, `short`) or programs (`json`). One file
//! per format; each writes to the writer it is handed and never prints on its own.

mod human;
mod json;
mod short;
mod snippet;

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use crate::diagnostic::Diagnostic;
use crate::problem::FileProblems;
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
}

/// The findings for one checked file.
#[derive(Debug)]
pub struct Report {
    /// The checked file.
    pub file: SourceFile,
    /// Its findings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Writes `reports` in `format`; `width` is the column budget for human output.
pub fn write(
    format: Format,
    reports: &[Report],
    out: &mut dyn WriteColor,
    width: usize,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(reports, out, width),
        Format::Short => short::write(reports, out),
        Format::Json => json::write(reports, out),
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
