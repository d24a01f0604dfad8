//! copydesk reads a news story the way a copy desk does: source file → document (prose
//! blocks, offsets into the original) → sentences and quotations → attributions (who said
//! what) → rules → diagnostics → suppressions → baseline, changed lines → output, or fixes
//! applied to the file. The modules below are listed in that order; `config`, `linter`, `cli`
//! and `lsp` drive them.

pub mod source;
pub mod document;
pub mod sentence;
pub mod quotation;
pub mod analysis;
pub mod attribution;
pub mod rule;
pub mod problem;
pub mod diagnostic;
pub mod suppression;
pub mod output;
pub mod baseline;
pub mod changes;
pub mod fix;
pub mod atomic;
pub mod config;
pub mod linter;
pub mod lsp;
pub mod cli;
