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
            "Только в этом состоянии (можно несколько раз): overdue (просрочено), due_soon (скоро \
             срок), in_progress (в работе), not_started (не начато), year_round (в течение года), \
             on_demand (по запросу), postponed (перенесено), partly_done (выполнено частично), \
             done (выполнено), cancelled (отменено), unknown (срок не понят)",
            "Only items in this state (may be repeated): overdue, due_soon, in_progress, \
             not_started, year_round, on_demand, postponed, partly_done, done, cancelled, unknown"
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
            "Только мероприятия со сроком в этом месяце (или перенесённые в него и из него): 9, сентябрь, сент., 2026-09",
            "Only items due or held in the month (or postponed into or out of it): 9, September, Sept, 2026-09"
        )
    )]
    pub(crate) month: Option<(Option<i32>, u32)>,

    #[arg(long, help = t(
        "С --month, --from, --to: показать и круглогодичные мероприятия, и мероприятия по запросу",
        "With --month, --from, --to: show year-round and on-demand work too"
    ))]
    pub(crate) with_ongoing: bool,

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
            with_ongoing: self.with_ongoing,
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
        let ru: Vec<String> = State::ALL
            .iter()
            .map(|s| format!("{} ({})", s.id(), s.label(crate::i18n::Lang::Ru)))
            .collect();
        format!(
            "«{s}»: состояние бывает: {} / states are the ids",
            ru.join(", ")
        )
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

/// A period of recurring work as a user names it — a month («май», «сент.», «2026-05», «май
/// 2027»), a quarter («II квартал», «2 квартал»), or a day inside the period («15.05.2026») — in a
/// plan of `year`: the first day (or that day), and the form a plan file stores («2026-05»,
/// «2026-05-15»).
pub(crate) fn period_of_text(s: &str, year: PlanYear) -> Option<(NaiveDate, String)> {
    let s = s.trim();
    let cal = |m: u32| match year {
        PlanYear::Calendar(y) => y,
        PlanYear::Academic(y) => {
            if m >= 9 {
                y
            } else {
                y + 1
            }
        }
    };
    if let Some(d) = crate::load::parse_date_text(s)
        && s.len() > 7
    {
        return Some((d, d.format("%Y-%m-%d").to_string()));
    }
    if let Some((y, m)) = crate::view::parse_month(s) {
        let y = y.unwrap_or_else(|| cal(m));
        let d = NaiveDate::from_ymd_opt(y, m, 1)?;
        return Some((d, format!("{y}-{m:02}")));
    }
    // a quarter: «II квартал», «2 квартал», «2-й квартал»
    let folded = crate::i18n::fold(s);
    let word = folded.split_whitespace().next()?;
    if folded.contains("квартал") {
        let n = crate::number::roman_value(&word.to_uppercase())
            .or_else(|| word.trim_end_matches(['-', 'й']).parse().ok())
            .filter(|n| (1..=4).contains(n))?;
        let m = (n - 1) * 3 + 1;
        let y = cal(m);
        let d = NaiveDate::from_ymd_opt(y, m, 1)?;
        return Some((d, format!("{y}-{m:02}")));
    }
    None
}

/// Extensions of documents a reader would open in a program of that format: writing another
/// format under one of these names would give a file that program calls damaged.
const DOCUMENT_EXTENSIONS: [&str; 20] = [
    "md", "markdown", "txt", "json", "csv", "tsv", "docx", "doc", "odt", "rtf", "pdf", "html",
    "htm", "xlsx", "xls", "ods", "ics", "ical", "xml", "toml",
];

/// The format a command writes: the one `--format` names, else the one the extension of `-o`
/// names, else `default`. An extension of a document format the command cannot write, or a
/// `--format` that contradicts the extension, is refused, naming the formats it can write; a
/// name with no extension or one of no document format (`out.fifo`) gets `default`.
pub(crate) fn format_for<F: Copy + PartialEq + clap::ValueEnum>(
    explicit: Option<F>,
    output: Option<&std::path::Path>,
    by_extension: &[(&str, F)],
    default: F,
    lang: crate::i18n::Lang,
) -> Result<F, crate::app::CommandError> {
    let name = |f: F| {
        f.to_possible_value()
            .map(|v| v.get_name().to_owned())
            .unwrap_or_default()
    };
    let ext = output
        .filter(|p| p.as_os_str() != "-")
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_lowercase());
    let Some(ext) = ext else {
        return Ok(explicit.unwrap_or(default));
    };
    let known: Vec<String> = by_extension.iter().map(|(e, _)| format!(".{e}")).collect();
    let Some(&(_, by_ext)) = by_extension.iter().find(|(e, _)| *e == ext) else {
        if let Some(f) = explicit {
            // an unusual name for a file of an explicit format (`-o report.txt --format markdown`)
            return Ok(f);
        }
        if !DOCUMENT_EXTENSIONS.contains(&ext.as_str()) {
            // not a document format at all (`out.fifo`, `отчёт.bak`): the command's own format
            return Ok(default);
        }
        return Err(crate::app::CommandError::user(crate::tr!(
            lang,
            "эта команда не пишет файлы .{ext}; она пишет: {}",
            "this command does not write .{ext} files; it writes: {}",
            known.join(", ")
        ))
        .hint(lang.pick(
            "укажите файл с одним из этих расширений или формат: --format",
            "name a file with one of these extensions, or the format: --format",
        )));
    };
    match explicit {
        Some(f) if f != by_ext => Err(crate::app::CommandError::user(crate::tr!(
            lang,
            "--format {} противоречит расширению файла .{ext} ({})",
            "--format {} contradicts the file's extension .{ext} ({})",
            name(f),
            name(by_ext)
        ))),
        _ => Ok(by_ext),
    }
}

/// The format of an item list (`status`, `overdue`): `--format`, else by the extension of `-o`.
pub(crate) fn list_format(
    explicit: Option<ListFormat>,
    output: Option<&std::path::Path>,
    lang: crate::i18n::Lang,
) -> Result<ListFormat, crate::app::CommandError> {
    format_for(
        explicit,
        output,
        &[
            ("txt", ListFormat::Table),
            ("md", ListFormat::Markdown),
            ("markdown", ListFormat::Markdown),
            ("csv", ListFormat::Csv),
            ("json", ListFormat::Json),
            ("xlsx", ListFormat::Xlsx),
        ],
        ListFormat::Table,
        lang,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_as_users_name_them() {
        let y = PlanYear::Calendar(2026);
        let p = |s| period_of_text(s, y).map(|(_, t)| t);
        assert_eq!(p("май"), Some("2026-05".into()));
        assert_eq!(p("Сент."), Some("2026-09".into()));
        assert_eq!(p("2026-05"), Some("2026-05".into()));
        assert_eq!(p("II квартал"), Some("2026-04".into()));
        assert_eq!(p("15.05.2026"), Some("2026-05-15".into()));
        assert_eq!(p("неделя"), None);
        let a = PlanYear::Academic(2026);
        assert_eq!(
            period_of_text("март", a).map(|(_, t)| t),
            Some("2027-03".into())
        );
    }

    #[test]
    fn dates_as_plans_write_them() {
        assert_eq!(
            parse_date("18.06.2026").ok(),
            NaiveDate::from_ymd_opt(2026, 6, 18)
        );
        assert_eq!(
            parse_date("2026-06-18").ok(),
            NaiveDate::from_ymd_opt(2026, 6, 18)
        );
        assert!(parse_date("вчера").is_err());
    }
}
