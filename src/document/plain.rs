//! Plain text: paragraphs split at blank lines, the text kept byte for byte.

use super::{Block, BlockBuilder, BlockKind};

/// Splits `text` into paragraphs. News copy is often kept one paragraph a line with no blank
/// lines at all; such a file is read as one paragraph per line. A copydesk directive comment
/// (`<!-- copydesk-... -->`) is not prose: it is left out of the text, and a line holding only
/// one neither ends nor joins a paragraph.
pub(super) fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<(usize, &str)> = lines_with_offsets(text)
        .into_iter()
        .filter(|(_, l)| !is_directive_line(l))
        .collect();
    let has_blank_separator = lines.windows(3).any(|w| {
        !w[0].1.trim().is_empty() && w[1].1.trim().is_empty() && !w[2].1.trim().is_empty()
    });
    let mut blocks = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    // Whether the line before was too long to be hard-wrapped: such a line is a paragraph of
    // its own, in a file that also uses blank lines (copy pasted from several systems).
    let mut long_line = false;
    let flush = |span: Option<(usize, usize)>, blocks: &mut Vec<Block>| {
        if let Some((start, end)) = span {
            blocks.push(paragraph(text, start, end));
        }
    };
    for &(start, line) in &lines {
        let end = start + line.trim_end_matches(['\n', '\r']).len();
        if line.trim().is_empty() {
            flush(current.take(), &mut blocks);
            continue;
        }
        // A long line with no space is a URL or the like, not prose wider than a wrap.
        let long = text[start..end].trim().contains(' ')
            && text[start..end].chars().count() > WRAPPED_MAX_CHARS;
        match current {
            Some((s, _)) if has_blank_separator && !long_line && !long => {
                current = Some((s, end));
            }
            _ => {
                flush(current.take(), &mut blocks);
                current = Some((start, end));
            }
        }
        long_line = long;
    }
    flush(current.take(), &mut blocks);
    // In a file of blank-line paragraphs, a first paragraph of one short line is the headline
    // even with a full stop, as the story's first line ("Clinton blasts Trump over
    // deportation idea."); a lede runs longer.
    if blocks.len() > 1
        && (looks_like_headline(&blocks[0].text)
            || (has_blank_separator && one_short_line(&blocks[0].text)))
    {
        blocks[0].kind = BlockKind::Headline;
    }
    blocks
}

/// Headlines are short and, unlike body sentences, do not end in a full stop, unless set in
/// title case ("Glenn Beck Blasts Drudge for Mocking His Fast."). A headline may carry its
/// subhead on the next line of the same paragraph, after a semicolon, as wire copy does
/// ("China rebuts criticism;" / "Investment, official says, helped economy.").
fn looks_like_headline(text: &str) -> bool {
    let text = text.trim();
    let short = |t: &str| t.split_whitespace().count() <= HEADLINE_MAX_WORDS;
    let unstopped = |t: &str| !t.ends_with(['.', '"', '”', '\'', '’', ':', ';', ',']);
    let mut lines = text.lines().map(str::trim);
    match (lines.next(), lines.next(), lines.next()) {
        (Some(head), Some(subhead), None) => head.ends_with(';') && short(head) && short(subhead),
        _ => short(text) && (unstopped(text) || title_case(text)),
    }
}

/// Whether `text` is one line of one sentence, short as headlines are, and not written as body
/// copy is: "The plan will expand, officials said." and "The port shut on Monday." are ledes
/// (headlines say "says" and leave the day to the story).
fn one_short_line(text: &str) -> bool {
    let text = text.trim();
    !text.contains('\n')
        && text.split_whitespace().count() <= STOPPED_HEADLINE_MAX_WORDS
        && !text.split_whitespace().any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            w == "said" || super::DAYS.contains(&w.as_str())
        })
        // ", officials say." closes a lede; a headline puts its "says" inside.
        && !text.split_whitespace().last().is_some_and(|w| {
            matches!(
                w.trim_matches(|c: char| !c.is_alphanumeric()),
                "say" | "says"
            )
        })
        // A lede tells in the past ("Police arrested a man after a fire destroyed three
        // homes"); a headline in the present.
        && text
            .split_whitespace()
            .filter(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                w.len() > 4 && w.ends_with("ed") && w.chars().all(char::is_lowercase)
            })
            .count()
            < 2
        // No sentence ends before the last word.
        && !text
            .split_whitespace()
            .rev()
            .skip(1)
            // "Gov." and "Sen." end no sentence.
            .any(|w| {
                w.ends_with(['.', '?', '!'])
                    && w.chars().filter(|c| *c == '.').count() == 1
                    && !(w.len() <= 4 && w.starts_with(char::is_uppercase))
            })
}

/// A first line with a full stop is a headline only when this short: 96% of the headlines in
/// `PolNeAR` are, and a lede of one short sentence is rare.
const STOPPED_HEADLINE_MAX_WORDS: usize = 15;

/// Whether every word but the short linking ones is capitalised, as headlines are set and a
/// sentence, even one full of names, is not (its verb is lower case).
fn title_case(text: &str) -> bool {
    let content: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .filter(|w| {
            !matches!(
                w.to_lowercase()
                    .trim_end_matches(|c: char| !c.is_alphanumeric()),
                "a" | "an"
                    | "the"
                    | "and"
                    | "or"
                    | "but"
                    | "nor"
                    | "of"
                    | "in"
                    | "on"
                    | "at"
                    | "to"
                    | "for"
                    | "by"
                    | "with"
                    | "from"
                    | "as"
                    | "is"
                    | "vs"
                    | "over"
                    | "into"
                    | "about"
                    | "after"
                    | "up"
                    | "off"
                    | "out"
            )
        })
        .collect();
    content.len() >= 4
        && content
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Longer first lines are the story's first paragraph.
const HEADLINE_MAX_WORDS: usize = 25;

/// Hard-wrapped prose keeps its lines to 80 characters or so; a longer line is a paragraph.
const WRAPPED_MAX_CHARS: usize = 100;

/// The text of `start..end`, with each directive comment in it replaced by a space.
fn paragraph(text: &str, start: usize, end: usize) -> Block {
    let mut b = BlockBuilder::new(BlockKind::Paragraph);
    let mut at = start;
    for comment in crate::suppression::directive_spans(&text[start..end]) {
        let (c_start, c_end) = (start + comment.start, start + comment.end);
        b.push(&text[at..c_start], at..c_start);
        b.push(" ", c_start..c_end);
        at = c_end;
    }
    b.push(&text[at..end], at..end);
    b.finish()
}

fn is_directive_line(line: &str) -> bool {
    let trimmed = line.trim();
    !trimmed.is_empty()
        && crate::suppression::directive_spans(trimmed)
            .first()
            .is_some_and(|r| r.start == 0 && r.end == trimmed.len())
}

/// Lines with the offset they start at, ending at `\n`, `\r\n` or a lone `\r`.
fn lines_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let end_of_line = match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => Some(i + 2),
            b'\n' | b'\r' => Some(i + 1),
            _ => None,
        };
        if let Some(next) = end_of_line {
            out.push((start, &text[start..next]));
            start = next;
            i = next;
        } else {
            i += 1;
        }
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_separate_paragraphs() {
        let b = blocks("one\ntwo\n\nthree\r\n");
        let texts: Vec<_> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["one\ntwo", "three"]);
    }

    #[test]
    fn directives_are_not_prose() {
        let src = "One.\n<!-- copydesk-disable-next-line x: why -->\nTwo. <!-- copydesk-disable-line y -->\n";
        let b = blocks(src);
        let texts: Vec<_> = b.iter().map(|b| b.text.trim_end()).collect();
        assert_eq!(texts, ["One.", "Two."]);
    }

    #[test]
    fn a_line_too_long_to_be_wrapped_is_a_paragraph_even_among_blank_lines() {
        let long = "The port shut on Monday after a week of talks between the union and the owners broke down over pay and pensions.";
        let src = format!("Port shuts\n{long}\nWorkers left.\n\nshort line\nwrapped on.\n");
        let b = blocks(&src);
        let texts: Vec<_> = b.iter().map(|b| b.text.trim_end()).collect();
        assert_eq!(
            texts,
            [
                "Port shuts",
                long,
                "Workers left.",
                "short line\nwrapped on."
            ]
        );
        assert_eq!(b[0].kind, BlockKind::Headline);
        // A long word with no space, a URL, wraps like any line.
        let url = format!("https://example.com/{}", "a".repeat(100));
        let src = format!("The report is at\n{url}\nfor anyone.\n\nNext.\n");
        assert_eq!(blocks(&src).len(), 2);
    }

    #[test]
    fn without_blank_lines_each_line_is_a_paragraph() {
        let b = blocks("one.\ntwo.\nthree.\n");
        assert_eq!(b.len(), 3);
        assert_eq!(b[1].to_original(0..4), 5..9);
    }

    #[test]
    fn a_short_first_line_without_a_full_stop_is_the_headline() {
        let b = blocks(
            "Port workers strike
The port shut on Monday.
",
        );
        assert_eq!(b[0].kind, BlockKind::Headline);
        assert_eq!(b[1].kind, BlockKind::Paragraph);
        let b = blocks(
            "The port shut on Monday.
Workers left.
",
        );
        assert_eq!(b[0].kind, BlockKind::Paragraph);
        // One short line standing alone over blank-line paragraphs is the headline, full stop
        // or not; two sentences are a paragraph.
        let b = blocks(
            "Clinton blasts Trump over deportation idea.\n\nClinton has a word for the plan: No.\n",
        );
        assert_eq!(b[0].kind, BlockKind::Headline);
        let b = blocks("The port shut. Workers left.\n\nThe strike stranded 40 ships.\n");
        assert_eq!(b[0].kind, BlockKind::Paragraph);
        // Body copy's "said" and its day are a lede's.
        for lede in [
            "The plan will expand, officials said.",
            "The port shut on Monday.",
            "Dockworkers walked out at the port, officials say.",
            "Police arrested a man after a massive fire destroyed three homes.",
        ] {
            let b = blocks(&format!("{lede}\n\nThe strike stranded 40 ships.\n"));
            assert_eq!(b[0].kind, BlockKind::Paragraph, "{lede}");
        }
        // Title case is a headline's, full stop or not; a sentence full of names is not one.
        let b = blocks("Glenn Beck Blasts Drudge for Mocking His Fast.\nBeck fasted.\n");
        assert_eq!(b[0].kind, BlockKind::Headline);
        let b = blocks("NATO Secretary General Mark Rutte warned China on Tuesday.\nHe left.\n");
        assert_eq!(b[0].kind, BlockKind::Paragraph);
        // A headline and its subhead, joined by a semicolon, in one paragraph.
        let b = blocks("Port shuts;\nWorkers walk out, union says.\n\nThe port shut on Monday.\n");
        assert_eq!(b[0].kind, BlockKind::Headline);
        // A story of one line has no headline to tell apart from its text.
        assert_eq!(
            blocks(
                "Port workers strike
"
            )[0]
            .kind,
            BlockKind::Paragraph
        );
    }
}
