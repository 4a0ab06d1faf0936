//! `moc deadline PHRASE`: what moc understands of a deadline phrase.

use chrono::Datelike;
use clap::Args as ClapArgs;

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::deadline::{Deadline, PlanYear};

#[derive(Debug, ClapArgs)]
#[command(
    about = t("Показать, как moc понимает срок", "Show how moc understands a deadline"),
    long_about = t(
        "Показать, как moc понимает срок\n\n\
Примеры:\n  \
  moc deadline \"Апрель – май 2026г.\"\n  \
  moc deadline \"ежемесячно\" --year 2026 --format json\n  \
  moc deadline \"сентябрь - май\" --year 2026/2027",
        "Show how moc understands a deadline\n\n\
Examples:\n  \
  moc deadline \"Апрель – май 2026г.\"\n  \
  moc deadline \"ежемесячно\" --year 2026 --format json\n  \
  moc deadline \"сентябрь - май\" --year 2026/2027"
    )
)]
pub(crate) struct Args {
    #[arg(
        value_name = t("СРОК", "DEADLINE"),
        help = t("Срок так, как он написан в плане (в кавычках)", "The deadline as the plan writes it (in quotes)")
    )]
    pub(crate) phrase: String,

    #[arg(
        long, value_parser = super::args::parse_plan_year, value_name = t("ГОД", "YEAR"),
        help = t(
            "Год плана: 2026 или учебный 2026/2027 (по умолчанию — текущий год)",
            "The plan's year: 2026, or an academic year 2026/2027 (default: this year)"
        )
    )]
    pub(crate) year: Option<PlanYear>,

    #[arg(
        long, value_enum, default_value_t = Format::Table, value_name = t("ФОРМАТ", "FORMAT"),
        help = t("Формат вывода: table или json", "Output format: table or json")
    )]
    pub(crate) format: Format,
}

/// Output formats of `moc deadline`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Table,
    Json,
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    use crate::render::deadline as r;
    let year = args.year.unwrap_or(PlanYear::Calendar(ctx.as_of.year()));
    match Deadline::parse(&args.phrase, year) {
        Ok(d) => {
            match args.format {
                Format::Json => r::json(&d, io.out)?,
                Format::Table => r::describe(&d, year, ctx.lang, io.out)?,
            }
            Ok(Exit::Ok)
        }
        Err(e) => {
            match args.format {
                // data for a program: on standard output, as the answer
                Format::Json => r::refusal_json(&args.phrase, &e, ctx.lang, io.out)?,
                Format::Table => {
                    r::refusal(&args.phrase, &e, ctx.lang, ctx.term.err_color, io.err)?;
                }
            }
            Ok(Exit::Findings)
        }
    }
}
