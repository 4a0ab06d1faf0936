//! The report's figures as JSON (`moc report --format json`): the same numbers as the document,
//! item by item, for other programs.

use chrono::NaiveDate;
use serde::Serialize;

use super::report::{sum_counts, title};
use crate::i18n::Lang;
use crate::region::Region;
use crate::report::{Category, Counts, IndicatorReport, PlanReport, ResponsibleReport};
use crate::view;

#[derive(Serialize)]
struct ItemOut<'a> {
    #[serde(flatten)]
    item: view::ItemJson<'a>,
    category: Category,
    result_text: &'a str,
}

#[derive(Serialize)]
struct SectionOut<'a> {
    number: &'a str,
    title: &'a str,
    counts: &'a Counts,
    items: Vec<ItemOut<'a>>,
}

#[derive(Serialize)]
struct PlanOut<'a> {
    plan: &'a str,
    title: String,
    municipality: Option<&'a str>,
    organisation: Option<&'a str>,
    from: NaiveDate,
    to: NaiveDate,
    total: &'a Counts,
    sections: Vec<SectionOut<'a>>,
    not_done: Vec<String>,
    indicators: &'a [IndicatorReport],
    responsibles: &'a [ResponsibleReport],
}

#[derive(Serialize)]
struct ReportOut<'a> {
    as_of: NaiveDate,
    total: Counts,
    plans: Vec<PlanOut<'a>>,
}

/// The reports as pretty JSON, with a final line break.
pub(crate) fn json(reports: &[PlanReport<'_>], as_of: NaiveDate, lang: Lang) -> String {
    let doc = ReportOut {
        as_of,
        total: sum_counts(reports.iter().map(|r| &r.total)),
        plans: reports.iter().map(|r| plan_out(r, lang)).collect(),
    };
    pretty(&doc)
}

/// One plan's report as a JSON value (made where the plan was read, for [`region_json`]).
pub(crate) fn plan_value(r: &PlanReport<'_>, lang: Lang) -> serde_json::Value {
    serde_json::to_value(plan_out(r, lang)).unwrap_or_default()
}

#[derive(Serialize)]
struct RegionOut<'a> {
    as_of: NaiveDate,
    total: &'a Counts,
    region: &'a Region,
    plans: Vec<serde_json::Value>,
}

/// The report of a region as pretty JSON: the region's figures (`region`: municipalities with
/// this year and the year before, who has no plan, the indicators added up, what slipped),
/// then each plan's report of the year as [`json`] gives it.
pub(crate) fn region_json(
    region: &Region,
    plans: Vec<serde_json::Value>,
    as_of: NaiveDate,
) -> String {
    pretty(&RegionOut {
        as_of,
        total: &region.total,
        region,
        plans,
    })
}

fn pretty(doc: &impl Serialize) -> String {
    let mut s = serde_json::to_string_pretty(doc).unwrap_or_default();
    s.push('\n');
    s
}

fn plan_out<'a>(r: &'a PlanReport<'a>, lang: Lang) -> PlanOut<'a> {
    PlanOut {
        plan: &r.checked.source.name,
        title: title(r, lang),
        municipality: r.plan.meta.municipality.as_deref(),
        organisation: r.plan.meta.organisation.as_deref(),
        from: r.period.from,
        to: r.period.to,
        total: &r.total,
        sections: r
            .sections
            .iter()
            .map(|s| SectionOut {
                number: &s.section.number,
                title: &s.section.title,
                counts: &s.counts,
                items: s
                    .items
                    .iter()
                    .map(|i| ItemOut {
                        item: view::item_json(&i.row, r.checked, lang),
                        category: i.judgement.category,
                        result_text: &i.result,
                    })
                    .collect(),
            })
            .collect(),
        not_done: r
            .not_done()
            .iter()
            .map(|i| view::item_id(i.row.item))
            .collect(),
        indicators: &r.indicators,
        responsibles: &r.responsibles,
    }
}
