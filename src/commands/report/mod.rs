//! `moc report`: the activity report for the plan's year or any period, as Markdown, a Word
//! document, a web page or the same figures as JSON.

mod region;

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use super::args::PlanArgs;
use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::app::output::{REPORT_WRITTEN, emit};
use crate::deadline::PlanYear;
use crate::load::Checked;
use crate::model::ReportOptions;
use crate::render::doc;
use crate::render::report::{
    Provenance, ReportHead, multi_document, multi_report, multi_report_blocks, multi_title,
    plan_part, plan_report, plan_report_blocks, title,
};
use crate::report::{self, Period};
use crate::tr;
use crate::view::{self, Filter};
use crate::workspace::Workspace;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "Отчёт о деятельности МОЦ: Markdown, Word, веб-страница — за год плана или любой период",
        "The activity report of the МОЦ: Markdown, Word, a web page — for the plan's year or any period"
    ),
    long_about = t(
        "Отчёт о деятельности МОЦ: Markdown, Word, веб-страница — за год плана или любой период\n\n\
Итоги по разделам, таблица мероприятий с результатом исполнения, невыполненное с причинами,\n\
показатели, работа ответственных. По нескольким планам — сводка и отчёт каждого.\n\
Сразу документом Word (Times New Roman, таблицы с рамками) или веб-страницей с диаграммами.\n\n\
Примеры:\n  \
  moc report --as-of 2026-12-20 -o отчёт-2026.md\n  \
  moc report --format docx -o отчёт-2026.docx\n  \
  moc report --format html -o отчёт-2026.html   одна страница: отчёт и диаграммы\n  \
  moc report --half 1                      промежуточные итоги за I полугодие\n  \
  moc report --quarter 3\n  \
  moc report plans/ --format json",
        "The activity report of the МОЦ: Markdown, Word, a web page — for the plan's year or any period\n\n\
Totals by section, the table of items with their results, what was not done and why,\n\
indicators, the work of each responsible. Over several plans a summary and each plan's report.\n\
Straight to a Word document (Times New Roman, bordered tables) or a web page with charts.\n\n\
Examples:\n  \
  moc report --as-of 2026-12-20 -o report-2026.md\n  \
  moc report --format docx -o report-2026.docx\n  \
  moc report --format html -o report-2026.html   one page: the report and charts\n  \
  moc report --half 1                      interim results for the first half-year\n  \
  moc report --quarter 3\n  \
  moc report plans/ --format json"
    )
)]
pub(crate) struct Args {
    #[arg(value_name = t("ПУТЬ", "PATH"), help = super::args::paths_help())]
    pub(crate) paths: Vec<PathBuf>,

    #[arg(
        short, long, value_name = t("ФАЙЛ", "FILE"),
        help = t("Записать отчёт в файл (иначе — на экран)", "Write the report to a file (else to the screen)")
    )]
    pub(crate) output: Option<PathBuf>,

    #[arg(
        long, value_parser = clap::value_parser!(u32).range(1..=4),
        conflicts_with_all = ["half", "month", "from", "to"],
        value_name = t("КВАРТАЛ", "QUARTER"),
        help = t("Отчёт за квартал 1–4 года плана", "A report for quarter 1–4 of the plan's year")
    )]
    pub(crate) quarter: Option<u32>,

    #[arg(
        long, value_parser = clap::value_parser!(u32).range(1..=2),
        conflicts_with_all = ["month", "from", "to"],
        value_name = t("ЧИСЛО", "N"),
        help = t(
            "Отчёт за полугодие 1–2 (промежуточные итоги — за первое)",
            "A report for half-year 1–2 (interim results: the first)"
        )
    )]
    pub(crate) half: Option<u32>,

    #[arg(
        long, value_parser = super::args::parse_month_arg, conflicts_with_all = ["from", "to"],
        value_name = t("МЕСЯЦ", "MONTH"),
        help = t("Отчёт за месяц: 9, сентябрь, 2026-09", "A report for a month: 9, September, 2026-09")
    )]
    pub(crate) month: Option<(Option<i32>, u32)>,

    #[arg(
        long, value_parser = super::args::parse_date, value_name = t("ДАТА", "DATE"),
        help = t("Начало периода отчёта (ГГГГ-ММ-ДД)", "Start of the report's period (YYYY-MM-DD)")
    )]
    pub(crate) from: Option<NaiveDate>,

    #[arg(
        long, value_parser = super::args::parse_date, value_name = t("ДАТА", "DATE"),
        help = t("Конец периода отчёта (ГГГГ-ММ-ДД)", "End of the report's period (YYYY-MM-DD)")
    )]
    pub(crate) to: Option<NaiveDate>,

    #[arg(
        long, value_enum, value_name = t("ФОРМАТ", "FORMAT"),
        help = t(
            "Формат: markdown, json (те же цифры данными), docx (документ Word), html (страница с \
             диаграммами); по умолчанию — по расширению -o (.md .json .docx .html), иначе markdown",
            "Format: markdown, json (the same figures as data), docx (a Word document), html (a page \
             with charts); default: by the extension of -o (.md .json .docx .html), else markdown"
        )
    )]
    pub(crate) format: Option<Format>,

    #[arg(
        long,
        help = t(
            "Без строки «Сформировано программой moc … коммит …» в конце отчёта (или в плане и \
             moc.toml: [report] footer = false)",
            "Without the line «Generated by moc … commit …» at the end (or in the plan and \
             moc.toml: [report] footer = false)"
        )
    )]
    pub(crate) no_footer: bool,

    #[arg(
        long,
        help = t(
            "Без грифа «Утверждено» над заголовком отчёта (или в плане и moc.toml: [report] \
             approval = false)",
            "Without the approval block above the title (or in the plan and moc.toml: [report] \
             approval = false)"
        )
    )]
    pub(crate) no_approval: bool,

    #[command(flatten)]
    pub(crate) plans: PlanArgs,
}

impl Args {
    /// Where the report comes from (`lines`), and what the flags and `moc.toml` ask it to show.
    fn provenance(&self, lines: Vec<String>, ctx: &Ctx) -> Provenance {
        Provenance {
            lines,
            flags: ReportOptions {
                footer: self.no_footer.then_some(false),
                approval: self.no_approval.then_some(false),
            },
            region: ctx.settings.report,
        }
    }
}

/// Output formats of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Markdown,
    Json,
    /// A Word document (needs -o or a redirect)
    Docx,
    /// One self-contained web page with charts
    Html,
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    super::args::check_period(args.from, args.to, ctx.lang)?;
    let format = super::args::format_for(
        args.format,
        args.output.as_deref(),
        &[
            ("md", Format::Markdown),
            ("markdown", Format::Markdown),
            ("json", Format::Json),
            ("docx", Format::Docx),
            ("html", Format::Html),
            ("htm", Format::Html),
        ],
        Format::Markdown,
        ctx.lang,
    )?;
    if !super::one_file(&args.paths)
        && let Some(exit) = region::run(args, format, ctx, io)?
    {
        return Ok(exit);
    }
    if format == Format::Markdown && !super::one_file(&args.paths) {
        return plan_by_plan(args, ctx, io);
    }
    let at = args.plans.at.as_deref();
    let ws = super::read_all(super::selection(&args.paths, at), args.plans.year, ctx, io)?;
    whole(args, format, ws, ctx, io)
}

/// The period the report covers, for a plan of `year`.
fn period_of(args: &Args, year: PlanYear) -> Period {
    Period::resolve(
        year,
        args.quarter,
        args.half,
        args.month,
        args.from,
        args.to,
    )
}

/// The Markdown report, made plan by plan on the cores that read the plans (each plan's part is
/// rendered there and the plan dropped): a region's report holds the document, not the region.
/// One plan gets the report of one plan ([`whole`]).
fn plan_by_plan(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let lang = ctx.lang;
    let work = |c: Checked| {
        let plans = std::slice::from_ref(&c);
        let rows = view::rows(plans, &Filter::default(), ctx.as_of, 14);
        let reports = report::build_each(plans, rows, |y| period_of(args, y), ctx.as_of, lang);
        reports
            .first()
            .map(|r| (ReportHead::of(r, lang), plan_part(r, ctx.as_of, lang)))
    };
    let at = args.plans.at.as_deref();
    let mut each = super::read_each(
        super::selection(&args.paths, at),
        args.plans.year,
        ctx,
        io,
        work,
    )?;
    if each.plans.iter().filter(|d| d.value.is_some()).count() < 2 {
        // one plan (or none that reads): read again, for the report of one plan
        let paths: Vec<PathBuf> = each.plans.iter().map(|d| d.path.clone()).collect();
        let mut ws = if paths.is_empty() {
            Workspace {
                plans: Vec::new(),
                failures: Vec::new(),
            }
        } else {
            super::read_all(super::selection(&paths, at), args.plans.year, ctx, io)?
        };
        ws.failures.splice(0..0, each.failures);
        return whole(args, Format::Markdown, ws, ctx, io);
    }
    let mut heads = Vec::with_capacity(each.plans.len());
    let mut parts = Vec::with_capacity(each.plans.len());
    let mut lines = Vec::with_capacity(each.plans.len() + 1);
    for d in &mut each.plans {
        if let Some((head, part)) = d.value.take() {
            heads.push(head);
            parts.push(part);
            lines.push(tr!(lang, "по плану {}", "from the plan {}", d.name));
        }
    }
    lines.extend(revision_line(args, ctx));
    let prov = args.provenance(lines, ctx);
    let document = multi_document(&heads, parts, ctx.as_of, lang, &prov);
    let waiting: usize = heads.iter().map(|h| h.without_result).sum();
    let plans_waiting = heads.iter().filter(|h| h.without_result > 0).count();
    let inputs = each.files();
    emit(
        args.output.as_deref(),
        &document.as_bytes(),
        false,
        &inputs,
        REPORT_WRITTEN,
        ctx,
        io,
    )?;
    if waiting > 0 {
        writeln!(
            io.err,
            "{}",
            tr!(
                lang,
                "заметка: мероприятий без результата — {waiting} (в планах: {plans_waiting}); список по плану: moc report ПЛАН",
                "note: {waiting} items have no result yet (in {plans_waiting} plans); each plan's list: moc report PLAN"
            )
        )?;
    }
    let exit = super::conclude(&each.failures, &each.plans, false, ctx, io)?;
    ctx.release((document, each));
    Ok(exit)
}

/// The report from plans loaded whole: one plan's report, or any format.
fn whole(
    args: &Args,
    format: Format,
    ws: Workspace,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> Result<Exit, CommandError> {
    let lang = ctx.lang;
    if ws.plans.iter().all(|c| c.plan.is_none()) {
        super::say_plan_errors(&ws.plans, ctx, io)?;
        if ws.failures.is_empty() && ws.plans.is_empty() {
            return Err(CommandError::user(
                lang.pick("планов не найдено", "no plans found"),
            ));
        }
        return Err(CommandError::reported());
    }
    // the same "due soon" horizon as `moc status`, so that every row agrees with it
    let rows = view::rows(&ws.plans, &Filter::default(), ctx.as_of, 14);
    let reports = report::build_each(
        &ws.plans,
        rows,
        |year| period_of(args, year),
        ctx.as_of,
        lang,
    );
    let mut lines: Vec<String> = reports
        .iter()
        .map(|r| {
            tr!(
                lang,
                "по плану {}",
                "from the plan {}",
                r.checked.source.name
            )
        })
        .collect();
    lines.extend(revision_line(args, ctx));
    let prov = args.provenance(lines, ctx);
    let blocks = || {
        if reports.len() == 1 {
            plan_report_blocks(&reports[0], ctx.as_of, lang, 1, &prov)
        } else {
            multi_report_blocks(&reports, ctx.as_of, lang, &prov)
        }
    };
    let doc_title = || {
        if reports.len() == 1 {
            title(&reports[0], lang)
        } else {
            let heads: Vec<ReportHead> = reports.iter().map(|r| ReportHead::of(r, lang)).collect();
            multi_title(&heads, lang)
        }
    };
    let bytes: Vec<u8> = match format {
        Format::Markdown => if reports.len() == 1 {
            plan_report(&reports[0], ctx.as_of, lang, 1, &prov)
        } else {
            multi_report(&reports, ctx.as_of, lang, &prov)
        }
        .into_bytes(),
        Format::Json => crate::render::report_json::json(&reports, ctx.as_of, lang).into_bytes(),
        Format::Html => crate::render::html::page(&blocks(), &doc_title(), lang).into_bytes(),
        Format::Docx => docx(
            &blocks(),
            &doc_title(),
            author(&reports, ctx).as_deref(),
            ctx,
        )?,
    };
    write(args, format, &[&bytes], &ws.files(), ctx, io)?;
    if reports.len() == 1 {
        say_without_result(&reports[0], ctx, io)?;
    }
    let exit = super::conclude(&ws.failures, &ws.plans, false, ctx, io)?;
    ctx.release((bytes, reports));
    ctx.release(ws);
    Ok(exit)
}

/// The report to `-o` (never over one of `inputs`, the plans read) or to the screen.
fn write(
    args: &Args,
    format: Format,
    pieces: &[&[u8]],
    inputs: &[PathBuf],
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> Result<(), CommandError> {
    emit(
        args.output.as_deref(),
        pieces,
        format == Format::Docx,
        inputs,
        REPORT_WRITTEN,
        ctx,
        io,
    )
}

/// On standard error: the items of the report with nothing recorded yet, each with the command
/// that records it — a draft is finished by running them.
fn say_without_result(
    r: &crate::report::PlanReport<'_>,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> std::io::Result<()> {
    let lang = ctx.lang;
    let items = r.without_result();
    if items.is_empty() {
        return Ok(());
    }
    let end = crate::i18n::long_date(lang, r.period.to);
    let n = crate::i18n::plural(
        lang,
        items.len() as u64,
        ["мероприятие", "мероприятия", "мероприятий"],
        ["item", "items"],
    );
    if r.is_draft() {
        writeln!(
            io.err,
            "{}",
            tr!(
                lang,
                "заметка: это черновик — период кончается {end}; без результата пока {n}:",
                "note: this is a draft — the period ends on {end}; {n} have no result yet:"
            )
        )?;
    } else {
        writeln!(
            io.err,
            "{}",
            tr!(
                lang,
                "заметка: без результата {n}:",
                "note: {n} have no result:"
            )
        )?;
    }
    let year = r.plan.year;
    for i in items {
        let item = i.row.item;
        let id = item.number.id();
        let title = crate::text::escape_controls(
            &crate::text::shorten(&crate::text::squash_spaces(&item.title), 50),
            false,
        );
        let how = match i.judgement.periods {
            Some(_) => {
                let first = item
                    .effective_deadline()
                    .and_then(|d| {
                        d.occurrences
                            .iter()
                            .filter(|o| o.due >= r.period.from && o.due <= r.period.to)
                            .find(|o| !crate::evaluate::covered(item, o, r.period.to))
                    })
                    .map(|o| crate::text::lower_first(&o.label(lang, year)))
                    .unwrap_or_default();
                tr!(
                    lang,
                    "moc progress {id} \"что сделано\" --for {first}  или  moc note {id} \"причина\" --for {first}",
                    "moc progress {id} \"what was done\" --for {first}  or  moc note {id} \"the reason\" --for {first}"
                )
            }
            None => tr!(
                lang,
                "moc done {id} --result \"…\"  или  moc note {id} \"причина\"",
                "moc done {id} --result \"…\"  or  moc note {id} \"the reason\""
            ),
        };
        writeln!(io.err, "  {id} «{title}»: {how}")?;
    }
    Ok(())
}

/// Who the report is from, for the Word document's author: the plan's organisation (else its
/// municipality); over several plans, the region of `moc.toml`.
fn author(reports: &[crate::report::PlanReport<'_>], ctx: &Ctx) -> Option<String> {
    match reports {
        [one] => {
            let meta = &one.plan.meta;
            meta.organisation
                .clone()
                .or_else(|| meta.municipality.clone())
        }
        _ => ctx.settings.name.clone(),
    }
}

/// The report as a Word document: A4 landscape.
fn docx(
    blocks: &[doc::Block],
    title: &str,
    author: Option<&str>,
    ctx: &Ctx,
) -> Result<Vec<u8>, CommandError> {
    #[cfg(feature = "docx")]
    {
        use crate::render::word::{Orientation, Setup, document};
        let setup = Setup {
            title,
            creator: author,
            created: ctx.as_of,
            lang: ctx.lang,
            orientation: Orientation::Landscape,
        };
        document(blocks, &setup).map_err(|e| CommandError::user(e.to_string()))
    }
    #[cfg(not(feature = "docx"))]
    {
        let _ = (blocks, title, author);
        Err(CommandError::user(ctx.lang.pick(
            "moc собран без документов Word (cargo feature «docx»)",
            "moc is built without Word documents (cargo feature «docx»)",
        )))
    }
}

/// «коммит 3f2a1bc от 2026-12-18», and whether the plans had uncommitted changes: which
/// revision of the repository the report was built from (nothing outside a repository).
fn revision_line(args: &Args, ctx: &Ctx) -> Option<String> {
    let lang = ctx.lang;
    let repo = crate::git::Repo::discover(&ctx.cwd).ok()?;
    let rev = args.plans.at.as_deref().unwrap_or("HEAD");
    let commit = repo.commit(rev).ok()?;
    let mut line = tr!(
        lang,
        "коммит {} от {}",
        "commit {} of {}",
        commit.short,
        commit.date
    );
    if args.plans.at.is_none() {
        let rel: Vec<String> = ctx
            .paths_or_default(&args.paths)
            .iter()
            .filter_map(|p| repo.relative(p, &ctx.cwd))
            .collect();
        if repo.dirty(&rel) {
            line.push_str(lang.pick(
                " (в рабочей копии есть незакоммиченные изменения)",
                " (the working tree has uncommitted changes)",
            ));
        }
    }
    Some(line)
}
