//! Between copydesk's byte offsets and file paths and the editor's positions and URIs.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use lsp_types::{Position, Range, Uri};

use crate::source::SourceFile;

/// How a position counts its way along a line. LSP counts UTF-16 code units unless client and
/// server agree on something else; UTF-8 is offered because it is what copydesk counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes.
    Utf8,
    /// UTF-16 code units, the protocol's default.
    Utf16,
}

/// The editor position of byte `offset` of `file`.
pub fn position(file: &SourceFile, offset: usize, encoding: Encoding) -> Position {
    let line = file.line_index(offset.min(file.text.len()));
    let start = file.line_range(line).start;
    let before = file.text.get(start..offset).unwrap_or_default();
    let character = match encoding {
        Encoding::Utf8 => before.len(),
        Encoding::Utf16 => before.encode_utf16().count(),
    };
    Position::new(to_u32(line), to_u32(character))
}

/// The editor range of the byte range `span` of `file`.
pub fn range(file: &SourceFile, span: &std::ops::Range<usize>, encoding: Encoding) -> Range {
    Range::new(
        position(file, span.start, encoding),
        position(file, span.end, encoding),
    )
}

/// The range of the whole of `file`, for an edit that replaces it.
pub fn whole(file: &SourceFile, encoding: Encoding) -> Range {
    Range::new(
        Position::new(0, 0),
        position(file, file.text.len(), encoding),
    )
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The local path a `file:` URI names; `None` for any other scheme (an unsaved buffer) or a
/// path that is not UTF-8 once decoded.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // The authority is empty or `localhost`; a file on another host is not one we can read.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    // `file:///C:/story.md` names `C:/story.md` on Windows.
    let bytes = decoded.as_bytes();
    let drive =
        bytes.len() > 2 && bytes[0] == b'/' && bytes[1].is_ascii_alphabetic() && bytes[2] == b':';
    if cfg!(windows) && drive {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

/// The `file:` URI of `path`, made absolute.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let absolute = std::path::absolute(path).ok()?;
    let text = absolute.to_str()?.replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            uri.push(char::from(b));
        } else {
            let _ = write!(uri, "%{b:02X}");
        }
    }
    uri.parse().ok()
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::{Encoding, path_to_uri, position, uri_to_path};
    use crate::source::SourceFile;

    #[test]
    fn positions_count_utf16_units_or_bytes() {
        // “ is one UTF-16 unit and three bytes; 𝄞 is two units and four bytes.
        let file = SourceFile::new("s", "ab\n“𝄞” x");
        let x = file.text.find('x').expect("an x");
        let utf16 = position(&file, x, Encoding::Utf16);
        assert_eq!((utf16.line, utf16.character), (1, 5));
        let utf8 = position(&file, x, Encoding::Utf8);
        assert_eq!((utf8.line, utf8.character), (1, 11));
        let end = position(&file, file.text.len(), Encoding::Utf16);
        assert_eq!((end.line, end.character), (1, 6));
    }

    #[cfg(unix)]
    #[test]
    fn file_uris_round_trip_with_escapes() {
        let path = std::path::Path::new("/news/desk 1/Café.md");
        let uri = path_to_uri(path).expect("a URI");
        assert_eq!(uri.as_str(), "file:///news/desk%201/Caf%C3%A9.md");
        assert_eq!(uri_to_path(&uri).as_deref(), Some(path));
        let untitled: lsp_types::Uri = "untitled:Untitled-1".parse().expect("a URI");
        assert_eq!(uri_to_path(&untitled), None);
    }
}
