//! `moc render PLAN`: the plan as the document that is approved and signed, in Markdown.

use crate::cli::RenderArgs;
use crate::commands::{Ctx, Exit, Io, load_workspace, report_failures, report_plan_errors};
use crate::render::report::plan_document;
use crate::tr;

pub fn run(args: &RenderArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let lang = ctx.lang;
    if args.plan.is_dir() {
        let shown = crate::source::display_path(&args.plan);
        writeln!(
            io.err,
            "{}",
            tr!(
                lang,
                "ошибка: {shown} — папка; укажите файл плана",
                "error: {shown} is a folder; give a plan file"
            )
        )?;
        return Ok(Exit::Failure);
    }
    let ws = load_workspace(std::slice::from_ref(&args.plan), ctx);
    report_failures(&ws.failures, ctx, io)?;
    let Some(loaded) = ws.plans.first() else {
        return Ok(Exit::Failure);
    };
    let Some(plan) = &loaded.plan else {
        report_plan_errors(&ws, ctx, io)?;
        return Ok(Exit::Failure);
    };
    let doc = plan_document(plan, lang, args.result);
    match &args.output {
        Some(path) => {
            super::write_output(path, doc.as_bytes(), ctx.lang)?;
            let shown = crate::source::display_path(path);
            writeln!(
                io.err,
                "{}",
                tr!(
                    lang,
                    "план записан в {shown}",
                    "the plan is written to {shown}"
                )
            )?;
        }
        None => io.out.write_all(doc.as_bytes())?,
    }
    Ok(if report_plan_errors(&ws, ctx, io)? {
        Exit::Findings
    } else {
        Exit::Ok
    })
}
