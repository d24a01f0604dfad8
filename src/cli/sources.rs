//! `copydesk sources FILE`: the ledger an editor wants beside a draft — every source, its
//! class, how often it is quoted or cited, and where first.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::{RuleOptions, stream};
use crate::analysis::{Analysis, Place};
use crate::attribution::{self, Attribution, Lexicon, SourceClass};
use crate::document::{Document, Format as DocFormat};
use crate::problem::Error;
use crate::source::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum LedgerFormat {
    /// A table for people.
    Human,
    /// Every attribution, for programs.
    Json,
}

#[derive(Debug, clap::Args)]
pub(super) struct SourcesArgs {
    /// The story to read.
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LedgerFormat::Human)]
    format: LedgerFormat,
    /// List, in the table, the phrases copydesk could not class too ("When", "at last");
    /// pronouns it could not resolve are always listed, and `--format json` has everything.
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    pub(super) options: RuleOptions,
}

#[derive(Serialize)]
struct Span<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct Entry<'a> {
    source: Option<Span<'a>>,
    cue: Span<'a>,
    content: Option<Span<'a>>,
    quoted: bool,
    class: SourceClass,
    cue_kind: attribution::CueKind,
    /// For a reference, the start of the source it resolves to.
    resolves_to: Option<usize>,
}

/// Reads and analyses one file, with the config's lexicon when it has one.
fn ledger(
    path: &std::path::Path,
    lexicon: Option<std::sync::Arc<Lexicon>>,
) -> Result<(SourceFile, Analysis, Vec<Attribution>), Error> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::Message(format!("cannot read `{}`: {e}", path.display())))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::Message(format!("`{}` is not valid UTF-8", path.display())))?;
    let file = SourceFile::new(path.display().to_string(), text);
    let mut analysis = Analysis::new(Document::parse(&file.text, DocFormat::from_path(path)));
    if let Some(lexicon) = lexicon {
        analysis = analysis.with_lexicon(lexicon);
    }
    let found = analysis.attributions().to_vec();
    Ok((file, analysis, found))
}

pub(super) fn sources(args: &SourcesArgs) -> Result<ExitCode, Error> {
    let (_, linter) = args.options.load()?;
    let (file, analysis, found) = ledger(&args.file, linter.lexicon())?;
    let orig = |p: &Place| analysis.doc.blocks[p.block].to_original(p.range.clone());
    let span = |p: &Place| {
        let r = orig(p);
        Span {
            start: r.start,
            end: r.end,
            text: &file.text[r.clone()],
        }
    };
    let mut out = stream(args.options.color, false);
    let text = match args.format {
        LedgerFormat::Json => {
            let entries: Vec<Entry> = found
                .iter()
                .map(|a| Entry {
                    source: a.source.as_ref().map(span),
                    cue: span(&a.cue),
                    content: a.content.as_ref().map(span),
                    quoted: a.quoted,
                    class: a.class,
                    cue_kind: a.cue_kind,
                    resolves_to: a
                        .resolves_to
                        .and_then(|i| found[i].source.as_ref())
                        .map(|s| orig(s).start),
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&entries)
                .map_err(|e| Error::Message(e.to_string()))?;
            s.push('\n');
            s
        }
        LedgerFormat::Human => human(&file, &analysis, &found, args.all),
    };
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::Message(format!("cannot write output: {e}")))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The table: one row a source, references folded into what they refer to. Sources of class
/// `other` are counted but listed only with `all`: on the 919 `PolNeAR` stories they were 2,868 of
/// 9,121 rows, and about four in five of those sampled were no source at all ("when", "a
/// phone", "solid ground"), noise beside the ledger an editor reads. A pronoun copydesk could
/// not resolve, and a description credited with a quotation ("the business mogul"), are
/// listed all the same: the editor has to see who "she" is, and whose the words are.
fn human(file: &SourceFile, analysis: &Analysis, found: &[Attribution], all: bool) -> String {
    struct Row {
        name: String,
        class: SourceClass,
        quoted: usize,
        cited: usize,
        first: (usize, usize),
        aliases: Vec<String>,
    }
    let orig = |p: &Place| analysis.doc.blocks[p.block].to_original(p.range.clone());
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let source_text = |i: usize| {
        found[i]
            .source
            .as_ref()
            .map(|p| collapse(&file.text[orig(p)]))
            .unwrap_or_default()
    };
    // "Chris Harvey, who" is read with its pronoun; the table shows the name.
    let name_only = |n: String| attribution::without_relative(&n).to_string();
    let rows: Vec<Row> = attribution::group(analysis, found)
        .iter()
        .map(|source| {
            // A named source goes by the longest way the story names it ("Mark Rutte").
            let name = source
                .names
                .iter()
                .map(|&i| name_only(source_text(i)))
                .fold(
                    String::new(),
                    |best, n| if n.len() > best.len() { n } else { best },
                );
            let mut aliases: Vec<String> = Vec::new();
            for &i in &source.attributions {
                if found[i].resolves_to.is_some() {
                    let alias = source_text(i);
                    // "who" in "a senior official, who spoke" says nothing the row does not.
                    if !aliases.contains(&alias) && !matches!(alias.as_str(), "who" | "whom") {
                        aliases.push(alias);
                    }
                }
            }
            let first = source.first_written(found).map_or(0, |p| orig(p).start);
            let quoting: Vec<usize> = source
                .attributions
                .iter()
                .copied()
                .filter(|&i| found[i].quoted)
                .collect();
            // One quotation is quoted once, however many of the source's cues reach it ("One
            // attendee, who spoke on condition of anonymity, said “…”").
            let mut quotations: Vec<_> = quoting.iter().map(|&i| &found[i].content).collect();
            quotations.sort_by_key(|p| p.as_ref().map(|p| (p.block, p.range.start, p.range.end)));
            quotations.dedup();
            Row {
                name,
                class: source.class,
                quoted: quotations.len(),
                cited: source.attributions.len() - quoting.len(),
                first: file.location(first),
                aliases,
            }
        })
        .collect();
    // An unresolved "she" four times in a story is one question for the editor, not four rows.
    let pronouns = &analysis.lexicon().pronouns;
    let unresolved =
        |r: &Row| r.class == SourceClass::Other && pronouns.contains(&r.name.to_lowercase());
    let mut folded: Vec<Row> = Vec::with_capacity(rows.len());
    for r in rows {
        if unresolved(&r) {
            if let Some(f) = folded
                .iter_mut()
                .find(|f| unresolved(f) && f.name.eq_ignore_ascii_case(&r.name))
            {
                f.quoted += r.quoted;
                f.cited += r.cited;
                f.first = f.first.min(r.first);
                continue;
            }
        }
        folded.push(r);
    }
    let rows = folded;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<40} {:<10} {:>6} {:>6}  FIRST",
        "SOURCE", "CLASS", "QUOTED", "CITED"
    );
    let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
    let mut listed_other = 0;
    for r in &rows {
        *totals.entry(r.class.name()).or_default() += 1;
        let pronoun = unresolved(r);
        // "the retired neurosurgeon" with a quotation: an epithet copydesk could not tie to
        // a name, which the editor should see; "at last" or "When" with one is a misreading,
        // and so is a clause ("the city embodied the", "the role of Saudi Arabia").
        let quoted_reference = r.quoted > 0 && attribution::reads_as_description(&r.name);
        if r.class == SourceClass::Other && !all && !pronoun && !quoted_reference {
            continue;
        }
        listed_other += usize::from(r.class == SourceClass::Other);
        let mut name = r.name.clone();
        if name.chars().count() > 40 {
            name = name.chars().take(39).collect::<String>() + "…";
        }
        let _ = writeln!(
            s,
            "{:<40} {:<10} {:>6} {:>6}  {}:{}",
            name,
            r.class.name(),
            r.quoted,
            r.cited,
            r.first.0,
            r.first.1
        );
        if !r.aliases.is_empty() {
            let _ = writeln!(s, "    also as: {}", r.aliases.join(", "));
        }
    }
    let unsourced = found
        .iter()
        .filter(|a| a.source.is_none() && a.cue_kind.reports() && !a.nested)
        .count();
    let parts: Vec<String> = ["named", "anonymous", "vague", "document", "other"]
        .iter()
        .map(|c| format!("{} {c}", totals.get(c).copied().unwrap_or(0)))
        .collect();
    let _ = writeln!(
        s,
        "\nsources: {}; {unsourced} quotation(s) or claim(s) with no source",
        parts.join(", ")
    );
    let unclear = totals.get("other").copied().unwrap_or(0) - listed_other;
    if unclear > 0 {
        let _ = writeln!(
            s,
            "{unclear} other reading(s) not listed: phrases copydesk could not class; `--all` \
             lists them"
        );
    }
    s
}
