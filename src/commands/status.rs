//! `moc status`: where the year stands — a table per plan, a summary row per plan when there
//! are several, or the same as JSON, CSV, Markdown or an Excel workbook.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::args::{FilterArgs, ListFormat};
use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::app::output::{Sink, TABLE_WRITTEN};
use crate::evaluate::Summary;
use crate::load::Checked;
use crate::render::Look;
use crate::render::status::{self as r, PlanRow};
use crate::view::{self, Filter, NamesSeen, Row};

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "Где стоит год: состояние каждого мероприятия на дату",
        "Where the year stands: the state of every item at a date"
    ),
    long_about = t(
        "Где стоит год: состояние каждого мероприятия на дату\n\n\
Таблица по разделам: №, мероприятие, срок, ответственные, состояние, результат — и итог.\n\
По нескольким планам сначала строка на план; --detail добавляет таблицы.\n\n\
Примеры:\n  \
  moc status                              все планы в plans/ на сегодня\n  \
  moc status --as-of 2026-10-01\n  \
  moc status --responsible методист --state overdue\n  \
  moc status --month сентябрь --format markdown\n  \
  moc status plans/ --detail --format csv > состояние.csv\n  \
  moc status --format xlsx -o состояние.xlsx      таблица Excel",
        "Where the year stands: the state of every item at a date\n\n\
A table by section: number, activity, deadline, responsibles, state, result — and a summary.\n\
Over several plans a row per plan first; --detail adds the tables.\n\n\
Examples:\n  \
  moc status                              every plan in plans/, today\n  \
  moc status --as-of 2026-10-01\n  \
  moc status --responsible методист --state overdue\n  \
  moc status --month сентябрь --format markdown\n  \
  moc status plans/ --detail --format csv > status.csv\n  \
  moc status --format xlsx -o status.xlsx        an Excel workbook"
    )
)]
pub(crate) struct Args {
    #[arg(value_name = t("ПУТЬ", "PATH"), help = super::args::paths_help())]
    pub(crate) paths: Vec<PathBuf>,

    #[command(flatten)]
    pub(crate) filter: FilterArgs,

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

    #[arg(long, help = t(
        "По нескольким планам: после сводки — таблицы каждого плана",
        "Over several plans: each plan's table after the summary"
    ))]
    pub(crate) detail: bool,

    #[arg(
        long, default_value_t = 14, value_name = t("ДНЕЙ", "DAYS"),
        help = t("Сколько дней до срока считать «скоро срок»", "How many days before a due date count as «due soon»")
    )]
    pub(crate) soon: u32,
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
    let rows = view::build(
        &ws.plans,
        &args.filter.to_filter(ctx.lang)?,
        ctx.as_of,
        i64::from(args.soon),
    )
    .map_err(|e| CommandError::user(e.message(ctx.lang)))?;
    let inputs = ws.files();
    let mut sink = Sink::new(args.output.is_some(), format == ListFormat::Xlsx);
    {
        let out = sink.writer(&mut *io.out);
        match format {
            ListFormat::Xlsx => {
                let bytes = crate::render::items::xlsx(&ws.plans, &rows, ctx.as_of, ctx.lang)
                    .map_err(CommandError::user)?;
                out.write_all(&bytes)?;
            }
            ListFormat::Json => {
                crate::render::items::status_json(
                    ctx.settings.name.as_deref(),
                    &ws.plans,
                    &rows,
                    ctx.as_of,
                    ctx.lang,
                    out,
                )?;
            }
            // (the table and Markdown are made plan by plan, above)
            ListFormat::Csv | ListFormat::Table | ListFormat::Markdown => {
                crate::render::items::csv(&ws.plans, &rows, ctx.lang, out)?;
            }
        }
    }
    sink.finish(args.output.as_deref(), &inputs, TABLE_WRITTEN, ctx, io)?;
    let exit = super::conclude(&ws.failures, &ws.plans, false, ctx, io)?;
    ctx.release(rows);
    ctx.release(ws);
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
fn plan_by_plan(
    args: &Args,
    format: ListFormat,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> Result<Exit, CommandError> {
    let filter = args.filter.to_filter(ctx.lang)?;
    let soon = i64::from(args.soon);
    let out_ctx = &*ctx.for_file(args.output.is_some());
    let look = out_ctx.look();
    let markdown = format == ListFormat::Markdown;
    let work = |detail: bool| {
        let (filter, look) = (&filter, &look);
        move |c: Checked| part(&c, filter, soon, detail, markdown, look)
    };
    let each = super::read_shown(&args.paths, &args.filter.plans, args.detail, ctx, io, work)?;
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
    if let Some(e) = names.error(&filter) {
        return Err(CommandError::user(e.message(ctx.lang)));
    }
    let multi = parts.len() > 1;
    let mut sink = Sink::new(args.output.is_some(), false);
    {
        let out = sink.writer(&mut *io.out);
        let rows: Vec<&PlanRow> = parts.iter().map(|p| &p.row).collect();
        if multi && markdown {
            let mut s = String::new();
            r::summary_markdown(&rows, ctx.lang, &mut s);
            out.write_all(s.as_bytes())?;
        } else if multi {
            r::summary_table(&rows, &total, &look, out)?;
        }
        for p in &parts {
            out.write_all(&p.detail)?;
        }
    }
    let inputs = each.files();
    sink.finish(args.output.as_deref(), &inputs, TABLE_WRITTEN, out_ctx, io)?;
    super::conclude(&each.failures, &each.plans, false, ctx, io)
}

/// One plan's [`Part`].
fn part(
    c: &Checked,
    filter: &Filter,
    soon: i64,
    detail: bool,
    markdown: bool,
    look: &Look,
) -> std::io::Result<Part> {
    let names = NamesSeen::of_checked(c, filter);
    let plans = std::slice::from_ref(c);
    let rows = view::rows(plans, filter, look.as_of, soon);
    let row = PlanRow::of(c, rows.iter().map(|r| &r.eval));
    let mut out = Vec::new();
    if detail && let Some(plan) = &c.plan {
        let mine: Vec<&Row<'_>> = rows.iter().collect();
        if markdown {
            let mut s = String::new();
            r::plan_markdown(c, plan, &mine, look.lang, &mut s);
            out = s.into_bytes();
        } else {
            r::plan_table(c, plan, &mine, look, &mut out)?;
        }
    }
    Ok(Part {
        row,
        names,
        detail: out,
    })
}
