//! Document parsing and segmentation in every format: blocks, sentences, quotations and the
//! source ledger, with every range mapped back inside the input.
#![no_main]

use copydesk::analysis::Analysis;
use copydesk::document::Document;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|text: &str| {
    for format in common::FORMATS {
        let a = Analysis::new(Document::parse(text, format));
        for (b, block) in a.doc.blocks.iter().enumerate() {
            common::assert_in(text, &block.to_original(0..block.text.len()), "block");
            for s in &a.sentences[b] {
                common::assert_in(&block.text, s, "sentence");
            }
        }
        for q in &a.quotations {
            for (b, r) in &q.parts {
                common::assert_in(&a.doc.blocks[*b].text, r, "quotation");
            }
        }
        for at in a.attributions() {
            common::assert_in(&a.doc.blocks[at.cue.block].text, &at.cue.range, "cue");
        }
    }
});
