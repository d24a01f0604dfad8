//! Throughput of the pipeline in bytes per second: segmentation (document, sentences,
//! quotations), the attribution ledger, rule matching, and a whole check, on the seed article
//! and on a desk's worth of copy (every plain-text and Markdown fixture, repeated to about
//! 1 MB), where the cost of compiling the rules is spread over far more text.

use std::hint::black_box;

use copydesk::analysis::Analysis;
use copydesk::diagnostic;
use copydesk::document::{Document, Format};
use copydesk::linter::Linter;
use copydesk::source::SourceFile;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const ARTICLE: &str = include_str!("../fixtures/nato-article.txt");

/// The stories of `fixtures/` kept as plain text or Markdown, read here as plain text.
const DESK: &[&str] = &[
    include_str!("../fixtures/nato-article.txt"),
    include_str!("../fixtures/court-ruling.txt"),
    include_str!("../fixtures/pentagon-sourcing.txt"),
    include_str!("../fixtures/trade-talks.txt"),
    include_str!("../fixtures/city-budget.md"),
    include_str!("../fixtures/council-sourcing.md"),
    include_str!("../fixtures/election-night.md"),
];

fn pipeline(c: &mut Criterion) {
    let mut desk = String::new();
    while desk.len() < 1 << 20 {
        for story in DESK {
            desk.push_str(story);
            desk.push_str("\n\n");
        }
    }
    stages(c, "seed-article", ARTICLE);
    stages(c, "desk-1mb", &desk);
}

fn stages(c: &mut Criterion, name: &str, text: &str) {
    // Built through `check`, so the gate is there, as on the command line.
    let linter = Linter::new(None, &[]).expect("bundled rules load");
    let file = SourceFile::new(format!("{name}.txt"), text);
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(text.len() as u64));
    if text.len() > 100_000 {
        group.sample_size(10);
    }
    group.bench_function("segmentation", |b| {
        b.iter(|| Analysis::new(Document::parse(black_box(text), Format::Plain)));
    });
    group.bench_function("attributions", |b| {
        b.iter(|| {
            let a = Analysis::new(Document::parse(black_box(text), Format::Plain));
            a.attributions().len()
        });
    });
    // The ledger and the gate's scan are computed once here, so "matching" is the rules alone.
    let analysis = Analysis::new(Document::parse(text, Format::Plain))
        .with_gate(linter.gate().expect("the bundled rules have literal words"));
    analysis.attributions();
    group.bench_function("matching", |b| {
        b.iter(|| diagnostic::collect(black_box(&analysis), &linter.rules));
    });
    group.bench_function("check", |b| {
        b.iter(|| linter.check(black_box(&file), Format::Plain));
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
