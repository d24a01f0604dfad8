//! What the end-to-end tests share: a scratch directory per test, the real binary run in it,
//! and exact assertions on what it printed.
// Each test crate uses a different part of this module.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use assert_cmd::Command;

/// A scratch working directory, removed when dropped (also when the test fails).
pub struct Sandbox {
    pub dir: PathBuf,
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Sandbox {
    /// Runs `copydesk check --color never --no-config --format short <args>` in the sandbox.
    pub fn short(&self, args: &[&str]) -> Run {
        let mut all = vec!["--format", "short"];
        all.extend_from_slice(args);
        self.check(&all)
    }

    /// Runs `copydesk test-rules --no-config --color never <file>` in the sandbox.
    pub fn test_rules(&self, file: &str) -> Run {
        self.run(&["test-rules", "--no-config", "--color", "never", file])
    }

    /// Reads `rel`, which must exist.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.dir.join(rel)).expect("read a sandbox file")
    }

    /// The path the binary shows for a `copydesk.toml` it found in the sandbox.
    pub fn config_path(&self) -> String {
        self.dir.join("copydesk.toml").display().to_string()
    }

    pub fn new(name: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("copydesk-test-{}-{n}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create the sandbox");
        // The binary reports a discovered config by its absolute, canonical path.
        let dir = dir.canonicalize().expect("canonicalize the sandbox");
        Self { dir }
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes `contents` to `rel`, creating parent directories.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.dir.join(rel);
        fs::create_dir_all(path.parent().expect("a file has a parent")).expect("create dirs");
        fs::write(path, contents).expect("write a sandbox file");
    }

    /// Runs `copydesk <args>` in the sandbox.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in(".", args, None)
    }

    /// Runs `copydesk <args>` in `sub` of the sandbox, with `stdin` as standard input.
    pub fn run_in(&self, sub: &str, args: &[&str], stdin: Option<&str>) -> Run {
        let mut cmd = Command::cargo_bin("copydesk").expect("the copydesk binary is built");
        cmd.current_dir(self.dir.join(sub)).args(args);
        if let Some(input) = stdin {
            cmd.write_stdin(input);
        }
        let out = cmd.output().expect("run copydesk");
        Run {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Runs `copydesk check --color never --no-config <args>` in the sandbox.
    pub fn check(&self, args: &[&str]) -> Run {
        let mut all = vec!["check", "--color", "never", "--no-config"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// Runs `copydesk check --color never <args>` in `sub`, letting it find `copydesk.toml`.
    pub fn check_with_config(&self, sub: &str, args: &[&str]) -> Run {
        let mut all = vec!["check", "--color", "never"];
        all.extend_from_slice(args);
        self.run_in(sub, &all, None)
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Asserts a run's exit code, stdout and stderr, exactly.
#[track_caller]
pub fn assert_run(run: &Run, code: i32, stdout: &str, stderr: &str) {
    assert_eq!(run.stdout, stdout, "stdout of {run:#?}");
    assert_eq!(run.stderr, stderr, "stderr of {run:#?}");
    assert_eq!(run.code, Some(code), "exit code of {run:#?}");
}

/// The line of a bundled rule's `id` (what `rules` and `explain` print as where it is
/// defined), read from the file itself so that editing a set does not break the
/// tests that print it.
pub fn bundled_line(set: &str, id: &str) -> usize {
    let path = format!("{}/rules/{set}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the bundled set is readable");
    let id_line = format!("id = \"{id}\"");
    let at = text
        .lines()
        .position(|l| l == id_line)
        .expect("the bundled rule exists");
    at + 1
}

/// How many examples the bundled rules carry (what `test-rules` counts), read from the sets
/// themselves so that adding an example does not break the tests that print the count.
pub fn bundled_examples() -> usize {
    let dir = format!("{}/rules", env!("CARGO_MANIFEST_DIR"));
    fs::read_dir(&dir)
        .expect("the bundled sets are readable")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| {
            path.extension().is_some_and(|e| e == "toml")
                && path.file_stem().is_some_and(|s| s != "lexicon")
        })
        .map(|path| {
            let text = fs::read_to_string(&path).expect("the bundled set is readable");
            let value: toml::Table = toml::from_str(&text).expect("the bundled set parses");
            let rules = value.get("rule").and_then(toml::Value::as_array);
            rules.map_or(0, |rules| {
                rules
                    .iter()
                    .filter_map(|r| r.get("examples"))
                    .flat_map(|e| ["flag", "pass"].map(|k| e.get(k)))
                    .flatten()
                    .filter_map(toml::Value::as_array)
                    .map(Vec::len)
                    .sum::<usize>()
            })
        })
        .sum()
}
