//! A report of several plans: each plan's head, the opening summary, and the document in pieces.

use chrono::NaiveDate;

use super::single::{plan_report_blocks, report_blocks};
use super::{Provenance, footer, pct, plain_row, year_of};
use crate::i18n::{self, Lang, plural};
use crate::render::doc::{self, Block, Cell, Table};
use crate::report::{Counts, PlanReport};
use crate::view;

/// What the opening of a report over several plans says of each plan: its name and counts, and
/// the period's words (of the first plan, for the title).
#[derive(Clone, Debug)]
pub(crate) struct ReportHead {
    pub(crate) name: String,
    pub(crate) total: Counts,
    pub(crate) period_text: String,
    /// Items of the plan counted but with nothing recorded yet.
    pub(crate) without_result: usize,
}

impl ReportHead {
    pub(crate) fn of(r: &PlanReport<'_>, lang: Lang) -> ReportHead {
        ReportHead {
            name: view::plan_name(r.plan),
            total: r.total.clone(),
            period_text: r.period.for_text(year_of(r.plan, r.period.to), lang),
            without_result: r.without_result().len(),
        }
    }
}

/// The heading of a report over several plans.
pub(crate) fn multi_title(heads: &[ReportHead], lang: Lang) -> String {
    let years_text = heads
        .first()
        .map(|h| h.period_text.clone())
        .unwrap_or_default();
    let n = plural(
        lang,
        heads.len() as u64,
        ["муниципалитету", "муниципалитетам", "муниципалитетам"],
        ["municipality", "municipalities"],
    );
    match lang {
        Lang::Ru => {
            format!(
                "Отчёт о деятельности муниципальных опорных центров {years_text}: сводка по {n}"
            )
        }
        Lang::En => format!("Activity of the municipal support centres {years_text}: {n}"),
    }
}

/// A report of several plans as blocks after `opening` (the region's part): each plan's
/// report (made where the plan was read), the footer.
pub(crate) fn blocks_after(
    mut opening: Vec<Block>,
    plans: Vec<Vec<Block>>,
    lang: Lang,
    prov: &Provenance,
) -> Vec<Block> {
    for p in plans {
        opening.extend(p);
    }
    if prov.options(None).footer() {
        footer(&mut opening, prov, lang);
    }
    opening
}

/// A report of several plans as blocks: the summary, each plan's report, the footer.
pub(crate) fn multi_report_blocks(
    reports: &[PlanReport<'_>],
    as_of: NaiveDate,
    lang: Lang,
    prov: &Provenance,
) -> Vec<Block> {
    let heads: Vec<ReportHead> = reports.iter().map(|r| ReportHead::of(r, lang)).collect();
    let mut b = multi_summary_blocks(&heads, as_of, lang);
    for r in reports {
        b.extend(plan_report_blocks(
            r,
            as_of,
            lang,
            2,
            &Provenance::default(),
        ));
    }
    if prov.options(None).footer() {
        footer(&mut b, prov, lang);
    }
    b
}

/// The opening of a report of several plans: title, date, the summary table.
fn multi_summary_blocks(heads: &[ReportHead], as_of: NaiveDate, lang: Lang) -> Vec<Block> {
    let mut b = Vec::new();
    b.push(Block::Heading(1, multi_title(heads, lang)));
    b.push(Block::Facts(vec![vec![(
        lang.pick("Сформирован:", "Generated:").to_owned(),
        i18n::long_date(lang, as_of),
    )]]));
    b.push(Block::Heading(2, lang.pick("Сводка", "Summary").to_owned()));
    let mut rows: Vec<Vec<Cell>> = heads
        .iter()
        .map(|h| {
            plain_row(vec![
                h.name.clone(),
                h.total.items.to_string(),
                h.total.done.to_string(),
                pct(lang, h.total.share_done),
                h.total.overdue.to_string(),
            ])
        })
        .collect();
    let total = sum_counts(heads.iter().map(|h| &h.total));
    rows.push(vec![
        Cell::bold(lang.pick("Всего", "Total")),
        Cell::bold(total.items.to_string()),
        Cell::bold(total.done.to_string()),
        Cell::bold(pct(lang, total.share_done)),
        Cell::bold(total.overdue.to_string()),
    ]);
    b.push(Block::Table(Table {
        head: [
            lang.pick("Муниципалитет", "Municipality"),
            lang.pick("Мероприятий", "Items"),
            lang.pick("Выполнено", "Done"),
            lang.pick("Выполнение", "Share done"),
            lang.pick("Просрочено", "Overdue"),
        ]
        .map(str::to_owned)
        .to_vec(),
        right: vec![false, true, true, true, true],
        rows,
    }));
    b
}

/// One plan's part of a report over several plans, as Markdown (made where the plan was read;
/// see [`multi_report_from`]).
pub(crate) fn plan_part(r: &PlanReport<'_>, as_of: NaiveDate, lang: Lang) -> String {
    // room for about twice the plan's TOML at once (a part is 1.5–2 times it): not grown by
    // doubling, each time a copy and fresh pages
    let mut s = String::with_capacity(r.checked.source.text.len() * 2 + 4096);
    doc::markdown_into(
        &mut s,
        &report_blocks(r, as_of, lang, 2, &Provenance::default(), false),
    );
    // held until the whole report is written: without the spare room of its growth
    s.shrink_to_fit();
    s
}

/// A document in pieces, to be written one after another (see [`multi_document`]).
#[derive(Debug, Default)]
pub(crate) struct Pieces {
    pub(crate) pieces: Vec<String>,
}

impl Pieces {
    /// The pieces as bytes, in order.
    pub(crate) fn as_bytes(&self) -> Vec<&[u8]> {
        self.pieces.iter().map(String::as_bytes).collect()
    }

    /// The whole document.
    pub(crate) fn concat(&self) -> String {
        self.pieces.concat()
    }
}

/// A report of several plans as Markdown, from each plan's head and part: the same document as
/// [`multi_report_blocks`] makes, in pieces (the opening, each plan's part, the footer), so that
/// neither the plans nor a joined copy of their parts need to be held.
pub(crate) fn multi_document(
    heads: &[ReportHead],
    parts: Vec<String>,
    as_of: NaiveDate,
    lang: Lang,
    prov: &Provenance,
) -> Pieces {
    let opening = doc::markdown_pieces(&multi_summary_blocks(heads, as_of, lang));
    document_after(opening, parts, lang, prov)
}

/// A report of several plans as Markdown in pieces: `opening` (the summary, or the region's
/// part, in pieces), each plan's part, the footer.
pub(crate) fn document_after(
    opening: Vec<String>,
    parts: Vec<String>,
    lang: Lang,
    prov: &Provenance,
) -> Pieces {
    let mut tail = String::new();
    let mut footer_blocks = Vec::new();
    if prov.options(None).footer() {
        footer(&mut footer_blocks, prov, lang);
    }
    doc::markdown_into(&mut tail, &footer_blocks);
    let mut pieces = Vec::with_capacity(parts.len() + opening.len() + 1);
    pieces.extend(opening);
    pieces.extend(parts);
    pieces.push(tail);
    // the document ends with one line break: trim the last piece that has text
    if let Some(last) = pieces.iter_mut().rev().find(|p| !p.is_empty()) {
        doc::trim_end(last);
    }
    Pieces { pieces }
}

/// A report of several plans as Markdown.
pub(crate) fn multi_report(
    reports: &[PlanReport<'_>],
    as_of: NaiveDate,
    lang: Lang,
    prov: &Provenance,
) -> String {
    let heads: Vec<ReportHead> = reports.iter().map(|r| ReportHead::of(r, lang)).collect();
    let parts: Vec<String> = reports.iter().map(|r| plan_part(r, as_of, lang)).collect();
    multi_document(&heads, parts, as_of, lang, prov).concat()
}

/// Counts of several plans together (the share weighted by the items counted).
pub(crate) fn sum_counts<'a>(all: impl IntoIterator<Item = &'a Counts>) -> Counts {
    let mut t = Counts::default();
    for c in all {
        t.add(c);
    }
    t
}
