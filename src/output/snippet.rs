//! A view of a source file for codespan-reporting in which long lines are cut down to the
//! parts around the labels, with `...` where text was left out. News copy often keeps a whole
//! paragraph on one line; showing all of it would bury the label. Line and column numbers stay
//! those of the original file.

use std::collections::BTreeSet;
use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use crate::source::SourceFile;

const ELLIPSIS: &str = "...";
/// Columns taken by the gutter (`123 │ `) in front of each source line.
const GUTTER: usize = 8;
/// Characters of context kept on each side of a label when labels are far apart.
const CONTEXT: usize = 12;
/// Characters beyond which a label is shown by its ends only.
const LONG_LABEL: usize = 2000;
/// Characters shown at each end of such a label.
const LABEL_END: usize = 40;

/// One original line as shown: pieces of it, each `(original start, shown start, length)`.
struct Line {
    index: usize,
    shown: Range<usize>,
    pieces: Vec<(usize, usize, usize)>,
}

/// The trimmed view of one file for one diagnostic.
pub struct Snippet<'a> {
    file: &'a SourceFile,
    text: String,
    lines: Vec<Line>,
}

impl<'a> Snippet<'a> {
    /// Builds the view of `file` needed to show `labels` within `width` columns.
    pub fn new(file: &'a SourceFile, labels: &[Range<usize>], width: usize) -> Self {
        let mut wanted = BTreeSet::new();
        for l in labels {
            let first = file.line_index(l.start);
            let last = file.line_index(l.end.max(l.start));
            wanted.extend(first..=last);
        }
        // codespan-reporting shows a lone line between two labelled lines instead of a break,
        // so the view must have it too.
        let gaps: Vec<usize> = wanted
            .iter()
            .zip(wanted.iter().skip(1))
            .filter(|&(a, b)| b - a == 2)
            .map(|(a, _)| a + 1)
            .collect();
        wanted.extend(gaps);
        let mut text = String::new();
        let mut lines = Vec::new();
        for index in wanted {
            let range = file.line_range(index);
            let keep = kept_intervals(file, &range, labels, width.saturating_sub(GUTTER));
            let start = text.len();
            let mut pieces = Vec::new();
            for (k, piece) in keep.iter().enumerate() {
                if k == 0 && piece.start > range.start || k > 0 {
                    text.push_str(ELLIPSIS);
                }
                pieces.push((piece.start, text.len(), piece.len()));
                text.push_str(&file.text[piece.clone()]);
            }
            if keep.last().is_some_and(|p| p.end < range.end) {
                text.push_str(ELLIPSIS);
            }
            if keep.is_empty() {
                pieces.push((range.start, text.len(), 0));
            }
            lines.push(Line {
                index,
                shown: start..text.len(),
                pieces,
            });
            text.push('\n');
        }
        Self { file, text, lines }
    }

    /// Where original byte `at` is shown; `end` says whether `at` ends a range.
    pub fn map(&self, at: usize, end: bool) -> usize {
        let line = self
            .file
            .line_index(if end && at > 0 { at - 1 } else { at });
        let Some(l) = self.lines.iter().find(|l| l.index == line) else {
            return 0;
        };
        for &(orig, shown, len) in &l.pieces {
            let inside = if end {
                orig < at && at <= orig + len
            } else {
                orig <= at && at < orig + len
            };
            if inside || (len == 0 && orig == at) {
                return shown + (at - orig);
            }
        }
        // Past the pieces: the end of a label at the line's end.
        l.shown.end
    }

    fn line(&self, index: usize) -> Result<&Line, Error> {
        self.lines
            .iter()
            .find(|l| l.index == index)
            .ok_or(Error::LineTooLarge {
                given: index,
                max: self.file.line_count(),
            })
    }

    fn original(line: &Line, shown: usize) -> usize {
        let mut best = line.pieces.first().map_or(0, |p| p.0);
        for &(orig, start, len) in &line.pieces {
            if shown >= start {
                best = orig + (shown - start).min(len);
            }
        }
        best
    }
}

/// The parts of a line to show: all of it if it fits, else a window around its labels.
fn kept_intervals(
    file: &SourceFile,
    line: &Range<usize>,
    labels: &[Range<usize>],
    budget: usize,
) -> Vec<Range<usize>> {
    // Counting stops past the budget: a line may be a whole story of megabytes.
    let fits = file.text[line.clone()].chars().nth(budget).is_none();
    if fits {
        return vec![line.clone()];
    }
    let on_line: Vec<Range<usize>> = labels
        .iter()
        .filter(|l| l.start <= line.end && line.start <= l.end)
        .map(|l| l.start.max(line.start)..l.end.min(line.end))
        .collect();
    let (Some(lo), Some(hi)) = (
        on_line.iter().map(|l| l.start).min(),
        on_line.iter().map(|l| l.end).max(),
    ) else {
        // A line shown only for context: its start.
        let budget = budget.saturating_sub(ELLIPSIS.len());
        let end = extend_right(&file.text, line.start, line.end, budget);
        return std::iter::once(line.start..end).collect();
    };
    let budget = budget.saturating_sub(2 * ELLIPSIS.len());
    // Counts only as far as the budget needs: a label may cover a quotation of megabytes.
    let chars = |r: Range<usize>| file.text[r].chars().take(budget + 1).count();
    let core = chars(lo..hi);
    if core <= budget {
        // One window, the labels centred in it.
        let spare = budget - core;
        let before = extend_left(&file.text, lo, line.start, spare / 2);
        let after_budget = spare - chars(before..lo);
        let after = extend_right(&file.text, hi, line.end, after_budget);
        let before = extend_left(
            &file.text,
            before,
            line.start,
            after_budget.saturating_sub(chars(hi..after)),
        );
        return std::iter::once(before..after).collect();
    }
    // Labels too far apart for one window: each with a little context. A label longer than
    // any quotation in real copy (a quotation of megabytes) is shown by its two ends, or every
    // finding pointing at it would print it whole.
    let mut pieces = Vec::new();
    for l in on_line {
        let before = extend_left(&file.text, l.start, line.start, CONTEXT);
        let after = extend_right(&file.text, l.end, line.end, CONTEXT);
        if file.text[l.clone()].chars().nth(LONG_LABEL).is_some() {
            let head = extend_right(&file.text, l.start, l.end, LABEL_END);
            let tail = extend_left(&file.text, l.end, l.start, LABEL_END);
            pieces.push(before..head);
            pieces.push(tail..after);
        } else {
            pieces.push(before..after);
        }
    }
    pieces.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in pieces {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn extend_left(text: &str, from: usize, limit: usize, n: usize) -> usize {
    text[limit..from]
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(from, |(i, _)| limit + i)
}

fn extend_right(text: &str, from: usize, limit: usize, n: usize) -> usize {
    text[from..limit]
        .char_indices()
        .nth(n)
        .map_or(limit, |(i, _)| from + i)
}

impl<'a> Files<'a> for Snippet<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.file.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        let i = self.lines.partition_point(|l| l.shown.end < byte_index);
        self.lines
            .get(i)
            .or_else(|| self.lines.last())
            .map(|l| l.index)
            .ok_or(Error::FileMissing)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        self.line(line_index).map(|l| l.shown.clone())
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let line = self.line(line_index)?;
        let orig = Self::original(line, byte_index);
        Ok(self.file.location(orig).1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_line_between_labelled_lines_is_in_the_view_and_trimmed() {
        let long = "word ".repeat(60);
        let text = format!("first label here\n{long}\nsecond label here\n");
        let file = SourceFile::new("t.txt", text.clone());
        let second = text.find("second").unwrap_or_default();
        let snippet = Snippet::new(&file, &[0..5, second..second + 6], 60);
        // codespan-reporting asks for the line between; it must exist and fit the width.
        let middle = snippet
            .line_range((), 1)
            .map(|r| snippet.text[r].to_string());
        let middle = middle.unwrap_or_default();
        assert!(middle.starts_with("word word"), "{middle:?}");
        assert!(middle.chars().count() <= 60 - GUTTER, "{middle:?}");
    }
}
