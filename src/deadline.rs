//! Deadlines as Russian officials write them.
//!
//! A plan keeps the phrase the methodist wrote ("Апрель – май 2026г.", "ежемесячно",
//! "Июнь (июль) 2026", "По запросу", "12.03.2026 10:30, ДК «Юность»"); this module understands
//! it: a [`Deadline`] with a kind, a window (start, end), a due date (none for on-demand work), the
//! occurrences that are judged one by one, and what the phrase carries besides (a time of day, a
//! place, milestones). Parsing is pure: the plan's year comes in as a [`PlanYear`], never from a
//! clock.
//!
//! The parser is a tokenizer (`lexer`) plus a recursive descent over "terms" (`parser`: a month, a
//! range, a recurring frequency, an on-demand clause, a time of day, …) followed by a step that
//! combines the terms (`combine`): several windows make a multi-date deadline, a window plus
//! "по необходимости" keeps the window and a qualifier, and so on. Word artefacts (any dash, "г.",
//! "гг.", "года", glued years, trailing dots, doubled spaces, a phrase repeated by a merged cell)
//! are tolerated.
//!
//! Every word is understood or the phrase is refused: words the grammar does not know never widen
//! a window. The only words kept without being read are a place or a name beside a date (the
//! column «Дата, место проведения»), and only when none of them could be part of a deadline; they
//! are returned in [`Deadline::rest`]. A refusal says why and what was understood
//! ([`DeadlineError::understood`]).

use std::fmt;
use std::ops::Range;

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::Serialize;

use crate::i18n::{self, Lang};
use crate::tr;

mod combine;
mod lexer;
mod parser;
mod vocabulary;

use parser::Parser;

/// The year a plan covers: a calendar year or an academic year (September to August).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum PlanYear {
    Calendar(i32),
    /// The academic year that starts in September of this year.
    Academic(i32),
}

impl PlanYear {
    /// `2026`, `2026/2027`, `2026-2027`, `2026/27`.
    pub(crate) fn parse(s: &str) -> Option<PlanYear> {
        let s = s.trim();
        let year = |t: &str| -> Option<i32> {
            let t = t.trim();
            if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
                t.parse().ok().filter(|y| (1900..=2200).contains(y))
            } else {
                None
            }
        };
        if let Some(y) = year(s) {
            return Some(PlanYear::Calendar(y));
        }
        let (a, b) = s.split_once(['/', '-', '–', '—'])?;
        let first = year(a)?;
        let b = b.trim();
        let second = if b.len() == 2 && b.bytes().all(|c| c.is_ascii_digit()) {
            first / 100 * 100 + b.parse::<i32>().ok()?
        } else {
            year(b)?
        };
        (second == first + 1).then_some(PlanYear::Academic(first))
    }

    /// The first and last day of the plan's period.
    pub(crate) fn period(self) -> (NaiveDate, NaiveDate) {
        match self {
            PlanYear::Calendar(y) => (ymd(y, 1, 1), ymd(y, 12, 31)),
            PlanYear::Academic(y) => (ymd(y, 9, 1), ymd(y + 1, 8, 31)),
        }
    }

    /// The calendar years the plan touches.
    pub(crate) fn years(self) -> Vec<i32> {
        match self {
            PlanYear::Calendar(y) => vec![y],
            PlanYear::Academic(y) => vec![y, y + 1],
        }
    }

    /// The year of month `m` when a phrase names the month without a year.
    fn year_of_month(self, m: u32) -> i32 {
        match self {
            PlanYear::Calendar(y) => y,
            PlanYear::Academic(y) => {
                if m >= 9 {
                    y
                } else {
                    y + 1
                }
            }
        }
    }

    /// The school year inside the plan: September–May of an academic plan; for a calendar plan,
    /// which straddles two school years, the whole calendar year.
    fn school_year(self) -> (NaiveDate, NaiveDate) {
        match self {
            PlanYear::Calendar(y) => (ymd(y, 1, 1), ymd(y, 12, 31)),
            PlanYear::Academic(y) => (ymd(y, 9, 1), ymd(y + 1, 5, 31)),
        }
    }
}

impl fmt::Display for PlanYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanYear::Calendar(y) => write!(f, "{y}"),
            PlanYear::Academic(y) => write!(f, "{y}/{}", y + 1),
        }
    }
}

/// What sort of deadline a phrase is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Kind {
    /// One day: `15.03.2026`, `до 15 марта 2026 г.`
    Date,
    /// One month: `Сентябрь 2026г.`
    Month,
    /// From the first to the last month: `Апрель – май 2026г.`
    MonthRange,
    /// From one day to another: `9 - 11 июня 2026 г.`
    DayRange,
    /// A quarter or a range of quarters: `I квартал 2026`
    Quarter,
    /// A half-year: `I полугодие 2026 г.`
    HalfYear,
    /// The whole year, year-round work: `В течение года`, `постоянно`, `2026 год`
    Year,
    /// The school year: `В течение учебного года`, `2026/2027 учебный год`
    AcademicYear,
    /// One occurrence per period: `ежемесячно`, `2 раза в год`
    Recurring,
    /// Several dates or months: `Июнь 2026 Март 2026г, Ноябрь 2026г.`
    Several,
    /// A target with a fallback: `Июнь (июль) 2026` — aim for June, due by the end of July
    Alternative,
    /// No due date, never overdue: `По запросу`
    OnDemand,
    /// Within the period, dates set by someone else: `По плану РМЦ`
    External,
}

impl Kind {
    /// The kind's name in the user's language.
    pub(crate) fn label(self, lang: Lang) -> &'static str {
        match self {
            Kind::Date => lang.pick("дата", "date"),
            Kind::Month => lang.pick("месяц", "month"),
            Kind::MonthRange => lang.pick("диапазон месяцев", "month range"),
            Kind::DayRange => lang.pick("диапазон дней", "day range"),
            Kind::Quarter => lang.pick("квартал", "quarter"),
            Kind::HalfYear => lang.pick("полугодие", "half-year"),
            Kind::Year => lang.pick("в течение года", "year-round"),
            Kind::AcademicYear => lang.pick("учебный год", "academic year"),
            Kind::Recurring => lang.pick("периодически", "recurring"),
            Kind::Several => lang.pick("несколько сроков", "several dates"),
            Kind::Alternative => lang.pick("срок с запасным", "alternative"),
            Kind::OnDemand => lang.pick("по запросу", "on demand"),
            Kind::External => lang.pick("по внешнему графику", "external schedule"),
        }
    }

    /// The snake_case id used in JSON.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Kind::Date => "date",
            Kind::Month => "month",
            Kind::MonthRange => "month_range",
            Kind::DayRange => "day_range",
            Kind::Quarter => "quarter",
            Kind::HalfYear => "half_year",
            Kind::Year => "year",
            Kind::AcademicYear => "academic_year",
            Kind::Recurring => "recurring",
            Kind::Several => "several",
            Kind::Alternative => "alternative",
            Kind::OnDemand => "on_demand",
            Kind::External => "external",
        }
    }
}

/// A time of day written with a date: `10:30`, `14.00 – 15.30`, `в 16.00 ч.`
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub(crate) struct TimeOfDay {
    pub(crate) start: NaiveTime,
    /// The end of a span of time: `14.00 – 15.30`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) end: Option<NaiveTime>,
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start.format("%H:%M"))?;
        if let Some(end) = self.end {
            write!(f, "–{}", end.format("%H:%M"))?;
        }
        Ok(())
    }
}

/// One period of a deadline that is judged on its own: a month of monthly work, one of several
/// dates, or the single window of a simple deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Occurrence {
    pub(crate) start: NaiveDate,
    pub(crate) end: NaiveDate,
    /// When this period's work is due: its end, or a day written in the phrase («до 5 числа»),
    /// which may fall after the period («… месяца, следующего за отчётным»).
    pub(crate) due: NaiveDate,
    /// The time of day written with this date: `24.01.2020 20.00`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) time: Option<TimeOfDay>,
}

impl Occurrence {
    /// A short name for the period: «март», «I квартал», «январь – июнь», «16.03–22.03».
    pub(crate) fn label(&self, lang: Lang, plan: PlanYear) -> String {
        period_label(lang, plan, self.start, self.end)
    }
}

/// The most occurrences a deadline has: a window is kept within the plan's period and a year
/// either side (at most about 1 100 days), and a list of dates or recurring work is cut to this
/// many periods, with [`Deadline::clamped`] set.
pub(crate) const MAX_OCCURRENCES: usize = 1000;

/// A deadline phrase, understood.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Deadline {
    /// The phrase as written.
    pub(crate) phrase: String,
    pub(crate) kind: Kind,
    /// The first day of the window.
    pub(crate) start: NaiveDate,
    /// The last day of the window.
    pub(crate) end: NaiveDate,
    /// When the work is due; `None` for on-demand work.
    pub(crate) due: Option<NaiveDate>,
    /// The periods judged one by one (one for a simple window, none for on-demand work).
    pub(crate) occurrences: Vec<Occurrence>,
    /// What the phrase adds to its window: «по необходимости», «по плану РМЦ», «ежегодно».
    pub(crate) qualifier: Option<String>,
    /// For an alternative (`Июнь (июль)`): the date aimed at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) target: Option<NaiveDate>,
    /// Years written in the phrase (for the check that they agree with the plan).
    #[serde(skip)]
    pub(crate) years: Vec<i32>,
    /// The time of day written with the date (`12.03.2026 10:30`, `в 16.00 ч.`); for several
    /// dates, the first one's (each occurrence keeps its own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) time: Option<TimeOfDay>,
    /// Words after (or before) the date that are not a deadline — a place or an event's name, as
    /// in a column «Дата, место проведения»: `27 ноября ДК "Строитель"` keeps `ДК "Строитель"`.
    /// Several such parts are joined by «; ».
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) rest: Option<String>,
    /// The window was cut to the plan's period and a year either side, or the occurrences to
    /// [`MAX_OCCURRENCES`]: `с 01.01.0001 по 31.12.9000`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) clamped: bool,
    /// Dates named beside year-round work: «сентябрь, в течение года» is year-round work with
    /// September as a milestone.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) milestones: Vec<Occurrence>,
}

impl Deadline {
    /// Parse `phrase` in a plan of year `plan`.
    pub(crate) fn parse(phrase: &str, plan: PlanYear) -> Result<Deadline, DeadlineError> {
        Deadline::parse_plain(phrase, plan).map_err(|mut e| {
            e.suggestions = suggest(phrase, &e, plan);
            e
        })
    }

    /// [`Deadline::parse`] without looking for suggestions.
    fn parse_plain(phrase: &str, plan: PlanYear) -> Result<Deadline, DeadlineError> {
        let tokens = lexer::tokenize(phrase);
        if tokens.is_empty() {
            return Err(DeadlineError::new(ErrorKind::Empty, 0..phrase.len()));
        }
        let mut parser = Parser::new(phrase, &tokens, plan);
        let parsed = parser.terms();
        let mut years = std::mem::take(&mut parser.years);
        let mut seen = std::collections::HashSet::new();
        years.retain(|y| seen.insert(*y));
        combine::combine(phrase, &tokens, parsed, plan, years)
    }

    /// Whether the deadline recurs or names several dates (judged per occurrence).
    pub(crate) fn is_multi(&self) -> bool {
        matches!(self.kind, Kind::Recurring | Kind::Several)
    }

    /// A canonical Russian phrase for this deadline: parsing it gives the same window.
    pub(crate) fn canonical(&self) -> String {
        canonical(self)
    }
}

/// Why a phrase was not understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DeadlineError {
    /// The reason; [`ErrorKind::Partial`] when part of the phrase was understood.
    pub(crate) kind: ErrorKind,
    /// Byte range in the phrase.
    pub(crate) span: Range<usize>,
    /// Phrases moc does understand that are closest to the one given.
    pub(crate) suggestions: Vec<String>,
}

/// The reason a phrase was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ErrorKind {
    Empty,
    UnknownWord(String),
    BadDate(String),
    Unexpected(String),
    Incomplete,
    TooManyFrequencies,
    /// Only a time of day, a place or a note: no date, month or period (`19.00-20.00`).
    NoDate,
    /// A day with no month: `1 (суббота)`.
    DayWithoutMonth(u32),
    /// A length of time or a day with nothing to count from: «в течение месяца», «в среду».
    Unanchored(String),
    /// A range that ends before it starts: `с 28.12.2020 по 10.01.2020`.
    Reversed(String),
    /// A start with no end: `с 5 апреля 2010 года`.
    OpenEnded(String),
    /// A phrase that reads two ways: «ежеквартально до 5 числа» (of which month?).
    Ambiguous(String),
    /// The reason, with the parts of the phrase that were understood.
    Partial {
        reason: Box<ErrorKind>,
        understood: Vec<Understood>,
    },
}

/// A part of a refused phrase that was understood.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Understood {
    /// The words as written.
    pub(crate) text: String,
    pub(crate) meaning: Meaning,
}

/// What an understood part of a phrase means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Meaning {
    Window {
        kind: Kind,
        start: NaiveDate,
        end: NaiveDate,
    },
    Time {
        time: TimeOfDay,
    },
    /// «ежемесячно», «каждую среду», «ежегодно».
    Frequency,
    /// «по запросу», «по плану РМЦ».
    Qualifier,
    /// «в течение года», «постоянно».
    WholePeriod,
    /// «в течение учебного года».
    SchoolYear,
    /// «в течение недели».
    Duration,
}

impl Understood {
    fn describe(&self, lang: Lang) -> String {
        let date = |d: NaiveDate| i18n::short_date(lang, d);
        let meaning = match self.meaning {
            Meaning::Window { kind, start, end } if start == end => {
                format!("{} {}", kind.label(lang), date(start))
            }
            // «2026 г.»: a calendar year
            Meaning::Window {
                kind: Kind::Year,
                start,
                end,
            } if start.year() == end.year()
                && (start.month(), start.day(), end.month(), end.day()) == (1, 1, 12, 31) =>
            {
                tr!(lang, "{} год", "the year {}", start.year())
            }
            // «до 15 марта»: the window opens with the plan
            Meaning::Window {
                kind: Kind::Date,
                end,
                ..
            } => format!("{} {}", lang.pick("срок до", "due by"), date(end)),
            Meaning::Window { kind, start, end } => {
                format!("{} {}–{}", kind.label(lang), date(start), date(end))
            }
            Meaning::Time { time } => format!("{} {time}", lang.pick("время", "time")),
            Meaning::Frequency => lang.pick("периодичность", "frequency").to_owned(),
            Meaning::Qualifier => lang.pick("уточнение", "qualifier").to_owned(),
            Meaning::WholePeriod => lang
                .pick("весь период плана", "the whole period of the plan")
                .to_owned(),
            Meaning::SchoolYear => lang.pick("учебный год", "the school year").to_owned(),
            Meaning::Duration => lang
                .pick("продолжительность", "a length of time")
                .to_owned(),
        };
        format!("«{}» — {meaning}", self.text)
    }
}

impl DeadlineError {
    fn new(kind: ErrorKind, span: Range<usize>) -> DeadlineError {
        DeadlineError {
            kind,
            span,
            suggestions: Vec::new(),
        }
    }

    /// An empty deadline: the phrase is missing.
    pub(crate) fn empty() -> DeadlineError {
        DeadlineError::new(ErrorKind::Empty, 0..0)
    }

    /// The reason the phrase was refused, without what was understood of it.
    pub(crate) fn reason(&self) -> &ErrorKind {
        match &self.kind {
            ErrorKind::Partial { reason, .. } => reason,
            k => k,
        }
    }

    /// The parts of the phrase that were understood (none if nothing was).
    pub(crate) fn understood(&self) -> &[Understood] {
        match &self.kind {
            ErrorKind::Partial { understood, .. } => understood,
            _ => &[],
        }
    }

    /// What went wrong and what was understood, in the user's language.
    pub(crate) fn message(&self, lang: Lang) -> String {
        let mut msg = reason_message(self.reason(), lang);
        let understood = self.understood();
        if !understood.is_empty() {
            let list = understood
                .iter()
                .map(|u| u.describe(lang))
                .collect::<Vec<_>>()
                .join(", ");
            msg.push_str(&tr!(lang, "; понято: {list}", "; understood: {list}"));
        }
        msg
    }
}

fn reason_message(kind: &ErrorKind, lang: Lang) -> String {
    match kind {
        ErrorKind::Empty => tr!(lang, "срок не указан", "the deadline is empty"),
        ErrorKind::UnknownWord(w) => tr!(
            lang,
            "непонятное слово «{w}» в сроке",
            "the word «{w}» is not understood in a deadline"
        ),
        ErrorKind::BadDate(d) => tr!(
            lang,
            "такой даты нет: «{d}»",
            "there is no such date: «{d}»"
        ),
        ErrorKind::Unexpected(t) => {
            tr!(lang, "«{t}» здесь не к месту", "«{t}» is out of place here")
        }
        ErrorKind::Incomplete => tr!(
            lang,
            "срок оборван: не хватает месяца или года",
            "the deadline is incomplete: a month or a year is missing"
        ),
        ErrorKind::TooManyFrequencies => tr!(
            lang,
            "в сроке несколько периодичностей",
            "the deadline names more than one frequency"
        ),
        ErrorKind::NoDate => tr!(
            lang,
            "в сроке нет даты, месяца или периода",
            "the deadline has no date, month or period"
        ),
        ErrorKind::DayWithoutMonth(d) => tr!(
            lang,
            "у числа «{d}» не указан месяц",
            "the day «{d}» has no month"
        ),
        ErrorKind::Unanchored(t) => tr!(
            lang,
            "«{t}»: не указано, от какой даты считать или к какой дате это относится",
            "«{t}» is not tied to a date"
        ),
        ErrorKind::Reversed(t) => tr!(
            lang,
            "срок заканчивается раньше, чем начинается: {t}",
            "the deadline ends before it starts: {t}"
        ),
        ErrorKind::OpenEnded(t) => tr!(
            lang,
            "у срока есть начало «{t}», но нет конца: укажите, по какое число",
            "the deadline has a start «{t}» and no end"
        ),
        ErrorKind::Ambiguous(t) => tr!(
            lang,
            "«{t}» можно понять по-разному: укажите месяц («до 5 числа месяца, следующего за отчётным кварталом»)",
            "«{t}» can be read two ways: name the month («до 5 числа месяца, следующего за отчётным кварталом»)"
        ),
        ErrorKind::Partial { reason, .. } => reason_message(reason, lang),
    }
}

impl fmt::Display for DeadlineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Ru))
    }
}

impl std::error::Error for DeadlineError {}

// Counts steps of the parser and of the combining step, for the tests that check the work
// grows linearly with the phrase.
#[cfg(test)]
thread_local! {
    static WORK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

#[inline]
fn tick(n: u64) {
    #[cfg(test)]
    WORK.with(|w| w.set(w.get() + n));
    #[cfg(not(test))]
    let _ = n;
}

#[cfg(test)]
fn work() -> u64 {
    WORK.with(std::cell::Cell::get)
}

// ---------------------------------------------------------------------------------------------
// Dates

/// A date that is known to exist (callers pass valid months; days are clamped).
fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    let y = y.clamp(1, 9000);
    let m = m.clamp(1, 12);
    NaiveDate::from_ymd_opt(y, m, d)
        .or_else(|| Some(month_end(y, m)))
        .unwrap_or_default()
}

/// The last day of a month.
/// The `nth` (1–5; -1: the last) weekday `wd` of month `m` of year `y`; `None` when the month
/// has no such day (a fifth Monday).
pub(crate) fn weekday_in_month(y: i32, m: u32, wd: chrono::Weekday, nth: i8) -> Option<NaiveDate> {
    if nth > 0 {
        return NaiveDate::from_weekday_of_month_opt(y, m, wd, nth.unsigned_abs());
    }
    let end = month_end(y, m);
    let back = (7 + end.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
    end.checked_sub_days(chrono::Days::new(u64::from(back)))
}

pub(crate) fn month_end(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m >= 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or_default()
}

fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(chrono::Months::new(n)).unwrap_or(d)
}

fn is_month_start(d: NaiveDate) -> bool {
    d.day() == 1
}

fn is_month_end(d: NaiveDate) -> bool {
    d == month_end(d.year(), d.month())
}

/// A short name for a period: «март», «март 2027», «I квартал», «январь – июнь», «16.03–22.03».
pub(crate) fn period_label(lang: Lang, plan: PlanYear, s: NaiveDate, e: NaiveDate) -> String {
    let plan_years = plan.years();
    let year_suffix = |d: NaiveDate| {
        if plan_years.contains(&d.year()) && plan_years.len() == 1 {
            String::new()
        } else {
            format!(" {}", d.year())
        }
    };
    if is_month_start(s) && is_month_end(e) {
        if s.year() == e.year() && s.month() == e.month() {
            return format!("{}{}", i18n::month_name(lang, s.month()), year_suffix(s));
        }
        let months = (e.year() - s.year()) * 12 + e.month() as i32 - s.month() as i32 + 1;
        if s.year() == e.year() && months == 3 && (s.month() - 1).is_multiple_of(3) {
            let q = (s.month() - 1) / 3 + 1;
            return match lang {
                Lang::Ru => format!("{} квартал{}", ROMAN[(q - 1) as usize], year_suffix(s)),
                Lang::En => format!("Q{q}{}", year_suffix(s)),
            };
        }
        return format!(
            "{} – {}{}",
            i18n::month_name(lang, s.month()),
            i18n::month_name(lang, e.month()),
            year_suffix(e)
        );
    }
    if s == e {
        return i18n::short_date(lang, s);
    }
    match lang {
        Lang::Ru => format!("{}–{}", s.format("%d.%m"), e.format("%d.%m")),
        Lang::En => format!("{}–{}", s.format("%m-%d"), e.format("%m-%d")),
    }
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

// ---------------------------------------------------------------------------------------------
// Canonical phrases and suggestions

fn canonical(d: &Deadline) -> String {
    let month = |x: NaiveDate| i18n::MONTHS_NOM[(x.month() - 1) as usize];
    let date = |x: NaiveDate| x.format("%d.%m.%Y").to_string();
    let time = |t: Option<TimeOfDay>| t.map(|t| format!(" {t}")).unwrap_or_default();
    let plausible = |x: NaiveDate| (1900..=2200).contains(&x.year());
    let q = d
        .qualifier
        .as_deref()
        .map(|q| format!(", {q}"))
        .unwrap_or_default();
    match d.kind {
        Kind::Date => match (d.start == d.end, d.due) {
            (true, _) | (_, None) => format!("{}{}{q}", date(d.end), time(d.time)),
            (false, Some(due)) => format!("до {}{q}", date(due)),
        },
        // a year no one writes («01.01.0001» clamped): the days
        Kind::Month | Kind::MonthRange | Kind::Quarter | Kind::HalfYear
            if !(plausible(d.start) && plausible(d.end)) =>
        {
            format!("{} – {}{q}", date(d.start), date(d.end))
        }
        Kind::Month => format!("{} {} г.{q}", month(d.start), d.start.year()),
        Kind::MonthRange | Kind::Quarter | Kind::HalfYear => {
            if d.start.year() == d.end.year() {
                format!(
                    "{} – {} {} г.{q}",
                    month(d.start),
                    month(d.end),
                    d.end.year()
                )
            } else {
                format!(
                    "{} {} – {} {} г.{q}",
                    month(d.start),
                    d.start.year(),
                    month(d.end),
                    d.end.year()
                )
            }
        }
        Kind::DayRange => format!("{} – {}{}{q}", date(d.start), date(d.end), time(d.time)),
        Kind::Year | Kind::AcademicYear | Kind::Recurring | Kind::External | Kind::OnDemand => {
            d.phrase.trim().to_owned()
        }
        Kind::Several => d
            .occurrences
            .iter()
            .map(|o| {
                if is_month_start(o.start)
                    && is_month_end(o.end)
                    && o.start.month() == o.end.month()
                    && plausible(o.start)
                {
                    format!("{} {} г.{}", month(o.start), o.start.year(), time(o.time))
                } else if o.start == o.end {
                    format!("{}{}", date(o.start), time(o.time))
                } else {
                    format!("{} – {}{}", date(o.start), date(o.end), time(o.time))
                }
            })
            .collect::<Vec<_>>()
            .join(", "),
        Kind::Alternative => {
            // the year of the month aimed at; the second month follows it (across New Year too)
            let target = d.target.unwrap_or(d.start);
            format!("{} ({}) {} г.", month(target), month(d.end), target.year())
        }
    }
}

/// Phrases of every class, the forms offered when a phrase is not understood.
pub(crate) const EXAMPLES: &[&str] = &[
    "15.03.2026",
    "до 15 марта 2026 г.",
    "Сентябрь 2026 г.",
    "Апрель – май 2026 г.",
    "9 – 11 июня 2026 г.",
    "с 15 ноября по 15 декабря 2026 г.",
    "I квартал 2026",
    "I полугодие 2026 г.",
    "В течение года",
    "В течение учебного года",
    "2026/2027 учебный год",
    "ежемесячно",
    "ежеквартально",
    "еженедельно",
    "2 раза в год",
    "ежемесячно до 5 числа",
    "Июнь (июль) 2026",
    "Июнь 2026, ноябрь 2026",
    "По запросу",
    "По мере необходимости",
    "По плану РМЦ",
    "В течение года по графику КПК",
    "Сентябрь 2026 г., по необходимости",
    "12.03.2026 10:30",
    "12.03.2026, ДК «Юность»",
    "с 3 по 7 марта 2026 г.",
    "12–16.10.2026",
    "ежегодно до 1 марта",
    "ежемесячно до 10 числа месяца, следующего за отчётным",
    "по итогам квартала",
    "каждую среду",
    "первая декада октября",
    "в конце сентября",
    "сентябрь, в течение года",
    "в период летних каникул",
    "I четверть",
];

fn suggest(phrase: &str, err: &DeadlineError, plan: PlanYear) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // A misspelled word: offer the phrase with the nearest known word, if that parses.
    if let ErrorKind::UnknownWord(w) = err.reason() {
        let mut best: Option<(f64, &str)> = None;
        for cand in vocabulary::vocabulary() {
            let score = strsim::normalized_damerau_levenshtein(w, cand);
            if score >= 0.6 && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, cand));
            }
        }
        if let Some((_, cand)) = best
            && let Some(original) = phrase.get(err.span.clone())
        {
            let replacement = match_case(original, cand);
            let fixed = format!(
                "{}{}{}",
                &phrase[..err.span.start],
                replacement,
                &phrase[err.span.end..]
            );
            if Deadline::parse_plain(&fixed, plan).is_ok() {
                out.push(fixed);
            }
        }
    }
    // a time of day with no date: the phrase with a date in front of it
    if *err.reason() == ErrorKind::NoDate {
        let dated = format!("{} {}", plan.period().0.format("%d.%m.%Y"), phrase.trim());
        if Deadline::parse_plain(&dated, plan).is_ok() {
            out.push(dated);
        }
    }
    // the nearest examples to the start of the phrase (a long phrase is not compared whole)
    let head: String = phrase.chars().take(200).collect();
    let norm = i18n::fold(&head);
    let mut scored: Vec<(f64, &str)> = EXAMPLES
        .iter()
        .map(|e| (strsim::normalized_levenshtein(&norm, &i18n::fold(e)), *e))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, e) in scored.into_iter().take(3) {
        if !out.iter().any(|o| o == e) {
            out.push(e.to_owned());
        }
    }
    out
}

/// `cand` written with the capitalisation of `original` («Сентбрь» → «Сентябрь»).
fn match_case(original: &str, cand: &str) -> String {
    if original.chars().next().is_some_and(char::is_uppercase) {
        let mut c = cand.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        cand.to_owned()
    }
}

#[cfg(test)]
mod tests;
