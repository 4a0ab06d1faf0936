//! Recurring deadlines: «ежемесячно до 5 числа», «2 раза в год», «по средам», «по итогам
//! квартала».

use super::{PResult, Parser, Recur, Term, Unit, numeral};
use crate::deadline::lexer::{Tok, month_of, ordinal, roman, weekday_of, weekday_plural};
use crate::deadline::{DeadlineError, ErrorKind, tick};

impl Parser<'_> {
    /// «ежемесячно», «ежемесячно до 5 числа», «2 раза в год», «раз в квартал», «каждую неделю»,
    /// «каждую среду», «еженедельно по вторникам», «не реже 1 раза в полугодие», «ежеквартально
    /// до 5 числа месяца, следующего за отчетным кварталом».
    pub(super) fn recurring(&mut self, times: Option<u32>) -> PResult<Term> {
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
            Some("ежечетвертно") => {
                self.pos += 1;
                Unit::SchoolQuarter
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
            Some("каждый" | "каждую" | "каждое" | "каждая") => {
                self.pos += 1;
                // «каждый первый понедельник месяца»
                if let Some(r) = self.nth_weekday_each_month() {
                    return Ok(Term::Recurring(r));
                }
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
        // «1 раз в месяц (последняя пятница)», «ежемесячно (первый понедельник)»
        if unit == Unit::Month
            && times == 1
            && self.peek() == Some(&Tok::LParen)
            && let Some(w) = self.word_at(1)
            && let Some(nth) = ordinal(w)
                .and_then(|n| i8::try_from(n).ok())
                .or_else(|| w.starts_with("последн").then_some(-1))
            && let Some(wd) = self.word_at(2).and_then(weekday_of)
            && self.peek_at(3) == Some(&Tok::RParen)
        {
            self.pos += 4;
            r.weekdays = 1 << wd.num_days_from_monday();
            r.nth = Some(nth);
            return Ok(Term::Recurring(r));
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
            && (self.word_at(0) == Some("в") || paren)
            && self.part_follows()
        {
            // «ежемесячно, в конце месяца», «ежемесячно, в первой декаде месяца»,
            // «ежемесячно (первая декада)»
            let in_words = self.eat_word("в");
            let spec = self.part_spec()?;
            let unit_word = self.word_at(0).map(str::to_owned);
            let matches_unit = matches!(
                (unit, unit_word.as_deref()),
                (Unit::Month, Some("месяца")) | (Unit::Quarter, Some("квартала"))
            );
            if matches_unit {
                self.pos += 1;
            } else if in_words || !paren {
                // after «в» the period is named: «в конце месяца»
                return Err(self.err_here());
            }
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
        } else if paren && self.word_at(0).and_then(weekday_of).is_some() {
            // «еженедельно (понедельник)», «1 раз в неделю (среда, пятница)»
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
    pub(super) fn weekday_list(&mut self, plural: bool) -> u8 {
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

    /// Whether a part of a period («(в) конце», «первой декаде», «последняя неделя») is at the
    /// cursor; the cursor stays.
    fn part_follows(&mut self) -> bool {
        let at = self.pos;
        self.eat_word("в");
        let ok = self.part_spec().is_ok();
        self.pos = at;
        ok
    }

    fn unit_word(&mut self) -> PResult<Unit> {
        // «раз в 3 месяца» is a quarter, «раз в 6 месяцев» a half-year; other counts of months
        // or weeks are no period of the plan's
        if let Some(&Tok::Num { value, .. }) = self.peek()
            && matches!(self.word_at(1), Some("месяца" | "месяцев" | "мес"))
        {
            let unit = match value {
                1 => Unit::Month,
                3 => Unit::Quarter,
                6 => Unit::Half,
                12 => Unit::Year,
                _ => return Err(self.err_here()),
            };
            self.pos += 2;
            return Ok(unit);
        }
        let unit = match self.peek() {
            Some(Tok::YearWord) => Unit::Year,
            Some(Tok::Word(w)) => match w.as_str() {
                "месяц" | "месяца" | "мес" => Unit::Month,
                "неделю" | "недели" | "неделя" => Unit::Week,
                "квартал" | "квартала" | "кв" => Unit::Quarter,
                "полугодие" | "полугодия" | "полгода" => Unit::Half,
                "четверть" | "четверти" => Unit::SchoolQuarter,
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
    pub(super) fn results_of(&mut self) -> PResult<Term> {
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
                    Ok(self.school_year_end())
                }
                _ if let Some(unit) = Unit::of_word(&w) => {
                    self.pos += 1;
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
