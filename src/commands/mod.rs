//! One module per subcommand. Each takes its arguments, the resolved [`Ctx`] and the writers,
//! and returns how the run ended; the work itself lives in the library modules.

pub mod check;
pub mod deadline;
pub mod edit;
pub mod files;
pub mod import;
pub mod overdue;
pub mod render;
pub mod report;
pub mod status;

use std::io::Write;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use crate::diagnostic::Severity;
use crate::discover;
use crate::i18n::Lang;
use crate::load::{self, Loaded};

/// Everything a command needs to know besides its own arguments, resolved once.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub lang: Lang,
    /// Colour on standard output.
    pub color: bool,
    /// Colour on standard error.
    pub err_color: bool,
    /// "Today".
    pub as_of: NaiveDate,
    /// The width to lay tables out in; `None` when not on a terminal and `COLUMNS` is unset.
    pub width: Option<usize>,
}

/// How a command ended, as the exit code tells a hook or CI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// 0: all well.
    Ok,
    /// 1: findings (errors in plans, overdue work with `--fail`, a deadline not understood).
    Findings,
    /// 2: moc could not do its job (missing file, unreadable folder, bad arguments).
    Failure,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::Findings => 1,
            Exit::Failure => 2,
        }
    }

    /// The worse of two outcomes.
    #[must_use]
    pub fn max(self, other: Exit) -> Exit {
        if other.code() > self.code() {
            other
        } else {
            self
        }
    }
}

/// Standard output and standard error.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

/// Plans loaded and checked, and the paths that could not be read.
pub struct Workspace {
    pub plans: Vec<Loaded>,
    /// Messages about files and folders that could not be read.
    pub failures: Vec<String>,
}

impl Workspace {
    /// Whether any plan has an error-level finding.
    pub fn has_errors(&self) -> bool {
        self.plans
            .iter()
            .any(|l| l.diagnostics.iter().any(|d| d.severity == Severity::Error))
    }
}

/// The folder plans are read from when no path is given.
pub const DEFAULT_PLANS: &str = "plans";

/// Find, read, load and check the plans under `paths` (default `plans/`).
pub fn load_workspace(paths: &[PathBuf], ctx: &Ctx) -> Workspace {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(DEFAULT_PLANS)]
    } else {
        paths.to_vec()
    };
    let (files, errors) = discover::plan_files(&paths, ctx.lang);
    let mut failures: Vec<String> = errors.into_iter().map(|e| e.0).collect();
    let mut plans = Vec::with_capacity(files.len());
    for f in files {
        match load::load_path(&f, ctx.lang, ctx.as_of.year()) {
            Ok(mut loaded) => {
                if let Some(plan) = &loaded.plan {
                    let found = crate::checks::run(plan, &loaded.source, ctx.as_of, ctx.lang);
                    loaded.diagnostics.extend(found);
                }
                loaded
                    .diagnostics
                    .sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
                plans.push(loaded);
            }
            Err(e) => failures.push(e.message(ctx.lang, &crate::source::display_path(&f))),
        }
    }
    Workspace { plans, failures }
}

/// Print messages about unreadable paths to standard error.
pub fn report_failures(ws: &Workspace, ctx: &Ctx, io: &mut Io<'_>) -> std::io::Result<()> {
    let label = ctx.lang.pick("ошибка", "error");
    for f in &ws.failures {
        if ctx.err_color {
            writeln!(io.err, "\u{1b}[1;31m{label}\u{1b}[0m: {f}")?;
        } else {
            writeln!(io.err, "{label}: {f}")?;
        }
    }
    Ok(())
}

/// After the output: which plans do not check, on standard error. Returns whether any.
pub fn report_plan_errors(ws: &Workspace, ctx: &Ctx, io: &mut Io<'_>) -> std::io::Result<bool> {
    use crate::i18n::plural;
    let lang = ctx.lang;
    let mut any = false;
    for l in &ws.plans {
        let errors = l
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        if errors == 0 {
            continue;
        }
        any = true;
        let name = &l.source.name;
        let n = plural(
            lang,
            errors as u64,
            ["ошибка", "ошибки", "ошибок"],
            ["error", "errors"],
        );
        let what = if l.plan.is_none() {
            lang.pick(
                "файл не читается, план не показан",
                "the file cannot be read, the plan is not shown",
            )
        } else {
            lang.pick(
                "показано то, что удалось понять",
                "what could be understood is shown",
            )
        };
        let label = crate::render::paint(lang.pick("ошибка", "error"), "1;31", ctx.err_color);
        writeln!(
            io.err,
            "{label}: {name}: {n} ({what}); {} moc check {name}",
            lang.pick("подробности:", "details:")
        )?;
    }
    Ok(any)
}
