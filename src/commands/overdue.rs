//! `moc overdue`: what slipped, grouped by responsible, most days late first; with `--within N`
//! also what falls due in the next N days.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::args::{FilterArgs, ListFormat};
use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::app::output::{Sink, TABLE_WRITTEN};
use crate::load::Checked;
use crate::render::Look;
use crate::render::overdue as r;
use crate::view::{self, Filter, NamesSeen, Row};

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "Что просрочено: по ответственным, самое давнее первым",
        "What slipped: by responsible, most late first"
    ),
    long_about = t(
        "Что просрочено: по ответственным, самое давнее первым\n\n\
Мероприятие с двумя ответственными показано у обоих, а в итоге считается один раз.\n\
Код выхода 0; с --fail — 1, если что-то просрочено (для напоминания в CI или хуке).\n\n\
Примеры:\n  \
  moc overdue\n  \
  moc overdue --within 14          и что наступит в ближайшие 14 дней\n  \
  moc overdue --fail --format json",
        "What slipped: by responsible, most late first\n\n\
An item with two responsibles shows under both and counts once in the totals.\n\
Exit code 0; with --fail, 1 when anything is overdue (for a reminder in CI or a hook).\n\n\
Examples:\n  \
  moc overdue\n  \
  moc overdue --within 14          and what falls due in the next 14 days\n  \
  moc overdue --fail --format json"
    )
)]
pub(crate) struct Args {
    #[arg(value_name = t("ПУТЬ", "PATH"), help = super::args::paths_help())]
    pub(crate) paths: Vec<PathBuf>,

    #[command(flatten)]
    pub(crate) filter: FilterArgs,

    #[arg(
        long, value_name = t("ДНЕЙ", "DAYS"),
        help = t(
            "Добавить список того, что наступит в ближайшие N дней",
            "Add a list of what falls due in the next N days"
        )
    )]
    pub(crate) within: Option<u32>,

    #[arg(long, help = t("Код выхода 1, если что-то просрочено", "Exit code 1 when anything is overdue"))]
    pub(crate) fail: bool,

    #[arg(
        long, value_enum, value_name = t("ФОРМАТ", "FORMAT"),
        help = t(
            "Формат: table, json, csv, markdown, xlsx (таблица Excel); по умолчанию — по расширению -o \
             (.md .csv .json .xlsx .txt), иначе table",
            "Output format: table, json, csv, markdown, xlsx (an Excel workbook); default: by the \
             extension of -o (.md .csv .json .xlsx .txt), else table"
        )
    )]
    pub(crate) format: Option<ListFormat>,

    #[arg(
        short, long, value_name = t("ФАЙЛ", "FILE"),
        help = t(
            "Записать в файл (иначе — на экран); для xlsx — обязательно, если вывод не перенаправлен",
            "Write to a file (else to the screen); for xlsx required unless the output is redirected"
        )
    )]
    pub(crate) output: Option<PathBuf>,
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let format = super::args::list_format(args.format, args.output.as_deref(), ctx.lang)?;
    if matches!(format, ListFormat::Table | ListFormat::Markdown) {
        return plan_by_plan(args, format, ctx, io);
    }
    let at = args.filter.plans.at.as_deref();
    let ws = super::read_all(
        super::selection(&args.paths, at),
        args.filter.plans.year,
        ctx,
        io,
    )?;
    let soon = i64::from(args.within.unwrap_or(0));
    let rows = view::build(
        &ws.plans,
        &args.filter.to_filter(ctx.lang)?,
        ctx.as_of,
        soon,
    )
    .map_err(|e| CommandError::user(e.message(ctx.lang)))?;
    let (overdue, upcoming) = r::late_and_soon(&rows, args.within.is_some());
    let out_ctx = &*ctx.for_file(args.output.is_some());
    let look = out_ctx.look();
    let inputs = ws.files();
    let mut sink = Sink::new(args.output.is_some(), format == ListFormat::Xlsx);
    {
        let out = sink.writer(&mut *io.out);
        let all = overdue.iter().chain(upcoming.iter()).copied();
        match format {
            ListFormat::Xlsx => {
                let bytes = crate::render::items::xlsx(&ws.plans, all, ctx.as_of, ctx.lang)
                    .map_err(CommandError::user)?;
                out.write_all(&bytes)?;
            }
            ListFormat::Json => r::json(&ws.plans, &overdue, &upcoming, &look, out)?,
            // (the table and Markdown are made plan by plan, above)
            ListFormat::Csv | ListFormat::Table | ListFormat::Markdown => {
                crate::render::items::csv(&ws.plans, all, ctx.lang, out)?;
            }
        }
    }
    sink.finish(args.output.as_deref(), &inputs, TABLE_WRITTEN, out_ctx, io)?;
    let exit = super::conclude(
        &ws.failures,
        &ws.plans,
        args.fail && !overdue.is_empty(),
        ctx,
        io,
    )?;
    drop((overdue, upcoming));
    ctx.release(rows);
    ctx.release(ws);
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
#[derive(Default)]
struct Part {
    names: NamesSeen,
    overdue: usize,
    upcoming: usize,
    late: Vec<Rendered>,
    soon: Vec<Rendered>,
}

/// The table and Markdown forms, made plan by plan on the cores that read the plans; the groups
/// of all plans are then ordered as one list (most items first).
fn plan_by_plan(
    args: &Args,
    format: ListFormat,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> Result<Exit, CommandError> {
    let filter = args.filter.to_filter(ctx.lang)?;
    let out_ctx = &*ctx.for_file(args.output.is_some());
    let look = out_ctx.look();
    let markdown = format == ListFormat::Markdown;
    // several plans name their plan in each group; one plan shown whole does not
    let work = |whole: bool| {
        let (filter, look) = (&filter, &look);
        move |c: Checked| part(&c, filter, args.within, !whole, markdown, look)
    };
    let mut each = super::read_shown(&args.paths, &args.filter.plans, false, ctx, io, work)?;
    let mut names = NamesSeen::default();
    let (mut overdue, mut upcoming) = (0, 0);
    let (mut late, mut soon) = (Vec::new(), Vec::new());
    for d in &mut each.plans {
        let p = std::mem::replace(&mut d.value, Ok(Part::default()))?;
        names.merge(p.names);
        overdue += p.overdue;
        upcoming += p.upcoming;
        late.extend(p.late);
        soon.extend(p.soon);
    }
    if let Some(e) = names.error(&filter) {
        return Err(CommandError::user(e.message(ctx.lang)));
    }
    let order = |a: &Rendered, b: &Rendered| {
        b.items
            .cmp(&a.items)
            .then_with(|| a.plan.cmp(&b.plan))
            .then_with(|| a.responsible.cmp(&b.responsible))
    };
    late.sort_by(order);
    soon.sort_by(order);
    let inputs = each.files();
    let mut sink = Sink::new(args.output.is_some(), false);
    {
        let out = sink.writer(&mut *io.out);
        out.write_all(r::heading(&r::title(overdue, &look), markdown, look.color).as_bytes())?;
        for g in &late {
            out.write_all(&g.text)?;
        }
        if let Some(n) = args.within {
            let title = r::upcoming_title(upcoming, n, look.lang);
            out.write_all(r::heading(&title, markdown, look.color).as_bytes())?;
            for g in &soon {
                out.write_all(&g.text)?;
            }
        }
    }
    sink.finish(args.output.as_deref(), &inputs, TABLE_WRITTEN, out_ctx, io)?;
    super::conclude(
        &each.failures,
        &each.plans,
        args.fail && overdue > 0,
        ctx,
        io,
    )
}

/// One plan's [`Part`].
fn part(
    c: &Checked,
    filter: &Filter,
    within: Option<u32>,
    multi: bool,
    markdown: bool,
    look: &Look,
) -> std::io::Result<Part> {
    let names = NamesSeen::of_checked(c, filter);
    let plans = std::slice::from_ref(c);
    let rows = view::rows(plans, filter, look.as_of, i64::from(within.unwrap_or(0)));
    let (overdue, upcoming) = r::late_and_soon(&rows, within.is_some());
    let render = |rows: &[&Row<'_>], late: bool| -> std::io::Result<Vec<Rendered>> {
        r::groups(plans, rows, multi, look.lang)
            .into_iter()
            .map(|g| {
                let mut text = Vec::new();
                if markdown {
                    let mut s = String::new();
                    r::group_markdown(plans, &g, late, look.lang, &mut s);
                    text = s.into_bytes();
                } else {
                    r::group_table(plans, &g, late, look, &mut text)?;
                }
                // kept until every plan is read: no more room than it fills, so that the room
                // a plan's reading freed is taken again by the next (not new pages)
                text.shrink_to_fit();
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
