//! Parts of periods («в начале сентября», «вторая декада октября», «в конце I квартала»),
//! quarters and halves, months and month ranges.

use chrono::{Datelike, NaiveDate};

use super::{PResult, Parser, PartSpec, Recur, Term, Unit, Win, YearSrc, part_in_month};
use crate::deadline::lexer::{
    Part, Tok, is_decade_word, is_half_of_word, is_half_word, is_last, is_quarter_word,
    is_school_quarter_word, is_week_word, month_of, ordinal, part_of, roman, school_quarter_months,
};
use crate::deadline::{Kind, PlanYear, add_months, month_end, ymd};

impl Parser<'_> {
    /// «в начале сентября», «конец ноября», «в середине месяца», «первая декада октября»,
    /// «последняя неделя мая», «вторая половина года», «в конце I квартала», «конец ноября –
    /// начало декабря».
    pub(super) fn part(&mut self) -> PResult<Term> {
        let spec = self.part_spec()?;
        // «начало и конец учебного года», «в начале и в конце года»: two parts of one period
        if self.word_at(0) == Some("и") {
            let save = self.pos;
            self.pos += 1;
            if matches!(self.word_at(0), Some("в" | "во")) {
                self.pos += 1;
            }
            if self
                .word_at(0)
                .is_some_and(|w| part_of(w).is_some() || is_last(w))
            {
                let second = self.part_spec()?;
                let of = self.pos;
                let a = self.part_of_what(spec)?;
                let end = self.pos;
                self.pos = of;
                let b = self.part_of_what(second)?;
                if let (Term::Win(a), Term::Win(b)) = (a, b) {
                    self.pos = end.max(self.pos);
                    return Ok(Term::Many(vec![a, b]));
                }
            }
            self.pos = save;
        }
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
    pub(super) fn part_spec(&mut self) -> PResult<PartSpec> {
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
    pub(super) fn part_of_what(&mut self, spec: PartSpec) -> PResult<Term> {
        let each = self.eat_word("каждого") || self.eat_word("каждой");
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
            Some(Tok::Word(w)) if let Some(unit) = Unit::of_word(&w) => {
                self.pos += 1;
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
                // a calendar plan holds the end of one school year and the start of the next:
                // its beginning and first half are the September inside the plan, the rest the
                // school year that ends inside it
                let start = match (self.plan, spec) {
                    (PlanYear::Academic(_), _) => s,
                    (PlanYear::Calendar(y), PartSpec::Of(Part::Begin) | PartSpec::Half(1)) => {
                        ymd(y, 9, 1)
                    }
                    (PlanYear::Calendar(y), _) => ymd(y - 1, 9, 1),
                };
                // September to May
                self.part_of_months(spec, start, 9, YearSrc::Plan)
            }
            Some(Tok::Word(w))
                if (roman(&w).is_some() || ordinal(&w).is_some())
                    && self.word_at(1).is_some_and(|x| {
                        is_quarter_word(x) || is_half_word(x) || is_school_quarter_word(x)
                    }) =>
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
        let month = |k: u32| add_months(start, k);
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
    /// «I, II квартал», «I и III квартал», «1, 3 квартал 2026 г.»: each quarter (half-year) of
    /// the list, in the year of the last; `None`, cursor unmoved, when no list is at the cursor.
    pub(super) fn quarter_list(&mut self, first: u32) -> PResult<Option<Term>> {
        let start = self.pos;
        let mut ns = vec![first];
        let mut at = self.pos + 1;
        while matches!(self.peek_at(at - start), Some(Tok::Comma))
            || self.word_at(at - start) == Some("и")
        {
            let Some(n) = numeral_of(self.peek_at(at - start + 1)) else {
                break;
            };
            ns.push(n);
            at += 2;
        }
        let unit = match self.word_at(at - start) {
            Some(w) if is_quarter_word(w) => Some((3, 4)),
            Some(w) if is_half_word(w) => Some((6, 2)),
            _ => None,
        };
        let (Some((months, most)), true) = (unit, ns.len() > 1) else {
            return Ok(None);
        };
        if ns.iter().any(|n| !(1..=most).contains(n)) {
            return Err(self.err_here());
        }
        // the last as written (its period word and year), the others in its year
        self.pos = at - 1;
        let last = self.quarter_or_half(ns[ns.len() - 1])?;
        let Term::Win(w) = last else {
            self.pos = start;
            return Ok(None);
        };
        let mut wins: Vec<Win> = ns[..ns.len() - 1]
            .iter()
            .map(|&n| {
                let sm = (n - 1) * months + 1;
                // a year written is the list's; else each its own in the plan's year
                let year = match w.yr {
                    YearSrc::Written => w.start.year(),
                    _ => self.plan.year_of_month(sm),
                };
                Win::new(
                    ymd(year, sm, 1),
                    month_end(year, sm + months - 1),
                    w.kind,
                    w.yr,
                )
            })
            .collect();
        wins.push(w);
        Ok(Some(Term::Many(wins)))
    }

    pub(super) fn quarter_or_half(&mut self, n: u32) -> PResult<Term> {
        if let Some(t) = self.quarter_list(n)? {
            return Ok(t);
        }
        self.pos += 1;
        if matches!(self.peek(), Some(Tok::Dash))
            && let Some(n2) = numeral_of(self.peek_at(1))
        {
            self.pos += 1;
            return self.quarter_range(n, n2);
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
        if is_school_quarter_word(&w)
            && let Some((sm, em)) = school_quarter_months(n)
        {
            return Ok(Term::Win(self.school_quarters(sm, em, n, n)));
        }
        if is_half_word(&w) && (1..=2).contains(&n) {
            let sm = (n - 1) * 6 + 1;
            // «I полугодие учебного года»: the school's half, in a calendar plan the one inside it
            let school = self.word_at(0) == Some("учебного");
            if school {
                self.pos += 1;
                self.eat(&Tok::YearWord);
            }
            let y = if school {
                None
            } else {
                self.take_year(Some(sm))
            };
            let first = match self.plan {
                PlanYear::Academic(ay) => Some(ay),
                PlanYear::Calendar(cy) if school => Some(if n == 1 { cy } else { cy - 1 }),
                PlanYear::Calendar(_) => None,
            };
            if let (Some(ay), None) = (first, y) {
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

    /// School quarters `a` to `b` (months `sm` to `em`), the cursor after their word: «I
    /// четверть», «III-IV четверти 2026-2027 уч. г.», «II четверть 2026 г.». Without a year, the
    /// quarters inside the plan: in a calendar plan the third and fourth are those of the school
    /// year that ends in it, the first and second those of the one that starts in it.
    fn school_quarters(&mut self, sm: u32, em: u32, a: u32, b: u32) -> Win {
        let (y1, y2) = self.years_after(Some(sm));
        let start_year = match (y1, y2) {
            (Some(f), Some(_)) if sm >= 9 => f,
            (Some(_), Some(s)) => s,
            (Some(y), None) => y,
            (None, _) => self.plan.year_of_month(sm),
        };
        let end_year = if em < sm || (a <= 2 && b >= 3) {
            start_year + 1
        } else {
            start_year
        };
        Win::new(
            ymd(start_year, sm, 1),
            month_end(end_year, em),
            Kind::MonthRange,
            Parser::yr(y1),
        )
    }

    /// Cursor at the second number of «II - III квартал» (after the dash).
    pub(super) fn quarter_range(&mut self, a: u32, b: u32) -> PResult<Term> {
        self.pos += 1; // the second number
        let Some(w) = self.word_at(0).map(str::to_owned) else {
            return Err(self.err_here());
        };
        if is_school_quarter_word(&w)
            && let (Some((sm, _)), Some((_, em))) =
                (school_quarter_months(a), school_quarter_months(b))
            && a <= b
        {
            self.pos += 1;
            return Ok(Term::Win(self.school_quarters(sm, em, a, b)));
        }
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
    pub(super) fn months(&mut self) -> PResult<Term> {
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

    pub(super) fn month_range(&self, m1: u32, y1: Option<i32>, m2: u32, y2: Option<i32>) -> Win {
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
}

/// A quarter's or half-year's number: `2`, `II`, «второй».
fn numeral_of(t: Option<&Tok>) -> Option<u32> {
    match t {
        Some(Tok::Num { value, .. }) => Some(*value),
        Some(Tok::Word(w)) => roman(w).or_else(|| ordinal(w)),
        _ => None,
    }
}
