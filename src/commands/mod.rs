//! One module per subcommand. Each takes its arguments, the resolved [`Ctx`] and the writers,
//! and returns how the run ended; the work itself lives in the library modules.

pub mod check;
pub mod deadline;
pub mod edit;
pub mod export;
pub mod files;
pub mod history;
pub mod import;
pub mod overdue;
pub mod render;
pub mod report;
pub mod status;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::diagnostic::Severity;
use crate::discover;
use crate::i18n::Lang;
use crate::load::{self, Loaded};
use crate::tr;

/// Everything a command needs to know besides its own arguments, resolved once. (Its flags are
/// independent facts about the run, not a state machine.)
#[derive(Clone, Debug)]
#[allow(clippy::struct_excessive_bools)]
pub struct Ctx {
    pub lang: Lang,
    /// Colour on standard output.
    pub color: bool,
    /// Colour on standard error.
    pub err_color: bool,
    /// "Today".
    pub as_of: NaiveDate,
    /// Standard output is a terminal (binary files are not written to one).
    pub out_tty: bool,
    /// The width to lay tables out in; `None` when not on a terminal and `COLUMNS` is unset.
    pub width: Option<usize>,
    /// The repository's root: the nearest folder up from here with `moc.toml` or `plans/`.
    pub root: Option<PathBuf>,
    /// The region's settings from `moc.toml` (empty without one).
    pub settings: crate::load::Settings,
    /// The process ends after this command, so big structures need not be freed one by one
    /// (freeing a region's 100 000 items costs more than building their report).
    pub exiting: bool,
}

/// Send a command's output to `-o FILE` (written atomically, and said so on stderr) or to
/// standard output; `written_to` is the message's start («отчёт записан в»). A binary file (a workbook, a Word document) is not poured onto a terminal:
/// then it returns `Ok(false)` after saying to use `-o`.
pub fn emit(
    output: Option<&Path>,
    bytes: &[u8],
    binary: bool,
    ctx: &Ctx,
    io: &mut Io<'_>,
    written_to: (&str, &str),
) -> anyhow::Result<bool> {
    emit_pieces(output, &[bytes], binary, ctx, io, written_to)
}

/// [`emit`] for output made in pieces (a region's report, plan by plan), written one after
/// another without being joined first.
pub fn emit_pieces(
    output: Option<&Path>,
    pieces: &[&[u8]],
    binary: bool,
    ctx: &Ctx,
    io: &mut Io<'_>,
    written_to: (&str, &str),
) -> anyhow::Result<bool> {
    let lang = ctx.lang;
    match output {
        Some(path) if path.as_os_str() != "-" => {
            write_output_pieces(path, pieces, lang)?;
            let shown = crate::source::display_path(path);
            writeln!(io.err, "{} {shown}", lang.pick(written_to.0, written_to.1))?;
        }
        _ if binary && ctx.out_tty => {
            writeln!(
                io.err,
                "{}",
                tr!(
                    lang,
                    "ошибка: это двоичный файл, на экран его не вывести — укажите, куда записать: -o файл",
                    "error: this is a binary file and cannot go to the screen — say where to write it: -o FILE"
                )
            )?;
            return Ok(false);
        }
        _ => {
            for p in pieces {
                io.out.write_all(p)?;
            }
        }
    }
    Ok(true)
}

/// Write a new output file (a report, a table, a plan): its folder is made when missing, the file
/// is replaced atomically, and a failure names the file.
pub fn write_output(path: &Path, bytes: &[u8], lang: Lang) -> anyhow::Result<()> {
    write_output_pieces(path, &[bytes], lang)
}

/// [`write_output`] of pieces written one after another.
fn write_output_pieces(path: &Path, pieces: &[&[u8]], lang: Lang) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let shown = crate::source::display_path(path);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| {
            tr!(
                lang,
                "не удалось создать папку для {shown}",
                "cannot create the folder of {shown}"
            )
        })?;
    }
    crate::fsutil::write_atomic_pieces(path, pieces)
        .with_context(|| tr!(lang, "не удалось записать {shown}", "cannot write {shown}"))
}

/// A command's output: straight to standard output, or gathered for `-o FILE` or a binary format
/// and handed to [`emit`] at the end.
pub struct Sink {
    buf: Vec<u8>,
    direct: bool,
    binary: bool,
}

impl Sink {
    pub fn new(to_file: bool, binary: bool) -> Sink {
        Sink {
            buf: Vec::new(),
            direct: !to_file && !binary,
            binary,
        }
    }

    /// Where to write: standard output itself, or the gathering buffer.
    pub fn writer<'s>(&'s mut self, stdout: &'s mut dyn Write) -> &'s mut dyn Write {
        if self.direct { stdout } else { &mut self.buf }
    }

    /// [`Sink::finish`] for a table (`moc status`, `moc overdue`).
    pub fn finish_table(
        self,
        output: Option<&Path>,
        ctx: &Ctx,
        io: &mut Io<'_>,
    ) -> anyhow::Result<bool> {
        self.finish(
            output,
            ctx,
            io,
            ("таблица записана в", "the table is written to"),
        )
    }

    /// Deliver what was gathered (see [`emit`]); `Ok(false)` when it was refused.
    pub fn finish(
        self,
        output: Option<&Path>,
        ctx: &Ctx,
        io: &mut Io<'_>,
        written_to: (&str, &str),
    ) -> anyhow::Result<bool> {
        if self.direct {
            return Ok(true);
        }
        emit(output, &self.buf, self.binary, ctx, io, written_to)
    }
}

/// The context for output that goes to a file: no colour codes.
pub fn for_file(ctx: &Ctx, to_file: bool) -> std::borrow::Cow<'_, Ctx> {
    if to_file {
        std::borrow::Cow::Owned(Ctx {
            color: false,
            ..ctx.clone()
        })
    } else {
        std::borrow::Cow::Borrowed(ctx)
    }
}

/// The `#:schema …` line that lets an editor check a new plan at `target`, when the repository
/// keeps the schema at its root: the path goes up from the plan's folder to the root.
pub fn schema_line(ctx: &Ctx, target: &Path) -> Option<String> {
    let root = ctx.root.as_ref()?;
    if !root.join(discover::SCHEMA_FILE).is_file() {
        return None;
    }
    let file = std::path::absolute(target).ok()?;
    let depth = file.parent()?.strip_prefix(root).ok()?.components().count();
    Some(format!(
        "#:schema {}{}\n",
        "../".repeat(depth),
        discover::SCHEMA_FILE
    ))
}

/// The plans the command reads: the working tree, or a git revision (`--at`). Files that could
/// not be read are reported; `None` when a revision cannot be read or no file could be.
pub fn load_for(
    paths: &[PathBuf],
    ctx: &Ctx,
    year: Option<i32>,
    at: Option<&str>,
    io: &mut Io<'_>,
) -> std::io::Result<Option<Workspace>> {
    let ws = match at {
        Some(rev) => match load_workspace_at(paths, ctx, year, rev) {
            Ok(ws) => ws,
            Err(e) => {
                say_error(io, ctx.lang, e.message(ctx.lang))?;
                return Ok(None);
            }
        },
        None => load_workspace_year(paths, ctx, year),
    };
    report_failures(&ws.failures, ctx, io)?;
    if ws.plans.is_empty() && !ws.failures.is_empty() {
        return Ok(None);
    }
    Ok(Some(ws))
}

/// [`load_for`] with the plan year and revision of a command's filter options.
pub fn load_filtered(
    paths: &[PathBuf],
    filter: &crate::cli::FilterArgs,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> std::io::Result<Option<Workspace>> {
    load_for(paths, ctx, filter.plan_year, filter.at.as_deref(), io)
}

/// The rows of the plans that pass `filter` (see [`crate::view::build`]); a filter that cannot
/// be applied is reported, and gives `None`.
pub fn rows_for<'a>(
    ws: &'a Workspace,
    filter: &crate::view::Filter,
    soon: i64,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> std::io::Result<Option<Vec<crate::view::Row<'a>>>> {
    match crate::view::build(&ws.plans, filter, ctx.as_of, soon, ctx.lang) {
        Ok(rows) => Ok(Some(rows)),
        Err(e) => {
            report_filter_error(&e, ctx, io)?;
            Ok(None)
        }
    }
}

/// Say on standard error why a filter cannot be applied.
pub fn report_filter_error(
    e: &crate::view::FilterError,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> std::io::Result<()> {
    say_error(io, ctx.lang, &e.0)
}

/// Drop a value — or, when the process is about to end, leave it to the operating system.
pub fn release<T>(ctx: &Ctx, value: T) {
    if ctx.exiting {
        std::mem::forget(value);
    } else {
        drop(value);
    }
}

impl Ctx {
    /// The folder of plans used when no path is given: `plans/` at the repository's root.
    pub fn default_plans(&self) -> PathBuf {
        match &self.root {
            Some(r) => {
                let p = r.join(DEFAULT_PLANS);
                std::env::current_dir()
                    .ok()
                    .and_then(|cwd| p.strip_prefix(&cwd).ok().map(Path::to_path_buf))
                    .filter(|rel| !rel.as_os_str().is_empty())
                    .unwrap_or(p)
            }
            None => PathBuf::from(DEFAULT_PLANS),
        }
    }
}

/// The repository's root: the nearest folder from `start` up that holds `moc.toml`, else the
/// nearest that holds a `plans/` folder.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let with = |name: &str, want_dir: bool| {
        start.ancestors().find(|d| {
            let p = d.join(name);
            if want_dir { p.is_dir() } else { p.is_file() }
        })
    };
    with(crate::discover::SETTINGS_FILE, false)
        .or_else(|| with(DEFAULT_PLANS, true))
        .map(Path::to_path_buf)
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

/// How one plan checked: what [`conclude`] needs to know of it.
pub struct Standing<'a> {
    pub name: &'a str,
    /// Error-level findings.
    pub errors: usize,
    /// Whether a plan could be made of the file (else only its findings are known).
    pub readable: bool,
}

/// The number of error-level findings of a loaded file.
pub fn error_count(l: &Loaded) -> usize {
    l.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

impl Workspace {
    /// How each plan checked.
    pub fn standings(&self) -> impl Iterator<Item = Standing<'_>> {
        self.plans.iter().map(|l| Standing {
            name: &l.source.name,
            errors: error_count(l),
            readable: l.plan.is_some(),
        })
    }

    /// Whether any plan has an error-level finding.
    pub fn has_errors(&self) -> bool {
        self.plans
            .iter()
            .any(|l| l.diagnostics.iter().any(|d| d.severity == Severity::Error))
    }
}

/// The folder plans are read from when no path is given.
pub const DEFAULT_PLANS: &str = "plans";

/// Find, read, load and check the plans under `paths` (default `plans/`); with `year`, only the
/// plans of that year (a school year counts for both its years).
pub fn load_workspace(paths: &[PathBuf], ctx: &Ctx) -> Workspace {
    load_workspace_year(paths, ctx, None)
}

/// [`load_workspace`] for one year (`--year`, else the region's default year).
pub fn load_workspace_year(paths: &[PathBuf], ctx: &Ctx, year: Option<i32>) -> Workspace {
    load_workspace_with(paths, ctx, year, true)
}

/// [`load_workspace_year`]; without `keep_plans` only the findings are kept (`moc check` of a
/// whole region needs no models in memory).
pub fn load_workspace_with(
    paths: &[PathBuf],
    ctx: &Ctx,
    year: Option<i32>,
    keep_plans: bool,
) -> Workspace {
    let (files, mut failures) = find_files(paths, ctx);
    let loaded = load_parallel(&files, ctx, keep_plans);
    let year = year.or(ctx.settings.year);
    let mut plans = Vec::with_capacity(files.len());
    for (f, result) in files.iter().zip(loaded) {
        match result {
            Ok(l) => {
                if in_year(&l, year) {
                    plans.push(l);
                }
            }
            Err(e) => failures.push(e.message(ctx.lang, &crate::source::display_path(f))),
        }
    }
    Workspace { plans, failures }
}

/// The plan files under `paths` (default `plans/`), and messages about paths that cannot be read.
fn find_files(paths: &[PathBuf], ctx: &Ctx) -> (Vec<PathBuf>, Vec<String>) {
    let paths = if paths.is_empty() {
        vec![ctx.default_plans()]
    } else {
        paths.to_vec()
    };
    let (files, errors) = discover::plan_files(&paths, ctx.lang);
    (files, errors.into_iter().map(|e| e.0).collect())
}

/// The plans under `paths` as they were at revision `rev` of the repository here (paths as in
/// the work tree; `plans/` by default).
pub fn load_workspace_at(
    paths: &[PathBuf],
    ctx: &Ctx,
    year: Option<i32>,
    rev: &str,
) -> Result<Workspace, crate::git::GitError> {
    let cwd = std::env::current_dir().map_err(|e| crate::git::GitError::Failed(e.to_string()))?;
    let repo = crate::git::Repo::discover(&cwd)?;
    let paths = if paths.is_empty() {
        vec![ctx.default_plans()]
    } else {
        paths.to_vec()
    };
    let rel: Vec<String> = paths.iter().filter_map(|p| repo.relative(p)).collect();
    let files = repo.files_at(rev, &rel)?;
    Ok(load_from_git(&repo, rev, &files, ctx, year))
}

/// The plan files staged for the next commit (under `plans/`), as staged.
pub fn load_workspace_staged(ctx: &Ctx) -> Result<Workspace, crate::git::GitError> {
    let cwd = std::env::current_dir().map_err(|e| crate::git::GitError::Failed(e.to_string()))?;
    let repo = crate::git::Repo::discover(&cwd)?;
    let plans_dir = repo
        .relative(&ctx.default_plans())
        .unwrap_or_else(|| DEFAULT_PLANS.to_owned());
    let files: Vec<String> = repo
        .staged()?
        .into_iter()
        .filter(|f| {
            f.starts_with(&format!("{plans_dir}/")) && f.to_ascii_lowercase().ends_with(".toml")
        })
        .collect();
    Ok(load_from_git(&repo, "", &files, ctx, None))
}

fn load_from_git(
    repo: &crate::git::Repo,
    rev: &str,
    files: &[String],
    ctx: &Ctx,
    year: Option<i32>,
) -> Workspace {
    let contents = repo.read_at(rev, files).unwrap_or_default();
    let mut plans = Vec::new();
    let mut failures = Vec::new();
    for (f, bytes) in files.iter().zip(contents) {
        let path = repo.root.join(f);
        let shown = crate::source::display_path(&path);
        let Some(bytes) = bytes else {
            failures.push(tr!(
                ctx.lang,
                "{shown}: нет в ревизии {rev}",
                "{shown}: not in revision {rev}"
            ));
            continue;
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                failures.push(
                    load::ReadError::NotUtf8(e.utf8_error().valid_up_to())
                        .message(ctx.lang, &shown),
                );
                continue;
            }
        };
        let mut loaded = load::load_source_with(
            crate::source::Source::new(&path, text),
            ctx.lang,
            ctx.as_of.year(),
            &ctx.settings.roster,
        );
        if let Some(plan) = &loaded.plan {
            let found = crate::checks::run(plan, &loaded.source, ctx.as_of, ctx.lang);
            loaded.diagnostics.extend(found);
        }
        loaded
            .diagnostics
            .sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
        if in_year(&loaded, year.or(ctx.settings.year)) {
            plans.push(loaded);
        }
    }
    Workspace { plans, failures }
}

/// Load and check one file.
fn load_one(f: &Path, ctx: &Ctx, keep_plan: bool) -> Result<Loaded, load::ReadError> {
    let mut loaded = load::load_path_with(f, ctx.lang, ctx.as_of.year(), &ctx.settings.roster)?;
    if let Some(plan) = &loaded.plan {
        let found = crate::checks::run(plan, &loaded.source, ctx.as_of, ctx.lang);
        loaded.diagnostics.extend(found);
    }
    loaded
        .diagnostics
        .sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    if loaded.diagnostics.is_empty() {
        loaded.source.forget_text();
    }
    if !keep_plan && let Some(p) = &mut loaded.plan {
        // keep the year (for --year), let go of the rest
        *p = crate::model::Plan {
            meta: std::mem::take(&mut p.meta),
            roster: Vec::new(),
            sections: Vec::new(),
            indicators: Vec::new(),
        };
    }
    Ok(loaded)
}

/// Whether a loaded plan belongs to `year` (a school year counts for both its years; a plan
/// without a year, or no year asked for, always does).
fn in_year(l: &Loaded, year: Option<i32>) -> bool {
    year.is_none_or(|y| match l.plan.as_ref().and_then(|p| p.meta.year) {
        Some(crate::deadline::PlanYear::Calendar(py)) => py == y,
        Some(crate::deadline::PlanYear::Academic(py)) => py == y || py + 1 == y,
        None => true,
    })
}

/// Load files on every core when there are enough of them to pay for the threads; the result
/// keeps the files' order.
fn load_parallel(files: &[PathBuf], ctx: &Ctx, keep: bool) -> Vec<Result<Loaded, load::ReadError>> {
    par_map(files, |f| load_one(f, ctx, keep))
}

/// `f` of every file, on every core when there are at least eight files; the results in the
/// files' order. The cores take the next file as they become free (a shared counter), so a core
/// slowed by a large plan or by another program on the machine does not hold the others up.
fn par_map<R: Send>(files: &[PathBuf], f: impl Fn(&Path) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let threads = cores.min(files.len() / 8).max(1);
    if threads == 1 {
        return files.iter().map(|p| f(p)).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(p) = files.get(i) else { break };
            done.push((i, f(p)));
        }
        done
    };
    let mut all: Vec<(usize, R)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for h in helpers {
            all.extend(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        all
    });
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// [`load_each`] for a command that shows one plan whole and sums several up: the work is made
/// by `work(whole)`. Plans are read for the summary unless `whole` is asked for or the paths name
/// one file; when they turn out to be one plan all the same (a year that leaves one), that plan
/// is read again, whole.
pub fn load_each_shown<T: Send, W: Fn(&Loaded) -> T + Sync>(
    paths: &[PathBuf],
    ctx: &Ctx,
    (year, at): (Option<i32>, Option<&str>),
    whole: bool,
    io: &mut Io<'_>,
    work: impl Fn(bool) -> W,
) -> std::io::Result<Option<Digests<T>>> {
    let whole = whole || one_file(paths);
    let Some(mut each) = load_each(paths, ctx, year, at, io, work(whole))? else {
        return Ok(None);
    };
    if let [one] = each.plans.as_slice()
        && !whole
    {
        let path = one.path.clone();
        let Some(mut again) = load_each(&[path], ctx, year, at, io, work(true))? else {
            return Ok(None);
        };
        again
            .failures
            .splice(0..0, std::mem::take(&mut each.failures));
        each = again;
    }
    Ok(Some(each))
}

/// Whether the paths name one file (not a folder): then a command shows that plan whole.
pub fn one_file(paths: &[PathBuf]) -> bool {
    matches!(paths, [p] if p.is_file())
}

/// What is kept of one plan read by [`load_each`]: how it checked, and what the command made of it.
pub struct Digest<T> {
    /// The file (to read it again).
    pub path: PathBuf,
    /// The file as named in messages.
    pub name: String,
    pub errors: usize,
    pub readable: bool,
    pub value: T,
}

/// The plans read by [`load_each`], and the paths that could not be read.
pub struct Digests<T> {
    pub plans: Vec<Digest<T>>,
    pub failures: Vec<String>,
}

impl<T> Digests<T> {
    /// How each plan checked.
    pub fn standings(&self) -> impl Iterator<Item = Standing<'_>> {
        self.plans.iter().map(|d| Standing {
            name: &d.name,
            errors: d.errors,
            readable: d.readable,
        })
    }
}

fn digest<T>(l: &Loaded, work: &impl Fn(&Loaded) -> T) -> Digest<T> {
    Digest {
        path: l.source.path.clone(),
        name: l.source.name.clone(),
        errors: error_count(l),
        readable: l.plan.is_some(),
        value: work(l),
    }
}

/// The plans [`load_for`] reads, one at a time: each is loaded, checked and handed to `work` on
/// the core that loaded it, and only what `work` returns is kept — a region's commands hold its
/// results, never all its plans at once. Unreadable files are reported as by [`load_for`].
pub fn load_each<T: Send>(
    paths: &[PathBuf],
    ctx: &Ctx,
    year: Option<i32>,
    at: Option<&str>,
    io: &mut Io<'_>,
    work: impl Fn(&Loaded) -> T + Sync,
) -> std::io::Result<Option<Digests<T>>> {
    if at.is_some() {
        // a revision is read from git in one go
        let Some(ws) = load_for(paths, ctx, year, at, io)? else {
            return Ok(None);
        };
        let plans = ws.plans.iter().map(|l| digest(l, &work)).collect();
        release(ctx, ws.plans);
        return Ok(Some(Digests {
            plans,
            failures: ws.failures,
        }));
    }
    let (files, mut failures) = find_files(paths, ctx);
    let year = year.or(ctx.settings.year);
    let done = par_map(&files, |f| {
        let l = load_one(f, ctx, true)?;
        Ok::<_, load::ReadError>(in_year(&l, year).then(|| digest(&l, &work)))
    });
    let mut plans = Vec::with_capacity(files.len());
    for (f, result) in files.iter().zip(done) {
        match result {
            Ok(Some(d)) => plans.push(d),
            Ok(None) => {}
            Err(e) => failures.push(e.message(ctx.lang, &crate::source::display_path(f))),
        }
    }
    let each = Digests { plans, failures };
    report_failures(&each.failures, ctx, io)?;
    if each.plans.is_empty() && !each.failures.is_empty() {
        return Ok(None);
    }
    Ok(Some(each))
}

/// «ошибка: …» on standard error.
pub fn say_error(io: &mut Io<'_>, lang: Lang, msg: impl std::fmt::Display) -> std::io::Result<()> {
    writeln!(io.err, "{}: {msg}", lang.pick("ошибка", "error"))
}

/// Print messages about unreadable paths to standard error.
pub fn report_failures(failures: &[String], ctx: &Ctx, io: &mut Io<'_>) -> std::io::Result<()> {
    let label = ctx.lang.pick("ошибка", "error");
    for f in failures {
        if ctx.err_color {
            writeln!(io.err, "\u{1b}[1;31m{label}\u{1b}[0m: {f}")?;
        } else {
            writeln!(io.err, "{label}: {f}")?;
        }
    }
    Ok(())
}

/// How a command over plans ends, after its output: the plans that do not check are listed on
/// standard error; 2 when a file could not be read, 1 when a plan has errors or `findings`, else 0.
pub fn conclude(
    ws: &Workspace,
    findings: bool,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> std::io::Result<Exit> {
    conclude_with(&ws.failures, ws.standings(), findings, ctx, io)
}

/// [`conclude`] for plans read one at a time ([`load_each`]).
pub fn conclude_each<T>(
    each: &Digests<T>,
    findings: bool,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> std::io::Result<Exit> {
    conclude_with(&each.failures, each.standings(), findings, ctx, io)
}

fn conclude_with<'a>(
    failures: &[String],
    plans: impl Iterator<Item = Standing<'a>>,
    findings: bool,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> std::io::Result<Exit> {
    let errors = report_errors(plans, ctx, io)?;
    Ok(if !failures.is_empty() {
        Exit::Failure
    } else if errors || findings {
        Exit::Findings
    } else {
        Exit::Ok
    })
}

/// After the output: which plans do not check, on standard error. Returns whether any.
pub fn report_plan_errors(ws: &Workspace, ctx: &Ctx, io: &mut Io<'_>) -> std::io::Result<bool> {
    report_errors(ws.standings(), ctx, io)
}

/// [`report_plan_errors`] for plans read one at a time.
pub fn report_each_errors<T>(
    each: &Digests<T>,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> std::io::Result<bool> {
    report_errors(each.standings(), ctx, io)
}

fn report_errors<'a>(
    plans: impl Iterator<Item = Standing<'a>>,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> std::io::Result<bool> {
    use crate::i18n::plural;
    let lang = ctx.lang;
    let mut any = false;
    for p in plans {
        if p.errors == 0 {
            continue;
        }
        any = true;
        let name = p.name;
        let n = plural(
            lang,
            p.errors as u64,
            ["ошибка", "ошибки", "ошибок"],
            ["error", "errors"],
        );
        let what = if p.readable {
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
        let label = crate::render::paint(lang.pick("ошибка", "error"), "1;31", ctx.err_color);
        writeln!(
            io.err,
            "{label}: {name}: {n} ({what}); {} moc check {name}",
            lang.pick("подробности:", "details:")
        )?;
    }
    Ok(any)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(out_tty: bool) -> Ctx {
        Ctx {
            lang: Lang::Ru,
            color: false,
            err_color: false,
            as_of: NaiveDate::from_ymd_opt(2026, 12, 20).unwrap_or_default(),
            out_tty,
            width: None,
            root: None,
            settings: crate::load::Settings::default(),
            exiting: false,
        }
    }

    #[test]
    fn binary_output_is_not_poured_onto_a_terminal() -> anyhow::Result<()> {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut io = Io {
            out: &mut out,
            err: &mut err,
        };
        let written = emit(None, b"PK\x03\x04", true, &ctx(true), &mut io, ("x", "x"))?;
        assert!(!written);
        assert!(out.is_empty());
        assert!(String::from_utf8_lossy(&err).contains("-o файл"));

        // a redirect gets the bytes; text goes to a terminal as always
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut io = Io {
            out: &mut out,
            err: &mut err,
        };
        assert!(emit(None, b"PK", true, &ctx(false), &mut io, ("x", "x"))?);
        assert!(emit(None, b"text", false, &ctx(true), &mut io, ("x", "x"))?);
        assert_eq!(out, b"PKtext");
        Ok(())
    }
}
