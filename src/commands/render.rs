//! `moc render PLAN`: the plan as the document that is approved and signed — Markdown, a Word
//! document or a web page.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::app::output::emit;
use crate::model::Plan;
use crate::render::doc::{self, Block};
use crate::render::report::plan_document_blocks;
use crate::tr;
use crate::workspace::Selection;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "План как документ на утверждение: гриф, цель, задачи, таблица мероприятий — Markdown, Word, веб-страница",
        "The plan as the document for approval: approval block, goal, tasks, the table of items — Markdown, Word, a web page"
    ),
    long_about = t(
        "План как документ на утверждение: гриф, цель, задачи, таблица мероприятий — Markdown, Word, веб-страница\n\n\
Документ Word — A4, Times New Roman, таблица «№ п/п | Мероприятие | Срок | Ответственные» с \
разделами, шапка таблицы повторяется на каждой странице; страница книжная, с графой результата — \
альбомная. Веб-страница — один файл, который открывается без интернета, как у moc report.\n\n\
Примеры:\n  \
  moc render plans/mosalsk-2026.toml -o план.docx    документ Word: формат — по расширению\n  \
  moc render plans/mosalsk-2026.toml -o план.html    веб-страница для печати\n  \
  moc render plans/mosalsk-2026.toml -o план.md      Markdown (и на экран без -o)\n  \
  moc render plans/mosalsk-2026.toml --result -o итоги.docx   с графой «Результат исполнения»",
        "The plan as the document for approval: approval block, goal, tasks, the table of items — Markdown, Word, a web page\n\n\
The Word document: A4, Times New Roman, the table «No. | Activity | Deadline | Responsible» with \
its sections, the header repeated on every page; portrait, landscape with the result column. The \
web page: one file that opens offline, as moc report makes.\n\n\
Examples:\n  \
  moc render plans/mosalsk-2026.toml -o plan.docx    a Word document: the format by the extension\n  \
  moc render plans/mosalsk-2026.toml -o plan.html    a web page to print\n  \
  moc render plans/mosalsk-2026.toml -o plan.md      Markdown (and to the screen without -o)\n  \
  moc render plans/mosalsk-2026.toml --result -o results.docx   with the result column"
    )
)]
pub(crate) struct Args {
    #[arg(value_name = t("ФАЙЛ", "FILE"), help = t("Файл плана", "The plan file"))]
    pub(crate) plan: PathBuf,

    #[arg(
        short, long, value_name = t("ФАЙЛ", "FILE"),
        help = t("Записать в файл (иначе — на экран)", "Write to a file (else to the screen)")
    )]
    pub(crate) output: Option<PathBuf>,

    #[arg(long, help = t("Добавить графу «Результат исполнения»", "Add the result column"))]
    pub(crate) result: bool,

    #[arg(
        long, value_enum, value_name = t("ФОРМАТ", "FORMAT"),
        help = t(
            "Формат: markdown, docx (документ Word), html (веб-страница); по умолчанию — по \
             расширению -o (.md .docx .html), иначе markdown",
            "Format: markdown, docx (a Word document), html (a web page); default: by the \
             extension of -o (.md .docx .html), else markdown"
        )
    )]
    pub(crate) format: Option<Format>,
}

/// Output formats of the plan document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Markdown,
    /// A Word document (needs -o or a redirect)
    Docx,
    /// One self-contained web page
    Html,
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let lang = ctx.lang;
    let format = super::args::format_for(
        args.format,
        args.output.as_deref(),
        &[
            ("md", Format::Markdown),
            ("markdown", Format::Markdown),
            ("docx", Format::Docx),
            ("html", Format::Html),
            ("htm", Format::Html),
        ],
        Format::Markdown,
        lang,
    )?;
    if args.plan.is_dir() {
        let shown = ctx.shown(&args.plan);
        return Err(CommandError::user(tr!(
            lang,
            "{shown} — папка; укажите файл плана",
            "{shown} is a folder; give a plan file"
        )));
    }
    let one = std::slice::from_ref(&args.plan);
    let ws = super::read_all(Selection::Work(one), None, ctx, io)?;
    let Some(checked) = ws.plans.first() else {
        return Err(CommandError::reported());
    };
    let Some(plan) = &checked.plan else {
        super::say_plan_errors(&ws.plans, ctx, io)?;
        return Err(CommandError::reported());
    };
    let blocks = plan_document_blocks(plan, lang, args.result);
    let bytes = match format {
        Format::Markdown => doc::markdown(&blocks).into_bytes(),
        Format::Html => crate::render::html::page(&blocks, &plan.meta.title, lang).into_bytes(),
        Format::Docx => docx(&blocks, plan, args.result, ctx)?,
    };
    emit(
        args.output.as_deref(),
        &[&bytes],
        format == Format::Docx,
        &ws.files(),
        ("план записан в", "the plan is written to"),
        ctx,
        io,
    )?;
    Ok(if super::say_plan_errors(&ws.plans, ctx, io)? {
        Exit::Findings
    } else {
        Exit::Ok
    })
}

/// The plan as a Word document: portrait A4 — the four columns fit, as in the plans signed
/// today — and landscape with the fifth, the result; the author is the organisation, the date
/// the approval's (else the day it is made).
fn docx(
    blocks: &[Block],
    plan: &Plan,
    with_result: bool,
    ctx: &Ctx,
) -> Result<Vec<u8>, CommandError> {
    #[cfg(feature = "docx")]
    {
        use crate::render::word::{Orientation, Setup, document};
        let meta = &plan.meta;
        let setup = Setup {
            title: &meta.title,
            creator: meta
                .organisation
                .as_deref()
                .or(meta.municipality.as_deref()),
            created: meta
                .approval
                .as_ref()
                .and_then(|a| a.date)
                .unwrap_or(ctx.as_of),
            lang: ctx.lang,
            orientation: if with_result {
                Orientation::Landscape
            } else {
                Orientation::Portrait
            },
        };
        document(blocks, &setup).map_err(|e| CommandError::user(e.to_string()))
    }
    #[cfg(not(feature = "docx"))]
    {
        let _ = (blocks, plan, with_result);
        Err(CommandError::user(ctx.lang.pick(
            "moc собран без документов Word (cargo feature «docx»)",
            "moc is built without Word documents (cargo feature «docx»)",
        )))
    }
}
