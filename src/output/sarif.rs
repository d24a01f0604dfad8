//! `sarif`: SARIF 2.1.0, the format GitHub code scanning and other viewers read. Every rule
//! that ran is described in `tool.driver.rules`, so a viewer can explain a rule and show that
//! it ran clean; a suppressed finding is kept with its `inSource` suppression and reason.

use std::fmt::Write as _;
use std::io;

use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

use super::{Bounds, Report, slashed};
use crate::diagnostic::Diagnostic;
use crate::rule::{Rule, Severity};
use crate::source::SourceFile;
use crate::suppression;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// `repository` in Cargo.toml, where the project's home is; empty until it has one.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    /// Columns count characters (Unicode scalar values), not UTF-16 units: say so, since
    /// consumers otherwise have to guess.
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: String,
    short_description: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Text>,
    default_configuration: Configuration,
    properties: Properties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

impl Text {
    fn new(text: impl Into<String>) -> Self {
        Self { text: text.into() }
    }
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

/// GitHub code scanning shows and filters rules by their tags: the set.
#[derive(Serialize)]
struct Properties {
    tags: [String; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [ResultLocation; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<ResultLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

impl Region {
    fn of(file: &SourceFile, span: &std::ops::Range<usize>) -> Self {
        let b = Bounds::of(file, span);
        Self {
            start_line: b.line,
            start_column: b.column,
            end_line: b.end_line,
            end_column: b.end_column,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix {
    description: Text,
    artifact_changes: [ArtifactChange; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: [Replacement; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    justification: &'a str,
}

/// Writes one SARIF log with one run: the rules that ran, then every finding.
pub fn write(reports: &[Report], rules: &[Rule], out: &mut dyn WriteColor) -> io::Result<()> {
    let mut descriptors: Vec<RuleDescriptor> = rules.iter().map(describe).collect();
    descriptors.extend(suppression::RULES.iter().map(|m| RuleDescriptor {
        id: m.id.to_string(),
        short_description: Text::new(m.summary),
        full_description: None,
        help: Some(Text::new(m.help)),
        default_configuration: Configuration {
            level: level(Severity::Warning),
        },
        properties: Properties {
            tags: ["copydesk".to_string()],
        },
    }));
    let mut results = Vec::new();
    for report in reports {
        let uri = uri(&report.file.name);
        for d in &report.diagnostics {
            let index = descriptors.iter().position(|r| r.id == d.rule);
            results.push(result(&report.file, &uri, d, index));
        }
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "copydesk",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: (!REPOSITORY.is_empty()).then_some(REPOSITORY),
                    rules: descriptors,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
    writeln!(out)
}

/// A rule as a viewer lists it: its message with the matched text left out as the title, its
/// documentation, and its help and note as the advice.
fn describe(rule: &Rule) -> RuleDescriptor {
    let advice: Vec<String> = [&rule.help, &rule.note]
        .into_iter()
        .flatten()
        .map(|t| placeholders(t))
        .collect();
    let full = rule
        .docs
        .as_deref()
        .map(unwrap_lines)
        .or_else(|| rule.note.as_deref().map(placeholders));
    RuleDescriptor {
        id: rule.id.clone(),
        short_description: Text::new(placeholders(&rule.message)),
        full_description: full.map(Text::new),
        help: (!advice.is_empty()).then(|| Text::new(advice.join("\n\n"))),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: Properties {
            tags: [rule.set().to_string()],
        },
    }
}

fn result<'a>(
    file: &SourceFile,
    uri: &str,
    d: &'a Diagnostic,
    rule_index: Option<usize>,
) -> SarifResult<'a> {
    let location = |span: &std::ops::Range<usize>| PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: uri.to_string(),
        },
        region: Region::of(file, span),
    };
    SarifResult {
        rule_id: &d.rule,
        rule_index,
        level: level(d.severity),
        message: Text::new(d.message.clone()),
        locations: [ResultLocation {
            id: None,
            physical_location: location(&d.span),
            message: None,
        }],
        related_locations: d
            .secondary
            .iter()
            .enumerate()
            .map(|(i, (span, label))| ResultLocation {
                id: Some(i),
                physical_location: location(span),
                message: Some(Text::new(label.clone())),
            })
            .collect(),
        fixes: d
            .fix
            .iter()
            .map(|fix| Fix {
                description: Text::new(
                    d.help
                        .clone()
                        .unwrap_or_else(|| format!("replace with “{}”", fix.replacement)),
                ),
                artifact_changes: [ArtifactChange {
                    artifact_location: ArtifactLocation {
                        uri: uri.to_string(),
                    },
                    replacements: [Replacement {
                        deleted_region: Region::of(file, &fix.span),
                        inserted_content: Text::new(fix.replacement.clone()),
                    }],
                }],
            })
            .collect(),
        suppressions: d
            .suppressed
            .as_deref()
            .map(|justification| Suppression {
                kind: "inSource",
                justification,
            })
            .into_iter()
            .collect(),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A rule's message or help with the parts filled in per finding shown as an ellipsis.
fn placeholders(template: &str) -> String {
    template
        .replace("{match}", "…")
        .replace("{replacement}", "…")
}

/// `docs` as written in TOML, hard-wrapped, as paragraphs a viewer can wrap itself.
fn unwrap_lines(docs: &str) -> String {
    docs.trim()
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A file name as a URI reference: relative names stay relative (GitHub resolves them against
/// the repository), absolute ones become `file://` URIs; anything but unreserved characters
/// and separators is percent-encoded.
fn uri(name: &str) -> String {
    let path = slashed(name);
    let absolute = std::path::Path::new(name).is_absolute();
    let mut out = String::new();
    if absolute {
        out.push_str("file://");
        if !path.starts_with('/') {
            // A Windows drive, `C:/...`, needs the root slash of a file URI.
            out.push('/');
        }
    }
    for (i, b) in path.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            // The drive's colon; in a relative name a colon would read as a URI scheme.
            || (absolute && b == b':' && i == 1);
        if keep {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn uris_are_relative_references_or_file_uris() {
        assert_eq!(
            uri("fixtures/nato-article.txt"),
            "fixtures/nato-article.txt"
        );
        assert_eq!(uri("Q&A: 100%.md"), "Q%26A%3A%20100%25.md");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri("über.md"), "%C3%BCber.md");
        if cfg!(unix) {
            assert_eq!(uri("/srv/news/a b.md"), "file:///srv/news/a%20b.md");
        }
    }
}
