//! Deadlines as Russian officials write them.
//!
//! A plan keeps the phrase the methodist wrote ("Апрель – май 2026г.", "ежемесячно",
//! "Июнь (июль) 2026", "По запросу"); this module understands it: a [`Deadline`] with a kind, a
//! window (start, end), a due date (none for on-demand work) and the occurrences that are judged
//! one by one. Parsing is pure: the plan's year comes in as a [`PlanYear`], never from a clock.
//!
//! The parser is a small tokenizer plus a recursive descent over "terms" (a month, a range, a
//! recurring frequency, an on-demand clause, …) followed by a step that combines the terms:
//! several windows make a multi-date deadline, a window plus "по необходимости" keeps the
//! window and a qualifier, and so on. Word artefacts (any dash, "г.", "гг.", "года", glued years,
//! trailing dots, doubled spaces, a phrase repeated by a merged cell) are tolerated.

use std::fmt;
use std::ops::Range;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::i18n::{self, Lang};
use crate::tr;

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

/// One period of a deadline that is judged on its own: a month of monthly work, one of several
/// dates, or the single window of a simple deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Occurrence {
    pub(crate) start: NaiveDate,
    pub(crate) end: NaiveDate,
    pub(crate) due: NaiveDate,
}

impl Occurrence {
    /// A short name for the period: «март», «I квартал», «январь – июнь», «16.03–22.03».
    pub(crate) fn label(&self, lang: Lang, plan: PlanYear) -> String {
        period_label(lang, plan, self.start, self.end)
    }
}

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
    /// What the phrase adds to its window: «по необходимости», «по плану РМЦ».
    pub(crate) qualifier: Option<String>,
    /// For an alternative (`Июнь (июль)`): the date aimed at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) target: Option<NaiveDate>,
    /// Years written in the phrase (for the check that they agree with the plan).
    #[serde(skip)]
    pub(crate) years: Vec<i32>,
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
        let tokens = tokenize(phrase);
        if tokens.is_empty() {
            return Err(DeadlineError::new(ErrorKind::Empty, 0..phrase.len()));
        }
        let mut parser = Parser {
            toks: &tokens,
            pos: 0,
            plan,
            years: Vec::new(),
        };
        let terms = parser.terms()?;
        let years = std::mem::take(&mut parser.years);
        combine(phrase, terms, plan, &years)
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
}

impl DeadlineError {
    fn new(kind: ErrorKind, span: Range<usize>) -> DeadlineError {
        DeadlineError {
            kind,
            span,
            suggestions: Vec::new(),
        }
    }

    /// What went wrong, in the user's language.
    pub(crate) fn message(&self, lang: Lang) -> String {
        match &self.kind {
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
        }
    }
}

impl fmt::Display for DeadlineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Ru))
    }
}

impl std::error::Error for DeadlineError {}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    /// A number; `year_mark` when «г.», «гг.», «года» follows it.
    Num {
        value: u32,
        digits: usize,
        year_mark: bool,
    },
    /// `15.03.2026`, `15.03.26`, `15.03`
    Date {
        d: u32,
        m: u32,
        y: Option<i32>,
    },
    Word(String),
    Dash,
    Comma,
    LParen,
    RParen,
    Slash,
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    span: Range<usize>,
}

/// Words that only say "year" and are dropped («г», «гг», «года»…). A number before them is a year.
const YEAR_WORDS: &[&str] = &["г", "гг", "год", "года", "году", "годы", "годов"];

fn tokenize(phrase: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = phrase.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(phrase.len(), |&(b, _)| b);
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_ascii_digit() {
            let mut j = i;
            while j < chars.len() && chars[j].1.is_ascii_digit() {
                j += 1;
            }
            // dd.mm.yyyy / dd.mm.yy / dd.mm
            if let Some((tok, next)) = date_token(&chars, i, j) {
                out.push(Token {
                    tok,
                    span: start..end_of(next),
                });
                i = next;
                continue;
            }
            let text: String = chars[i..j].iter().map(|&(_, c)| c).collect();
            let value = text.parse::<u32>().unwrap_or(u32::MAX);
            out.push(Token {
                tok: Tok::Num {
                    value,
                    digits: j - i,
                    year_mark: false,
                },
                span: start..end_of(j),
            });
            i = j;
        } else if c.is_alphabetic() {
            let mut j = i;
            let mut word = String::new();
            while j < chars.len() && chars[j].1.is_alphabetic() {
                for lc in chars[j].1.to_lowercase() {
                    word.push(if lc == 'ё' { 'е' } else { lc });
                }
                j += 1;
            }
            out.push(Token {
                tok: Tok::Word(word),
                span: start..end_of(j),
            });
            i = j;
        } else {
            let tok = match c {
                '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => Some(Tok::Dash),
                ',' | ';' => Some(Tok::Comma),
                '(' | '[' => Some(Tok::LParen),
                ')' | ']' => Some(Tok::RParen),
                '/' | '\\' => Some(Tok::Slash),
                _ => None, // spaces, dots, quotes, colons: separators with no meaning of their own
            };
            if let Some(tok) = tok {
                out.push(Token {
                    tok,
                    span: start..end_of(i + 1),
                });
            }
            i += 1;
        }
    }
    // Drop the words that only say "year", marking the number before them as a year; join an
    // ordinal ending («1-й», «2-е») to its number.
    let mut cleaned: Vec<Token> = Vec::with_capacity(out.len());
    let mut k = 0;
    while k < out.len() {
        let t = &out[k];
        if let Tok::Word(w) = &t.tok {
            if YEAR_WORDS.contains(&w.as_str()) {
                if let Some(Token {
                    tok: Tok::Num { year_mark, .. },
                    ..
                }) = cleaned.last_mut()
                {
                    *year_mark = true;
                } else if let Some(Token {
                    tok: Tok::Slash | Tok::Dash,
                    ..
                }) = cleaned.last()
                {
                    // «2026/27 гг.»: the mark belongs to the pair; nothing to do.
                }
                k += 1;
                continue;
            }
            if matches!(w.as_str(), "й" | "го" | "е" | "ое" | "ого" | "м")
                && matches!(cleaned.last(), Some(Token { tok: Tok::Dash, .. }))
                && matches!(
                    cleaned.get(cleaned.len().wrapping_sub(2)),
                    Some(Token {
                        tok: Tok::Num { .. },
                        ..
                    })
                )
            {
                cleaned.pop();
                k += 1;
                continue;
            }
        }
        cleaned.push(t.clone());
        k += 1;
    }
    cleaned
}

fn date_token(chars: &[(usize, char)], i: usize, j: usize) -> Option<(Tok, usize)> {
    let num = |a: usize, b: usize| -> Option<u32> {
        let s: String = chars.get(a..b)?.iter().map(|&(_, c)| c).collect();
        s.parse().ok()
    };
    let digits_from = |a: usize| {
        let mut b = a;
        while b < chars.len() && chars[b].1.is_ascii_digit() {
            b += 1;
        }
        b
    };
    if j - i > 2 || chars.get(j).map(|c| c.1) != Some('.') {
        return None;
    }
    let m_start = j + 1;
    let m_end = digits_from(m_start);
    if m_end == m_start || m_end - m_start > 2 {
        return None;
    }
    let d = num(i, j)?;
    let m = num(m_start, m_end)?;
    if chars.get(m_end).map(|c| c.1) == Some('.') {
        let y_start = m_end + 1;
        let y_end = digits_from(y_start);
        let len = y_end - y_start;
        if len == 4 {
            let y = i32::try_from(num(y_start, y_end)?).ok()?;
            return Some((Tok::Date { d, m, y: Some(y) }, y_end));
        }
        if len == 2 {
            let y = 2000 + i32::try_from(num(y_start, y_end)?).ok()?;
            return Some((Tok::Date { d, m, y: Some(y) }, y_end));
        }
        // «15.03.» — a date without a year and a trailing dot
        if len == 0 && (1..=12).contains(&m) {
            return Some((Tok::Date { d, m, y: None }, m_end));
        }
        return None;
    }
    if (1..=12).contains(&m) && (1..=31).contains(&d) {
        return Some((Tok::Date { d, m, y: None }, m_end));
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const MONTH_ABBR: [&[&str]; 12] = [
    &["янв"],
    &["фев", "февр"],
    &["мар"],
    &["апр"],
    &[],
    &["июн"],
    &["июл"],
    &["авг"],
    &["сен", "сент"],
    &["окт"],
    &["ноя", "нояб"],
    &["дек"],
];

fn month_of(word: &str) -> Option<u32> {
    for (i, abbr) in MONTH_ABBR.iter().enumerate() {
        if i18n::MONTHS_NOM[i] == word
            || i18n::MONTHS_GEN[i] == word
            || i18n::MONTHS_PREP[i] == word
            || abbr.contains(&word)
            || i18n::MONTHS_EN[i].to_lowercase() == word
        {
            return u32::try_from(i + 1).ok();
        }
    }
    // instrumental and other forms: «сентябрем», «маем»
    for (i, nom) in i18n::MONTHS_NOM.iter().enumerate() {
        let stem = nom.trim_end_matches(['ь', 'й']);
        if stem.chars().count() >= 3
            && word.starts_with(stem)
            && word.chars().count() <= nom.chars().count() + 2
        {
            return u32::try_from(i + 1).ok();
        }
    }
    None
}

fn roman(word: &str) -> Option<u32> {
    match word {
        "i" | "і" => Some(1),
        "ii" | "іі" => Some(2),
        "iii" | "ііі" => Some(3),
        "iv" | "іv" => Some(4),
        _ => None,
    }
}

fn ordinal(word: &str) -> Option<u32> {
    let stems = [("перв", 1), ("втор", 2), ("трет", 3), ("четверт", 4)];
    stems
        .iter()
        .find(|(s, _)| word.starts_with(s))
        .map(|&(_, n)| n)
}

fn is_quarter_word(w: &str) -> bool {
    matches!(
        w,
        "квартал" | "квартала" | "квартале" | "кварталы" | "кварталов" | "кв"
    )
}

fn is_half_word(w: &str) -> bool {
    matches!(
        w,
        "полугодие" | "полугодия" | "полугодии" | "полугодий" | "полугодье"
    )
}

/// Words after «по»/«при» that make an on-demand clause.
const ON_DEMAND: &[&str] = &[
    "запросу",
    "запросам",
    "мере",
    "необходимости",
    "требованию",
    "согласованию",
    "факту",
    "потребности",
    "заявкам",
    "заявке",
    "обращению",
    "обращениям",
];

/// Words after «по»/«согласно»/«в соответствии с» that make an external schedule.
const EXTERNAL: &[&str] = &[
    "плану",
    "планом",
    "графику",
    "графиком",
    "положению",
    "положением",
    "приказу",
    "приказом",
    "расписанию",
    "расписанием",
    "отдельному",
    "отдельным",
    "срокам",
    "срокам",
    "календарю",
    "календарем",
    "регламенту",
    "распоряжению",
];

/// Words that mean the whole year, year-round.
const YEAR_ROUND: &[&str] = &[
    "постоянно",
    "ежегодно",
    "круглогодично",
    "ежедневно",
    "регулярно",
    "систематически",
    "весь",
    "всего",
    "период",
    "года",
];

/// Every word the grammar knows, for "did you mean".
fn vocabulary() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Vec::new();
    v.extend(i18n::MONTHS_NOM);
    v.extend(i18n::MONTHS_GEN);
    v.extend(i18n::MONTHS_PREP);
    v.extend(ON_DEMAND);
    v.extend(EXTERNAL);
    v.extend(YEAR_ROUND);
    v.extend([
        "в",
        "течение",
        "учебного",
        "учебный",
        "квартал",
        "полугодие",
        "ежемесячно",
        "ежеквартально",
        "еженедельно",
        "раз",
        "раза",
        "месяц",
        "неделю",
        "числа",
        "каждого",
        "каждый",
        "месяца",
        "по",
        "до",
        "с",
        "не",
        "позднее",
        "конца",
        "при",
        "согласно",
        "соответствии",
        "протяжении",
    ]);
    v
}

// ---------------------------------------------------------------------------------------------
// Terms

/// A window found in the phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Win {
    start: NaiveDate,
    end: NaiveDate,
    kind: Kind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Week,
    Month,
    Quarter,
    Half,
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Recur {
    unit: Unit,
    times: u32,
    /// «до 5 числа»: due on this day of each month.
    day: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Term {
    Win(Win),
    /// `Июнь (июль)`: aim for the first, due by the end of the second.
    Alt(Win, Win),
    YearRound,
    School,
    External(String),
    OnDemand(String),
    Recurring(Recur),
}

struct Parser<'a> {
    toks: &'a [Token],
    pos: usize,
    plan: PlanYear,
    years: Vec<i32>,
}

type PResult<T> = Result<T, DeadlineError>;

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.tok)
    }

    fn peek_at(&self, k: usize) -> Option<&Tok> {
        self.toks.get(self.pos + k).map(|t| &t.tok)
    }

    fn word_at(&self, k: usize) -> Option<&str> {
        match self.peek_at(k) {
            Some(Tok::Word(w)) => Some(w.as_str()),
            _ => None,
        }
    }

    fn span_here(&self) -> Range<usize> {
        self.toks.get(self.pos).map_or_else(
            || {
                let end = self.toks.last().map_or(0, |t| t.span.end);
                end..end
            },
            |t| t.span.clone(),
        )
    }

    fn err_here(&self) -> DeadlineError {
        match self.toks.get(self.pos) {
            None => DeadlineError::new(ErrorKind::Incomplete, self.span_here()),
            Some(t) => {
                let kind = match &t.tok {
                    Tok::Word(w) => ErrorKind::UnknownWord(w.clone()),
                    Tok::Num { value, .. } => ErrorKind::Unexpected(value.to_string()),
                    Tok::Date { d, m, y } => ErrorKind::Unexpected(match y {
                        Some(y) => format!("{d:02}.{m:02}.{y}"),
                        None => format!("{d:02}.{m:02}"),
                    }),
                    Tok::Dash => ErrorKind::Unexpected("–".into()),
                    Tok::Comma => ErrorKind::Unexpected(",".into()),
                    Tok::LParen => ErrorKind::Unexpected("(".into()),
                    Tok::RParen => ErrorKind::Unexpected(")".into()),
                    Tok::Slash => ErrorKind::Unexpected("/".into()),
                };
                DeadlineError::new(kind, t.span.clone())
            }
        }
    }

    fn eat_word(&mut self, w: &str) -> bool {
        if self.word_at(0) == Some(w) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat(&mut self, tok: &Tok) -> bool {
        if self.peek() == Some(tok) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// An explicit year at the cursor: a four-digit number, or a two-digit one marked «г.».
    fn year_at(&self, k: usize) -> Option<i32> {
        match self.peek_at(k) {
            Some(&Tok::Num {
                value,
                digits,
                year_mark,
            }) => {
                if digits == 4 && (1900..=2200).contains(&value) {
                    i32::try_from(value).ok()
                } else if digits == 2 && year_mark {
                    i32::try_from(2000 + value).ok()
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    fn take_year(&mut self) -> Option<i32> {
        let y = self.year_at(0)?;
        self.pos += 1;
        self.years.push(y);
        Some(y)
    }

    fn month_at(&self, k: usize) -> Option<u32> {
        self.word_at(k).and_then(month_of)
    }

    /// Everything after separators, as terms.
    fn terms(&mut self) -> PResult<Vec<Term>> {
        let mut terms = Vec::new();
        loop {
            while matches!(
                self.peek(),
                Some(Tok::Comma | Tok::LParen | Tok::RParen | Tok::Dash | Tok::Slash)
            ) || matches!(
                self.word_at(0),
                Some("и" | "а" | "также" | "или" | "срок" | "сроки" | "на" | "за")
            ) {
                self.pos += 1;
            }
            if self.pos >= self.toks.len() {
                break;
            }
            let term = self.term()?;
            terms.push(term);
        }
        Ok(terms)
    }

    fn term(&mut self) -> PResult<Term> {
        let w0 = self.word_at(0).map(str::to_owned);
        if let Some(w) = w0.as_deref() {
            match w {
                "по" | "при" | "согласно" => return self.by_clause(),
                "в" | "во" => {
                    if self.word_at(1) == Some("течение") || self.word_at(1) == Some("течении")
                    {
                        self.pos += 2;
                        return self.during();
                    }
                    if self.word_at(1) == Some("соответствии") {
                        self.pos += 2;
                        self.eat_word("с");
                        self.eat_word("со");
                        return self.external_rest();
                    }
                    if self.word_at(1) == Some("период") {
                        self.pos += 2;
                        return self.during();
                    }
                    if self.word_at(1) == Some("сроки") || self.word_at(1) == Some("срок")
                    {
                        self.pos += 2;
                        return self.external_rest();
                    }
                    // «в сентябре», «в I квартале»
                    self.pos += 1;
                    return self.term();
                }
                "на" if self.word_at(1) == Some("протяжении") => {
                    self.pos += 2;
                    return self.during();
                }
                "течение" | "течении" | "протяжении" => {
                    self.pos += 1;
                    return self.during();
                }
                "до" | "к" | "не" => return self.until(),
                "с" | "со" => return self.span_from_to(),
                "учебный" | "учебного" | "учебном" => {
                    self.pos += 1;
                    return Ok(Term::School);
                }
                "ежемесячно"
                | "ежеквартально"
                | "еженедельно"
                | "каждый"
                | "каждую"
                | "каждое"
                | "раз"
                | "дважды" => return self.recurring(None),
                _ => {}
            }
            if YEAR_ROUND.contains(&w) {
                self.pos += 1;
                // «весь период», «весь год»
                while matches!(self.word_at(0), Some(w) if YEAR_ROUND.contains(&w)) {
                    self.pos += 1;
                }
                return Ok(Term::YearRound);
            }
            if let Some(q) = roman(w).or_else(|| ordinal(w)) {
                return self.quarter_or_half(q);
            }
            if month_of(w).is_some() {
                return self.months();
            }
            return Err(self.err_here());
        }
        match self.peek().cloned() {
            Some(Tok::Date { .. }) => self.dates(),
            Some(Tok::Num { value, .. }) => self.number(value),
            _ => Err(self.err_here()),
        }
    }

    /// «по запросу», «по мере поступления», «по плану РМЦ», «при необходимости».
    fn by_clause(&mut self) -> PResult<Term> {
        let start = self.pos;
        let lead = self.word_at(0).unwrap_or_default().to_owned();
        self.pos += 1;
        let next = self.word_at(0).map(str::to_owned);
        match next.as_deref() {
            Some(w) if ON_DEMAND.contains(&w) || lead == "при" => {
                self.pos += 1;
                self.rest_words();
                Ok(Term::OnDemand(self.text_from(start)))
            }
            Some(w) if EXTERNAL.contains(&w) => {
                self.pos = start;
                self.external_rest()
            }
            _ => {
                // «по 15 марта»: an end date
                self.pos = start;
                Err(self.err_here())
            }
        }
    }

    /// After «в соответствии с» or «по»: the source of the schedule, to the next separator.
    fn external_rest(&mut self) -> PResult<Term> {
        let start = self.pos;
        self.rest_words();
        if self.pos == start {
            return Err(self.err_here());
        }
        Ok(Term::External(self.text_from(start)))
    }

    /// Consume words (and numbers that are not dates) up to a comma or the start of a new term.
    fn rest_words(&mut self) {
        while let Some(tok) = self.peek() {
            match tok {
                Tok::Word(w) => {
                    if month_of(w).is_some()
                        || matches!(w.as_str(), "в" | "ежемесячно" | "ежеквартально")
                            && self.pos > 0
                            && self.word_at(1) == Some("течение")
                    {
                        break;
                    }
                    self.pos += 1;
                }
                _ => break,
            }
        }
    }

    fn text_from(&self, start: usize) -> String {
        self.toks[start..self.pos]
            .iter()
            .filter_map(|t| match &t.tok {
                Tok::Word(w) => Some(w.clone()),
                Tok::Num { value, .. } => Some(value.to_string()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// After «в течение»: a window, a year, the school year, or (nothing more) the plan's year.
    fn during(&mut self) -> PResult<Term> {
        match self.peek() {
            Some(Tok::Word(w)) if matches!(w.as_str(), "учебного" | "учебный") => {
                self.pos += 1;
                Ok(Term::School)
            }
            Some(Tok::Word(w)) if matches!(w.as_str(), "всего" | "месяца" | "периода") =>
            {
                self.pos += 1;
                // «в течение месяца» in a plan has no anchor; treat as the whole period.
                Ok(Term::YearRound)
            }
            Some(Tok::Word(w))
                if month_of(w).is_some() || roman(w).is_some() || ordinal(w).is_some() =>
            {
                self.term()
            }
            Some(Tok::Num { .. }) if self.year_at(0).is_some() => {
                let t = self.term()?;
                Ok(t)
            }
            _ => Ok(Term::YearRound),
        }
    }

    /// «до 15.03.2026», «до 15 марта», «не позднее 1 сентября», «до конца года», «до 5 числа».
    fn until(&mut self) -> PResult<Term> {
        if self.eat_word("не") {
            if !(self.eat_word("позднее") || self.eat_word("позже")) {
                if self.eat_word("реже") {
                    return self.recurring(None);
                }
                return Err(self.err_here());
            }
        } else {
            self.pos += 1; // «до» / «к»
        }
        if self.eat_word("конца") || self.eat_word("окончания") {
            if self.eat_word("учебного") {
                return Ok(Term::School);
            }
            if let Some(m) = self.month_at(0) {
                self.pos += 1;
                let y = self
                    .take_year()
                    .unwrap_or_else(|| self.plan.year_of_month(m));
                let end = month_end(y, m);
                return Ok(Term::Win(Win {
                    start: self.plan.period().0.min(end),
                    end,
                    kind: Kind::Date,
                }));
            }
            if let Some(y) = self.take_year() {
                return Ok(Term::Win(Win {
                    start: ymd(y, 1, 1),
                    end: ymd(y, 12, 31),
                    kind: Kind::Year,
                }));
            }
            return Ok(Term::YearRound);
        }
        // «до 5 числа (каждого месяца)»
        if let Some(Tok::Num { value, .. }) = self.peek().cloned()
            && self.word_at(1) == Some("числа")
        {
            self.pos += 2;
            self.eat_word("каждого");
            self.eat_word("месяца");
            return Ok(Term::Recurring(Recur {
                unit: Unit::Month,
                times: 1,
                day: Some(value.clamp(1, 31)),
            }));
        }
        let date = self.one_date()?;
        let start = self.plan.period().0.min(date);
        Ok(Term::Win(Win {
            start,
            end: date,
            kind: Kind::Date,
        }))
    }

    /// «с 15 ноября по 15 декабря 2026 года», «с января по май», «с 01.09.2026 по 31.05.2027».
    fn span_from_to(&mut self) -> PResult<Term> {
        self.pos += 1;
        if self.month_at(0).is_some() && !matches!(self.peek_at(1), Some(Tok::Num { .. })) {
            // month to month
            let m1 = self.month_at(0).unwrap_or(1);
            self.pos += 1;
            let y1 = self.take_year();
            if !self.eat_word("по") {
                self.eat(&Tok::Dash);
            }
            let Some(m2) = self.month_at(0) else {
                return Err(self.err_here());
            };
            self.pos += 1;
            let y2 = self.take_year();
            return Ok(Term::Win(self.month_range(m1, y1, m2, y2)));
        }
        let first = self.day_month()?;
        if !self.eat_word("по") && !self.eat_word("до") {
            self.eat(&Tok::Dash);
        }
        let second = self.day_month()?;
        Ok(Term::Win(self.day_range(first, second)?))
    }

    /// A date: `15.03.2026` or `15 марта [2026]`.
    fn one_date(&mut self) -> PResult<NaiveDate> {
        let dm = self.day_month()?;
        self.resolve_date(dm)
    }

    /// A day and month with an optional year, not yet made a date.
    fn day_month(&mut self) -> PResult<(u32, u32, Option<i32>, Range<usize>)> {
        let span = self.span_here();
        match self.peek().cloned() {
            Some(Tok::Date { d, m, y }) => {
                self.pos += 1;
                if let Some(y) = y {
                    self.years.push(y);
                }
                Ok((d, m, y, span))
            }
            Some(Tok::Num { value, digits, .. }) if digits <= 2 => {
                let Some(m) = self.month_at(1) else {
                    self.pos += 1;
                    return Err(self.err_here());
                };
                self.pos += 2;
                let y = self.take_year();
                let end = self.toks[self.pos - 1].span.end;
                Ok((value, m, y, span.start..end))
            }
            _ => Err(self.err_here()),
        }
    }

    fn resolve_date(
        &self,
        (d, m, y, span): (u32, u32, Option<i32>, Range<usize>),
    ) -> PResult<NaiveDate> {
        let y = y.unwrap_or_else(|| self.plan.year_of_month(m));
        NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
            DeadlineError::new(ErrorKind::BadDate(format!("{d:02}.{m:02}.{y}")), span)
        })
    }

    fn day_range(
        &self,
        a: (u32, u32, Option<i32>, Range<usize>),
        b: (u32, u32, Option<i32>, Range<usize>),
    ) -> PResult<Win> {
        let (mut a, b) = (a, b);
        // the year written once at the end belongs to both ends
        if a.2.is_none()
            && let Some(yb) = b.2
        {
            a.2 = Some(if a.1 > b.1 { yb - 1 } else { yb });
        }
        let end = self.resolve_date(b)?;
        let mut start = self.resolve_date(a)?;
        if start > end {
            start = start.with_year(start.year() - 1).unwrap_or(start);
        }
        Ok(Win {
            start,
            end,
            kind: if start == end {
                Kind::Date
            } else {
                Kind::DayRange
            },
        })
    }

    /// `15.03.2026`, `15.03.2026 - 20.03.2026`.
    fn dates(&mut self) -> PResult<Term> {
        let a = self.day_month()?;
        if matches!(self.peek(), Some(Tok::Dash))
            && matches!(self.peek_at(1), Some(Tok::Date { .. }))
        {
            self.pos += 1;
            let b = self.day_month()?;
            return Ok(Term::Win(self.day_range(a, b)?));
        }
        let d = self.resolve_date(a)?;
        Ok(Term::Win(Win {
            start: d,
            end: d,
            kind: Kind::Date,
        }))
    }

    /// A term that starts with a number: a year, a day, a quarter, «2 раза в год».
    fn number(&mut self, value: u32) -> PResult<Term> {
        if let Some(y) = self.year_at(0) {
            self.take_year();
            // «2026/2027 учебный год», «2026-2027 гг.»
            if matches!(self.peek(), Some(Tok::Slash | Tok::Dash))
                && let Some(Tok::Num {
                    value: v2,
                    digits: d2,
                    ..
                }) = self.peek_at(1).cloned()
            {
                let y2 = if d2 == 2 {
                    i32::try_from(u32::try_from(y).unwrap_or(0) / 100 * 100 + v2).unwrap_or(0)
                } else {
                    i32::try_from(v2).unwrap_or(0)
                };
                if y2 > y && y2 - y <= 5 && (d2 == 2 || d2 == 4) {
                    self.pos += 2;
                    self.years.push(y2);
                    if matches!(self.word_at(0), Some("учебный" | "учебного" | "уч"))
                    {
                        self.pos += 1;
                        return Ok(Term::Win(Win {
                            start: ymd(y, 9, 1),
                            end: ymd(y2, 5, 31),
                            kind: Kind::AcademicYear,
                        }));
                    }
                    return Ok(Term::Win(Win {
                        start: ymd(y, 1, 1),
                        end: ymd(y2, 12, 31),
                        kind: Kind::Year,
                    }));
                }
            }
            if matches!(self.word_at(0), Some("учебный" | "учебного" | "уч")) {
                self.pos += 1;
                return Ok(Term::Win(Win {
                    start: ymd(y, 9, 1),
                    end: ymd(y + 1, 5, 31),
                    kind: Kind::AcademicYear,
                }));
            }
            return Ok(Term::Win(Win {
                start: ymd(y, 1, 1),
                end: ymd(y, 12, 31),
                kind: Kind::Year,
            }));
        }
        match (self.peek_at(1).cloned(), self.word_at(1).map(str::to_owned)) {
            (_, Some(w)) if is_quarter_word(&w) || is_half_word(&w) => self.quarter_or_half(value),
            (_, Some(w)) if matches!(w.as_str(), "раз" | "раза") => {
                self.recurring(Some(value))
            }
            (_, Some(w)) if month_of(&w).is_some() => {
                let a = self.day_month()?;
                // «15 ноября - 15 декабря 2026»
                if matches!(self.peek(), Some(Tok::Dash))
                    && matches!(self.peek_at(1), Some(Tok::Num { .. }))
                    && self.month_at(2).is_some()
                {
                    self.pos += 1;
                    let b = self.day_month()?;
                    return Ok(Term::Win(self.day_range(a, b)?));
                }
                let d = self.resolve_date(a)?;
                Ok(Term::Win(Win {
                    start: d,
                    end: d,
                    kind: Kind::Date,
                }))
            }
            (Some(Tok::Dash), _) => {
                // «9 - 11 июня 2026», «I - II квартал» written with digits: «1-2 квартал»
                if let Some(Tok::Num { value: v2, .. }) = self.peek_at(2).cloned() {
                    if self
                        .word_at(3)
                        .is_some_and(|w| is_quarter_word(w) || is_half_word(w))
                    {
                        self.pos += 2;
                        return self.quarter_range(value, v2);
                    }
                    if self.month_at(3).is_some() {
                        let span = self.span_here();
                        self.pos += 2;
                        let b = self.day_month()?;
                        let a = (value, b.1, None, span);
                        return Ok(Term::Win(self.day_range(a, b)?));
                    }
                }
                self.pos += 1;
                Err(self.err_here())
            }
            _ => {
                self.pos += 1;
                Err(self.err_here())
            }
        }
    }

    /// «I квартал 2026», «2 квартал», «I полугодие», «II - III квартал».
    fn quarter_or_half(&mut self, n: u32) -> PResult<Term> {
        self.pos += 1;
        if matches!(self.peek(), Some(Tok::Dash)) {
            let n2 = match self.peek_at(1) {
                Some(Tok::Num { value, .. }) => Some(*value),
                Some(Tok::Word(w)) => roman(w).or_else(|| ordinal(w)),
                _ => None,
            };
            if let Some(n2) = n2 {
                self.pos += 1;
                return self.quarter_range(n, n2);
            }
        }
        let Some(w) = self.word_at(0).map(str::to_owned) else {
            return Err(self.err_here());
        };
        self.pos += 1;
        let y = self.take_year();
        if is_quarter_word(&w) && (1..=4).contains(&n) {
            let sm = (n - 1) * 3 + 1;
            let year = y.unwrap_or_else(|| self.plan.year_of_month(sm));
            return Ok(Term::Win(Win {
                start: ymd(year, sm, 1),
                end: month_end(year, sm + 2),
                kind: Kind::Quarter,
            }));
        }
        if is_half_word(&w) && (1..=2).contains(&n) {
            let sm = (n - 1) * 6 + 1;
            let year = y.unwrap_or_else(|| match self.plan {
                PlanYear::Calendar(y) => y,
                // the first half of an academic year is its autumn
                PlanYear::Academic(y) => y + 1,
            });
            return Ok(Term::Win(Win {
                start: ymd(year, sm, 1),
                end: month_end(year, sm + 5),
                kind: Kind::HalfYear,
            }));
        }
        self.pos -= 1;
        Err(self.err_here())
    }

    /// Cursor at the second number of «II - III квартал» (after the dash).
    fn quarter_range(&mut self, a: u32, b: u32) -> PResult<Term> {
        self.pos += 1; // the second number
        let Some(w) = self.word_at(0).map(str::to_owned) else {
            return Err(self.err_here());
        };
        if !(is_quarter_word(&w) || is_half_word(&w)) {
            return Err(self.err_here());
        }
        self.pos += 1;
        let y = self.take_year();
        let (size, max, kind) = if is_quarter_word(&w) {
            (3, 4, Kind::Quarter)
        } else {
            (6, 2, Kind::HalfYear)
        };
        if !(1..=max).contains(&a) || !(a..=max).contains(&b) {
            self.pos -= 1;
            return Err(self.err_here());
        }
        let sm = (a - 1) * size + 1;
        let em = b * size;
        let year = y.unwrap_or_else(|| self.plan.year_of_month(sm));
        Ok(Term::Win(Win {
            start: ymd(year, sm, 1),
            end: month_end(year, em),
            kind,
        }))
    }

    /// A month, a month range, or an alternative: «Сентябрь 2026», «Апрель – май 2026»,
    /// «Июнь (июль) 2026», «сентябрь - май».
    #[allow(clippy::unnecessary_wraps)] // one signature for every term parser
    fn months(&mut self) -> PResult<Term> {
        let m1 = self.month_at(0).unwrap_or(1);
        self.pos += 1;
        let y1 = self.take_year();
        // alternative: «Июнь (июль) 2026»
        if matches!(self.peek(), Some(Tok::LParen))
            && let Some(m2) = self.month_at(1)
            && matches!(self.peek_at(2), Some(Tok::RParen))
                | (self.year_at(2).is_some() && matches!(self.peek_at(3), Some(Tok::RParen)))
        {
            self.pos += 2;
            let y2_inner = self.take_year();
            self.pos += 1; // ')'
            let y_after = self.take_year();
            let y2 = y2_inner.or(y_after).or(y1);
            let y1 = y1.or(y2);
            let first = self.month_win(m1, y1);
            let mut second = self.month_win(m2, y2);
            if second.end < first.start {
                second = self.month_win(m2, Some(first.start.year() + 1));
            }
            return Ok(Term::Alt(first, second));
        }
        // range: «Апрель – май 2026», «сентябрь - май»
        if matches!(self.peek(), Some(Tok::Dash))
            && let Some(m2) = self.month_at(1)
        {
            self.pos += 2;
            let y2 = self.take_year();
            return Ok(Term::Win(self.month_range(m1, y1, m2, y2)));
        }
        Ok(Term::Win(self.month_win(m1, y1)))
    }

    fn month_win(&self, m: u32, y: Option<i32>) -> Win {
        let y = y.unwrap_or_else(|| self.plan.year_of_month(m));
        Win {
            start: ymd(y, m, 1),
            end: month_end(y, m),
            kind: Kind::Month,
        }
    }

    fn month_range(&self, m1: u32, y1: Option<i32>, m2: u32, y2: Option<i32>) -> Win {
        let (y1, y2) = match (y1, y2) {
            (Some(a), Some(b)) => (a, b),
            (None, Some(b)) => (if m1 > m2 { b - 1 } else { b }, b),
            (Some(a), None) => (a, if m1 > m2 { a + 1 } else { a }),
            (None, None) => {
                let a = self.plan.year_of_month(m1);
                let mut b = self.plan.year_of_month(m2);
                if ymd(b, m2, 1) < ymd(a, m1, 1) {
                    b = a + 1;
                }
                (a, b)
            }
        };
        let start = ymd(y1, m1, 1);
        let end = month_end(y2, m2);
        if end < start {
            return Win {
                start: end.with_day(1).unwrap_or(end),
                end: month_end(y1, m1),
                kind: Kind::MonthRange,
            };
        }
        Win {
            start,
            end,
            kind: if start.month() == end.month() && start.year() == end.year() {
                Kind::Month
            } else {
                Kind::MonthRange
            },
        }
    }

    /// «ежемесячно», «ежемесячно до 5 числа», «2 раза в год», «раз в квартал», «каждую неделю»,
    /// «не реже 1 раза в полугодие».
    fn recurring(&mut self, times: Option<u32>) -> PResult<Term> {
        let mut times = times.unwrap_or(1);
        if times != 1 || matches!(self.peek(), Some(Tok::Num { .. })) {
            if let Some(Tok::Num { value, .. }) = self.peek() {
                times = *value;
            }
            self.pos += 1;
        }
        let w = self.word_at(0).map(str::to_owned);
        let unit = match w.as_deref() {
            Some("ежемесячно") => {
                self.pos += 1;
                Unit::Month
            }
            Some("ежеквартально") => {
                self.pos += 1;
                Unit::Quarter
            }
            Some("еженедельно") => {
                self.pos += 1;
                Unit::Week
            }
            Some("дважды") => {
                self.pos += 1;
                times = 2;
                self.eat_word("в");
                self.unit_word()?
            }
            Some("каждый" | "каждую" | "каждое") => {
                self.pos += 1;
                self.unit_word()?
            }
            Some("раз" | "раза") => {
                self.pos += 1;
                if !self.eat_word("в") {
                    self.eat_word("за");
                }
                self.unit_word()?
            }
            _ => return Err(self.err_here()),
        };
        if times == 0 || times > 366 {
            return Err(DeadlineError::new(
                ErrorKind::Unexpected(times.to_string()),
                self.span_here(),
            ));
        }
        let mut day = None;
        // «ежемесячно до 5 числа»
        if self.word_at(0) == Some("до")
            && let Some(Tok::Num { value, .. }) = self.peek_at(1).cloned()
            && self.word_at(2) == Some("числа")
        {
            self.pos += 3;
            self.eat_word("каждого");
            self.eat_word("месяца");
            day = Some(value.clamp(1, 31));
        }
        Ok(Term::Recurring(Recur { unit, times, day }))
    }

    fn unit_word(&mut self) -> PResult<Unit> {
        let unit = match self.word_at(0) {
            Some("месяц" | "месяца" | "мес") => Unit::Month,
            Some("неделю" | "недели" | "неделя") => Unit::Week,
            Some("квартал" | "квартала" | "кв") => Unit::Quarter,
            Some("полугодие" | "полугодия" | "полгода") => Unit::Half,
            Some("год" | "года" | "учебный" | "уч") => Unit::Year,
            // «год» is dropped by the tokenizer as a year word: «2 раза в год» ends here
            None => Unit::Year,
            _ => return Err(self.err_here()),
        };
        if self.peek().is_some() && self.word_at(0).is_some() {
            self.pos += 1;
        }
        Ok(unit)
    }
}

// ---------------------------------------------------------------------------------------------
// Combining terms

fn combine(
    phrase: &str,
    terms: Vec<Term>,
    plan: PlanYear,
    years: &[i32],
) -> Result<Deadline, DeadlineError> {
    let (p_start, p_end) = plan.period();
    let mut wins: Vec<(Win, Option<NaiveDate>)> = Vec::new(); // window, target
    let mut year_round = false;
    let mut school = false;
    let mut qualifiers: Vec<String> = Vec::new();
    let mut external = false;
    let mut on_demand = false;
    let mut recurring: Option<Recur> = None;
    for t in terms {
        match t {
            Term::Win(w) => wins.push((w, None)),
            Term::Alt(a, b) => wins.push((
                Win {
                    start: a.start,
                    end: b.end,
                    kind: Kind::Alternative,
                },
                Some(a.end),
            )),
            Term::YearRound => year_round = true,
            Term::School => school = true,
            Term::External(s) => {
                external = true;
                qualifiers.push(s);
            }
            Term::OnDemand(s) => {
                on_demand = true;
                qualifiers.push(s);
            }
            Term::Recurring(r) => {
                if recurring.is_some_and(|old| old != r) {
                    return Err(DeadlineError::new(
                        ErrorKind::TooManyFrequencies,
                        0..phrase.len(),
                    ));
                }
                recurring = Some(r);
            }
        }
    }
    wins.dedup();
    let mut unique: Vec<(Win, Option<NaiveDate>)> = Vec::new();
    for w in wins {
        if !unique.contains(&w) {
            unique.push(w);
        }
    }
    let wins = unique;
    qualifiers.dedup();
    let qualifier = (!qualifiers.is_empty()).then(|| qualifiers.join(", "));
    let mk = |kind, start, end, due: Option<NaiveDate>, occ: Vec<Occurrence>, target| Deadline {
        phrase: phrase.to_owned(),
        kind,
        start,
        end,
        due,
        occurrences: occ,
        qualifier: qualifier.clone(),
        target,
        years: years.to_vec(),
    };
    let single = |start, end| {
        vec![Occurrence {
            start,
            end,
            due: end,
        }]
    };

    if let Some(r) = recurring {
        let (ws, we) = match wins.as_slice() {
            [(w, _)] => (w.start, w.end),
            [] if school => plan.school_year(),
            [] => (p_start, p_end),
            _ => {
                let s = wins.iter().map(|w| w.0.start).min().unwrap_or(p_start);
                let e = wins.iter().map(|w| w.0.end).max().unwrap_or(p_end);
                (s, e)
            }
        };
        let occ = occurrences(r, ws, we);
        let due = occ.last().map(|o| o.due);
        return Ok(mk(Kind::Recurring, ws, we, due, occ, None));
    }
    match wins.len() {
        0 => {}
        1 => {
            let (w, target) = wins[0];
            return Ok(mk(
                w.kind,
                w.start,
                w.end,
                Some(w.end),
                single(w.start, w.end),
                target,
            ));
        }
        _ => {
            let mut occ: Vec<Occurrence> = wins
                .iter()
                .map(|(w, _)| Occurrence {
                    start: w.start,
                    end: w.end,
                    due: w.end,
                })
                .collect();
            occ.sort_by_key(|o| (o.start, o.end));
            let start = occ.iter().map(|o| o.start).min().unwrap_or(p_start);
            let end = occ.iter().map(|o| o.end).max().unwrap_or(p_end);
            return Ok(mk(Kind::Several, start, end, Some(end), occ, None));
        }
    }
    if external {
        let (s, e) = if school {
            plan.school_year()
        } else {
            (p_start, p_end)
        };
        return Ok(mk(Kind::External, s, e, Some(e), single(s, e), None));
    }
    if school {
        let (s, e) = plan.school_year();
        return Ok(mk(Kind::AcademicYear, s, e, Some(e), single(s, e), None));
    }
    if year_round {
        return Ok(mk(
            Kind::Year,
            p_start,
            p_end,
            Some(p_end),
            single(p_start, p_end),
            None,
        ));
    }
    if on_demand {
        return Ok(mk(Kind::OnDemand, p_start, p_end, None, Vec::new(), None));
    }
    Err(DeadlineError::new(ErrorKind::Empty, 0..phrase.len()))
}

/// The occurrences of recurring work inside a window.
fn occurrences(r: Recur, ws: NaiveDate, we: NaiveDate) -> Vec<Occurrence> {
    let mut periods: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    match r.unit {
        Unit::Week => {
            let mut s = ws - Duration::days(i64::from(ws.weekday().num_days_from_monday()));
            while s <= we {
                let e = s + Duration::days(6);
                periods.push((s.max(ws), e.min(we)));
                s += Duration::days(7);
            }
        }
        Unit::Month | Unit::Quarter | Unit::Half | Unit::Year => {
            let size = match r.unit {
                Unit::Month => 1,
                Unit::Quarter => 3,
                Unit::Half => 6,
                _ => 12,
            };
            // a year-long unit over a window that is not a calendar year (an academic year,
            // «сентябрь – май») counts from the window's start
            let mut s = if size == 12 {
                ws.with_day(1).unwrap_or(ws)
            } else {
                let m0 = (ws.month() - 1) / size * size + 1;
                ymd(ws.year(), m0, 1)
            };
            while s <= we {
                let e = add_months(s, size) - Duration::days(1);
                periods.push((s.max(ws), e.min(we)));
                s = add_months(s, size);
            }
        }
    }
    let mut out = Vec::new();
    for (s, e) in periods {
        for (ps, pe) in split(s, e, r.times) {
            let due = match r.day {
                Some(d) if r.unit == Unit::Month => {
                    let last = month_end(ps.year(), ps.month()).day();
                    ymd(ps.year(), ps.month(), d.min(last)).clamp(ps, pe)
                }
                _ => pe,
            };
            out.push(Occurrence {
                start: ps,
                end: pe,
                due,
            });
        }
    }
    out
}

/// Split a period into `n` parts: by whole months when they divide evenly, by days otherwise.
fn split(s: NaiveDate, e: NaiveDate, n: u32) -> Vec<(NaiveDate, NaiveDate)> {
    if n <= 1 {
        return vec![(s, e)];
    }
    let whole_months = s.day() == 1 && e == month_end(e.year(), e.month());
    let months = (e.year() - s.year()) * 12 + i32::try_from(e.month()).unwrap_or(1)
        - i32::try_from(s.month()).unwrap_or(1)
        + 1;
    let n_i = i32::try_from(n).unwrap_or(1);
    if whole_months && months % n_i == 0 {
        let step = u32::try_from(months / n_i).unwrap_or(1);
        return (0..n)
            .map(|k| {
                let a = add_months(s, k * step);
                let b = add_months(s, (k + 1) * step) - Duration::days(1);
                (a, b)
            })
            .collect();
    }
    let days = (e - s).num_days() + 1;
    let n64 = i64::from(n);
    if days < n64 {
        return vec![(s, e)];
    }
    (0..n64)
        .map(|k| {
            let a = s + Duration::days(days * k / n64);
            let b = s + Duration::days(days * (k + 1) / n64 - 1);
            (a, b)
        })
        .collect()
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
    let q = d
        .qualifier
        .as_deref()
        .map(|q| format!(", {q}"))
        .unwrap_or_default();
    match d.kind {
        Kind::Date => match (d.start == d.end, d.due) {
            (true, _) | (_, None) => format!("{}{q}", date(d.end)),
            (false, Some(due)) => format!("до {}{q}", date(due)),
        },
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
        Kind::DayRange => format!("{} – {}{q}", date(d.start), date(d.end)),
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
                {
                    format!("{} {} г.", month(o.start), o.start.year())
                } else if o.start == o.end {
                    date(o.start)
                } else {
                    format!("{} – {}", date(o.start), date(o.end))
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
];

fn suggest(phrase: &str, err: &DeadlineError, plan: PlanYear) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // A misspelled word: offer the phrase with the nearest known word, if that parses.
    if let ErrorKind::UnknownWord(w) = &err.kind {
        let mut best: Option<(f64, &str)> = None;
        for cand in vocabulary() {
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
    let norm = i18n::fold(phrase);
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
