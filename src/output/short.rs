//! `short`: one line a finding, `path:line:col: severity[rule] message`, for grep and editors.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::Report;

/// Writes one line per diagnostic.
pub fn write(reports: &[Report], out: &mut dyn WriteColor) -> io::Result<()> {
    for report in reports {
        for d in report.diagnostics.iter().filter(|d| d.suppressed.is_none()) {
            let (line, column) = report.file.location(d.span.start);
            writeln!(
                out,
                "{}:{line}:{column}: {}[{}] {}",
                report.file.name, d.severity, d.rule, d.message
            )?;
        }
    }
    Ok(())
}
