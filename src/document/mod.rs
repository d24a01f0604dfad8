//! Documents: a source file masked down to its prose, as blocks of text whose every byte maps
//! back to a range of the ORIGINAL file, whatever markup was removed or entity decoded.

mod html;
mod markdown;
mod plain;

use std::ops::Range;
use std::path::Path;

/// The days a story dates its news by ("on Tuesday", "yesterday"): between a source and its
/// cue they are skipped ("Trump on Tuesday said"), and a first line that names one is a lede,
/// not a headline.
pub(crate) const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
];

/// How a file's markup is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `CommonMark` with tables and front matter.
    Markdown,
    /// HTML: the body's text.
    Html,
    /// Plain text: paragraphs separated by blank lines.
    Plain,
}

impl Format {
    /// The format a file name implies; plain text when nothing else fits.
    pub fn from_path(path: &Path) -> Self {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown" | "mdown" | "mkd") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Plain,
        }
    }
}

/// What kind of prose a block is; rules may be scoped to some kinds only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph of body text (also list items, block quotes and table cells).
    Paragraph,
    /// A heading below the headline.
    Heading,
    /// The story's headline: a Markdown H1 or front-matter `title`, an HTML `<h1>` (or
    /// `<title>` when there is none), or the first line of a plain-text story.
    Headline,
    /// A caption (`<figcaption>`, `<caption>`).
    Caption,
}

impl BlockKind {
    /// Whether this block is a heading of any level, the headline included.
    pub fn is_heading(self) -> bool {
        matches!(self, BlockKind::Heading | BlockKind::Headline)
    }
}

/// A run of prose: its text as a rule sees it, and the way back to the original bytes.
#[derive(Debug, Clone)]
pub struct Block {
    /// Heading or body text.
    pub kind: BlockKind,
    /// The prose, with markup removed, line breaks kept as whitespace and entities decoded.
    pub text: String,
    /// Whether the block is a block quotation (Markdown `>`, HTML `<blockquote>`): someone
    /// else's words quoted whole, a statement or a post, not the writer's voice.
    pub quoted: bool,
    map: OffsetMap,
}

impl Block {
    /// Maps a range of `self.text` back to the original file.
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        let start = self.map.start(range.start);
        let end = if range.end == range.start {
            start
        } else {
            self.map.end(range.end)
        };
        start..end.max(start)
    }

    /// Whether `range` of `self.text` is a copy of the original bytes, with no markup removed
    /// or entity decoded inside it, so an edit there can be made to the original file.
    pub fn is_verbatim(&self, range: &Range<usize>) -> bool {
        let segments = &self.map.segments;
        let i = segments.partition_point(|s| s.text_start + s.text_len <= range.start);
        // Adjacent verbatim pieces are merged as they are pushed, so one segment holds it all.
        segments.get(i).is_some_and(|s| {
            s.verbatim() && s.text_start <= range.start && range.end <= s.text_start + s.text_len
        })
    }
}

/// A parsed document: the blocks of prose of one source file, in order.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The prose blocks in reading order.
    pub blocks: Vec<Block>,
    /// Byte ranges of code (Markdown code spans and blocks): never prose, never directives.
    pub code: Vec<Range<usize>>,
}

impl Document {
    /// Reads `text` as `format`.
    pub fn parse(text: &str, format: Format) -> Self {
        let (blocks, code) = match format {
            Format::Markdown => markdown::blocks(text),
            Format::Html => (html::blocks(text), Vec::new()),
            Format::Plain => (plain::blocks(text), Vec::new()),
        };
        Document {
            blocks: blocks
                .into_iter()
                .filter(|b| !b.text.trim().is_empty())
                .collect(),
            code,
        }
    }
}

/// One piece of block text and the original bytes it came from.
#[derive(Debug, Clone, Copy)]
struct Segment {
    text_start: usize,
    text_len: usize,
    orig_start: usize,
    orig_len: usize,
}

impl Segment {
    /// A verbatim copy maps byte for byte; anything else maps as a whole.
    fn verbatim(&self) -> bool {
        self.text_len == self.orig_len
    }
}

/// The segments of a block, sorted by `text_start`, covering the whole text.
#[derive(Debug, Clone, Default)]
struct OffsetMap {
    segments: Vec<Segment>,
}

impl OffsetMap {
    fn start(&self, at: usize) -> usize {
        let i = self
            .segments
            .partition_point(|s| s.text_start + s.text_len <= at);
        match self.segments.get(i) {
            Some(s) if s.verbatim() => s.orig_start + (at - s.text_start),
            Some(s) => s.orig_start,
            None => self
                .segments
                .last()
                .map_or(0, |s| s.orig_start + s.orig_len),
        }
    }

    fn end(&self, at: usize) -> usize {
        let i = self.segments.partition_point(|s| s.text_start < at);
        match i.checked_sub(1).and_then(|i| self.segments.get(i)) {
            Some(s) if s.verbatim() => s.orig_start + (at - s.text_start),
            Some(s) => s.orig_start + s.orig_len,
            None => 0,
        }
    }
}

/// Builds a block piece by piece while remembering where each piece came from.
#[derive(Debug)]
struct BlockBuilder {
    kind: BlockKind,
    /// Whether the block sits inside a block quotation.
    quoted: bool,
    text: String,
    map: OffsetMap,
    /// Whether anything but whitespace was pushed: asked after every HTML tag, so it is kept
    /// rather than found by trimming a text that may be megabytes of spaces.
    has_text: bool,
}

impl BlockBuilder {
    fn new(kind: BlockKind) -> Self {
        Self {
            kind,
            quoted: false,
            text: String::new(),
            map: OffsetMap::default(),
            has_text: false,
        }
    }

    /// Marks the block as inside a block quotation, or not.
    fn quoted(mut self, quoted: bool) -> Self {
        self.quoted = quoted;
        self
    }

    /// Appends `text`, which stands for the original bytes `orig`.
    fn push(&mut self, text: &str, orig: Range<usize>) {
        if text.is_empty() {
            return;
        }
        let text_start = self.text.len();
        self.text.push_str(text);
        self.has_text |= !text.trim().is_empty();
        let (text_len, orig_len) = (text.len(), orig.len());
        // Merge a verbatim piece into a verbatim predecessor that it continues.
        if let Some(last) = self.map.segments.last_mut() {
            if last.verbatim()
                && text_len == orig_len
                && last.orig_start + last.orig_len == orig.start
            {
                last.text_len += text_len;
                last.orig_len += orig_len;
                return;
            }
        }
        self.map.segments.push(Segment {
            text_start,
            text_len,
            orig_start: orig.start,
            orig_len,
        });
    }

    fn is_empty(&self) -> bool {
        !self.has_text
    }

    fn finish(self) -> Block {
        Block {
            kind: self.kind,
            quoted: self.quoted,
            text: self.text,
            map: self.map,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_back_through_replacements() {
        let mut b = BlockBuilder::new(BlockKind::Paragraph);
        b.push("say ", 10..14);
        b.push("’", 14..21); // from `&rsquo;`
        b.push("hi", 21..23);
        let block = b.finish();
        assert_eq!(block.text, "say ’hi");
        assert_eq!(block.to_original(0..3), 10..13);
        assert_eq!(block.to_original(4..7), 14..21);
        assert_eq!(block.to_original(7..9), 21..23);
        assert_eq!(block.to_original(4..9), 14..23);
        assert!(block.is_verbatim(&(0..3)));
        assert!(block.is_verbatim(&(7..9)));
        assert!(!block.is_verbatim(&(2..5)), "spans the decoded entity");
        assert!(!block.is_verbatim(&(4..7)), "is the decoded entity");
    }
}
