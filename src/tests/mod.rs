//! Tests across the library's modules, on the real plans: properties of the deadline grammar,
//! evaluation, `fmt` and edits ([`props`]); no panic on broken input ([`robustness`]); edit
//! sequences that keep every comment ([`edits`]); a region's report made plan by plan is the
//! whole one ([`region`]). The CLI's own tests run the binary: `tests/cli/`.

mod edits;
mod imports;
mod props;
mod region;
mod robustness;

use chrono::NaiveDate;

use crate::load::Checked;

/// A file of the repository, as text.
pub(crate) fn read_repo(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A plan's text loaded and checked as the file `name`, today being 20 December 2026.
pub(crate) fn load(name: &str, text: &str) -> Checked {
    load_at(
        name,
        text,
        NaiveDate::from_ymd_opt(2026, 12, 20).unwrap_or_default(),
    )
}

/// [`load`] on another day.
pub(crate) fn load_at(name: &str, text: &str, as_of: NaiveDate) -> Checked {
    let loader = crate::workspace::Loader {
        lang: crate::i18n::Lang::Ru,
        as_of,
        shared: &[],
        indicators: crate::indicators::Catalogue::builtin(),
        cwd: std::path::Path::new("."),
        root: None,
    };
    loader.check_source(loader.source(std::path::Path::new(name), text.to_owned()))
}
