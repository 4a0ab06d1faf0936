//! The report of one plan: its title, the summary table with the note on how the share is
//! counted, the sections, and the signature.

use chrono::NaiveDate;

use super::{Provenance, footer, pct, plain_row, stamp, year_of};
use crate::deadline::PlanYear;
use crate::i18n::{self, Lang, plural};
use crate::model::Status;
use crate::render::doc::{self, Block, Cell, Chart, Table};
use crate::report::{Category, Counts, PlanReport};
use crate::tr;
use crate::view;

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
pub(super) fn report_blocks(
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
    let shown = prov.options(Some(r.plan));
    if level == 1 {
        if shown.approval()
            && let Some(s) = meta.approval.as_ref().and_then(|a| stamp(a, lang))
        {
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
        if let Some(s) = meta.signature.as_ref().and_then(|s| signature(s, lang)) {
            b.push(s);
        }
        if shown.footer() {
            footer(&mut b, prov, lang);
        }
    }
    b
}

/// The signature under the report: «position ____ name», «Исполнитель: …», «Тел.: …».
fn signature(s: &crate::model::Signature, lang: Lang) -> Option<Block> {
    let mut notes = Vec::new();
    if let Some(e) = &s.executor {
        notes.push(format!(
            "{} {}",
            lang.pick("Исполнитель:", "Prepared by:"),
            e.trim()
        ));
    }
    if let Some(p) = &s.phone {
        notes.push(format!("{} {}", lang.pick("Тел.:", "Phone:"), p.trim()));
    }
    let sig = doc::Signature {
        position: s.position.clone().unwrap_or_default(),
        name: s.name.clone().unwrap_or_default(),
        notes,
    };
    (sig != doc::Signature::default()).then_some(Block::Signature(sig))
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
