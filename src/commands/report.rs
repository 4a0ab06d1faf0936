//! `moc report`: the activity report for the plan's year or any period, as Markdown (stdout or
//! `-o FILE`) or the same figures as JSON.

use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::{ReportArgs, ReportFormat};
use std::path::PathBuf;

use crate::commands::{Ctx, Exit, Io, Workspace, report_plan_errors};
use crate::deadline::PlanYear;
use crate::load::Loaded;
use crate::render::doc;
use crate::render::report::{
    Provenance, ReportHead, multi_document, multi_report, multi_report_blocks, multi_title,
    plan_part, plan_report, plan_report_blocks, sum_counts, title,
};
use crate::report::{
    self, Category, Counts, IndicatorReport, Period, PlanReport, ResponsibleReport,
};
use crate::tr;
use crate::view::{self, Filter};

pub fn run(args: &ReportArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    if args.format == ReportFormat::Markdown && !super::one_file(&args.paths) {
        return plan_by_plan(args, ctx, io);
    }
    let Some(ws) = super::load_for(&args.paths, ctx, args.plan_year, args.at.as_deref(), io)?
    else {
        return Ok(Exit::Failure);
    };
    whole(args, ws, ctx, io)
}

/// The period the report covers, for a plan of `year`.
fn period_of(args: &ReportArgs, year: PlanYear) -> Period {
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
fn plan_by_plan(args: &ReportArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let lang = ctx.lang;
    let work = |l: &Loaded| {
        let plans = std::slice::from_ref(l);
        let rows = view::rows(plans, &Filter::default(), ctx.as_of, 14);
        let year = chrono::Datelike::year(&ctx.as_of);
        let reports = report::build_each(plans, rows, |y| period_of(args, y), year, lang);
        reports
            .first()
            .map(|r| (ReportHead::of(r, lang), plan_part(r, ctx.as_of, lang)))
    };
    let at = args.at.as_deref();
    let Some(mut each) = super::load_each(&args.paths, ctx, args.plan_year, at, io, work)? else {
        return Ok(Exit::Failure);
    };
    if each.plans.iter().filter(|d| d.value.is_some()).count() < 2 {
        // one plan (or none that reads): read again, for the report of one plan
        let paths: Vec<PathBuf> = each.plans.iter().map(|d| d.path.clone()).collect();
        let mut ws = if paths.is_empty() {
            Workspace {
                plans: Vec::new(),
                failures: Vec::new(),
            }
        } else {
            let Some(ws) = super::load_for(&paths, ctx, args.plan_year, at, io)? else {
                return Ok(Exit::Failure);
            };
            ws
        };
        ws.failures.splice(0..0, each.failures);
        return whole(args, ws, ctx, io);
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
    let prov = Provenance { lines };
    let document = multi_document(&heads, parts, ctx.as_of, lang, &prov);
    if !super::emit_pieces(
        args.output.as_deref(),
        &document.as_bytes(),
        false,
        ctx,
        io,
        ("отчёт записан в", "the report is written to"),
    )? {
        return Ok(Exit::Failure);
    }
    let exit = super::conclude_each(&each, false, ctx, io)?;
    super::release(ctx, (document, each));
    Ok(exit)
}

/// The report from plans loaded whole: one plan's report, or any format.
fn whole(args: &ReportArgs, ws: Workspace, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let lang = ctx.lang;
    if ws.plans.iter().all(|l| l.plan.is_none()) {
        report_plan_errors(&ws, ctx, io)?;
        if ws.failures.is_empty() && ws.plans.is_empty() {
            writeln!(
                io.err,
                "{}",
                tr!(lang, "ошибка: планов не найдено", "error: no plans found")
            )?;
        }
        return Ok(Exit::Failure);
    }
    // the same "due soon" horizon as `moc status`, so that every row agrees with it
    let rows = view::build(&ws.plans, &Filter::default(), ctx.as_of, 14, lang)
        .map_err(|e| anyhow::anyhow!(e.0))?;
    let reports = report::build_each(
        &ws.plans,
        rows,
        |year| period_of(args, year),
        chrono::Datelike::year(&ctx.as_of),
        lang,
    );
    let mut lines: Vec<String> = reports
        .iter()
        .map(|r| {
            tr!(
                lang,
                "по плану {}",
                "from the plan {}",
                r.loaded.source.name
            )
        })
        .collect();
    lines.extend(revision_line(args, ctx));
    let prov = Provenance { lines };
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
    let bytes: Vec<u8> = match args.format {
        ReportFormat::Markdown => if reports.len() == 1 {
            plan_report(&reports[0], ctx.as_of, lang, 1, &prov)
        } else {
            multi_report(&reports, ctx.as_of, lang, &prov)
        }
        .into_bytes(),
        ReportFormat::Json => {
            let mut s = serde_json::to_string_pretty(&json(&reports, ctx))?;
            s.push('\n');
            s.into_bytes()
        }
        ReportFormat::Html => crate::export::html::page(&blocks(), &doc_title(), lang).into_bytes(),
        ReportFormat::Docx => docx(&blocks(), &doc_title(), ctx)?,
    };
    let binary = args.format == ReportFormat::Docx;
    if !super::emit(
        args.output.as_deref(),
        &bytes,
        binary,
        ctx,
        io,
        ("отчёт записан в", "the report is written to"),
    )? {
        return Ok(Exit::Failure);
    }
    let exit = super::conclude(&ws, false, ctx, io)?;
    super::release(ctx, (bytes, reports));
    super::release(ctx, ws);
    Ok(exit)
}

/// The report as a Word document.
fn docx(blocks: &[doc::Block], title: &str, ctx: &Ctx) -> anyhow::Result<Vec<u8>> {
    #[cfg(feature = "docx")]
    {
        Ok(crate::export::word::document(blocks, title, ctx.as_of)?)
    }
    #[cfg(not(feature = "docx"))]
    {
        let _ = (blocks, title);
        anyhow::bail!(
            "{}",
            ctx.lang.pick(
                "moc собран без документов Word (cargo feature «docx»)",
                "moc is built without Word documents (cargo feature «docx»)"
            )
        )
    }
}

#[derive(Serialize)]
struct ItemOut<'a> {
    #[serde(flatten)]
    item: view::ItemJson<'a>,
    category: Category,
    result_text: &'a str,
}

#[derive(Serialize)]
struct SectionOut<'a> {
    number: &'a str,
    title: &'a str,
    counts: &'a Counts,
    items: Vec<ItemOut<'a>>,
}

#[derive(Serialize)]
struct PlanOut<'a> {
    plan: &'a str,
    title: String,
    municipality: Option<&'a str>,
    organisation: Option<&'a str>,
    from: NaiveDate,
    to: NaiveDate,
    total: &'a Counts,
    sections: Vec<SectionOut<'a>>,
    not_done: Vec<String>,
    indicators: &'a [IndicatorReport],
    responsibles: &'a [ResponsibleReport],
}

#[derive(Serialize)]
struct ReportOut<'a> {
    as_of: NaiveDate,
    total: Counts,
    plans: Vec<PlanOut<'a>>,
}

fn json<'a>(reports: &'a [PlanReport<'a>], ctx: &Ctx) -> ReportOut<'a> {
    let lang = ctx.lang;
    ReportOut {
        as_of: ctx.as_of,
        total: sum_counts(reports.iter().map(|r| &r.total)),
        plans: reports
            .iter()
            .map(|r| PlanOut {
                plan: &r.loaded.source.name,
                title: title(r, lang),
                municipality: r.plan.meta.municipality.as_deref(),
                organisation: r.plan.meta.organisation.as_deref(),
                from: r.period.from,
                to: r.period.to,
                total: &r.total,
                sections: r
                    .sections
                    .iter()
                    .map(|s| SectionOut {
                        number: &s.section.number,
                        title: &s.section.title,
                        counts: &s.counts,
                        items: s
                            .items
                            .iter()
                            .map(|i| ItemOut {
                                item: view::item_json(&i.row, r.loaded, lang),
                                category: i.category,
                                result_text: &i.result,
                            })
                            .collect(),
                    })
                    .collect(),
                not_done: r
                    .not_done()
                    .iter()
                    .map(|i| view::item_id(i.row.item))
                    .collect(),
                indicators: &r.indicators,
                responsibles: &r.responsibles,
            })
            .collect(),
    }
}

/// «коммит 3f2a1bc от 2026-12-18», and whether the plans had uncommitted changes: which
/// revision of the repository the report was built from (nothing outside a repository).
fn revision_line(args: &ReportArgs, ctx: &Ctx) -> Option<String> {
    let lang = ctx.lang;
    let repo = crate::git::Repo::discover(&std::env::current_dir().ok()?).ok()?;
    let rev = args.at.as_deref().unwrap_or("HEAD");
    let commit = repo.commit(rev).ok()?;
    let mut line = tr!(
        lang,
        "коммит {} от {}",
        "commit {} of {}",
        commit.short,
        commit.date
    );
    if args.at.is_none() {
        let paths = if args.paths.is_empty() {
            vec![ctx.default_plans()]
        } else {
            args.paths.clone()
        };
        let rel: Vec<String> = paths.iter().filter_map(|p| repo.relative(p)).collect();
        if repo.dirty(&rel) {
            line.push_str(lang.pick(
                " (в рабочей копии есть незакоммиченные изменения)",
                " (the working tree has uncommitted changes)",
            ));
        }
    }
    Some(line)
}
