//! `github`: GitHub Actions workflow commands, one a finding, which the runner turns into
//! annotations on the files and lines of a pull request:
//! `::warning title=copydesk (RULE),file=PATH,line=L,col=C,endLine=L,endColumn=C::MESSAGE`.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::{Bounds, Report, shown, slashed};
use crate::rule::Severity;

/// Writes one workflow command per unsuppressed finding.
pub fn write(reports: &[Report], out: &mut dyn WriteColor) -> io::Result<()> {
    for report in reports {
        let file = property(&slashed(&report.file.name));
        for d in shown(report) {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let b = Bounds::of(&report.file, &d.span);
            writeln!(
                out,
                "::{command} title={},file={file},line={},col={},endLine={},endColumn={}::{}",
                property(&format!("copydesk ({})", d.rule)),
                b.line,
                b.column,
                b.end_line,
                b.end_column,
                data(&d.message),
            )?;
        }
    }
    Ok(())
}

/// A command's message: the runner reads `%`, CR and LF as escapes and line ends.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value, which `:` and `,` would also cut short.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::{data, property};

    #[test]
    fn escapes_what_the_runner_reads() {
        assert_eq!(
            data("100% done\r\nnext: a, b"),
            "100%25 done%0D%0Anext: a, b"
        );
        assert_eq!(property("a: b, 5%\n"), "a%3A b%2C 5%25%0A");
    }
}
