//! Dates, day ranges and numbers: «15.03.2026», «с 12 по 16 октября», «9 – 11 июня», a year,
//! lists of days («1, 8, 15 октября») or weeks, and a time of day.

use std::ops::Range;

use chrono::{NaiveDate, NaiveTime};

use super::{
    DayMonth, End, PResult, Parser, PartSpec, Recur, Term, Unit, Win, YearSrc, part_in_month,
};
use crate::deadline::lexer::{
    Tok, is_decade_word, is_half_of_word, is_half_word, is_quarter_word, is_school_quarter_word,
    is_week_word, month_of, weekday_of,
};
use crate::deadline::{DeadlineError, ErrorKind, Kind, TimeOfDay, month_end, tick, ymd};

impl Parser<'_> {
    /// «с 15 ноября по 15 декабря 2026 года», «с 3 по 7 марта», «с января по май», «с 15 июня
    /// по январь», «с 10.00 до 12.00».
    pub(super) fn span_from_to(&mut self) -> PResult<Term> {
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
        // «с 1 по 10 число каждого месяца»: those days of every month, due on the last
        if let (Some(&Tok::Num { .. }), Some("по" | "до"), Some(&Tok::Num { value, .. })) =
            (self.peek(), self.word_at(1), self.peek_at(2))
            && matches!(self.word_at(3), Some("число" | "числа"))
            && matches!(self.word_at(4), Some("каждого" | "месяца"))
        {
            self.pos += 2;
            return self.day_each_month(value);
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
    pub(super) fn day_month(&mut self) -> PResult<DayMonth> {
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

    pub(super) fn resolve_date(&self, (d, m, y, span): DayMonth) -> PResult<NaiveDate> {
        let y = y.unwrap_or_else(|| self.plan.year_of_month(m));
        date(y, m, d, span)
    }

    /// `15.03.2026`, `15.03.2026 - 20.03.2026`, `12.10 по 16.10`.
    pub(super) fn dates(&mut self) -> PResult<Term> {
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

    /// «N числа (число) каждого месяца» at the cursor: due on day N of every month (or of the
    /// month after the one reported on).
    fn day_each_month(&mut self, value: u32) -> PResult<Term> {
        self.pos += 2;
        let next = self.month_tail(false)?;
        Ok(Term::Recurring(Recur {
            day: Some(value.clamp(1, 31)),
            next,
            ..Recur::every(Unit::Month)
        }))
    }

    /// A term that starts with a number: a year, a day, a quarter, «2 раза в год», «1, 8, 15
    /// октября», «3 неделя октября», «10 числа каждого месяца».
    pub(super) fn number(&mut self, value: u32) -> PResult<Term> {
        if self.year_at(0).is_some() {
            return self.year_term();
        }
        // «(за) 10 дней до начала», «5 рабочих дней после проведения»: an event not dated
        if let Some(len) = self.length_words()
            && self.counts_from_event(len)
        {
            return Ok(self.take_event_length(len));
        }
        // «1, 3 квартал»
        if (matches!(self.peek_at(1), Some(Tok::Comma)) || self.word_at(1) == Some("и"))
            && let Some(t) = self.quarter_list(value)?
        {
            return Ok(t);
        }
        let w1 = self.word_at(1).map(str::to_owned);
        match (self.peek_at(1).cloned(), w1.as_deref()) {
            (_, Some(w)) if is_quarter_word(w) || is_half_word(w) || is_school_quarter_word(w) => {
                self.quarter_or_half(value)
            }
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
            // «2-я половина сентября»
            (_, Some(w)) if is_half_of_word(w) && (1..=2).contains(&value) => {
                self.pos += 2;
                self.part_of_what(PartSpec::Half(value))
            }
            // «10 числа каждого месяца», «(на) 1 число каждого месяца»
            (_, Some("числа")) => self.day_each_month(value),
            (_, Some("число")) if matches!(self.word_at(2), Some("каждого" | "месяца")) => {
                self.day_each_month(value)
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
                // «1-2 квартал», «3-4 четверти»
                Some(Tok::Num { value: v2, .. })
                    if self.word_at(3).is_some_and(|w| {
                        is_quarter_word(w) || is_half_word(w) || is_school_quarter_word(w)
                    }) =>
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

    /// A time of day or a span of one: `10:30`, `14.00 – 15.30`, `с 10.00 до 12.00`.
    pub(super) fn time(&mut self) -> PResult<Term> {
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
