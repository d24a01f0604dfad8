//! Baselines: today's findings on an archive, recorded so that later runs report only new
//! ones. A finding is known by its file, rule and matched text (not its line), so it stays
//! known when the text around it moves; the same text flagged twice counts twice.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::output::Report;

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Entry {
    path: String,
    rule: String,
    #[serde(rename = "match")]
    matched: String,
    count: usize,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// Recorded findings, counted by `(path, rule, matched text)`.
#[derive(Debug, Default)]
pub struct Baseline {
    counts: BTreeMap<(String, String, String), usize>,
}

fn keys(reports: &[Report]) -> impl Iterator<Item = (String, String, String)> + '_ {
    reports.iter().flat_map(|r| {
        r.diagnostics
            .iter()
            .filter(|d| d.suppressed.is_none())
            .map(|d| {
                let matched = r.file.text[d.span.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                (r.file.name.clone(), d.rule.clone(), matched)
            })
    })
}

impl Baseline {
    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read baseline `{}`: {e}", path.display()))?;
        let file: File = serde_json::from_str(&text)
            .map_err(|e| format!("`{}` is not a copydesk baseline: {e}", path.display()))?;
        if file.version != 1 {
            return Err(format!(
                "`{}` is a baseline of version {}, this copydesk reads version 1",
                path.display(),
                file.version
            ));
        }
        let mut counts = BTreeMap::new();
        for e in file.findings {
            *counts.entry((e.path, e.rule, e.matched)).or_default() += e.count;
        }
        Ok(Self { counts })
    }

    /// Records the unsuppressed findings of `reports` in `path`, atomically (a temporary file
    /// in the same directory, then a rename). Returns how many were recorded.
    pub fn write(path: &Path, reports: &[Report]) -> Result<usize, String> {
        let mut counts: BTreeMap<(String, String, String), usize> = BTreeMap::new();
        for k in keys(reports) {
            *counts.entry(k).or_default() += 1;
        }
        let total = counts.values().sum();
        let findings = counts
            .into_iter()
            .map(|((path, rule, matched), count)| Entry {
                path,
                rule,
                matched,
                count,
            })
            .collect();
        let mut json = serde_json::to_string_pretty(&File {
            version: 1,
            findings,
        })
        .map_err(|e| format!("cannot encode the baseline: {e}"))?;
        json.push('\n');
        crate::atomic::write(path, json.as_bytes())
            .map_err(|e| format!("cannot write baseline `{}`: {e}", path.display()))?;
        Ok(total)
    }

    /// Drops from `reports` the findings the baseline accounts for.
    pub fn filter(&self, reports: &mut [Report]) {
        let mut left = self.counts.clone();
        for r in reports {
            let name = r.file.name.clone();
            let text = r.file.text.clone();
            r.diagnostics.retain(|d| {
                if d.suppressed.is_some() {
                    return true;
                }
                let matched = text[d.span.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                match left.get_mut(&(name.clone(), d.rule.clone(), matched)) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                }
            });
        }
    }
}
