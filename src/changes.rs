//! Changed lines, for `--diff-base REF`: a check in CI on a pull request reports only what the
//! pull request wrote, not every old finding in the files it touched.
//!
//! The lines are those `git diff --unified=0 REF` shows as added or changed in the working tree
//! (committed, staged or not). A file new since REF, or not yet known to git (untracked and not
//! ignored), is changed throughout: all of it is new writing. A file git ignores, or one that is
//! the same as at REF, has no changed lines.

use std::collections::HashMap;
use std::ffi::OsString;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::output::Report;

/// The lines that differ from a git ref, by file.
#[derive(Debug, Default)]
pub struct ChangedLines {
    /// Canonical path to its changed lines: 1-based ranges, end exclusive; `None` for a file
    /// that is new throughout.
    files: HashMap<PathBuf, Option<Vec<Range<usize>>>>,
}

impl ChangedLines {
    /// Asks git which lines under `paths` (which exist) differ from `base`. Git runs in the
    /// repository of the first path, so copydesk may be run from outside it.
    pub fn since(base: &str, paths: &[PathBuf]) -> Result<Self, String> {
        let paths: Vec<PathBuf> = paths.iter().map(|p| canonical(p)).collect();
        let dir = match paths.first() {
            Some(p) if p.is_dir() => p.clone(),
            Some(p) => p.parent().map_or_else(|| p.clone(), Path::to_path_buf),
            None => PathBuf::from("."),
        };
        let git = |args: &[OsString]| git(&dir, args);
        let top = git(&strings(&["rev-parse", "--show-toplevel"])).map_err(|why| {
            format!("--diff-base needs a git repository, and this is not one: {why}")
        })?;
        let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches(['\n', '\r']));
        let commit = git(&strings(&[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &format!("{base}^{{commit}}"),
        ]))
        .map_err(|_| format!("--diff-base: `{base}` is not a commit git knows"))?;
        let commit = String::from_utf8_lossy(&commit).trim().to_string();
        let diff_args = [
            "-c",
            "core.quotepath=off",
            "--literal-pathspecs",
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--find-renames",
            "--unified=0",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            commit.as_str(),
            "--",
        ];
        let diff = git(&with_paths(&diff_args, &paths))
            .map_err(|why| format!("--diff-base: git diff failed: {why}"))?;
        let untracked_args = [
            "--literal-pathspecs",
            "ls-files",
            "--others",
            "--exclude-standard",
            "--full-name",
            "-z",
            "--",
        ];
        let untracked = git(&with_paths(&untracked_args, &paths))
            .map_err(|why| format!("--diff-base: git ls-files failed: {why}"))?;
        let mut files = HashMap::new();
        for (path, lines) in parse_diff(&diff) {
            files.insert(canonical(&top.join(path)), Some(lines));
        }
        for name in untracked.split(|&b| b == 0).filter(|n| !n.is_empty()) {
            files.insert(
                canonical(&top.join(String::from_utf8_lossy(name).as_ref())),
                None,
            );
        }
        Ok(Self { files })
    }

    /// Keeps in `reports` only the findings whose primary span touches a changed line.
    pub fn filter(&self, reports: &mut [Report]) {
        for report in reports {
            let changed = self.files.get(&canonical(Path::new(&report.file.name)));
            let file = &report.file;
            report.diagnostics.retain(|d| {
                let first = file.line_index(d.span.start) + 1;
                let last = file.line_index(d.span.end.saturating_sub(1).max(d.span.start)) + 1;
                match changed {
                    None => false,
                    Some(None) => true,
                    Some(Some(lines)) => lines.iter().any(|r| r.start <= last && first < r.end),
                }
            });
        }
    }
}

fn strings(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

/// `args` followed by `paths`, which need not be UTF-8.
fn with_paths(args: &[&str], paths: &[PathBuf]) -> Vec<OsString> {
    let mut all = strings(args);
    all.extend(paths.iter().map(|p| p.clone().into_os_string()));
    all
}

/// Runs git in `dir`; its standard output, or why it failed.
fn git(dir: &Path, args: &[OsString]) -> Result<Vec<u8>, String> {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if status.success() {
        Ok(stdout)
    } else {
        let said = String::from_utf8_lossy(&stderr).trim().to_string();
        Err(if said.is_empty() {
            format!("git exited with {status}")
        } else {
            said
        })
    }
}

/// The path with symbolic links resolved, so git's names and ours meet; as given when it
/// does not exist.
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// The new-side lines of each file in a `--unified=0` diff, by the file's path relative to the
/// repository's top. Hunk bodies are counted, not scanned, so an added line that reads
/// `+++ x` is not taken for a file header.
fn parse_diff(diff: &[u8]) -> Vec<(String, Vec<Range<usize>>)> {
    let mut files: Vec<(String, Vec<Range<usize>>)> = Vec::new();
    let (mut old_left, mut new_left) = (0usize, 0usize);
    for line in diff.split(|&b| b == b'\n') {
        if old_left > 0 || new_left > 0 {
            match line.first() {
                Some(b'-') => old_left = old_left.saturating_sub(1),
                Some(b'+') => new_left = new_left.saturating_sub(1),
                _ => {}
            }
            continue;
        }
        if let Some(name) = line.strip_prefix(b"+++ ") {
            if name != b"/dev/null" {
                let name = unquote(name);
                let name = name.strip_prefix(b"b/").unwrap_or(&name);
                files.push((String::from_utf8_lossy(name).into_owned(), Vec::new()));
            }
        } else if line.starts_with(b"@@ ") {
            let header = String::from_utf8_lossy(line);
            let mut sides = header.split(' ').skip(1);
            let old = sides.next().and_then(|s| s.strip_prefix('-')).map(counts);
            let new = sides.next().and_then(|s| s.strip_prefix('+')).map(counts);
            if let (Some((_, old_count)), Some((start, new_count))) = (old, new) {
                old_left = old_count;
                new_left = new_count;
                if new_count > 0 {
                    if let Some((_, lines)) = files.last_mut() {
                        lines.push(start..start + new_count);
                    }
                }
            }
        }
    }
    files
}

/// `start,count` of a hunk header side; a lone `start` means one line.
fn counts(side: &str) -> (usize, usize) {
    let (start, count) = side.split_once(',').unwrap_or((side, "1"));
    (start.parse().unwrap_or(0), count.parse().unwrap_or(0))
}

/// A file name as git writes it in a header: C-quoted when it holds a quote, a backslash or a
/// control character, and followed by a tab when it holds a space.
fn unquote(name: &[u8]) -> Vec<u8> {
    let Some(inner) = name.strip_prefix(b"\"").and_then(|n| n.strip_suffix(b"\"")) else {
        return name.strip_suffix(b"\t").unwrap_or(name).to_vec();
    };
    let mut out = Vec::with_capacity(inner.len());
    let mut bytes = inner.iter().copied().peekable();
    while let Some(b) = bytes.next() {
        if b != b'\\' {
            out.push(b);
            continue;
        }
        match bytes.next() {
            Some(b'a') => out.push(0x07),
            Some(b'b') => out.push(0x08),
            Some(b't') => out.push(b'\t'),
            Some(b'n') => out.push(b'\n'),
            Some(b'v') => out.push(0x0b),
            Some(b'f') => out.push(0x0c),
            Some(b'r') => out.push(b'\r'),
            Some(d @ b'0'..=b'7') => {
                let mut value = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(d) = bytes.next_if(|d| matches!(d, b'0'..=b'7')) {
                        value = value * 8 + u32::from(d - b'0');
                    }
                }
                out.push(u8::try_from(value).unwrap_or(b'?'));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{parse_diff, unquote};

    #[test]
    fn added_and_changed_lines_by_file() {
        let diff = b"diff --git a/a.md b/a.md\n\
            index 1..2 100644\n\
            --- a/a.md\n\
            +++ b/a.md\n\
            @@ -3 +3 @@\n\
            -old\n\
            +new\n\
            @@ -7,2 +6,0 @@ context\n\
            -gone\n\
            -gone\n\
            @@ -10,0 +10,2 @@\n\
            ++++ not a header\n\
            +added\n\
            diff --git a/sp ace.md b/sp ace.md\n\
            new file mode 100644\n\
            --- /dev/null\n\
            +++ b/sp ace.md\t\n\
            @@ -0,0 +1,3 @@\n\
            +one\n\
            +two\n\
            +three\n";
        let found: Vec<(String, Vec<(usize, usize)>)> = parse_diff(diff)
            .into_iter()
            .map(|(path, lines)| (path, lines.iter().map(|r| (r.start, r.end)).collect()))
            .collect();
        assert_eq!(
            found,
            vec![
                ("a.md".to_string(), vec![(3, 4), (10, 12)]),
                ("sp ace.md".to_string(), vec![(1, 4)]),
            ]
        );
    }

    #[test]
    fn quoted_names_are_unquoted() {
        assert_eq!(
            unquote(br#""b/q\"uote\\\303\274.md""#),
            "b/q\"uote\\ü.md".as_bytes()
        );
        assert_eq!(unquote(b"b/plain.md"), b"b/plain.md");
    }
}
