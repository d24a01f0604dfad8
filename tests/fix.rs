//! `copydesk check --fix` and `--diff` end to end, on copies of files in a scratch directory:
//! the exact diff, the exact text written, what is left alone (quotations, files with nothing
//! to fix, read-only files), permissions, standard input, and a second run that changes nothing.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use common::{Sandbox, assert_run, bundled_line};

/// A house rule set whose swaps are safe: spelling, not meaning. It checks quoted text too, so
/// that the tests can show a quoted finding is reported but never fixed.
const HOUSE: &str = r#"[[rule]]
id = "spelling"
kind = "substitution"
message = "house spelling is “{replacement}”"
fix = "safe"
quotations = "include"
swap = { "per cent" = "percent", "e-mail" = "email" }
"#;

/// Two safe fixes outside quotations, one finding inside a quotation, and one finding with no
/// fix (`anonymity.bare-source`).
const STORY: &str = "Turnout rose 4 per cent, the clerk wrote in an e-mail.\n\n\
                     “It rose 4 per cent,” she said.\n\n\
                     A source said the count was late.\n";

/// [`STORY`] after `--fix`.
const FIXED: &str = "Turnout rose 4 percent, the clerk wrote in an email.\n\n\
                     “It rose 4 per cent,” she said.\n\n\
                     A source said the count was late.\n";

/// What remains of [`STORY`] after `--fix`, in `--format short`.
const REMAINING: &str = "story.md:3:12: warning[house.spelling] house spelling is “percent”\n\
story.md:5:1: warning[anonymity.bare-source] “A source said”: a source with no description of who they are\n";

fn fixture(name: &str) -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name),
    )
    .expect("read a fixture")
}

/// `copydesk check --color never --no-config --rules house.toml <args>`, with [`HOUSE`] written.
fn house(sb: &Sandbox, args: &[&str]) -> common::Run {
    sb.write("house.toml", HOUSE);
    let mut all = vec!["--rules", "house.toml"];
    all.extend_from_slice(args);
    sb.check(&all)
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).expect("metadata").ino()
}

#[test]
fn diff_of_the_fixtures_with_unsafe_fixes() {
    let sb = Sandbox::new("diff-fixtures");
    let names = ["nato-article.txt", "port-strike.html", "trade-talks.txt"];
    for name in names {
        sb.write(name, fixture(name));
    }
    let run = sb.check(&["--diff", "--unsafe-fixes", "."]);
    assert_eq!(run.stderr, "Would fix 2 findings in 2 files\n", "{run:#?}");
    assert_eq!(run.code, Some(1), "{run:#?}");
    insta::assert_snapshot!(run.stdout);
    for name in names {
        assert_eq!(
            fs::read(sb.dir.join(name)).expect("read"),
            fixture(name),
            "--diff wrote {name}"
        );
    }
}

#[test]
fn diff_without_unsafe_fixes_applies_no_bundled_fix_and_says_so() {
    let sb = Sandbox::new("diff-safe-only");
    sb.write("port-strike.html", fixture("port-strike.html"));
    sb.write("trade-talks.txt", fixture("trade-talks.txt"));
    let run = sb.check(&["--diff", "."]);
    assert_run(
        &run,
        0,
        "",
        "Would fix 0 findings in 0 files (2 hidden fixes can be enabled with --unsafe-fixes)\n",
    );
}

#[test]
fn fix_writes_safe_fixes_outside_quotations_and_reports_what_remains() {
    let sb = Sandbox::new("fix");
    sb.write("story.md", STORY);
    let run = house(&sb, &["--format", "short", "--fix", "story.md"]);
    assert_run(&run, 1, REMAINING, "Fixed 2 findings in 1 file\n");
    assert_eq!(sb.read("story.md"), FIXED);
}

#[test]
fn fix_twice_changes_nothing_the_second_time() {
    let sb = Sandbox::new("fix-twice");
    sb.write("story.md", STORY);
    house(&sb, &["--format", "short", "--fix", "story.md"]);
    let before = fs::metadata(sb.dir.join("story.md")).expect("metadata");
    #[cfg(unix)]
    let ino = inode(&sb.dir.join("story.md"));
    let run = house(&sb, &["--format", "short", "--fix", "story.md"]);
    assert_run(&run, 1, REMAINING, "Fixed 0 findings in 0 files\n");
    assert_eq!(sb.read("story.md"), FIXED);
    let after = fs::metadata(sb.dir.join("story.md")).expect("metadata");
    assert_eq!(before.modified().ok(), after.modified().ok());
    #[cfg(unix)]
    assert_eq!(
        ino,
        inode(&sb.dir.join("story.md")),
        "the file was replaced"
    );
}

#[test]
fn a_file_with_nothing_to_fix_is_not_touched() {
    let sb = Sandbox::new("fix-untouched");
    sb.write("story.md", STORY);
    // CRLF line ends and no final newline: anything that rewrote the file would show.
    let clean = "The mayor opened the library.\r\nIt was “a fine e-mail day,” she said.";
    sb.write("clean.md", clean);
    let path = sb.dir.join("clean.md");
    let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(long_ago))
        .expect("set the modification time");
    #[cfg(unix)]
    let ino = inode(&path);
    let run = house(&sb, &["--format", "short", "--fix", "clean.md", "story.md"]);
    let expected = "clean.md:2:16: warning[house.spelling] house spelling is “email”\n".to_string()
        + REMAINING;
    assert_run(&run, 1, &expected, "Fixed 2 findings in 1 file\n");
    assert_eq!(fs::read(&path).expect("read"), clean.as_bytes());
    assert_eq!(
        fs::metadata(&path).and_then(|m| m.modified()).ok(),
        Some(long_ago)
    );
    #[cfg(unix)]
    assert_eq!(ino, inode(&path), "the file was replaced");
}

#[cfg(unix)]
#[test]
fn fix_keeps_the_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new("fix-permissions");
    sb.write("story.md", STORY);
    let path = sb.dir.join("story.md");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    house(&sb, &["--format", "short", "--fix", "story.md"]);
    assert_eq!(sb.read("story.md"), FIXED);
    let mode = fs::metadata(&path).expect("metadata").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_fixed() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new("fix-read-only");
    sb.write("story.md", STORY);
    let path = sb.dir.join("story.md");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("chmod");
    let run = house(&sb, &["--format", "short", "--fix", "story.md"]);
    assert_run(
        &run,
        2,
        "",
        "error: cannot write `story.md`: the file is read-only\nFixed 0 findings in 0 files\n",
    );
    assert_eq!(sb.read("story.md"), STORY);
}

#[test]
fn fix_on_stdin_prints_the_fixed_text_and_the_findings_on_stderr() {
    let sb = Sandbox::new("fix-stdin");
    sb.write("house.toml", HOUSE);
    let run = sb.run_in(
        ".",
        &[
            "check",
            "--color",
            "never",
            "--no-config",
            "--rules",
            "house.toml",
            "--format",
            "short",
            "--fix",
            "--stdin-filename",
            "story.md",
            "-",
        ],
        Some(STORY),
    );
    assert_run(
        &run,
        1,
        FIXED,
        &(REMAINING.to_string() + "Fixed 2 findings in 1 file\n"),
    );
}

#[test]
fn fix_with_stdin_and_another_path_is_a_usage_error() {
    let sb = Sandbox::new("fix-stdin-and-file");
    sb.write("story.md", STORY);
    let run = sb.check(&["--fix", "-", "story.md"]);
    assert_run(
        &run,
        2,
        "",
        "error: with --fix, `-` must be the only path: the fixed text goes to standard output\n",
    );
    assert_eq!(sb.read("story.md"), STORY);
}

#[test]
fn overlapping_fixes_are_applied_over_several_passes() {
    let sb = Sandbox::new("fix-overlap");
    // Two sets, so both findings are kept: one set reports overlapping text only once.
    sb.write(
        "figures.toml",
        "[[rule]]\nid = \"numeral\"\nkind = \"substitution\"\nmessage = \"m\"\nfix = \"safe\"\n\
         swap = { \"4 per\" = \"four per\" }\n",
    );
    sb.write(
        "spelling.toml",
        "[[rule]]\nid = \"percent\"\nkind = \"substitution\"\nmessage = \"m\"\nfix = \"safe\"\n\
         swap = { \"per cent\" = \"percent\" }\n",
    );
    sb.write("story.md", "Turnout rose 4 per cent.\n");
    let run = sb.check(&[
        "--rules",
        "figures.toml",
        "--rules",
        "spelling.toml",
        "--fix",
        "story.md",
    ]);
    assert_run(&run, 0, "", "Fixed 2 findings in 1 file\n");
    assert_eq!(sb.read("story.md"), "Turnout rose four percent.\n");
}

#[test]
fn fixes_that_undo_each_other_are_an_error_and_the_file_is_left() {
    let sb = Sandbox::new("fix-cycle");
    for (set, from, to) in [("a", "alpha", "beta"), ("b", "beta", "alpha")] {
        sb.write(
            &format!("{set}.toml"),
            format!(
                "[[rule]]\nid = \"swap\"\nkind = \"substitution\"\nmessage = \"m\"\n\
                 fix = \"safe\"\nswap = {{ \"{from}\" = \"{to}\" }}\n"
            ),
        );
    }
    sb.write("story.md", "From alpha to omega.\n");
    let run = sb.check(&[
        "--rules", "a.toml", "--rules", "b.toml", "--fix", "story.md",
    ]);
    assert_run(
        &run,
        2,
        "",
        "error: the fixes to `story.md` had not settled after 10 passes (`a.swap`, `b.swap` keep \
         changing it); the file was left as it was\nFixed 0 findings in 0 files\n",
    );
    assert_eq!(sb.read("story.md"), "From alpha to omega.\n");
}

#[test]
fn suppressed_findings_are_not_fixed() {
    let sb = Sandbox::new("fix-suppressed");
    let story = "<!-- copydesk-disable-next-line house.spelling: the quoted e-mail's own words -->\n\
                 The subject line read per cent.\n";
    sb.write("story.md", story);
    let run = house(&sb, &["--format", "short", "--fix", "story.md"]);
    assert_run(&run, 0, "", "Fixed 0 findings in 0 files\n");
    assert_eq!(sb.read("story.md"), story);
}

#[test]
fn unsafe_fixes_needs_fix_or_diff() {
    let sb = Sandbox::new("unsafe-alone");
    sb.write("story.md", STORY);
    let run = sb.check(&["--unsafe-fixes", "story.md"]);
    assert_eq!(run.code, Some(2), "{run:#?}");
    assert!(
        run.stderr.starts_with(
            "error: the following required arguments were not provided:\n  <--fix|--diff>\n"
        ),
        "{run:#?}"
    );
}

#[test]
fn explain_says_whether_a_fix_is_safe() {
    let sb = Sandbox::new("explain-fix");
    let run = sb.run(&[
        "explain",
        "framing.loaded-label",
        "--no-config",
        "--color",
        "never",
    ]);
    let head: Vec<&str> = run.stdout.lines().take(5).collect();
    let defined = format!(
        "  defined at <bundled>/framing.toml:{}",
        bundled_line("framing", "loaded-label")
    );
    assert_eq!(
        head,
        [
            "framing.loaded-label",
            "  kind substitution, severity warning, scope paragraph, quotations skip",
            "  fix unsafe: a suggestion; `check --fix --unsafe-fixes` or an editor applies it",
            "  opinion skip: silent on a story written in the first person",
            defined.as_str(),
        ],
        "{run:#?}"
    );
    sb.write("house.toml", HOUSE);
    let run = sb.run(&[
        "explain",
        "house.spelling",
        "--rules",
        "house.toml",
        "--no-config",
        "--color",
        "never",
    ]);
    assert_eq!(
        run.stdout.lines().nth(2),
        Some("  fix safe: `check --fix` applies it (never inside quotations)"),
        "{run:#?}"
    );
}

#[test]
fn a_bad_fix_field_is_reported_at_its_place() {
    let sb = Sandbox::new("fix-field");
    sb.write(
        "house.toml",
        r#"[[rule]]
id = "a"
kind = "substitution"
message = "m"
fix = "sfae"
swap = { "x" = "y" }

[[rule]]
id = "b"
kind = "existence"
message = "m"
fix = "safe"
words = ["z"]
"#,
    );
    let run = sb.test_rules("house.toml");
    let expected = r#"error: unknown fix safety `sfae`
  ┌─ house.toml:5:7
  │
5 │ fix = "sfae"
  │       ^^^^^^ not a fix safety
  │
  = help: did you mean `safe`? the fix safeties are: safe, unsafe

error: an `existence` rule has no replacement to fix with
   ┌─ house.toml:12:7
   │
12 │ fix = "safe"
   │       ^^^^^^ nothing to apply
   │
   = help: `fix` is for rules that suggest a replacement: substitution, repetition; remove it here

error: could not load rules: 2 problems found
"#;
    assert_run(&run, 2, "", expected);
}
