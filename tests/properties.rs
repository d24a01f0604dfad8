//! Properties of a check on arbitrary text, in each input format: every diagnostic span lies
//! inside the file and on character boundaries, JSON line and column agree with the span
//! (1-based, columns in characters, a byte-order mark at the start not one), and checking and
//! rendering twice gives the same bytes, and fixing (unsafe fixes too) settles with no fix left.
//!
//! The text is built from pieces news copy and its markup are made of (quotation marks,
//! reporting cues, line ends of every kind, Markdown and HTML syntax, multibyte, combining and
//! zero-width characters) mixed with any character at all. Case counts are kept small: this
//! file runs in a debug build in CI.

use std::ops::Range;
use std::sync::LazyLock;

use clap::ValueEnum;
use codespan_reporting::term::termcolor::NoColor;
use copydesk::document::{Document, Format};
use copydesk::linter::Linter;
use copydesk::output::{self, Report};
use copydesk::source::SourceFile;
use proptest::prelude::*;

static LINTER: LazyLock<Linter> =
    LazyLock::new(|| Linter::new(None, &[]).expect("the bundled rules load"));

/// Pieces of news copy and its markup.
const PIECES: &[&str] = &[
    "said",
    " said ",
    "a senior official",
    "Sources said",
    "A source said",
    "reportedly",
    "unprecedented",
    "analysts suggest",
    "according to",
    "claimed",
    "slammed",
    "lashed out at",
    "the regime",
    "the the",
    "Mr.",
    "U.S.",
    "No. 10",
    "Trump",
    "people familiar with the matter",
    "it is widely believed",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "«",
    "»",
    "''",
    "``",
    "—",
    "…",
    ". ",
    ", ",
    ": ",
    "? ",
    "!",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    " ",
    "  ",
    "\t",
    "# ",
    "> ",
    "- ",
    "1. ",
    "* ",
    "`",
    "```\n",
    "---\n",
    "| a | b |\n",
    "[link](http://x)",
    "![img](y)",
    "<p>",
    "</p>",
    "<b>",
    "<br>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "&amp;",
    "&rsquo;",
    "&#8220;",
    "&bogus;",
    "<",
    ">",
    "<!-- copydesk-disable-line -->",
    "<!-- copydesk-disable-next-line anonymity -->",
    "<!-- copydesk-disable framing: why -->",
    "<!-- copydesk-enable -->",
    "é",
    "Zürich",
    "日本",
    "😀",
    "e\u{301}",
    "\u{200b}",
    "\u{200d}",
    "\u{ad}",
    "\u{feff}",
    "Москва",
    "قال",
];

/// Text made of [`PIECES`] and arbitrary characters, up to about 60 of them.
fn story() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        2 => "[A-Za-z]{1,8}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

fn format() -> impl Strategy<Value = Format> {
    prop_oneof![
        Just(Format::Markdown),
        Just(Format::Html),
        Just(Format::Plain)
    ]
}

/// Line and column of `offset` counted from the start of `text`, with no index.
fn slow_location(text: &str, offset: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut line, mut line_start) = (1, 0);
    for (i, &b) in bytes.iter().enumerate().take(offset) {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
            line_start = i + 1;
        }
    }
    let bom = line == 1 && offset > 0 && text.starts_with('\u{feff}');
    (
        line,
        text[line_start..offset].chars().count() + 1 - usize::from(bom),
    )
}

fn in_text(text: &str, r: &Range<usize>) -> bool {
    r.start <= r.end
        && r.end <= text.len()
        && text.is_char_boundary(r.start)
        && text.is_char_boundary(r.end)
}

/// Every output format's rendering of a check of `text`.
fn rendered(text: &str, format: Format) -> Vec<Vec<u8>> {
    let file = SourceFile::new("story", text);
    let diagnostics = LINTER.check(&file, format);
    let report = [Report { file, diagnostics }];
    output::Format::value_variants()
        .iter()
        .map(|&f| {
            let mut out = NoColor::new(Vec::new());
            output::write(f, &report, &LINTER.rules, &mut out, 100).expect("renders");
            out.into_inner()
        })
        .collect()
}

proptest! {
    // No failure files: a failing case is printed whole, and CI's clone is read-only in spirit.
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn spans_lie_inside_the_file_on_char_boundaries(text in story(), format in format()) {
        let file = SourceFile::new("story", text.as_str());
        for d in LINTER.check(&file, format) {
            prop_assert!(in_text(&text, &d.span), "{:?} in {:?}", d.span, text);
            for (r, _) in &d.secondary {
                prop_assert!(in_text(&text, r), "secondary {:?} in {:?}", r, text);
            }
            if let Some(fix) = &d.fix {
                prop_assert!(in_text(&text, &fix.span), "fix {:?} in {:?}", fix.span, text);
            }
        }
        // The blocks rules read map back inside the file too.
        for block in Document::parse(&text, format).blocks {
            let r = block.to_original(0..block.text.len());
            prop_assert!(in_text(&text, &r), "block {:?} in {:?}", r, text);
        }
    }

    #[test]
    fn json_lines_and_columns_agree_with_the_span(text in story(), format in format()) {
        let file = SourceFile::new("story", text.as_str());
        let report = [Report { diagnostics: LINTER.check(&file, format), file }];
        let mut out = NoColor::new(Vec::new());
        output::write(output::Format::Json, &report, &LINTER.rules, &mut out, 100).expect("renders");
        let entries: serde_json::Value =
            serde_json::from_slice(&out.into_inner()).expect("JSON output parses");
        for e in entries.as_array().expect("an array") {
            let n = |key: &str| usize::try_from(e[key].as_u64().expect("a number")).expect("fits");
            let (start, end) = (n("start"), n("end"));
            prop_assert_eq!((n("line"), n("column")), slow_location(&text, start));
            prop_assert_eq!((n("end_line"), n("end_column")), slow_location(&text, end));
            prop_assert_eq!(e["match"].as_str(), Some(&text[start..end]));
            for s in e["secondary"].as_array().expect("an array") {
                let n = |key: &str| usize::try_from(s[key].as_u64().expect("a number")).expect("fits");
                prop_assert_eq!((n("line"), n("column")), slow_location(&text, n("start")));
            }
        }
    }

    #[test]
    fn checking_twice_gives_the_same_output(text in story(), format in format()) {
        prop_assert_eq!(rendered(&text, format), rendered(&text, format));
    }

    #[test]
    fn fixing_settles_with_no_fix_left(text in story(), format in format()) {
        let check = |t: &str| LINTER.check(&SourceFile::new("story", t), format);
        // Unsafe fixes too: the bundled fixes are all unsafe, so safe ones alone change nothing.
        let fixed = copydesk::fix::fix(text.clone(), check(&text), true, check);
        prop_assert_eq!(&fixed.unsettled, &None, "in {:?}", text);
        let left: Vec<_> = fixed
            .diagnostics
            .iter()
            .filter(|d| copydesk::fix::applicable(d, true).is_some())
            .collect();
        prop_assert!(left.is_empty(), "{:?} left in {:?}", left, fixed.text);
    }
}
