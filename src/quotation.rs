//! Quotations: straight and curly, double and single, nested, and the news convention of a
//! quotation running over several paragraphs (each opens with a mark, only the last closes).

use std::ops::Range;

use crate::document::Document;

/// One quotation, as the piece of each block it covers (marks included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// `(block index, range in that block's text)`, in order; more than one for a quotation
    /// that runs over paragraphs.
    pub parts: Vec<(usize, Range<usize>)>,
    /// 0 for a quotation in the writer's text, 1 for one inside another, and so on.
    pub depth: usize,
    /// Whether a closing mark was found (an unterminated quotation ends with its paragraph).
    pub closed: bool,
    /// Whether it is a block quotation (Markdown `>`, HTML `<blockquote>`): a whole block,
    /// with no marks of its own.
    pub block: bool,
}

impl Quotation {
    /// The quoted words without the marks, when the quotation lies in one block.
    pub fn inner<'a>(&self, doc: &'a Document) -> Option<&'a str> {
        let [(block, range)] = self.parts.as_slice() else {
            return None;
        };
        let text = &doc.blocks[*block].text[range.clone()];
        if self.block {
            return Some(text);
        }
        let open = text.chars().next().map_or(0, char::len_utf8);
        let close = if self.closed {
            text.chars().next_back().map_or(0, char::len_utf8)
        } else {
            0
        };
        text.get(open..text.len() - close)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Double,
    Single,
    Guillemet,
}

/// Classifies a character as a quotation mark: its family, and whether it can open or close.
fn mark(c: char) -> Option<(Mark, bool, bool)> {
    Some(match c {
        '“' | '„' => (Mark::Double, true, false),
        '”' => (Mark::Double, false, true),
        '"' => (Mark::Double, true, true),
        '‘' => (Mark::Single, true, false),
        '’' | '\'' => (Mark::Single, true, true),
        '«' => (Mark::Guillemet, true, false),
        '»' => (Mark::Guillemet, false, true),
        _ => return None,
    })
}

struct Open {
    mark: Mark,
    parts: Vec<(usize, Range<usize>)>,
    start: usize,
}

/// Finds every quotation in `doc`.
pub fn find(doc: &Document) -> Vec<Quotation> {
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        let text = block.text.as_str();
        let first_visible = text.char_indices().find(|(_, c)| !c.is_whitespace());
        let opens_doubled =
            text.trim_start().starts_with("''") || text.trim_start().starts_with("``");
        // A quotation left open at the end of the previous paragraph continues here only when
        // this paragraph opens with the same mark; otherwise it ended with its paragraph.
        let mut skip_opening_at = None;
        if let Some(outer) = stack.first() {
            let continues = (opens_doubled && outer.mark == Mark::Double)
                || first_visible
                    .and_then(|(_, c)| mark(c))
                    .is_some_and(|(m, opens, _)| opens && m == outer.mark);
            if continues {
                let (at, _) = first_visible.unwrap_or((0, ' '));
                skip_opening_at = Some(at);
                // Inner quotations do not run across paragraphs.
                for inner in stack.drain(1..).rev() {
                    out.push(finish(inner, false, 1));
                }
                if let Some(outer) = stack.first_mut() {
                    outer.start = at;
                }
            } else {
                for (d, open) in stack.drain(..).enumerate() {
                    out.push(finish(open, false, d));
                }
            }
        }
        // Walked a character at a time, not collected: a block may be megabytes long.
        let mut next_at = 0;
        let mut last: Option<char> = None;
        while let Some(c) = text[next_at..].chars().next() {
            let at = next_at;
            let prev = last;
            // Two straight single quotes (or two backticks) stand for a double mark in some
            // wire copy: ''like this''.
            let doubled = matches!(c, '\'' | '`') && text[at + c.len_utf8()..].starts_with(c);
            let width = if doubled { 2 } else { 1 };
            next_at = at + c.len_utf8() * width;
            last = Some(c);
            let found = if doubled {
                Some((Mark::Double, true, c == '\''))
            } else {
                mark(c)
            };
            let Some((m, can_open, can_close)) = found else {
                continue;
            };
            if Some(at) == skip_opening_at {
                continue;
            }
            let next = text[next_at..].chars().next();
            if m == Mark::Single
                && (is_apostrophe(c, prev, next, &stack) || elides(&text[at + c.len_utf8()..]))
            {
                continue;
            }
            let end = at + c.len_utf8() * width;
            // A straight mark typed after a stray space still closes a quotation that ends in
            // punctuation (`"We had no choice, " said a senior official`): it cannot open one,
            // with space after it.
            let stray_close = can_open
                && prev.is_some_and(char::is_whitespace)
                && next.is_none_or(char::is_whitespace)
                && text[..at].trim_end().ends_with([',', '.', '?', '!', ';']);
            let closes_top = can_close
                && stack.last().is_some_and(|o| o.mark == m)
                && (prev.is_some_and(|p| !p.is_whitespace()) || stray_close);
            if closes_top {
                if let Some(mut open) = stack.pop() {
                    open.parts.push((b, open.start..end));
                    out.push(finish(open, true, stack.len()));
                }
            } else if can_open && next.is_some_and(|n| !n.is_whitespace()) && opens_here(prev) {
                stack.push(Open {
                    mark: m,
                    parts: Vec::new(),
                    start: at,
                });
            }
        }
        // Whatever is still open covers the rest of this paragraph.
        for open in &mut stack {
            open.parts.push((b, open.start..text.len()));
        }
    }
    for (d, open) in stack.into_iter().enumerate() {
        out.push(finish(open, false, d));
    }
    // A block quotation is one quotation of its whole text (trimmed), and the marks inside it
    // quote within the quotation. A quotation running in from a paragraph before keeps only
    // its parts outside: top-level quotations do not overlap.
    let in_block_quote = |b: usize| doc.blocks[b].quoted;
    for q in &mut out {
        let inside = q.parts.iter().filter(|(b, _)| in_block_quote(*b)).count();
        if inside == q.parts.len() {
            q.depth += 1;
        } else if inside > 0 {
            q.parts.retain(|(b, _)| !in_block_quote(*b));
        }
    }
    for (b, block) in doc.blocks.iter().enumerate().filter(|(_, b)| b.quoted) {
        let text = block.text.as_str();
        let start = text.len() - text.trim_start().len();
        let end = text.trim_end().len();
        if start >= end {
            continue;
        }
        out.push(Quotation {
            parts: vec![(b, start..end)],
            depth: 0,
            closed: true,
            block: true,
        });
    }
    out.sort_by_key(|q| q.parts.first().map(|(b, r)| (*b, r.start)));
    out
}

/// A mark opens a quotation at the start of text or after space, an opening bracket or a dash.
fn opens_here(prev: Option<char>) -> bool {
    prev.is_none_or(|p| {
        p.is_whitespace()
            || matches!(
                p,
                '(' | '[' | '—' | '–' | '-' | '/' | ':' | '“' | '‘' | '"' | '«'
            )
    })
}

/// An apostrophe, not a quotation mark: inside a word (Russia’s, don’t), before a decade
/// ('90s), or a plural possessive when no single quotation is open.
fn is_apostrophe(c: char, prev: Option<char>, next: Option<char>, stack: &[Open]) -> bool {
    let letter = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    if c == '‘' {
        return false;
    }
    if letter(prev) && letter(next) {
        return true;
    }
    if next.is_some_and(|n| n.is_ascii_digit()) && !letter(prev) {
        return true;
    }
    let single_open = stack.iter().any(|o| o.mark == Mark::Single);
    letter(prev) && !single_open
}

/// Words that lose their first letters to an apostrophe, often typed as a left quote:
/// “how ‘bout”, “rock ‘n’ roll”, “‘til then”.
const ELISIONS: &[&str] = &[
    "bout", "em", "til", "cause", "n", "tis", "twas", "round", "nuff",
];

/// Whether `rest` (the text after a single mark) starts with an elided word.
fn elides(rest: &str) -> bool {
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    ELISIONS.contains(&word.to_lowercase().as_str())
}

fn finish(open: Open, closed: bool, depth: usize) -> Quotation {
    Quotation {
        parts: open.parts,
        depth,
        closed,
        block: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format};

    fn quotes(src: &str) -> Vec<Vec<String>> {
        let doc = Document::parse(src, Format::Plain);
        find(&doc)
            .iter()
            .map(|q| {
                q.parts
                    .iter()
                    .map(|(b, r)| doc.blocks[*b].text[r.clone()].to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_block_quotation_is_one_quotation_holding_its_marks() {
        for (src, format) in [
            (
                "Intro.\n\n> It is “historic”, they wrote.\n\nAfter.\n",
                Format::Markdown,
            ),
            (
                "<p>Intro.</p><blockquote><p>It is “historic”, they wrote.</p></blockquote><p>After.</p>",
                Format::Html,
            ),
        ] {
            let doc = Document::parse(src, format);
            let found: Vec<(usize, &str, bool)> = find(&doc)
                .iter()
                .map(|q| {
                    let (b, r) = &q.parts[0];
                    (q.depth, &doc.blocks[*b].text[r.clone()], q.block)
                })
                .collect();
            assert_eq!(
                found,
                [
                    (0, "It is “historic”, they wrote.", true),
                    (1, "“historic”", false)
                ],
                "{src}"
            );
            assert!(!doc.blocks[0].quoted && doc.blocks[1].quoted && !doc.blocks[2].quoted);
        }
        // A quotation running from a paragraph into a block quotation keeps its first part.
        let doc = Document::parse(
            "He said: “It began\n\n> “and it ended.”\n",
            Format::Markdown,
        );
        let top: Vec<&str> = find(&doc)
            .iter()
            .filter(|q| q.depth == 0)
            .flat_map(|q| q.parts.iter().map(|(b, r)| &doc.blocks[*b].text[r.clone()]))
            .collect();
        assert_eq!(top, ["“It began", "“and it ended.”"]);
    }

    #[test]
    fn apostrophes_are_not_quotation_marks() {
        assert_eq!(
            quotes("‘It’s Russia’s way,’ he said of the ’90s. Don't \"quote\" me."),
            [vec!["‘It’s Russia’s way,’"], vec!["\"quote\""]]
        );
    }

    #[test]
    fn doubled_straight_quotes_are_double_marks() {
        assert_eq!(
            quotes("''There is no doubt,'' he said. It's ''fine.''"),
            [vec!["''There is no doubt,''"], vec!["''fine.''"]]
        );
    }

    #[test]
    fn elisions_are_not_quotations() {
        assert_eq!(
            quotes("And how ‘bout this headline: “Surge in robberies on the Hill.” Rock ‘n’ roll."),
            [vec!["“Surge in robberies on the Hill.”"]]
        );
    }

    #[test]
    fn nested_quotations() {
        let q = quotes("“He called it ‘aggression’ today,” she said.");
        assert_eq!(
            q,
            [
                vec!["“He called it ‘aggression’ today,”"],
                vec!["‘aggression’"]
            ]
        );
    }

    #[test]
    fn a_straight_mark_after_a_stray_space_closes_after_punctuation() {
        let q = quotes("\"We had no choice, \" said a senior official. \"Go \" home.");
        assert_eq!(q, [vec!["\"We had no choice, \""], vec!["\"Go \" home."]]);
    }

    #[test]
    fn quotation_over_paragraphs() {
        let src = "“First part.\n\n“Second part.”\n\nAfter “not closed\n\nNext.";
        assert_eq!(
            quotes(src),
            [
                vec!["“First part.".to_string(), "“Second part.”".to_string()],
                vec!["“not closed".to_string()]
            ]
        );
    }
}
