//! `moc overdue`: what slipped, grouped by responsible, most days late first; with `--within N`
//! also what falls due in the next N days.

use std::collections::BTreeMap;
use std::io::Write;

use comfy_table::{Cell, CellAlignment, ColumnConstraint, Width};
use serde::Serialize;

use crate::cli::{ListFormat, OverdueArgs};
use crate::commands::{Ctx, Exit, Io, Sink, Workspace, for_file, load_each_shown, rows_for};
use crate::evaluate::State;
use crate::i18n::{self, Lang, plural};
use crate::load::Loaded;
use crate::model::Plan;
use crate::render::{self, markdown};
use crate::text::escape_controls;
use crate::view::{self, Filter, NamesSeen, Row};

/// A responsible (of one plan) and the rows that name them.
struct Group<'r, 'a> {
    responsible: String,
    /// The plan's name, when several plans are shown.
    plan: Option<String>,
    rows: Vec<&'r Row<'a>>,
}

fn groups<'r, 'a>(
    plans: &[Loaded],
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

pub fn run(args: &OverdueArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    if matches!(args.format, ListFormat::Table | ListFormat::Markdown) {
        return plan_by_plan(args, ctx, io);
    }
    let Some(ws) = super::load_filtered(&args.paths, &args.filter, ctx, io)? else {
        return Ok(Exit::Failure);
    };
    let soon = i64::from(args.within.unwrap_or(0));
    let Some(rows) = rows_for(&ws, &args.filter.to_filter(), soon, ctx, io)? else {
        return Ok(Exit::Failure);
    };
    let (overdue, upcoming) = late_and_soon(&rows, args.within.is_some());
    let multi = ws.plans.len() > 1;

    let ctx = &*for_file(ctx, args.output.is_some());
    let mut sink = Sink::new(args.output.is_some(), args.format == ListFormat::Xlsx);
    {
        let out = sink.writer(&mut *io.out);
        match args.format {
            ListFormat::Xlsx => {
                let all: Vec<Row<'_>> = overdue
                    .iter()
                    .chain(upcoming.iter())
                    .map(|r| clone_row(r))
                    .collect();
                super::status::xlsx(&ws, &all, ctx, out)?;
            }
            ListFormat::Json => json(&ws, &overdue, &upcoming, multi, ctx, out)?,
            // (the table and Markdown are made plan by plan, above)
            ListFormat::Csv | ListFormat::Table | ListFormat::Markdown => {
                let all: Vec<Row<'_>> = overdue
                    .iter()
                    .chain(upcoming.iter())
                    .map(|r| clone_row(r))
                    .collect();
                super::status::csv(&ws, &all, ctx, out)?;
            }
        }
    }
    if !sink.finish_table(args.output.as_deref(), ctx, io)? {
        return Ok(Exit::Failure);
    }
    let exit = super::conclude(&ws, args.fail && !overdue.is_empty(), ctx, io)?;
    drop((overdue, upcoming));
    super::release(ctx, rows);
    super::release(ctx, ws);
    Ok(exit)
}

/// One responsible's group of one plan, rendered, and what orders it among all the groups.
struct Rendered {
    items: usize,
    plan: Option<String>,
    responsible: String,
    text: Vec<u8>,
}

/// What the table (or Markdown) keeps of one plan: its groups of overdue (and, with `--within`,
/// upcoming) items, rendered, and which responsibles of the filter it knows.
struct Part {
    names: NamesSeen,
    overdue: usize,
    upcoming: usize,
    late: Vec<Rendered>,
    soon: Vec<Rendered>,
}

/// The table and Markdown forms, made plan by plan on the cores that read the plans; the groups
/// of all plans are then ordered as one list (most items first).
fn plan_by_plan(args: &OverdueArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let filter = args.filter.to_filter();
    let out_ctx = &*for_file(ctx, args.output.is_some());
    let (year, at) = (args.filter.plan_year, args.filter.at.as_deref());
    let markdown = args.format == ListFormat::Markdown;
    let work = |multi: bool| {
        let filter = &filter;
        move |l: &Loaded| part(l, filter, args.within, multi, markdown, out_ctx)
    };
    // several plans name their plan in each group; one plan shown whole does not
    let work = |whole: bool| work(!whole);
    let Some(mut each) = load_each_shown(&args.paths, ctx, (year, at), false, io, work)? else {
        return Ok(Exit::Failure);
    };
    let mut names = NamesSeen::default();
    let (mut overdue, mut upcoming) = (0, 0);
    let (mut late, mut soon) = (Vec::new(), Vec::new());
    for d in &mut each.plans {
        let p = std::mem::replace(
            &mut d.value,
            Ok(Part {
                names: NamesSeen::default(),
                overdue: 0,
                upcoming: 0,
                late: Vec::new(),
                soon: Vec::new(),
            }),
        )?;
        names.merge(p.names);
        overdue += p.overdue;
        upcoming += p.upcoming;
        late.extend(p.late);
        soon.extend(p.soon);
    }
    if let Some(e) = names.error(&filter, ctx.lang) {
        super::report_filter_error(&e, ctx, io)?;
        return Ok(Exit::Failure);
    }
    let order = |a: &Rendered, b: &Rendered| {
        b.items
            .cmp(&a.items)
            .then_with(|| a.plan.cmp(&b.plan))
            .then_with(|| a.responsible.cmp(&b.responsible))
    };
    late.sort_by(order);
    soon.sort_by(order);
    let mut sink = Sink::new(args.output.is_some(), false);
    {
        let out = sink.writer(&mut *io.out);
        let heading = |text: String| {
            if markdown {
                format!("## {}\n\n", markdown::text(&text))
            } else {
                format!("{}\n\n", render::paint(&text, "1", out_ctx.color))
            }
        };
        out.write_all(heading(title(overdue, out_ctx)).as_bytes())?;
        for g in &late {
            out.write_all(&g.text)?;
        }
        if let Some(n) = args.within {
            out.write_all(heading(upcoming_title(upcoming, n, out_ctx)).as_bytes())?;
            for g in &soon {
                out.write_all(&g.text)?;
            }
        }
    }
    if !sink.finish_table(args.output.as_deref(), out_ctx, io)? {
        return Ok(Exit::Failure);
    }
    Ok(super::conclude_each(
        &each,
        args.fail && overdue > 0,
        ctx,
        io,
    )?)
}

/// One plan's [`Part`].
fn part(
    l: &Loaded,
    filter: &Filter,
    within: Option<u32>,
    multi: bool,
    markdown: bool,
    ctx: &Ctx,
) -> std::io::Result<Part> {
    let lang = ctx.lang;
    let names = NamesSeen::of_loaded(l, filter);
    let plans = std::slice::from_ref(l);
    let rows = view::rows(plans, filter, ctx.as_of, i64::from(within.unwrap_or(0)));
    let (overdue, upcoming) = late_and_soon(&rows, within.is_some());
    let render = |rows: &[&Row<'_>], late: bool| -> std::io::Result<Vec<Rendered>> {
        groups(plans, rows, multi, lang)
            .into_iter()
            .map(|g| {
                let mut text = Vec::new();
                if markdown {
                    let mut s = String::new();
                    group_markdown(plans, &g, late, ctx, &mut s);
                    text = s.into_bytes();
                } else {
                    group_table(plans, &g, late, ctx, &mut text)?;
                }
                Ok(Rendered {
                    items: g.rows.len(),
                    plan: g.plan,
                    responsible: g.responsible,
                    text,
                })
            })
            .collect()
    };
    Ok(Part {
        names,
        overdue: overdue.len(),
        upcoming: upcoming.len(),
        late: render(&overdue, true)?,
        soon: render(&upcoming, false)?,
    })
}

/// The overdue rows, most days late first, and (`within`) the rows due soon, soonest first.
fn late_and_soon<'r, 'a>(
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

fn clone_row<'a>(r: &Row<'a>) -> Row<'a> {
    Row {
        plan: r.plan,
        section: r.section,
        item: r.item,
        eval: r.eval.clone(),
    }
}

fn title(n: usize, ctx: &Ctx) -> String {
    let lang = ctx.lang;
    let date = i18n::long_date(lang, ctx.as_of);
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

fn upcoming_title(n: usize, days: u32, ctx: &Ctx) -> String {
    let lang = ctx.lang;
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

fn group_table(
    plans: &[Loaded],
    g: &Group<'_, '_>,
    late: bool,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = ctx.lang;
    writeln!(
        out,
        "{}",
        render::paint(&group_heading(g, lang), "1", ctx.color)
    )?;
    let mut t = render::table(ctx.width, ctx.color);
    t.set_header(vec![
        render::header("№", ctx.color),
        render::header(lang.pick("Мероприятие", "Activity"), ctx.color),
        render::header(lang.pick("Срок", "Deadline"), ctx.color),
        render::header(lang.pick("Дней", "Days"), ctx.color),
        render::header(lang.pick("Пропущено", "Missed"), ctx.color),
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
        let missed = view::missed_text(&r.eval, plan_year(plan, ctx), lang)
            .map(|m| {
                m.split_once(": ")
                    .map_or(m.clone(), |(_, rest)| rest.to_owned())
            })
            .unwrap_or_default();
        let days_cell = Cell::new(days).set_alignment(CellAlignment::Right);
        let days_cell = if ctx.color && late {
            days_cell.fg(comfy_table::Color::Red)
        } else {
            days_cell
        };
        t.add_row(vec![
            render::text_cell(&r.item.number),
            render::text_cell(&r.item.title),
            render::text_cell(&r.item.deadline_phrase),
            days_cell,
            render::text_cell(&missed),
        ]);
    }
    t.set_constraints([
        ColumnConstraint::LowerBoundary(Width::Fixed(4)),
        ColumnConstraint::LowerBoundary(Width::Percentage(35)),
        ColumnConstraint::UpperBoundary(Width::Percentage(20)),
        ColumnConstraint::ContentWidth,
        ColumnConstraint::UpperBoundary(Width::Percentage(25)),
    ]);
    writeln!(out, "{t}\n")
}

fn group_markdown(plans: &[Loaded], g: &Group<'_, '_>, late: bool, ctx: &Ctx, s: &mut String) {
    let lang = ctx.lang;
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
                markdown::cell(
                    &view::missed_text(&r.eval, plan_year(plan, ctx), lang).unwrap_or_default(),
                ),
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

fn json(
    ws: &Workspace,
    overdue: &[&Row<'_>],
    upcoming: &[&Row<'_>],
    multi: bool,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let lang = ctx.lang;
    let by_responsible = groups(&ws.plans, overdue, multi, lang)
        .into_iter()
        .map(|g| ByResponsible {
            responsible: g.responsible,
            plan: g
                .rows
                .first()
                .map(|r| ws.plans[r.plan].source.name.clone())
                .unwrap_or_default(),
            items: g.rows.iter().map(|r| view::item_id(r.item)).collect(),
        })
        .collect();
    let doc = OverdueJson {
        as_of: ctx.as_of,
        overdue: overdue
            .iter()
            .map(|r| view::item_json(r, &ws.plans[r.plan], lang))
            .collect(),
        upcoming: upcoming
            .iter()
            .map(|r| view::item_json(r, &ws.plans[r.plan], lang))
            .collect(),
        by_responsible,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(())
}

/// The plan's year (or the as-of year when the plan does not say).
fn plan_year(plan: &Plan, ctx: &Ctx) -> crate::deadline::PlanYear {
    plan.meta.year_or(chrono::Datelike::year(&ctx.as_of))
}
