//! The default output: rustc-style diagnostics through codespan-reporting.

use std::io;

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label, Severity as Level};
use codespan_reporting::term::termcolor::WriteColor;
use codespan_reporting::term::{self, Config, Styles, StylesWriter};

use super::Report;
use super::snippet::Snippet;
use crate::problem::FileProblems;
use crate::rule::Severity;
use crate::source::SourceFile;

/// Findings shown so far, by severity, and the files they are in: what the summary says.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    counts: [usize; 3],
    files: usize,
}

/// Writes every report's diagnostics, then a summary line.
pub fn write(reports: &[Report], out: &mut dyn WriteColor, width: usize) -> io::Result<()> {
    let mut tally = Tally::default();
    write_findings(reports, out, width, &mut tally)?;
    write_summary(&tally, out)
}

/// Writes every report's diagnostics, adding them to `tally`.
pub fn write_findings(
    reports: &[Report],
    out: &mut dyn WriteColor,
    width: usize,
    tally: &mut Tally,
) -> io::Result<()> {
    for report in reports {
        let mut shown = false;
        for d in report.diagnostics.iter().filter(|d| d.suppressed.is_none()) {
            shown = true;
            tally.counts[d.severity as usize] += 1;
            let level = match d.severity {
                Severity::Error => Level::Error,
                Severity::Warning => Level::Warning,
                Severity::Info => Level::Note,
            };
            let mut notes = Vec::new();
            if let Some(h) = &d.help {
                notes.push(format!("help: {h}"));
            }
            if let Some(n) = &d.note {
                notes.push(format!("note: {n}"));
            }
            let mut labels = vec![(d.span.clone(), d.label.clone(), true)];
            labels.extend(
                d.secondary
                    .iter()
                    .take(MAX_SECONDARY)
                    .map(|(r, l)| (r.clone(), l.clone(), false)),
            );
            if d.secondary.len() > MAX_SECONDARY {
                notes.push(format!(
                    "and {} more place(s) not shown here; `--format json` lists them all",
                    d.secondary.len() - MAX_SECONDARY
                ));
            }
            emit(
                out,
                &report.file,
                level,
                Some(&d.rule),
                &d.message,
                &labels,
                notes,
                width,
            )?;
        }
        tally.files += usize::from(shown);
    }
    Ok(())
}

/// The most secondary labels drawn under one finding: a whole-story rule on a long story may
/// point at a thousand sources, and drawing each under its line took minutes and megabytes.
const MAX_SECONDARY: usize = 12;

/// Writes the summary line of a tally ("found 2 warnings in 1 file"), if anything was found.
pub fn write_summary(tally: &Tally, out: &mut dyn WriteColor) -> io::Result<()> {
    let [info, warning, error] = tally.counts;
    if info + warning + error > 0 {
        let mut parts = Vec::new();
        for (n, what) in [(error, "error"), (warning, "warning"), (info, "info")] {
            if n > 0 {
                parts.push(format!("{n} {what}{}", if n == 1 { "" } else { "s" }));
            }
        }
        let files = tally.files;
        writeln!(
            out,
            "found {} in {files} file{}",
            parts.join(", "),
            if files == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}

/// Writes problems in rule or config files, each at its place in the file.
pub fn problems(files: &[FileProblems], out: &mut dyn WriteColor, width: usize) -> io::Result<()> {
    for fp in files {
        for p in &fp.problems {
            let notes = p.help.iter().map(|h| format!("help: {h}")).collect();
            let labels = [(p.span.clone(), p.label.clone(), true)];
            emit(
                out,
                &fp.file,
                Level::Error,
                None,
                &p.message,
                &labels,
                notes,
                width,
            )?;
        }
    }
    Ok(())
}

/// Renders one diagnostic with codespan over a trimmed view of `file`.
#[allow(clippy::too_many_arguments)]
fn emit(
    out: &mut dyn WriteColor,
    file: &SourceFile,
    level: Level,
    code: Option<&str>,
    message: &str,
    labels: &[(std::ops::Range<usize>, String, bool)],
    notes: Vec<String>,
    width: usize,
) -> io::Result<()> {
    let ranges: Vec<_> = labels.iter().map(|(r, _, _)| r.clone()).collect();
    let snippet = Snippet::new(file, &ranges, width);
    let rendered_labels = labels
        .iter()
        .map(|(r, text, primary)| {
            let shown = snippet.map(r.start, false)
                ..snippet.map(r.end, true).max(snippet.map(r.start, false));
            let label = if *primary {
                Label::primary((), shown)
            } else {
                Label::secondary((), shown)
            };
            label.with_message(text.clone())
        })
        .collect();
    let mut rendered = Rendered::new(level)
        .with_message(message)
        .with_labels(rendered_labels)
        .with_notes(notes);
    if let Some(code) = code {
        rendered = rendered.with_code(code);
    }
    let styles = Styles::default();
    // codespan has no "info" level; an info finding is rendered as a note and its header
    // word renamed, so every format calls it the same.
    let mut renamed = RenameHeader {
        inner: out,
        from: if level == Level::Note {
            Some(&b"note"[..])
        } else {
            None
        },
        to: b"info",
    };
    let mut writer = StylesWriter::new(&mut renamed, &styles);
    term::emit_to_write_style(&mut writer, &Config::default(), &snippet, &rendered).map_err(|e| {
        match e {
            codespan_reporting::files::Error::Io(io) => io,
            other => io::Error::other(other.to_string()),
        }
    })
}

/// Passes output through, replacing the first write of exactly `from` (the header's severity
/// word, which codespan writes on its own) with `to`.
struct RenameHeader<'a> {
    inner: &'a mut dyn WriteColor,
    from: Option<&'static [u8]>,
    to: &'static [u8],
}

impl io::Write for RenameHeader<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.from == Some(buf) {
            self.from = None;
            self.inner.write_all(self.to)?;
            return Ok(buf.len());
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl WriteColor for RenameHeader<'_> {
    fn supports_color(&self) -> bool {
        self.inner.supports_color()
    }

    fn set_color(
        &mut self,
        spec: &codespan_reporting::term::termcolor::ColorSpec,
    ) -> io::Result<()> {
        self.inner.set_color(spec)
    }

    fn reset(&mut self) -> io::Result<()> {
        self.inner.reset()
    }
}
