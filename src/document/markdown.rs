//! Markdown through pulldown-cmark: paragraphs, headings, list items, block quotes and table
//! cells are prose; front matter, code, HTML and link destinations are not.

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::{Block, BlockBuilder, BlockKind};

/// Collects the prose blocks of a Markdown file, and the byte ranges of its code.
pub(super) fn blocks(text: &str) -> (Vec<Block>, Vec<std::ops::Range<usize>>) {
    let mut code = Vec::new();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut blocks = Vec::new();
    let mut current: Option<BlockBuilder> = None;
    // Depth inside constructs whose text is not prose (code blocks, front matter, images).
    let mut hidden = 0usize;
    // The first H1 is the headline, unless front matter already gave one.
    let mut headline_seen = false;
    let mut in_front_matter = false;
    // Depth inside block quotations: their paragraphs are someone else's words.
    let mut quote_depth = 0usize;
    let flush = |current: &mut Option<BlockBuilder>, blocks: &mut Vec<Block>| {
        if let Some(b) = current.take() {
            if !b.is_empty() {
                blocks.push(b.finish());
            }
        }
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) => {
                flush(&mut current, &mut blocks);
                current = Some(BlockBuilder::new(BlockKind::Paragraph).quoted(quote_depth > 0));
            }
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut current, &mut blocks);
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut current, &mut blocks);
                quote_depth = quote_depth.saturating_sub(1);
            }
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut current, &mut blocks);
                let kind = if level == HeadingLevel::H1 && !headline_seen {
                    headline_seen = true;
                    BlockKind::Headline
                } else {
                    BlockKind::Heading
                };
                current = Some(BlockBuilder::new(kind).quoted(quote_depth > 0));
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_),
            ) => flush(&mut current, &mut blocks),
            Event::Start(Tag::CodeBlock(_)) => {
                code.push(range);
                hidden += 1;
            }
            Event::Code(_) => code.push(range),
            Event::Start(Tag::MetadataBlock(kind)) => {
                in_front_matter = kind == MetadataBlockKind::YamlStyle;
                hidden += 1;
            }
            Event::Start(Tag::Image { .. }) => {
                hidden += 1;
            }
            Event::Text(_) if in_front_matter => {
                if let Some(title) = front_matter_title(text, range) {
                    let mut b = BlockBuilder::new(BlockKind::Headline);
                    b.push(&text[title.clone()], title);
                    if !b.is_empty() {
                        blocks.push(b.finish());
                        headline_seen = true;
                    }
                }
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::Image) => {
                in_front_matter = false;
                hidden = hidden.saturating_sub(1);
            }
            Event::Text(t) if hidden == 0 => {
                let builder = current.get_or_insert_with(|| {
                    BlockBuilder::new(BlockKind::Paragraph).quoted(quote_depth > 0)
                });
                builder.push(&t, range);
            }
            Event::SoftBreak | Event::HardBreak if hidden == 0 => {
                if let Some(b) = current.as_mut() {
                    b.push(" ", range);
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut blocks);
    (blocks, code)
}

/// The value of a one-line `title:` in YAML front matter (`within` is the block's bytes), with
/// its quotation marks left out: static-site generators print it as the headline.
fn front_matter_title(
    text: &str,
    within: std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    let mut at = within.start;
    for line in text.get(within.clone())?.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let Some(value) = line.strip_prefix("title:") else {
            continue;
        };
        let trimmed = value.trim();
        let unquoted = ['"', '\'']
            .iter()
            .find_map(|&q| trimmed.strip_prefix(q).and_then(|t| t.strip_suffix(q)));
        let value_text = unquoted.unwrap_or(trimmed);
        if value_text.is_empty() || value_text.starts_with(['|', '>', '[', '{']) {
            return None;
        }
        let offset = start + "title:".len() + value.find(value_text)?;
        return Some(offset..offset + value_text.len());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_only_with_original_offsets() {
        let src = "---\ntitle: x said\n---\n# Head\n\nSome *said* text &amp; `code`\nnext [link](http://u.rl).\n\n```\nsaid\n```\n";
        let (b, code) = blocks(src);
        assert_eq!(code.len(), 2);
        let texts: Vec<_> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["x said", "Head", "Some said text &  next link."]);
        assert_eq!(b[0].kind, BlockKind::Headline);
        assert_eq!(&src[b[0].to_original(0..6)], "x said");
        // Front matter gave the headline, so the H1 is a plain heading.
        assert_eq!(b[1].kind, BlockKind::Heading);
        let para = &b[2];
        let amp = para.text.find('&').unwrap();
        assert_eq!(&src[para.to_original(amp..amp + 1)], "&amp;");
        let next = para.text.find("next").unwrap();
        assert_eq!(&src[para.to_original(next - 1..next + 4)], "\nnext");
    }
}
