//! Throughput of the pipeline on the seed article, in bytes per second: segmentation
//! (document, sentences, quotations), the attribution ledger, rule matching, and a whole check.

use std::hint::black_box;

use copydesk::analysis::Analysis;
use copydesk::diagnostic;
use copydesk::document::{Document, Format};
use copydesk::linter::Linter;
use copydesk::source::SourceFile;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const ARTICLE: &str = include_str!("../fixtures/nato-article.txt");

fn pipeline(c: &mut Criterion) {
    let linter = Linter::new(None, &[]).expect("bundled rules load");
    let file = SourceFile::new("nato-article.txt", ARTICLE);
    let mut group = c.benchmark_group("seed-article");
    group.throughput(Throughput::Bytes(ARTICLE.len() as u64));
    group.bench_function("segmentation", |b| {
        b.iter(|| Analysis::new(Document::parse(black_box(ARTICLE), Format::Plain)));
    });
    group.bench_function("attributions", |b| {
        b.iter(|| {
            let a = Analysis::new(Document::parse(black_box(ARTICLE), Format::Plain));
            a.attributions().len()
        });
    });
    // The ledger is computed once here, so "matching" is the rules alone.
    let analysis = Analysis::new(Document::parse(ARTICLE, Format::Plain));
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
