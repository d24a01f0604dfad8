//! Markdown through pulldown-cmark: paragraphs, headings, list items, block quotes and table
//! cells are prose; front matter, code, HTML and link destinations are not.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

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
                current = Some(BlockBuilder::new(BlockKind::Paragraph));
            }
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, &mut blocks);
                current = Some(BlockBuilder::new(BlockKind::Heading));
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_),
            ) => flush(&mut current, &mut blocks),
            Event::Start(Tag::CodeBlock(_)) => {
                code.push(range);
                hidden += 1;
            }
            Event::Code(_) => code.push(range),
            Event::Start(Tag::MetadataBlock(_) | Tag::Image { .. }) => {
                hidden += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::Image) => {
                hidden = hidden.saturating_sub(1);
            }
            Event::Text(t) if hidden == 0 => {
                let builder =
                    current.get_or_insert_with(|| BlockBuilder::new(BlockKind::Paragraph));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_only_with_original_offsets() {
        let src = "---\ntitle: x said\n---\n# Head\n\nSome *said* text &amp; `code`\nnext [link](http://u.rl).\n\n```\nsaid\n```\n";
        let (b, code) = blocks(src);
        assert_eq!(code.len(), 2);
        let texts: Vec<_> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Head", "Some said text &  next link."]);
        let para = &b[1];
        let amp = para.text.find('&').unwrap();
        assert_eq!(&src[para.to_original(amp..amp + 1)], "&amp;");
        let next = para.text.find("next").unwrap();
        assert_eq!(&src[para.to_original(next - 1..next + 4)], "\nnext");
    }
}
