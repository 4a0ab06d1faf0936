//! The report and the plan itself as Markdown documents (GitHub-flavoured, pandoc-ready).
//!
//! Russian typography: dates «20 декабря 2026 г.», decimals with a comma «89,7 %», thousands with
//! a no-break space, plural forms by the number. Every piece of plan text is escaped by
//! [`markdown::cell`] or [`markdown::text`], so no plan text can break a table.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::deadline::PlanYear;
use crate::i18n::{self, Lang, plural};
use crate::model::Plan;
use crate::render::markdown::{self, cell, table, text};
use crate::report::{Counts, PlanReport};
use crate::view;

/// Where the report comes from, for its footer (file, revision).
#[derive(Clone, Debug, Default)]
pub struct Provenance {
    /// «по плану plans/mosalsk-2026.toml» or a revision: «коммит 3f2a1bc от 18.12.2026».
    pub lines: Vec<String>,
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

fn year_of(plan: &Plan, fallback: NaiveDate) -> PlanYear {
    plan.meta.year_or(chrono::Datelike::year(&fallback))
}

/// The heading words of a report.
pub fn title(r: &PlanReport<'_>, lang: Lang) -> String {
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

fn counts_row(label: String, c: &Counts, lang: Lang, bold: bool) -> Vec<String> {
    let b = |s: String| {
        if bold && !s.is_empty() {
            format!("**{s}**")
        } else {
            s
        }
    };
    vec![
        b(label),
        b(c.items.to_string()),
        b(c.done.to_string()),
        b(c.partly_done.to_string()),
        b(c.not_done.to_string()),
        b(c.postponed.to_string()),
        b(c.cancelled.to_string()),
        b(c.ongoing.to_string()),
        b(pct(lang, c.share_done)),
    ]
}

/// The whole report of one plan; `level` is the heading level of its title (1 alone, 2 inside a
/// report of several plans).
pub fn plan_report(
    r: &PlanReport<'_>,
    as_of: NaiveDate,
    lang: Lang,
    level: usize,
    prov: &Provenance,
) -> String {
    let h = |n: usize| "#".repeat(level + n);
    let mut s = String::new();
    let meta = &r.plan.meta;
    let year = year_of(r.plan, r.period.to);

    // the heading block as a methodist sends it
    if level == 1 {
        if let Some(a) = &meta.approval {
            approval_block(&mut s, a, lang);
        }
        let _ = writeln!(s, "{} {}\n", h(0), text(&title(r, lang)));
    } else {
        let _ = writeln!(s, "{} {}\n", h(0), text(&view::plan_name(r.plan)));
    }
    let mut facts: Vec<String> = Vec::new();
    if let Some(o) = &meta.organisation {
        facts.push(format!(
            "**{}** {}",
            lang.pick("Организация:", "Organisation:"),
            text(o)
        ));
    }
    let place: Vec<&str> = [meta.municipality.as_deref(), meta.region.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !place.is_empty() {
        facts.push(format!(
            "**{}** {}",
            lang.pick("Муниципалитет:", "Municipality:"),
            text(&place.join(", "))
        ));
    }
    let mut when = format!(
        "**{}** {} · **{}** {}",
        lang.pick("Период:", "Period:"),
        r.period.span_text(lang),
        lang.pick("Сформирован:", "Generated:"),
        i18n::long_date(lang, as_of)
    );
    if let Some(a) = &meta.approval
        && let Some(d) = a.date
    {
        let _ = write!(
            when,
            " ({} {})",
            lang.pick("по плану, утверждённому", "from the plan approved on"),
            i18n::long_date(lang, d)
        );
    }
    facts.push(when);
    s.push_str(&facts.join("  \n"));
    s.push_str("\n\n");

    // 1. summary
    let _ = writeln!(
        s,
        "{} 1. {}\n",
        h(1),
        lang.pick("Итоги выполнения плана", "Execution of the plan")
    );
    let mut rows: Vec<Vec<String>> = r
        .sections
        .iter()
        .map(|sec| {
            counts_row(
                cell(&format!(
                    "{}. {}",
                    sec.section.number.trim_end_matches('.'),
                    sec.section.title
                )),
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
    table(
        &mut s,
        &[
            lang.pick("Раздел", "Section"),
            lang.pick("Мероприятий", "Items"),
            lang.pick("Выполнено", "Done"),
            lang.pick("Частично", "Partly"),
            lang.pick("Не выполнено", "Not done"),
            lang.pick("Перенесено", "Postponed"),
            lang.pick("Отменено", "Cancelled"),
            lang.pick("В работе", "Ongoing"),
            lang.pick("Выполнение", "Share done"),
        ],
        &[false, true, true, true, true, true, true, true, true],
        &rows,
    );
    let _ = writeln!(
        s,
        "\n{}\n",
        match lang {
            Lang::Ru => format!(
                "Выполнение — доля от мероприятий, срок которых наступил к {} ({}), и выполненных досрочно: \
                 выполнено — 1, выполнено частично — 0,5, периодическое мероприятие — доля периодов с отметкой о \
                 выполнении; отменённые мероприятия и мероприятия, срок которых не наступил, не учитываются.",
                i18n::long_date(lang, as_of),
                plural(
                    lang,
                    r.total.due as u64,
                    ["мероприятие", "мероприятия", "мероприятий"],
                    ["", ""]
                )
            ),
            Lang::En => format!(
                "Share done: of the items due by {} ({}) and those done early: done counts 1, partly done 0.5, \
                 recurring work the share of its periods with a progress entry; cancelled items and items not yet due \
                 do not count.",
                i18n::long_date(lang, as_of),
                plural(lang, r.total.due as u64, ["", "", ""], ["item", "items"])
            ),
        }
    );

    // 2. the plan table per section
    let _ = writeln!(
        s,
        "{} 2. {}\n",
        h(1),
        lang.pick("Выполнение мероприятий по разделам", "Items by section")
    );
    for sec in &r.sections {
        let _ = writeln!(
            s,
            "{} {}. {}\n",
            h(2),
            text(sec.section.number.trim_end_matches('.')),
            text(&sec.section.title)
        );
        let body: Vec<Vec<String>> = sec
            .items
            .iter()
            .map(|i| {
                vec![
                    cell(&i.row.item.number),
                    cell(&i.row.item.title),
                    cell(&i.row.item.deadline_phrase),
                    cell(&i.row.item.responsible_names(&r.plan.roster).join(", ")),
                    cell(&i.result),
                ]
            })
            .collect();
        table(
            &mut s,
            &[
                "№",
                lang.pick("Мероприятие", "Activity"),
                lang.pick("Срок", "Deadline"),
                lang.pick("Ответственные", "Responsible"),
                lang.pick("Результат исполнения", "Result"),
            ],
            &[],
            &body,
        );
        s.push('\n');
    }

    // 3. not done
    let _ = writeln!(
        s,
        "{} 3. {}\n",
        h(1),
        lang.pick(
            "Невыполненные и перенесённые мероприятия",
            "Items not done or postponed"
        )
    );
    let not_done = r.not_done();
    if not_done.is_empty() {
        let _ = writeln!(
            s,
            "{}\n",
            lang.pick(
                "Все мероприятия, срок которых наступил, выполнены.",
                "Every item due has been done."
            )
        );
    } else {
        let body: Vec<Vec<String>> = not_done
            .iter()
            .map(|i| {
                let item = i.row.item;
                let postponed_to = item
                    .postponed_to
                    .as_deref()
                    .filter(|_| i.category == crate::report::Category::Postponed);
                let state = if let Some(to) = postponed_to {
                    format!(
                        "{} {}",
                        lang.pick("перенесено на", "postponed to"),
                        cell(to)
                    )
                } else {
                    let late = i.row.eval.days_late.map(|n| match lang {
                        Lang::Ru => format!(
                            "просрочено на {}",
                            plural(lang, n.unsigned_abs(), ["день", "дня", "дней"], ["", ""])
                        ),
                        Lang::En => format!(
                            "{} late",
                            plural(lang, n.unsigned_abs(), ["", "", ""], ["day", "days"])
                        ),
                    });
                    let missed = view::missed_text(&i.row.eval, year, lang);
                    let detail: Vec<String> = [late, missed].into_iter().flatten().collect();
                    if detail.is_empty() {
                        i.category.label(lang).to_owned()
                    } else {
                        format!("{} ({})", i.category.label(lang), cell(&detail.join("; ")))
                    }
                };
                let reason = item
                    .reason
                    .as_deref()
                    .or(item.result.as_deref())
                    .map_or_else(
                        || {
                            lang.pick("причина не указана", "no reason given")
                                .to_owned()
                        },
                        cell,
                    );
                vec![
                    cell(&item.number),
                    cell(&item.title),
                    cell(&item.deadline_phrase),
                    state,
                    reason,
                ]
            })
            .collect();
        table(
            &mut s,
            &[
                "№",
                lang.pick("Мероприятие", "Activity"),
                lang.pick("Срок", "Deadline"),
                lang.pick("Состояние", "State"),
                lang.pick("Причина", "Reason"),
            ],
            &[],
            &body,
        );
        s.push('\n');
    }

    // 4. indicators
    if !r.indicators.is_empty() {
        let _ = writeln!(s, "{} 4. {}\n", h(1), lang.pick("Показатели", "Indicators"));
        let y = chrono::Datelike::year(&r.period.to);
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
        let _ = y;
        let any_flag = r.indicators.iter().any(|i| i.stated_mismatch.is_some());
        let body: Vec<Vec<String>> = r
            .indicators
            .iter()
            .map(|i| {
                let mut name = cell(&i.name);
                if let (Some(n), Some(d)) = (i.numerator, i.denominator) {
                    let _ = write!(
                        name,
                        " ({} {} {})",
                        num(lang, Some(n)),
                        lang.pick("из", "of"),
                        num(lang, Some(d))
                    );
                }
                let mut row = vec![
                    name,
                    cell(i.unit.as_deref().unwrap_or("")),
                    num(lang, i.last_year),
                    num(lang, i.target),
                    num(lang, i.actual),
                    pct(lang, i.fulfilment),
                ];
                if any_flag {
                    row.push(i.stated_mismatch.map_or_else(String::new, |stated| match lang {
                        Lang::Ru => format!(
                            "расхождение: в плане указано {}, по числителю и знаменателю — {}",
                            i18n::percent(lang, stated),
                            pct(lang, i.actual)
                        ),
                        Lang::En => format!(
                            "mismatch: the plan states {}, the numerator and denominator give {}",
                            i18n::percent(lang, stated),
                            pct(lang, i.actual)
                        ),
                    }));
                }
                row
            })
            .collect();
        let mut head = vec![
            lang.pick("Показатель", "Indicator"),
            lang.pick("Ед.", "Unit"),
            last.as_str(),
            plan_h.as_str(),
            fact_h.as_str(),
            lang.pick("Выполнение", "Fulfilment"),
        ];
        let mut right = vec![false, false, true, true, true, true];
        if any_flag {
            head.push(lang.pick("Примечание", "Note"));
            right.push(false);
        }
        table(&mut s, &head, &right, &body);
        s.push('\n');
    }

    // 5. responsibles
    let n = if r.indicators.is_empty() { 4 } else { 5 };
    let _ = writeln!(
        s,
        "{} {n}. {}\n",
        h(1),
        lang.pick("Работа ответственных", "Work by responsible")
    );
    let body: Vec<Vec<String>> = r
        .responsibles
        .iter()
        .map(|p| {
            vec![
                cell(&p.name),
                p.items.to_string(),
                p.done.to_string(),
                p.overdue.to_string(),
            ]
        })
        .collect();
    table(
        &mut s,
        &[
            lang.pick("Ответственный", "Responsible"),
            lang.pick("Мероприятий", "Items"),
            lang.pick("Выполнено", "Done"),
            lang.pick("Просрочено", "Overdue"),
        ],
        &[false, true, true, true],
        &body,
    );
    s.push('\n');
    if level == 1 {
        footer(&mut s, prov, lang);
    }
    s
}

fn approval_block(s: &mut String, a: &crate::model::Approval, lang: Lang) {
    let mut lines: Vec<String> = Vec::new();
    if let Some(h) = &a.heading {
        lines.push(format!("**{}**", text(h)));
    }
    for part in [&a.position, &a.name, &a.order].into_iter().flatten() {
        lines.push(text(part));
    }
    if let Some(d) = a.date {
        lines.push(i18n::long_date(lang, d));
    }
    if !lines.is_empty() {
        // a block quote keeps the lines together and sets them apart, as the stamp does on paper
        for l in &lines {
            let _ = writeln!(s, "> {l}  ");
        }
        s.push('\n');
    }
}

fn footer(s: &mut String, prov: &Provenance, lang: Lang) {
    if prov.lines.is_empty() {
        return;
    }
    let _ = writeln!(s, "---\n");
    let _ = writeln!(
        s,
        "{} {}",
        lang.pick("Сформировано программой moc", "Generated by moc"),
        prov.lines.join("; ")
    );
}

/// A report of several plans: a summary table, then each plan's report.
pub fn multi_report(
    reports: &[PlanReport<'_>],
    as_of: NaiveDate,
    lang: Lang,
    prov: &Provenance,
) -> String {
    let mut s = String::new();
    let period = reports.first().map(|r| r.period);
    let year = reports.first().map(|r| year_of(r.plan, r.period.to));
    let years_text = match (period, year) {
        (Some(p), Some(y)) => p.for_text(y, lang),
        _ => String::new(),
    };
    let n = plural(
        lang,
        reports.len() as u64,
        ["муниципалитету", "муниципалитетам", "муниципалитетам"],
        ["municipality", "municipalities"],
    );
    let _ = writeln!(
        s,
        "# {}\n",
        match lang {
            Lang::Ru => format!(
                "Отчёт о деятельности муниципальных опорных центров {years_text}: сводка по {n}"
            ),
            Lang::En => format!("Activity of the municipal support centres {years_text}: {n}"),
        }
    );
    let _ = writeln!(
        s,
        "**{}** {}\n",
        lang.pick("Сформирован:", "Generated:"),
        i18n::long_date(lang, as_of)
    );
    let _ = writeln!(s, "## {}\n", lang.pick("Сводка", "Summary"));
    let body: Vec<Vec<String>> = reports
        .iter()
        .map(|r| {
            vec![
                cell(&view::plan_name(r.plan)),
                r.total.items.to_string(),
                r.total.done.to_string(),
                pct(lang, r.total.share_done),
                r.total.overdue.to_string(),
            ]
        })
        .collect();
    let mut rows = body;
    let total = sum_counts(reports.iter().map(|r| &r.total));
    rows.push(vec![
        format!("**{}**", lang.pick("Всего", "Total")),
        format!("**{}**", total.items),
        format!("**{}**", total.done),
        format!("**{}**", pct(lang, total.share_done)),
        format!("**{}**", total.overdue),
    ]);
    table(
        &mut s,
        &[
            lang.pick("Муниципалитет", "Municipality"),
            lang.pick("Мероприятий", "Items"),
            lang.pick("Выполнено", "Done"),
            lang.pick("Выполнение", "Share done"),
            lang.pick("Просрочено", "Overdue"),
        ],
        &[false, true, true, true, true],
        &rows,
    );
    s.push('\n');
    for r in reports {
        s.push_str(&plan_report(r, as_of, lang, 2, &Provenance::default()));
    }
    footer(&mut s, prov, lang);
    s
}

/// Counts of several plans together (the share weighted by items due).
pub fn sum_counts<'a>(all: impl IntoIterator<Item = &'a Counts>) -> Counts {
    let mut t = Counts::default();
    let mut credit = 0.0;
    for c in all {
        t.items += c.items;
        t.done += c.done;
        t.partly_done += c.partly_done;
        t.not_done += c.not_done;
        t.postponed += c.postponed;
        t.cancelled += c.cancelled;
        t.ongoing += c.ongoing;
        t.overdue += c.overdue;
        t.due += c.due;
        credit += c.share_done.unwrap_or(0.0) / 100.0 * c.due as f64;
    }
    t.share_done = (t.due > 0).then(|| credit / t.due as f64 * 100.0);
    t
}

/// The plan itself, as the document that is approved and signed: the approval block, the title,
/// the goal and tasks, and the table № | Мероприятие | Срок | Ответственные (plus the result
/// column with `with_result`).
pub fn plan_document(plan: &Plan, lang: Lang, with_result: bool) -> String {
    let mut s = String::new();
    let meta = &plan.meta;
    if let Some(a) = &meta.approval {
        approval_block(&mut s, a, lang);
    }
    let _ = writeln!(s, "# {}\n", text(&meta.title));
    let mut sub: Vec<String> = Vec::new();
    if let Some(o) = &meta.organisation {
        sub.push(text(o));
    }
    let place: Vec<&str> = [meta.municipality.as_deref(), meta.region.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !place.is_empty() {
        sub.push(text(&place.join(", ")));
    }
    if let Some(y) = meta.year {
        sub.push(match (y, lang) {
            (PlanYear::Calendar(y), Lang::Ru) => format!("на {y} год"),
            (PlanYear::Academic(_), Lang::Ru) => format!("на {y} учебный год"),
            (_, Lang::En) => format!("for {y}"),
        });
    }
    if !sub.is_empty() {
        let _ = writeln!(
            s,
            "{}\n",
            sub.iter()
                .map(|l| format!("**{l}**"))
                .collect::<Vec<_>>()
                .join("  \n")
        );
    }
    if let Some(g) = &meta.goal {
        let _ = writeln!(s, "**{}** {}\n", lang.pick("Цель:", "Goal:"), text(g));
    }
    if !meta.tasks.is_empty() {
        let _ = writeln!(s, "**{}**\n", lang.pick("Задачи:", "Tasks:"));
        for t in &meta.tasks {
            let _ = writeln!(s, "- {}", markdown::cell(t));
        }
        s.push('\n');
    }
    let mut head = vec![
        lang.pick("№ п/п", "No."),
        lang.pick("Мероприятие", "Activity"),
        lang.pick("Срок", "Deadline"),
        lang.pick("Ответственные", "Responsible"),
    ];
    if with_result {
        head.push(lang.pick("Результат исполнения", "Result"));
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    for sec in &plan.sections {
        let number = sec.number.trim();
        let label = if number.is_empty() {
            format!("**{}**", cell(&sec.title))
        } else {
            format!(
                "**{}. {}**",
                cell(number.trim_end_matches('.')),
                cell(&sec.title)
            )
        };
        let mut row = vec![String::new(), label, String::new(), String::new()];
        if with_result {
            row.push(String::new());
        }
        rows.push(row);
        for item in &sec.items {
            let mut row = vec![
                cell(&item.number),
                cell(&item.title),
                cell(&item.deadline_phrase),
                cell(&item.responsible_phrase),
            ];
            if with_result {
                row.push(cell(item.result.as_deref().unwrap_or("")));
            }
            rows.push(row);
        }
    }
    table(&mut s, &head, &[], &rows);
    s
}
