//! `moc calendar`: the deadlines of the plans (filtered as in `moc status`) as an iCalendar file.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::args::FilterArgs;
use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;

/// Days before the due date a reminder goes off when `--remind` is not given.
pub(crate) const REMIND_DAYS: u32 = 3;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "Сроки в календарь телефона или компьютера: файл iCalendar (.ics)",
        "Deadlines for a phone or desktop calendar: an iCalendar (.ics) file"
    ),
    long_about = t(
        "Сроки в календарь телефона или компьютера: файл iCalendar (.ics)\n\n\
Событие на весь день на каждый срок: у ежемесячной работы — на каждый месяц, у нескольких\n\
дат — на каждую, и у каждого своё состояние: месяц с записью о ходе работы — «выполнено»,\n\
пропущенный — «просрочено», будущий — «запланировано». Срок-период («Апрель – май 2026г.»)\n\
становится событием с первого дня по срок, срок-дата — событием на один день. Напоминание —\n\
за 3 дня до срока в 9:00 (--remind). Круглогодичного и «по запросу» в календаре нет: у них\n\
нет дня срока. Повторный импорт файла обновляет события, а не удваивает их.\n\n\
Примеры:\n  \
  moc calendar -o план.ics\n  \
  moc calendar plans/mosalsk-2026.toml --responsible методист -o методист.ics\n  \
  moc calendar --state overdue --state due_soon -o срочное.ics\n  \
  moc calendar --remind 7 -o план.ics          # напоминать за неделю; --remind 0 — без напоминаний",
        "Deadlines for a phone or desktop calendar: an iCalendar (.ics) file\n\n\
An all-day event on every due date: monthly work gets one a month, several dates one each,\n\
each with its own state: a month with a progress entry is «done», a missed one «overdue», one\n\
ahead «planned». A period («Апрель – май 2026г.») is an event from its first day to the due\n\
date, a date is one day. A reminder goes off 3 days before the due date at 9:00 (--remind).\n\
Year-round and on-demand work is left out: it has no due day. Importing the file again\n\
updates the events instead of doubling them.\n\n\
Examples:\n  \
  moc calendar -o plan.ics\n  \
  moc calendar plans/mosalsk-2026.toml --responsible методист -o methodist.ics\n  \
  moc calendar --state overdue --state due_soon -o urgent.ics\n  \
  moc calendar --remind 7 -o plan.ics          # a week ahead; --remind 0: no reminders"
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

    #[arg(long, value_name = t("ДНЕЙ", "DAYS"), default_value_t = REMIND_DAYS, help = t(
        "Напоминание за столько дней до срока, в 9:00; 0 — без напоминаний",
        "A reminder this many days before the due date, at 9:00; 0: no reminders"
    ))]
    pub(crate) remind: u32,
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
        let ics = crate::render::ics::calendar(&ws.plans, &rows, ctx.as_of, args.remind, ctx.lang);
        crate::app::output::emit(
            args.output.as_deref(),
            &[ics.text.as_bytes()],
            false,
            &ws.files(),
            ("календарь записан в", "the calendar is written to"),
            ctx,
            io,
        )?;
        say_left_out(&ics, ctx, io)?;
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

/// «заметка: …» on standard error for the items the calendar has no event for, and why.
#[cfg(feature = "ics")]
fn say_left_out(
    ics: &crate::render::ics::Ics,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> Result<(), CommandError> {
    let lang = ctx.lang;
    let mut parts = Vec::new();
    if ics.year_round > 0 {
        parts.push(crate::tr!(
            lang,
            "круглогодичные мероприятия ({}): их срок — весь год, а не день",
            "year-round items ({}): their deadline is the whole year, not a day",
            ics.year_round
        ));
    }
    if ics.on_demand > 0 {
        parts.push(crate::tr!(
            lang,
            "мероприятия по запросу ({}): у них нет срока",
            "items on demand ({}): they have no deadline",
            ics.on_demand
        ));
    }
    if !parts.is_empty() {
        writeln!(
            io.err,
            "{} {}",
            lang.pick(
                "заметка: в календарь не вошли",
                "note: the calendar leaves out"
            ),
            parts.join("; ")
        )?;
    }
    Ok(())
}
