//! `moc overdue` on paper: what slipped, grouped by responsible, most days late first, as a
//! terminal table or Markdown per group, or all of it as JSON.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use super::{Look, markdown, terminal};
use crate::evaluate::State;
use crate::i18n::{self, Lang, plural};
use crate::load::Checked;
use crate::text::escape_controls;
use crate::view::{self, Row};

/// A responsible (of one plan) and the rows that name them.
pub(crate) struct Group<'r, 'a> {
    pub(crate) responsible: String,
    /// The plan's name, when several plans are shown.
    pub(crate) plan: Option<String>,
    pub(crate) rows: Vec<&'r Row<'a>>,
}

/// The rows by responsible (an item with two responsibles under both), the largest group first.
pub(crate) fn groups<'r, 'a>(
    plans: &[Checked],
    rows: &[&'r Row<'a>],
    multi: bool,
    lang: Lang,
) -> Vec<Group<'r, 'a>> {
    let mut map: BTreeMap<(usize, String), Vec<&'r Row<'a>>> = BTreeMap::new();
    for r in rows {
        let Some(plan) = plans[r.plan].plan.as_ref() else {
            continue;
        };
        let names = r.item.responsible_names(&plan.roster);
        if names.is_empty() {
            map.entry((
                r.plan,
                lang.pick("(без ответственного)", "(no responsible)")
                    .to_owned(),
            ))
            .or_default()
            .push(r);
        }
        for n in names {
            map.entry((r.plan, n.to_owned())).or_default().push(r);
        }
    }
    let mut out: Vec<Group<'r, 'a>> = map
        .into_iter()
        .map(|((pi, name), mut rows)| {
            rows.sort_by_key(|r| {
                (
                    std::cmp::Reverse(r.eval.days_late.unwrap_or(0)),
                    r.eval.days_left.unwrap_or(0),
                )
            });
            Group {
                responsible: name,
                plan: multi.then(|| {
                    plans[pi]
                        .plan
                        .as_ref()
                        .map(view::plan_name)
                        .unwrap_or_default()
                }),
                rows,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.rows
            .len()
            .cmp(&a.rows.len())
            .then_with(|| a.plan.cmp(&b.plan))
            .then_with(|| a.responsible.cmp(&b.responsible))
    });
    out
}

/// The overdue rows, most days late first, and (`within`) the rows due soon, soonest first.
pub(crate) fn late_and_soon<'r, 'a>(
    rows: &'r [Row<'a>],
    within: bool,
) -> (Vec<&'r Row<'a>>, Vec<&'r Row<'a>>) {
    let mut overdue: Vec<&Row<'_>> = rows
        .iter()
        .filter(|r| r.eval.state == State::Overdue)
        .collect();
    overdue.sort_by_key(|r| std::cmp::Reverse(r.eval.days_late.unwrap_or(0)));
    let mut upcoming: Vec<&Row<'_>> = if within {
        rows.iter()
            .filter(|r| r.eval.state == State::DueSoon)
            .collect()
    } else {
        Vec::new()
    };
    upcoming.sort_by_key(|r| r.eval.days_left.unwrap_or(0));
    (overdue, upcoming)
}

/// «Просрочено на 1 октября 2026 г.: 5 мероприятий».
pub(crate) fn title(n: usize, look: &Look) -> String {
    let lang = look.lang;
    let date = i18n::long_date(lang, look.as_of);
    match lang {
        Lang::Ru => {
            if n == 0 {
                format!("Просроченных мероприятий на {date} нет")
            } else {
                format!(
                    "Просрочено на {date}: {}",
                    plural(
                        lang,
                        n as u64,
                        ["мероприятие", "мероприятия", "мероприятий"],
                        ["", ""]
                    )
                )
            }
        }
        Lang::En => {
            if n == 0 {
                format!("Nothing is overdue on {date}")
            } else {
                format!(
                    "Overdue on {date}: {}",
                    plural(lang, n as u64, ["", "", ""], ["item", "items"])
                )
            }
        }
    }
}

/// «Срок наступит в ближайшие 14 дней: 2 мероприятия».
pub(crate) fn upcoming_title(n: usize, days: u32, lang: Lang) -> String {
    let d = plural(
        lang,
        u64::from(days),
        ["день", "дня", "дней"],
        ["day", "days"],
    );
    let items = plural(
        lang,
        n as u64,
        ["мероприятие", "мероприятия", "мероприятий"],
        ["item", "items"],
    );
    match lang {
        Lang::Ru => format!("Срок наступит в ближайшие {d}: {items}"),
        Lang::En => format!("Due in the next {d}: {items}"),
    }
}

/// A heading: bold on a terminal, `##` in Markdown.
pub(crate) fn heading(text: &str, markdown: bool, color: bool) -> String {
    if markdown {
        format!("## {}\n\n", markdown::text(text))
    } else {
        format!("{}\n\n", terminal::paint(text, terminal::BOLD, color))
    }
}

fn group_heading(g: &Group<'_, '_>, lang: Lang) -> String {
    let who = match &g.plan {
        Some(p) => format!("{} — {}", g.responsible, p),
        None => g.responsible.clone(),
    };
    format!(
        "{} ({})",
        escape_controls(&who, false),
        plural(
            lang,
            g.rows.len() as u64,
            ["мероприятие", "мероприятия", "мероприятий"],
            ["item", "items"]
        )
    )
}

/// One group as a terminal table.
pub(crate) fn group_table(
    plans: &[Checked],
    g: &Group<'_, '_>,
    late: bool,
    look: &Look,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let (lang, color) = (look.lang, look.color);
    writeln!(
        out,
        "{}",
        terminal::paint(&group_heading(g, lang), terminal::BOLD, color)
    )?;
    let mut t = terminal::Grid::new(look.width, color);
    t.header(&[
        "№",
        lang.pick("Мероприятие", "Activity"),
        lang.pick("Срок", "Deadline"),
        lang.pick("Дней", "Days"),
        lang.pick("Пропущено", "Missed"),
    ]);
    for r in &g.rows {
        let Some(plan) = plans[r.plan].plan.as_ref() else {
            continue;
        };
        let days = if late {
            r.eval.days_late
        } else {
            r.eval.days_left
        }
        .unwrap_or(0);
        let missed = view::missed_text(&r.eval, plan.year, lang)
            .map(|m| {
                m.split_once(": ")
                    .map_or(m.clone(), |(_, rest)| rest.to_owned())
            })
            .unwrap_or_default();
        let mut days_cell = terminal::Piece::number(days);
        if color && late {
            days_cell = days_cell.fg(comfy_table::Color::Red);
        }
        t.row(vec![
            terminal::Piece::text(&r.item.number),
            terminal::Piece::text(&r.item.title),
            terminal::Piece::text(&r.item.deadline_phrase),
            days_cell,
            terminal::Piece::text(&missed),
        ]);
    }
    let t = t.table();
    writeln!(out, "{t}\n")
}

/// One group in Markdown.
pub(crate) fn group_markdown(
    plans: &[Checked],
    g: &Group<'_, '_>,
    late: bool,
    lang: Lang,
    s: &mut String,
) {
    s.push_str(&format!(
        "### {}\n\n",
        markdown::text(&group_heading(g, lang))
    ));
    let body: Vec<Vec<String>> = g
        .rows
        .iter()
        .filter_map(|r| {
            let plan = plans[r.plan].plan.as_ref()?;
            let days = if late {
                r.eval.days_late
            } else {
                r.eval.days_left
            }
            .unwrap_or(0);
            Some(vec![
                markdown::cell(&r.item.number),
                markdown::cell(&r.item.title),
                markdown::cell(&r.item.deadline_phrase),
                days.to_string(),
                markdown::cell(&view::missed_text(&r.eval, plan.year, lang).unwrap_or_default()),
            ])
        })
        .collect();
    markdown::table(
        s,
        &[
            "№",
            lang.pick("Мероприятие", "Activity"),
            lang.pick("Срок", "Deadline"),
            if late {
                lang.pick("Дней просрочки", "Days late")
            } else {
                lang.pick("Дней до срока", "Days left")
            },
            lang.pick("Пропущено", "Missed"),
        ],
        &[false, false, false, true, false],
        &body,
    );
    s.push('\n');
}

#[derive(Serialize)]
struct ByResponsible {
    responsible: String,
    plan: String,
    items: Vec<String>,
}

#[derive(Serialize)]
struct OverdueJson<'a> {
    as_of: chrono::NaiveDate,
    overdue: Vec<view::ItemJson<'a>>,
    upcoming: Vec<view::ItemJson<'a>>,
    by_responsible: Vec<ByResponsible>,
}

/// Everything overdue (and upcoming) as JSON, with the groups by responsible.
pub(crate) fn json(
    plans: &[Checked],
    overdue: &[&Row<'_>],
    upcoming: &[&Row<'_>],
    look: &Look,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = look.lang;
    let multi = plans.len() > 1;
    let by_responsible = groups(plans, overdue, multi, lang)
        .into_iter()
        .map(|g| ByResponsible {
            responsible: g.responsible,
            plan: g
                .rows
                .first()
                .map(|r| plans[r.plan].source.name.clone())
                .unwrap_or_default(),
            items: g.rows.iter().map(|r| view::item_id(r.item)).collect(),
        })
        .collect();
    let doc = OverdueJson {
        as_of: look.as_of,
        overdue: overdue
            .iter()
            .map(|r| view::item_json(r, &plans[r.plan], lang))
            .collect(),
        upcoming: upcoming
            .iter()
            .map(|r| view::item_json(r, &plans[r.plan], lang))
            .collect(),
        by_responsible,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
