//! `moc report` over the plans of several municipalities: the region's report
//! ([`crate::region`]). Every plan of every year is read once, on the core that read it, into
//! its digest (and, for the year of the report, its own report's part); the region is added up
//! from the digests, so that this year stands beside the year before and a municipality with
//! last year's plan and none for this year is named.

use super::{Args, Format, docx, period_of, revision_line};
use crate::commands::{CommandError, Ctx, Exit, Io};
use crate::load::Checked;
use crate::region::{PlanDigest, Region, pick_year};
use crate::render::doc::Block;
use crate::render::report::{
    Provenance, blocks_after, document_after, plan_part, plan_report_blocks,
};
use crate::report;
use crate::tr;
use crate::view::{self, Filter};

/// A plan's own part of the region's report, in the format asked for.
enum Body {
    Markdown(String),
    Blocks(Vec<Block>),
    Json(serde_json::Value),
}

/// What the reading core keeps of a plan: the digest, and the plan's part when it may be of
/// the report's year.
struct Piece {
    digest: PlanDigest,
    body: Option<Body>,
}

fn piece(c: &Checked, args: &Args, format: Format, year: Option<i32>, ctx: &Ctx) -> Option<Piece> {
    let lang = ctx.lang;
    let plans = std::slice::from_ref(c);
    let rows = view::rows(plans, &Filter::default(), ctx.as_of, 14);
    let reports = report::build_each(plans, rows, |y| period_of(args, y), ctx.as_of, lang);
    let r = reports.first()?;
    let mut digest = PlanDigest::of(r, crate::workspace::plan_key(c), lang);
    let wanted = year.is_none_or(|y| digest.year_number() == Some(y));
    if format == Format::Markdown && wanted {
        // the rows of the region's table of slipped work written here, on the reading core
        crate::render::region::write_slipped(&mut digest.slipped, lang);
    }
    let body = wanted.then(|| match format {
        Format::Markdown => {
            // kept until every plan is read: no more room than it fills, so that the room a
            // plan's reading freed is taken again by the next (not new pages)
            let mut part = plan_part(r, ctx.as_of, lang);
            part.shrink_to_fit();
            Body::Markdown(part)
        }
        Format::Json => Body::Json(crate::render::report_json::plan_value(r, lang)),
        Format::Html | Format::Docx => Body::Blocks(plan_report_blocks(
            r,
            ctx.as_of,
            lang,
            2,
            &Provenance::default(),
        )),
    });
    Some(Piece { digest, body })
}

/// The region's report, when the plans are of two municipalities or more; `None` otherwise
/// (the report of one municipality's plan is made as before).
pub(super) fn run(
    args: &Args,
    format: Format,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> Result<Option<Exit>, CommandError> {
    let lang = ctx.lang;
    let asked = args.plans.year.or(ctx.settings.year);
    let at = args.plans.at.as_deref();
    let mut each = crate::commands::read_every_year(
        crate::commands::selection(&args.paths, at),
        ctx,
        io,
        |c| piece(&c, args, format, asked, ctx),
    )?;
    let mut keys: Vec<&str> = each
        .plans
        .iter()
        .filter_map(|d| d.value.as_ref().map(|p| p.digest.key.as_str()))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    if keys.len() < 2 {
        return Ok(None);
    }
    let pieces: Vec<&mut Piece> = each
        .plans
        .iter_mut()
        .filter_map(|d| d.value.as_mut())
        .collect();
    let Some(year) = pick_year(
        pieces.iter().filter_map(|p| p.digest.year),
        asked,
        ctx.as_of,
    ) else {
        return Ok(None);
    };
    let mut bodies = Vec::new();
    let mut lines = Vec::new();
    let mut digests: Vec<PlanDigest> = Vec::with_capacity(pieces.len());
    for p in pieces {
        if p.digest.year_number() == Some(year)
            && let Some(b) = p.body.take()
        {
            lines.push(tr!(lang, "по плану {}", "from the plan {}", p.digest.file));
            bodies.push(b);
        }
        digests.push(std::mem::take(&mut p.digest));
    }
    let mut region = Region::build(
        &mut digests,
        year,
        ctx.settings.name.clone(),
        &ctx.settings.indicators,
        ctx.as_of,
    );
    // the region holds what it needs of them
    crate::workspace::drop_aside(digests);
    if region
        .municipalities
        .iter()
        .filter(|m| m.now.is_some())
        .count()
        < 2
        && region.missing.is_empty()
    {
        // the year leaves one municipality's plan, and nobody is missing: its own report
        return Ok(None);
    }
    lines.extend(revision_line(args, ctx));
    let prov = args.provenance(lines, ctx);
    // Markdown is written in pieces, the region's part then each plan's, never joined
    let mut document = None;
    let bytes: Vec<u8> = match format {
        Format::Markdown => {
            let parts = bodies
                .into_iter()
                .filter_map(|b| match b {
                    Body::Markdown(s) => Some(s),
                    _ => None,
                })
                .collect();
            let opening = crate::render::region::markdown(&mut region, lang);
            document = Some(document_after(opening, parts, lang, &prov));
            Vec::new()
        }
        Format::Json => {
            let plans = bodies
                .into_iter()
                .filter_map(|b| match b {
                    Body::Json(v) => Some(v),
                    _ => None,
                })
                .collect();
            crate::render::report_json::region_json(&region, plans, ctx.as_of).into_bytes()
        }
        Format::Html | Format::Docx => {
            let plans = bodies
                .into_iter()
                .filter_map(|b| match b {
                    Body::Blocks(v) => Some(v),
                    _ => None,
                })
                .collect();
            let opening = crate::render::region::blocks(&mut region, lang);
            let title = crate::render::region::title(&region, lang);
            let blocks = blocks_after(opening, plans, lang, &prov);
            if format == Format::Html {
                crate::render::html::page(&blocks, &title, lang).into_bytes()
            } else {
                docx(&blocks, &title, ctx.settings.name.as_deref(), ctx)?
            }
        }
    };
    let pieces: Vec<&[u8]> = match &document {
        Some(d) => d.as_bytes(),
        None => vec![&bytes],
    };
    super::write(args, format, &pieces, &each.files(), ctx, io)?;
    say_missing(&region, ctx, io)?;
    let exit = crate::commands::conclude(&each.failures, &each.plans, false, ctx, io)?;
    drop(pieces);
    ctx.release((bytes, document, each, region));
    Ok(Some(exit))
}

/// On standard error: which year the report is for and who has no plan for it — the first
/// question a regional centre asks.
fn say_missing(region: &Region, ctx: &Ctx, io: &mut Io<'_>) -> std::io::Result<()> {
    let lang = ctx.lang;
    let year = region.year_words(lang);
    if region.missing.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = region.missing.iter().map(|m| m.name.as_str()).collect();
    writeln!(
        io.err,
        "{}",
        tr!(
            lang,
            "заметка: нет плана на {year}: {}",
            "note: no plan for {year}: {}",
            names.join(", ")
        )
    )
}
