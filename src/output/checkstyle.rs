//! `checkstyle`: Checkstyle's XML report, which many CI plugins and reviewdog read: a `file`
//! element per checked file, an `error` element per finding.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::xml::escape;
use super::{Bounds, Report, shown, slashed};

/// Writes one `checkstyle` document for all checked files.
pub fn write(reports: &[Report], out: &mut dyn WriteColor) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for report in reports {
        let name = escape(&slashed(&report.file.name));
        if shown(report).next().is_none() {
            writeln!(out, r#"  <file name="{name}"/>"#)?;
            continue;
        }
        writeln!(out, r#"  <file name="{name}">"#)?;
        for d in shown(report) {
            let b = Bounds::of(&report.file, &d.span);
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="{}"/>"#,
                b.line,
                b.column,
                d.severity,
                escape(&d.message),
                escape(&d.rule)
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}
