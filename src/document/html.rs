//! HTML: the text of the body, without script, style, pre and code; entities decoded.
//!
//! A small tokenizer rather than a full HTML5 parser, because every byte of prose must keep its
//! original offset, which tree-building parsers throw away.

use super::{Block, BlockBuilder, BlockKind};

/// Elements whose content is never prose. (`<head>` holds only `<title>`, the headline when
/// there is no `<h1>`, and elements with no text.)
const HIDDEN: &[&str] = &[
    "script", "style", "pre", "code", "noscript", "template", "svg", "math", "textarea",
];

/// Elements that start or end a block of prose.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "li",
    "td",
    "th",
    "blockquote",
    "br",
    "hr",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "ul",
    "ol",
    "table",
    "tr",
    "figure",
    "dd",
    "dt",
    "dl",
    "body",
    "html",
    "form",
    "address",
];

const HEADING: &[&str] = &["h2", "h3", "h4", "h5", "h6"];

/// Elements whose text is a caption.
const CAPTION: &[&str] = &["figcaption", "caption"];

/// Collects the prose blocks of an HTML file.
pub(super) fn blocks(text: &str) -> Vec<Block> {
    let bytes = text.as_bytes();
    let mut blocks = Vec::new();
    let mut current = BlockBuilder::new(BlockKind::Paragraph);
    let mut i = 0;
    let mut text_start = 0;
    // Where the `<title>` is: the headline only when the page has no `<h1>`.
    let mut title = 0..0;
    let mut has_h1 = false;
    // Depth inside `<blockquote>`: its blocks are someone else's words.
    let mut quote_depth = 0usize;
    let flush = |current: &mut BlockBuilder,
                 blocks: &mut Vec<Block>,
                 kind: BlockKind,
                 quote_depth: usize| {
        let done = std::mem::replace(current, BlockBuilder::new(kind).quoted(quote_depth > 0));
        if !done.is_empty() {
            blocks.push(done.finish());
        }
    };
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        push_text(&mut current, text, text_start..i);
        if text[i..].starts_with("<!--") {
            i = text[i + 4..]
                .find("-->")
                .map_or(bytes.len(), |e| i + 4 + e + 3);
            text_start = i;
            continue;
        }
        let tag_end = match find_tag_end(bytes, i + 1) {
            TagEnd::At(end) => end,
            TagEnd::NotATag => {
                // A `<` that opens no tag is text.
                i += 1;
                text_start = i - 1;
                continue;
            }
            // A tag still open at the end of the file hides the rest, as in a browser; reading
            // it as text instead would search for its end again from every later `<`.
            TagEnd::Unclosed => {
                i = bytes.len();
                text_start = i;
                break;
            }
        };
        let (name, closing) = tag_name(&text[i + 1..tag_end]);
        i = tag_end + 1;
        text_start = i;
        if !closing && HIDDEN.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ci(text, i, &close).map_or(bytes.len(), |at| {
                match find_tag_end(bytes, at + 1) {
                    TagEnd::At(e) => e + 1,
                    TagEnd::NotATag | TagEnd::Unclosed => bytes.len(),
                }
            });
            text_start = i;
        } else if let Some(opened) = opens(&name) {
            let kind = if closing {
                BlockKind::Paragraph
            } else {
                opened
            };
            if name == "title" {
                if closing {
                    title.end = i;
                } else {
                    title = i..bytes.len();
                }
            } else if kind == BlockKind::Headline {
                has_h1 = true;
            }
            flush(&mut current, &mut blocks, kind, quote_depth);
        } else if name == "blockquote" {
            // What came before the tag is flushed as it was; what follows takes the new depth.
            quote_depth = if closing {
                quote_depth.saturating_sub(1)
            } else {
                quote_depth + 1
            };
            let kind = current.kind;
            flush(&mut current, &mut blocks, kind, quote_depth);
        } else if BLOCK.contains(&name.as_str()) {
            let kind = current.kind;
            if closing || !current.is_empty() {
                flush(&mut current, &mut blocks, kind, quote_depth);
            }
        }
    }
    push_text(&mut current, text, text_start..bytes.len());
    let kind = current.kind;
    flush(&mut current, &mut blocks, kind, quote_depth);
    if has_h1 {
        blocks.retain(|b| !title.contains(&b.to_original(0..0).start));
    }
    // Later `<h1>`s (a page with several) are ordinary headings: a story has one headline.
    let mut seen = false;
    for b in &mut blocks {
        if b.kind == BlockKind::Headline {
            if seen {
                b.kind = BlockKind::Heading;
            }
            seen = true;
        }
    }
    blocks
}

/// The kind of block an element opens, for elements that start a block of their own kind.
fn opens(name: &str) -> Option<BlockKind> {
    if name == "h1" || name == "title" {
        Some(BlockKind::Headline)
    } else if HEADING.contains(&name) {
        Some(BlockKind::Heading)
    } else if CAPTION.contains(&name) {
        Some(BlockKind::Caption)
    } else {
        None
    }
}

/// Where a tag opened just before `from` ends.
enum TagEnd {
    /// At this `>`.
    At(usize),
    /// The `<` is followed by no tag name: it is text.
    NotATag,
    /// Nowhere: the file ends inside the tag.
    Unclosed,
}

/// The `>` that closes a tag opened before `from`, skipping quoted attributes.
fn find_tag_end(bytes: &[u8], from: usize) -> TagEnd {
    let Some(&first) = bytes.get(from) else {
        return TagEnd::NotATag;
    };
    if !(first.is_ascii_alphabetic() || first == b'/' || first == b'!' || first == b'?') {
        return TagEnd::NotATag;
    }
    let mut quote = None;
    for (j, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return TagEnd::At(j),
            _ => {}
        }
    }
    TagEnd::Unclosed
}

/// The lower-cased element name of a tag's inside, and whether it is a closing tag.
fn tag_name(inside: &str) -> (String, bool) {
    let (closing, rest) = match inside.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inside),
    };
    let name: String = rest
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (name, closing)
}

/// Case-insensitive search for ASCII `needle` in `text` from `from`.
fn find_ci(text: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = text.as_bytes();
    let n = needle.as_bytes();
    (from..hay.len().saturating_sub(n.len() - 1))
        .find(|&at| hay[at..at + n.len()].eq_ignore_ascii_case(n))
}

/// Appends the text between tags, decoding entities, each mapped to its original bytes.
fn push_text(block: &mut BlockBuilder, text: &str, range: std::ops::Range<usize>) {
    let mut start = range.start;
    let mut i = range.start;
    while i < range.end {
        if text.as_bytes()[i] == b'&' {
            if let Some((decoded, len)) = decode_entity(&text[i..range.end]) {
                block.push(&text[start..i], start..i);
                let mut buf = [0u8; 4];
                block.push(decoded.encode_utf8(&mut buf), i..i + len);
                i += len;
                start = i;
                continue;
            }
        }
        i += 1;
    }
    block.push(&text[start..range.end], start..range.end);
}

/// Decodes the entity at the start of `s`, giving the character and the entity's length.
fn decode_entity(s: &str) -> Option<(char, usize)> {
    // Looked for among the first bytes only: a page of `&` with no `;` is not read to its end
    // once per `&`.
    let end = s.bytes().take(33).position(|b| b == b';')?;
    let body = &s[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            "laquo" => '«',
            "raquo" => '»',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "copy" => '©',
            "eacute" => 'é',
            "shy" => '\u{ad}',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_text_without_code_and_scripts() {
        let src = "<html><head><title>T</title><style>p{}</style></head><body>\n<h1>Big news</h1><p>Rutte&rsquo;s <b>remarks</b> <code>said</code></p><script>said()</script><p>Two &amp; three</p></body></html>";
        let b = blocks(src);
        let texts: Vec<_> = b.iter().map(|b| b.text.trim()).collect();
        assert_eq!(texts, ["Big news", "Rutte’s remarks", "Two & three"]);
        // The `<h1>` is the headline; the `<title>` that repeats it is left out.
        assert_eq!(b[0].kind, BlockKind::Headline);
        let q = b[1].text.find('’').unwrap();
        assert_eq!(&src[b[1].to_original(q..q + 3)], "&rsquo;");
    }

    #[test]
    fn title_is_the_headline_without_h1_and_captions_are_their_own_kind() {
        let src = "<head><title>Port shut</title></head><body><h2>Sub</h2><figure><img src=x><figcaption>Cranes idle on Monday.</figcaption></figure></body>";
        let kinds: Vec<_> = blocks(src)
            .iter()
            .map(|b| (b.text.clone(), b.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("Port shut".to_string(), BlockKind::Headline),
                ("Sub".to_string(), BlockKind::Heading),
                ("Cranes idle on Monday.".to_string(), BlockKind::Caption),
            ]
        );
        // A story has one headline: the first `<h1>`.
        let kinds: Vec<_> = blocks("<h1>One</h1><h1>Two</h1>")
            .iter()
            .map(|b| b.kind)
            .collect();
        assert_eq!(kinds, [BlockKind::Headline, BlockKind::Heading]);
    }
}
