//! Source files: the original bytes a user gave us, and the line index every span is shown with.

use std::ops::Range;

/// One file's text, kept exactly as read, with the byte offset of every line start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in diagnostics (the path as given, or `<stdin>`).
    pub name: String,
    /// The file's text, unchanged.
    pub text: String,
    line_starts: Vec<usize>,
    /// `(byte offset, characters before it)` every [`CHECKPOINT`] bytes, so a column deep in a
    /// long line (a whole story on one line) costs a short count, not a scan from the line start.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between character-count checkpoints.
const CHECKPOINT: usize = 4096;

impl SourceFile {
    /// Wraps text read from `name`, indexing its lines once.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = line_starts(&text);
        let mut checkpoints = vec![(0, 0)];
        let mut chars = 0;
        let mut last = 0;
        while last + CHECKPOINT < text.len() {
            let next = floor_char_boundary(&text, last + CHECKPOINT);
            chars += text[last..next].chars().count();
            checkpoints.push((next, chars));
            last = next;
        }
        Self {
            name: name.into(),
            text,
            line_starts,
            checkpoints,
        }
    }

    /// The 0-based index of the line holding `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// The byte range of line `index`, without its line ending.
    pub fn line_range(&self, index: usize) -> Range<usize> {
        let start = self.line_starts[index];
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next);
        let line = &self.text[start..end];
        let trimmed = line.trim_end_matches(['\n', '\r']);
        start..start + trimmed.len()
    }

    /// How many lines the file has.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 1-based line and column of `offset`; columns count characters, as editors do.
    pub fn location(&self, offset: usize) -> (usize, usize) {
        let index = self.line_index(offset);
        let start = self.line_starts[index];
        let offset = floor_char_boundary(&self.text, offset).max(start);
        // Editors hide a byte-order mark, so the first visible character is column 1.
        let bom = index == 0 && offset > 0 && self.text.starts_with('\u{feff}');
        (
            index + 1,
            self.chars_before(offset) - self.chars_before(start) + 1 - usize::from(bom),
        )
    }

    /// How many characters precede byte `offset` (a char boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(b, _)| b <= offset) - 1;
        let (byte, chars) = self.checkpoints[i];
        chars + self.text[byte..offset].chars().count()
    }
}

/// The byte offset of each line start: 0, then one past every `\n`, and past a lone `\r`.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

/// The largest char boundary at or below `offset` (stable `str::floor_char_boundary`).
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    if offset >= text.len() {
        return text.len();
    }
    let mut at = offset;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary at or above `offset`.
pub fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    if offset >= text.len() {
        return text.len();
    }
    let mut at = offset;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_lines_any_ending() {
        let file = SourceFile::new("t", "ab\r\n‘c’ d\rlast");
        assert_eq!(file.line_count(), 3);
        assert_eq!(file.location(0), (1, 1));
        assert_eq!(file.location(4), (2, 1));
        // "d" follows two 3-byte curly quotes and a letter and a space.
        let d = file.text.find('d').unwrap();
        assert_eq!(file.location(d), (2, 5));
        assert_eq!(file.location(file.text.find("last").unwrap()), (3, 1));
        assert_eq!(file.line_range(0), 0..2);
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let file = SourceFile::new("t", "\u{feff}said\nx");
        assert_eq!(file.location(3), (1, 1));
        assert_eq!(file.location(4), (1, 2));
        assert_eq!(file.location(8), (2, 1));
    }

    #[test]
    fn columns_deep_in_a_long_line_use_checkpoints() {
        let line = "é".repeat(10_000) + "x";
        let file = SourceFile::new("t", format!("a\n{line}"));
        let x = file.text.len() - 1;
        assert_eq!(file.location(x), (2, 10_001));
    }
}
