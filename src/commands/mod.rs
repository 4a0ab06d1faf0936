//! One file per command: its clap arguments beside its `run`, which takes the arguments, the
//! run's [`Ctx`] and the standard streams, and returns how it ended. Commands are thin: they read
//! plans through [`crate::workspace`], evaluate them ([`crate::view`], [`crate::report`]) and hand
//! the result to one writer of [`crate::render`]. The edit verbs share `edit/`.
//!
//! This module holds what commands over plans share: reading them (unreadable files said on
//! standard error), and ending (which plans do not check, and the exit code).

pub(crate) mod args;
pub(crate) mod calendar;
pub(crate) mod catalogue;
pub(crate) mod check;
pub(crate) mod ci;
pub(crate) mod completions;
pub(crate) mod deadline;
pub(crate) mod diff;
pub(crate) mod edit;
pub(crate) mod fmt;
pub(crate) mod hook;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod log;
pub(crate) mod man;
pub(crate) mod overdue;
pub(crate) mod render;
pub(crate) mod report;
pub(crate) mod rollover;
pub(crate) mod schema;
pub(crate) mod serve;
pub(crate) mod status;
pub(crate) mod textconv;

use std::path::{Path, PathBuf};

pub(crate) use crate::app::{CommandError, Ctx, Exit, Io};
use crate::git::GitError;
use crate::i18n::plural;
use crate::load::Checked;
use crate::tr;
use crate::workspace::{self, Digest, Loader, Plans, Selection, Standing, Workspace};

/// The loader of this run.
pub(crate) fn loader(ctx: &Ctx) -> Loader<'_> {
    Loader {
        lang: ctx.lang,
        as_of: ctx.as_of,
        shared: &ctx.settings.roster,
        indicators: &ctx.settings.indicators,
        cwd: &ctx.cwd,
        root: ctx.root.as_deref(),
    }
}

/// The plans of a selection: the work tree (`paths`, `plans/` by default) or a revision.
pub(crate) fn selection<'a>(paths: &'a [PathBuf], at: Option<&'a str>) -> Selection<'a> {
    match at {
        Some(rev) => Selection::At(rev, paths),
        None => Selection::Work(paths),
    }
}

/// A git error as a command's error.
pub(crate) fn git_error(e: &GitError, ctx: &Ctx) -> CommandError {
    CommandError::user(e.message(ctx.lang))
}

/// The year of plans a command takes: `--year`, else the region's.
fn year_of(ctx: &Ctx, year: Option<i32>) -> Option<i32> {
    year.or(ctx.settings.year)
}

/// When no plan is named and there is no `plans/` folder (a new user in an empty folder): what
/// to do instead of a bare «no such file».
pub(crate) fn no_plans_folder(ctx: &Ctx) -> Option<CommandError> {
    let dir = ctx.default_plans();
    if dir.exists() {
        return None;
    }
    let lang = ctx.lang;
    Some(
        CommandError::user(tr!(
            lang,
            "здесь нет папки с планами: {}/",
            "there is no folder of plans here: {}/",
            ctx.shown(&dir)
        ))
        .hint(tr!(
            lang,
            "новый план: moc init --municipality \"…\" --year {}",
            "a new plan: moc init --municipality \"…\" --year {}",
            chrono::Datelike::year(&ctx.as_of)
        ))
        .hint(lang.pick(
            "план из Word: moc import план.docx",
            "a plan from Word: moc import plan.docx",
        ))
        .hint(lang.pick(
            "или укажите файл плана: moc status путь/план.toml",
            "or name a plan file: moc status path/plan.toml",
        )),
    )
}

/// Read the plans of `selection` one at a time ([`workspace::for_each_plan`]): files that cannot
/// be read are said on standard error (and listed in `failures`).
pub(crate) fn read_plans<T: Send>(
    selection: Selection<'_>,
    year: Option<i32>,
    ctx: &Ctx,
    io: &mut Io<'_>,
    work: impl Fn(Checked) -> T + Sync,
) -> Result<Plans<Digest<T>>, CommandError> {
    read_plans_of(selection, year_of(ctx, year), ctx, io, work)
}

/// [`read_plans`] of every year, whatever `--year` and `moc.toml` say: for the region's report,
/// which sets this year beside the year before.
pub(crate) fn read_every_year<T: Send>(
    selection: Selection<'_>,
    ctx: &Ctx,
    io: &mut Io<'_>,
    work: impl Fn(Checked) -> T + Sync,
) -> Result<Plans<Digest<T>>, CommandError> {
    let each = read_plans_of(selection, None, ctx, io, work)?;
    if each.plans.is_empty() && !each.failures.is_empty() {
        return Err(CommandError::reported());
    }
    Ok(each)
}

fn read_plans_of<T: Send>(
    selection: Selection<'_>,
    year: Option<i32>,
    ctx: &Ctx,
    io: &mut Io<'_>,
    work: impl Fn(Checked) -> T + Sync,
) -> Result<Plans<Digest<T>>, CommandError> {
    ctx.settings.fail_if_unreadable(ctx)?;
    if let Selection::Work([]) = selection
        && let Some(e) = no_plans_folder(ctx)
    {
        return Err(e);
    }
    let each = workspace::for_each_plan(selection, year, &ctx.default_plans(), &loader(ctx), work)
        .map_err(|e| git_error(&e, ctx))?;
    say_failures(&each.failures, ctx, io)?;
    Ok(each)
}

/// [`read_plans`] for a command that needs at least one plan: when nothing could be read at
/// all, that is the error. Of a municipality's plans for several years one is taken: `--year`,
/// else the region's year (`moc.toml`), else the plan whose period holds `--as-of` — unless the
/// plans were named file by file on the command line.
pub(crate) fn read_each<T: Send>(
    selection: Selection<'_>,
    year: Option<i32>,
    ctx: &Ctx,
    io: &mut Io<'_>,
    work: impl Fn(Checked) -> T + Sync,
) -> Result<Plans<Digest<T>>, CommandError> {
    let named_files = match selection {
        Selection::Work(paths) | Selection::At(_, paths) => {
            !paths.is_empty() && paths.iter().all(|p| ctx.cwd.join(p).is_file())
        }
        Selection::Staged => true,
    };
    let mut each = read_plans(selection, year, ctx, io, work)?;
    if year_of(ctx, year).is_none() && !named_files {
        let dropped = workspace::one_year_each(&mut each.plans, ctx.as_of);
        say_other_years(&dropped, ctx, io)?;
    }
    if each.plans.is_empty() && !each.failures.is_empty() {
        return Err(CommandError::reported());
    }
    Ok(each)
}

/// Read the plans of `selection` whole ([`read_each`] collected).
pub(crate) fn read_all(
    selection: Selection<'_>,
    year: Option<i32>,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> Result<Workspace, CommandError> {
    let each = read_each(selection, year, ctx, io, |c| c)?;
    Ok(Plans {
        plans: each.plans.into_iter().map(|d| d.value).collect(),
        failures: each.failures,
    })
}

/// When plans of another year were left aside: say which year was taken, and how to ask for the
/// one just ended (within two months of its end).
fn say_other_years(
    dropped: &[(String, crate::deadline::PlanYear)],
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> std::io::Result<()> {
    let lang = ctx.lang;
    let mut recent: Vec<crate::deadline::PlanYear> = dropped
        .iter()
        .map(|(_, y)| *y)
        .filter(|y| {
            let end = y.period().1;
            end < ctx.as_of && (ctx.as_of - end).num_days() <= 62
        })
        .collect();
    recent.sort_by_key(|y| y.period().0);
    recent.dedup();
    for y in recent {
        let first = crate::model::first_year(y);
        writeln!(
            io.err,
            "{}",
            crate::tr!(
                lang,
                "заметка: взяты планы года, в котором {}; за {y} год: --year {first}",
                "note: the plans of the year holding {} are taken; for {y}: --year {first}",
                crate::i18n::short_date(lang, ctx.as_of)
            )
        )?;
    }
    Ok(())
}

/// [`read_each`] for a command that shows one plan whole and sums several up: the work is made
/// by `work(whole)`. Plans are read for the summary unless `whole` is asked for or the paths name
/// one file; when they turn out to be one plan all the same (a year that leaves one), that plan
/// is read again, whole.
pub(crate) fn read_shown<T: Send, W: Fn(Checked) -> T + Sync>(
    paths: &[PathBuf],
    plans: &args::PlanArgs,
    whole: bool,
    ctx: &Ctx,
    io: &mut Io<'_>,
    work: impl Fn(bool) -> W,
) -> Result<Plans<Digest<T>>, CommandError> {
    let whole = whole || one_file(paths);
    let at = plans.at.as_deref();
    let mut each = read_each(selection(paths, at), plans.year, ctx, io, work(whole))?;
    if let [one] = each.plans.as_slice()
        && !whole
    {
        let path = [one.path.clone()];
        let mut again = read_each(selection(&path, at), plans.year, ctx, io, work(true))?;
        again
            .failures
            .splice(0..0, std::mem::take(&mut each.failures));
        each = again;
    }
    Ok(each)
}

/// Whether the paths name one file (not a folder): then a command shows that plan whole.
pub(crate) fn one_file(paths: &[PathBuf]) -> bool {
    matches!(paths, [p] if p.is_file())
}

/// «ошибка: …» on standard error for each path that could not be read.
pub(crate) fn say_failures(failures: &[String], ctx: &Ctx, io: &mut Io<'_>) -> std::io::Result<()> {
    let label = crate::app::error::label(ctx.lang, ctx.term.err_color);
    for f in failures {
        writeln!(io.err, "{label}: {f}")?;
    }
    Ok(())
}

/// How a command over plans ends, after its output: the plans that do not check are listed on
/// standard error; 2 when a file could not be read, 1 when a plan has errors or `findings`, else 0.
pub(crate) fn conclude<'a, S: Standing + 'a>(
    failures: &[String],
    plans: impl IntoIterator<Item = &'a S>,
    findings: bool,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> Result<Exit, CommandError> {
    let errors = say_plan_errors(plans, ctx, io)?;
    Ok(if !failures.is_empty() {
        Exit::Failure
    } else if errors || findings {
        Exit::Findings
    } else {
        Exit::Ok
    })
}

/// After the output: which plans do not check, on standard error. Returns whether any.
pub(crate) fn say_plan_errors<'a, S: Standing + 'a>(
    plans: impl IntoIterator<Item = &'a S>,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> std::io::Result<bool> {
    let lang = ctx.lang;
    let mut any = false;
    for p in plans {
        if p.errors() == 0 {
            continue;
        }
        any = true;
        let name = p.name();
        let n = plural(
            lang,
            p.errors() as u64,
            ["ошибка", "ошибки", "ошибок"],
            ["error", "errors"],
        );
        let what = if p.readable() {
            lang.pick(
                "показано то, что удалось понять",
                "what could be understood is shown",
            )
        } else {
            lang.pick(
                "файл не читается, план не показан",
                "the file cannot be read, the plan is not shown",
            )
        };
        let label = crate::app::error::label(lang, ctx.term.err_color);
        writeln!(
            io.err,
            "{label}: {name}: {n} ({what}); {} moc check {name}",
            lang.pick("подробности:", "details:")
        )?;
    }
    Ok(any)
}

/// The `#:schema …` line that lets an editor check a new plan at `target`, when the repository
/// keeps the schema at its root: the path goes up from the plan's folder to the root.
pub(crate) fn schema_line(ctx: &Ctx, target: &Path) -> Option<String> {
    let root = ctx.root.as_ref()?;
    if !root.join(crate::discover::SCHEMA_FILE).is_file() {
        return None;
    }
    let file = ctx.cwd.join(target);
    let depth = file.parent()?.strip_prefix(root).ok()?.components().count();
    Some(format!(
        "#:schema {}{}\n",
        "../".repeat(depth),
        crate::discover::SCHEMA_FILE
    ))
}

/// Lock a plan for an edit ([`crate::fsutil::lock`]), saying so on standard error when another
/// edit holds it and we wait.
pub(crate) fn lock(
    path: &Path,
    ctx: &Ctx,
    err: &mut dyn std::io::Write,
) -> Result<std::fs::File, CommandError> {
    use crate::fsutil::{LOCK_WAIT, LockError};
    let lang = ctx.lang;
    let shown = ctx.shown(path);
    let waiting = || {
        let _ = writeln!(
            err,
            "{}",
            crate::tr!(
                lang,
                "{shown}: файл правит другая команда moc — жду до {} с…",
                "{shown}: another moc command is editing the file — waiting up to {} s…",
                LOCK_WAIT.as_secs()
            )
        );
    };
    crate::fsutil::lock(path, waiting).map_err(|e| match e {
        LockError::Busy => CommandError::user(crate::tr!(
            lang,
            "{shown}: файл занят другой правкой дольше {} с — правка не записана, повторите команду",
            "{shown}: another edit held the file for over {} s — nothing is written, run the command again",
            LOCK_WAIT.as_secs()
        )),
        LockError::Io(e) => CommandError::io(
            crate::tr!(lang, "{shown}: не удалось заблокировать файл", "{shown}: cannot lock the file"),
            e,
        ),
    })
}
