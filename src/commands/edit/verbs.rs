//! The verbs that change one item: `done`, `start`, `partly`, `reopen`, `postpone`, `cancel`,
//! `progress` — each its arguments and the change it asks of [`crate::edit`].

use chrono::NaiveDate;
use clap::Args;

use super::Target;
use crate::app::help::t;
use crate::commands::{CommandError, Ctx, Exit, Io};
use crate::deadline::Deadline;
use crate::edit::Op;
use crate::i18n;
use crate::model::Plan;
use crate::tr;

#[derive(Debug, Args)]
#[command(
    about = t("Отметить мероприятие выполненным", "Mark an item done"),
    long_about = t(
        "Отметить мероприятие выполненным\n\n\
Примеры:\n  \
  moc done 1.3 --result \"Итоги представлены на совещании руководителей ОО\"\n  \
  moc done 1.3 --date 2026-06-18 --dry-run",
        "Mark an item done\n\n\
Examples:\n  \
  moc done 1.3 --result \"The results were presented to the heads of schools\"\n  \
  moc done 1.3 --date 2026-06-18 --dry-run"
    )
)]
pub(crate) struct DoneArgs {
    #[command(flatten)]
    pub(crate) target: Target,
    #[arg(long, value_name = t("ТЕКСТ", "TEXT"), help = t("Результат исполнения (графа отчёта)", "The result (the report's column)"))]
    pub(crate) result: Option<String>,
    #[arg(
        long, value_parser = crate::commands::args::parse_date, value_name = t("ДАТА", "DATE"),
        help = t("Дата выполнения (по умолчанию — сегодня или --as-of)", "The date it was done (default: today or --as-of)")
    )]
    pub(crate) date: Option<NaiveDate>,
}

#[derive(Debug, Args)]
#[command(
    about = t("Отметить мероприятие начатым (в работе)", "Mark an item started (in progress)"),
    long_about = t(
        "Отметить мероприятие начатым (в работе)\n\nПример:\n  moc start 2.2",
        "Mark an item started (in progress)\n\nExample:\n  moc start 2.2"
    )
)]
pub(crate) struct StartArgs {
    #[command(flatten)]
    pub(crate) target: Target,
}

#[derive(Debug, Args)]
#[command(
    about = t("Отметить мероприятие выполненным частично", "Mark an item partly done"),
    long_about = t(
        "Отметить мероприятие выполненным частично\n\n\
Пример:\n  moc partly 2.4 --result \"Подготовлены 2 программы из 3\"",
        "Mark an item partly done\n\n\
Example:\n  moc partly 2.4 --result \"2 of 3 programmes prepared\""
    )
)]
pub(crate) struct PartlyArgs {
    #[command(flatten)]
    pub(crate) target: Target,
    #[arg(long, value_name = t("ТЕКСТ", "TEXT"), help = t("Что выполнено (обязательно)", "What was done (required)"))]
    pub(crate) result: String,
    #[arg(
        long, value_parser = crate::commands::args::parse_date, value_name = t("ДАТА", "DATE"),
        help = t("Дата (по умолчанию — сегодня или --as-of)", "The date (default: today or --as-of)")
    )]
    pub(crate) date: Option<NaiveDate>,
}

#[derive(Debug, Args)]
#[command(
    about = t(
        "Вернуть мероприятие в план: снять отметки о выполнении, переносе, отмене",
        "Put an item back into the plan: clear done, postponed and cancelled marks"
    ),
    long_about = t(
        "Вернуть мероприятие в план: снять отметки о выполнении, переносе, отмене\n\n\
Пример:\n  moc reopen 1.3",
        "Put an item back into the plan: clear done, postponed and cancelled marks\n\n\
Example:\n  moc reopen 1.3"
    )
)]
pub(crate) struct ReopenArgs {
    #[command(flatten)]
    pub(crate) target: Target,
}

#[derive(Debug, Args)]
#[command(
    about = t("Перенести мероприятие на новый срок", "Postpone an item to a new deadline"),
    long_about = t(
        "Перенести мероприятие на новый срок\n\n\
Пример:\n  moc postpone 3.4 --to \"Январь 2027г.\" --reason \"Договоры не подписаны\"",
        "Postpone an item to a new deadline\n\n\
Example:\n  moc postpone 3.4 --to \"Январь 2027г.\" --reason \"The agreements are not signed\""
    )
)]
pub(crate) struct PostponeArgs {
    #[command(flatten)]
    pub(crate) target: Target,
    #[arg(long, value_name = t("СРОК", "DEADLINE"), help = t("Новый срок — фраза, как в графе «Срок»", "The new deadline, a phrase as in the deadline column"))]
    pub(crate) to: String,
    #[arg(long, value_name = t("ТЕКСТ", "TEXT"), help = t("Причина переноса", "Why it is postponed"))]
    pub(crate) reason: String,
}

#[derive(Debug, Args)]
#[command(
    about = t("Отменить мероприятие", "Cancel an item"),
    long_about = t(
        "Отменить мероприятие\n\n\
Пример:\n  moc cancel 2.3 --reason \"Конкурс в 2026 году не проводился\"",
        "Cancel an item\n\n\
Example:\n  moc cancel 2.3 --reason \"The contest was not held in 2026\""
    )
)]
pub(crate) struct CancelArgs {
    #[command(flatten)]
    pub(crate) target: Target,
    #[arg(long, value_name = t("ТЕКСТ", "TEXT"), help = t("Причина отмены", "Why it is cancelled"))]
    pub(crate) reason: String,
}

#[derive(Debug, Args)]
#[command(
    about = t(
        "Записать ход работы (для ежемесячных и круглогодичных мероприятий)",
        "Record progress (for monthly and year-round work)"
    ),
    long_about = t(
        "Записать ход работы (для ежемесячных и круглогодичных мероприятий)\n\n\
Пример:\n  moc progress 1.8 \"3 публикации о записи в объединения\" --date 2026-01-28",
        "Record progress (for monthly and year-round work)\n\n\
Example:\n  moc progress 1.8 \"3 posts about enrolment\" --date 2026-01-28"
    )
)]
pub(crate) struct ProgressArgs {
    #[command(flatten)]
    pub(crate) target: Target,
    #[arg(value_name = t("ТЕКСТ", "TEXT"), help = t("Что сделано", "What was done"))]
    pub(crate) text: String,
    #[arg(
        long, value_parser = crate::commands::args::parse_date, value_name = t("ДАТА", "DATE"),
        help = t("Дата (по умолчанию — сегодня или --as-of)", "The date (default: today or --as-of)")
    )]
    pub(crate) date: Option<NaiveDate>,
    #[arg(
        long = "for", value_name = t("ПЕРИОД", "PERIOD"),
        help = t(
            "За какой период запись: май, сент., 2026-05, II квартал (по умолчанию — период даты)",
            "The period the entry is for: May, Sept, 2026-05, II квартал (default: the date's period)"
        )
    )]
    pub(crate) period: Option<String>,
}

#[derive(Debug, Args)]
#[command(
    about = t(
        "Записать причину: почему пропущен период или не выполнено мероприятие (состояние не меняется)",
        "Record a reason: why a period was missed or an item is not done (its status stays)"
    ),
    long_about = t(
        "Записать причину: почему пропущен период или не выполнено мероприятие (состояние не меняется)\n\n\
Причина попадает в отчёт. У периодического мероприятия без --for — первый пропущенный период\n\
без причины.\n\n\
Примеры:\n  \
  moc note 1.8 \"Отпуск методиста\" --for май\n  \
  moc note 1.4 \"Ждём данных от образовательных организаций\"",
        "Record a reason: why a period was missed or an item is not done (its status stays)\n\n\
The reason goes into the report. For recurring work without --for: the first missed period\n\
without a reason.\n\n\
Examples:\n  \
  moc note 1.8 \"The methodist was on leave\" --for май\n  \
  moc note 1.4 \"Waiting for the schools' data\""
    )
)]
pub(crate) struct NoteArgs {
    #[command(flatten)]
    pub(crate) target: Target,
    #[arg(value_name = t("ТЕКСТ", "TEXT"), help = t("Причина", "The reason"))]
    pub(crate) text: String,
    #[arg(
        long = "for", value_name = t("ПЕРИОД", "PERIOD"),
        help = t(
            "Пропущенный период: май, сент., 2026-05, II квартал",
            "The missed period: May, Sept, 2026-05, II квартал"
        )
    )]
    pub(crate) period: Option<String>,
}

fn day(ctx: &Ctx, d: NaiveDate) -> String {
    i18n::short_date(ctx.lang, d)
}

/// `--for PERIOD`, understood in a plan of `year`, or a clear refusal.
fn period_arg(
    s: &str,
    year: crate::deadline::PlanYear,
    lang: i18n::Lang,
) -> Result<(NaiveDate, String), CommandError> {
    crate::commands::args::period_of_text(s, year).ok_or_else(|| {
        CommandError::user(tr!(
            lang,
            "период «{s}» не понят",
            "the period «{s}» is not understood"
        ))
        .hint(lang.pick(
            "пишите месяц (май, сент., 2026-05), квартал (II квартал) или дату внутри периода (15.05.2026)",
            "write a month (May, 2026-05), a quarter (II квартал) or a day inside the period (15.05.2026)",
        ))
    })
}

/// What a verb asks of [`crate::edit`] once its item is found (given the plan and the item's
/// label): the operation and the line to report — or why it cannot be done. The command line and
/// the web page's forms build their changes here.
pub(crate) type Change<'a> =
    Box<dyn FnOnce(&Plan, &str) -> Result<(Op, String), CommandError> + 'a>;

pub(crate) fn note(args: &NoteArgs, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    super::edit_item(&args.target, ctx, io, note_change(args, ctx))
}

pub(crate) fn note_change<'a>(args: &'a NoteArgs, ctx: &'a Ctx) -> Change<'a> {
    let lang = ctx.lang;
    let as_of = ctx.as_of;
    Box::new(move |plan, what| {
        let item = plan
            .items()
            .map(|(_, i)| i)
            .find(|i| i.number == crate::model::Number::parse(&args.target.id));
        let recurring = item
            .and_then(|i| i.effective_deadline())
            .is_some_and(crate::deadline::Deadline::is_multi);
        let period = match &args.period {
            Some(p) => {
                let (day, stored) = period_arg(p, plan.year, lang)?;
                Some((day, stored))
            }
            // recurring work: the first missed period that has no reason yet
            None if recurring => item.and_then(|i| {
                let e = crate::evaluate::evaluate(i, as_of, 0, plan.year);
                e.missed
                    .iter()
                    .find(|o| {
                        !i.missed
                            .iter()
                            .any(|m| m.period >= o.start && m.period <= o.end.max(o.due))
                    })
                    .map(|o| (o.start, o.start.format("%Y-%m").to_string()))
            }),
            None => None,
        };
        let line = match &period {
            Some((d, _)) => tr!(
                lang,
                "{what} — причина пропуска ({}) записана",
                "{what} — the reason for the missed period ({}) is recorded",
                crate::i18n::month_name(lang, chrono::Datelike::month(d))
            ),
            None => tr!(
                lang,
                "{what} — причина записана",
                "{what} — the reason is recorded"
            ),
        };
        Ok((
            Op::Note {
                text: args.text.clone(),
                period: period.map(|(_, s)| s),
            },
            line,
        ))
    })
}

pub(crate) fn done(args: &DoneArgs, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let exit = super::edit_item(&args.target, ctx, io, done_change(args, ctx))?;
    if args.result.is_none() && !args.target.dry_run {
        // after the edit: a refused edit is not followed by advice about a result
        writeln!(
            io.err,
            "{}",
            ctx.lang.pick(
                "заметка: результат не записан — добавьте --result \"…\": это графа «Результат исполнения» отчёта",
                "note: no result recorded — add --result \"…\": it is the report's result column"
            )
        )?;
    }
    Ok(exit)
}

pub(crate) fn done_change<'a>(args: &'a DoneArgs, ctx: &'a Ctx) -> Change<'a> {
    let d = args.date.unwrap_or(ctx.as_of);
    Box::new(move |_, what| {
        Ok((
            Op::Done {
                result: args.result.clone(),
                date: d,
            },
            tr!(
                ctx.lang,
                "{what} — выполнено {}",
                "{what} — done on {}",
                day(ctx, d)
            ),
        ))
    })
}

pub(crate) fn start(args: &StartArgs, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    super::edit_item(&args.target, ctx, io, start_change(ctx))
}

pub(crate) fn start_change(ctx: &Ctx) -> Change<'_> {
    Box::new(move |_, what| {
        Ok((
            Op::Start,
            tr!(ctx.lang, "{what} — в работе", "{what} — in progress"),
        ))
    })
}

pub(crate) fn partly(args: &PartlyArgs, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    super::edit_item(&args.target, ctx, io, partly_change(args, ctx))
}

pub(crate) fn partly_change<'a>(args: &'a PartlyArgs, ctx: &'a Ctx) -> Change<'a> {
    let d = args.date.unwrap_or(ctx.as_of);
    Box::new(move |_, what| {
        Ok((
            Op::Partly {
                result: args.result.clone(),
                date: d,
            },
            tr!(
                ctx.lang,
                "{what} — выполнено частично {}",
                "{what} — partly done on {}",
                day(ctx, d)
            ),
        ))
    })
}

pub(crate) fn reopen(args: &ReopenArgs, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    super::edit_item(&args.target, ctx, io, reopen_change(ctx))
}

pub(crate) fn reopen_change(ctx: &Ctx) -> Change<'_> {
    Box::new(move |_, what| {
        Ok((
            Op::Reopen,
            tr!(
                ctx.lang,
                "{what} — снова запланировано",
                "{what} — planned again"
            ),
        ))
    })
}

pub(crate) fn postpone(
    args: &PostponeArgs,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> Result<Exit, CommandError> {
    super::edit_item(&args.target, ctx, io, postpone_change(args, ctx))
}

pub(crate) fn postpone_change<'a>(args: &'a PostponeArgs, ctx: &'a Ctx) -> Change<'a> {
    let lang = ctx.lang;
    Box::new(move |plan, what| {
        let to = &args.to;
        if let Err(e) = Deadline::parse(to, plan.year) {
            let forms = e
                .suggestions
                .iter()
                .map(|s| format!("«{s}»"))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(CommandError::user(tr!(
                lang,
                "новый срок «{to}» не понят: {}; понятные формы: {forms}",
                "the new deadline «{to}» is not understood: {}; forms moc understands: {forms}",
                e.message(lang)
            )));
        }
        Ok((
            Op::Postpone {
                to: to.clone(),
                reason: args.reason.clone(),
            },
            tr!(
                lang,
                "{what} — перенесено на «{to}»",
                "{what} — postponed to «{to}»"
            ),
        ))
    })
}

pub(crate) fn cancel(args: &CancelArgs, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    super::edit_item(&args.target, ctx, io, cancel_change(args, ctx))
}

pub(crate) fn cancel_change<'a>(args: &'a CancelArgs, ctx: &'a Ctx) -> Change<'a> {
    Box::new(move |_, what| {
        Ok((
            Op::Cancel {
                reason: args.reason.clone(),
            },
            tr!(ctx.lang, "{what} — отменено", "{what} — cancelled"),
        ))
    })
}

pub(crate) fn progress(
    args: &ProgressArgs,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> Result<Exit, CommandError> {
    super::edit_item(&args.target, ctx, io, progress_change(args, ctx))
}

pub(crate) fn progress_change<'a>(args: &'a ProgressArgs, ctx: &'a Ctx) -> Change<'a> {
    let d = args.date.unwrap_or(ctx.as_of);
    Box::new(move |plan, what| {
        let period = match &args.period {
            Some(p) => Some(period_arg(p, plan.year, ctx.lang)?.1),
            None => None,
        };
        Ok((
            Op::Progress {
                date: d,
                text: args.text.clone(),
                period,
            },
            tr!(
                ctx.lang,
                "{what} — запись о ходе работы от {} добавлена",
                "{what} — progress entry of {} added",
                day(ctx, d)
            ),
        ))
    })
}
