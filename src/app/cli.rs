//! The command line: the options every command takes, the list of commands, and the one
//! dispatch. Each command's own arguments live beside its code in [`crate::commands`].

use std::ffi::OsString;

use chrono::NaiveDate;
use clap::error::ErrorKind;
use clap::{FromArgMatches, Parser, Subcommand};

use super::ctx::ColorChoice;
use super::help::{self, t};
use super::{CommandError, Ctx, Exit, Io};
use crate::commands::{self as c, edit};
use crate::i18n::Lang;

/// The whole command line.
#[derive(Debug, Parser)]
#[command(
    name = "moc",
    version,
    disable_help_subcommand = true,
    about = t(
        "план работы МОЦ в текстовых файлах: проверка, состояние, отчёт",
        "a МОЦ work plan in text files: checks, status, reports"
    ),
    long_about = t(
        "moc — план работы МОЦ в текстовых файлах: проверка, состояние, отчёт.\n\n\
         План — это файл TOML в папке plans/. moc проверяет его (moc check), понимает сроки так, \
         как их пишут в документах («Апрель – май 2026г.», «ежемесячно», «По запросу»), \
         показывает, где стоит год, и готовит отчёт.",
        "moc — a МОЦ work plan in text files: checks, status, reports.\n\n\
         A plan is a TOML file in plans/. moc checks it (moc check), understands deadlines the \
         way documents write them («Апрель – май 2026г.», «ежемесячно», «По запросу»), shows \
         where the year stands, and writes the report."
    )
)]
pub(crate) struct Cli {
    #[arg(
        long, global = true, value_parser = ["ru", "en"],
        value_name = t("ЯЗЫК", "LANG"),
        help = t(
            "Язык сообщений и отчётов: ru или en (по умолчанию — из LANG, иначе русский)",
            "Language of messages and reports: ru or en (default: from LANG, else Russian)"
        )
    )]
    pub(crate) lang: Option<String>,

    #[arg(
        long, global = true, value_enum, default_value_t = ColorChoice::Auto,
        value_name = t("КОГДА", "WHEN"),
        help = t(
            "Цвет: auto (только в терминале и без NO_COLOR), always, never",
            "Colour: auto (only on a terminal and without NO_COLOR), always, never"
        )
    )]
    pub(crate) color: ColorChoice,

    #[arg(
        long, global = true, value_parser = c::args::parse_date,
        value_name = t("ДАТА", "DATE"),
        help = t(
            "Считать сегодняшним днём эту дату (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ); по умолчанию — сегодня",
            "Take this date (YYYY-MM-DD or DD.MM.YYYY) as today; default: today"
        )
    )]
    pub(crate) as_of: Option<NaiveDate>,

    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Every command of moc, in the order `moc --help` lists them.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Check(c::check::Args),
    Deadline(c::deadline::Args),
    Status(c::status::Args),
    Overdue(c::overdue::Args),
    Report(c::report::Args),
    Render(c::render::Args),
    Done(edit::verbs::DoneArgs),
    Start(edit::verbs::StartArgs),
    Partly(edit::verbs::PartlyArgs),
    Reopen(edit::verbs::ReopenArgs),
    Postpone(edit::verbs::PostponeArgs),
    Cancel(edit::verbs::CancelArgs),
    Progress(edit::verbs::ProgressArgs),
    Note(edit::verbs::NoteArgs),
    Add(edit::add::Args),
    Section(edit::whole::SectionArgs),
    Responsible(edit::whole::ResponsibleArgs),
    Indicator(edit::whole::IndicatorArgs),
    Fmt(c::fmt::Args),
    Init(c::init::Args),
    Rollover(c::rollover::Args),
    Import(c::import::Args),
    Diff(c::diff::Args),
    Log(c::log::Args),
    Textconv(c::textconv::Args),
    Hook(c::hook::Args),
    Ci(c::ci::Args),
    Calendar(c::calendar::Args),
    Serve(c::serve::Args),
    Schema(c::schema::Args),
    Completions(c::completions::Args),
    Man(c::man::Args),
}

/// Run one command.
pub(crate) fn run(command: &Command, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    match command {
        Command::Check(a) => c::check::run(a, ctx, io),
        Command::Deadline(a) => c::deadline::run(a, ctx, io),
        Command::Status(a) => c::status::run(a, ctx, io),
        Command::Overdue(a) => c::overdue::run(a, ctx, io),
        Command::Report(a) => c::report::run(a, ctx, io),
        Command::Render(a) => c::render::run(a, ctx, io),
        Command::Done(a) => edit::verbs::done(a, ctx, io),
        Command::Start(a) => edit::verbs::start(a, ctx, io),
        Command::Partly(a) => edit::verbs::partly(a, ctx, io),
        Command::Reopen(a) => edit::verbs::reopen(a, ctx, io),
        Command::Postpone(a) => edit::verbs::postpone(a, ctx, io),
        Command::Cancel(a) => edit::verbs::cancel(a, ctx, io),
        Command::Progress(a) => edit::verbs::progress(a, ctx, io),
        Command::Note(a) => edit::verbs::note(a, ctx, io),
        Command::Add(a) => edit::add::run(a, ctx, io),
        Command::Section(a) => edit::whole::section(a, ctx, io),
        Command::Responsible(a) => edit::whole::responsible(a, ctx, io),
        Command::Indicator(a) => edit::whole::indicator(a, ctx, io),
        Command::Fmt(a) => c::fmt::run(a, ctx, io),
        Command::Init(a) => c::init::run(a, ctx, io),
        Command::Rollover(a) => c::rollover::run(a, ctx, io),
        Command::Import(a) => c::import::run(a, ctx, io),
        Command::Diff(a) => c::diff::run(a, ctx, io),
        Command::Log(a) => c::log::run(a, ctx, io),
        Command::Textconv(a) => c::textconv::run(a, ctx, io),
        Command::Hook(a) => c::hook::run(a, ctx, io),
        Command::Ci(a) => c::ci::run(a, ctx, io),
        Command::Calendar(a) => c::calendar::run(a, ctx, io),
        Command::Serve(a) => c::serve::run(a, ctx, io),
        Command::Schema(a) => c::schema::run(a, ctx, io),
        Command::Completions(a) => c::completions::run(a, ctx, io),
        Command::Man(a) => c::man::run(a, ctx, io),
    }
}

/// A command line understood.
pub(crate) struct Run {
    pub(crate) cli: Cli,
    pub(crate) lang: Lang,
}

/// What parsing the command line gave.
pub(crate) enum Parsed {
    Run(Box<Run>),
    /// Help or version text for standard output (exit 0).
    Print(String),
    /// A usage error for standard error (exit 2).
    Usage(String),
}

/// Parse the command line with help and errors in the user's language.
pub(crate) fn parse(args: &[OsString], lang: Lang) -> Parsed {
    // A command line that parses needs no help text: the command is read with the plain command
    // line (the same arguments), and only help, the version or an error build the whole
    // translated one (which takes longer than reading a small plan).
    if let Ok(m) = help::plain(lang).try_get_matches_from(args)
        && let Ok(cli) = Cli::from_arg_matches(&m)
    {
        let lang = cli.lang.as_deref().map_or(lang, Lang::from_locale);
        return Parsed::Run(Box::new(Run { cli, lang }));
    }
    match help::command(lang).try_get_matches_from(args) {
        Ok(m) => match Cli::from_arg_matches(&m) {
            Ok(cli) => {
                let lang = cli.lang.as_deref().map_or(lang, Lang::from_locale);
                Parsed::Run(Box::new(Run { cli, lang }))
            }
            Err(e) => Parsed::Usage(help::error(&e, args, lang)),
        },
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                Parsed::Print(e.render().to_string())
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                Parsed::Usage(e.render().to_string())
            }
            _ => Parsed::Usage(help::error(&e, args, lang)),
        },
    }
}
