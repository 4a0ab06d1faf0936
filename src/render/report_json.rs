//! The report's figures as JSON (`moc report --format json`): the same numbers as the document,
//! item by item, for other programs.

use chrono::NaiveDate;
use serde::Serialize;

use super::report::{sum_counts, title};
use crate::i18n::Lang;
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
        plans: reports
            .iter()
            .map(|r| PlanOut {
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
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
