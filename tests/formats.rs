//! The CI formats of `copydesk check --format`, exactly, through the real binary: on the seed
//! article, and on a story made to need a fix, a suppression and escaping. The seed's SARIF is
//! also put through Microsoft's SARIF validator where it is installed.
//!
//! The validator is looked for at `$SARIF_MULTITOOL`, then `node_modules/.bin/sarif-multitool`
//! in the repository (`npm install --no-save @microsoft/sarif-multitool`, as `.ci/run` does),
//! then on `PATH`; without it the validation test says it was skipped and passes.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Run, Sandbox};

/// The driver's version in SARIF, which changes with every release, shown as `[VERSION]`.
fn redact_version(output: &str) -> String {
    output.replace(
        &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"version\": \"[VERSION]\"",
    )
}

/// `copydesk check --format FORMAT fixtures/nato-article.txt`, run in the repository so the
/// path is the same everywhere; it has warnings, so it exits 1 and says nothing on stderr.
fn seed(format: &str) -> String {
    let out = assert_cmd::Command::cargo_bin("copydesk")
        .expect("the binary is built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "--color",
            "never",
            "--no-config",
            "--format",
            format,
        ])
        .arg("fixtures/nato-article.txt")
        .output()
        .expect("run copydesk");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr, "", "stderr of --format {format}");
    assert_eq!(out.status.code(), Some(1), "exit code of --format {format}");
    redact_version(&String::from_utf8(out.stdout).expect("stdout is UTF-8"))
}

#[test]
fn seed_sarif() {
    insta::assert_snapshot!("seed_sarif", seed("sarif"));
}

#[test]
fn seed_github() {
    insta::assert_snapshot!("seed_github", seed("github"));
}

#[test]
fn seed_gitlab() {
    insta::assert_snapshot!("seed_gitlab", seed("gitlab"));
}

#[test]
fn seed_rdjson() {
    insta::assert_snapshot!("seed_rdjson", seed("rdjson"));
}

#[test]
fn seed_junit() {
    insta::assert_snapshot!("seed_junit", seed("junit"));
}

#[test]
fn seed_json_lines() {
    insta::assert_snapshot!("seed_json_lines", seed("json-lines"));
}

#[test]
fn seed_checkstyle() {
    insta::assert_snapshot!("seed_checkstyle", seed("checkstyle"));
}

/// A house rule at error whose message holds what every format must escape.
const HOUSE_RULES: &str = r#"[[rule]]
id = "irregardless"
kind = "existence"
severity = "error"
message = "“{match}” is 100% banned,\nsee A&B: <style> \"guide\""
label = "use “regardless”"
words = ["irregardless"]
"#;

/// A loaded word with a fix, two suppressed findings with a reason, the house rule's error;
/// and a clean file beside it.
const TRICKY: &str = "The senator slammed the proposal.

<!-- copydesk-disable-next-line superlatives: quoting the press release -->
An unprecedented, high-stakes vote.

The council voted, irregardless of the protest.
";

/// The path of [`TRICKY`]: `&`, `%`, `,` and a space to escape in names.
const TRICKY_PATH: &str = "desk/Q&A, 100% live.md";

/// `copydesk check --format FORMAT --rules house.toml desk` on the tricky story and a clean one.
fn tricky(format: &str) -> String {
    let sb = Sandbox::new(&format!("tricky-{format}"));
    sb.write("house.toml", HOUSE_RULES);
    sb.write(TRICKY_PATH, TRICKY);
    sb.write(
        "desk/clean.md",
        "The mayor opened the new library on Tuesday.\n",
    );
    let run = sb.check(&["--format", format, "--rules", "house.toml", "desk"]);
    assert_eq!(run.stderr, "", "stderr of --format {format}");
    assert_eq!(run.code, Some(1), "exit code of --format {format}");
    redact_version(&run.stdout)
}

#[test]
fn tricky_sarif() {
    insta::assert_snapshot!("tricky_sarif", tricky("sarif"));
}

#[test]
fn tricky_github() {
    insta::assert_snapshot!("tricky_github", tricky("github"));
}

#[test]
fn tricky_gitlab() {
    insta::assert_snapshot!("tricky_gitlab", tricky("gitlab"));
}

#[test]
fn tricky_rdjson() {
    insta::assert_snapshot!("tricky_rdjson", tricky("rdjson"));
}

#[test]
fn tricky_junit() {
    insta::assert_snapshot!("tricky_junit", tricky("junit"));
}

#[test]
fn tricky_json_lines() {
    insta::assert_snapshot!("tricky_json_lines", tricky("json-lines"));
}

#[test]
fn tricky_checkstyle() {
    insta::assert_snapshot!("tricky_checkstyle", tricky("checkstyle"));
}

#[test]
fn json_lines_are_the_elements_of_json() {
    let array: serde_json::Value =
        serde_json::from_str(&seed("json")).expect("json is a JSON array");
    let lines: Vec<serde_json::Value> = seed("json-lines")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(array, serde_json::Value::Array(lines));
}

// ---------------------------------------------------------------------------------------------
// SARIF validation

/// Where the SARIF validator is, if anywhere.
fn sarif_multitool() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SARIF_MULTITOOL") {
        return Some(PathBuf::from(path));
    }
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/.bin/sarif-multitool");
    if local.is_file() {
        return Some(local);
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("sarif-multitool"))
        .find(|p| p.is_file())
}

/// Runs `sarif-multitool validate NAME -o NAME.out` on `sarif` in the sandbox; what it printed
/// and the SARIF log of its findings.
fn validate(tool: &Path, sb: &Sandbox, name: &str, sarif: &str) -> (String, serde_json::Value) {
    sb.write(name, sarif);
    let out = format!("{name}.out");
    let run = Command::new(tool)
        .args(["validate", name, "-o", &out])
        .current_dir(sb.path())
        .output()
        .expect("run sarif-multitool");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success(), "sarif-multitool failed: {printed}");
    let log = serde_json::from_str(&sb.read(&out)).expect("the validator writes SARIF");
    (printed, log)
}

/// The validator's findings at level error (its results default to warning).
fn errors(log: &serde_json::Value) -> Vec<&serde_json::Value> {
    log["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["level"] == "error")
        .collect()
}

#[test]
fn sarif_passes_the_sarif_validator() {
    let Some(tool) = sarif_multitool() else {
        // Written to stderr itself, not through eprintln!, which the test harness captures:
        // a skip should show in a CI log.
        let _ = writeln!(
            std::io::stderr(),
            "sarif_passes_the_sarif_validator skipped: sarif-multitool not found (set \
             SARIF_MULTITOOL, or run `npm install --no-save @microsoft/sarif-multitool` in the \
             repository)"
        );
        return;
    };
    let sb = Sandbox::new("sarif-validate");
    // The validator accepts silently a file it cannot read; so first make sure it is working
    // here, and would catch a broken log.
    let broken = seed("sarif").replace("\"startLine\": 1,", "\"startLine\": 0,");
    let (printed, log) = validate(&tool, &sb, "broken.sarif", &broken);
    assert!(
        printed.contains(": error ") && !errors(&log).is_empty(),
        "the validator missed a line 0: {printed}"
    );
    let tricky_sarif = tricky("sarif");
    for (name, sarif) in [
        ("seed.sarif", seed("sarif")),
        ("tricky.sarif", tricky_sarif),
    ] {
        let (printed, log) = validate(&tool, &sb, name, &sarif);
        assert!(
            !printed.contains(": error ") && errors(&log).is_empty(),
            "{name} is not valid SARIF: {printed}"
        );
    }
}

/// SARIF describes every rule that ran, findings or not, so a viewer can list them.
#[test]
fn sarif_lists_every_rule_that_ran() {
    let sb = Sandbox::new("sarif-rules");
    sb.write("story.md", "The mayor opened the new library on Tuesday.\n");
    let run: Run = sb.check(&["--format", "sarif", "--select", "framing", "story.md"]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    let log: serde_json::Value = serde_json::from_str(&run.stdout).expect("SARIF is JSON");
    let ids: Vec<&str> = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| r["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(
        ids,
        [
            "framing.presupposition",
            "framing.cliche",
            "framing.editorializing",
            "framing.distancing-quotes",
            "framing.loaded-label",
            "framing.one-sided",
            "copydesk.unknown-directive",
            "copydesk.unknown-rule",
            "copydesk.missing-reason",
            "copydesk.unused-suppression",
        ]
    );
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}
