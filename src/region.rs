//! The regional centre's year: the plans of many municipalities over several years, added up.
//!
//! Each plan is reduced where it was read to a [`PlanDigest`] — its counts, its indicators by
//! id, the work that slipped — so that the region is held as figures, not as plans. [`Region::build`]
//! then takes the year asked for: one row per municipality with this year beside the previous
//! one, the municipalities with a plan for an earlier year and none for this one, those with a
//! plan but nothing recorded, the region's indicators added up by id as the catalogue says
//! ([`crate::indicators::Rollup`]: counts summed; shares from the summed numerators and
//! denominators, never the mean of percentages) against the region's targets, and the work
//! that slipped, by municipality.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::deadline::PlanYear;
use crate::evaluate::State;
use crate::i18n::Lang;
use crate::indicators::{Catalogue, Rollup};
use crate::report::{Category, Counts, PlanReport};

/// One indicator of a plan, as the region needs it.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Figure {
    pub(crate) id: String,
    pub(crate) actual: Option<f64>,
    pub(crate) numerator: Option<f64>,
    pub(crate) denominator: Option<f64>,
    pub(crate) target: Option<f64>,
    pub(crate) last_year: Option<f64>,
}

/// One item that slipped: overdue, not done, partly done or postponed.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Slip {
    pub(crate) number: String,
    pub(crate) title: String,
    pub(crate) deadline: String,
    pub(crate) responsible: String,
    /// Its state in words: «просрочено на 12 дней», «перенесено».
    pub(crate) state: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reason: Option<String>,
}

/// The work that slipped in a plan, or in a municipality's plans of the year: the items, and —
/// for a report in Markdown — rows of its table already written, on the core that read the
/// plan (a region's slipped work is tens of thousands of rows, and the region's part is written
/// after every plan is read). One report keeps one kind; the JSON has the items.
#[derive(Clone, Debug, Default)]
pub(crate) struct Slipped {
    pub(crate) items: Vec<Slip>,
    /// How many rows [`Slipped::markdown`] holds.
    pub(crate) written: usize,
    /// Lines of the table's body, as GitHub-flavoured Markdown.
    pub(crate) markdown: String,
}

impl Slipped {
    /// Items and rows written.
    pub(crate) fn len(&self) -> usize {
        self.items.len() + self.written
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `other`'s work after this one's.
    fn append(&mut self, other: Slipped) {
        if self.is_empty() {
            *self = other;
            return;
        }
        self.items.extend(other.items);
        self.written += other.written;
        self.markdown.push_str(&other.markdown);
    }
}

impl Serialize for Slipped {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(s)
    }
}

/// What the region keeps of one plan.
#[derive(Clone, Debug, Default)]
pub(crate) struct PlanDigest {
    /// Whose plan it is ([`crate::workspace::plan_key`]).
    pub(crate) key: String,
    /// The municipality (or organisation) as the plan names it.
    pub(crate) name: String,
    /// The file as shown.
    pub(crate) file: String,
    pub(crate) year: Option<PlanYear>,
    pub(crate) total: Counts,
    /// Whether anything is recorded: a result, a done or partly done item, progress, a
    /// reason, an indicator's value.
    pub(crate) has_data: bool,
    /// The indicators with an id.
    pub(crate) figures: Vec<Figure>,
    /// Names of indicators without an id (not added up).
    pub(crate) unnamed: Vec<String>,
    pub(crate) slipped: Slipped,
}

impl PlanDigest {
    /// The digest of a plan's report.
    pub(crate) fn of(r: &PlanReport<'_>, key: String, lang: Lang) -> PlanDigest {
        let plan = r.plan;
        let meta = &plan.meta;
        let name = meta
            .municipality
            .clone()
            .or_else(|| meta.organisation.clone())
            .unwrap_or_else(|| crate::view::plan_name(plan));
        let mut has_data = plan.indicators.iter().any(|i| i.value().is_some());
        let mut slipped = Vec::new();
        for s in &r.sections {
            for i in &s.items {
                let item = i.row.item;
                has_data |= item.result.is_some()
                    || item.reason.is_some()
                    || !item.progress.is_empty()
                    || matches!(i.judgement.category, Category::Done | Category::PartlyDone);
                let slipped_now = i.row.eval.state == State::Overdue
                    || matches!(
                        i.judgement.category,
                        Category::NotDone | Category::PartlyDone | Category::Postponed
                    );
                if slipped_now {
                    slipped.push(Slip {
                        number: crate::view::item_id(item),
                        // the whole title is in the plan's own report: a line's worth here
                        title: crate::text::shorten_squashed(&item.title, 120),
                        deadline: item.deadline_phrase.clone(),
                        responsible: item.responsible_phrase.clone(),
                        state: state_words(i, lang),
                        reason: item.reason.clone(),
                    });
                }
            }
        }
        PlanDigest {
            key,
            name,
            file: r.checked.source.name.clone(),
            year: meta.year,
            total: r.total.clone(),
            has_data,
            figures: plan
                .indicators
                .iter()
                .filter_map(|i| {
                    Some(Figure {
                        id: i.id.clone()?,
                        actual: i.actual,
                        numerator: i.numerator,
                        denominator: i.denominator,
                        target: i.target,
                        last_year: i.last_year,
                    })
                })
                .collect(),
            unnamed: plan
                .indicators
                .iter()
                .filter(|i| i.id.is_none())
                .map(|i| i.name.clone())
                .collect(),
            slipped: Slipped {
                items: slipped,
                ..Slipped::default()
            },
        }
    }

    /// The plan's year as a number: its first calendar year.
    pub(crate) fn year_number(&self) -> Option<i32> {
        self.year.map(first_year)
    }
}

fn first_year(y: PlanYear) -> i32 {
    match y {
        PlanYear::Calendar(y) | PlanYear::Academic(y) => y,
    }
}

/// An item's state in the words of the report: «просрочено на 12 дней», «выполнено частично».
fn state_words(i: &crate::report::ReportItem<'_>, lang: Lang) -> String {
    let e = &i.row.eval;
    match (e.state, e.days_late) {
        (State::Overdue, Some(d)) => {
            let days = crate::i18n::plural(
                lang,
                d.max(0) as u64,
                ["день", "дня", "дней"],
                ["day", "days"],
            );
            [lang.pick("просрочено на ", "overdue by "), &days].concat()
        }
        _ => match i.judgement.category {
            Category::Postponed | Category::PartlyDone | Category::NotDone => {
                i.judgement.category.label(lang).to_owned()
            }
            _ => e.state.label(lang).to_owned(),
        },
    }
}

/// A municipality's year: the counts of its plans for the year asked for and the year before.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Municipality {
    pub(crate) name: String,
    pub(crate) files: Vec<String>,
    /// Of the year asked for.
    pub(crate) now: Option<Counts>,
    /// Of the year before.
    pub(crate) before: Option<Counts>,
}

/// A municipality with a plan for an earlier year and none for this one.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Missing {
    pub(crate) name: String,
    /// Its latest plan's year and file.
    pub(crate) last_year: i32,
    pub(crate) last_file: String,
}

/// One municipality's value of an indicator.
#[derive(Clone, Debug, Default, Serialize)]
pub(crate) struct Value {
    pub(crate) value: Option<f64>,
    pub(crate) numerator: Option<f64>,
    pub(crate) denominator: Option<f64>,
    pub(crate) target: Option<f64>,
}

/// One municipality's line of an indicator.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct IndicatorRow {
    pub(crate) municipality: String,
    pub(crate) now: Value,
    /// The year before: its plan's value, else the `last_year` of this year's plan.
    pub(crate) before: Option<f64>,
}

/// The region's figure of an indicator for one year.
#[derive(Clone, Debug, Default, Serialize)]
pub(crate) struct Total {
    pub(crate) value: Option<f64>,
    /// For a share: the summed numerator and denominator.
    pub(crate) numerator: Option<f64>,
    pub(crate) denominator: Option<f64>,
    /// How many municipalities' values went into it.
    pub(crate) reported_by: usize,
    /// Municipalities that gave a share only as a percentage (no counts): not added in.
    pub(crate) left_out: Vec<String>,
}

/// An indicator added up over the region.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct RegionIndicator {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) unit: String,
    pub(crate) rollup: Rollup,
    pub(crate) now: Total,
    pub(crate) before: Option<Total>,
    /// The region's target for the year (`moc.toml`).
    pub(crate) target: Option<f64>,
    /// Whether the region's figure reaches the target (a share or a count: at or above it).
    pub(crate) met: Option<bool>,
    /// The region's figure for every year the repository has plans for.
    pub(crate) by_year: Vec<(i32, Option<f64>)>,
    pub(crate) rows: Vec<IndicatorRow>,
}

/// The region's year.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Region {
    pub(crate) name: Option<String>,
    pub(crate) year: i32,
    pub(crate) previous: i32,
    /// The year's plans are for school years («2026/2027»).
    pub(crate) academic: bool,
    pub(crate) as_of: NaiveDate,
    pub(crate) municipalities: Vec<Municipality>,
    pub(crate) total: Counts,
    pub(crate) total_before: Option<Counts>,
    /// With a plan for an earlier year and none for this one.
    pub(crate) missing: Vec<Missing>,
    /// With a plan for the year and nothing recorded in it.
    pub(crate) no_data: Vec<String>,
    pub(crate) indicators: Vec<RegionIndicator>,
    /// Municipalities with indicators that have no id, and their names (not added up).
    pub(crate) unnamed: Vec<(String, Vec<String>)>,
    /// The work that slipped, by municipality.
    pub(crate) slipped: Vec<(String, Slipped)>,
}

/// The year a region report is for: the one asked for, else the latest year of the plans that
/// has begun by `as_of`, else the latest.
pub(crate) fn pick_year(
    years: impl Iterator<Item = PlanYear> + Clone,
    asked: Option<i32>,
    as_of: NaiveDate,
) -> Option<i32> {
    if asked.is_some() {
        return asked;
    }
    let begun = years
        .clone()
        .filter(|y| y.period().0 <= as_of)
        .map(first_year)
        .max();
    begun.or_else(|| years.map(first_year).max())
}

/// A municipality's plans, by year.
struct Group<'a> {
    name: String,
    by_year: BTreeMap<i32, Vec<&'a PlanDigest>>,
    /// Its plans of the report's year, by their place among the digests.
    now: Vec<usize>,
}

impl Region {
    /// A year of the report as its plans name it: «2026», or «2026/2027» for school years.
    pub(crate) fn label(&self, year: i32) -> String {
        if self.academic {
            format!("{year}/{}", year + 1)
        } else {
            year.to_string()
        }
    }

    /// The report's year in words: «2026 год», «2026/2027 учебный год».
    pub(crate) fn year_words(&self, lang: Lang) -> String {
        let y = self.label(self.year);
        match (self.academic, lang) {
            (false, Lang::Ru) => format!("{y} год"),
            (true, Lang::Ru) => format!("{y} учебный год"),
            (false, Lang::En) => y,
            (true, Lang::En) => format!("the school year {y}"),
        }
    }

    /// The region for `year` from the digests of every plan of every year. The work that
    /// slipped is moved out of the digests, not copied (a region's is tens of thousands of rows).
    pub(crate) fn build(
        digests: &mut [PlanDigest],
        year: i32,
        name: Option<String>,
        catalogue: &Catalogue,
        as_of: NaiveDate,
    ) -> Region {
        let previous = year - 1;
        let mut slips: Vec<Slipped> = digests
            .iter_mut()
            .map(|d| std::mem::take(&mut d.slipped))
            .collect();
        let digests: &[PlanDigest] = digests;
        // municipalities by key, in the order of their names
        let mut groups: BTreeMap<&str, Group<'_>> = BTreeMap::new();
        for (i, d) in digests.iter().enumerate() {
            let Some(y) = d.year_number() else { continue };
            let g = groups.entry(d.key.as_str()).or_insert_with(|| Group {
                name: d.name.clone(),
                by_year: BTreeMap::new(),
                now: Vec::new(),
            });
            if y >= year {
                // the name of the latest plan
                g.name = d.name.clone();
            }
            if y == year {
                g.now.push(i);
            }
            g.by_year.entry(y).or_default().push(d);
        }
        let mut groups: Vec<Group<'_>> = groups.into_values().collect();
        groups.sort_by_key(|g| crate::i18n::fold(&g.name));

        let counts = |plans: Option<&Vec<&PlanDigest>>| {
            plans.map(|ps| crate::render::report::sum_counts(ps.iter().map(|d| &d.total)))
        };
        let mut municipalities = Vec::new();
        let mut missing = Vec::new();
        let mut no_data = Vec::new();
        let mut unnamed = Vec::new();
        let mut slipped = Vec::new();
        for g in &groups {
            let now = g.by_year.get(&year);
            let before = g.by_year.get(&previous);
            if now.is_none() && before.is_none() {
                // only plans of later years, or long gone: not this report's municipality
                if let Some((&y, ps)) = g.by_year.range(..year).next_back() {
                    missing.push(Missing {
                        name: g.name.clone(),
                        last_year: y,
                        last_file: ps.first().map(|d| d.file.clone()).unwrap_or_default(),
                    });
                }
                continue;
            }
            municipalities.push(Municipality {
                name: g.name.clone(),
                files: now
                    .map(|ps| ps.iter().map(|d| d.file.clone()).collect())
                    .unwrap_or_default(),
                now: counts(now),
                before: counts(before),
            });
            match now {
                None => {
                    if let Some(ps) = before {
                        missing.push(Missing {
                            name: g.name.clone(),
                            last_year: previous,
                            last_file: ps.first().map(|d| d.file.clone()).unwrap_or_default(),
                        });
                    }
                }
                Some(ps) => {
                    if !ps.iter().any(|d| d.has_data) {
                        no_data.push(g.name.clone());
                    }
                    let names: Vec<String> =
                        ps.iter().flat_map(|d| d.unnamed.iter().cloned()).collect();
                    if !names.is_empty() {
                        unnamed.push((g.name.clone(), names));
                    }
                    let mut s = Slipped::default();
                    for &i in &g.now {
                        s.append(std::mem::take(&mut slips[i]));
                    }
                    if !s.is_empty() {
                        slipped.push((g.name.clone(), s));
                    }
                }
            }
        }
        let total =
            crate::render::report::sum_counts(municipalities.iter().filter_map(|m| m.now.as_ref()));
        let total_before = municipalities.iter().any(|m| m.before.is_some()).then(|| {
            crate::render::report::sum_counts(
                municipalities.iter().filter_map(|m| m.before.as_ref()),
            )
        });

        // the indicators: those the plans of the year name, and those with a target for it
        let years: Vec<i32> = {
            let mut ys: Vec<i32> = groups
                .iter()
                .flat_map(|g| g.by_year.keys().copied())
                .collect();
            ys.sort_unstable();
            ys.dedup();
            ys.retain(|y| *y <= year);
            ys
        };
        let named_now = |id: &str| {
            groups.iter().any(|g| {
                g.by_year
                    .get(&year)
                    .is_some_and(|ps| ps.iter().any(|d| d.figures.iter().any(|f| f.id == id)))
            })
        };
        let mut indicators = Vec::new();
        for e in &catalogue.entries {
            let target = e.target(year);
            if !named_now(&e.id) && target.is_none() {
                continue;
            }
            // a count that is a share's part: a municipality that gave the share as numerator
            // and denominator has given the count too
            let parts: Vec<(&str, bool)> = catalogue
                .entries
                .iter()
                .filter_map(|s| match &s.rollup {
                    Rollup::Share {
                        numerator,
                        denominator,
                    } if *numerator == e.id || *denominator == e.id => {
                        Some((s.id.as_str(), *numerator == e.id))
                    }
                    _ => None,
                })
                .collect();
            // by the municipality's place among the groups: `None` where it has no plan for `y`
            let of_year = |y: i32| -> Vec<Option<(String, Option<Value>)>> {
                groups
                    .iter()
                    .map(|g| {
                        g.by_year.get(&y).map(|ps| {
                            (
                                g.name.clone(),
                                municipal_value(ps, &e.id, &e.rollup, &parts),
                            )
                        })
                    })
                    .collect()
            };
            let now_values = of_year(year);
            let before_values = of_year(previous);
            let rows: Vec<IndicatorRow> = groups
                .iter()
                .enumerate()
                .filter(|(_, g)| g.by_year.contains_key(&year))
                .map(|(i, g)| {
                    let now = now_values[i]
                        .as_ref()
                        .and_then(|(_, v)| v.clone())
                        .unwrap_or_default();
                    let before = before_values[i]
                        .as_ref()
                        .and_then(|(_, v)| v.as_ref().and_then(|v| v.value))
                        .or_else(|| {
                            g.by_year.get(&year).and_then(|ps| {
                                ps.iter()
                                    .flat_map(|d| &d.figures)
                                    .find(|f| f.id == e.id)
                                    .and_then(|f| f.last_year)
                            })
                        });
                    IndicatorRow {
                        municipality: g.name.clone(),
                        now,
                        before,
                    }
                })
                .collect();
            let now = total_of(now_values.iter().flatten(), &e.rollup);
            let before = before_values
                .iter()
                .any(Option::is_some)
                .then(|| total_of(before_values.iter().flatten(), &e.rollup));
            let met = match (now.value, target) {
                (Some(v), Some(t)) => Some(v + 1e-9 >= t),
                _ => None,
            };
            let by_year = years
                .iter()
                .map(|&y| {
                    let value = if y == year {
                        now.value
                    } else if y == previous {
                        before.as_ref().and_then(|t| t.value)
                    } else {
                        total_of(of_year(y).iter().flatten(), &e.rollup).value
                    };
                    (y, value)
                })
                .collect();
            indicators.push(RegionIndicator {
                id: e.id.clone(),
                name: e.name.clone(),
                unit: e.unit.clone(),
                rollup: e.rollup.clone(),
                now,
                before,
                target,
                met,
                by_year,
                rows,
            });
        }
        let academic = digests.iter().any(|d| {
            d.year_number() == Some(year) && matches!(d.year, Some(PlanYear::Academic(_)))
        });
        Region {
            name,
            year,
            previous,
            academic,
            as_of,
            municipalities,
            total,
            total_before,
            missing,
            no_data,
            indicators,
            unnamed,
            slipped,
        }
    }
}

/// A municipality's value of an indicator from its plans of one year: counts added (a count
/// that is a share's part, `parts`, taken from that share's numerator or denominator when the
/// municipality gave only the share); a share from its own numerator and denominator, else from
/// the municipality's indicators that the share names as its parts; else the percentage as
/// stated (which the region cannot add in).
fn municipal_value(
    plans: &[&PlanDigest],
    id: &str,
    rollup: &Rollup,
    parts: &[(&str, bool)],
) -> Option<Value> {
    let figures = || plans.iter().flat_map(|d| d.figures.iter());
    let sum = |id: &str| -> Option<f64> {
        let vals: Vec<f64> = figures()
            .filter(|f| f.id == id)
            .filter_map(|f| f.actual.or(f.numerator))
            .collect();
        (!vals.is_empty()).then(|| vals.iter().sum())
    };
    let target_sum = |id: &str| -> Option<f64> {
        let ts: Vec<f64> = figures()
            .filter(|f| f.id == id)
            .filter_map(|f| f.target)
            .collect();
        (!ts.is_empty()).then(|| ts.iter().sum())
    };
    match rollup {
        Rollup::Sum => {
            let value = sum(id).or_else(|| {
                parts.iter().find_map(|(share, numerator)| {
                    figures().filter(|f| f.id == *share).find_map(|f| {
                        if *numerator {
                            f.denominator.and(f.numerator)
                        } else {
                            f.numerator.and(f.denominator)
                        }
                    })
                })
            });
            let target = target_sum(id);
            (value.is_some() || target.is_some()).then_some(Value {
                value,
                target,
                ..Value::default()
            })
        }
        Rollup::Share {
            numerator,
            denominator,
        } => {
            let own: Vec<&Figure> = figures().filter(|f| f.id == id).collect();
            let counted: Vec<(f64, f64)> = own
                .iter()
                .filter_map(|f| Some((f.numerator?, f.denominator?)))
                .filter(|(_, d)| *d > 0.0)
                .collect();
            let (n, d) = if counted.is_empty() {
                match (sum(numerator), sum(denominator)) {
                    (Some(n), Some(d)) if d > 0.0 => (Some(n), Some(d)),
                    _ => (None, None),
                }
            } else {
                (
                    Some(counted.iter().map(|c| c.0).sum()),
                    Some(counted.iter().map(|c| c.1).sum()),
                )
            };
            let value = match (n, d) {
                (Some(n), Some(d)) => Some(n / d * 100.0),
                _ => own.iter().find_map(|f| f.actual),
            };
            let target = own.iter().find_map(|f| f.target);
            (value.is_some() || target.is_some()).then_some(Value {
                value,
                numerator: n,
                denominator: d,
                target,
            })
        }
        Rollup::None => {
            let own = figures().find(|f| f.id == id)?;
            Some(Value {
                value: own.actual,
                target: own.target,
                ..Value::default()
            })
        }
    }
}

/// The region's figure from the municipalities' values.
fn total_of<'v>(
    values: impl Iterator<Item = &'v (String, Option<Value>)>,
    rollup: &Rollup,
) -> Total {
    let mut t = Total::default();
    match rollup {
        Rollup::Sum => {
            let vals: Vec<f64> = values.filter_map(|(_, v)| v.as_ref()?.value).collect();
            t.reported_by = vals.len();
            t.value = (!vals.is_empty()).then(|| vals.iter().sum());
        }
        Rollup::Share { .. } => {
            let (mut n, mut d) = (0.0, 0.0);
            for (name, v) in values {
                let Some(v) = v else { continue };
                match (v.numerator, v.denominator) {
                    (Some(a), Some(b)) => {
                        n += a;
                        d += b;
                        t.reported_by += 1;
                    }
                    _ if v.value.is_some() => t.left_out.push(name.clone()),
                    _ => {}
                }
            }
            if t.reported_by > 0 && d > 0.0 {
                t.numerator = Some(n);
                t.denominator = Some(d);
                t.value = Some(n / d * 100.0);
            }
        }
        Rollup::None => {
            t.reported_by = values
                .filter(|(_, v)| v.as_ref().is_some_and(|v| v.value.is_some()))
                .count();
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(key: &str, year: i32, figures: Vec<Figure>, done: usize, items: usize) -> PlanDigest {
        PlanDigest {
            key: key.into(),
            name: key.into(),
            file: format!("plans/{key}/{year}.toml"),
            year: Some(PlanYear::Calendar(year)),
            total: Counts {
                items,
                done,
                counted: items,
                credit: done as f64,
                share_done: Some(done as f64 / items as f64 * 100.0),
                ..Counts::default()
            },
            has_data: done > 0,
            figures,
            unnamed: Vec::new(),
            slipped: Slipped::default(),
        }
    }

    fn fig(id: &str, actual: Option<f64>, n: Option<f64>, d: Option<f64>) -> Figure {
        Figure {
            id: id.into(),
            actual,
            numerator: n,
            denominator: d,
            target: None,
            last_year: None,
        }
    }

    #[test]
    fn shares_come_from_summed_counts_and_counts_are_summed() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap_or_default();
        let mut ds = vec![
            // 900 of 1000 and 100 of 1000: the region is 50 %, not the mean of 90 % and 10 %
            // (the same here) — and with unequal denominators the mean would be wrong:
            digest(
                "a",
                2026,
                vec![
                    fig("coverage_5_18", None, Some(900.0), Some(1000.0)),
                    fig("navigator_programs", Some(40.0), None, None),
                ],
                5,
                10,
            ),
            digest(
                "b",
                2026,
                vec![
                    fig("children_5_18_covered", Some(300.0), None, None),
                    fig("children_5_18_total", Some(3000.0), None, None),
                    fig("navigator_programs", Some(12.0), None, None),
                ],
                0,
                10,
            ),
            digest(
                "c",
                2026,
                vec![fig("coverage_5_18", Some(75.0), None, None)],
                1,
                4,
            ),
            digest("d", 2025, vec![], 3, 3),
            digest(
                "a",
                2025,
                vec![fig("coverage_5_18", None, Some(800.0), Some(1000.0))],
                8,
                10,
            ),
        ];
        let r = Region::build(&mut ds, 2026, None, Catalogue::builtin(), day);
        let cov = r
            .indicators
            .iter()
            .find(|i| i.id == "coverage_5_18")
            .unwrap_or_else(|| panic!("coverage"));
        // (900 + 300) / (1000 + 3000) = 30 %
        assert_eq!(cov.now.value, Some(30.0));
        assert_eq!(cov.now.reported_by, 2);
        assert_eq!(cov.now.left_out, vec!["c".to_owned()]);
        assert_eq!(cov.before.as_ref().and_then(|t| t.value), Some(80.0));
        let nav = r
            .indicators
            .iter()
            .find(|i| i.id == "navigator_programs")
            .unwrap_or_else(|| panic!("navigator"));
        assert_eq!(nav.now.value, Some(52.0));
        assert_eq!(r.missing.len(), 1);
        assert_eq!(r.missing[0].name, "d");
        assert_eq!(r.no_data, vec!["b".to_owned()]);
        let a = r
            .municipalities
            .iter()
            .find(|m| m.name == "a")
            .unwrap_or_else(|| panic!("a"));
        assert_eq!(a.before.as_ref().map(|c| c.done), Some(8));
        assert_eq!(r.total.items, 24);
    }

    #[test]
    fn the_year_is_the_latest_begun() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap_or_default();
        let ds = [
            digest("a", 2025, vec![], 1, 1),
            digest("a", 2026, vec![], 1, 1),
            digest("a", 2027, vec![], 1, 1),
        ];
        let years = || ds.iter().filter_map(|d| d.year);
        assert_eq!(pick_year(years(), None, day), Some(2026));
        assert_eq!(pick_year(years(), Some(2025), day), Some(2025));
    }

    #[test]
    fn school_years_are_named_as_school_years() {
        let day = NaiveDate::from_ymd_opt(2027, 6, 20).unwrap_or_default();
        let school = |key: &str, y: i32| PlanDigest {
            year: Some(PlanYear::Academic(y)),
            ..digest(key, y, vec![], 1, 2)
        };
        let mut ds = [school("a", 2025), school("a", 2026), school("b", 2026)];
        let year = pick_year(ds.iter().filter_map(|d| d.year), None, day);
        assert_eq!(year, Some(2026));
        let r = Region::build(&mut ds, 2026, None, Catalogue::builtin(), day);
        assert_eq!(r.year_words(Lang::Ru), "2026/2027 учебный год");
        assert_eq!(r.label(r.previous), "2025/2026");
        assert!(r.municipalities.iter().any(|m| m.before.is_some()));
    }
}
