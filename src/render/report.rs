//! The report and the plan itself as documents ([`Block`]s), and as Markdown (GitHub-flavoured,
//! pandoc-ready); the same blocks make the Word document and the web page ([`crate::export`]).
//!
//! Russian typography: dates «20 декабря 2026 г.», decimals with a comma «89,7 %», thousands with
//! a no-break space, plural forms by the number.

use chrono::NaiveDate;

use crate::deadline::PlanYear;
use crate::i18n::{self, Lang, plural};
use crate::model::Plan;
use crate::model::Status;
use crate::render::doc::{self, Block, Cell, Chart, Table};
use crate::report::{Category, Counts, PlanReport};
use crate::tr;
use crate::view;

/// Where the report comes from, for its footer (file, revision).
#[derive(Clone, Debug, Default)]
pub(crate) struct Provenance {
    /// «по плану plans/mosalsk-2026.toml», «коммит 3f2a1bc от 2026-12-18».
    pub(crate) lines: Vec<String>,
}

fn pct(lang: Lang, x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |v| i18n::percent(lang, v))
}

fn num(lang: Lang, x: Option<f64>) -> String {
    match x {
        None => "—".to_owned(),
        Some(v) if v.fract().abs() < 1e-9 && v.abs() < 1e15 => {
            let digits = i18n::group_thousands(lang, v.abs() as u64);
            if v < 0.0 {
                format!("−{digits}")
            } else {
                digits
            }
        }
        Some(v) => i18n::decimal(lang, v, 1),
    }
}

fn year_of(plan: &Plan, _: NaiveDate) -> PlanYear {
    plan.year
}

/// How the share is counted, under the summary table: the formula, and what is shown but not
/// counted.
fn share_note(r: &PlanReport<'_>, lang: Lang) -> String {
    let t = &r.total;
    let counted = plural(
        lang,
        t.counted as u64,
        ["мероприятие", "мероприятия", "мероприятий"],
        ["item", "items"],
    );
    let mut s = match lang {
        Lang::Ru => format!(
            "Выполнение — доля выполненного из мероприятий, срок которых приходится на период ({counted}), \
             пришёл этот срок к дате отчёта или нет: выполнено — 1, выполнено частично — 0,5, периодическое \
             мероприятие — доля его периодов с записью о выполнении, не выполненное — 0."
        ),
        Lang::En => format!(
            "Share done: of the items due in the period ({counted}), whether or not their due date has come \
             by the report's date: done counts 1, partly done 0.5, recurring work the share of its periods \
             with a progress entry, anything not done 0."
        ),
    };
    let outside = t.cancelled + t.postponed + t.outside;
    if outside > 0 {
        s.push(' ');
        s.push_str(&match lang {
            Lang::Ru => format!(
                "Показаны, но не учитываются: отменённые ({}), перенесённые за пределы периода ({}), \
                 по запросу и со сроком после периода ({}).",
                t.cancelled, t.postponed, t.outside
            ),
            Lang::En => format!(
                "Shown but not counted: cancelled ({}), postponed beyond the period ({}), on demand or due \
                 after the period ({}).",
                t.cancelled, t.postponed, t.outside
            ),
        });
    }
    if r.is_draft() {
        s.push(' ');
        s.push_str(&match lang {
            Lang::Ru => format!(
                "Период ещё не закончился: это черновик на {}; что не отмечено к его концу, останется невыполненным.",
                i18n::long_date(lang, r.as_of)
            ),
            Lang::En => format!(
                "The period has not ended: this is a draft as of {}; what is not recorded by its end stays not done.",
                i18n::long_date(lang, r.as_of)
            ),
        });
    }
    s
}

/// The heading words of a report; a draft (made before the period's end) says on which date.
pub(crate) fn title(r: &PlanReport<'_>, lang: Lang) -> String {
    let mut t = base_title(r, lang);
    if r.is_draft() {
        t.push_str(&match lang {
            Lang::Ru => format!(" (по состоянию на {})", i18n::day_month(lang, r.as_of)),
            Lang::En => format!(" (as of {})", i18n::long_date(lang, r.as_of)),
        });
    }
    t
}

fn base_title(r: &PlanReport<'_>, lang: Lang) -> String {
    let year = year_of(r.plan, r.period.to);
    let period = r.period.for_text(year, lang);
    match (lang, r.period.is_interim(year)) {
        (Lang::Ru, false) => format!(
            "Отчёт о деятельности муниципального опорного центра дополнительного образования детей {period}"
        ),
        (Lang::Ru, true) => format!(
            "Промежуточные итоги деятельности муниципального опорного центра дополнительного образования детей {period}"
        ),
        (Lang::En, false) => format!(
            "Activity report of the municipal support centre for children's supplementary education {period}"
        ),
        (Lang::En, true) => format!(
            "Interim results of the municipal support centre for children's supplementary education {period}"
        ),
    }
}

fn counts_row(label: String, c: &Counts, lang: Lang, bold: bool) -> Vec<Cell> {
    let mk = |t: String| if bold { Cell::bold(t) } else { Cell::plain(t) };
    vec![
        mk(label),
        mk(c.items.to_string()),
        mk(c.done.to_string()),
        mk(c.partly_done.to_string()),
        mk(c.not_done.to_string()),
        mk(c.postponed.to_string()),
        mk(c.cancelled.to_string()),
        mk(c.outside.to_string()),
        mk(pct(lang, c.share_done)),
    ]
}

fn plain_row(cells: Vec<String>) -> Vec<Cell> {
    cells.into_iter().map(Cell::plain).collect()
}

fn stamp(a: &crate::model::Approval, lang: Lang) -> Option<Block> {
    let mut lines: Vec<String> = Vec::new();
    lines.push(a.heading.clone().unwrap_or_default());
    for part in [&a.position, &a.name, &a.order].into_iter().flatten() {
        lines.push(part.clone());
    }
    if let Some(d) = a.date {
        lines.push(i18n::long_date(lang, d));
    }
    if lines.len() == 1 && lines[0].is_empty() {
        return None;
    }
    Some(Block::Stamp(lines))
}

/// The report of one plan as blocks; `level` is the heading level of its title (1 alone, 2 inside
/// a report of several plans).
pub(crate) fn plan_report_blocks(
    r: &PlanReport<'_>,
    as_of: NaiveDate,
    lang: Lang,
    level: usize,
    prov: &Provenance,
) -> Vec<Block> {
    report_blocks(r, as_of, lang, level, prov, true)
}

/// [`plan_report_blocks`]; without `charts` the pictures (which only the web page draws) are
/// left out — Markdown has no use for them.
fn report_blocks(
    r: &PlanReport<'_>,
    as_of: NaiveDate,
    lang: Lang,
    level: usize,
    prov: &Provenance,
    charts: bool,
) -> Vec<Block> {
    let mut b: Vec<Block> = Vec::new();
    let meta = &r.plan.meta;
    let year = year_of(r.plan, r.period.to);

    // the heading block as a methodist sends it
    if level == 1 {
        if let Some(s) = meta.approval.as_ref().and_then(|a| stamp(a, lang)) {
            b.push(s);
        }
        b.push(Block::Heading(level, title(r, lang)));
    } else {
        b.push(Block::Heading(level, view::plan_name(r.plan)));
    }
    let mut facts: Vec<Vec<(String, String)>> = Vec::new();
    if let Some(o) = &meta.organisation {
        facts.push(vec![(
            lang.pick("Организация:", "Organisation:").to_owned(),
            o.clone(),
        )]);
    }
    let place: Vec<&str> = [meta.municipality.as_deref(), meta.region.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !place.is_empty() {
        facts.push(vec![(
            lang.pick("Муниципалитет:", "Municipality:").to_owned(),
            place.join(", "),
        )]);
    }
    let mut generated = i18n::long_date(lang, as_of);
    if let Some(a) = &meta.approval
        && let Some(d) = a.date
    {
        generated.push_str(&format!(
            " ({} {})",
            lang.pick("по плану, утверждённому", "from the plan approved on"),
            i18n::long_date(lang, d)
        ));
    }
    facts.push(vec![
        (
            lang.pick("Период:", "Period:").to_owned(),
            r.period.span_text(lang),
        ),
        (
            lang.pick("Сформирован:", "Generated:").to_owned(),
            generated,
        ),
    ]);
    b.push(Block::Facts(facts));

    // 1. summary
    b.push(Block::Heading(
        level + 1,
        format!(
            "1. {}",
            lang.pick("Итоги выполнения плана", "Execution of the plan")
        ),
    ));
    let mut rows: Vec<Vec<Cell>> = r
        .sections
        .iter()
        .map(|sec| {
            counts_row(
                format!(
                    "{}. {}",
                    sec.section.number.trim_end_matches('.'),
                    sec.section.title
                ),
                &sec.counts,
                lang,
                false,
            )
        })
        .collect();
    rows.push(counts_row(
        lang.pick("Всего", "Total").to_owned(),
        &r.total,
        lang,
        true,
    ));
    b.push(Block::Table(Table {
        head: [
            lang.pick("Раздел", "Section"),
            lang.pick("Мероприятий", "Items"),
            lang.pick("Выполнено", "Done"),
            lang.pick("Частично", "Partly"),
            lang.pick("Не выполнено", "Not done"),
            lang.pick("Перенесено", "Postponed"),
            lang.pick("Отменено", "Cancelled"),
            lang.pick("Вне подсчёта", "Not counted"),
            lang.pick("Выполнение", "Share done"),
        ]
        .map(str::to_owned)
        .to_vec(),
        right: vec![false, true, true, true, true, true, true, true, true],
        rows,
    }));
    b.push(Block::Para(share_note(r, lang)));
    if charts {
        b.push(Block::Chart(Chart::Bars {
            title: lang
                .pick("Выполнение по разделам", "Share done by section")
                .to_owned(),
            bars: r
                .sections
                .iter()
                .map(|s| {
                    (
                        format!(
                            "{}. {}",
                            s.section.number.trim_end_matches('.'),
                            s.section.title
                        ),
                        s.counts.share_done,
                    )
                })
                .collect(),
        }));
        b.push(Block::Chart(Chart::Timeline {
            title: lang
                .pick(
                    "Год плана: срок каждого мероприятия",
                    "The plan's year: every item's window",
                )
                .to_owned(),
            from: r.period.from,
            to: r.period.to,
            // each occurrence as it stands at the report's date
            spans: r
                .sections
                .iter()
                .flat_map(|s| s.items.iter())
                .map(|i| crate::render::html::timeline_span(&i.row, r.plan.year, r.as_of, lang))
                .collect(),
        }));
    }

    // 2. the plan table per section
    b.push(Block::Heading(
        level + 1,
        format!(
            "2. {}",
            lang.pick("Выполнение мероприятий по разделам", "Items by section")
        ),
    ));
    for sec in &r.sections {
        b.push(Block::Heading(
            level + 2,
            format!(
                "{}. {}",
                sec.section.number.trim_end_matches('.'),
                sec.section.title
            ),
        ));
        b.push(Block::Table(Table {
            head: vec![
                "№".to_owned(),
                lang.pick("Мероприятие", "Activity").to_owned(),
                lang.pick("Срок", "Deadline").to_owned(),
                lang.pick("Ответственные", "Responsible").to_owned(),
                lang.pick("Результат исполнения", "Result").to_owned(),
            ],
            right: Vec::new(),
            rows: sec
                .items
                .iter()
                .map(|i| {
                    plain_row(vec![
                        i.row.item.number.to_string(),
                        i.row.item.title.clone(),
                        i.row.item.deadline_phrase.clone(),
                        i.row.item.responsible_names(&r.plan.roster).join(", "),
                        i.result.clone(),
                    ])
                })
                .collect(),
        }));
    }

    // 3. not done
    b.push(Block::Heading(
        level + 1,
        format!(
            "3. {}",
            lang.pick(
                "Невыполненные и перенесённые мероприятия",
                "Items not done or postponed"
            )
        ),
    ));
    let not_done = r.not_done();
    if not_done.is_empty() {
        b.push(Block::Para(
            lang.pick(
                "Все мероприятия периода выполнены.",
                "Every item of the period has been done.",
            )
            .to_owned(),
        ));
    } else {
        let rows = not_done
            .iter()
            .map(|i| {
                let item = i.row.item;
                let j = &i.judgement;
                let state = match j.category {
                    Category::Postponed => format!(
                        "{} {}",
                        lang.pick("перенесено на", "postponed to"),
                        crate::text::lower_first(
                            item.postponed_to.as_deref().unwrap_or("?").trim()
                        )
                    ),
                    Category::PartlyDone | Category::NotDone if j.periods.is_some() => {
                        let (c, t) = j.periods.unwrap_or_default();
                        format!(
                            "{} ({})",
                            j.category.label(lang),
                            tr!(lang, "{c} из {t} периодов", "{c} of {t} periods")
                        )
                    }
                    other if j.done_late => match item.done_on {
                        Some(on) => tr!(
                            lang,
                            "{} (выполнено позже: {})",
                            "{} (done later: {})",
                            other.label(lang),
                            crate::i18n::long_date(lang, on)
                        ),
                        None => other.label(lang).to_owned(),
                    },
                    other => other.label(lang).to_owned(),
                };
                let missed_reasons = item
                    .missed
                    .iter()
                    .filter(|m| m.period >= r.period.from && m.period <= r.period.to)
                    .map(|m| m.reason.trim().to_owned())
                    .collect::<Vec<_>>();
                let reason = item
                    .reason
                    .clone()
                    .or_else(|| (!missed_reasons.is_empty()).then(|| missed_reasons.join("; ")))
                    .or_else(|| {
                        (j.category == Category::PartlyDone && item.status == Status::PartlyDone)
                            .then(|| item.result.clone())
                            .flatten()
                    })
                    .unwrap_or_else(|| {
                        lang.pick("причина не указана", "no reason given")
                            .to_owned()
                    });
                plain_row(vec![
                    item.number.to_string(),
                    item.title.clone(),
                    item.deadline_phrase.clone(),
                    state,
                    reason,
                ])
            })
            .collect();
        b.push(Block::Table(Table {
            head: [
                "№",
                lang.pick("Мероприятие", "Activity"),
                lang.pick("Срок", "Deadline"),
                lang.pick("Состояние", "State"),
                lang.pick("Причина", "Reason"),
            ]
            .map(str::to_owned)
            .to_vec(),
            right: Vec::new(),
            rows,
        }));
    }

    // 4. indicators
    if !r.indicators.is_empty() {
        b.push(Block::Heading(
            level + 1,
            format!("4. {}", lang.pick("Показатели", "Indicators")),
        ));
        let (last, plan_h, fact_h) = match year {
            PlanYear::Calendar(py) => (
                (py - 1).to_string(),
                format!("{} {py}", lang.pick("План", "Target")),
                format!("{} {py}", lang.pick("Факт", "Actual")),
            ),
            PlanYear::Academic(_) => (
                lang.pick("Прошлый год", "Last year").to_owned(),
                lang.pick("План", "Target").to_owned(),
                lang.pick("Факт", "Actual").to_owned(),
            ),
        };
        let any_flag = r.indicators.iter().any(|i| i.stated_mismatch.is_some());
        let rows = r
            .indicators
            .iter()
            .map(|i| {
                let mut name = i.name.clone();
                if let (Some(n), Some(d)) = (i.numerator, i.denominator) {
                    name.push_str(&format!(" ({} {} {})", num(lang, Some(n)), lang.pick("из", "of"), num(lang, Some(d))));
                }
                let mut row = vec![name, i.unit.clone().unwrap_or_default(), num(lang, i.last_year), num(lang, i.target), num(lang, i.actual), pct(lang, i.fulfilment)];
                if any_flag {
                    row.push(i.stated_mismatch.map_or_else(String::new, |stated| match lang {
                        Lang::Ru => format!("расхождение: в плане указано {}, по числителю и знаменателю — {}", i18n::percent(lang, stated), pct(lang, i.actual)),
                        Lang::En => format!("mismatch: the plan states {}, the numerator and denominator give {}", i18n::percent(lang, stated), pct(lang, i.actual)),
                    }));
                }
                plain_row(row)
            })
            .collect();
        let mut head = vec![
            lang.pick("Показатель", "Indicator").to_owned(),
            lang.pick("Ед.", "Unit").to_owned(),
            last,
            plan_h,
            fact_h,
            lang.pick("Выполнение", "Fulfilment").to_owned(),
        ];
        let mut right = vec![false, false, true, true, true, true];
        if any_flag {
            head.push(lang.pick("Примечание", "Note").to_owned());
            right.push(false);
        }
        b.push(Block::Table(Table { head, right, rows }));
    }

    // 5. responsibles
    let n = if r.indicators.is_empty() { 4 } else { 5 };
    b.push(Block::Heading(
        level + 1,
        format!(
            "{n}. {}",
            lang.pick("Работа ответственных", "Work by responsible")
        ),
    ));
    b.push(Block::Table(Table {
        head: [
            lang.pick("Ответственный", "Responsible"),
            lang.pick("Мероприятий", "Items"),
            lang.pick("Выполнено", "Done"),
            lang.pick("Просрочено", "Overdue"),
        ]
        .map(str::to_owned)
        .to_vec(),
        right: vec![false, true, true, true],
        rows: r
            .responsibles
            .iter()
            .map(|p| {
                plain_row(vec![
                    p.name.clone(),
                    p.items.to_string(),
                    p.done.to_string(),
                    p.overdue.to_string(),
                ])
            })
            .collect(),
    }));
    if level == 1 {
        footer(&mut b, prov, lang);
    }
    b
}

fn footer(b: &mut Vec<Block>, prov: &Provenance, lang: Lang) {
    if prov.lines.is_empty() {
        return;
    }
    b.push(Block::Rule);
    b.push(Block::Para(format!(
        "{} {}",
        lang.pick("Сформировано программой moc", "Generated by moc"),
        prov.lines.join("; ")
    )));
}

/// The report of one plan as Markdown.
pub(crate) fn plan_report(
    r: &PlanReport<'_>,
    as_of: NaiveDate,
    lang: Lang,
    level: usize,
    prov: &Provenance,
) -> String {
    doc::markdown(&report_blocks(r, as_of, lang, level, prov, false))
}

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
    footer(&mut b, prov, lang);
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
    let mut s = String::new();
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
    let mut opening = String::new();
    doc::markdown_into(&mut opening, &multi_summary_blocks(heads, as_of, lang));
    let mut tail = String::new();
    let mut footer_blocks = Vec::new();
    footer(&mut footer_blocks, prov, lang);
    doc::markdown_into(&mut tail, &footer_blocks);
    let mut pieces = Vec::with_capacity(parts.len() + 2);
    pieces.push(opening);
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

/// The plan itself, as the document that is approved and signed: the approval stamp, the title,
/// the goal and tasks, and the table № | Мероприятие | Срок | Ответственные (plus the result
/// column with `with_result`).
pub(crate) fn plan_document_blocks(plan: &Plan, lang: Lang, with_result: bool) -> Vec<Block> {
    let mut b = Vec::new();
    let meta = &plan.meta;
    if let Some(s) = meta.approval.as_ref().and_then(|a| stamp(a, lang)) {
        b.push(s);
    }
    b.push(Block::Heading(1, meta.title.clone()));
    let mut sub: Vec<String> = Vec::new();
    if let Some(o) = &meta.organisation {
        sub.push(o.clone());
    }
    let place: Vec<&str> = [meta.municipality.as_deref(), meta.region.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !place.is_empty() {
        sub.push(place.join(", "));
    }
    if let Some(y) = meta.year {
        sub.push(match (y, lang) {
            (PlanYear::Calendar(y), Lang::Ru) => format!("на {y} год"),
            (PlanYear::Academic(_), Lang::Ru) => format!("на {y} учебный год"),
            (_, Lang::En) => format!("for {y}"),
        });
    }
    if !sub.is_empty() {
        b.push(Block::BoldLines(sub));
    }
    if let Some(g) = &meta.goal {
        b.push(Block::Labeled(
            lang.pick("Цель:", "Goal:").to_owned(),
            g.clone(),
        ));
    }
    if !meta.tasks.is_empty() {
        b.push(Block::BoldLines(vec![
            lang.pick("Задачи:", "Tasks:").to_owned(),
        ]));
        b.push(Block::Bullets(meta.tasks.clone()));
    }
    let mut head = vec![
        lang.pick("№ п/п", "No.").to_owned(),
        lang.pick("Мероприятие", "Activity").to_owned(),
        lang.pick("Срок", "Deadline").to_owned(),
        lang.pick("Ответственные", "Responsible").to_owned(),
    ];
    if with_result {
        head.push(lang.pick("Результат исполнения", "Result").to_owned());
    }
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for sec in &plan.sections {
        let number = sec.number.trim();
        let label = if number.is_empty() {
            sec.title.clone()
        } else {
            format!("{}. {}", number.trim_end_matches('.'), sec.title)
        };
        let mut row = vec![
            Cell::plain(""),
            Cell::bold(label),
            Cell::plain(""),
            Cell::plain(""),
        ];
        if with_result {
            row.push(Cell::plain(""));
        }
        rows.push(row);
        for item in &sec.items {
            let mut row = plain_row(vec![
                item.number.to_string(),
                item.title.clone(),
                item.deadline_phrase.clone(),
                item.responsible_phrase.clone(),
            ]);
            if with_result {
                row.push(Cell::plain(item.result.clone().unwrap_or_default()));
            }
            rows.push(row);
        }
    }
    b.push(Block::Table(Table {
        head,
        right: Vec::new(),
        rows,
    }));
    b
}

/// The plan document as Markdown.
pub(crate) fn plan_document(plan: &Plan, lang: Lang, with_result: bool) -> String {
    doc::markdown(&plan_document_blocks(plan, lang, with_result))
}
