//! `moc textconv FILE`: a plan as lines, one an item — for `git diff` (a textconv driver).

use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "План строками, по одной на мероприятие — для git diff (драйвер textconv, см. README)",
        "A plan as lines, one an item — for git diff (a textconv driver, see the README)"
    ),
    long_about = t(
        "План строками, по одной на мероприятие — для git diff (драйвер textconv, см. README)\n\n\
Пример:\n  git config diff.moc.textconv \"moc textconv\"",
        "A plan as lines, one an item — for git diff (a textconv driver, see the README)\n\n\
Example:\n  git config diff.moc.textconv \"moc textconv\""
    )
)]
pub(crate) struct Args {
    #[arg(value_name = t("ФАЙЛ", "FILE"), help = t("Файл плана", "The plan file"))]
    pub(crate) file: PathBuf,
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    // git gives a temporary copy of the blob: no repository root applies
    let text = crate::load::read_text(&args.file, None)
        .map_err(|e| CommandError::user(e.message(ctx.lang, &ctx.shown(&args.file))))?;
    let loader = super::loader(ctx);
    let checked = loader.check_source(loader.source(&args.file, text.clone()));
    match &checked.plan {
        Some(p) => io
            .out
            .write_all(crate::plandiff::textconv(p, ctx.lang).as_bytes())?,
        // not a plan moc can read: git shows the text itself (its control characters escaped)
        None => io
            .out
            .write_all(crate::text::escape_controls(&text, true).as_bytes())?,
    }
    Ok(Exit::Ok)
}
