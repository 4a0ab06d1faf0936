//! `moc.toml`, read by the same [`Walker`] as plans: `[region] name, year`, the region's
//! shared `[[responsible]]` entries, and `[report]` (what the reports show).

use toml::de::{DeTable, DeValue};

use super::walk::{DeadlineCache, Tbl, Walker, What};
use crate::diagnostic::Diagnostic;
use crate::format;
use crate::model::{ReportOptions, Responsible};
use crate::source::Source;

/// What `moc.toml` says.
#[derive(Clone, Debug, Default)]
pub(crate) struct RegionFile {
    pub(crate) name: Option<String>,
    pub(crate) year: Option<i32>,
    pub(crate) roster: Vec<Responsible>,
    /// What the reports of the region's plans show (`[report]`).
    pub(crate) report: ReportOptions,
}

/// Read `moc.toml`, with its findings.
pub(crate) fn read_settings(source: &Source) -> (RegionFile, Vec<Diagnostic>) {
    let (root, errors) = DeTable::parse_recoverable(&source.text);
    if !errors.is_empty() {
        return (
            RegionFile::default(),
            errors
                .iter()
                .map(|e| super::syntax_diagnostic(e, source))
                .collect(),
        );
    }
    let mut deadlines = DeadlineCache::default();
    let mut w = Walker {
        src: &source.text,
        diags: Vec::new(),
        splits: std::collections::HashMap::new(),
        deadlines: &mut deadlines,
    };
    let root_t = Tbl {
        t: root.get_ref(),
        span: 0..0,
        what: What::Table(&format::SETTINGS),
    };
    w.unknown_keys(&root_t, &format::SETTINGS);
    let mut file = RegionFile::default();
    if let Some((t, span)) = w.table(&root_t, "region") {
        let tbl = Tbl {
            t,
            span,
            what: What::Table(&format::REGION),
        };
        w.unknown_keys(&tbl, &format::REGION);
        file.name = w.opt_string(&tbl, "name");
        if let Some(v) = tbl.get("year") {
            match v.get_ref() {
                DeValue::Integer(i) => file.year = i.as_str().parse().ok(),
                _ => w.wrong_type("year", v, ("год числом", "a year as a number")),
            }
        }
    }
    file.report = w.report_options(&root_t);
    for (t, span) in w.tables(&root_t, "responsible", "responsible") {
        let tbl = Tbl {
            t,
            span,
            what: What::Table(&format::RESPONSIBLE),
        };
        if let Some(r) = w.responsible(&tbl) {
            file.roster.push(Responsible { shared: true, ..r });
        }
    }
    (file, w.diags)
}
