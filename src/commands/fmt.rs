//! `moc fmt`: plan files in one canonical layout ([`crate::fmt`]), comments kept; `--check` only
//! lists the files that are not (for a hook and CI).

use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::tr;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "Привести файлы планов к единому виду: порядок ключей, кавычки, пустые строки",
        "Bring plan files to one layout: key order, quoting, blank lines"
    ),
    long_about = t(
        "Привести файлы планов к единому виду: порядок ключей, кавычки, пустые строки\n\n\
Комментарии сохраняются; повторный запуск ничего не меняет.\n\
С --check только перечисляет файлы не в едином виде (код выхода 1) — для хука и CI.\n\n\
Примеры:\n  \
  moc fmt\n  \
  moc fmt --check plans/",
        "Bring plan files to one layout: key order, quoting, blank lines\n\n\
Comments are kept; a second run changes nothing.\n\
With --check it only lists the files not in that layout (exit code 1) — for a hook and CI.\n\n\
Examples:\n  \
  moc fmt\n  \
  moc fmt --check plans/"
    )
)]
pub(crate) struct Args {
    #[arg(value_name = t("ПУТЬ", "PATH"), help = super::args::paths_help())]
    pub(crate) paths: Vec<PathBuf>,

    #[arg(long, help = t(
        "Не менять файлы, а перечислить те, что не в едином виде (код выхода 1)",
        "Change nothing; list the files not in the canonical layout (exit code 1)"
    ))]
    pub(crate) check: bool,

    #[arg(long, requires = "check", conflicts_with = "paths", help = t(
        "С --check: проверить планы, подготовленные к коммиту, в добавленном виде",
        "With --check: the plans staged for commit, as staged"
    ))]
    pub(crate) staged: bool,
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let lang = ctx.lang;
    if args.staged {
        return staged(ctx, io);
    }
    let paths = ctx.paths_or_default(&args.paths);
    let (files, errors) = crate::discover::plan_files(&paths, &ctx.cwd, lang);
    let mut exit = Exit::Ok;
    let failures: Vec<String> = errors.into_iter().map(|e| e.0).collect();
    super::say_failures(&failures, ctx, io)?;
    if !failures.is_empty() {
        exit = Exit::Failure;
    }
    let mut changed = 0;
    for f in &files {
        let shown = ctx.shown(f);
        let fail = |io: &mut Io<'_>, msg: String| super::say_failures(&[msg], ctx, io);
        let text = match crate::load::read_text(f, ctx.root.as_deref()) {
            Ok(t) => t,
            Err(e) => {
                fail(io, e.message(lang, &shown))?;
                exit = Exit::Failure;
                continue;
            }
        };
        let formatted = match crate::fmt::format(&text) {
            Ok(t) => t,
            Err(e) => {
                fail(
                    io,
                    tr!(
                        lang,
                        "{shown}: не TOML, не форматируется ({})",
                        "{shown}: not TOML, not formatted ({})",
                        e.message().trim()
                    ),
                )?;
                exit = Exit::Failure;
                continue;
            }
        };
        if formatted == text {
            continue;
        }
        changed += 1;
        if args.check {
            writeln!(io.out, "{shown}")?;
            continue;
        }
        let _lock = super::lock(f, ctx, &mut *io.err)?;
        if std::fs::read_to_string(f).ok().as_deref() != Some(text.as_str()) {
            fail(
                io,
                tr!(
                    lang,
                    "{shown}: файл изменился во время форматирования",
                    "{shown}: the file changed while being formatted"
                ),
            )?;
            exit = Exit::Failure;
            continue;
        }
        crate::fsutil::write_atomic(f, formatted.as_bytes()).map_err(|e| {
            CommandError::io(
                tr!(lang, "не удалось записать {shown}", "cannot write {shown}"),
                e,
            )
        })?;
        writeln!(
            io.out,
            "{}",
            tr!(lang, "{shown}: отформатирован", "{shown}: formatted")
        )?;
    }
    if args.check && changed > 0 {
        writeln!(
            io.err,
            "{}",
            tr!(
                lang,
                "не в каноническом виде: {changed} из {}; исправит moc fmt",
                "not in canonical layout: {changed} of {}; moc fmt fixes it",
                files.len()
            )
        )?;
        return Ok(exit.max(Exit::Findings));
    }
    Ok(exit)
}

/// `moc fmt --check --staged`: the plans staged for commit, as staged.
fn staged(ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let repo = crate::git::Repo::discover(&ctx.cwd).map_err(|e| super::git_error(&e, ctx))?;
    let dir = repo
        .relative(&ctx.default_plans(), &ctx.cwd)
        .unwrap_or_else(|| crate::app::ctx::DEFAULT_PLANS.to_owned());
    let files: Vec<String> = repo
        .staged()
        .unwrap_or_default()
        .into_iter()
        .filter(|f| f.starts_with(&format!("{dir}/")) && f.to_ascii_lowercase().ends_with(".toml"))
        .collect();
    let mut changed = 0;
    let contents = repo
        .read_at("", &files, crate::load::MAX_FILE_SIZE)
        .unwrap_or_default();
    for (f, bytes) in files.iter().zip(contents) {
        let Some(Ok(bytes)) = bytes else {
            continue;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        if crate::fmt::format(&text).is_ok_and(|formatted| formatted != text) {
            changed += 1;
            writeln!(io.out, "{}", ctx.shown(&repo.root.join(f)))?;
        }
    }
    Ok(if changed > 0 {
        Exit::Findings
    } else {
        Exit::Ok
    })
}
