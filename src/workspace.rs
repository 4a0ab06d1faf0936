//! The pipeline's first steps as one: find the plan files (in the work tree, at a git revision,
//! or as staged), read each, load it into the model ([`crate::load`]) and run the checks
//! ([`crate::checks`]) — [`Loader::check_source`] is that «load, then check», the only one.
//!
//! [`for_each_plan`] streams: each plan is checked on the core that read it and handed to the
//! command's work there, and only what the work returns is kept — a region's commands hold their
//! results, never all the plans at once. [`load_all`] is its `collect()`: the plans themselves.

use std::path::{Path, PathBuf};

use crate::deadline::PlanYear;
use crate::diagnostic::Severity;
use crate::git::{GitError, Repo};
use crate::i18n::Lang;
use crate::load::{self, Checked, DeadlineCache, ReadError};
use crate::model::Responsible;
use crate::source::Source;
use crate::tr;

/// What loading a plan needs to know: the language of its findings, «today» (a plan without a
/// year is taken for today's; done dates after today are findings), the region's shared roster,
/// and the folder paths are shown relative to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Loader<'a> {
    pub(crate) lang: Lang,
    pub(crate) as_of: chrono::NaiveDate,
    pub(crate) shared: &'a [Responsible],
    /// The indicators the plans may name by id: the catalogue and the region's.
    pub(crate) indicators: &'a crate::indicators::Catalogue,
    pub(crate) cwd: &'a Path,
    /// The repository's root: a plan reached through a symlink that leads outside it is refused.
    pub(crate) root: Option<&'a Path>,
}

impl Loader<'_> {
    /// The year of a plan that does not say.
    pub(crate) fn fallback_year(&self) -> PlanYear {
        PlanYear::Calendar(chrono::Datelike::year(&self.as_of))
    }

    /// A file's text under the name it is shown by.
    pub(crate) fn source(&self, path: &Path, text: String) -> Source {
        Source::new(path, crate::source::display_path(path, self.cwd), text)
    }

    /// Load a plan from its text and run every check: the one «load, then check».
    pub(crate) fn check_source(&self, source: Source) -> Checked {
        self.check_source_with(source, &mut DeadlineCache::default())
    }

    /// [`Loader::check_source`] with the deadlines a reader has understood already.
    pub(crate) fn check_source_with(&self, source: Source, cache: &mut DeadlineCache) -> Checked {
        let mut checked = load::load_source(source, self.fallback_year(), self.shared, cache);
        if let Some(plan) = &checked.plan {
            let found = crate::checks::run(plan, &checked.source, self.as_of, self.indicators);
            checked.diagnostics.extend(found);
        }
        checked
            .diagnostics
            .sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
        checked
    }

    /// Read a plan file and check it.
    pub(crate) fn check_file(&self, path: &Path) -> Result<Checked, ReadError> {
        self.check_file_with(path, &mut DeadlineCache::default())
    }

    fn check_file_with(
        &self,
        path: &Path,
        cache: &mut DeadlineCache,
    ) -> Result<Checked, ReadError> {
        let text = load::read_text(path, self.root)?;
        Ok(self.check_source_with(self.source(path, text), cache))
    }

    /// Check a plan's bytes (read from git): the same size limit and encoding as on disk.
    pub(crate) fn check_bytes(&self, path: &Path, bytes: &[u8]) -> Result<Checked, ReadError> {
        let text = load::text_of(bytes)?;
        Ok(self.check_source(self.source(path, text)))
    }
}

/// Which plans a command reads.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Selection<'a> {
    /// The files under these paths in the work tree (`plans/` when empty).
    Work(&'a [PathBuf]),
    /// The same paths as they were at a git revision.
    At(&'a str, &'a [PathBuf]),
    /// The plans staged for the next commit (under `plans/`), as staged.
    Staged,
}

/// What is kept of one plan: how it checked, and what the command made of it.
#[derive(Debug)]
pub(crate) struct Digest<T> {
    /// The file (to read it again).
    pub(crate) path: PathBuf,
    /// The file as named in messages.
    pub(crate) name: String,
    /// Error-level findings.
    pub(crate) errors: usize,
    /// Whether a plan could be made of the file (else only its findings are known).
    pub(crate) readable: bool,
    /// Whose plan it is ([`plan_key`]) and for which year, to tell a municipality's years apart.
    pub(crate) key: String,
    pub(crate) year: Option<PlanYear>,
    pub(crate) value: T,
}

/// The plans a command read, and the paths that could not be read (messages in the user's
/// language).
#[derive(Debug)]
pub(crate) struct Plans<T> {
    pub(crate) plans: Vec<T>,
    pub(crate) failures: Vec<String>,
}

/// Plans read whole: [`load_all`].
pub(crate) type Workspace = Plans<Checked>;

/// How one plan checked: what ends a command over plans needs to know of it.
pub(crate) trait Standing {
    fn name(&self) -> &str;
    fn errors(&self) -> usize;
    fn readable(&self) -> bool;
}

impl Standing for Checked {
    fn name(&self) -> &str {
        &self.source.name
    }
    fn errors(&self) -> usize {
        error_count(self)
    }
    fn readable(&self) -> bool {
        self.plan.is_some()
    }
}

impl<T> Standing for Digest<T> {
    fn name(&self) -> &str {
        &self.name
    }
    fn errors(&self) -> usize {
        self.errors
    }
    fn readable(&self) -> bool {
        self.readable
    }
}

impl<T> Plans<T> {
    /// The files read (an output may not overwrite one).
    pub(crate) fn files(&self) -> Vec<PathBuf>
    where
        T: HasPath,
    {
        self.plans.iter().map(|p| p.path().to_path_buf()).collect()
    }
}

/// A plan that knows its file.
pub(crate) trait HasPath {
    fn path(&self) -> &Path;
}

impl HasPath for Checked {
    fn path(&self) -> &Path {
        &self.source.path
    }
}

impl<T> HasPath for Digest<T> {
    fn path(&self) -> &Path {
        &self.path
    }
}

/// The number of error-level findings of a checked file.
pub(crate) fn error_count(c: &Checked) -> usize {
    c.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

/// Whose plan a file is: its municipality, else its organisation, else its file name without
/// the digits of a year (`plans/mosalsk-2026.toml` and `plans/mosalsk-2027.toml` are one
/// municipality's).
pub(crate) fn plan_key(c: &Checked) -> String {
    let meta = c.plan.as_ref().map(|p| &p.meta);
    if let Some(m) = meta.and_then(|m| m.municipality.as_ref().or(m.organisation.as_ref())) {
        return crate::i18n::fold(m.trim());
    }
    let path = c.source.path.to_string_lossy();
    path.chars().filter(|ch| !ch.is_ascii_digit()).collect()
}

/// Of a municipality's plans for several years, the one for the date: its period holds `as_of`,
/// else the latest that has begun by then, else the earliest. Returns, for each plan let go, its
/// key and year (to say how to ask for it).
pub(crate) fn one_year_each<T>(
    plans: &mut Vec<Digest<T>>,
    as_of: chrono::NaiveDate,
) -> Vec<(String, PlanYear)> {
    use std::collections::HashMap;
    let mut years: HashMap<&str, Vec<PlanYear>> = HashMap::new();
    for d in plans.iter() {
        if let Some(y) = d.year {
            years.entry(d.key.as_str()).or_default().push(y);
        }
    }
    let mut chosen: HashMap<String, PlanYear> = HashMap::new();
    for (key, ys) in years {
        let mut ys = ys;
        ys.sort_by_key(|y| y.period().0);
        ys.dedup();
        if ys.len() < 2 {
            continue;
        }
        let pick = ys
            .iter()
            .find(|y| {
                let (s, e) = y.period();
                s <= as_of && as_of <= e
            })
            .or_else(|| ys.iter().rev().find(|y| y.period().0 <= as_of))
            .or(ys.first())
            .copied();
        if let Some(p) = pick {
            chosen.insert(key.to_owned(), p);
        }
    }
    let mut dropped = Vec::new();
    plans.retain(|d| match (chosen.get(&d.key), d.year) {
        (Some(want), Some(y)) if *want != y => {
            dropped.push((d.key.clone(), y));
            false
        }
        _ => true,
    });
    dropped
}

/// Whether a plan belongs to `year` (a school year counts for both its years; a plan without a
/// year, or no year asked for, always does).
pub(crate) fn in_year(c: &Checked, year: Option<i32>) -> bool {
    year.is_none_or(|y| match c.plan.as_ref().and_then(|p| p.meta.year) {
        Some(PlanYear::Calendar(py)) => py == y,
        Some(PlanYear::Academic(py)) => py == y || py + 1 == y,
        None => true,
    })
}

/// Every plan of `selection` (of `year`, when given), each checked and handed to `work` on the
/// core that read it; what `work` returns is kept with how the plan checked. Files that cannot
/// be read are listed in `failures`; a revision that cannot be read is an error.
pub(crate) fn for_each_plan<T: Send>(
    selection: Selection<'_>,
    year: Option<i32>,
    default_plans: &Path,
    loader: &Loader<'_>,
    work: impl Fn(Checked) -> T + Sync,
) -> Result<Plans<Digest<T>>, GitError> {
    let keep = |mut c: Checked| -> Option<Digest<T>> {
        // a plan that checks clean shows nothing of its text: let it go
        if c.diagnostics.is_empty() {
            c.source.forget_text();
        }
        in_year(&c, year).then(|| Digest {
            path: c.source.path.clone(),
            name: c.source.name.clone(),
            errors: error_count(&c),
            readable: c.plan.is_some(),
            key: plan_key(&c),
            year: c.plan.as_ref().and_then(|p| p.meta.year),
            value: work(c),
        })
    };
    let lang = loader.lang;
    let mut failures = Vec::new();
    let mut plans = Vec::new();
    match selection {
        Selection::Work(paths) => {
            let paths = if paths.is_empty() {
                vec![default_plans.to_path_buf()]
            } else {
                paths.to_vec()
            };
            let (files, errors) = crate::discover::plan_files(&paths, loader.cwd, lang);
            failures.extend(errors.into_iter().map(|e| e.0));
            let done = par_map(&files, DeadlineCache::default, |cache, f| {
                loader.check_file_with(f, cache).map(keep)
            });
            for (f, result) in files.iter().zip(done) {
                match result {
                    Ok(Some(d)) => plans.push(d),
                    Ok(None) => {}
                    Err(e) => {
                        let shown = crate::source::display_path(f, loader.cwd);
                        failures.push(e.message(lang, &shown));
                    }
                }
            }
        }
        Selection::At(rev, paths) => {
            let repo = Repo::discover(loader.cwd)?;
            let paths = if paths.is_empty() {
                vec![default_plans.to_path_buf()]
            } else {
                paths.to_vec()
            };
            let rel: Vec<String> = paths
                .iter()
                .filter_map(|p| repo.relative(p, loader.cwd))
                .collect();
            let files = repo.files_at(rev, &rel)?;
            read_from_git(&repo, rev, &files, loader, &keep, &mut plans, &mut failures)?;
        }
        Selection::Staged => {
            let repo = Repo::discover(loader.cwd)?;
            let dir = repo
                .relative(default_plans, loader.cwd)
                .unwrap_or_else(|| crate::app::ctx::DEFAULT_PLANS.to_owned());
            let files: Vec<String> = repo
                .staged()?
                .into_iter()
                .filter(|f| {
                    f.starts_with(&format!("{dir}/")) && f.to_ascii_lowercase().ends_with(".toml")
                })
                .collect();
            read_from_git(&repo, "", &files, loader, &keep, &mut plans, &mut failures)?;
        }
    }
    Ok(Plans { plans, failures })
}

fn read_from_git<T>(
    repo: &Repo,
    rev: &str,
    files: &[String],
    loader: &Loader<'_>,
    keep: &impl Fn(Checked) -> Option<Digest<T>>,
    plans: &mut Vec<Digest<T>>,
    failures: &mut Vec<String>,
) -> Result<(), GitError> {
    let lang = loader.lang;
    let contents = repo.read_at(rev, files, load::MAX_FILE_SIZE)?;
    for (f, bytes) in files.iter().zip(contents) {
        let path = repo.root.join(f);
        let shown = crate::source::display_path(&path, loader.cwd);
        let Some(bytes) = bytes else {
            failures.push(if rev.is_empty() {
                tr!(
                    lang,
                    "{shown}: нет в индексе git",
                    "{shown}: not in git's index"
                )
            } else {
                tr!(
                    lang,
                    "{shown}: нет в ревизии {rev}",
                    "{shown}: not in revision {rev}"
                )
            });
            continue;
        };
        let checked = bytes
            .map_err(|size| ReadError::TooLarge(size, load::MAX_FILE_SIZE))
            .and_then(|b| loader.check_bytes(&path, &b));
        match checked {
            Ok(c) => plans.extend(keep(c)),
            Err(e) => failures.push(e.message(lang, &shown)),
        }
    }
    Ok(())
}

/// The plans of `selection`, whole: [`for_each_plan`] collected.
pub(crate) fn load_all(
    selection: Selection<'_>,
    year: Option<i32>,
    default_plans: &Path,
    loader: &Loader<'_>,
) -> Result<Workspace, GitError> {
    let each = for_each_plan(selection, year, default_plans, loader, |c| c)?;
    Ok(Plans {
        plans: each.plans.into_iter().map(|d| d.value).collect(),
        failures: each.failures,
    })
}

/// Drop a value on another thread, while this one goes on (a region's digests, thousands of
/// small strings, are freed while its report is written); here, when no thread can be started.
pub(crate) fn drop_aside<T: Send + 'static>(value: T) {
    // a thread that cannot be started drops its closure, and the value with it, here
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// `f` of every file, on every core when there are at least eight files; the results in the
/// files' order. The cores take the next file as they become free (a shared counter), so a core
/// slowed by a large plan or by another program on the machine does not hold the others up. Each
/// core keeps its own state (`init`), handed to `f` with every file it takes.
fn par_map<S, R: Send>(
    files: &[PathBuf],
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &Path) -> R + Sync,
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let threads = cores.min(files.len() / 8).max(1);
    if threads == 1 {
        let mut state = init();
        return files.iter().map(|p| f(&mut state, p)).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut state = init();
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(p) = files.get(i) else { break };
            done.push((i, f(&mut state, p)));
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

/// A plan's text checked as a plan file `t.toml` would be, today being `as_of` (for the tests
/// of the modules after loading).
#[cfg(test)]
pub(crate) fn checked_for_test(text: &str, as_of: chrono::NaiveDate) -> Checked {
    let loader = Loader {
        lang: Lang::Ru,
        as_of,
        shared: &[],
        indicators: crate::indicators::Catalogue::builtin(),
        cwd: Path::new("."),
        root: None,
    };
    loader.check_source(loader.source(Path::new("t.toml"), text.to_owned()))
}
