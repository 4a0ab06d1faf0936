//! Evaluated items as data: the JSON of `moc status`, CSV (English column names and ids, one row
//! per item) and the Excel workbook. One shape of an item for every command
//! ([`crate::view::item_json`]).

use std::io::Write;

use serde::Serialize;

use super::status::PlanRow;
use crate::evaluate::Summary;
use crate::i18n::Lang;
use crate::load::Checked;
use crate::view::{self, Row};

#[derive(Serialize)]
struct PlanJson {
    plan: String,
    municipality: Option<String>,
    year: Option<String>,
    errors: usize,
    #[serde(flatten)]
    summary: Summary,
}

#[derive(Serialize)]
struct StatusJson<'a> {
    /// The region's name (`moc.toml`), when the repository has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    as_of: chrono::NaiveDate,
    plans: Vec<PlanJson>,
    items: Vec<view::ItemJson<'a>>,
}

/// `moc status --format json`: a summary per plan, then every item.
pub(crate) fn status_json(
    region: Option<&str>,
    plans: &[Checked],
    rows: &[Row<'_>],
    as_of: chrono::NaiveDate,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let grouped = view::by_plan(rows, plans.len());
    let plans_json = plans
        .iter()
        .zip(&grouped)
        .map(|(c, mine)| {
            let p = PlanRow::of(c, mine.iter().map(|r| &r.eval));
            PlanJson {
                plan: p.file,
                municipality: c.plan.as_ref().and_then(|x| x.meta.municipality.clone()),
                year: (!p.year.is_empty()).then_some(p.year),
                errors: p.errors,
                summary: p.summary,
            }
        })
        .collect();
    let items = rows
        .iter()
        .map(|r| view::item_json(r, &plans[r.plan], lang))
        .collect();
    serde_json::to_writer_pretty(
        &mut *out,
        &StatusJson {
            region,
            as_of,
            plans: plans_json,
            items,
        },
    )?;
    writeln!(out)
}

/// A text cell as a spreadsheet may safely open it: a cell that would start a formula (`=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a leading `'` (OWASP's advice against formula
/// injection), and control characters are written as escapes.
fn csv_cell(s: &str) -> std::borrow::Cow<'_, str> {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let controls = s.chars().any(|c| c.is_control() && c != '\n');
    if !risky && !controls {
        return std::borrow::Cow::Borrowed(s);
    }
    let body = if controls {
        crate::text::escape_controls(s, true)
    } else {
        s.to_owned()
    };
    if risky {
        std::borrow::Cow::Owned(format!("'{body}"))
    } else {
        std::borrow::Cow::Owned(body)
    }
}

/// The rows as CSV: data, with English column names and ids.
pub(crate) fn csv<'r, 'a: 'r>(
    plans: &[Checked],
    rows: impl IntoIterator<Item = &'r Row<'a>>,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), ::csv::Error> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record([
        "plan",
        "section",
        "id",
        "title",
        "deadline",
        "kind",
        "start",
        "end",
        "due",
        "responsibles",
        "status",
        "state",
        "days_late",
        "missed",
        "result",
    ])?;
    for r in rows {
        let j = view::item_json(r, &plans[r.plan], lang);
        let opt = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        w.write_record([
            &*csv_cell(j.plan.as_str()),
            &*csv_cell(j.section),
            &*csv_cell(j.id.as_str()),
            &*csv_cell(j.title),
            &*csv_cell(j.deadline.phrase),
            j.deadline
                .kind
                .map(crate::deadline::Kind::id)
                .unwrap_or_default(),
            &opt(j.deadline.start),
            &opt(j.deadline.end),
            &opt(j.deadline.due),
            &csv_cell(&j.responsibles.join(", ")),
            j.status,
            j.state.id(),
            &j.days_late.map(|d| d.to_string()).unwrap_or_default(),
            &j.missed
                .iter()
                .map(|m| m.label.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            &csv_cell(j.result.unwrap_or_default()),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// The rows as an Excel workbook (cargo feature `xlsx`).
pub(crate) fn xlsx<'r, 'a: 'r>(
    plans: &[Checked],
    rows: impl IntoIterator<Item = &'r Row<'a>>,
    as_of: chrono::NaiveDate,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    #[cfg(feature = "xlsx")]
    {
        let rows: Vec<&Row<'_>> = rows.into_iter().collect();
        super::xlsx::workbook(plans, &rows, as_of, lang).map_err(|e| e.to_string())
    }
    #[cfg(not(feature = "xlsx"))]
    {
        let _ = (plans, rows.into_iter().count(), as_of);
        Err(lang
            .pick(
                "moc собран без таблиц Excel (cargo feature «xlsx»)",
                "moc is built without Excel workbooks (cargo feature «xlsx»)",
            )
            .to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn formulas_do_not_start_a_cell() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("Семинар"), "Семинар");
        assert_eq!(csv_cell("a\u{1b}[31m"), "a\\x1b[31m");
    }
}
