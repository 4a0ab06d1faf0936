//! `moc calendar`: the deadlines of the plans (filtered as in `moc status`) as an iCalendar file.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::args::FilterArgs;
use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "Сроки в календарь телефона или компьютера: файл iCalendar (.ics)",
        "Deadlines for a phone or desktop calendar: an iCalendar (.ics) file"
    ),
    long_about = t(
        "Сроки в календарь телефона или компьютера: файл iCalendar (.ics)\n\n\
Событие на весь день на каждый срок: у ежемесячной работы — на каждый месяц, у нескольких\n\
дат — на каждую. В описании — номер, ответственные и состояние. Повторный импорт файла\n\
обновляет события, а не удваивает их.\n\n\
Примеры:\n  \
  moc calendar -o план.ics\n  \
  moc calendar plans/mosalsk-2026.toml --responsible методист -o методист.ics\n  \
  moc calendar --state overdue --state due_soon -o срочное.ics",
        "Deadlines for a phone or desktop calendar: an iCalendar (.ics) file\n\n\
An all-day event on every due date: monthly work gets one a month, several dates one each.\n\
The description holds the number, the responsibles and the state. Importing the file again\n\
updates the events instead of doubling them.\n\n\
Examples:\n  \
  moc calendar -o plan.ics\n  \
  moc calendar plans/mosalsk-2026.toml --responsible методист -o methodist.ics\n  \
  moc calendar --state overdue --state due_soon -o urgent.ics"
    )
)]
pub(crate) struct Args {
    #[arg(value_name = t("ПУТЬ", "PATH"), help = super::args::paths_help())]
    pub(crate) paths: Vec<PathBuf>,

    #[command(flatten)]
    pub(crate) filter: FilterArgs,

    #[arg(short, long, value_name = t("ФАЙЛ", "FILE"), help = t(
        "Записать календарь в файл .ics (иначе — на экран)",
        "Write the calendar to an .ics file (else to the screen)"
    ))]
    pub(crate) output: Option<PathBuf>,
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    #[cfg(feature = "ics")]
    {
        #[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
        enum Ics {
            Ics,
        }
        super::args::format_for(
            None,
            args.output.as_deref(),
            &[("ics", Ics::Ics), ("ical", Ics::Ics)],
            Ics::Ics,
            ctx.lang,
        )?;
        let at = args.filter.plans.at.as_deref();
        let ws = super::read_all(
            super::selection(&args.paths, at),
            args.filter.plans.year,
            ctx,
            io,
        )?;
        let rows = crate::view::build(&ws.plans, &args.filter.to_filter(ctx.lang)?, ctx.as_of, 14)
            .map_err(|e| CommandError::user(e.message(ctx.lang)))?;
        let text = crate::render::ics::calendar(&ws.plans, &rows, ctx.as_of, ctx.lang);
        crate::app::output::emit(
            args.output.as_deref(),
            &[text.as_bytes()],
            false,
            &ws.files(),
            ("календарь записан в", "the calendar is written to"),
            ctx,
            io,
        )?;
        super::conclude(&ws.failures, &ws.plans, false, ctx, io)
    }
    #[cfg(not(feature = "ics"))]
    {
        let _ = (args, io);
        Err(CommandError::user(ctx.lang.pick(
            "moc собран без календарей (cargo feature «ics»)",
            "moc is built without calendars (cargo feature «ics»)",
        )))
    }
}
