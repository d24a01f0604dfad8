//! A check with the bundled rules in every format, rendered in every output format: no
//! panic, and every span inside the text on character boundaries.
#![no_main]

use std::sync::LazyLock;

use copydesk::linter::Linter;
use copydesk::output::{self, Report};
use copydesk::source::SourceFile;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

static LINTER: LazyLock<Linter> =
    LazyLock::new(|| Linter::new(None, &[]).expect("the bundled rules load"));

fuzz_target!(|text: &str| {
    for format in common::FORMATS {
        let file = SourceFile::new("story", text);
        let diagnostics = LINTER.check(&file, format);
        for d in &diagnostics {
            common::assert_in(text, &d.span, "span");
            for (r, _) in &d.secondary {
                common::assert_in(text, r, "secondary");
            }
            if let Some(fix) = &d.fix {
                common::assert_in(text, &fix.span, "fix");
            }
        }
        let report = [Report { diagnostics, file }];
        for &f in <output::Format as clap::ValueEnum>::value_variants() {
            let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
            output::write(f, &report, &LINTER.rules, &mut out, 100).expect("renders");
        }
    }
});
