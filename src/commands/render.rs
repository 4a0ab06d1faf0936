//! `moc render PLAN`: the plan as the document that is approved and signed, in Markdown.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::app::output::emit;
use crate::render::report::plan_document;
use crate::tr;
use crate::workspace::Selection;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "План как документ на утверждение (Markdown): гриф, цель, задачи, таблица мероприятий",
        "The plan as the document for approval (Markdown): approval block, goal, tasks, the table of items"
    ),
    long_about = t(
        "План как документ на утверждение (Markdown): гриф, цель, задачи, таблица мероприятий\n\n\
Примеры:\n  \
  moc render plans/mosalsk-2026.toml -o план.md && pandoc план.md -o план.docx\n  \
  moc render plans/mosalsk-2026.toml --result      с графой «Результат исполнения»",
        "The plan as the document for approval (Markdown): approval block, goal, tasks, the table of items\n\n\
Examples:\n  \
  moc render plans/mosalsk-2026.toml -o plan.md && pandoc plan.md -o plan.docx\n  \
  moc render plans/mosalsk-2026.toml --result      with the result column"
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
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let lang = ctx.lang;
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
    let doc = plan_document(plan, lang, args.result);
    emit(
        args.output.as_deref(),
        &[doc.as_bytes()],
        false,
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
