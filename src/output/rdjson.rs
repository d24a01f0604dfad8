//! `rdjson`: reviewdog's Diagnostic Format, for posting findings as review comments; a fix
//! becomes a suggestion reviewdog can offer to apply.

use std::io;
use std::ops::Range;

use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

use super::{Bounds, Report, shown, slashed};
use crate::rule::Severity;
use crate::source::SourceFile;

#[derive(Serialize)]
struct Output<'a> {
    source: Source,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: &'a str,
    location: Location,
    severity: &'static str,
    code: Code<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct Location {
    path: String,
    range: SpanRange,
}

#[derive(Serialize)]
struct SpanRange {
    start: Position,
    end: Position,
}

impl SpanRange {
    fn of(file: &SourceFile, span: &Range<usize>) -> Self {
        let b = Bounds::of(file, span);
        Self {
            start: Position {
                line: b.line,
                column: b.column,
            },
            end: Position {
                line: b.end_line,
                column: b.end_column,
            },
        }
    }
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'a str,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    range: SpanRange,
    text: &'a str,
}

#[derive(Serialize)]
struct Related<'a> {
    message: &'a str,
    location: Location,
}

/// Writes every unsuppressed finding as one rdjson object.
pub fn write(reports: &[Report], out: &mut dyn WriteColor) -> io::Result<()> {
    let mut diagnostics = Vec::new();
    for report in reports {
        let file = &report.file;
        let path = slashed(&file.name);
        let location = |span: &Range<usize>| Location {
            path: path.clone(),
            range: SpanRange::of(file, span),
        };
        for d in shown(report) {
            diagnostics.push(Diagnostic {
                message: &d.message,
                location: location(&d.span),
                severity: match d.severity {
                    Severity::Error => "ERROR",
                    Severity::Warning => "WARNING",
                    Severity::Info => "INFO",
                },
                code: Code { value: &d.rule },
                suggestions: d
                    .fix
                    .iter()
                    .map(|f| Suggestion {
                        range: SpanRange::of(file, &f.span),
                        text: &f.replacement,
                    })
                    .collect(),
                related_locations: d
                    .secondary
                    .iter()
                    .map(|(span, label)| Related {
                        message: label,
                        location: location(span),
                    })
                    .collect(),
            });
        }
    }
    let output = Output {
        source: Source { name: "copydesk" },
        diagnostics,
    };
    serde_json::to_writer_pretty(&mut *out, &output).map_err(io::Error::other)?;
    writeln!(out)
}
