//! `moc hook install`: a git pre-commit hook that checks the plans staged for commit.

use clap::{Args as ClapArgs, Subcommand};

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::tr;

#[derive(Debug, ClapArgs)]
#[command(
    about = t("Хук git: проверка планов перед каждым коммитом", "A git hook: plans are checked before every commit"),
    long_about = t(
        "Хук git: проверка планов перед каждым коммитом\n\nПример:\n  moc hook install",
        "A git hook: plans are checked before every commit\n\nExample:\n  moc hook install"
    )
)]
pub(crate) struct Args {
    #[command(subcommand)]
    pub(crate) command: HookCommand,
}

/// What to do with the hook.
#[derive(Debug, Subcommand)]
pub(crate) enum HookCommand {
    Install(InstallArgs),
}

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "Установить хук pre-commit: moc check и moc fmt --check для планов, готовых к коммиту",
        "Install the pre-commit hook: moc check and moc fmt --check on the plans staged for commit"
    ),
    long_about = t(
        "Установить хук pre-commit: moc check и moc fmt --check для планов, готовых к коммиту\n\n\
Существующий хук не перезаписывается. Пример:\n  moc hook install",
        "Install the pre-commit hook: moc check and moc fmt --check on the plans staged for commit\n\n\
An existing hook is not overwritten. Example:\n  moc hook install"
    )
)]
pub(crate) struct InstallArgs {
    #[arg(long, help = t("Только показать текст хука, ничего не записывая", "Only show the hook's text, write nothing"))]
    pub(crate) print: bool,
}

/// A string as a POSIX shell word: in single quotes, a quote inside written as `'\''`.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// The pre-commit hook moc installs: moc from `$MOC`, else from PATH, else where it was run
/// from (quoted as a shell word, whatever its path holds).
fn hook_script(moc: &str) -> String {
    let fallback = shell_quote(moc);
    format!(
        "#!/bin/sh\n\
         # moc: проверка планов перед коммитом (установлено командой «moc hook install»).\n\
         # Проверяются планы, подготовленные к коммиту (git add); коммит отменяется, если в них ошибки.\n\
         MOC=\"${{MOC:-moc}}\"\n\
         command -v \"$MOC\" >/dev/null 2>&1 || MOC={fallback}\n\
         \"$MOC\" check --staged || exit 1\n\
         \"$MOC\" fmt --check --staged || {{ echo 'moc: приведите планы к единому виду: moc fmt' >&2; exit 1; }}\n"
    )
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let HookCommand::Install(args) = &args.command;
    let lang = ctx.lang;
    let moc =
        std::env::current_exe().map_or_else(|_| "moc".to_owned(), |p| p.display().to_string());
    let script = hook_script(&moc);
    if args.print {
        io.out.write_all(script.as_bytes())?;
        return Ok(Exit::Ok);
    }
    let repo = crate::git::Repo::discover(&ctx.cwd).map_err(|e| super::git_error(&e, ctx))?;
    let path = repo
        .hook_path("pre-commit")
        .map_err(|e| super::git_error(&e, ctx))?;
    let shown = ctx.shown(&path);
    if path.exists() {
        return Err(CommandError::user(tr!(
            lang,
            "хук {shown} уже есть — moc его не перезаписывает; добавьте в него строку «moc check --staged» (текст хука: moc hook install --print)",
            "the hook {shown} exists — moc does not overwrite it; add the line «moc check --staged» to it (the hook's text: moc hook install --print)"
        )));
    }
    let cannot = |e| {
        CommandError::io(
            tr!(lang, "не удалось записать {shown}", "cannot write {shown}"),
            e,
        )
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(cannot)?;
    }
    std::fs::write(&path, script).map_err(cannot)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).map_err(cannot)?;
    }
    writeln!(
        io.out,
        "{}",
        tr!(
            lang,
            "установлен хук {shown}: перед каждым коммитом планы проверяются (moc check --staged)",
            "installed the hook {shown}: plans are checked before every commit (moc check --staged)"
        )
    )?;
    Ok(Exit::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_is_one_shell_word() {
        let s = hook_script("/opt/it's \"moc\"/$(rm -rf x)/moc");
        assert!(
            s.contains("MOC='/opt/it'\\''s \"moc\"/$(rm -rf x)/moc'"),
            "{s}"
        );
    }
}
