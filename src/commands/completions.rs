//! `moc completions SHELL`: a completion script, from the same clap definition as `--help`.

use clap::Args as ClapArgs;

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "Дополнение команд по Tab для оболочки: bash, zsh, fish, powershell",
        "Tab completion for a shell: bash, zsh, fish, powershell"
    ),
    long_about = t(
        "Дополнение команд по Tab для оболочки: bash, zsh, fish, powershell\n\n\
Примеры:\n  \
  moc completions bash > ~/.local/share/bash-completion/completions/moc\n  \
  moc completions zsh > ~/.zfunc/_moc\n  \
  moc completions fish > ~/.config/fish/completions/moc.fish\n  \
  moc completions powershell >> $PROFILE",
        "Tab completion for a shell: bash, zsh, fish, powershell\n\n\
Examples:\n  \
  moc completions bash > ~/.local/share/bash-completion/completions/moc\n  \
  moc completions zsh > ~/.zfunc/_moc\n  \
  moc completions fish > ~/.config/fish/completions/moc.fish\n  \
  moc completions powershell >> $PROFILE"
    )
)]
pub(crate) struct Args {
    #[arg(value_enum, value_name = t("ОБОЛОЧКА", "SHELL"), help = t("Оболочка: bash, zsh, fish, powershell, elvish", "The shell: bash, zsh, fish, powershell, elvish"))]
    pub(crate) shell: clap_complete::Shell,
}

// every command returns the same type, for the one dispatch
#[allow(clippy::unnecessary_wraps)]
pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let mut cmd = crate::app::help::command(ctx.lang);
    clap_complete::generate(args.shell, &mut cmd, "moc", io.out);
    Ok(Exit::Ok)
}
