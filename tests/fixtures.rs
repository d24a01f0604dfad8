//! The fixtures are news texts with an editor's marks (`NAME.expected.toml`, the format of
//! `../shared/tools/check-expected`): every `[[flag]]` must be found by a rule of one of its
//! sets, and no `[[pass]]` may be reported. A flag the rules are known to miss carries
//! `known-miss = "why"`; it must still be missed, so the mark is updated when a rule learns it.
//! The seed article has no known misses. A flag only a rule that is off by default finds
//! carries `off-by-default = "RULE"`: missed by the default rules, found by that rule when it is
//! turned on.

use std::path::{Path, PathBuf};

use codespan_reporting::term::termcolor::NoColor;
use copydesk::document::Format;
use copydesk::linter::Linter;
use copydesk::output::{self, Report};
use copydesk::source::SourceFile;
use serde::Deserialize;

#[derive(Deserialize)]
struct Marks {
    #[serde(default)]
    flag: Vec<Mark>,
    #[serde(default)]
    pass: Vec<Mark>,
}

#[derive(Deserialize)]
struct Mark {
    text: String,
    sets: Vec<String>,
    #[serde(rename = "known-miss")]
    known_miss: Option<String>,
    #[serde(rename = "off-by-default")]
    off_by_default: Option<String>,
}

fn fixtures() -> Vec<(PathBuf, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixtures/ exists") {
        let marks = entry.expect("readable entry").path();
        let Some(name) = marks.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".expected.toml") else {
            continue;
        };
        let text = ["txt", "md", "html"]
            .iter()
            .map(|ext| dir.join(format!("{stem}.{ext}")))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("no text beside {name}"));
        out.push((text, marks));
    }
    out.sort();
    out
}

/// The diagnostics of every bundled rule, those off by default included.
fn check_all(file: &SourceFile, text_path: &Path) -> Vec<copydesk::diagnostic::Diagnostic> {
    let mut linter = Linter::new(None, &[]).expect("bundled rules load");
    let ids: Vec<String> = linter.loaded().map(|r| r.id.clone()).collect();
    linter.select(&ids, &[]).expect("every loaded rule selects");
    assert!(linter.off.is_empty());
    linter.check(file, Format::from_path(text_path))
}

fn check(text_path: &Path) -> (SourceFile, Vec<copydesk::diagnostic::Diagnostic>, Linter) {
    let text = std::fs::read_to_string(text_path).expect("fixture is UTF-8");
    let name = format!(
        "fixtures/{}",
        text_path.file_name().unwrap().to_string_lossy()
    );
    let file = SourceFile::new(name, text);
    let linter = Linter::new(None, &[]).expect("bundled rules load");
    let diagnostics = linter.check(&file, Format::from_path(text_path));
    (file, diagnostics, linter)
}

#[test]
fn fixtures_match_their_marks() {
    let all = fixtures();
    assert!(
        all.iter().any(|(t, _)| t.ends_with("nato-article.txt")),
        "the seed is a fixture"
    );
    let mut failures = Vec::new();
    for (text_path, marks_path) in &all {
        let marks: Marks = toml::from_str(&std::fs::read_to_string(marks_path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", marks_path.display()));
        let (file, diagnostics, _) = check(text_path);
        let every_rule = check_all(&file, text_path);
        let by_rule = |mark: &Mark, rule: &str| {
            let start = file.text.find(&mark.text).unwrap_or_default();
            let end = start + mark.text.len();
            every_rule
                .iter()
                .any(|d| d.rule == rule && d.span.start < end && d.span.end > start)
        };
        let hits = |mark: &Mark| {
            let matches: Vec<_> = file.text.match_indices(&mark.text).collect();
            assert_eq!(
                matches.len(),
                1,
                "{}: {:?} must occur once",
                marks_path.display(),
                mark.text
            );
            let (start, end) = (matches[0].0, matches[0].0 + mark.text.len());
            diagnostics
                .iter()
                .filter(|d| {
                    let set = d.rule.split('.').next().unwrap_or_default();
                    mark.sets.iter().any(|s| s == set) && d.span.start < end && d.span.end > start
                })
                .count()
        };
        let name = text_path.file_name().unwrap().to_string_lossy();
        for f in &marks.flag {
            if let Some(rule) = &f.off_by_default {
                if !by_rule(f, rule) {
                    failures.push(format!("{name}: {rule}, turned on, misses {:?}", f.text));
                }
            }
            let expected_miss = f.known_miss.is_some() || f.off_by_default.is_some();
            match (hits(f) > 0, expected_miss) {
                (false, false) => failures.push(format!("{name}: MISSING {:?}", f.text)),
                (true, true) => failures.push(format!(
                    "{name}: now found, remove its known-miss or off-by-default: {:?}",
                    f.text
                )),
                _ => {}
            }
        }
        for p in &marks.pass {
            if hits(p) > 0 {
                failures.push(format!("{name}: WRONGLY reported {:?}", p.text));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seed_article_renders_as_before() {
    let text_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/nato-article.txt");
    let (file, diagnostics, linter) = check(&text_path);
    let mut out = NoColor::new(Vec::new());
    output::write(
        output::Format::Human,
        &[Report { file, diagnostics }],
        &linter.rules,
        &mut out,
        100,
    )
    .unwrap();
    insta::assert_snapshot!(String::from_utf8(out.into_inner()).unwrap());
}

#[test]
fn seed_article_ledger_as_before() {
    let out = assert_cmd::Command::cargo_bin("copydesk")
        .unwrap()
        .args(["sources", "--color", "never", "fixtures/nato-article.txt"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}
