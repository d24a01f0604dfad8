//! `json-lines`: one JSON object a line, each the same as an element of `json`'s array, so a
//! consumer can stream findings (and `grep` them) without parsing the whole output.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::{Report, json};

/// Writes each finding, suppressed ones included as in `json`, as a line of JSON.
pub fn write(reports: &[Report], out: &mut dyn WriteColor) -> io::Result<()> {
    for entry in json::entries(reports) {
        serde_json::to_writer(&mut *out, &entry).map_err(io::Error::other)?;
        writeln!(out)?;
    }
    Ok(())
}
