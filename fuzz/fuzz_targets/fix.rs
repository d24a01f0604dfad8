//! Fix application with the bundled rules (unsafe fixes too: the bundled ones all are): the
//! fixed text is checked again until it settles, and it settles with no fix left.
#![no_main]

use std::sync::LazyLock;

use copydesk::linter::Linter;
use copydesk::source::SourceFile;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

static LINTER: LazyLock<Linter> =
    LazyLock::new(|| Linter::new(None, &[]).expect("the bundled rules load"));

fuzz_target!(|text: &str| {
    for format in common::FORMATS {
        let check = |t: &str| LINTER.check(&SourceFile::new("story", t), format);
        let fixed = copydesk::fix::fix(text.to_string(), check(text), true, check);
        for d in &fixed.diagnostics {
            common::assert_in(&fixed.text, &d.span, "span after fixing");
        }
        assert_eq!(fixed.unsettled, None, "fixes keep changing {text:?}");
        let left = fixed
            .diagnostics
            .iter()
            .filter(|d| copydesk::fix::applicable(d, true).is_some())
            .count();
        assert_eq!(left, 0, "fixes left in {:?}", fixed.text);
    }
});
