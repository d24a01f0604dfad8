//! `json`: an array of findings with byte offsets (end exclusive) and 1-based line/column
//! (columns in characters).

use std::io;

use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

use super::Report;
use crate::diagnostic::Fix;
use crate::rule::Severity;

/// One finding as `json` writes it; `json-lines` writes the same objects.
#[derive(Serialize)]
pub(super) struct Entry<'a> {
    path: &'a str,
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(rename = "match")]
    matched: &'a str,
    label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a Fix>,
    secondary: Vec<Secondary<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppression: Option<Suppression<'a>>,
}

/// A suppressed finding is kept, as SARIF keeps it, with the editor's reason.
#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    justification: &'a str,
}

#[derive(Serialize)]
struct Secondary<'a> {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    label: &'a str,
}

/// Writes all findings of all files as one JSON array.
pub fn write(reports: &[Report], out: &mut dyn WriteColor) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &entries(reports)).map_err(io::Error::other)?;
    writeln!(out)
}

/// Every finding of every file, suppressed ones included, in file order.
pub(super) fn entries(reports: &[Report]) -> Vec<Entry<'_>> {
    let mut entries = Vec::new();
    for report in reports {
        let file = &report.file;
        for d in &report.diagnostics {
            let (line, column) = file.location(d.span.start);
            let (end_line, end_column) = file.location(d.span.end);
            entries.push(Entry {
                path: &file.name,
                rule: &d.rule,
                severity: d.severity,
                message: &d.message,
                start: d.span.start,
                end: d.span.end,
                line,
                column,
                end_line,
                end_column,
                matched: &file.text[d.span.clone()],
                label: &d.label,
                help: d.help.as_deref(),
                note: d.note.as_deref(),
                fix: d.fix.as_ref(),
                secondary: d
                    .secondary
                    .iter()
                    .map(|(r, label)| {
                        let (line, column) = file.location(r.start);
                        Secondary {
                            start: r.start,
                            end: r.end,
                            line,
                            column,
                            label,
                        }
                    })
                    .collect(),
                suppression: d.suppressed.as_deref().map(|justification| Suppression {
                    kind: "inSource",
                    justification,
                }),
            });
        }
    }
    entries
}
