//! moc — the work plan of a municipal support centre (МОЦ) for children's supplementary
//! education, kept as TOML files, checked, evaluated and reported.
//!
//! Data flows one way, and each step has one home:
//!
//! ```text
//! discover   paths → plan files (or a git revision: git)           discover, git
//! load       TOML → model with spans, the plan year resolved        load, model, format, source
//! check      named checks → findings (diagnostics)                  checks, diagnostic
//!            (load + check as one: workspace::Loader::check_source; workspace::for_each_plan
//!             streams a region plan by plan)
//! evaluate   each item's state at an as-of date                    evaluate, view, report
//! render     one writer per format                                  render
//! ```
//!
//! Around it: the deadline grammar ([`deadline`]), the roster ([`roster`]), edits that keep every
//! byte ([`edit`], [`fmt`]), the importer ([`import`]), what changed between revisions
//! ([`plandiff`]). The program itself — command line, context, errors, exit codes — is [`app`];
//! each command is a file in [`commands`]. `src/main.rs` only calls [`app::main`].

pub mod app;
mod checks;
mod commands;
mod deadline;
mod diagnostic;
mod discover;
mod edit;
mod evaluate;
mod fmt;
mod format;
mod fsutil;
#[doc(hidden)]
pub mod fuzzing;
mod git;
mod i18n;
mod import;
mod indicators;
mod load;
mod model;
mod number;
mod plandiff;
mod region;
mod render;
mod report;
mod roster;
mod schema;
#[cfg(feature = "serve")]
mod serve;
mod settings;
mod source;
mod suggest;
#[cfg(test)]
mod tests;
mod text;
mod view;
mod workspace;
