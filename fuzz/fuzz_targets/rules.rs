//! Rule-file loading: any text as a user's rule set, compiled as at load; what loads is run
//! over a short story and its own examples.
#![no_main]

use std::sync::Arc;

use copydesk::analysis::Analysis;
use copydesk::document::{Document, Format};
use copydesk::rule::load;
use copydesk::rule::pattern::Compile;
use copydesk::source::SourceFile;
use libfuzzer_sys::fuzz_target;

const STORY: &str = "# Talks stall\n\n“We are not there yet,” a senior official said, \
    according to people familiar with the matter. Analysts say it is the biggest test ever.\n";

fuzz_target!(|text: &str| {
    let file = Arc::new(SourceFile::new("fuzz.toml", text));
    let loaded =
        load::load(
            &file,
            "fuzz",
            Compile::Now,
            &mut |name: &str| match copydesk::linter::bundled(name) {
                Some(Ok(set)) => Ok(set),
                _ => Err(format!("no set `{name}`")),
            },
        );
    match loaded {
        Ok(set) => {
            let a = Analysis::new(Document::parse(STORY, Format::Markdown));
            let _ = copydesk::diagnostic::collect(&a, &set.rules);
            for rule in &set.rules {
                let _ = rule.example_failures();
            }
        }
        Err(problems) => {
            // Every problem points into the file.
            for p in &problems.problems {
                assert!(p.span.end <= text.len(), "problem span {:?}", p.span);
            }
        }
    }
});
