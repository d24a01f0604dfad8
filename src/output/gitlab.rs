//! `gitlab`: a GitLab code quality report, which GitLab shows in merge requests. Each finding
//! has a fingerprint that stays the same while the text around it moves, so GitLab can tell a
//! new finding from an old one.

use std::collections::HashMap;
use std::io;

use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

use super::{Bounds, Report, shown, slashed};
use crate::rule::Severity;

#[derive(Serialize)]
struct Issue<'a> {
    /// GitLab shows only the description, so it names the rule too.
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    positions: Positions,
}

#[derive(Serialize)]
struct Positions {
    begin: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

/// Writes every unsuppressed finding as a JSON array of code quality issues.
pub fn write(reports: &[Report], out: &mut dyn WriteColor) -> io::Result<()> {
    let mut issues = Vec::new();
    for report in reports {
        let path = slashed(&report.file.name);
        // The same text flagged twice by one rule in one file: the nth time gets the nth print.
        let mut seen: HashMap<(&str, String), u64> = HashMap::new();
        for d in shown(report) {
            let matched = report.file.text[d.span.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let b = Bounds::of(&report.file, &d.span);
            let nth = seen.entry((d.rule.as_str(), matched.clone())).or_default();
            let fingerprint = fingerprint(&[
                path.as_bytes(),
                d.rule.as_bytes(),
                matched.as_bytes(),
                &nth.to_le_bytes(),
            ]);
            *nth += 1;
            issues.push(Issue {
                description: format!("{}: {}", d.rule, d.message),
                check_name: &d.rule,
                fingerprint,
                severity: match d.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "major",
                    Severity::Info => "info",
                },
                location: Location {
                    path: path.clone(),
                    positions: Positions {
                        begin: Position {
                            line: b.line,
                            column: b.column,
                        },
                        end: Position {
                            line: b.end_line,
                            column: b.end_column,
                        },
                    },
                },
            });
        }
    }
    serde_json::to_writer_pretty(&mut *out, &issues).map_err(io::Error::other)?;
    writeln!(out)
}

/// The parts, each followed by a 0 byte, hashed with 128-bit FNV-1a, in hex: stable across
/// platforms, Rust versions and runs (std's hasher promises none of these), with no dependency.
fn fingerprint(parts: &[&[u8]]) -> String {
    let bytes: Vec<u8> = parts
        .iter()
        .flat_map(|p| p.iter().copied().chain([0]))
        .collect();
    format!("{:032x}", fnv1a(&bytes))
}

fn fnv1a(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    bytes.iter().fold(OFFSET, |hash, &b| {
        (hash ^ u128::from(b)).wrapping_mul(PRIME)
    })
}

#[cfg(test)]
mod tests {
    use super::{fingerprint, fnv1a};

    #[test]
    fn fnv1a_128_matches_the_published_vectors() {
        assert_eq!(fnv1a(b""), 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d);
        assert_eq!(fnv1a(b"a"), 0xd228_cb69_6f1a_8caf_7891_2b70_4e4a_8964);
    }

    #[test]
    fn fingerprint_parts_are_separated() {
        assert_ne!(fingerprint(&[b"ab", b"c"]), fingerprint(&[b"a", b"bc"]));
    }
}
