//! The terms of a deadline phrase: a recursive descent over the tokens.
//!
//! A phrase is a sequence of terms (a date, a month, a range, a recurring frequency, an on-demand
//! clause, a time of day, …) between separators. A term that is not understood is kept as
//! [`Term::Rest`] together with the first error, so that the combining step can decide whether
//! the words are a place or a name written after a date (kept) or a misreading (refused).

mod clauses;
mod dates;
mod periods;
mod recurring;
mod seasons;

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use super::lexer::{
    FREQUENT, Part, RECURRING, Tok, Token, YEAR_ROUND, is_decade_word, is_half_of_word, is_last,
    is_school_quarter_word, is_week_word, month_of, ordinal, part_of, roman, weekday_of,
    weekday_plural,
};
use super::{DeadlineError, ErrorKind, Kind, PlanYear, TimeOfDay, month_end, tick, ymd};

/// Where the year of a window comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum YearSrc {
    /// Written in the term (or «текущего года»).
    Written,
    /// Not written: taken from the plan, and may be taken from a neighbour instead.
    Plan,
    /// The term is a year and nothing else («2026 г.»): it may be the year of its neighbours.
    Bare,
}

/// A window found in the phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Win {
    pub(super) start: NaiveDate,
    pub(super) end: NaiveDate,
    pub(super) kind: Kind,
    pub(super) yr: YearSrc,
    /// «до 15 марта»: the window opens with the plan, only its end is written.
    pub(super) open: bool,
}

impl Win {
    fn new(start: NaiveDate, end: NaiveDate, kind: Kind, yr: YearSrc) -> Win {
        Win {
            start,
            end,
            kind,
            yr,
            open: false,
        }
    }

    /// «до 15 марта»: from the start of the plan (or the date, if earlier) to the date.
    fn until(plan: PlanYear, end: NaiveDate, yr: YearSrc) -> Win {
        Win {
            start: plan.period().0.min(end),
            end,
            kind: Kind::Date,
            yr,
            open: true,
        }
    }

    fn day(d: NaiveDate, yr: YearSrc) -> Win {
        Win::new(d, d, Kind::Date, yr)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    Week,
    Month,
    Quarter,
    Half,
    Year,
    /// A school quarter (четверть): September – October, November – December, January – March,
    /// April – May.
    SchoolQuarter,
}

impl Unit {
    /// The period a word names «of each»: «(по итогам) месяца», «(в конце) квартала»,
    /// «полугодия», «четверти».
    pub(super) fn of_word(w: &str) -> Option<Unit> {
        match w {
            "месяца" => Some(Unit::Month),
            "квартала" => Some(Unit::Quarter),
            "полугодия" => Some(Unit::Half),
            "четверти" => Some(Unit::SchoolQuarter),
            _ => None,
        }
    }
}

/// A part of a period: «начало», «вторая декада», «3 неделя», «последняя неделя», «первая
/// половина».
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PartSpec {
    Of(Part),
    Decade(u32),
    Week(u32),
    LastWeek,
    Half(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Recur {
    pub(super) unit: Unit,
    pub(super) times: u32,
    /// «до 5 числа»: due on this day of the month.
    pub(super) day: Option<u32>,
    /// «… месяца, следующего за отчетным»: due in the period after the one reported on.
    pub(super) next: bool,
    /// «по средам»: the days of the week (bit 0 = Monday).
    pub(super) weekdays: u8,
    /// «первый понедельник месяца»: which of those days in each month (1–5; -1 the last).
    pub(super) nth: Option<i8>,
    /// «в конце месяца»: the part of each period.
    pub(super) part: Option<PartSpec>,
}

impl Recur {
    fn every(unit: Unit) -> Recur {
        Recur {
            unit,
            times: 1,
            day: None,
            next: false,
            weekdays: 0,
            nth: None,
            part: None,
        }
    }
}

/// «в течение недели»: a length of time that counts from the date before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Len {
    Days(u32),
    /// Days from Monday to Friday.
    WorkDays(u32),
    Months(u32),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Term {
    Win(Win),
    /// `Июнь (июль)`: aim for the first, due by the end of the second.
    Alt(Win, Win),
    /// Several windows from one term: «1, 8, 15 октября».
    Many(Vec<Win>),
    /// The whole period: «в течение года», «постоянно», «весь период».
    YearRound,
    /// The school year: «в течение учебного года».
    School,
    /// «ежегодно», «ежедневно»: how often, with the window of the other terms.
    Frequent(String),
    External(String),
    OnDemand(String),
    Recurring(Recur),
    Time(TimeOfDay),
    /// «в течение недели» after a date.
    Span(Len),
    /// Words not understood: a place or a name, if the rest of the phrase allows.
    Rest,
}

/// A term and the tokens it was read from.
#[derive(Clone, Debug)]
pub(super) struct Spanned {
    pub(super) term: Term,
    pub(super) toks: Range<usize>,
}

/// The terms of a phrase, the first error of the words not understood, and an error that stops
/// the reading (a date that does not exist, a reversed range).
pub(super) struct Parsed {
    pub(super) terms: Vec<Spanned>,
    pub(super) failure: Option<DeadlineError>,
    pub(super) hard: Option<DeadlineError>,
}

/// One end of a range.
#[derive(Clone, Debug)]
enum End {
    /// A day whose month is written at the other end: the «12» of «с 12 по 16 октября».
    Day(u32, Range<usize>),
    DayMonth {
        d: u32,
        m: u32,
        y: Option<i32>,
        span: Range<usize>,
    },
    Month {
        m: u32,
        y: Option<i32>,
    },
}

type DayMonth = (u32, u32, Option<i32>, Range<usize>);

pub(super) struct Parser<'a> {
    phrase: &'a str,
    toks: &'a [Token],
    pos: usize,
    plan: PlanYear,
    /// Years written in the phrase.
    pub(super) years: Vec<i32>,
}

type PResult<T> = Result<T, DeadlineError>;

/// An error that means "these words are not understood" rather than "this cannot be".
fn is_soft(e: &DeadlineError) -> bool {
    matches!(
        e.kind,
        ErrorKind::UnknownWord(_)
            | ErrorKind::Unexpected(_)
            | ErrorKind::Incomplete
            | ErrorKind::DayWithoutMonth(_)
            | ErrorKind::Unanchored(_)
    )
}

impl<'a> Parser<'a> {
    pub(super) fn new(phrase: &'a str, toks: &'a [Token], plan: PlanYear) -> Parser<'a> {
        Parser {
            phrase,
            toks,
            pos: 0,
            plan,
            years: Vec::new(),
        }
    }

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

    fn month_at(&self, k: usize) -> Option<u32> {
        self.word_at(k).and_then(month_of)
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
                    Tok::Time { h, min } => ErrorKind::Unexpected(format!("{h:02}:{min:02}")),
                    Tok::YearWord => ErrorKind::Unexpected("год".into()),
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

    fn err(&self, kind: ErrorKind) -> DeadlineError {
        DeadlineError::new(kind, self.span_here())
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

    /// «текущего (этого) года» at the cursor: the word before «года» passed over, the year being
    /// the plan's either way.
    pub(super) fn skip_this_before_year(&mut self) {
        if self.word_at(0).is_some_and(is_this_year_word) && self.peek_at(1) == Some(&Tok::YearWord)
        {
            self.pos += 1;
        }
    }

    /// A year written at the cursor: `2026`, `26 г.`, «текущего года», «следующего года». The
    /// month `m`, when known, places «текущего года» in an academic plan.
    fn take_year(&mut self, m: Option<u32>) -> Option<i32> {
        if let Some(y) = self.year_at(0) {
            self.pos += 1;
            self.years.push(y);
            return Some(y);
        }
        // «15 января года, следующего за отчетным»
        if self.peek() == Some(&Tok::YearWord) {
            let save = self.pos;
            self.pos += 1;
            self.eat(&Tok::Comma);
            if self.eat_word("следующего")
                && self.eat_word("за")
                && (self.eat_word("отчетным") || self.eat_word("отчетном"))
            {
                self.eat(&Tok::YearWord); // «годом»
                return Some(self.plan.period().0.year() + 1);
            }
            self.pos = save;
            return None;
        }
        let shift = match self.word_at(0) {
            Some(w) if is_this_year_word(w) => 0,
            Some("следующего" | "будущего") => 1,
            Some("прошлого" | "предыдущего") => -1,
            _ => return None,
        };
        if self.peek_at(1) != Some(&Tok::YearWord) {
            return None;
        }
        self.pos += 2;
        let first = self.plan.period().0.year();
        Some(match (shift, m) {
            (0, Some(m)) => self.plan.year_of_month(m),
            _ => first + shift,
        })
    }

    /// The years written after a season or a school quarter: «2026», «2026 г.», «2026-2027»,
    /// «2026/2027 уч. г.», «2026-2027 учебного года» — the first, and the second of a pair.
    fn years_after(&mut self, m: Option<u32>) -> (Option<i32>, Option<i32>) {
        let y1 = self.take_year(m);
        let mut y2 = None;
        if y1.is_some()
            && matches!(self.peek(), Some(Tok::Dash | Tok::Slash))
            && self.year_at(1).is_some()
        {
            self.pos += 1;
            y2 = self.take_year(None);
        }
        if y1.is_some() && matches!(self.word_at(0), Some("уч" | "учебного" | "учебный"))
        {
            self.pos += 1;
            self.eat(&Tok::YearWord);
            self.eat_word("г");
        }
        (y1, y2)
    }

    fn yr(y: Option<i32>) -> YearSrc {
        if y.is_some() {
            YearSrc::Written
        } else {
            YearSrc::Plan
        }
    }

    // -----------------------------------------------------------------------------------------
    // The phrase

    fn skip_separators(&mut self) {
        while matches!(
            self.peek(),
            Some(Tok::Comma | Tok::LParen | Tok::RParen | Tok::Dash | Tok::Slash)
        ) || matches!(
            self.word_at(0),
            Some("и" | "а" | "но" | "также" | "или" | "на" | "за")
        ) || (matches!(self.word_at(0), Some("срок" | "сроки"))
            && self.set_by_someone().is_none())
        {
            self.pos += 1;
        }
    }

    /// «Сроки (проведения) определяет …», «срок устанавливается …» at the cursor: how many words
    /// they take, up to the one who sets them.
    fn set_by_someone(&self) -> Option<usize> {
        let mut k = 1;
        while self.word_at(k).is_some_and(seasons::is_event_word) {
            k += 1;
        }
        let sets = |v: &str| {
            [
                "определя",
                "определит",
                "устанавлива",
                "установит",
                "согласовыва",
                "уточня",
            ]
            .iter()
            .any(|stem| v.starts_with(stem))
        };
        self.word_at(k).is_some_and(sets).then_some(k + 1)
    }

    /// Every term of the phrase.
    pub(super) fn terms(&mut self) -> Parsed {
        let mut terms = Vec::new();
        let mut failure = None;
        loop {
            self.skip_separators();
            if self.pos >= self.toks.len() {
                break;
            }
            tick(1);
            let start = self.pos;
            match self.term() {
                Ok(Term::Many(wins)) => {
                    for w in wins {
                        terms.push(Spanned {
                            term: Term::Win(w),
                            toks: start..self.pos,
                        });
                    }
                }
                Ok(term) => terms.push(Spanned {
                    term,
                    toks: start..self.pos,
                }),
                Err(e) if is_soft(&e) => {
                    // the words up to where the reading failed are kept as they are written
                    let end = self.pos.max(start + 1).min(self.toks.len());
                    failure.get_or_insert(e);
                    terms.push(Spanned {
                        term: Term::Rest,
                        toks: start..end,
                    });
                    self.pos = end;
                }
                Err(e) => {
                    return Parsed {
                        terms,
                        failure,
                        hard: Some(e),
                    };
                }
            }
        }
        Parsed {
            terms,
            failure,
            hard: None,
        }
    }

    fn term(&mut self) -> PResult<Term> {
        // «в», «во» before a term: «в сентябре», «в 2026 году», «в 16.00»
        while matches!(self.word_at(0), Some("в" | "во")) {
            match self.word_at(1) {
                Some("течение" | "течении") => {
                    self.pos += 2;
                    return self.during();
                }
                Some("соответствии") => {
                    self.pos += 2;
                    if !self.eat_word("с") {
                        self.eat_word("со");
                    }
                    return self.external_rest();
                }
                // «в дни (школьных) каникул»: the holidays
                Some("дни")
                    if self.word_at(2).is_some_and(seasons::is_holiday_word)
                        || (self.word_at(2) == Some("школьных")
                            && self.word_at(3).is_some_and(seasons::is_holiday_word)) =>
                {
                    self.pos += if self.word_at(2) == Some("школьных") {
                        3
                    } else {
                        2
                    };
                    return self.season();
                }
                // «в день проведения», «в период проведения», «в ходе мероприятия»: when the
                // event is, which the phrase does not date
                Some("день" | "период" | "ходе" | "дни")
                    if self.word_at(2).is_some_and(seasons::is_event_word) =>
                {
                    return Ok(self.take_event_length(1));
                }
                Some("период") => {
                    self.pos += 2;
                    return self.in_period();
                }
                // «в преддверии Дня учителя»: by that day
                Some("преддверии") => {
                    self.pos += 1;
                    return self.until();
                }
                Some("сроки" | "срок") => {
                    self.pos += 2;
                    // «в сроки, установленные Минпросвещения России»
                    if self.peek() == Some(&Tok::Comma) && self.word_at(1).is_some() {
                        self.pos += 1;
                    }
                    return self.external_rest();
                }
                // «в установленные сроки», «в сроки, определённые приказом»
                Some(
                    "установленные"
                    | "установленный"
                    | "установленном"
                    | "определенные"
                    | "утвержденные",
                ) if matches!(self.word_at(2), Some("сроки" | "срок" | "порядке")) =>
                {
                    self.pos += 1;
                    return self.external_rest();
                }
                _ => self.pos += 1,
            }
        }
        match self.peek().cloned() {
            Some(Tok::Word(w)) => self.word_term(&w),
            Some(Tok::Date { .. }) => self.dates(),
            Some(Tok::Num { value, .. }) => self.number(value),
            Some(Tok::Time { .. }) => self.time(),
            _ => Err(self.err_here()),
        }
    }

    fn word_term(&mut self, w: &str) -> PResult<Term> {
        match w {
            "по" | "при" | "согласно" => return self.by_clause(),
            "течение" | "течении" | "протяжении" => {
                self.pos += 1;
                return self.during();
            }
            "до" | "к" | "ко" | "не" | "вплоть" | "накануне" => {
                return self.until();
            }
            "с" | "со" => return self.span_from_to(),
            "учебный" | "учебного" | "учебном" => {
                self.pos += 1;
                self.eat(&Tok::YearWord);
                return Ok(Term::School);
            }
            "весь" | "всего" => return self.whole(),
            // «на постоянной основе»: as «постоянно»
            "постоянной" if self.word_at(1) == Some("основе") => {
                self.pos += 2;
                return Ok(Term::YearRound);
            }
            // «после проведения мероприятия»: an event the phrase does not date
            "после" if self.word_at(1).is_some_and(seasons::is_event_word) => {
                let start = self.pos;
                self.pos += 1;
                self.skip_event_words();
                return Ok(Term::OnDemand(self.text_from(start)));
            }
            // «Сроки (проведения) определяет управление образования»: someone else's schedule
            "сроки" | "срок" => {
                if let Some(k) = self.set_by_someone() {
                    self.pos += k;
                    return self.external_rest();
                }
            }
            _ => {}
        }
        if RECURRING.contains(&w)
            || (numeral(w).is_some() && matches!(self.word_at(1), Some("раз" | "раза")))
        {
            return self.recurring(None);
        }
        if YEAR_ROUND.contains(&w) {
            self.pos += 1;
            return Ok(Term::YearRound);
        }
        if FREQUENT.contains(&w) {
            self.pos += 1;
            return Ok(Term::Frequent(w.to_owned()));
        }
        // «третье воскресенье октября», «последняя суббота июня», «первый понедельник месяца»
        if (ordinal(w).is_some() || is_last(w)) && self.word_at(1).and_then(weekday_of).is_some() {
            if self.month_at(2).is_some() {
                return self.weekday_of_month();
            }
            if let Some(r) = self.nth_weekday_each_month() {
                return Ok(Term::Recurring(r));
            }
        }
        if part_of(w).is_some() || is_last(w) {
            return self.part();
        }
        if let Some(n) = roman(w).or_else(|| ordinal(w)) {
            if self
                .word_at(1)
                .is_some_and(|x| is_week_word(x) || is_decade_word(x) || is_half_of_word(x))
            {
                return self.part();
            }
            // «II-III четверть»
            if matches!(self.peek_at(1), Some(Tok::Dash))
                && let Some(b) = self
                    .word_at(2)
                    .and_then(|x| roman(x).or_else(|| ordinal(x)))
                && self.word_at(3).is_some_and(is_school_quarter_word)
            {
                self.pos += 2;
                return self.quarter_range(n, b);
            }
            return self.quarter_or_half(n);
        }
        if month_of(w).is_some() {
            return self.months();
        }
        if seasons::season_of(w).is_some() || seasons::is_holiday_word(w) {
            return self.season();
        }
        if let Some((date, yr)) = self.named_day() {
            return Ok(Term::Win(Win::day(date, yr)));
        }
        if weekday_of(w).is_some() || weekday_plural(w).is_some() {
            // «в среду» with no date: which Wednesday?
            return Err(self.err(ErrorKind::Unanchored(w.to_owned())));
        }
        Err(self.err_here())
    }
}

/// A count written as a word: «один раз», «не реже одного раза», «два раза в год».
fn numeral(w: &str) -> Option<u32> {
    match w {
        "один" | "одного" => Some(1),
        "два" | "двух" => Some(2),
        "три" | "трех" => Some(3),
        "четыре" | "четырех" => Some(4),
        _ => None,
    }
}

/// The first and last day of a part of month `m` of year `y`.
pub(super) fn part_in_month(spec: PartSpec, y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let last = month_end(y, m).day();
    let days = |a: u32, b: u32| Some((ymd(y, m, a), ymd(y, m, b.min(last))));
    match spec {
        PartSpec::Of(Part::Begin) | PartSpec::Decade(1) => days(1, 10),
        PartSpec::Of(Part::Middle) | PartSpec::Decade(2) => days(11, 20),
        PartSpec::Of(Part::End) | PartSpec::Decade(3) => days(21, last),
        PartSpec::Week(n) if (1..=5).contains(&n) && (n - 1) * 7 < last => {
            days((n - 1) * 7 + 1, n * 7)
        }
        PartSpec::LastWeek => days(last - 6, last),
        PartSpec::Half(1) => days(1, 15),
        PartSpec::Half(2) => days(16, last),
        _ => None,
    }
}

/// «текущего», «этого» (года): the year being read.
fn is_this_year_word(w: &str) -> bool {
    matches!(w, "текущего" | "этого" | "нынешнего" | "сего")
}
