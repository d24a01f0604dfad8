//! The rule-authoring commands (`rules`, `explain`, `test-rules`, `init`) and the editor's
//! controls (suppression comments, baselines, `[[override]]`, `vocab`, `--select`/`--ignore`,
//! `extends`), end to end: exit codes and the exact text on stdout and stderr.
//!
//! Every test runs the real binary in its own scratch directory under the system temp dir, with
//! `--color never`, and with `--no-config` unless it is about `copydesk.toml`.

mod common;

use common::{Sandbox, assert_run, bundled_examples, bundled_line};

/// How many rules the bundled sets hold; `rules` and `test-rules` count them.
const BUNDLED_RULES: usize = 30;
/// How many bundled rules are off by default; `rules` says so under its table.
const BUNDLED_OFF: usize = 6;

/// A sentence only `anonymity.bare-source` flags, at a warning.
const BARE_SOURCE: &str = "A source said the deal was off.\n";
/// A sentence no bundled rule flags.
const CLEAN: &str = "The mayor opened the new library on Tuesday.\n";

/// `--format short` for `anonymity.bare-source` on “A source said” at `at` (`path:line:col`).
fn bare_source(at: &str) -> String {
    format!(
        "{at}: warning[anonymity.bare-source] “A source said”: a source with no description of \
         who they are\n"
    )
}

/// `--format short` for `framing.cliche` on “remains to be seen” at `at`.
fn cliche(at: &str) -> String {
    format!("{at}: info[framing.cliche] cliché: “remains to be seen”\n")
}

/// `--format short` for `anonymity.unnamed-official` on “a senior official” at `at`.
fn unnamed_official(at: &str) -> String {
    format!(
        "{at}: warning[anonymity.unnamed-official] unnamed source, no reason given for the anonymity: \
         “a senior official”\n"
    )
}

// ---------------------------------------------------------------------------------------------
// copydesk rules

#[test]
fn rules_lists_every_bundled_rule_under_a_header() {
    let sb = Sandbox::new("rules");
    let run = sb.run(&["rules", "--no-config", "--color", "never"]);
    assert_eq!(run.stderr, "", "{run:#?}");
    assert_eq!(run.code, Some(0), "{run:#?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines.first().copied(),
        Some(
            "RULE                                KIND          SEVERITY       SCOPE      DEFINED AT"
        ),
        "{run:#?}"
    );
    let first = format!(
        "anonymity.unnamed-official          attribution   warning        paragraph  \
         <bundled>/anonymity.toml:{}",
        bundled_line("anonymity", "unnamed-official")
    );
    assert_eq!(lines.get(1).copied(), Some(first.as_str()), "{run:#?}");
    let total = format!(
        "{BUNDLED_RULES} rules, {BUNDLED_OFF} off by default (`enable` in copydesk.toml or \
         `check --select RULE` turns one on)"
    );
    assert_eq!(lines.last().copied(), Some(total.as_str()), "{run:#?}");
    // The rules off by default come last, saying so and at what severity they would report.
    assert_eq!(
        lines[lines.len() - 1 - BUNDLED_OFF],
        format!(
            "anonymity.vague-group               attribution   off (info)     sentence   \
             <bundled>/anonymity.toml:{}",
            bundled_line("anonymity", "vague-group")
        ),
        "{run:#?}"
    );
    // The header, a line a rule, and the count.
    assert_eq!(lines.len(), BUNDLED_RULES + 2, "{run:#?}");
    assert!(run.stdout.ends_with('\n'), "{run:#?}");
}

/// A user rule set: one rule, with examples that all hold.
const HOUSE_RULES: &str = r#"description = "House style"

[[rule]]
id = "irregardless"
kind = "existence"
severity = "error"
message = "nonstandard word “{match}”"
label = "use “regardless”"
words = ["irregardless"]
examples.flag = ["He went ahead, [[irregardless]] of the cost."]
examples.pass = ["He went ahead regardless of the cost."]
"#;

#[test]
fn rules_lists_a_user_rule_with_its_file_and_line() {
    let sb = Sandbox::new("rules-user");
    sb.write("house.toml", HOUSE_RULES);
    let run = sb.run(&[
        "rules",
        "--no-config",
        "--color",
        "never",
        "--rules",
        "house.toml",
    ]);
    assert_eq!(run.stderr, "", "{run:#?}");
    assert_eq!(run.code, Some(0), "{run:#?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    // The user's rule runs, so it comes before the rules that are off by default.
    let total = format!(
        "{} rules, {BUNDLED_OFF} off by default (`enable` in copydesk.toml or `check --select \
         RULE` turns one on)",
        BUNDLED_RULES + 1
    );
    assert_eq!(
        [lines[lines.len() - 2 - BUNDLED_OFF], lines[lines.len() - 1]],
        [
            "house.irregardless                  existence     error          sentence   house.toml:4",
            total.as_str(),
        ],
        "{run:#?}"
    );
}

#[test]
fn rules_export_patterns_prints_each_regex_once_as_rg_reads_it() {
    let sb = Sandbox::new("rules-export");
    sb.write("copydesk.toml", "sets = []\nrules = [\"house.toml\"]\n");
    sb.write(
        "house.toml",
        r#"[lists]
why = ["because", "as"]

[[rule]]
id = "irregardless"
kind = "existence"
message = "nonstandard word “{match}”"
words = ["irregardless", "it's"]
exceptions = ["irregardless of"]

[[rule]]
id = "shouting"
kind = "conditional"
message = "shouting"
case-sensitive = true
patterns = ['(?P<span>[A-Z]{4,})!']
absent-patterns = ['\b{{why}}\b', '(?P<span>[A-Z]{4,})!']
"#,
    );
    let run = sb.run(&["rules", "--export-patterns", "--color", "never"]);
    assert_run(
        &run,
        0,
        r"(?i)(?:(?-u:\b)irregardless(?-u:\b)|(?-u:\b)it['’]s(?-u:\b))
(?i)(?:(?-u:\b)irregardless\s+of(?-u:\b))
(?:[A-Z]{4,})!
(?-u:\b)(?:because|as)(?-u:\b)
",
        "",
    );
}

// ---------------------------------------------------------------------------------------------
// copydesk explain

#[test]
fn explain_shows_everything_a_rule_says_about_itself() {
    let sb = Sandbox::new("explain");
    let run = sb.run(&[
        "explain",
        "anonymity.bare-source",
        "--no-config",
        "--color",
        "never",
    ]);
    let expected = r#"anonymity.bare-source
  kind existence, severity warning, scope sentence, quotations include
  defined at <bundled>/anonymity.toml:LINE

Flags "sources said", "a source told", "according to sources" when nothing describes the
source's position. Described sources ("sources close to the talks") are left to
`anonymity.unnamed-official`; another outlet's source credited to it ("a campaign source told
NBC") is that outlet's.

message: “{match}”: a source with no description of who they are
label:   which source?
help:    describe the source's position and why they know (“a State Department official involved in the talks”)
note:    AP: a bare “a source” or “sources” tells the reader nothing about the source's reliability

it flags:
  Sources said the minister would resign.
  The deal is off, according to sources.
  A source told reporters the vote was delayed.

it passes:
  Sources close to the talks said the deal was off.
  The river is the main source of water for the town.
  The plan was drawn up in May, according to a source close to the mayor. The source said it was shelved.
  A campaign source told NBC that the speech would focus on trade.
  Trump remarked on a recent New York Times story in which Democratic sources said she could stay.
"#
    .replace(
        "LINE",
        &bundled_line("anonymity", "bare-source").to_string(),
    );
    assert_run(&run, 0, &expected, "");
}

#[test]
fn explain_misspelt_id_suggests_the_nearest() {
    let sb = Sandbox::new("explain-typo");
    let run = sb.run(&[
        "explain",
        "anonymity.bare-sorce",
        "--no-config",
        "--color",
        "never",
    ]);
    assert_run(
        &run,
        2,
        "",
        "error: no rule `anonymity.bare-sorce`; did you mean `anonymity.bare-source`?\n",
    );
}

// ---------------------------------------------------------------------------------------------
// copydesk test-rules

#[test]
fn test_rules_bundled_examples_all_pass() {
    let sb = Sandbox::new("test-rules");
    let run = sb.run(&["test-rules", "--no-config", "--color", "never"]);
    assert_run(
        &run,
        0,
        &format!(
            "tested {BUNDLED_RULES} rules, {} examples: all pass\n",
            bundled_examples()
        ),
        "",
    );
}

#[test]
fn test_rules_points_at_each_failing_example_in_the_toml() {
    let sb = Sandbox::new("test-rules-failing");
    sb.write(
        "house.toml",
        r#"description = "House style"

[[rule]]
id = "irregardless"
kind = "existence"
severity = "error"
message = "nonstandard word “{match}”"
words = ["irregardless"]
examples.flag = [
  "He went ahead, irregardless of the cost.",
  "He went ahead regardless of the cost.",
  "Irregardless, the [[vote went ahead]].",
]
examples.pass = [
  "The vote went ahead regardless.",
  "The vote went ahead, irregardless.",
]
"#,
    );
    let run = sb.test_rules("house.toml");
    let expected = format!(
        r#"error: `house.irregardless` does not flag its flag example
   ┌─ house.toml:11:3
   │
11 │   "He went ahead regardless of the cost.",
   │   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ must be flagged

error: `house.irregardless` flags “Irregardless” instead of the marked “vote went ahead”
   ┌─ house.toml:12:3
   │
12 │   "Irregardless, the [[vote went ahead]].",
   │   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ must be flagged on its marked span

error: `house.irregardless` flags its pass example at “irregardless”
   ┌─ house.toml:16:3
   │
16 │   "The vote went ahead, irregardless.",
   │   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ must pass

tested {} rules, {} examples: 3 failed
"#,
        BUNDLED_RULES + 1,
        bundled_examples() + 5
    );
    assert_run(&run, 1, &expected, "");
}

#[test]
fn an_absent_pattern_beside_the_trigger_excuses_it_whatever_else_overlaps() {
    // "to discuss" lies outside the trigger; the second pattern's match overlaps both. Kept
    // apart, the first still excuses the trigger (merged, it was lost inside the second).
    let sb = Sandbox::new("test-rules-absent-overlap");
    sb.write(
        "house.toml",
        r#"description = "House style"

[[rule]]
id = "reason"
kind = "conditional"
severity = "warning"
message = "no reason"
patterns = ['''\bcondition\s+of\s+anonymity\b''']
absent-patterns = ['''\bto\s+discuss\b''', '''\banonymity\s+to\s+\p{L}+''']
examples.flag = ["He spoke on [[condition of anonymity]]."]
examples.pass = ["He spoke on condition of anonymity to discuss the talks."]
"#,
    );
    let run = sb.test_rules("house.toml");
    assert_run(
        &run,
        0,
        &format!(
            "tested {} rules, {} examples: all pass\n",
            BUNDLED_RULES + 1,
            bundled_examples() + 2
        ),
        "",
    );
}

#[test]
fn test_rules_unbalanced_marker_is_a_load_error_at_the_example() {
    let sb = Sandbox::new("test-rules-unbalanced");
    sb.write(
        "house.toml",
        r#"[[rule]]
id = "irregardless"
kind = "existence"
message = "nonstandard word “{match}”"
words = ["irregardless"]
examples.flag = [
  "He went ahead, [[irregardless of the cost.",
]
"#,
    );
    let run = sb.test_rules("house.toml");
    let expected = r#"error: `[[` opens a marked span that no `]]` closes
  ┌─ house.toml:7:3
  │
7 │   "He went ahead, [[irregardless of the cost.",
  │   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ in this example

error: could not load rules: 1 problem found
"#;
    assert_run(&run, 2, "", expected);
}

// ---------------------------------------------------------------------------------------------
// copydesk init

#[test]
fn init_writes_a_config_that_loads() {
    let sb = Sandbox::new("init");
    let run = sb.run(&["init"]);
    assert_run(
        &run,
        0,
        "wrote copydesk.toml: every setting is commented out; uncomment what you need\n",
        "",
    );
    assert_eq!(sb.read("copydesk.toml"), copydesk::config::TEMPLATE);
    // `check` finds and parses the new file: a broken one would exit 2 with an error.
    sb.write("story.md", CLEAN);
    assert_run(&sb.check_with_config(".", &["story.md"]), 0, "", "");
}

#[test]
fn init_refuses_to_overwrite_an_existing_config() {
    let sb = Sandbox::new("init-twice");
    assert_eq!(sb.run(&["init"]).code, Some(0));
    let edited = "fail-on = \"error\"\n";
    sb.write("copydesk.toml", edited);
    assert_run(
        &sb.run(&["init"]),
        2,
        "",
        "error: copydesk.toml already exists here; edit it, or remove it to start again\n",
    );
    assert_eq!(sb.read("copydesk.toml"), edited);
}

// ---------------------------------------------------------------------------------------------
// Suppression comments

/// A directive for `anonymity.unnamed-official` with a reason.
const WHISTLEBLOWER: &str = "<!-- copydesk-disable-next-line anonymity.unnamed-official: \
                             protected whistleblower -->";

#[test]
fn disable_next_line_in_markdown() {
    let sb = Sandbox::new("next-line-md");
    sb.write(
        "story.md",
        format!(
            "The budget passed on Tuesday.\n\n{WHISTLEBLOWER}\nThe plan is dead, a senior \
             official said.\n\nThe plan is dead, a senior official said.\n"
        ),
    );
    // Only the second, unsuppressed line is reported.
    let run = sb.short(&["story.md"]);
    assert_run(&run, 1, &unnamed_official("story.md:6:19"), "");
}

#[test]
fn disable_next_line_in_markdown_shows_nothing_in_human_output() {
    let sb = Sandbox::new("next-line-md-human");
    sb.write(
        "story.md",
        format!("{WHISTLEBLOWER}\n“It was rigged,” a senior official said.\n"),
    );
    assert_run(&sb.check(&["story.md"]), 0, "", "");
    // Without the comment the line is flagged.
    sb.write("bare.md", "“It was rigged,” a senior official said.\n");
    assert_run(
        &sb.short(&["bare.md"]),
        1,
        &unnamed_official("bare.md:1:18"),
        "",
    );
}

#[test]
fn disable_next_line_in_html() {
    let sb = Sandbox::new("next-line-html");
    sb.write(
        "story.html",
        format!(
            "<p>The budget passed on Tuesday.</p>\n{WHISTLEBLOWER}\n<p>The plan is dead, a \
             senior official said.</p>\n<p>The plan is dead, a senior official said.</p>\n"
        ),
    );
    let run = sb.short(&["story.html"]);
    assert_run(&run, 1, &unnamed_official("story.html:4:22"), "");
}

#[test]
fn disable_next_line_in_plain_text() {
    let sb = Sandbox::new("next-line-txt");
    sb.write(
        "story.txt",
        format!(
            "The budget passed on Tuesday.\n{WHISTLEBLOWER}\nThe plan is dead, a senior \
             official said.\nThe plan is dead, a senior official said.\n"
        ),
    );
    let run = sb.short(&["story.txt"]);
    assert_run(&run, 1, &unnamed_official("story.txt:4:19"), "");
}

#[test]
fn suppressed_finding_is_listed_in_json_with_its_reason() {
    let sb = Sandbox::new("suppressed-json");
    sb.write(
        "story.md",
        format!("{WHISTLEBLOWER}\nThe plan is dead, a senior official said.\n"),
    );
    let run = sb.check(&["--format", "json", "story.md"]);
    let expected = r#"[
  {
    "path": "story.md",
    "rule": "anonymity.unnamed-official",
    "severity": "warning",
    "message": "unnamed source, no reason given for the anonymity: “a senior official”",
    "start": 106,
    "end": 123,
    "line": 2,
    "column": 19,
    "end_line": 2,
    "end_column": 36,
    "match": "a senior official",
    "label": "unnamed source",
    "help": "name the source, or say why anonymity was granted and why the source is in a position to know",
    "note": "AP, Reuters and the New York Times allow unnamed sources only where the story says why; “European” or “Kremlin” describes a source, it does not name one",
    "secondary": [
      {
        "start": 88,
        "end": 104,
        "line": 2,
        "column": 1,
        "label": "what it attributes"
      }
    ],
    "suppression": {
      "kind": "inSource",
      "justification": "protected whistleblower"
    }
  }
]
"#;
    // A suppressed finding does not fail the run.
    assert_run(&run, 0, expected, "");
}

#[test]
fn disable_line_at_the_end_of_a_line_in_markdown() {
    let sb = Sandbox::new("disable-line-md");
    sb.write(
        "story.md",
        "Sources said the deal was off. <!-- copydesk-disable-line anonymity.bare-source: wire \
         copy -->\nA source said the talks would resume.\n",
    );
    // The next line of the same paragraph is not covered.
    let run = sb.short(&["story.md"]);
    assert_run(&run, 1, &bare_source("story.md:2:1"), "");
}

#[test]
fn disable_line_at_the_end_of_a_line_in_plain_text() {
    let sb = Sandbox::new("disable-line-txt");
    // The reason would be flagged as prose: “A source said” is a bare source.
    sb.write(
        "story.txt",
        "A source said the deal was off. <!-- copydesk-disable-line anonymity.bare-source: a \
         source said so -->\nA source said the talks would resume.\n",
    );
    let run = sb.short(&["story.txt"]);
    assert_run(&run, 1, &bare_source("story.txt:2:1"), "");
}

#[test]
fn disable_enable_region() {
    let sb = Sandbox::new("region");
    sb.write(
        "story.md",
        "Whether the deal holds remains to be seen.

<!-- copydesk-disable framing: quoted from the 1998 editorial -->
Whether the deal holds remains to be seen.

A source said the deal was off.
<!-- copydesk-enable framing -->

Whether the deal holds remains to be seen.
",
    );
    // Framing is off between the comments, anonymity is not; framing is back after `enable`.
    let run = sb.short(&["story.md"]);
    let expected = [
        cliche("story.md:1:24"),
        bare_source("story.md:6:1"),
        cliche("story.md:9:24"),
    ]
    .concat();
    assert_run(&run, 1, &expected, "");
}

#[test]
fn suppression_naming_a_whole_set() {
    let sb = Sandbox::new("suppress-set");
    let line =
        "A source said the plan is dead, a senior official said, and it remains to be seen.\n";
    sb.write("bare.md", line);
    // Without the comment: two anonymity findings and one framing finding.
    let expected = [
        bare_source("bare.md:1:1"),
        unnamed_official("bare.md:1:33"),
        cliche("bare.md:1:64"),
    ]
    .concat();
    assert_run(&sb.short(&["bare.md"]), 1, &expected, "");
    sb.write(
        "story.md",
        format!(
            "<!-- copydesk-disable-next-line anonymity: the source is named in the sidebar \
             -->\n{line}"
        ),
    );
    // The set covers both anonymity rules; the framing finding (info) is still reported.
    assert_run(&sb.short(&["story.md"]), 0, &cliche("story.md:2:64"), "");
}

#[test]
fn suppression_naming_no_rule_suppresses_every_rule() {
    let sb = Sandbox::new("suppress-all");
    sb.write(
        "story.md",
        "<!-- copydesk-disable-next-line: a quoted headline -->\nA source said the plan is \
         dead, a senior official said, and it remains to be seen.\nA source said the deal was \
         off.\n",
    );
    let run = sb.short(&["story.md"]);
    assert_run(&run, 1, &bare_source("story.md:3:1"), "");
}

#[test]
fn suppression_naming_an_unknown_rule_is_reported() {
    let sb = Sandbox::new("suppress-unknown");
    sb.write(
        "story.md",
        "<!-- copydesk-disable-next-line anonymity.bare-sorce: named in the sidebar -->\nA \
         source said the deal was off.\n",
    );
    let expected = r"warning[copydesk.unknown-rule]: suppression names `anonymity.bare-sorce`, which is neither a loaded rule nor a rule set
  ┌─ story.md:1:1
  │
1 │ <!-- copydesk-disable-next-line anonymity.bare-sorce: named in the sidebar -->
  │ ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unknown rule
  │
  = help: `copydesk rules` lists the rules; a set is the part of an id before the dot

warning[anonymity.bare-source]: “A source said”: a source with no description of who they are
  ┌─ story.md:2:1
  │
2 │ A source said the deal was off.
  │ ^^^^^^^^^^^^^ which source?
  │
  = help: describe the source's position and why they know (“a State Department official involved in the talks”)
  = note: AP: a bare “a source” or “sources” tells the reader nothing about the source's reliability

found 2 warnings in 1 file
";
    assert_run(&sb.check(&["story.md"]), 1, expected, "");
}

#[test]
fn suppression_that_suppresses_nothing_is_reported() {
    let sb = Sandbox::new("suppress-unused");
    sb.write(
        "story.md",
        format!(
            "<!-- copydesk-disable-next-line anonymity.bare-source: named in the sidebar \
             -->\n{CLEAN}{BARE_SOURCE}"
        ),
    );
    // The comment covers the clean line only; the finding on the line after is still reported.
    let expected = r"warning[copydesk.unused-suppression]: this suppression suppresses nothing
  ┌─ story.md:1:1
  │
1 │ <!-- copydesk-disable-next-line anonymity.bare-source: named in the sidebar -->
  │ ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unused
  │
  = help: remove it, or check the rule it names and the line it applies to

warning[anonymity.bare-source]: “A source said”: a source with no description of who they are
  ┌─ story.md:3:1
  │
3 │ A source said the deal was off.
  │ ^^^^^^^^^^^^^ which source?
  │
  = help: describe the source's position and why they know (“a State Department official involved in the talks”)
  = note: AP: a bare “a source” or “sources” tells the reader nothing about the source's reliability

found 2 warnings in 1 file
";
    assert_run(&sb.check(&["story.md"]), 1, expected, "");
}

#[test]
fn require_reason_reports_a_suppression_without_one() {
    let sb = Sandbox::new("require-reason");
    sb.write("copydesk.toml", "require-reason = true\n");
    sb.write(
        "story.md",
        format!(
            "<!-- copydesk-disable-next-line anonymity.bare-source -->\n{BARE_SOURCE}\n<!-- \
             copydesk-disable-next-line anonymity.bare-source: named in the sidebar \
             -->\n{BARE_SOURCE}"
        ),
    );
    // The suppression still applies; only the one without a reason is reported.
    let expected = r"warning[copydesk.missing-reason]: suppression gives no reason
  ┌─ story.md:1:1
  │
1 │ <!-- copydesk-disable-next-line anonymity.bare-source -->
  │ ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ no reason
  │
  = help: say why after a colon: `<!-- copydesk-disable-next-line RULE: reason -->`

found 1 warning in 1 file
";
    assert_run(&sb.check_with_config(".", &["story.md"]), 1, expected, "");
    // Without `require-reason` the same text is clean.
    assert_run(&sb.check(&["story.md"]), 0, "", "");
}

#[test]
fn plain_text_directive_line_is_not_prose() {
    let sb = Sandbox::new("txt-directive-words");
    // As prose, the reason is flagged twice: a bare source and a cliché.
    sb.write("prose.txt", "A source said it remains to be seen.\n");
    let expected = [bare_source("prose.txt:1:1"), cliche("prose.txt:1:18")].concat();
    assert_run(&sb.short(&["prose.txt"]), 1, &expected, "");
    sb.write(
        "story.txt",
        "<!-- copydesk-disable-next-line framing.cliche: a source said it remains to be seen \
         -->\nWhether the deal holds remains to be seen.\n",
    );
    assert_run(&sb.short(&["story.txt"]), 0, "", "");
}

#[test]
fn plain_text_directive_line_does_not_split_a_paragraph() {
    let sb = Sandbox::new("txt-directive-split");
    // Paragraphs are separated by blank lines here, so the first three lines are one paragraph
    // and “a senior official … said” is one sentence across the comment.
    sb.write(
        "story.txt",
        "The plan is dead, a senior official
<!-- copydesk-disable-next-line framing.cliche: a quoted headline -->
said it remains to be seen.

The mayor opened the new library on Tuesday.
",
    );
    let run = sb.short(&["story.txt"]);
    assert_run(&run, 1, &unnamed_official("story.txt:1:19"), "");
}

#[test]
fn plain_text_directive_line_does_not_merge_paragraphs() {
    let sb = Sandbox::new("txt-directive-merge");
    // No blank lines: one paragraph a line. The comment line must not count as a blank line
    // (which would join lines 3 and 4 into one paragraph, and one flagged sentence).
    sb.write(
        "story.txt",
        "The budget passed on Tuesday.
<!-- copydesk-disable-next-line anonymity.bare-source: named in the sidebar -->
A source said the deal was off. The plan is dead, a senior official
said on Tuesday.
",
    );
    assert_run(&sb.short(&["story.txt"]), 0, "", "");
}

#[test]
fn stacked_next_line_directives_both_apply_to_the_next_prose_line() {
    let sb = Sandbox::new("stacked");
    let text = "<!-- copydesk-disable-next-line anonymity.bare-source: named in the sidebar -->
<!-- copydesk-disable-next-line framing.cliche: a quoted headline -->
A source said it remains to be seen.
";
    sb.write("story.md", text);
    sb.write("story.txt", text);
    assert_run(&sb.short(&["story.md"]), 0, "", "");
    assert_run(&sb.short(&["story.txt"]), 0, "", "");
}

#[test]
fn misspelt_directive_suppresses_nothing_and_is_reported() {
    let sb = Sandbox::new("misspelt-directive");
    sb.write(
        "story.md",
        "A source said the deal was off.
<!-- copydesk-disable-nextline anonymity.bare-source: named in the sidebar -->
A source said the deal was off.

A source said it again.
",
    );
    // Three unnamed sources also make the story's sourcing unbalanced; that is not this test's
    // subject.
    let run = sb.short(&["--ignore", "anonymity.unnamed-majority", "story.md"]);
    assert_eq!(run.code, Some(1), "{run:#?}");
    assert_eq!(run.stderr, "", "{run:#?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{run:#?}");
    assert_eq!(format!("{}\n", lines[0]), bare_source("story.md:1:1"));
    // The directive itself is reported by the name it was written with.
    assert!(
        lines[1].starts_with("story.md:2:1: warning[copydesk.")
            && lines[1].contains("copydesk-disable-nextline")
            && !lines[1].contains("`-nextline`"),
        "{run:#?}"
    );
    assert_eq!(format!("{}\n", lines[2]), bare_source("story.md:3:1"));
    assert_eq!(format!("{}\n", lines[3]), bare_source("story.md:5:1"));
}

#[test]
fn directive_in_a_markdown_code_span_is_not_a_suppression() {
    let sb = Sandbox::new("code-span-directive");
    sb.write(
        "story.md",
        "Write `<!-- copydesk-disable-next-line anonymity.bare-source: why -->` above the \
         line.\nA source said the deal was off.\n",
    );
    assert_run(
        &sb.short(&["story.md"]),
        1,
        &bare_source("story.md:2:1"),
        "",
    );
}

#[test]
fn suppression_of_a_deselected_rule_is_not_unknown() {
    let sb = Sandbox::new("suppress-deselected");
    sb.write(
        "story.md",
        "<!-- copydesk-disable-next-line framing.cliche: a quoted headline -->
Whether the deal holds remains to be seen.
A source said the deal was off.
",
    );
    let run = sb.short(&["--select", "anonymity", "story.md"]);
    assert_run(&run, 1, &bare_source("story.md:3:1"), "");
}

#[test]
fn suppression_of_a_rule_disabled_in_config_is_not_unknown() {
    let sb = Sandbox::new("suppress-disabled");
    sb.write("copydesk.toml", "disable = [\"framing.cliche\"]\n");
    sb.write(
        "story.md",
        "<!-- copydesk-disable-next-line framing.cliche: a quoted headline -->
Whether the deal holds remains to be seen.
A source said the deal was off.
",
    );
    let run = sb.check_with_config(".", &["--format", "short", "story.md"]);
    assert_run(&run, 1, &bare_source("story.md:3:1"), "");
}

// ---------------------------------------------------------------------------------------------
// --baseline

/// A story with one anonymity warning and one framing info.
const ARCHIVE: &str =
    "A source said the deal was off.\nWhether the deal holds remains to be seen.\n";

#[test]
fn baseline_first_run_records_the_findings() {
    let sb = Sandbox::new("baseline-record");
    sb.write("story.md", ARCHIVE);
    let run = sb.check(&["--baseline", "baseline.json", "story.md"]);
    assert_run(
        &run,
        0,
        "",
        "recorded 2 findings in baseline.json; later runs with --baseline report only new ones\n",
    );
    assert!(sb.path().join("baseline.json").is_file());
}

#[test]
fn baseline_second_run_reports_nothing() {
    let sb = Sandbox::new("baseline-again");
    sb.write("story.md", ARCHIVE);
    assert_eq!(
        sb.check(&["--baseline", "baseline.json", "story.md"]).code,
        Some(0)
    );
    assert_run(
        &sb.check(&["--baseline", "baseline.json", "story.md"]),
        0,
        "",
        "",
    );
}

#[test]
fn baseline_reports_only_a_new_finding_after_lines_are_inserted_above() {
    let sb = Sandbox::new("baseline-new");
    sb.write("story.md", ARCHIVE);
    assert_eq!(
        sb.check(&["--baseline", "baseline.json", "story.md"]).code,
        Some(0)
    );
    sb.write(
        "story.md",
        format!("The council met on Monday.\n\nSources said the vote was delayed.\n\n{ARCHIVE}"),
    );
    let run = sb.short(&["--baseline", "baseline.json", "story.md"]);
    assert_run(
        &run,
        1,
        "story.md:3:1: warning[anonymity.bare-source] “Sources said”: a source with no \
         description of who they are\n",
        "",
    );
}

#[test]
fn baseline_corrupt_file_is_an_error() {
    let sb = Sandbox::new("baseline-corrupt");
    sb.write("story.md", ARCHIVE);
    sb.write("baseline.json", "{\"version\": 1, \"findings\": [\n");
    let run = sb.check(&["--baseline", "baseline.json", "story.md"]);
    assert_run(
        &run,
        2,
        "",
        "error: `baseline.json` is not a copydesk baseline: EOF while parsing a list at line 2 \
         column 0\n",
    );
}

#[test]
fn baseline_recording_run_still_reports_unreadable_files() {
    let sb = Sandbox::new("baseline-unreadable");
    sb.write("latin1.md", b"The owners said\nthe Caf\xe9 was closed.\n");
    sb.write("story.md", ARCHIVE);
    let run = sb.check(&["--baseline", "baseline.json", "latin1.md", "story.md"]);
    assert_eq!(run.stdout, "", "{run:#?}");
    assert!(
        run.stderr.contains(
            "error: `latin1.md` is not valid UTF-8 (invalid byte at 2:8, byte offset 23); file \
             skipped\n"
        ),
        "{run:#?}"
    );
    assert_eq!(run.code, Some(2), "{run:#?}");
}

#[test]
fn baseline_matches_the_same_file_however_it_is_named() {
    let sb = Sandbox::new("baseline-paths");
    sb.write("story.md", ARCHIVE);
    assert_eq!(sb.check(&["--baseline", "baseline.json"]).code, Some(0));
    assert_run(
        &sb.check(&["--baseline", "baseline.json", "story.md"]),
        0,
        "",
        "",
    );
}

// ---------------------------------------------------------------------------------------------
// [[override]] and vocab

#[test]
fn override_disables_a_set_only_in_the_files_it_names() {
    let sb = Sandbox::new("override-disable");
    sb.write(
        "copydesk.toml",
        "[[override]]\nfiles = [\"opinion/**\"]\ndisable = [\"framing\"]\n",
    );
    sb.write("opinion/column.md", ARCHIVE);
    sb.write("news/story.md", ARCHIVE);
    let run = sb.check_with_config(
        ".",
        &["--format", "short", "opinion/column.md", "news/story.md"],
    );
    let expected = [
        bare_source("opinion/column.md:1:1"),
        bare_source("news/story.md:1:1"),
        cliche("news/story.md:2:24"),
    ]
    .concat();
    assert_run(&run, 1, &expected, "");
}

#[test]
fn override_severity_regrades_findings_and_the_exit_code() {
    let sb = Sandbox::new("override-severity");
    sb.write(
        "copydesk.toml",
        "[[override]]\nfiles = [\"opinion/**\"]\nseverity = { \"anonymity.bare-source\" = \
         \"info\", \"framing\" = \"error\" }\n",
    );
    sb.write("opinion/column.md", ARCHIVE);
    sb.write("news/story.md", ARCHIVE);
    let run = sb.check_with_config(
        ".",
        &["--format", "short", "opinion/column.md", "news/story.md"],
    );
    let expected = "\
opinion/column.md:1:1: info[anonymity.bare-source] “A source said”: a source with no description of who they are
opinion/column.md:2:24: error[framing.cliche] cliché: “remains to be seen”
news/story.md:1:1: warning[anonymity.bare-source] “A source said”: a source with no description of who they are
news/story.md:2:24: info[framing.cliche] cliché: “remains to be seen”
";
    assert_run(&run, 1, expected, "");
    // Regraded to info, a warning no longer fails the run.
    sb.write(
        "copydesk.toml",
        "[[override]]\nfiles = [\"opinion/**\"]\nseverity = { \"anonymity\" = \"info\" }\n",
    );
    let run = sb.check_with_config(".", &["--format", "short", "opinion/column.md"]);
    let expected = "\
opinion/column.md:1:1: info[anonymity.bare-source] “A source said”: a source with no description of who they are
opinion/column.md:2:24: info[framing.cliche] cliché: “remains to be seen”
";
    assert_run(&run, 0, expected, "");
}

#[test]
fn vocab_stops_a_finding_overlapping_a_name() {
    let sb = Sandbox::new("vocab");
    sb.write(
        "story.md",
        "The band signed with Slammed Records in May.\nThe senator slammed the bill.\n",
    );
    let slammed = |at: &str, word: &str| {
        format!("story.md:{at}: warning[framing.loaded-label] loaded word “{word}”\n")
    };
    let both = [slammed("1:22", "Slammed"), slammed("2:13", "slammed")].concat();
    assert_run(&sb.short(&["story.md"]), 1, &both, "");
    sb.write("copydesk.toml", "vocab = [\"Slammed Records\"]\n");
    let run = sb.check_with_config(".", &["--format", "short", "story.md"]);
    assert_run(&run, 1, &slammed("2:13", "slammed"), "");
}

#[test]
fn override_naming_an_unknown_rule_is_a_config_error() {
    let sb = Sandbox::new("override-unknown");
    sb.write(
        "copydesk.toml",
        "[[override]]\nfiles = [\"opinion/**\"]\ndisable = [\"framming\"]\n",
    );
    sb.write("story.md", CLEAN);
    let expected = r#"error: `framming` is neither a loaded rule nor a rule set
  ┌─ PATH:3:12
  │
3 │ disable = ["framming"]
  │            ^^^^^^^^^^ unknown rule
  │
  = help: did you mean `framing`?

error: could not load config: 1 problem found
"#
    .replace("PATH", &sb.config_path());
    assert_run(&sb.check_with_config(".", &["story.md"]), 2, "", &expected);
}

// ---------------------------------------------------------------------------------------------
// --select and --ignore

/// One finding from each bundled set.
const EVERY_SET: &str = "A source said the deal was off.
The minister reportedly met the envoy in secret.
It was a historic deal.
Whether the deal holds remains to be seen.
";

#[test]
fn every_set_fixture_has_one_finding_per_set() {
    let sb = Sandbox::new("every-set");
    sb.write("story.md", EVERY_SET);
    let run = sb.short(&["story.md"]);
    let expected = [
        bare_source("story.md:1:1"),
        "story.md:2:14: warning[attribution.unattributed-claim] claim with no source: “reportedly”\n"
            .to_string(),
        "story.md:3:10: warning[superlatives.hype] hype: “historic”\n".to_string(),
        cliche("story.md:4:24"),
    ]
    .concat();
    assert_run(&run, 1, &expected, "");
}

#[test]
fn select_runs_only_the_named_set() {
    let sb = Sandbox::new("select");
    sb.write("story.md", EVERY_SET);
    let run = sb.short(&["--select", "anonymity", "story.md"]);
    assert_run(&run, 1, &bare_source("story.md:1:1"), "");
}

#[test]
fn ignore_takes_a_comma_separated_list() {
    let sb = Sandbox::new("ignore");
    sb.write("story.md", EVERY_SET);
    let run = sb.short(&["--ignore", "framing,superlatives", "story.md"]);
    let expected = [
        bare_source("story.md:1:1"),
        "story.md:2:14: warning[attribution.unattributed-claim] claim with no source: “reportedly”\n"
            .to_string(),
    ]
    .concat();
    assert_run(&run, 1, &expected, "");
}

#[test]
fn select_unknown_name_is_an_error() {
    let sb = Sandbox::new("select-unknown");
    sb.write("story.md", EVERY_SET);
    assert_run(
        &sb.short(&["--select", "nope", "story.md"]),
        2,
        "",
        "error: `nope` is neither a loaded rule nor a rule set; `copydesk rules` lists them\n",
    );
}

// ---------------------------------------------------------------------------------------------
// extends

#[test]
fn extends_replaces_the_bundled_set_and_redefines_a_rule() {
    let sb = Sandbox::new("extends");
    sb.write(
        "house.toml",
        r#"extends = "framing"

[[rule]]
id = "loaded-label"
kind = "substitution"
severity = "error"
message = "house style bans “{match}”; write “{replacement}”"
swap = { "slammed" = "criticized" }
"#,
    );
    sb.write(
        "story.md",
        "The senator slammed the bill.\nWhether the deal holds remains to be seen.\nA source said \
         the deal was off.\n",
    );
    let run = sb.short(&["--rules", "house.toml", "story.md"]);
    let expected = [
        "story.md:1:13: error[house.loaded-label] house style bans “slammed”; write \
         “criticized”\n"
            .to_string(),
        "story.md:2:24: info[house.cliche] cliché: “remains to be seen”\n".to_string(),
        bare_source("story.md:3:1"),
    ]
    .concat();
    assert_run(&run, 1, &expected, "");
}

#[test]
fn extends_an_unknown_name_is_an_error_at_the_value() {
    let sb = Sandbox::new("extends-unknown");
    sb.write("house.toml", "extends = \"framings\"\n");
    sb.write("story.md", CLEAN);
    let expected = r#"error: `framings` is neither a bundled set (anonymity, attribution, superlatives, framing) nor a rule file
  ┌─ house.toml:1:11
  │
1 │ extends = "framings"
  │           ^^^^^^^^^^ cannot extend this

error: could not load rules: 1 problem found
"#;
    assert_run(
        &sb.check(&["--rules", "house.toml", "story.md"]),
        2,
        "",
        expected,
    );
}

#[test]
fn extends_cycle_is_an_error_naming_the_cycle() {
    let sb = Sandbox::new("extends-cycle");
    sb.write("house.toml", "extends = \"desk.toml\"\n");
    sb.write("desk.toml", "extends = \"house.toml\"\n");
    sb.write("story.md", CLEAN);
    let expected = r#"error: `extends` goes round in a circle: house.toml → desk.toml → house.toml
  ┌─ desk.toml:1:11
  │
1 │ extends = "house.toml"
  │           ^^^^^^^^^^^^ cannot extend this

error: the rule file `desk.toml` has problems
  ┌─ house.toml:1:11
  │
1 │ extends = "desk.toml"
  │           ^^^^^^^^^^^ cannot extend this

error: could not load rules: 2 problems found
"#;
    assert_run(
        &sb.check(&["--rules", "house.toml", "story.md"]),
        2,
        "",
        expected,
    );
}

#[test]
fn config_lexicon_adds_reporting_cues() {
    let sb = Sandbox::new("lexicon");
    sb.write("s.txt", "The deal is done, a ministry insider murmured.\n");
    assert_run(&sb.short(&["s.txt"]), 0, "", "");
    sb.write("copydesk.toml", "lexicon = [\"house-lexicon.toml\"]\n");
    sb.write("house-lexicon.toml", "[cues]\nspeech = [\"murmured\"]\n");
    let run = sb.check_with_config(".", &["--format", "short", "s.txt"]);
    assert_run(
        &run,
        1,
        "s.txt:1:19: warning[anonymity.unnamed-official] unnamed source, no reason given for the \
         anonymity: “a ministry insider”\n",
        "",
    );
}

#[test]
fn config_lexicon_adds_words_that_place_a_source() {
    let sb = Sandbox::new("lexicon-placed");
    // "Aware" is not yet a word that places a source: "people aware…" are the public, and
    // officials beside a named one are that person's colleagues.
    sb.write(
        "s.txt",
        "The deal is done, people aware of the talks said.\n\n\
         Officials aware of the talks said the deal was off. Mayor Ana Ruiz said she was \
         hopeful.\n",
    );
    assert_run(&sb.short(&["s.txt"]), 0, "", "");
    sb.write("copydesk.toml", "lexicon = [\"house-lexicon.toml\"]\n");
    sb.write(
        "house-lexicon.toml",
        "[sources]\nplaced-to-know = [\"aware\"]\n",
    );
    let run = sb.check_with_config(".", &["--format", "short", "s.txt"]);
    assert_run(
        &run,
        1,
        "s.txt:1:19: warning[anonymity.unnamed-majority] 2 of the story's 3 sources are unnamed\n\
         s.txt:1:19: warning[anonymity.unnamed-official] unnamed source, no reason given for the \
         anonymity: “people aware of the talks”\n\
         s.txt:3:1: warning[anonymity.unnamed-official] unnamed source, no reason given for the \
         anonymity: “Officials aware of the talks”\n",
        "",
    );
}

/// A house rule that checks quoted words only when an unnamed source or nobody said them.
const QUOTED_FROM_RULES: &str = r#"[[rule]]
id = "game-changer"
kind = "existence"
message = "hype: “{match}”"
quotations = "include"
quotations-from = ["anonymous", "none"]
words = ["game-changer"]
"#;

#[test]
fn quotations_from_checks_only_quotations_of_the_classes_named() {
    let sb = Sandbox::new("quotations-from");
    sb.write("house.toml", QUOTED_FROM_RULES);
    sb.write(
        "story.txt",
        "“It is a game-changer for the port,” said Mayor Ana Ruiz.\n\n\
         “It is a game-changer for the port,” said one official.\n\n\
         “It is a game-changer for the port.”\n\n\
         The deal is a game-changer.\n",
    );
    assert_run(
        &sb.short(&["--select", "house", "--rules", "house.toml", "story.txt"]),
        1,
        "story.txt:3:10: warning[house.game-changer] hype: “game-changer”\n\
         story.txt:5:10: warning[house.game-changer] hype: “game-changer”\n\
         story.txt:7:15: warning[house.game-changer] hype: “game-changer”\n",
        "",
    );
}

#[test]
fn quotations_from_naming_an_unknown_class_points_at_it() {
    let sb = Sandbox::new("quotations-from-unknown");
    sb.write(
        "house.toml",
        QUOTED_FROM_RULES.replace("\"none\"]", "\"nobody\"]"),
    );
    sb.write("story.txt", "Words.\n");
    assert_run(
        &sb.short(&["--rules", "house.toml", "story.txt"]),
        2,
        "",
        "error: unknown source class `nobody`\n  ┌─ house.toml:6:33\n  │\n6 │ quotations-from = \
         [\"anonymous\", \"nobody\"]\n  │                                 ^^^^^^^^ not a source \
         class\n  │\n  = help: the source classes are: named, reference, anonymous, vague, \
         document, none, other\n\nerror: could not load rules: 1 problem found\n",
    );
}

/// A house rule that flags a tally, with `fields` as its conditions.
fn tally_rule(fields: &str) -> String {
    format!(
        "[[rule]]\nid = \"no-sourcing\"\nkind = \"conditional\"\n\
         message = \"a tally with no named source: “{{match}}”\"\nwords = [\"votes\"]\n{fields}"
    )
}

#[test]
fn absent_sources_excuses_a_unit_with_a_source_of_those_classes_and_cues() {
    let sb = Sandbox::new("absent-sources");
    sb.write("house.toml", tally_rule("absent-sources = [\"named\"]\n"));
    // Ruiz says; Lee only worries, which names whom the tally is about, not who gives it.
    sb.write(
        "story.txt",
        "The bill has 40 votes, Senator Ana Ruiz said.\n\n\
         The bill has 40 votes, an aide said.\n\n\
         The bill has 40 votes.\n\n\
         The bill has 40 votes, and Senator Ann Lee worried it would fail.\n",
    );
    let run = |sb: &Sandbox| sb.short(&["--select", "house", "--rules", "house.toml", "story.txt"]);
    let finding = |line: usize| {
        format!(
            "story.txt:{line}:17: warning[house.no-sourcing] a tally with no named source: “votes”\n"
        )
    };
    assert_run(&run(&sb), 1, &[finding(3), finding(5)].concat(), "");
    // With `absent-cues`, only a named source who speaks counts.
    sb.write(
        "house.toml",
        tally_rule("absent-sources = [\"named\"]\nabsent-cues = [\"speech\"]\n"),
    );
    assert_run(
        &run(&sb),
        1,
        &[finding(3), finding(5), finding(7)].concat(),
        "",
    );
    // Without `absent-sources` it would restrict nothing, and empty it would let nothing
    // count: errors, not silent no-ops.
    sb.write(
        "house.toml",
        tally_rule("absent-words = [\"said\"]\nabsent-cues = [\"speech\"]\n"),
    );
    assert_run(
        &run(&sb),
        2,
        "",
        "error: `absent-cues` without `absent-sources` has nothing to restrict\n  ┌─ \
         house.toml:7:16\n  │\n7 │ absent-cues = [\"speech\"]\n  │                \
         ^^^^^^^^ no `absent-sources`\n  │\n  = help: add `absent-sources = [\"named\"]`, or \
         remove `absent-cues`\n\nerror: could not load rules: 1 problem found\n",
    );
    sb.write(
        "house.toml",
        tally_rule("absent-sources = [\"named\"]\nabsent-cues = []\n"),
    );
    assert_run(
        &run(&sb),
        2,
        "",
        "error: `absent-cues` is empty\n  ┌─ house.toml:2:6\n  │\n2 │ id = \"no-sourcing\"\n  │      \
         ^^^^^^^^^^^^^ no attribution would count\n  │\n  = help: e.g. `absent-cues = \
         [\"speech\"]`, or remove it for all kinds\n\nerror: could not load rules: 1 problem \
         found\n",
    );
}

/// A house rule that stays silent on opinion pieces.
const OF_COURSE_RULE: &str = r#"[[rule]]
id = "of-course"
kind = "existence"
message = "editorialising: “{match}”"
opinion = "skip"
words = ["of course"]
"#;

/// `--format short` for `OF_COURSE_RULE` on `files` (name, text), each written first.
fn of_course_findings(name: &str, files: &[(&str, String)]) -> common::Run {
    let sb = Sandbox::new(name);
    sb.write("house.toml", OF_COURSE_RULE);
    let mut args = vec!["--select", "house", "--rules", "house.toml"];
    for (file, text) in files {
        sb.write(file, text);
        args.push(file);
    }
    sb.short(&args)
}

#[test]
fn opinion_skip_silences_a_rule_on_a_first_person_piece() {
    let run = of_course_findings(
        "opinion-skip",
        &[
            (
                "news.txt",
                "The council, of course, voted to close the library.\n".into(),
            ),
            (
                "column.txt",
                "I grew up in that library. The council, of course, voted to close it, and my \
                 neighbours and I will miss it; we all will.\n"
                    .into(),
            ),
        ],
    );
    assert_run(
        &run,
        1,
        "news.txt:1:14: warning[house.of-course] editorialising: “of course”\n",
        "",
    );
}

#[test]
fn opinion_skip_silences_a_rule_on_a_piece_signed_by_a_contributor() {
    let body = "The council, of course, voted to close the library.\n\n";
    let ending = |last: &str| format!("{body}{last}\n");
    // Only the first ends with a signature; the others are how news ends.
    let run = of_course_findings(
        "opinion-signed",
        &[
            (
                "oped.txt",
                ending("Ann Lee is a professor of history at Tulane."),
            ),
            (
                "said.txt",
                ending("Ann Lee, a professor of history at Tulane, said it was a loss."),
            ),
            (
                "was.txt",
                ending("Ann Lee, a Harvard professor, was not involved in the study."),
            ),
            (
                "title.txt",
                ending("The President is expected to sign the bill on Friday."),
            ),
            (
                "running.txt",
                ending("Mayor Ann Lee is running for governor."),
            ),
            // A verb of the writer's trade signs too, with a role and a title in quotes.
            (
                "edits.txt",
                ending(
                    "Jason Linkins edits “Eat The Press” for The Huffington Post and co-hosts \
                     its podcast.",
                ),
            ),
            (
                "taught.txt",
                ending("Tom Davis, a retired Army officer, taught politics at West Point."),
            ),
            // Not without a role, nor a verb that introduces words.
            (
                "teaches.txt",
                ending("John Smith, 45, teaches at the high school."),
            ),
            (
                "teaches-that.txt",
                ending("Ann Lee, a professor at Tulane, teaches that the law is settled."),
            ),
        ],
    );
    let expected = ["said", "was", "title", "running", "teaches", "teaches-that"]
        .map(|f| format!("{f}.txt:1:14: warning[house.of-course] editorialising: “of course”\n"))
        .concat();
    assert_run(&run, 1, &expected, "");
}

#[test]
fn a_named_pattern_is_shared_by_rules_and_may_use_lists() {
    let sb = Sandbox::new("named-pattern");
    sb.write(
        "house.toml",
        r#"[lists]
body = ["council", "board"]

[patterns]
vote = '\bthe\s+{{body}}\s+voted\b'

[[rule]]
id = "vote-a"
kind = "existence"
message = "a vote: “{match}”"
patterns = ['{{vote}}\s+to']

[[rule]]
id = "vote-b"
kind = "existence"
message = "a vote again: “{match}”"
patterns = ['{{vote}}\s+against']
"#,
    );
    sb.write(
        "story.md",
        "In May the board voted to close it. In June the council voted against it.\n",
    );
    assert_run(
        &sb.short(&["--select", "house", "--rules", "house.toml", "story.md"]),
        1,
        "story.md:1:8: warning[house.vote-a] a vote: “the board voted to”\n\
         story.md:1:45: warning[house.vote-b] a vote again: “the council voted against”\n",
        "",
    );
}

#[test]
fn a_mistake_in_a_named_pattern_is_reported_where_it_is_defined_once() {
    let sb = Sandbox::new("named-pattern-bad");
    // A name both a list and a pattern, a pattern that is not a string, one that is not a
    // regex (used by a rule, which is not reported again), one that refers to itself.
    sb.write(
        "house.toml",
        r#"[lists]
body = ["council"]

[patterns]
body = 'board'
vote = ["voted"]
open = '(unclosed'
loop = 'a{{loop}}'

[[rule]]
id = "uses-open"
kind = "existence"
message = "m"
patterns = ['x{{open}}']
"#,
    );
    sb.write("story.md", CLEAN);
    let expected = r#"error: `body` is also a list in this file
  ┌─ house.toml:5:1
  │
5 │ body = 'board'
  │ ^^^^ a second meaning for `{{…}}`

error: expected a string (a regex), found array
  ┌─ house.toml:6:8
  │
6 │ vote = ["voted"]
  │        ^^^^^^^^^ this is array

error: invalid pattern `open`: regex parse error:
    (unclosed
    ^
error: unclosed group
  ┌─ house.toml:7:1
  │
7 │ open = '(unclosed'
  │ ^^^^ in this pattern

error: invalid pattern `loop`: the pattern `loop` refers to itself through `{{…}}` (loop → loop)
  ┌─ house.toml:8:1
  │
8 │ loop = 'a{{loop}}'
  │ ^^^^ in this pattern

error: could not load rules: 4 problems found
"#;
    assert_run(
        &sb.check(&["--rules", "house.toml", "story.md"]),
        2,
        "",
        expected,
    );
}

// ---------------------------------------------------------------------------------------------
// rules off by default

/// A house rule that is off unless a config or `--select` turns it on.
const OFF_RULE: &str = r#"[[rule]]
id = "hopefully"
kind = "existence"
enabled = false
message = "“{match}” as a sentence adverb"
words = ["hopefully"]
examples.flag = ["Hopefully the vote passes."]
"#;

const HOPEFULLY: &str = "story.md:1:1: warning[house.hopefully] “Hopefully” as a sentence adverb\n";

#[test]
fn a_rule_off_by_default_does_not_run() {
    let sb = Sandbox::new("off-default");
    sb.write("house.toml", OFF_RULE);
    sb.write("story.md", "Hopefully the vote passes.\n");
    let run = sb.short(&["--rules", "house.toml", "story.md"]);
    assert_run(&run, 0, "", "");
}

#[test]
fn config_enable_turns_a_rule_on() {
    let sb = Sandbox::new("off-enable");
    sb.write("house.toml", OFF_RULE);
    sb.write(
        "copydesk.toml",
        "rules = [\"house.toml\"]\nenable = [\"house.hopefully\"]\n",
    );
    sb.write("story.md", "Hopefully the vote passes.\n");
    let run = sb.check_with_config(".", &["--format", "short", "story.md"]);
    assert_run(&run, 1, HOPEFULLY, "");
}

#[test]
fn select_by_id_turns_a_rule_on_but_select_by_set_does_not() {
    let sb = Sandbox::new("off-select");
    sb.write("house.toml", OFF_RULE);
    sb.write("story.md", "Hopefully the vote passes.\n");
    let run = sb.short(&[
        "--rules",
        "house.toml",
        "--select",
        "house.hopefully",
        "story.md",
    ]);
    assert_run(&run, 1, HOPEFULLY, "");
    let run = sb.short(&["--rules", "house.toml", "--select", "house", "story.md"]);
    assert_run(&run, 0, "", "");
}

#[test]
fn a_bundled_rule_off_by_default_is_turned_on_by_config() {
    let sb = Sandbox::new("off-bundled");
    sb.write("copydesk.toml", "enable = [\"anonymity.vague-group\"]\n");
    sb.write("story.md", "Many reporters noted the change on Twitter.\n");
    let run = sb.short(&["story.md"]);
    assert_run(&run, 0, "", "");
    let run = sb.check_with_config(".", &["--format", "short", "story.md"]);
    assert_run(
        &run,
        0,
        "story.md:1:1: info[anonymity.vague-group] a group stands in for a source: “Many reporters”\n",
        "",
    );
}

#[test]
fn config_enable_naming_an_unknown_rule_points_at_it() {
    let sb = Sandbox::new("off-enable-typo");
    sb.write("copydesk.toml", "enable = [\"anonymity.vague-grup\"]\n");
    sb.write("story.md", "The council met.\n");
    let run = sb.check_with_config(".", &["story.md"]);
    let expected = "error: `anonymity.vague-grup` is neither a loaded rule nor a rule set
  ┌─ PATH:1:11
  │
1 │ enable = [\"anonymity.vague-grup\"]
  │           ^^^^^^^^^^^^^^^^^^^^^^ unknown rule
  │
  = help: did you mean `anonymity.vague-group`?

error: could not load config: 1 problem found
"
    .replace(
        "PATH",
        &sb.path().join("copydesk.toml").display().to_string(),
    );
    assert_run(&run, 2, "", &expected);
}

// ---------------------------------------------------------------------------------------------
// absent-next-paragraphs

#[test]
fn an_answer_in_the_next_paragraph_excuses_a_conditional_match_and_one_further_does_not() {
    let sb = Sandbox::new("absent-next");
    sb.write(
        "house.toml",
        r#"[[rule]]
id = "reply"
kind = "conditional"
message = "no reply"
scope = "paragraph"
words = ["accused"]
absent-words = ["denied"]
absent-next-paragraphs = 1
"#,
    );
    sb.write(
        "story.md",
        "The mayor accused the firm.\n\nThe firm denied it.\n\n\
         The council accused the firm.\n\nThe vote was close.\n\nThe firm denied it.\n",
    );
    let run = sb.check(&[
        "--rules",
        "house.toml",
        "--select",
        "house",
        "--format",
        "short",
        "story.md",
    ]);
    assert_run(
        &run,
        1,
        "story.md:5:13: warning[house.reply] no reply\n",
        "",
    );
}
