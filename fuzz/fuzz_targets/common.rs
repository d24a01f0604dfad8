//! What every target shares: the formats, and the check that a range lies on the text.

use copydesk::document::Format;

/// Every input format, so one input exercises each parser.
pub const FORMATS: [Format; 3] = [Format::Markdown, Format::Html, Format::Plain];

/// Panics unless `r` lies inside `text` on character boundaries.
pub fn assert_in(text: &str, r: &std::ops::Range<usize>, what: &str) {
    assert!(
        r.start <= r.end && text.get(r.clone()).is_some(),
        "{what} {r:?} is not a range of the {} bytes of text",
        text.len()
    );
}
