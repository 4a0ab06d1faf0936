//! The plans the server shows: found under the repository's `plans/` (within the path given),
//! named by an id, read again whenever their file changes.
//!
//! An id is the plan's path under `plans/` without `.toml` («mosalsk-2026», «kaluga/2026»). Ids
//! are looked up among the files found; a path is never made from an id, so no URL can reach a
//! file outside `plans/`. A file found there that resolves (through a symlink) to somewhere else
//! is not served.
//!
//! Two caches, both keyed by the file's stamp (modification time, size, inode) and the as-of
//! date: the summary row of each plan (the index of a region) and a few plans read whole (their
//! pages). A plan edited in an editor, by another browser or by `git pull` has a new stamp, so the
//! next page shows it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use chrono::NaiveDate;

use crate::app::Ctx;
use crate::load::{self, Checked};
use crate::render::status::PlanRow;
use crate::tr;
use crate::view::{self, Filter};
use crate::workspace::{self, Selection};

/// How many plans are kept read whole (the summaries of all are kept).
const KEEP_WHOLE: usize = 32;

/// What tells that a file changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&m);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            modified: m.modified().ok(),
            len: m.len(),
            inode,
        })
    }
}

/// A plan read whole, as its pages show it.
pub(crate) struct Loaded {
    pub(crate) id: String,
    pub(crate) path: PathBuf,
    /// The fingerprint of the bytes shown ([`crate::commands::edit::version`]): forms carry it.
    pub(crate) version: String,
    pub(crate) checked: Checked,
    stamp: Stamp,
    as_of: NaiveDate,
}

/// A plan's row of the index.
#[derive(Clone, Debug)]
pub(crate) struct IndexRow {
    pub(crate) id: String,
    pub(crate) row: PlanRow,
    pub(crate) readable: bool,
}

/// The index: a row per plan, in the order of the files, and what could not be read.
pub(crate) struct Index {
    pub(crate) rows: Vec<Arc<IndexRow>>,
    pub(crate) failures: Vec<String>,
}

/// Why a plan cannot be shown.
pub(crate) enum Missing {
    /// No plan has this id.
    NoSuchPlan,
    /// The file is there but cannot be read (the message says why, in the user's language).
    Unreadable(String),
}

#[derive(Default)]
struct Caches {
    /// Id → file, as last found.
    ids: HashMap<String, PathBuf>,
    rows: HashMap<PathBuf, (Stamp, NaiveDate, Arc<IndexRow>)>,
    whole: HashMap<PathBuf, (u64, Arc<Loaded>)>,
    tick: u64,
}

/// The plans under one path of the repository's `plans/`.
pub(crate) struct Store {
    /// `plans/`, resolved.
    pub(crate) plans_dir: PathBuf,
    /// What is served: `plans/` or a folder or file in it, resolved.
    pub(crate) scope: PathBuf,
    caches: Mutex<Caches>,
}

impl Store {
    pub(crate) fn new(plans_dir: PathBuf, scope: PathBuf) -> Store {
        Store {
            plans_dir,
            scope,
            caches: Mutex::new(Caches::default()),
        }
    }

    fn caches(&self) -> std::sync::MutexGuard<'_, Caches> {
        self.caches
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The id of a plan file under `plans/`.
    pub(crate) fn id_of(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.plans_dir).ok()?;
        let mut parts: Vec<String> = Vec::new();
        for c in rel.components() {
            match c {
                std::path::Component::Normal(s) => parts.push(s.to_str()?.to_owned()),
                _ => return None,
            }
        }
        let last = parts.last_mut()?;
        if let Some(stem) = last.strip_suffix(".toml")
            && !stem.is_empty()
        {
            *last = stem.to_owned();
        }
        Some(parts.join("/"))
    }

    /// The plan files served, each with its id; and the paths that could not be read.
    fn discover(&self, ctx: &Ctx) -> (Vec<(String, PathBuf)>, Vec<String>) {
        let lang = ctx.lang;
        let (files, errors) =
            crate::discover::plan_files(std::slice::from_ref(&self.scope), &ctx.cwd, lang);
        let mut failures: Vec<String> = errors.into_iter().map(|e| e.0).collect();
        let mut found = Vec::with_capacity(files.len());
        for f in files {
            let inside = std::fs::canonicalize(&f).is_ok_and(|c| c.starts_with(&self.plans_dir));
            match self.id_of(&f) {
                Some(id) if inside => found.push((id, f)),
                _ => failures.push(tr!(
                    lang,
                    "{}: файл лежит вне папки plans/ и не показывается",
                    "{}: the file lies outside plans/ and is not shown",
                    ctx.shown(&f)
                )),
            }
        }
        let mut c = self.caches();
        c.ids = found.iter().cloned().collect();
        (found, failures)
    }

    /// The file of a plan id: as last found, else found again.
    pub(crate) fn path_of(&self, id: &str, ctx: &Ctx) -> Option<PathBuf> {
        if let Some(p) = self.caches().ids.get(id)
            && p.is_file()
        {
            return Some(p.clone());
        }
        let (found, _) = self.discover(ctx);
        found.into_iter().find(|(i, _)| i == id).map(|(_, p)| p)
    }

    /// The index: every plan's summary row at `ctx.as_of`, read again only when its file changed.
    pub(crate) fn index(&self, ctx: &Ctx) -> Index {
        let (found, mut failures) = self.discover(ctx);
        let as_of = ctx.as_of;
        let stamps: Vec<Option<Stamp>> = found.iter().map(|(_, p)| Stamp::of(p)).collect();
        let mut stale: Vec<PathBuf> = Vec::new();
        {
            let c = self.caches();
            for ((_, p), s) in found.iter().zip(&stamps) {
                let fresh = c
                    .rows
                    .get(p)
                    .is_some_and(|(st, d, _)| Some(*st) == *s && *d == as_of);
                if !fresh {
                    stale.push(p.clone());
                }
            }
        }
        if !stale.is_empty() {
            let loader = crate::commands::loader(ctx);
            let work = |c: Checked| {
                let rows = view::rows(std::slice::from_ref(&c), &Filter::default(), as_of, 14);
                PlanRow::of(&c, rows.iter().map(|r| &r.eval))
            };
            match workspace::for_each_plan(
                Selection::Work(&stale),
                None,
                &ctx.default_plans(),
                &loader,
                work,
            ) {
                Ok(each) => {
                    failures.extend(each.failures);
                    let by_path: HashMap<&Path, usize> = found
                        .iter()
                        .enumerate()
                        .map(|(i, (_, p))| (p.as_path(), i))
                        .collect();
                    let mut c = self.caches();
                    for d in each.plans {
                        let Some(&i) = by_path.get(d.path.as_path()) else {
                            continue;
                        };
                        let Some(stamp) = stamps[i] else { continue };
                        let row = IndexRow {
                            id: found[i].0.clone(),
                            row: d.value,
                            readable: d.readable,
                        };
                        c.rows.insert(d.path, (stamp, as_of, Arc::new(row)));
                    }
                }
                Err(e) => failures.push(e.message(ctx.lang)),
            }
        }
        let c = self.caches();
        let rows = found
            .iter()
            .zip(&stamps)
            .filter_map(|((_, p), s)| {
                c.rows
                    .get(p)
                    .filter(|(st, d, _)| Some(*st) == *s && *d == as_of)
                    .map(|(_, _, r)| Arc::clone(r))
            })
            .collect();
        Index { rows, failures }
    }

    /// A plan read whole, at `ctx.as_of`: from the cache while its file is unchanged.
    pub(crate) fn plan(&self, id: &str, ctx: &Ctx) -> Result<Arc<Loaded>, Missing> {
        let path = self.path_of(id, ctx).ok_or(Missing::NoSuchPlan)?;
        let stamp = Stamp::of(&path).ok_or(Missing::NoSuchPlan)?;
        {
            let mut c = self.caches();
            c.tick += 1;
            let tick = c.tick;
            if let Some((used, l)) = c.whole.get_mut(&path)
                && l.stamp == stamp
                && l.as_of == ctx.as_of
            {
                *used = tick;
                return Ok(Arc::clone(l));
            }
        }
        let loader = crate::commands::loader(ctx);
        let text = load::read_text(&path, ctx.root.as_deref())
            .map_err(|e| Missing::Unreadable(e.message(ctx.lang, &ctx.shown(&path))))?;
        let version = crate::commands::edit::version(text.as_bytes());
        let checked = loader.check_source(loader.source(&path, text));
        let loaded = Arc::new(Loaded {
            id: id.to_owned(),
            path: path.clone(),
            version,
            checked,
            stamp,
            as_of: ctx.as_of,
        });
        let mut c = self.caches();
        if c.whole.len() >= KEEP_WHOLE {
            // let the least recently shown plan go
            if let Some(oldest) = c
                .whole
                .iter()
                .min_by_key(|(_, (used, _))| *used)
                .map(|(p, _)| p.clone())
            {
                c.whole.remove(&oldest);
            }
        }
        let tick = c.tick;
        c.whole.insert(path, (tick, Arc::clone(&loaded)));
        Ok(loaded)
    }
}
