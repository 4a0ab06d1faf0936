//! `moc man`: the manual page of moc, or the pages of moc and every command into a folder.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::tr;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "Страница руководства (man) — на экран или страницы всех команд в папку",
        "The manual page (man) — to the screen, or the pages of every command into a folder"
    ),
    long_about = t(
        "Страница руководства (man) — на экран или страницы всех команд в папку\n\n\
Примеры:\n  \
  moc man | man -l -\n  \
  moc man -o ~/.local/share/man/man1",
        "The manual page (man) — to the screen, or the pages of every command into a folder\n\n\
Examples:\n  \
  moc man | man -l -\n  \
  moc man -o ~/.local/share/man/man1"
    )
)]
pub(crate) struct Args {
    #[arg(
        short, long, value_name = t("ПАПКА", "DIR"),
        help = t(
            "Записать страницы moc.1 и moc-<команда>.1 в эту папку (иначе — moc.1 на экран)",
            "Write moc.1 and moc-<command>.1 into this folder (else moc.1 to the screen)"
        )
    )]
    pub(crate) output: Option<PathBuf>,
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let lang = ctx.lang;
    let cmd = crate::app::help::command(lang).version(env!("CARGO_PKG_VERSION"));
    let page = |c: clap::Command| -> std::io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        clap_mangen::Man::new(c)
            .date(ctx.as_of.format("%Y-%m-%d").to_string())
            .manual(lang.pick("Руководство moc", "moc manual"))
            .source(format!("moc {}", env!("CARGO_PKG_VERSION")))
            .render(&mut buf)?;
        let text = String::from_utf8_lossy(&buf);
        Ok(crate::app::help::man_headings(&text, lang).into_bytes())
    };
    match &args.output {
        None => io.out.write_all(&page(cmd)?)?,
        Some(dir) => {
            let mut written = 0usize;
            let write = |path: PathBuf, bytes: Vec<u8>| {
                crate::app::output::write_file(&path, &[&bytes], &[], ctx)
            };
            write(dir.join("moc.1"), page(cmd.clone())?)?;
            written += 1;
            for sub in cmd.get_subcommands() {
                let name = format!("moc-{}", sub.get_name());
                let sub = sub
                    .clone()
                    .name(name.clone())
                    .version(env!("CARGO_PKG_VERSION"));
                write(dir.join(format!("{name}.1")), page(sub)?)?;
                written += 1;
            }
            let shown = ctx.shown(dir);
            writeln!(
                io.err,
                "{}",
                tr!(
                    lang,
                    "страниц руководства записано в {shown}: {written}",
                    "{written} manual pages written to {shown}"
                )
            )?;
        }
    }
    Ok(Exit::Ok)
}
