//! Writing a file so that no reader ever sees half of it: the new text goes to a temporary
//! file in the same directory (so the rename cannot cross file systems), then a rename puts it
//! in place in one step.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `contents` to `path` atomically, creating the file or replacing it.
pub fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    let permissions = fs::metadata(path).ok().map(|m| m.permissions());
    put(path, contents, permissions)
}

/// Why [`replace`] did not write.
#[derive(Debug)]
pub enum ReplaceError {
    /// The file no longer holds what it held when it was read: someone else changed it.
    Changed,
    /// Reading, writing or renaming failed.
    Io(io::Error),
}

/// Replaces the text of `path` with `contents`, keeping its permissions, but only if it still
/// holds `expected` (an editor who saved the file while it was being checked keeps their work)
/// and is not read-only.
///
/// The comparison and the rename are two steps, so a write landing between them is lost; the
/// window is the time it takes to write one story.
pub fn replace(path: &Path, expected: &[u8], contents: &[u8]) -> Result<(), ReplaceError> {
    // Through a symbolic link, replace the file it points to, not the link.
    let target = fs::canonicalize(path).map_err(ReplaceError::Io)?;
    let now = fs::read(&target).map_err(ReplaceError::Io)?;
    if now != expected {
        return Err(ReplaceError::Changed);
    }
    let permissions = fs::metadata(&target)
        .map_err(ReplaceError::Io)?
        .permissions();
    // A rename would replace a read-only file as easily as any other; whoever made it read-only
    // meant it to stay as it is.
    if permissions.readonly() {
        return Err(ReplaceError::Io(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        )));
    }
    put(&target, contents, Some(permissions)).map_err(ReplaceError::Io)
}

/// Writes a temporary file beside `path`, gives it `permissions`, flushes it to disk and renames
/// it over `path`; on failure the temporary file is removed.
fn put(path: &Path, contents: &[u8], permissions: Option<fs::Permissions>) -> io::Result<()> {
    let (tmp, mut file) = temporary(path)?;
    let written = (|| {
        file.write_all(contents)?;
        if let Some(p) = permissions {
            file.set_permissions(p)?;
        }
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Creates a new, empty temporary file in `path`'s directory, named after it, never reusing a
/// file that exists (another copydesk may be writing beside us).
fn temporary(path: &Path) -> io::Result<(PathBuf, fs::File)> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "copydesk".into(), |n| n.to_string_lossy().into_owned());
    let mut attempt = 0;
    loop {
        let tmp = dir.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ReplaceError, replace, write};

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("copydesk-atomic-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a scratch directory");
        dir
    }

    #[test]
    fn replace_refuses_a_file_changed_since_it_was_read() {
        let dir = scratch("changed");
        let path = dir.join("story.md");
        write(&path, b"The senator said it twice.\n").expect("write");
        let stale = b"The senator said it.\n";
        assert!(matches!(
            replace(&path, stale, b"fixed\n"),
            Err(ReplaceError::Changed)
        ));
        assert_eq!(
            std::fs::read(&path).expect("read"),
            b"The senator said it twice.\n"
        );
        replace(&path, b"The senator said it twice.\n", b"fixed\n").expect("replace");
        assert_eq!(std::fs::read(&path).expect("read"), b"fixed\n");
        let left: Vec<_> = std::fs::read_dir(&dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(left, ["story.md"], "no temporary file is left behind");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
