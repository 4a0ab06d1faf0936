//! Commands that hand moc's knowledge to other tools: `moc calendar` (phone and desktop
//! calendars), `moc schema` (editors), `moc completions` (shells) and `moc man` (manuals).

use crate::cli::{CalendarArgs, CompletionsArgs, ManArgs, SchemaArgs};
use crate::commands::{Ctx, Exit, Io, emit};
use crate::tr;

/// `moc calendar`: the deadlines of the plans (filtered as in `moc status`) as an .ics file.
pub fn calendar(args: &CalendarArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    #[cfg(feature = "ics")]
    {
        let Some(ws) = super::load_filtered(&args.paths, &args.filter, ctx, io)? else {
            return Ok(Exit::Failure);
        };
        let Some(rows) = super::rows_for(&ws, &args.filter.to_filter(), 14, ctx, io)? else {
            return Ok(Exit::Failure);
        };
        let text = crate::export::calendar::calendar(&ws.plans, &rows, ctx.as_of, ctx.lang);
        emit(
            args.output.as_deref(),
            text.as_bytes(),
            false,
            ctx,
            io,
            ("календарь записан в", "the calendar is written to"),
        )?;
        Ok(super::conclude(&ws, false, ctx, io)?)
    }
    #[cfg(not(feature = "ics"))]
    {
        let _ = args;
        writeln!(
            io.err,
            "{}",
            tr!(
                ctx.lang,
                "ошибка: moc собран без календарей (cargo feature «ics»)",
                "error: moc is built without calendars (cargo feature «ics»)"
            )
        )?;
        Ok(Exit::Failure)
    }
}

/// `moc schema`: the JSON Schema of the plan format.
pub fn schema(args: &SchemaArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let text = crate::schema::plan_schema();
    emit(
        args.output.as_deref(),
        text.as_bytes(),
        false,
        ctx,
        io,
        ("схема записана в", "the schema is written to"),
    )?;
    Ok(Exit::Ok)
}

/// `moc completions SHELL`: a completion script, from the same clap definition as `--help`.
pub fn completions(args: &CompletionsArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let mut cmd = crate::cli::command(ctx.lang);
    clap_complete::generate(args.shell, &mut cmd, "moc", io.out);
    Ok(Exit::Ok)
}

/// `moc man`: the manual page of moc, or of moc and every command into a folder.
pub fn man(args: &ManArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let cmd = crate::cli::command(ctx.lang).version(env!("CARGO_PKG_VERSION"));
    let page = |c: clap::Command| -> std::io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        clap_mangen::Man::new(c)
            .date(ctx.as_of.format("%Y-%m-%d").to_string())
            .manual(ctx.lang.pick("Руководство moc", "moc manual"))
            .source(format!("moc {}", env!("CARGO_PKG_VERSION")))
            .render(&mut buf)?;
        Ok(buf)
    };
    match &args.output {
        None => io.out.write_all(&page(cmd)?)?,
        Some(dir) => {
            let mut written = 0usize;
            super::write_output(&dir.join("moc.1"), &page(cmd.clone())?, ctx.lang)?;
            written += 1;
            for sub in cmd.get_subcommands() {
                let name = format!("moc-{}", sub.get_name());
                let sub = sub
                    .clone()
                    .name(name.clone())
                    .version(env!("CARGO_PKG_VERSION"));
                super::write_output(&dir.join(format!("{name}.1")), &page(sub)?, ctx.lang)?;
                written += 1;
            }
            let shown = crate::source::display_path(dir);
            writeln!(
                io.err,
                "{}",
                tr!(
                    ctx.lang,
                    "страниц руководства записано в {shown}: {written}",
                    "{written} manual pages written to {shown}"
                )
            )?;
        }
    }
    Ok(Exit::Ok)
}
