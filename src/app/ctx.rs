//! What every command knows besides its own arguments, resolved once per run: the language, the
//! as-of date, the current folder and the repository's root, the region's settings, and how the
//! output looks (colour, width). Only this module reads the clock ([`today`]) and the current
//! folder.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::settings::Settings;

/// Today, the only place moc reads the clock. A command that runs for long (a server) calls it
/// again when it needs the date.
pub(crate) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// How output looks where it goes.
#[derive(Clone, Copy, Debug, Default)]
#[allow(clippy::struct_excessive_bools)]
pub(crate) struct Term {
    /// Colour on standard output.
    pub(crate) color: bool,
    /// Colour on standard error.
    pub(crate) err_color: bool,
    /// Standard output is a terminal (binary files are not written to one).
    pub(crate) tty: bool,
    /// The width to lay tables out in; `None` when not on a terminal and `COLUMNS` is unset.
    pub(crate) width: Option<usize>,
}

/// Everything a command needs to know besides its own arguments.
#[derive(Clone, Debug)]
pub(crate) struct Ctx {
    pub(crate) lang: Lang,
    /// «Today»: `--as-of`, else [`today`].
    pub(crate) as_of: NaiveDate,
    /// The as-of date was given (`--as-of`); else it is today's, and a command that runs for
    /// long asks [`today`] again.
    #[cfg_attr(not(feature = "serve"), allow(dead_code))]
    pub(crate) as_of_given: bool,
    /// The current folder, read once.
    pub(crate) cwd: PathBuf,
    /// The repository's root: the nearest folder up from here with `moc.toml`, `plans/` or `.git`.
    pub(crate) root: Option<PathBuf>,
    /// The region's settings (`moc.toml`) with what reading them found.
    pub(crate) settings: Settings,
    pub(crate) term: Term,
    /// The process ends after this command, so big structures need not be freed one by one
    /// (freeing a region's 100 000 items costs more than building their report).
    pub(crate) exiting: bool,
}

/// The folder plans are read from when no path is given.
pub(crate) const DEFAULT_PLANS: &str = "plans";

impl Ctx {
    /// A context for a run in `cwd`: the root found from there, the region's settings read.
    pub(crate) fn new(lang: Lang, as_of: Option<NaiveDate>, cwd: PathBuf, term: Term) -> Ctx {
        let root = find_root(&cwd);
        let settings = Settings::read(root.as_deref(), &cwd, lang);
        Ctx {
            lang,
            as_of: as_of.unwrap_or_else(today),
            as_of_given: as_of.is_some(),
            cwd,
            root,
            settings,
            term,
            exiting: false,
        }
    }

    /// A path as shown to the user: relative to the current folder when it lies below it.
    pub(crate) fn shown(&self, path: &Path) -> String {
        crate::source::display_path(path, &self.cwd)
    }

    /// The folder of plans used when no path is given: `plans/` at the repository's root (as a
    /// full path; messages show it relative to the current folder).
    pub(crate) fn default_plans(&self) -> PathBuf {
        match &self.root {
            Some(r) => r.join(DEFAULT_PLANS),
            None => self.cwd.join(DEFAULT_PLANS),
        }
    }

    /// The paths a command reads: those given (taken from the current folder), else `plans/`.
    pub(crate) fn paths_or_default(&self, paths: &[PathBuf]) -> Vec<PathBuf> {
        if paths.is_empty() {
            vec![self.default_plans()]
        } else {
            paths.iter().map(|p| self.cwd.join(p)).collect()
        }
    }

    /// The same context for output that goes to a file: no colour codes.
    pub(crate) fn for_file(&self, to_file: bool) -> std::borrow::Cow<'_, Ctx> {
        if to_file {
            std::borrow::Cow::Owned(Ctx {
                term: Term {
                    color: false,
                    ..self.term
                },
                ..self.clone()
            })
        } else {
            std::borrow::Cow::Borrowed(self)
        }
    }

    /// Drop a value — or, when the process is about to end, leave it to the operating system.
    pub(crate) fn release<T>(&self, value: T) {
        if self.exiting {
            std::mem::forget(value);
        } else {
            drop(value);
        }
    }
}

/// The repository's root: the nearest folder from `start` up that holds `moc.toml`, else the
/// nearest that holds a `plans/` folder — never above the folder with `.git` (the repository's
/// own root), and never a folder the user does not own (`/tmp/plans` made by someone else).
pub(crate) fn find_root(start: &Path) -> Option<PathBuf> {
    let mut within = Vec::new();
    for d in start.ancestors() {
        within.push(d);
        if d.join(".git").exists() {
            break;
        }
    }
    let with = |name: &str, want_dir: bool| {
        within.iter().copied().find(|d| {
            let p = d.join(name);
            let is = if want_dir { p.is_dir() } else { p.is_file() };
            is && owned_by_us(&p)
        })
    };
    with(crate::discover::SETTINGS_FILE, false)
        .or_else(|| with(DEFAULT_PLANS, true))
        .map(Path::to_path_buf)
}

/// Whether the current user owns `p` (always true where ownership cannot be told).
fn owned_by_us(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(p).is_ok_and(|m| m.uid() == nix::unistd::getuid().as_raw())
    }
    #[cfg(not(unix))]
    {
        let _ = p;
        true
    }
}

/// Colour on a stream: `--color always`/`never` decide, `auto` is anstream's choice (a terminal,
/// `CLICOLOR`, `CLICOLOR_FORCE`, `TERM=dumb`); `NO_COLOR` turns colour off whatever was asked.
pub(crate) fn color_on(choice: ColorChoice, stream_choice: anstream::ColorChoice) -> bool {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return false;
    }
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stream_choice != anstream::ColorChoice::Never,
    }
}

/// `COLUMNS` when set, else the terminal's width, else none (no wrapping).
pub(crate) fn width_from_env(tty: bool) -> Option<usize> {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        && n >= 20
    {
        return Some(n);
    }
    if tty {
        return terminal_size::terminal_size().map(|(w, _)| usize::from(w.0));
    }
    None
}

/// When to colour the output (`--color`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl Ctx {
    /// How output looks: the writers' part of the context.
    pub(crate) fn look(&self) -> crate::render::Look {
        crate::render::Look {
            lang: self.lang,
            color: self.term.color,
            width: self.term.width,
            as_of: self.as_of,
        }
    }
}
