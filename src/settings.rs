//! The region's settings: `moc.toml` at the repository's root — the region's name, the year the
//! commands take by default, roster entries every plan may name (РМЦ, УО, …), and what reports
//! show (`[report]`). Read once per
//! run; its findings are shown by `moc check`, and a `moc.toml` that cannot be read stops the
//! commands over plans (it would silently change what they show).

use std::path::Path;

use crate::discover::SETTINGS_FILE;
use crate::i18n::Lang;
use crate::load::{self, Checked};
use crate::model::{ReportOptions, Responsible};

/// The region-wide settings of a repository.
#[derive(Clone, Debug, Default)]
pub(crate) struct Settings {
    /// The region or the repository's name: «Калужская область».
    pub(crate) name: Option<String>,
    /// The year commands pick by default across municipalities.
    pub(crate) year: Option<i32>,
    /// Roster entries every plan may name without listing them (РМЦ, УО, …).
    pub(crate) roster: Vec<Responsible>,
    /// What the reports show unless a plan or the command line says otherwise (`[report]`).
    pub(crate) report: ReportOptions,
    /// The indicators plans may name by id: the catalogue with the region's (`[[indicator]]`).
    pub(crate) indicators: crate::indicators::Catalogue,
    /// The file as read, with its findings (for `moc check`).
    pub(crate) file: Option<Checked>,
    /// Why the file could not be read (in the user's language).
    pub(crate) error: Option<String>,
}

impl Settings {
    /// `moc.toml` at `root`, if there is one.
    pub(crate) fn read(root: Option<&Path>, cwd: &Path, lang: Lang) -> Settings {
        let Some(path) = root.map(|r| r.join(SETTINGS_FILE)).filter(|p| p.exists()) else {
            return Settings::default();
        };
        let shown = crate::source::display_path(&path, cwd);
        let text = match load::read_text(&path, root) {
            Ok(t) => t,
            Err(e) => {
                return Settings {
                    error: Some(e.message(lang, &shown)),
                    ..Settings::default()
                };
            }
        };
        let source = crate::source::Source::new(&path, shown, text);
        let (region, diagnostics) = load::read_settings(&source);
        Settings {
            name: region.name,
            year: region.year,
            roster: region.roster,
            report: region.report,
            indicators: region.indicators,
            file: Some(Checked {
                source,
                plan: None,
                diagnostics,
            }),
            error: None,
        }
    }

    /// Stop a command over plans when `moc.toml` exists but cannot be read.
    pub(crate) fn fail_if_unreadable(
        &self,
        ctx: &crate::app::Ctx,
    ) -> Result<(), crate::app::CommandError> {
        match &self.error {
            Some(e) => Err(
                crate::app::CommandError::user(e.clone()).hint(ctx.lang.pick(
                    "moc.toml должен быть текстом в UTF-8 (Блокнот: «Сохранить как» → UTF-8)",
                    "moc.toml must be UTF-8 text (Notepad: «Save as» → UTF-8)",
                )),
            ),
            None => Ok(()),
        }
    }
}
