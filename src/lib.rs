//! copydesk reads a news story the way a copy desk does: source file → document (prose
//! blocks, offsets into the original) → sentences and quotations → rules → diagnostics → output.

pub mod analysis;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod linter;
pub mod output;
pub mod problem;
pub mod quotation;
pub mod rule;
pub mod sentence;
pub mod source;
