//! `moc status`: where the year stands — a table per plan, a summary row per plan when there
//! are several, or the same as JSON, CSV or Markdown.

use std::io::Write;

use comfy_table::{Cell, CellAlignment, ColumnConstraint, Width};
use serde::Serialize;

use crate::cli::{ListFormat, StatusArgs};
use crate::commands::{Ctx, Exit, Io, Sink, Workspace, for_file, load_each_shown, rows_for};
use crate::evaluate::Summary;
use crate::i18n::{self, Lang, plural};
use crate::load::Loaded;
use crate::model::Plan;
use crate::render::{self, markdown};
use crate::text::{escape_controls, shorten};
use crate::view::{self, Filter, NamesSeen, Row};

pub fn run(args: &StatusArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    if matches!(args.format, ListFormat::Table | ListFormat::Markdown) {
        return plan_by_plan(args, ctx, io);
    }
    let Some(ws) = super::load_filtered(&args.paths, &args.filter, ctx, io)? else {
        return Ok(Exit::Failure);
    };
    let Some(rows) = rows_for(&ws, &args.filter.to_filter(), i64::from(args.soon), ctx, io)? else {
        return Ok(Exit::Failure);
    };
    let ctx = &*for_file(ctx, args.output.is_some());
    let mut sink = Sink::new(args.output.is_some(), args.format == ListFormat::Xlsx);
    {
        let out = sink.writer(&mut *io.out);
        match args.format {
            ListFormat::Xlsx => xlsx(&ws, &rows, ctx, out)?,
            ListFormat::Json => json(&ws, &rows, ctx, out)?,
            // (the table and Markdown are made plan by plan, above)
            ListFormat::Csv | ListFormat::Table | ListFormat::Markdown => {
                csv(&ws, &rows, ctx, out)?;
            }
        }
    }
    if !sink.finish_table(args.output.as_deref(), ctx, io)? {
        return Ok(Exit::Failure);
    }
    let exit = super::conclude(&ws, false, ctx, io)?;
    super::release(ctx, rows);
    super::release(ctx, ws);
    Ok(exit)
}

/// What the table (or Markdown) keeps of one plan: its summary row, which responsibles of the
/// filter it knows, and — for one plan or `--detail` — its table, rendered.
struct Part {
    row: PlanRow,
    names: NamesSeen,
    detail: Vec<u8>,
}

/// The table and Markdown forms, made plan by plan on the cores that read the plans: a region's
/// status never holds all its plans at once.
fn plan_by_plan(args: &StatusArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let filter = args.filter.to_filter();
    let soon = i64::from(args.soon);
    let out_ctx = &*for_file(ctx, args.output.is_some());
    let (year, at) = (args.filter.plan_year, args.filter.at.as_deref());
    let markdown = args.format == ListFormat::Markdown;
    let work = |detail: bool| {
        let filter = &filter;
        move |l: &Loaded| part(l, filter, soon, detail, markdown, out_ctx)
    };
    let Some(each) = load_each_shown(&args.paths, ctx, (year, at), args.detail, io, work)? else {
        return Ok(Exit::Failure);
    };
    let parts = each
        .plans
        .iter()
        .map(|d| {
            d.value
                .as_ref()
                .map_err(|e| std::io::Error::new(e.kind(), e.to_string()))
        })
        .collect::<Result<Vec<&Part>, _>>()?;
    let mut names = NamesSeen::default();
    let mut total = Summary::default();
    for p in &parts {
        names.merge(p.names.clone());
        total.add(&p.row.summary);
    }
    if let Some(e) = names.error(&filter, ctx.lang) {
        super::report_filter_error(&e, ctx, io)?;
        return Ok(Exit::Failure);
    }
    let multi = parts.len() > 1;
    let mut sink = Sink::new(args.output.is_some(), false);
    {
        let out = sink.writer(&mut *io.out);
        let rows: Vec<&PlanRow> = parts.iter().map(|p| &p.row).collect();
        if multi && markdown {
            let mut s = String::new();
            summary_markdown(&rows, out_ctx, &mut s);
            out.write_all(s.as_bytes())?;
        } else if multi {
            summary_table(&rows, &total, out_ctx, out)?;
        }
        for p in &parts {
            out.write_all(&p.detail)?;
        }
    }
    if !sink.finish_table(args.output.as_deref(), out_ctx, io)? {
        return Ok(Exit::Failure);
    }
    Ok(super::conclude_each(&each, false, ctx, io)?)
}

/// One plan's [`Part`].
fn part(
    l: &Loaded,
    filter: &Filter,
    soon: i64,
    detail: bool,
    markdown: bool,
    ctx: &Ctx,
) -> std::io::Result<Part> {
    let names = NamesSeen::of_loaded(l, filter);
    let plans = std::slice::from_ref(l);
    let rows = view::rows(plans, filter, ctx.as_of, soon);
    let row = plan_row(l, rows.iter().map(|r| &r.eval));
    let mut out = Vec::new();
    if detail && let Some(plan) = &l.plan {
        let mine: Vec<&Row<'_>> = rows.iter().collect();
        if markdown {
            let mut s = String::new();
            plan_markdown(l, plan, &mine, ctx, &mut s);
            out = s.into_bytes();
        } else {
            plan_table(l, plan, &mine, ctx, &mut out)?;
        }
    }
    Ok(Part {
        row,
        names,
        detail: out,
    })
}

/// «29 мероприятий · выполнено 3 · просрочено 11 · выполнение 15,0 % (от 14 с наступившим сроком)».
pub fn summary_line(s: &Summary, lang: Lang) -> String {
    let items = plural(
        lang,
        s.items as u64,
        ["мероприятие", "мероприятия", "мероприятий"],
        ["item", "items"],
    );
    let share = match s.share_done {
        Some(x) => match lang {
            Lang::Ru => format!(
                "выполнение {} (от {} с наступившим сроком)",
                i18n::percent(lang, x),
                plural(
                    lang,
                    s.due as u64,
                    ["мероприятия", "мероприятий", "мероприятий"],
                    ["", ""]
                )
            ),
            Lang::En => format!("{} done (of {} due)", i18n::percent(lang, x), s.due),
        },
        None => lang
            .pick("сроки ещё не наступили", "nothing is due yet")
            .to_owned(),
    };
    match lang {
        Lang::Ru => format!(
            "{items} · выполнено {} · частично {} · просрочено {} · скоро срок {} · {share}",
            s.done, s.partly_done, s.overdue, s.due_soon
        ),
        Lang::En => format!(
            "{items} · done {} · partly {} · overdue {} · due soon {} · {share}",
            s.done, s.partly_done, s.overdue, s.due_soon
        ),
    }
}

fn plan_heading(l: &Loaded, plan: &Plan) -> String {
    let mut h = escape_controls(&view::plan_name(plan), false);
    if let Some(y) = plan.meta.year {
        h.push_str(&format!(" · {y}"));
    }
    format!("{h} · {}", escape_controls(&l.source.name, false))
}

fn plan_table(
    l: &Loaded,
    plan: &Plan,
    mine: &[&Row<'_>],
    ctx: &Ctx,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = ctx.lang;
    writeln!(
        out,
        "{}",
        render::paint(&plan_heading(l, plan), "1", ctx.color)
    )?;
    if mine.is_empty() {
        writeln!(
            out,
            "{}\n",
            lang.pick(
                "(нет мероприятий, подходящих под условия)",
                "(no items match)"
            )
        )?;
        return Ok(());
    }
    // the result column only when some item has a result
    let with_result = mine.iter().any(|r| r.item.result.is_some());
    let mut t = render::table(ctx.width, ctx.color);
    let mut head = vec![
        render::header("№", ctx.color),
        render::header(lang.pick("Мероприятие", "Activity"), ctx.color),
        render::header(lang.pick("Срок", "Deadline"), ctx.color),
        render::header(lang.pick("Ответственные", "Responsible"), ctx.color),
        render::header(lang.pick("Состояние", "State"), ctx.color),
    ];
    if with_result {
        head.push(render::header(lang.pick("Результат", "Result"), ctx.color));
    }
    t.set_header(head);
    let mut last_section: Option<*const crate::model::Section> = None;
    for r in mine {
        let sp: *const crate::model::Section = r.section;
        if last_section != Some(sp) {
            last_section = Some(sp);
            let title = format!(
                "{} {}",
                lang.pick("Раздел", "Section"),
                crate::text::squash_spaces(&r.section.title)
            );
            let mut c = Cell::new(escape_controls(&title, false));
            if ctx.color {
                c = c.add_attribute(comfy_table::Attribute::Bold);
            }
            t.add_row(vec![
                Cell::new(escape_controls(&r.section.number, false)),
                c,
            ]);
        }
        let names = r.item.responsible_names(&plan.roster).join(", ");
        let detail = view::state_detail(&r.eval, plan_year(plan, ctx), lang);
        let result = r
            .item
            .result
            .as_deref()
            .map(|s| shorten(&crate::text::squash_spaces(s), 80))
            .unwrap_or_default();
        let mut cells = vec![
            render::text_cell(&r.item.number),
            render::text_cell(&r.item.title),
            render::text_cell(&r.item.deadline_phrase),
            render::text_cell(&names),
            render::state_cell(r.eval.state, detail, lang, ctx.color),
        ];
        if with_result {
            cells.push(render::text_cell(&result));
        }
        t.add_row(cells);
    }
    let mut constraints = vec![
        ColumnConstraint::LowerBoundary(Width::Fixed(4)),
        ColumnConstraint::LowerBoundary(Width::Percentage(30)),
        ColumnConstraint::UpperBoundary(Width::Percentage(16)),
        ColumnConstraint::UpperBoundary(Width::Percentage(16)),
        ColumnConstraint::UpperBoundary(Width::Percentage(20)),
    ];
    if with_result {
        constraints.push(ColumnConstraint::UpperBoundary(Width::Percentage(22)));
    }
    t.set_constraints(constraints);
    writeln!(out, "{t}")?;
    let s = Summary::of(mine.iter().map(|r| &r.eval));
    writeln!(out, "{}\n", summary_line(&s, lang))?;
    Ok(())
}

/// One row per plan.
struct PlanRow {
    name: String,
    year: String,
    file: String,
    summary: Summary,
    errors: usize,
}

fn plan_rows(ws: &Workspace, rows: &[Row<'_>]) -> Vec<PlanRow> {
    let grouped = view::by_plan(rows, ws.plans.len());
    ws.plans
        .iter()
        .zip(&grouped)
        .map(|(l, mine)| plan_row(l, mine.iter().map(|r| &r.eval)))
        .collect()
}

fn plan_row<'e>(l: &Loaded, evals: impl IntoIterator<Item = &'e crate::evaluate::Eval>) -> PlanRow {
    PlanRow {
        name: l.plan.as_ref().map(view::plan_name).unwrap_or_default(),
        year: l
            .plan
            .as_ref()
            .and_then(|p| p.meta.year)
            .map(|y| y.to_string())
            .unwrap_or_default(),
        file: l.source.name.clone(),
        summary: Summary::of(evals),
        errors: super::error_count(l),
    }
}

fn share(lang: Lang, s: &Summary) -> String {
    s.share_done
        .map_or_else(|| "—".to_owned(), |x| i18n::percent(lang, x))
}

fn summary_table(
    plan_rows: &[&PlanRow],
    total: &Summary,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = ctx.lang;
    let mut t = render::table(ctx.width, ctx.color);
    t.set_header(vec![
        render::header(lang.pick("Муниципалитет", "Municipality"), ctx.color),
        render::header(lang.pick("Год", "Year"), ctx.color),
        render::header(lang.pick("Всего", "Items"), ctx.color),
        render::header(lang.pick("Выполнено", "Done"), ctx.color),
        render::header(lang.pick("Просрочено", "Overdue"), ctx.color),
        render::header(lang.pick("Выполнение", "Share done"), ctx.color),
    ]);
    let name_width = plan_rows
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(10)
        .clamp(10, 32);
    t.set_constraints([
        ColumnConstraint::LowerBoundary(Width::Fixed(u16::try_from(name_width + 2).unwrap_or(16))),
        ColumnConstraint::ContentWidth,
        ColumnConstraint::ContentWidth,
        ColumnConstraint::ContentWidth,
        ColumnConstraint::ContentWidth,
    ]);
    for p in plan_rows {
        let overdue = Cell::new(p.summary.overdue).set_alignment(CellAlignment::Right);
        let overdue = if ctx.color && p.summary.overdue > 0 {
            overdue.fg(comfy_table::Color::Red)
        } else {
            overdue
        };
        let name = if p.errors > 0 {
            format!(
                "{} ({})",
                p.name,
                plural(
                    lang,
                    p.errors as u64,
                    ["ошибка", "ошибки", "ошибок"],
                    ["error", "errors"]
                )
            )
        } else {
            p.name.clone()
        };
        t.add_row(vec![
            render::text_cell(&name),
            Cell::new(&p.year),
            Cell::new(p.summary.items).set_alignment(CellAlignment::Right),
            Cell::new(p.summary.done).set_alignment(CellAlignment::Right),
            overdue,
            Cell::new(share(lang, &p.summary)).set_alignment(CellAlignment::Right),
        ]);
    }
    writeln!(out, "{t}")?;
    let plans = plural(
        lang,
        plan_rows.len() as u64,
        ["план", "плана", "планов"],
        ["plan", "plans"],
    );
    writeln!(out, "{plans}: {}\n", summary_line(total, lang))?;
    Ok(())
}

fn summary_markdown(plan_rows: &[&PlanRow], ctx: &Ctx, s: &mut String) {
    let lang = ctx.lang;
    let body: Vec<Vec<String>> = plan_rows
        .iter()
        .map(|p| {
            vec![
                markdown::cell(&p.name),
                p.year.clone(),
                p.summary.items.to_string(),
                p.summary.done.to_string(),
                p.summary.overdue.to_string(),
                share(lang, &p.summary),
                markdown::cell(&p.file),
            ]
        })
        .collect();
    markdown::table(
        s,
        &[
            lang.pick("Муниципалитет", "Municipality"),
            lang.pick("Год", "Year"),
            lang.pick("Мероприятий", "Items"),
            lang.pick("Выполнено", "Done"),
            lang.pick("Просрочено", "Overdue"),
            lang.pick("Выполнение", "Share done"),
            lang.pick("Файл", "File"),
        ],
        &[false, false, true, true, true, true, false],
        &body,
    );
    s.push('\n');
}

fn plan_markdown(l: &Loaded, plan: &Plan, mine: &[&Row<'_>], ctx: &Ctx, s: &mut String) {
    let lang = ctx.lang;
    s.push_str(&format!(
        "## {}\n\n",
        markdown::text(&plan_heading(l, plan))
    ));
    let body: Vec<Vec<String>> = mine
        .iter()
        .map(|r| {
            let state = match view::state_detail(&r.eval, plan_year(plan, ctx), lang) {
                Some(d) => format!("{} ({})", r.eval.state.label(lang), markdown::cell(&d)),
                None => r.eval.state.label(lang).to_owned(),
            };
            vec![
                markdown::cell(&r.item.number),
                markdown::cell(&r.item.title),
                markdown::cell(&r.item.deadline_phrase),
                markdown::cell(&r.item.responsible_names(&plan.roster).join(", ")),
                state,
                markdown::cell(r.item.result.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    markdown::table(
        s,
        &[
            "№",
            lang.pick("Мероприятие", "Activity"),
            lang.pick("Срок", "Deadline"),
            lang.pick("Ответственные", "Responsible"),
            lang.pick("Состояние", "State"),
            lang.pick("Результат", "Result"),
        ],
        &[],
        &body,
    );
    let summary = Summary::of(mine.iter().map(|r| &r.eval));
    s.push_str(&format!(
        "\n{}\n\n",
        markdown::text(&summary_line(&summary, lang))
    ));
}

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
    as_of: chrono::NaiveDate,
    plans: Vec<PlanJson>,
    items: Vec<view::ItemJson<'a>>,
}

fn json(ws: &Workspace, rows: &[Row<'_>], ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    let plans = plan_rows(ws, rows)
        .into_iter()
        .zip(&ws.plans)
        .map(|(p, l)| PlanJson {
            plan: p.file,
            municipality: l.plan.as_ref().and_then(|x| x.meta.municipality.clone()),
            year: (!p.year.is_empty()).then_some(p.year),
            errors: p.errors,
            summary: p.summary,
        })
        .collect();
    let items = rows
        .iter()
        .map(|r| view::item_json(r, &ws.plans[r.plan], ctx.lang))
        .collect();
    serde_json::to_writer_pretty(
        &mut *out,
        &StatusJson {
            as_of: ctx.as_of,
            plans,
            items,
        },
    )?;
    writeln!(out)?;
    Ok(())
}

/// The rows as an Excel workbook.
pub fn xlsx(
    ws: &Workspace,
    rows: &[Row<'_>],
    ctx: &Ctx,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    #[cfg(feature = "xlsx")]
    {
        out.write_all(&crate::export::xlsx::workbook(
            &ws.plans, rows, ctx.as_of, ctx.lang,
        )?)?;
        Ok(())
    }
    #[cfg(not(feature = "xlsx"))]
    {
        let _ = (ws, rows, out);
        anyhow::bail!(
            "{}",
            ctx.lang.pick(
                "moc собран без таблиц Excel (cargo feature «xlsx»)",
                "moc is built without Excel workbooks (cargo feature «xlsx»)"
            )
        )
    }
}

/// CSV is data: English column names and ids, one row per item.
pub fn csv(ws: &Workspace, rows: &[Row<'_>], ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
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
        let j = view::item_json(r, &ws.plans[r.plan], ctx.lang);
        let opt = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        w.write_record([
            j.plan.as_str(),
            j.section,
            j.id.as_str(),
            j.title,
            j.deadline.phrase,
            j.deadline
                .kind
                .map(crate::deadline::Kind::id)
                .unwrap_or_default(),
            &opt(j.deadline.start),
            &opt(j.deadline.end),
            &opt(j.deadline.due),
            &j.responsibles.join(", "),
            j.status,
            j.state.id(),
            &j.days_late.map(|d| d.to_string()).unwrap_or_default(),
            &j.missed
                .iter()
                .map(|m| m.label.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            j.result.unwrap_or_default(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// The plan's year (or the as-of year when the plan does not say).
fn plan_year(plan: &Plan, ctx: &Ctx) -> crate::deadline::PlanYear {
    plan.meta.year_or(chrono::Datelike::year(&ctx.as_of))
}
