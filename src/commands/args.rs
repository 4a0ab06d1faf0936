//! Arguments several commands share, and the parsers of argument values. Values take what plan
//! files take: dates as `2026-06-18` or `18.06.2026`, months as `9`, `сентябрь`, `сент.`,
//! `2026-09`.

use chrono::NaiveDate;
use clap::Args;

use crate::app::help::t;
use crate::deadline::PlanYear;
use crate::evaluate::State;
use crate::view::Filter;

/// Filters shared by the commands that list items.
#[derive(Debug, Args, Clone, Default)]
pub(crate) struct FilterArgs {
    #[arg(
        long, value_name = t("РАЗДЕЛ", "SECTION"),
        help = t(
            "Только раздел(ы) с этим номером: 1, IV (можно несколько раз)",
            "Only the section(s) with this number: 1, IV (may be repeated)"
        )
    )]
    pub(crate) section: Vec<String>,

    #[arg(
        long, value_name = t("ИМЯ", "NAME"),
        help = t(
            "Только мероприятия этого ответственного (имя или псевдоним из списка; можно несколько раз)",
            "Only the items of this responsible (a roster name or alias; may be repeated)"
        )
    )]
    pub(crate) responsible: Vec<String>,

    #[arg(
        long, value_parser = parse_state, value_name = t("СОСТОЯНИЕ", "STATE"),
        help = t(
            "Только в этом состоянии: overdue, due_soon, in_progress, not_started, year_round, \
             on_demand, postponed, partly_done, done, cancelled, unknown (можно несколько раз)",
            "Only items in this state: overdue, due_soon, in_progress, not_started, year_round, \
             on_demand, postponed, partly_done, done, cancelled, unknown (may be repeated)"
        )
    )]
    pub(crate) state: Vec<State>,

    #[arg(
        long, value_parser = parse_date, value_name = t("ДАТА", "DATE"),
        help = t(
            "Только мероприятия, срок которых захватывает период с этой даты (ГГГГ-ММ-ДД)",
            "Only items whose deadline meets the period from this date (YYYY-MM-DD)"
        )
    )]
    pub(crate) from: Option<NaiveDate>,

    #[arg(
        long, value_parser = parse_date, value_name = t("ДАТА", "DATE"),
        help = t("…и по эту дату (ГГГГ-ММ-ДД)", "…and up to this date (YYYY-MM-DD)")
    )]
    pub(crate) to: Option<NaiveDate>,

    #[arg(
        long, value_parser = parse_month_arg, value_name = t("МЕСЯЦ", "MONTH"),
        help = t(
            "Только мероприятия, срок которых захватывает месяц: 9, сентябрь, 2026-09",
            "Only items whose deadline meets the month: 9, September, 2026-09"
        )
    )]
    pub(crate) month: Option<(Option<i32>, u32)>,

    #[command(flatten)]
    pub(crate) plans: PlanArgs,
}

/// A period from `--from` to `--to` must not end before it starts.
pub(crate) fn check_period(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    lang: crate::i18n::Lang,
) -> Result<(), crate::app::CommandError> {
    match (from, to) {
        (Some(f), Some(t)) if f > t => Err(crate::app::CommandError::user(crate::tr!(
            lang,
            "период --from {f} — --to {t} кончается раньше, чем начинается",
            "the period --from {f} — --to {t} ends before it starts"
        ))
        .hint(lang.pick("поменяйте даты местами", "swap the dates"))),
        _ => Ok(()),
    }
}

impl FilterArgs {
    /// The filter these options ask for; a period that ends before it starts is refused.
    pub(crate) fn to_filter(
        &self,
        lang: crate::i18n::Lang,
    ) -> Result<Filter, crate::app::CommandError> {
        check_period(self.from, self.to, lang)?;
        Ok(Filter {
            sections: self.section.clone(),
            responsibles: self.responsible.clone(),
            states: self.state.clone(),
            from: self.from,
            to: self.to,
            month: self.month,
        })
    }
}

/// Which plans of a repository: a year, a revision.
#[derive(Debug, Args, Clone, Default)]
pub(crate) struct PlanArgs {
    #[arg(
        long = "year", value_name = t("ГОД", "YEAR"),
        help = t(
            "Только планы этого года (в региональном репозитории; по умолчанию — год из moc.toml)",
            "Only the plans of this year (in a regional repository; default: the year in moc.toml)"
        )
    )]
    pub(crate) year: Option<i32>,

    #[arg(
        long, value_name = t("РЕВИЗИЯ", "REV"),
        help = t(
            "Планы такими, какими они были в ревизии git (коммит, тег, HEAD~1)",
            "The plans as they were at a git revision (a commit, a tag, HEAD~1)"
        )
    )]
    pub(crate) at: Option<String>,
}

/// Output formats of item lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ListFormat {
    Table,
    Json,
    Csv,
    Markdown,
    /// An Excel workbook, one row per item (needs -o or a redirect)
    Xlsx,
}

/// The paths of plans a command reads (`plans/` by default).
pub(crate) fn paths_help() -> &'static str {
    t(
        "Файлы планов или папки с ними (по умолчанию plans/)",
        "Plan files or folders of them (default: plans/)",
    )
}

/// `2026-10-01`, `01.10.2026`, `1.10.26`.
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::load::parse_date_text(s).ok_or_else(|| {
        format!(
            "«{s}»: нужна дата вида 2026-10-01 или 01.10.2026 / a date like 2026-10-01 or 01.10.2026 is expected"
        )
    })
}

pub(crate) fn parse_state(s: &str) -> Result<State, String> {
    State::parse(s).ok_or_else(|| {
        let ids: Vec<&str> = State::ALL.iter().map(|s| s.id()).collect();
        format!("«{s}»: состояние бывает / states are: {}", ids.join(", "))
    })
}

pub(crate) fn parse_month_arg(s: &str) -> Result<(Option<i32>, u32), String> {
    crate::view::parse_month(s).ok_or_else(|| {
        format!(
            "«{s}»: нужен месяц: 9, сентябрь или 2026-09 / a month like 9, September or 2026-09 is expected"
        )
    })
}

pub(crate) fn parse_plan_year(s: &str) -> Result<PlanYear, String> {
    PlanYear::parse(s).ok_or_else(|| {
        format!(
            "«{s}»: нужен год вида 2026 или 2026/2027 / a year like 2026 or 2026/2027 is expected"
        )
    })
}
