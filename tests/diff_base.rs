//! `copydesk check --diff-base REF` in a scratch git repository: only findings on lines changed
//! since REF are reported, and a missing repository or an unknown ref is a clear error.

mod common;

use std::process::Command;

use common::{Run, Sandbox, assert_run};

/// Three paragraphs: a warning, a clean one, an info.
const COMMITTED: &str = "A source said the deal was off.\n\n\
    The mayor opened the new library on Tuesday.\n\n\
    Whether the deal holds remains to be seen.\n";

/// The same story with only the middle paragraph rewritten, to hold a warning.
const EDITED: &str = "A source said the deal was off.\n\n\
    The mayor, analysts suggest, opened the new library on Tuesday.\n\n\
    Whether the deal holds remains to be seen.\n";

/// Runs git in the sandbox, which must succeed; no user config may sign or hook the commit.
fn git(sb: &Sandbox, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=copydesk tests",
            "-c",
            "user.email=tests@copydesk.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "core.hooksPath=/dev/null",
        ])
        .args(args)
        .current_dir(sb.path())
        .status()
        .expect("run git");
    assert!(status.success(), "git {args:?} failed");
}

/// A sandbox holding a git repository with `story.md` committed as [`COMMITTED`].
fn repository(name: &str) -> Sandbox {
    let sb = Sandbox::new(name);
    git(&sb, &["init", "-q"]);
    sb.write("story.md", COMMITTED);
    git(&sb, &["add", "story.md"]);
    git(&sb, &["commit", "-q", "-m", "first draft"]);
    sb
}

/// `copydesk check --format short <args>` in the sandbox; git may not look for a repository
/// above it, so the sandbox is a repository or none whatever the temp directory is in.
fn check(sb: &Sandbox, args: &[&str]) -> Run {
    let ceiling = sb.path().parent().expect("the sandbox has a parent");
    let mut cmd = assert_cmd::Command::cargo_bin("copydesk").expect("the binary is built");
    cmd.current_dir(sb.path())
        .env("GIT_CEILING_DIRECTORIES", ceiling)
        .args([
            "check",
            "--color",
            "never",
            "--no-config",
            "--format",
            "short",
        ])
        .args(args);
    let out = cmd.output().expect("run copydesk");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

#[test]
fn only_findings_on_changed_lines_are_reported() {
    let sb = repository("diff-base-changed");
    sb.write("story.md", EDITED);
    // Without --diff-base, all three findings.
    let all = "\
story.md:1:1: warning[anonymity.bare-source] “A source said”: a source with no description of who they are
story.md:3:12: warning[anonymity.vague-source] vague attribution: “analysts suggest”
story.md:5:24: info[framing.cliche] cliché: “remains to be seen”
";
    assert_run(&check(&sb, &["story.md"]), 1, all, "");
    let changed =
        "story.md:3:12: warning[anonymity.vague-source] vague attribution: “analysts suggest”\n";
    assert_run(
        &check(&sb, &["--diff-base", "HEAD", "story.md"]),
        1,
        changed,
        "",
    );
    // The same once the edit is committed, against the commit before it, walking the directory.
    git(&sb, &["commit", "-q", "-am", "second draft"]);
    assert_run(&check(&sb, &["--diff-base", "HEAD~1"]), 1, changed, "");
}

#[test]
fn an_unchanged_file_reports_nothing() {
    let sb = repository("diff-base-unchanged");
    assert_run(&check(&sb, &["--diff-base", "HEAD", "story.md"]), 0, "", "");
}

#[test]
fn new_and_untracked_files_are_changed_throughout() {
    let sb = repository("diff-base-new");
    sb.write("added.md", "Sources said the vote was close.\n");
    git(&sb, &["add", "added.md"]);
    git(&sb, &["commit", "-q", "-m", "a new story"]);
    sb.write("untracked.md", "A source said the deal was off.\n");
    let expected = "\
added.md:1:1: warning[anonymity.bare-source] “Sources said”: a source with no description of who they are
untracked.md:1:1: warning[anonymity.bare-source] “A source said”: a source with no description of who they are
";
    assert_run(&check(&sb, &["--diff-base", "HEAD~1"]), 1, expected, "");
}

#[test]
fn an_unknown_ref_is_an_error() {
    let sb = repository("diff-base-unknown-ref");
    assert_run(
        &check(&sb, &["--diff-base", "no-such-branch", "story.md"]),
        2,
        "",
        "error: --diff-base: `no-such-branch` is not a commit git knows\n",
    );
}

#[test]
fn outside_a_git_repository_is_an_error() {
    let sb = Sandbox::new("diff-base-no-repo");
    sb.write("story.md", COMMITTED);
    assert_run(
        &check(&sb, &["--diff-base", "HEAD", "story.md"]),
        2,
        "",
        "error: --diff-base needs a git repository, and this is not one: fatal: not a git \
         repository (or any of the parent directories): .git\n",
    );
}

#[test]
fn standard_input_is_refused() {
    let sb = repository("diff-base-stdin");
    assert_run(
        &check(&sb, &["--diff-base", "HEAD", "-"]),
        2,
        "",
        "error: --diff-base compares files on disk with git; standard input has no history\n",
    );
}
