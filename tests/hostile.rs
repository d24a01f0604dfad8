//! Hostile input, end to end: text, rule files and file systems a linter meets unattended in CI
//! and in editors. Each test asserts the exact output or error, or at least that the run ends
//! with a finding or an error rather than a crash. Large inputs are generated here, never
//! committed. (Invalid UTF-8, binary files, empty files, malformed TOML, `extends` cycles,
//! read-only files and files changed before a fix are covered in cli.rs, authoring.rs, fix.rs
//! and src/atomic.rs; arbitrary text in every format in properties.rs.)

mod common;

use std::fmt::Write;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{Sandbox, assert_run};

const SEED: &str = include_str!("../fixtures/nato-article.txt");

/// The seed article's paragraphs joined into one line, repeated to at least `bytes`.
fn one_line_story(bytes: usize) -> String {
    let line = SEED.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(bytes + line.len());
    while out.len() < bytes {
        out.push_str(&line);
        out.push(' ');
    }
    out
}

#[test]
fn a_story_of_megabytes_on_one_line_is_checked() {
    let sb = Sandbox::new("one-line");
    let story = one_line_story(2 << 20);
    let copies = story.len().div_ceil(SEED.len());
    sb.write("story.txt", &story);
    let run = sb.short(&["story.txt"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines.iter().all(|l| l.starts_with("story.txt:1:")));
    // The seed's anonymous sources are found in every copy, not only the first few.
    let anonymous = lines.iter().filter(|l| l.contains("anonymity.")).count();
    assert!(
        anonymous >= copies,
        "{anonymous} anonymity findings in {copies} copies"
    );
}

#[test]
fn a_quotation_of_a_million_characters_is_attributed() {
    let sb = Sandbox::new("long-quotation");
    let quote = "lorem ipsum dolor sit amet ".repeat(40_000);
    sb.write(
        "story.txt",
        format!("“{quote}end,” a senior official said.\n"),
    );
    let column = quote.chars().count() + 8;
    assert_run(
        &sb.short(&["story.txt"]),
        1,
        &format!(
            "story.txt:1:{column}: warning[anonymity.unnamed-official] unnamed source, no reason given for the \
             anonymity: “a senior official”\n"
        ),
        "",
    );
}

#[test]
fn unbalanced_and_nested_quotation_marks() {
    let sb = Sandbox::new("unbalanced");
    sb.write(
        "story.txt",
        "He said “it is ‘not “over” yet.\n\n”” ““ Sources said « it ” was “unprecedented.\n\n\
         \"Quote never closed, a senior official said.\n",
    );
    // The quotation rule is off by default; the unclosed quotation is what it must survive.
    sb.write(
        "copydesk.toml",
        "enable = [\"attribution.quotation-no-speaker\"]\n",
    );
    assert_run(
        &sb.check_with_config(".", &["--format", "short", "story.txt"]),
        1,
        "story.txt:3:7: warning[anonymity.bare-source] “Sources said”: a source with no \
         description of who they are\n\
         story.txt:3:32: info[superlatives.superlative-claim] superlative claim with no figure: “unprecedented”\n\
         story.txt:5:1: info[attribution.quotation-no-speaker] quotation with no speaker\n",
        "",
    );
}

#[test]
fn a_hundred_thousand_nested_block_quotes() {
    let sb = Sandbox::new("block-quotes");
    sb.write(
        "story.md",
        format!("{} Sources said it.\n", ">".repeat(100_000)),
    );
    assert_run(
        &sb.short(&["story.md"]),
        1,
        "story.md:1:100002: warning[anonymity.bare-source] “Sources said”: a source with no \
         description of who they are\n",
        "",
    );
}

#[test]
fn three_thousand_nested_lists() {
    let sb = Sandbox::new("lists");
    let mut list = String::new();
    for i in 0..3_000 {
        writeln!(list, "{}- item", "  ".repeat(i)).expect("write to a string");
    }
    sb.write("story.md", format!("{list}\nSources said it.\n"));
    assert_run(
        &sb.short(&["story.md"]),
        1,
        "story.md:3002:1: warning[anonymity.bare-source] “Sources said”: a source with no \
         description of who they are\n",
        "",
    );
}

#[test]
fn malformed_html_deeply_nested_and_never_closed() {
    let sb = Sandbox::new("html");
    let nested = "<div>".repeat(100_000);
    sb.write(
        "story.html",
        format!("{nested}<p>Sources said it &amp c&#xZZ; &#99999999;<b>x</i></p><a href=\"x"),
    );
    assert_run(
        &sb.short(&["story.html"]),
        1,
        "story.html:1:500004: warning[anonymity.bare-source] “Sources said”: a source with no \
         description of who they are\n",
        "",
    );
}

#[test]
fn line_ends_bom_scripts_and_combining_marks_keep_columns_in_characters() {
    let sb = Sandbox::new("line-ends");
    // A BOM, a CRLF, a lone CR, Cyrillic and Arabic, a combining accent and a zero-width joiner
    // before the finding on the third line.
    sb.write(
        "story.txt",
        "\u{feff}Москва\r\nمرحبا\rCafe\u{301}\u{200d} Sources said it.\n",
    );
    let run = sb.check(&["--format", "json", "story.txt"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let found: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let d = &found[0];
    assert_eq!(
        (&d["line"], &d["column"], &d["end_column"], &d["match"]),
        (
            &serde_json::json!(3),
            &serde_json::json!(8),
            &serde_json::json!(20),
            &serde_json::json!("Sources said")
        )
    );
}

#[test]
fn a_huge_regex_is_an_error_at_its_line() {
    let sb = Sandbox::new("huge-regex");
    sb.write(
        "house.toml",
        "[[rule]]\nid = \"huge\"\nkind = \"existence\"\nmessage = \"x\"\n\
         patterns = [\"\\\\w{1000}\\\\w{1000}\"]\n",
    );
    sb.write("story.txt", "Words.\n");
    assert_run(
        &sb.short(&["--rules", "house.toml", "story.txt"]),
        2,
        "",
        "error: invalid regex: regex is too big: it would compile to more than 8388608 bytes\n  \
         ┌─ house.toml:5:13\n  │\n5 │ patterns = [\"\\\\w{1000}\\\\w{1000}\"]\n  │             \
         ^^^^^^^^^^^^^^^^^^^^ invalid regex\n\nerror: could not load rules: 1 problem found\n",
    );
}

#[test]
fn a_regex_nested_ten_thousand_deep_is_an_error() {
    let sb = Sandbox::new("deep-regex");
    let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
    sb.write(
        "house.toml",
        format!("[[rule]]\nid = \"deep\"\nkind = \"existence\"\nmessage = \"x\"\npatterns = [\"{deep}\"]\n"),
    );
    sb.write("story.txt", "Words.\n");
    let run = sb.short(&["--rules", "house.toml", "story.txt"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.starts_with(
            "error: invalid regex: exceed the maximum number of nested parentheses/brackets \
             (250)\n  ┌─ house.toml:5:13\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("error: could not load rules: 1 problem found\n")
    );
}

#[test]
fn a_rule_set_of_a_hundred_thousand_rules_loads() {
    let sb = Sandbox::new("many-rules");
    let mut rules = String::new();
    for i in 0..100_000 {
        writeln!(
            rules,
            "[[rule]]\nid = \"r{i}\"\nkind = \"existence\"\nmessage = \"word {i}\"\n\
             words = [\"zqx{i}\"]\n"
        )
        .expect("write to a string");
    }
    sb.write("house.toml", rules);
    sb.write("story.txt", "The zqx99999 is here.\n");
    assert_run(
        &sb.short(&["--rules", "house.toml", "story.txt"]),
        1,
        "story.txt:1:5: warning[house.r99999] word 99999\n",
        "",
    );
}

#[test]
fn symbolic_link_loops_and_dangling_links_in_a_walk() {
    let sb = Sandbox::new("links");
    sb.write("desk/sub/story.txt", "Sources said it.\n");
    std::os::unix::fs::symlink("..", sb.dir.join("desk/sub/up")).expect("symlink");
    std::os::unix::fs::symlink("nowhere.md", sb.dir.join("desk/gone.md")).expect("symlink");
    assert_run(
        &sb.short(&["desk"]),
        1,
        "desk/sub/story.txt:1:1: warning[anonymity.bare-source] “Sources said”: a source with \
         no description of who they are\n",
        "",
    );
}

#[test]
fn a_directory_of_ten_thousand_files() {
    let sb = Sandbox::new("many-files");
    for i in 0..10_000 {
        sb.write(&format!("desk/{i:05}.txt"), "The council met.\n");
    }
    sb.write("desk/09999.txt", "Sources said it.\n");
    assert_run(
        &sb.short(&["desk"]),
        1,
        "desk/09999.txt:1:1: warning[anonymity.bare-source] “Sources said”: a source with no \
         description of who they are\n",
        "",
    );
}

#[test]
fn a_reader_that_stops_reading_ends_the_run_quietly() {
    let sb = Sandbox::new("closed-stdout");
    sb.write("story.txt", one_line_story(1 << 20));
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(&sb.dir)
        .args(["check", "--no-config", "--format", "short", "story.txt"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run copydesk");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("piped stdout"))
        .read_line(&mut first)
        .expect("read a line");
    // The reader is gone, as with `copydesk check . | head -1`: the run stops writing and
    // ends as a success (the pipeline's status is the reader's), saying nothing.
    let out = child.wait_with_output().expect("wait");
    assert!(first.starts_with("story.txt:1:"), "{first}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
}
