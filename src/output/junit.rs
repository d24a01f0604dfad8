//! `junit`: `JUnit` XML, which most CI services show as a test report: a test suite per checked
//! file, a failed test case per finding, and one passing test case for a file with none.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::xml::escape;
use super::{Bounds, Report, shown, slashed};

/// Writes one `testsuites` document for all checked files.
pub fn write(reports: &[Report], out: &mut dyn WriteColor) -> io::Result<()> {
    let count = |r: &Report| shown(r).count();
    let failures: usize = reports.iter().map(count).sum();
    let tests: usize = reports.iter().map(|r| count(r).max(1)).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="copydesk" tests="{tests}" failures="{failures}" errors="0">"#
    )?;
    for report in reports {
        let name = escape(&slashed(&report.file.name));
        let n = count(report);
        writeln!(
            out,
            r#"  <testsuite name="{name}" tests="{}" failures="{n}" errors="0">"#,
            n.max(1)
        )?;
        if n == 0 {
            writeln!(
                out,
                r#"    <testcase name="no findings" classname="{name}"/>"#
            )?;
        }
        for d in shown(report) {
            let b = Bounds::of(&report.file, &d.span);
            let message = escape(&d.message);
            writeln!(
                out,
                r#"    <testcase name="{} ({}:{})" classname="{name}" file="{name}" line="{}">"#,
                escape(&d.rule),
                b.line,
                b.column,
                b.line
            )?;
            writeln!(
                out,
                r#"      <failure message="{message}" type="{}">line {}, column {}: {message}</failure>"#,
                d.severity, b.line, b.column
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
