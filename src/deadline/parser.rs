//! The terms of a deadline phrase: a recursive descent over the tokens.
//!
//! A phrase is a sequence of terms (a date, a month, a range, a recurring frequency, an on-demand
//! clause, a time of day, …) between separators. A term that is not understood is kept as
//! [`Term::Rest`] together with the first error, so that the combining step can decide whether
//! the words are a place or a name written after a date (kept) or a misreading (refused).

use std::ops::Range;

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::lexer::{
    EXTERNAL, FREQUENT, MODIFIERS, ON_DEMAND, Part, RECURRING, RESULTS, Tok, Token, YEAR_ROUND,
    is_decade_word, is_half_of_word, is_half_word, is_last, is_quarter_word, is_season_word,
    is_week_word, month_of, ordinal, part_of, roman, weekday_of, weekday_plural,
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
            Some("текущего" | "этого" | "нынешнего" | "сего") => 0,
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
            Some("и" | "а" | "но" | "также" | "или" | "срок" | "сроки" | "на" | "за")
        ) {
            self.pos += 1;
        }
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
                Some("период") => {
                    self.pos += 2;
                    return self.in_period();
                }
                Some("сроки" | "срок") => {
                    self.pos += 2;
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
            "до" | "к" | "не" | "вплоть" => return self.until(),
            "с" | "со" => return self.span_from_to(),
            "учебный" | "учебного" | "учебном" => {
                self.pos += 1;
                self.eat(&Tok::YearWord);
                return Ok(Term::School);
            }
            "весь" | "всего" => return self.whole(),
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
            return self.quarter_or_half(n);
        }
        if month_of(w).is_some() {
            return self.months();
        }
        if weekday_of(w).is_some() || weekday_plural(w).is_some() {
            // «в среду» with no date: which Wednesday?
            return Err(self.err(ErrorKind::Unanchored(w.to_owned())));
        }
        Err(self.err_here())
    }

    // -----------------------------------------------------------------------------------------
    // Clauses

    /// «по запросу», «по мере поступления», «по плану РМЦ», «при необходимости», «по средам»,
    /// «по итогам квартала», «по 31 августа».
    fn by_clause(&mut self) -> PResult<Term> {
        let start = self.pos;
        let lead = self.word_at(0).unwrap_or_default().to_owned();
        self.pos += 1;
        let next = self.peek().cloned();
        match next {
            Some(Tok::Word(w)) if ON_DEMAND.contains(&w.as_str()) || lead == "при" => {
                self.pos += 1;
                self.rest_words();
                Ok(Term::OnDemand(self.text_from(start)))
            }
            Some(Tok::Word(w)) if EXTERNAL.contains(&w.as_str()) => {
                self.pos = start;
                self.external_rest()
            }
            Some(Tok::Word(w)) if lead == "по" && weekday_plural(&w).is_some() => {
                let weekdays = self.weekday_list(true);
                Ok(Term::Recurring(Recur {
                    weekdays,
                    ..Recur::every(Unit::Week)
                }))
            }
            Some(Tok::Word(w)) if lead == "по" && RESULTS.contains(&w.as_str()) => {
                self.pos += 1;
                self.results_of()
            }
            Some(Tok::Num { .. } | Tok::Date { .. }) if lead == "по" => {
                self.pos = start;
                self.until()
            }
            _ => {
                self.pos = start;
                Err(self.err_here())
            }
        }
    }

    /// After «в соответствии с» or «по»: the source of the schedule, to the next separator.
    fn external_rest(&mut self) -> PResult<Term> {
        let start = self.pos;
        if matches!(self.word_at(0), Some("по" | "согласно")) {
            self.pos += 1;
        }
        self.rest_words();
        if self.pos == start {
            return Err(self.err_here());
        }
        Ok(Term::External(self.text_from(start)))
    }

    /// Consume words up to a separator, a number, or the start of another clause.
    fn rest_words(&mut self) {
        while self.word_at(0).is_some() && !self.clause_starts() {
            self.pos += 1;
        }
    }

    /// Whether the word at the cursor starts a term of its own (it ends a qualifier's words).
    fn clause_starts(&self) -> bool {
        let Some(w) = self.word_at(0) else {
            return true;
        };
        if month_of(w).is_some()
            || weekday_of(w).is_some()
            || weekday_plural(w).is_some()
            || part_of(w).is_some()
            || is_season_word(w)
            || MODIFIERS.contains(&w)
            || RECURRING.contains(&w)
            || FREQUENT.contains(&w)
            || YEAR_ROUND.contains(&w)
        {
            return true;
        }
        let dated = matches!(
            self.peek_at(1),
            Some(Tok::Num { .. } | Tok::Date { .. } | Tok::Time { .. })
        );
        match w {
            "в" | "во" => {
                dated
                    || self.month_at(1).is_some()
                    || matches!(
                        self.word_at(1),
                        Some(
                            "течение"
                                | "течении"
                                | "период"
                                | "соответствии"
                                | "начале"
                                | "середине"
                                | "конце"
                        )
                    )
            }
            "до" | "к" | "не" | "с" | "со" | "вплоть" => {
                dated
                    || self.word_at(1).is_some_and(|x| {
                        month_of(x).is_some()
                            || matches!(x, "конца" | "окончания" | "позднее" | "позже" | "реже")
                    })
            }
            "по" | "при" | "согласно" => {
                dated
                    || self.word_at(1).is_some_and(|x| {
                        ON_DEMAND.contains(&x)
                            || EXTERNAL.contains(&x)
                            || RESULTS.contains(&x)
                            || weekday_plural(x).is_some()
                    })
            }
            "течение" | "течении" | "протяжении" | "учебного" | "учебный" => {
                true
            }
            _ => false,
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

    /// «весь период», «весь год», «всего учебного года».
    fn whole(&mut self) -> PResult<Term> {
        self.pos += 1;
        match self.peek() {
            Some(Tok::YearWord) => {
                self.pos += 1;
                Ok(Term::YearRound)
            }
            Some(Tok::Word(w)) if matches!(w.as_str(), "период" | "периода") => {
                self.pos += 1;
                Ok(Term::YearRound)
            }
            Some(Tok::Word(w)) if matches!(w.as_str(), "учебный" | "учебного") => {
                self.pos += 1;
                self.eat(&Tok::YearWord);
                Ok(Term::School)
            }
            _ => Err(self.err_here()),
        }
    }

    /// After «в течение»: the year, the school year, a window, or a length of time («в течение
    /// недели», counted from the date before it).
    fn during(&mut self) -> PResult<Term> {
        match self.peek().cloned() {
            Some(Tok::YearWord) => {
                self.pos += 1;
                Ok(Term::YearRound)
            }
            Some(Tok::Word(w)) => match w.as_str() {
                "всего" | "весь" => self.whole(),
                "учебного" | "учебный" => {
                    self.pos += 1;
                    self.eat(&Tok::YearWord);
                    Ok(Term::School)
                }
                "периода" => {
                    self.pos += 1;
                    Ok(Term::YearRound)
                }
                "дня" | "суток" => {
                    self.pos += 1;
                    Ok(Term::Span(Len::Days(1)))
                }
                "недели" => {
                    self.pos += 1;
                    Ok(Term::Span(Len::Days(7)))
                }
                "месяца" => {
                    self.pos += 1;
                    Ok(Term::Span(Len::Months(1)))
                }
                "с" | "со" => self.span_from_to(),
                _ if month_of(&w).is_some()
                    || roman(&w).is_some()
                    || ordinal(&w).is_some()
                    || part_of(&w).is_some()
                    || is_last(&w) =>
                {
                    self.term()
                }
                _ => Err(self.err_here()),
            },
            Some(Tok::Num { value, .. }) if self.year_at(0).is_none() => {
                let working = matches!(self.word_at(1), Some("рабочих" | "рабочего"));
                let calendar = matches!(self.word_at(1), Some("календарных" | "календарного"));
                if (working || calendar) && matches!(self.word_at(2), Some("дня" | "дней")) {
                    self.pos += 3;
                    let n = value.clamp(1, 3660);
                    return Ok(Term::Span(if working {
                        Len::WorkDays(n)
                    } else {
                        Len::Days(n)
                    }));
                }
                let len = match self.word_at(1) {
                    Some("дня" | "дней" | "суток") => Some(Len::Days(value.min(3660))),
                    Some("недели" | "недель") => Some(Len::Days(value.min(520) * 7)),
                    Some("месяца" | "месяцев") => Some(Len::Months(value.min(120))),
                    _ => None,
                };
                match len {
                    Some(len) if value > 0 => {
                        self.pos += 2;
                        Ok(Term::Span(len))
                    }
                    _ => self.term(),
                }
            }
            Some(Tok::Num { .. } | Tok::Date { .. }) => self.term(),
            _ => Err(self.err_here()),
        }
    }

    /// After «в период»: «в период с 12 по 16 октября», «в период 12–16 октября».
    fn in_period(&mut self) -> PResult<Term> {
        match self.peek() {
            Some(Tok::Word(w)) if w == "с" || w == "со" => self.span_from_to(),
            Some(Tok::Num { .. } | Tok::Date { .. }) => self.term(),
            Some(Tok::Word(w)) if month_of(w).is_some() => self.term(),
            _ => Err(self.err_here()),
        }
    }

    /// «до 15.03.2026», «до 15 марта», «не позднее 1 сентября», «по 31 августа», «до конца
    /// года», «до 5 числа каждого месяца», «до 18.00».
    fn until(&mut self) -> PResult<Term> {
        match self.word_at(0) {
            Some("не") => {
                self.pos += 1;
                if self.eat_word("реже") {
                    return self.recurring(None);
                }
                if !(self.eat_word("позднее") || self.eat_word("позже")) {
                    return Err(self.err_here());
                }
            }
            Some("вплоть") => {
                self.pos += 1;
                if !self.eat_word("до") {
                    return Err(self.err_here());
                }
            }
            _ => self.pos += 1, // «до», «к», «по»
        }
        if self.eat_word("конца") || self.eat_word("окончания") || self.eat_word("завершения")
        {
            return self.until_end_of();
        }
        match self.peek().cloned() {
            // «до 5 числа (каждого месяца)»
            Some(Tok::Num { value, .. }) if self.word_at(1) == Some("числа") => {
                self.pos += 2;
                let next = self.month_tail(true)?;
                Ok(Term::Recurring(Recur {
                    day: Some(value.clamp(1, 31)),
                    next,
                    ..Recur::every(Unit::Month)
                }))
            }
            Some(Tok::Time { .. }) => self.time(),
            _ => {
                let dm = self.day_month()?;
                let yr = Parser::yr(dm.2);
                let date = self.resolve_date(dm)?;
                Ok(Term::Win(Win::until(self.plan, date, yr)))
            }
        }
    }

    /// After «до конца»: «года», «учебного года», «мая», «2026 года», «I квартала».
    fn until_end_of(&mut self) -> PResult<Term> {
        let plan = self.plan;
        let until = |end: NaiveDate, yr| Term::Win(Win::until(plan, end, yr));
        match self.peek().cloned() {
            Some(Tok::YearWord) => {
                self.pos += 1;
                Ok(Term::YearRound)
            }
            Some(Tok::Word(w)) if w == "учебного" => {
                self.pos += 1;
                self.eat(&Tok::YearWord);
                Ok(Term::School)
            }
            Some(Tok::Word(w)) if month_of(&w).is_some() => {
                let m = month_of(&w).unwrap_or(1);
                self.pos += 1;
                let y = self.take_year(Some(m));
                let end = month_end(y.unwrap_or_else(|| self.plan.year_of_month(m)), m);
                Ok(until(end, Parser::yr(y)))
            }
            Some(Tok::Word(w))
                if (roman(&w).is_some() || ordinal(&w).is_some())
                    && self
                        .word_at(1)
                        .is_some_and(|x| is_quarter_word(x) || is_half_word(x)) =>
            {
                let n = roman(&w).or_else(|| ordinal(&w)).unwrap_or(1);
                match self.quarter_or_half(n)? {
                    Term::Win(q) => Ok(until(q.end, q.yr)),
                    other => Ok(other),
                }
            }
            Some(Tok::Num { .. }) if self.year_at(0).is_some() => {
                let y = self.take_year(None).unwrap_or_default();
                Ok(Term::Win(Win::new(
                    ymd(y, 1, 1),
                    ymd(y, 12, 31),
                    Kind::Year,
                    YearSrc::Written,
                )))
            }
            Some(Tok::Word(w))
                if matches!(
                    w.as_str(),
                    "месяца" | "квартала" | "полугодия" | "недели" | "дня"
                ) =>
            {
                Err(self.err(ErrorKind::Unanchored(format!("до конца {w}"))))
            }
            _ => Err(self.err_here()),
        }
    }

    /// After «N числа»: «каждого месяца», «месяца, следующего за отчетным (периодом)». Returns
    /// whether the day is in the month after the one reported on.
    fn month_tail(&mut self, allow_bare: bool) -> PResult<bool> {
        let each = self.eat_word("каждого");
        let month = self.eat_word("месяца");
        if !(each || month || allow_bare) {
            return Err(self.err(ErrorKind::Unanchored("числа".into())));
        }
        let save = self.pos;
        self.eat(&Tok::Comma);
        if self.eat_word("следующего") {
            if !(self.eat_word("за") && (self.eat_word("отчетным") || self.eat_word("отчетном")))
            {
                return Err(self.err_here());
            }
            // «отчетным (месяцем / периодом / кварталом)»
            if matches!(
                self.word_at(0),
                Some("месяцем" | "периодом" | "кварталом" | "полугодием")
            ) || self.peek() == Some(&Tok::YearWord)
            {
                self.pos += 1;
            }
            return Ok(true);
        }
        self.pos = save;
        Ok(false)
    }

    /// «с 15 ноября по 15 декабря 2026 года», «с 3 по 7 марта», «с января по май», «с 15 июня
    /// по январь», «с 10.00 до 12.00».
    fn span_from_to(&mut self) -> PResult<Term> {
        self.pos += 1; // «с» / «со»
        if matches!(self.peek(), Some(Tok::Time { .. })) {
            return self.time();
        }
        // «с 10 до 15 часов»
        if let Some(&Tok::Num { value, digits, .. }) = self.peek()
            && digits <= 2
            && value <= 24
            && matches!(self.word_at(1), Some("до" | "по"))
            && let Some(&Tok::Time { h, min }) = self.peek_at(2)
        {
            self.pos += 3;
            return Ok(Term::Time(TimeOfDay {
                start: clock(value, 0),
                end: Some(clock(h, min)),
            }));
        }
        let from = self.pos;
        let a = self.endpoint(true)?;
        if !(self.eat_word("по") || self.eat_word("до") || self.eat(&Tok::Dash)) {
            // «с 5 апреля»: a start and no end
            let span = self.toks[from - 1].span.start..self.toks[self.pos - 1].span.end;
            let words = self.phrase.get(span.clone()).unwrap_or_default().to_owned();
            return Err(DeadlineError::new(ErrorKind::OpenEnded(words), span));
        }
        let b = self.endpoint(false)?;
        self.range(a, b).map(Term::Win)
    }

    /// One end of a range: `15.03`, `15 марта [2026]`, `март [2026]`, or (the first end only) a
    /// bare day whose month follows.
    fn endpoint(&mut self, first: bool) -> PResult<End> {
        match self.peek().cloned() {
            Some(Tok::Date { .. }) => {
                let (d, m, y, span) = self.day_month()?;
                Ok(End::DayMonth { d, m, y, span })
            }
            Some(Tok::Num { value, digits, .. }) if digits <= 2 => {
                if self.month_at(1).is_some() {
                    let (d, m, y, span) = self.day_month()?;
                    return Ok(End::DayMonth { d, m, y, span });
                }
                let span = self.span_here();
                self.pos += 1;
                let sep = matches!(self.peek(), Some(Tok::Dash))
                    || matches!(self.word_at(0), Some("по" | "до"));
                if first && sep && (1..=31).contains(&value) {
                    Ok(End::Day(value, span))
                } else {
                    Err(DeadlineError::new(ErrorKind::DayWithoutMonth(value), span))
                }
            }
            Some(Tok::Word(w)) if month_of(&w).is_some() => {
                let m = month_of(&w).unwrap_or(1);
                self.pos += 1;
                let y = self.take_year(Some(m));
                Ok(End::Month { m, y })
            }
            _ => Err(self.err_here()),
        }
    }

    /// The window between two ends; a year or month written at one end belongs to both.
    fn range(&self, a: End, b: End) -> PResult<Win> {
        if let (End::Month { m: m1, y: y1 }, End::Month { m: m2, y: y2 }) = (&a, &b) {
            return Ok(self.month_range(*m1, *y1, *m2, *y2));
        }
        let (em, ey, eday, espan) = match b {
            End::DayMonth { d, m, y, span } => (m, y, Some(d), span),
            End::Month { m, y } => (m, y, None, 0..0),
            End::Day(d, span) => {
                return Err(DeadlineError::new(ErrorKind::DayWithoutMonth(d), span));
            }
        };
        let (sm, sy, sday, sspan) = match a {
            End::DayMonth { d, m, y, span } => (m, y, Some(d), span),
            End::Month { m, y } => (m, y, None, 0..0),
            End::Day(d, span) => (em, None, Some(d), span),
        };
        let written = sy.is_some() || ey.is_some();
        let s_key = (sm, sday.unwrap_or(1));
        let e_key = (em, eday.unwrap_or(31));
        let (sy, ey) = match (sy, ey) {
            (Some(s), Some(e)) => (s, e),
            (None, Some(e)) => (if s_key > e_key { e - 1 } else { e }, e),
            (Some(s), None) => (s, if e_key < s_key { s + 1 } else { s }),
            (None, None) => {
                let s = self.plan.year_of_month(sm);
                let mut e = self.plan.year_of_month(em);
                if (e, e_key) < (s, s_key) {
                    e = if e_key < s_key { s + 1 } else { s };
                }
                (s, e)
            }
        };
        let start = match sday {
            Some(d) => date(sy, sm, d, sspan)?,
            None => ymd(sy, sm, 1),
        };
        let end = match eday {
            Some(d) => date(ey, em, d, espan.clone())?,
            None => month_end(ey, em),
        };
        if end < start {
            return Err(DeadlineError::new(
                ErrorKind::Reversed(format!(
                    "{} – {}",
                    start.format("%d.%m.%Y"),
                    end.format("%d.%m.%Y")
                )),
                espan,
            ));
        }
        let kind = if start == end {
            Kind::Date
        } else {
            Kind::DayRange
        };
        Ok(Win::new(
            start,
            end,
            kind,
            if written {
                YearSrc::Written
            } else {
                YearSrc::Plan
            },
        ))
    }

    /// A day and month with an optional year, not yet made a date; a weekday written after it
    /// («1 сентября (вт.)», «1.09.2020г., вторник») is a note and is read past.
    fn day_month(&mut self) -> PResult<DayMonth> {
        let span = self.span_here();
        let r = match self.peek().cloned() {
            Some(Tok::Date { d, m, y }) => {
                self.pos += 1;
                let y = match y {
                    Some(y) => {
                        self.years.push(y);
                        Some(y)
                    }
                    // «05.01. 23г», «08.11. 2020 года»
                    None => self.take_year(Some(m)),
                };
                let end = self.toks[self.pos - 1].span.end;
                (d, m, y, span.start..end)
            }
            Some(Tok::Num { value, digits, .. }) if digits <= 2 => {
                let Some(m) = self.month_at(1) else {
                    self.pos += 1;
                    return Err(DeadlineError::new(ErrorKind::DayWithoutMonth(value), span));
                };
                self.pos += 2;
                let y = self.take_year(Some(m));
                let end = self.toks[self.pos - 1].span.end;
                (value, m, y, span.start..end)
            }
            _ => return Err(self.err_here()),
        };
        self.skip_weekday_note();
        Ok(r)
    }

    fn skip_weekday_note(&mut self) {
        let weekday = |t: Option<&Tok>| matches!(t, Some(Tok::Word(w)) if weekday_of(w).is_some());
        if matches!(self.peek(), Some(Tok::LParen))
            && weekday(self.peek_at(1))
            && matches!(self.peek_at(2), Some(Tok::RParen))
        {
            self.pos += 3;
        } else if matches!(self.peek(), Some(Tok::Comma))
            && weekday(self.peek_at(1))
            && matches!(
                self.peek_at(2),
                None | Some(Tok::Comma | Tok::RParen | Tok::Dash)
            )
        {
            self.pos += 2;
        } else if weekday(self.peek()) {
            self.pos += 1;
        }
    }

    fn resolve_date(&self, (d, m, y, span): DayMonth) -> PResult<NaiveDate> {
        let y = y.unwrap_or_else(|| self.plan.year_of_month(m));
        date(y, m, d, span)
    }

    /// `15.03.2026`, `15.03.2026 - 20.03.2026`, `12.10 по 16.10`.
    fn dates(&mut self) -> PResult<Term> {
        let a = self.day_month()?;
        if self.range_follows() {
            let b = self.endpoint(false)?;
            let (d, m, y, span) = a;
            return self
                .range(End::DayMonth { d, m, y, span }, b)
                .map(Term::Win);
        }
        let yr = Parser::yr(a.2);
        let d = self.resolve_date(a)?;
        Ok(Term::Win(Win::day(d, yr)))
    }

    /// A dash, «по» or «до» followed by the other end of a day range: consumed.
    fn range_follows(&mut self) -> bool {
        let sep =
            matches!(self.peek(), Some(Tok::Dash)) || matches!(self.word_at(0), Some("по" | "до"));
        let other_end = matches!(self.peek_at(1), Some(Tok::Date { .. }))
            || (matches!(self.peek_at(1), Some(Tok::Num { digits: 1 | 2, .. }))
                && self.month_at(2).is_some());
        if sep && other_end {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// A term that starts with a number: a year, a day, a quarter, «2 раза в год», «1, 8, 15
    /// октября», «3 неделя октября», «10 числа каждого месяца».
    fn number(&mut self, value: u32) -> PResult<Term> {
        if self.year_at(0).is_some() {
            return self.year_term();
        }
        let w1 = self.word_at(1).map(str::to_owned);
        match (self.peek_at(1).cloned(), w1.as_deref()) {
            (_, Some(w)) if is_quarter_word(w) || is_half_word(w) => self.quarter_or_half(value),
            (_, Some("раз" | "раза")) => self.recurring(Some(value)),
            (_, Some(w)) if month_of(w).is_some() => {
                let a = self.day_month()?;
                if self.range_follows() {
                    let b = self.endpoint(false)?;
                    let (d, m, y, span) = a;
                    return self
                        .range(End::DayMonth { d, m, y, span }, b)
                        .map(Term::Win);
                }
                let yr = Parser::yr(a.2);
                let d = self.resolve_date(a)?;
                Ok(Term::Win(Win::day(d, yr)))
            }
            (_, Some(w)) if is_week_word(w) || is_decade_word(w) => self.list(),
            (_, Some("числа")) => {
                // «10 числа каждого месяца»
                self.pos += 2;
                let next = self.month_tail(false)?;
                Ok(Term::Recurring(Recur {
                    day: Some(value.clamp(1, 31)),
                    next,
                    ..Recur::every(Unit::Month)
                }))
            }
            (_, Some("по" | "до")) => {
                let span = self.span_here();
                self.pos += 1;
                if self.range_follows() {
                    let b = self.endpoint(false)?;
                    return self.range(End::Day(value, span), b).map(Term::Win);
                }
                Err(DeadlineError::new(ErrorKind::DayWithoutMonth(value), span))
            }
            (Some(Tok::Dash), _) => match self.peek_at(2).cloned() {
                // «1-2 квартал»
                Some(Tok::Num { value: v2, .. })
                    if self
                        .word_at(3)
                        .is_some_and(|w| is_quarter_word(w) || is_half_word(w)) =>
                {
                    self.pos += 2;
                    self.quarter_range(value, v2)
                }
                // «3-4 неделя октября»
                Some(Tok::Num { .. })
                    if self
                        .word_at(3)
                        .is_some_and(|w| is_week_word(w) || is_decade_word(w)) =>
                {
                    self.list()
                }
                // «9 - 11 июня», «12–16.10.2026»
                Some(Tok::Num { .. } | Tok::Date { .. }) => {
                    let span = self.span_here();
                    self.pos += 1;
                    if self.range_follows() {
                        let b = self.endpoint(false)?;
                        return self.range(End::Day(value, span), b).map(Term::Win);
                    }
                    Err(DeadlineError::new(ErrorKind::DayWithoutMonth(value), span))
                }
                _ => {
                    let span = self.span_here();
                    self.pos += 1;
                    Err(DeadlineError::new(ErrorKind::DayWithoutMonth(value), span))
                }
            },
            (Some(Tok::Comma), _) | (_, Some("и")) => self.list(),
            _ => {
                let span = self.span_here();
                self.pos += 1;
                if (1..=31).contains(&value) {
                    Err(DeadlineError::new(ErrorKind::DayWithoutMonth(value), span))
                } else {
                    Err(DeadlineError::new(
                        ErrorKind::Unexpected(value.to_string()),
                        span,
                    ))
                }
            }
        }
    }

    /// A year: «2026 г.», «2026/2027 учебный год», «2026-2027 гг.».
    #[allow(clippy::unnecessary_wraps)] // one signature for every term parser
    fn year_term(&mut self) -> PResult<Term> {
        let y = self.take_year(None).unwrap_or_default();
        let academic = |p: &mut Parser<'_>| {
            if matches!(p.word_at(0), Some("учебный" | "учебного" | "уч")) {
                p.pos += 1;
                p.eat(&Tok::YearWord);
                true
            } else {
                false
            }
        };
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
                if academic(self) {
                    return Ok(Term::Win(Win::new(
                        ymd(y, 9, 1),
                        ymd(y2, 5, 31),
                        Kind::AcademicYear,
                        YearSrc::Written,
                    )));
                }
                return Ok(Term::Win(Win::new(
                    ymd(y, 1, 1),
                    ymd(y2, 12, 31),
                    Kind::Year,
                    YearSrc::Written,
                )));
            }
        }
        if academic(self) {
            return Ok(Term::Win(Win::new(
                ymd(y, 9, 1),
                ymd(y + 1, 5, 31),
                Kind::AcademicYear,
                YearSrc::Written,
            )));
        }
        Ok(Term::Win(Win::new(
            ymd(y, 1, 1),
            ymd(y, 12, 31),
            Kind::Year,
            YearSrc::Bare,
        )))
    }

    /// Numbers joined by commas, «и» or dashes, then what they count: days of a month («1, 8,
    /// 15 октября», «1, 8, 15.10.2016»), weeks («3, 4 неделя октября») or decades.
    fn list(&mut self) -> PResult<Term> {
        let first_span = self.span_here();
        let mut items: Vec<(u32, u32)> = Vec::new();
        while let Some(Tok::Num {
            value: a,
            digits: 1 | 2,
            ..
        }) = self.peek().cloned()
        {
            tick(1);
            self.pos += 1;
            let mut b = a;
            if matches!(self.peek(), Some(Tok::Dash))
                && let Some(Tok::Num {
                    value,
                    digits: 1 | 2,
                    ..
                }) = self.peek_at(1).cloned()
            {
                self.pos += 2;
                b = value;
            }
            items.push((a, b));
            let sep = matches!(self.peek(), Some(Tok::Comma)) || self.word_at(0) == Some("и");
            match self.peek_at(1) {
                Some(Tok::Num { .. }) if sep => self.pos += 1,
                Some(Tok::Date { .. }) if sep => {
                    self.pos += 1;
                    break;
                }
                _ => break,
            }
        }
        let first = items.first().map_or(0, |i| i.0);
        let no_month = || DeadlineError::new(ErrorKind::DayWithoutMonth(first), first_span.clone());
        match self.peek().cloned() {
            Some(Tok::Word(w)) if month_of(&w).is_some() => {
                let m = month_of(&w).unwrap_or(1);
                self.pos += 1;
                let y = self.take_year(Some(m));
                self.days_of(&items, m, y, &first_span)
            }
            Some(Tok::Date { .. }) => {
                let (d, m, y, _) = self.day_month()?;
                items.push((d, d));
                self.days_of(&items, m, y, &first_span)
            }
            Some(Tok::Word(w)) if is_week_word(&w) || is_decade_word(&w) => {
                self.pos += 1;
                let Some(m) = self.month_at(0) else {
                    return Err(self.err_here());
                };
                self.pos += 1;
                let y = self.take_year(Some(m));
                let year = y.unwrap_or_else(|| self.plan.year_of_month(m));
                let make = |n: u32| {
                    if is_week_word(&w) {
                        PartSpec::Week(n)
                    } else {
                        PartSpec::Decade(n)
                    }
                };
                let mut wins: Vec<Win> = Vec::new();
                for &(a, b) in &items {
                    let (Some(s), Some(e)) = (
                        part_in_month(make(a), year, m),
                        part_in_month(make(b), year, m),
                    ) else {
                        return Err(DeadlineError::new(
                            ErrorKind::Unexpected(a.to_string()),
                            first_span,
                        ));
                    };
                    let win = Win::new(s.0, e.1, Kind::DayRange, Parser::yr(y));
                    match wins.last_mut() {
                        Some(last) if last.end.succ_opt() == Some(win.start) => last.end = win.end,
                        _ => wins.push(win),
                    }
                }
                Ok(many(wins))
            }
            _ => Err(no_month()),
        }
    }

    fn days_of(
        &self,
        items: &[(u32, u32)],
        m: u32,
        y: Option<i32>,
        span: &Range<usize>,
    ) -> PResult<Term> {
        let year = y.unwrap_or_else(|| self.plan.year_of_month(m));
        let mut wins = Vec::with_capacity(items.len());
        for &(a, b) in items {
            let s = date(year, m, a, span.clone())?;
            let e = date(year, m, b, span.clone())?;
            if e < s {
                return Err(DeadlineError::new(
                    ErrorKind::Reversed(format!("{a}–{b}")),
                    span.clone(),
                ));
            }
            let kind = if s == e { Kind::Date } else { Kind::DayRange };
            wins.push(Win::new(s, e, kind, Parser::yr(y)));
        }
        Ok(many(wins))
    }

    /// «в начале сентября», «конец ноября», «в середине месяца», «первая декада октября»,
    /// «последняя неделя мая», «вторая половина года», «в конце I квартала», «конец ноября –
    /// начало декабря».
    fn part(&mut self) -> PResult<Term> {
        let spec = self.part_spec()?;
        let first = self.part_of_what(spec)?;
        // a range of parts: «конец ноября – начало декабря», «конец ноября – декабрь»
        if let Term::Win(a) = first
            && matches!(self.peek(), Some(Tok::Dash))
        {
            let save = self.pos;
            self.pos += 1;
            let second = if self
                .word_at(0)
                .is_some_and(|w| part_of(w).is_some() || is_last(w))
                || (self.word_at(0).is_some_and(|w| ordinal(w).is_some())
                    && self
                        .word_at(1)
                        .is_some_and(|w| is_decade_word(w) || is_week_word(w)))
            {
                let spec = self.part_spec()?;
                Some(self.part_of_what(spec)?)
            } else if self.month_at(0).is_some() {
                Some(self.months()?)
            } else {
                None
            };
            if let Some(Term::Win(b)) = second
                && b.end >= a.start
            {
                let yr = if a.yr == YearSrc::Written || b.yr == YearSrc::Written {
                    YearSrc::Written
                } else {
                    YearSrc::Plan
                };
                return Ok(Term::Win(Win::new(a.start, b.end, Kind::DayRange, yr)));
            }
            self.pos = save;
        }
        Ok(first)
    }

    /// The part named at the cursor: «начало», «вторая декада», «3 неделя», «последняя неделя».
    fn part_spec(&mut self) -> PResult<PartSpec> {
        let Some(w) = self.word_at(0).map(str::to_owned) else {
            return Err(self.err_here());
        };
        if let Some(p) = part_of(&w) {
            self.pos += 1;
            return Ok(PartSpec::Of(p));
        }
        let n = if is_last(&w) {
            None
        } else if let Some(n) = roman(&w).or_else(|| ordinal(&w)) {
            Some(n)
        } else {
            return Err(self.err_here());
        };
        self.pos += 1;
        let Some(what) = self.word_at(0).map(str::to_owned) else {
            return Err(self.err_here());
        };
        let spec = match n {
            None if is_week_word(&what) => PartSpec::LastWeek,
            None if is_decade_word(&what) => PartSpec::Decade(3),
            Some(n) if is_week_word(&what) && (1..=5).contains(&n) => PartSpec::Week(n),
            Some(n) if is_decade_word(&what) && (1..=3).contains(&n) => PartSpec::Decade(n),
            Some(n) if is_half_of_word(&what) && (1..=2).contains(&n) => PartSpec::Half(n),
            _ => return Err(self.err_here()),
        };
        self.pos += 1;
        Ok(spec)
    }

    /// What a part is of: a month, «месяца» (each month), «года», «учебного года», a quarter.
    fn part_of_what(&mut self, spec: PartSpec) -> PResult<Term> {
        let each = self.eat_word("каждого");
        match self.peek().cloned() {
            Some(Tok::Word(w)) if month_of(&w).is_some() && !each => {
                let m = month_of(&w).unwrap_or(1);
                self.pos += 1;
                let y = self.take_year(Some(m));
                let year = y.unwrap_or_else(|| self.plan.year_of_month(m));
                let Some((s, e)) = part_in_month(spec, year, m) else {
                    return Err(self.err_here());
                };
                let kind = if s == e { Kind::Date } else { Kind::DayRange };
                Ok(Term::Win(Win::new(s, e, kind, Parser::yr(y))))
            }
            Some(Tok::Word(w)) if matches!(w.as_str(), "месяца" | "квартала" | "полугодия") =>
            {
                self.pos += 1;
                let unit = match w.as_str() {
                    "месяца" => Unit::Month,
                    "квартала" => Unit::Quarter,
                    _ => Unit::Half,
                };
                if unit != Unit::Month && !matches!(spec, PartSpec::Of(_)) {
                    return Err(self.err_here());
                }
                Ok(Term::Recurring(Recur {
                    part: Some(spec),
                    ..Recur::every(unit)
                }))
            }
            _ if each => Err(self.err_here()),
            Some(Tok::YearWord) => {
                // «в конце года» in an academic plan is the December inside it
                self.pos += 1;
                let month = match spec {
                    PartSpec::Of(Part::Begin) | PartSpec::Half(1) => 1,
                    PartSpec::Of(Part::Middle) => 6,
                    _ => 12,
                };
                let year = self.plan.year_of_month(month);
                self.part_of_months(spec, ymd(year, 1, 1), 12, YearSrc::Plan)
            }
            Some(Tok::Num { .. }) if self.year_at(0).is_some() => {
                let y = self.take_year(None).unwrap_or_default();
                self.part_of_months(spec, ymd(y, 1, 1), 12, YearSrc::Written)
            }
            Some(Tok::Word(w)) if w == "учебного" => {
                self.pos += 1;
                self.eat(&Tok::YearWord);
                let (s, _) = self.plan.school_year();
                let start = match self.plan {
                    PlanYear::Academic(_) => s,
                    PlanYear::Calendar(y) => ymd(y, 9, 1),
                };
                // September to May
                self.part_of_months(spec, start, 9, YearSrc::Plan)
            }
            Some(Tok::Word(w))
                if (roman(&w).is_some() || ordinal(&w).is_some())
                    && self
                        .word_at(1)
                        .is_some_and(|x| is_quarter_word(x) || is_half_word(x)) =>
            {
                let n = roman(&w).or_else(|| ordinal(&w)).unwrap_or(1);
                let Term::Win(q) = self.quarter_or_half(n)? else {
                    return Err(self.err_here());
                };
                let months = (q.end.year() - q.start.year()) * 12 + q.end.month() as i32
                    - q.start.month() as i32
                    + 1;
                self.part_of_months(spec, q.start, months.max(1) as u32, q.yr)
            }
            _ => Err(self.err_here()),
        }
    }

    /// A part of a run of whole months starting at `start`.
    fn part_of_months(
        &self,
        spec: PartSpec,
        start: NaiveDate,
        months: u32,
        yr: YearSrc,
    ) -> PResult<Term> {
        let month = |k: u32| super::add_months(start, k);
        let (s, e) = match spec {
            PartSpec::Of(Part::Begin) => (month(0), month(1)),
            PartSpec::Of(Part::End) => (month(months - 1), month(months)),
            PartSpec::Of(Part::Middle) => {
                if months.is_multiple_of(2) {
                    (month(months / 2 - 1), month(months / 2 + 1))
                } else {
                    (month(months / 2), month(months / 2 + 1))
                }
            }
            PartSpec::Half(n) => {
                let half = months.div_ceil(2);
                if n == 1 {
                    (month(0), month(half))
                } else {
                    (month(half), month(months))
                }
            }
            _ => return Err(self.err_here()),
        };
        let end = e.pred_opt().unwrap_or(e);
        let kind = if matches!(spec, PartSpec::Half(_)) && months == 12 {
            Kind::HalfYear
        } else if s.month() == end.month() && s.year() == end.year() {
            Kind::Month
        } else {
            Kind::MonthRange
        };
        Ok(Term::Win(Win::new(s, end, kind, yr)))
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
        if is_quarter_word(&w) && (1..=4).contains(&n) {
            let sm = (n - 1) * 3 + 1;
            let y = self.take_year(Some(sm));
            let year = y.unwrap_or_else(|| self.plan.year_of_month(sm));
            return Ok(Term::Win(Win::new(
                ymd(year, sm, 1),
                month_end(year, sm + 2),
                Kind::Quarter,
                Parser::yr(y),
            )));
        }
        if is_half_word(&w) && (1..=2).contains(&n) {
            let sm = (n - 1) * 6 + 1;
            let y = self.take_year(Some(sm));
            if let (PlanYear::Academic(ay), None) = (self.plan, y) {
                // the halves of a school year: September–December and January–May
                let (s, e) = if n == 1 {
                    (ymd(ay, 9, 1), ymd(ay, 12, 31))
                } else {
                    (ymd(ay + 1, 1, 1), ymd(ay + 1, 5, 31))
                };
                return Ok(Term::Win(Win::new(s, e, Kind::HalfYear, YearSrc::Plan)));
            }
            let year = y.unwrap_or_else(|| self.plan.year_of_month(sm));
            return Ok(Term::Win(Win::new(
                ymd(year, sm, 1),
                month_end(year, sm + 5),
                Kind::HalfYear,
                Parser::yr(y),
            )));
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
        let y = self.take_year(Some(sm));
        let year = y.unwrap_or_else(|| self.plan.year_of_month(sm));
        Ok(Term::Win(Win::new(
            ymd(year, sm, 1),
            month_end(year, em),
            kind,
            Parser::yr(y),
        )))
    }

    /// A month, a month range, or an alternative: «Сентябрь 2026», «Апрель – май 2026»,
    /// «Июнь (июль) 2026», «сентябрь - май».
    fn months(&mut self) -> PResult<Term> {
        let Some(m1) = self.month_at(0) else {
            return Err(self.err_here());
        };
        self.pos += 1;
        let y1 = self.take_year(Some(m1));
        // alternative: «Июнь (июль) 2026»
        if matches!(self.peek(), Some(Tok::LParen))
            && let Some(m2) = self.month_at(1)
            && matches!(self.peek_at(2), Some(Tok::RParen))
                | (self.year_at(2).is_some() && matches!(self.peek_at(3), Some(Tok::RParen)))
        {
            self.pos += 2;
            let y2_inner = self.take_year(Some(m2));
            self.pos += 1; // ')'
            let y_after = self.take_year(Some(m1));
            let y2 = y2_inner.or(y_after).or(y1);
            let y1 = y1.or(y2);
            let first = self.month_win(m1, y1);
            let mut second = self.month_win(m2, y2);
            if second.end < first.start {
                second = self.month_win(m2, Some(first.start.year() + 1));
            }
            return Ok(Term::Alt(first, second));
        }
        // range: «Апрель – май 2026», «сентябрь - май», «сентября – октября»
        if matches!(self.peek(), Some(Tok::Dash))
            && let Some(m2) = self.month_at(1)
            && !matches!(self.peek_at(2), Some(Tok::Num { digits: 1 | 2, .. }))
        {
            self.pos += 2;
            let y2 = self.take_year(Some(m2));
            return Ok(Term::Win(self.month_range(m1, y1, m2, y2)));
        }
        Ok(Term::Win(self.month_win(m1, y1)))
    }

    fn month_win(&self, m: u32, y: Option<i32>) -> Win {
        let year = y.unwrap_or_else(|| self.plan.year_of_month(m));
        Win::new(
            ymd(year, m, 1),
            month_end(year, m),
            Kind::Month,
            Parser::yr(y),
        )
    }

    fn month_range(&self, m1: u32, y1: Option<i32>, m2: u32, y2: Option<i32>) -> Win {
        let yr = Parser::yr(y1.or(y2));
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
            return Win::new(
                end.with_day(1).unwrap_or(end),
                month_end(y1, m1),
                Kind::MonthRange,
                yr,
            );
        }
        let kind = if start.month() == end.month() && start.year() == end.year() {
            Kind::Month
        } else {
            Kind::MonthRange
        };
        Win::new(start, end, kind, yr)
    }

    /// A time of day or a span of one: `10:30`, `14.00 – 15.30`, `с 10.00 до 12.00`.
    fn time(&mut self) -> PResult<Term> {
        let Some(&Tok::Time { h, min }) = self.peek() else {
            return Err(self.err_here());
        };
        self.pos += 1;
        let start = clock(h, min);
        let mut end = None;
        if (matches!(self.peek(), Some(Tok::Dash)) || matches!(self.word_at(0), Some("до" | "по")))
            && let Some(&Tok::Time { h, min }) = self.peek_at(1)
        {
            self.pos += 2;
            end = Some(clock(h, min));
        }
        Ok(Term::Time(TimeOfDay { start, end }))
    }

    /// «ежемесячно», «ежемесячно до 5 числа», «2 раза в год», «раз в квартал», «каждую неделю»,
    /// «каждую среду», «еженедельно по вторникам», «не реже 1 раза в полугодие», «ежеквартально
    /// до 5 числа месяца, следующего за отчетным кварталом».
    fn recurring(&mut self, times: Option<u32>) -> PResult<Term> {
        let mut times = times.unwrap_or(1);
        // the count: «2 раза», «не реже одного раза»
        match self.peek() {
            Some(Tok::Num { value, .. }) => {
                times = *value;
                self.pos += 1;
            }
            Some(Tok::Word(w)) if numeral(w).is_some() => {
                times = numeral(w).unwrap_or(1);
                self.pos += 1;
            }
            _ => {}
        }
        let w = self.word_at(0).map(str::to_owned);
        let mut weekdays = 0u8;
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
                weekdays = self.weekly_days();
                Unit::Week
            }
            Some("дважды" | "трижды") => {
                self.pos += 1;
                times = if w.as_deref() == Some("дважды") {
                    2
                } else {
                    3
                };
                self.eat_word("в");
                self.unit_word()?
            }
            Some("каждый" | "каждую" | "каждое") => {
                self.pos += 1;
                if self.word_at(0).is_some_and(|w| weekday_of(w).is_some()) {
                    weekdays = self.weekday_list(false);
                    Unit::Week
                } else {
                    self.unit_word()?
                }
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
        let mut r = Recur {
            unit,
            times,
            weekdays,
            ..Recur::every(unit)
        };
        if unit == Unit::Week && weekdays == 0 {
            r.weekdays = self.weekly_days();
        }
        // «ежемесячно до 5 числа», «ежемесячно, до 10 числа месяца, следующего за отчетным»,
        // «ежеквартально (до 10 числа …)»
        let save = self.pos;
        let paren = self.eat(&Tok::LParen);
        if !paren {
            self.eat(&Tok::Comma);
        }
        let has_until = self.eat_word("до");
        if let Some(Tok::Num { value, .. }) = self.peek().cloned()
            && self.word_at(1) == Some("числа")
        {
            self.pos += 2;
            r.day = Some(value.clamp(1, 31));
            r.next = self.month_tail(true)?;
            if unit != Unit::Month && !r.next {
                return Err(DeadlineError::new(
                    ErrorKind::Ambiguous(format!("до {value} числа")),
                    self.toks[save..self.pos]
                        .first()
                        .map_or(0..0, |t| t.span.start..self.toks[self.pos - 1].span.end),
                ));
            }
        } else if !has_until
            && unit != Unit::Week
            && self.word_at(0) == Some("в")
            && self.word_at(1).and_then(part_of).is_some()
        {
            // «ежемесячно, в конце месяца»
            self.pos += 1;
            let spec = self.part_spec()?;
            let unit_word = self.word_at(0).map(str::to_owned);
            let matches_unit = matches!(
                (unit, unit_word.as_deref()),
                (Unit::Month, Some("месяца")) | (Unit::Quarter, Some("квартала"))
            );
            if !matches_unit {
                return Err(self.err_here());
            }
            self.pos += 1;
            r.part = Some(spec);
        } else {
            self.pos = save;
            return Ok(Term::Recurring(r));
        }
        if paren {
            self.eat(&Tok::RParen);
        }
        Ok(Term::Recurring(r))
    }

    /// After «еженедельно»: «по вторникам», «(по средам)», «, в среду».
    fn weekly_days(&mut self) -> u8 {
        let save = self.pos;
        let paren = self.eat(&Tok::LParen);
        if !paren {
            self.eat(&Tok::Comma);
        }
        let days = if self.word_at(0) == Some("по")
            && self.word_at(1).and_then(weekday_plural).is_some()
        {
            self.pos += 1;
            self.weekday_list(true)
        } else if matches!(self.word_at(0), Some("в" | "во"))
            && self.word_at(1).and_then(weekday_of).is_some()
        {
            self.pos += 1;
            self.weekday_list(false)
        } else {
            0
        };
        if days == 0 {
            self.pos = save;
            return 0;
        }
        if paren {
            self.eat(&Tok::RParen);
        }
        days
    }

    /// Days of the week joined by commas or «и»: «средам и пятницам», «вторник, четверг».
    fn weekday_list(&mut self, plural: bool) -> u8 {
        let day = |w: &str| {
            if plural {
                weekday_plural(w).or_else(|| weekday_of(w))
            } else {
                weekday_of(w)
            }
        };
        let mut mask = 0u8;
        while let Some(d) = self.word_at(0).and_then(day) {
            tick(1);
            mask |= 1 << d.num_days_from_monday();
            self.pos += 1;
            let sep = matches!(self.peek(), Some(Tok::Comma)) || self.word_at(0) == Some("и");
            let more = self.word_at(1).and_then(day).is_some();
            if sep && more {
                self.pos += 1;
            } else {
                break;
            }
        }
        mask
    }

    fn unit_word(&mut self) -> PResult<Unit> {
        let unit = match self.peek() {
            Some(Tok::YearWord) => Unit::Year,
            Some(Tok::Word(w)) => match w.as_str() {
                "месяц" | "месяца" | "мес" => Unit::Month,
                "неделю" | "недели" | "неделя" => Unit::Week,
                "квартал" | "квартала" | "кв" => Unit::Quarter,
                "полугодие" | "полугодия" | "полгода" => Unit::Half,
                "учебный" | "уч" => Unit::Year,
                _ => return Err(self.err_here()),
            },
            _ => return Err(self.err_here()),
        };
        self.pos += 1;
        if unit == Unit::Year {
            self.eat(&Tok::YearWord);
        }
        Ok(unit)
    }

    /// After «по итогам»: «квартала» (each quarter), «года», «I квартала», «2026 года»,
    /// «учебного года», «сентября».
    fn results_of(&mut self) -> PResult<Term> {
        let each = self.eat_word("каждого");
        match self.peek().cloned() {
            // alone: the year; beside a month («Декабрь (по итогам года)»): that month
            Some(Tok::YearWord) if !each => {
                self.pos += 1;
                Ok(Term::Frequent("по итогам года".into()))
            }
            Some(Tok::Word(w)) => match w.as_str() {
                "учебного" if !each => {
                    self.pos += 1;
                    self.eat(&Tok::YearWord);
                    Ok(Term::School)
                }
                "месяца" | "квартала" | "полугодия" => {
                    self.pos += 1;
                    let unit = match w.as_str() {
                        "месяца" => Unit::Month,
                        "квартала" => Unit::Quarter,
                        _ => Unit::Half,
                    };
                    Ok(Term::Recurring(Recur::every(unit)))
                }
                _ if each => Err(self.err_here()),
                _ if month_of(&w).is_some() => self.months(),
                _ if roman(&w).is_some() || ordinal(&w).is_some() => {
                    self.quarter_or_half(roman(&w).or_else(|| ordinal(&w)).unwrap_or(1))
                }
                _ => Err(self.err_here()),
            },
            Some(Tok::Num { value, .. }) if !each => self.number(value),
            _ => Err(self.err_here()),
        }
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

fn many(mut wins: Vec<Win>) -> Term {
    if wins.len() == 1 {
        Term::Win(wins.remove(0))
    } else {
        Term::Many(wins)
    }
}

/// A date that must exist: `31.02` is refused.
fn date(y: i32, m: u32, d: u32, span: Range<usize>) -> PResult<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| DeadlineError::new(ErrorKind::BadDate(format!("{d:02}.{m:02}.{y}")), span))
}

/// `24:00` is the last minute of the day.
fn clock(h: u32, min: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, min, 0)
        .or_else(|| NaiveTime::from_hms_opt(23, 59, 0))
        .unwrap_or_default()
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
