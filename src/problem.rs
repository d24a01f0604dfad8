//! Problems in the files a user hands us (rule sets, config): each one points at the exact
//! place in that file, so it can be shown the way a compiler shows a type error.

use std::ops::Range;

use crate::source::SourceFile;

/// One thing wrong with a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte range of the offending value in the file.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// The short text under the span.
    pub label: String,
    /// How to fix it, when we can tell.
    pub help: Option<String>,
}

impl Problem {
    /// A problem at `span`.
    pub fn new(span: Range<usize>, message: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
            label: label.into(),
            help: None,
        }
    }

    /// Adds a suggested fix.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// What kind of file a problem is in, for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A rule set.
    Rules,
    /// `copydesk.toml`.
    Config,
}

/// Every problem found in one file.
#[derive(Debug, Clone)]
pub struct FileProblems {
    /// A rule set or the config.
    pub kind: FileKind,
    /// The file, kept so the problems can be shown with its text (boxed: errors stay small).
    pub file: Box<SourceFile>,
    /// What is wrong, in file order.
    pub problems: Vec<Problem>,
}

/// A failure that stops the run before any text is checked.
#[derive(Debug)]
pub enum Error {
    /// Rule or config files with problems; all of them, not the first only.
    Files(Vec<FileProblems>),
    /// Anything else, said in one sentence (a missing path, an unreadable file).
    Message(String),
}

impl From<FileProblems> for Error {
    fn from(p: FileProblems) -> Self {
        Error::Files(vec![p])
    }
}

/// The closest of `candidates` to `word`, for "did you mean" hints.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_near_names_only() {
        assert_eq!(
            super::did_you_mean("mesage", &["message", "help"]),
            Some("message")
        );
        assert_eq!(super::did_you_mean("zzz", &["message", "help"]), None);
    }
}
