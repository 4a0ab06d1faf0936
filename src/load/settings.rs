//! `moc.toml`, read by the same [`Walker`] as plans: `[region] name, year`, the region's
//! shared `[[responsible]]` entries, and `[report]` (what the reports show).

use super::tree::Node;

use super::walk::{DeadlineCache, Tbl, Walker, What};
use crate::diagnostic::Diagnostic;
use crate::format;
use crate::indicators::{Catalogue, Entry, Rollup};
use crate::model::{ReportOptions, Responsible};
use crate::source::Source;
use crate::source::Span;

/// What `moc.toml` says.
#[derive(Clone, Debug, Default)]
pub(crate) struct RegionFile {
    pub(crate) name: Option<String>,
    pub(crate) year: Option<i32>,
    pub(crate) roster: Vec<Responsible>,
    /// What the reports of the region's plans show (`[report]`).
    pub(crate) report: ReportOptions,
    /// The region's indicators and targets (`[[indicator]]`), with the catalogue's.
    pub(crate) indicators: Catalogue,
}

impl Default for Catalogue {
    fn default() -> Catalogue {
        Catalogue::builtin().clone()
    }
}

/// Read `moc.toml`, with its findings.
pub(crate) fn read_settings(source: &Source) -> (RegionFile, Vec<Diagnostic>) {
    let root = match super::tree::parse(&source.text) {
        Ok(root) => root,
        Err(errors) => {
            let found = errors
                .iter()
                .map(|e| super::syntax_diagnostic(e, source))
                .collect();
            return (RegionFile::default(), found);
        }
    };
    let mut deadlines = DeadlineCache::default();
    let mut w = Walker {
        src: &source.text,
        diags: Vec::new(),
        splits: rustc_hash::FxHashMap::default(),
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
                Node::Integer(i) => file.year = i.as_str().parse().ok(),
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
    file.indicators = region_indicators(&mut w, &root_t);
    (file, w.diags)
}

/// `[[indicator]]` of `moc.toml`: targets for the catalogue's indicators (by year, or for every
/// year) and the region's own indicators.
fn region_indicators(w: &mut Walker<'_>, root: &Tbl<'_, '_>) -> Catalogue {
    let builtin = Catalogue::builtin();
    let mut entries: Vec<Entry> = Vec::new();
    let mut shares: Vec<(String, String, Span)> = Vec::new();
    for (t, span) in w.tables(root, "indicator", "indicator") {
        let tbl = Tbl {
            t,
            span: span.clone(),
            what: What::Table(&format::REGION_INDICATOR),
        };
        w.unknown_keys(&tbl, &format::REGION_INDICATOR);
        let Some((id, id_span)) = w.string(&tbl, "id", true) else {
            continue;
        };
        let id = id.trim().to_owned();
        let name = w.opt_string(&tbl, "name");
        let unit = w.opt_string(&tbl, "unit");
        let year = match tbl.get("year") {
            Some(v) => match v.get_ref() {
                Node::Integer(i) => i.as_str().parse().ok(),
                _ => {
                    w.wrong_type("year", v, ("год числом", "a year as a number"));
                    None
                }
            },
            None => Some(0),
        };
        let target = w.number(&tbl, "target");
        let rollup_word = w.opt_string(&tbl, "rollup");
        let numerator = w.opt_string(&tbl, "numerator");
        let denominator = w.opt_string(&tbl, "denominator");
        let targets: Vec<(i32, f64)> = match (year, target) {
            (Some(y), Some(v)) => vec![(y, v)],
            _ => Vec::new(),
        };
        if let Some(e) = entries.iter_mut().find(|e| e.id == id) {
            e.targets.extend(targets);
            continue;
        }
        if builtin.get(&id).is_some() {
            entries.push(Entry::regional(
                id,
                name.unwrap_or_default(),
                unit.unwrap_or_default(),
                Rollup::None,
                targets,
            ));
            continue;
        }
        let Some(name) = name else {
            w.bad_value(
                id_span,
                crate::text!(
                    "показателя «{id}» нет в каталоге: для своего показателя региона нужно название (name)",
                    "«{id}» is not in the catalogue: the region's own indicator needs a name"
                ),
                Some(crate::text!(
                    "впишите name = \"…\", или возьмите код из каталога: moc indicator list",
                    "write name = \"…\", or take an id from the catalogue: moc indicator list"
                )),
            );
            continue;
        };
        let rollup = match rollup_word.as_deref() {
            Some("share") => match (numerator, denominator) {
                (Some(n), Some(d)) => {
                    shares.push((n.clone(), d.clone(), span.clone()));
                    Rollup::Share {
                        numerator: n,
                        denominator: d,
                    }
                }
                _ => {
                    w.bad_value(
                        span.clone(),
                        crate::text!(
                            "показатель «{id}» — доля (share): нужны коды числителя и знаменателя",
                            "«{id}» is a share: it needs the ids of its numerator and denominator"
                        ),
                        Some(crate::text!(
                            "впишите numerator = \"…\" и denominator = \"…\" — коды показателей-количеств",
                            "write numerator = \"…\" and denominator = \"…\": ids of count indicators"
                        )),
                    );
                    Rollup::None
                }
            },
            Some("none") => Rollup::None,
            Some("sum") | None => Rollup::Sum,
            Some(other) => {
                w.bad_value(
                    span.clone(),
                    crate::text!(
                        "rollup = \"{other}\": бывает sum, share или none",
                        "rollup = \"{other}\": it is sum, share or none"
                    ),
                    None,
                );
                Rollup::Sum
            }
        };
        let unit = unit.unwrap_or_else(|| {
            if matches!(rollup, Rollup::Share { .. }) {
                "%"
            } else {
                ""
            }
            .to_owned()
        });
        entries.push(Entry::regional(id, name, unit, rollup, targets));
    }
    let catalogue = Catalogue::with_region(entries);
    for (n, d, span) in shares {
        for part in [n, d] {
            if catalogue.get(&part).is_none() {
                w.bad_value(
                    span.clone(),
                    crate::text!(
                        "доля ссылается на показатель «{part}», которого нет ни в каталоге, ни в moc.toml",
                        "the share names «{part}», which is neither in the catalogue nor in moc.toml"
                    ),
                    None,
                );
            }
        }
    }
    catalogue
}
