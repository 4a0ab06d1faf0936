//! Clauses of a phrase: «по …» and «при …», «в соответствии с …», «весь …», «в течение …»,
//! «в период …», «до …» and «до конца …», and the «… числа месяца» after a day.

use chrono::{Datelike, NaiveDate};

use super::seasons::{is_event_word, is_holiday_word, season_of};
use super::{Len, PResult, Parser, Recur, Term, Unit, Win, YearSrc};
use crate::deadline::lexer::{
    EXTERNAL, FREQUENT, MODIFIERS, ON_DEMAND, RECURRING, RESULTS, Tok, YEAR_ROUND, is_half_word,
    is_last, is_quarter_word, month_of, ordinal, part_of, roman, weekday_of, weekday_plural,
};
use crate::deadline::{ErrorKind, Kind, PlanYear, month_end, ymd};

impl Parser<'_> {
    /// «по запросу», «по мере поступления», «по плану РМЦ», «при необходимости», «по средам»,
    /// «по итогам квартала», «по 31 августа».
    pub(super) fn by_clause(&mut self) -> PResult<Term> {
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
            // «по месяцам», «по кварталам», «по полугодиям»: period by period
            Some(Tok::Word(w))
                if lead == "по" && matches!(w.as_str(), "месяцам" | "кварталам" | "полугодиям") =>
            {
                self.pos += 1;
                Ok(Term::Recurring(Recur::every(match w.as_str() {
                    "месяцам" => Unit::Month,
                    "кварталам" => Unit::Quarter,
                    _ => Unit::Half,
                })))
            }
            // «по окончании мероприятия», «по итогам олимпиады»: an event the phrase does not date
            Some(Tok::Word(w))
                if lead == "по"
                    && RESULTS.contains(&w.as_str())
                    && self.word_at(1).is_some_and(is_event_word) =>
            {
                self.pos += 1;
                self.skip_event_words();
                Ok(Term::OnDemand(self.text_from(start)))
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
    pub(super) fn external_rest(&mut self) -> PResult<Term> {
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

    /// Consume words up to a separator, a number, or the start of another clause; «план-график»
    /// is one word.
    fn rest_words(&mut self) {
        loop {
            if self.word_at(0).is_some() && !self.clause_starts() {
                self.pos += 1;
            } else if self.peek() == Some(&Tok::Dash)
                && matches!(
                    self.word_at(1),
                    Some("графику" | "графиком" | "графика" | "график")
                )
            {
                self.pos += 2;
            } else {
                break;
            }
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
            || season_of(w).is_some()
            || is_holiday_word(w)
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

    pub(super) fn text_from(&self, start: usize) -> String {
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
    pub(super) fn whole(&mut self) -> PResult<Term> {
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
    pub(super) fn during(&mut self) -> PResult<Term> {
        // «в течение текущего года»: as «в течение года»
        self.skip_this_before_year();
        match self.peek().cloned() {
            Some(Tok::YearWord) => {
                self.pos += 1;
                Ok(Term::YearRound)
            }
            Some(Tok::Word(w)) => match w.as_str() {
                "месяца" | "недели" | "дня" if self.counts_from_event(1) => {
                    Ok(self.take_event_length(1))
                }
                "всего" | "весь" => self.whole(),
                // «в течение каждого месяца (квартала)»: month after month
                "каждого" => {
                    self.pos += 1;
                    let unit = match self.word_at(0) {
                        Some("недели") => Unit::Week,
                        w => match w.and_then(Unit::of_word) {
                            Some(u) => u,
                            None => return Err(self.err_here()),
                        },
                    };
                    self.pos += 1;
                    Ok(Term::Recurring(Recur::every(unit)))
                }
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
                _ if season_of(&w).is_some() || is_holiday_word(&w) => self.season(),
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
                // «в течение 10 (рабочих) дней после проведения»: counted from an event not dated
                if let Some(len) = self.length_words()
                    && self.counts_from_event(len)
                {
                    return Ok(self.take_event_length(len));
                }
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

    /// Whether the `len` words of a length at the cursor are counted from an event the phrase
    /// does not date: «(в течение) 10 дней после проведения», «месяца со дня получения».
    pub(super) fn counts_from_event(&self, len: usize) -> bool {
        match self.word_at(len) {
            Some("после" | "с" | "со") => self
                .word_at(len + 1)
                .is_some_and(|w| is_event_word(w) || matches!(w, "дня" | "даты")),
            // «за 10 дней до начала (проведения)»
            Some("до") => self
                .word_at(len + 1)
                .is_some_and(|w| is_event_word(w) || w == "начала"),
            _ => false,
        }
    }

    /// How many words a length at the cursor takes: «10 дней», «5 рабочих дней», «3 месяцев».
    pub(super) fn length_words(&self) -> Option<usize> {
        if !matches!(self.peek(), Some(Tok::Num { .. })) || self.year_at(0).is_some() {
            return None;
        }
        let unit = |w: Option<&str>| {
            matches!(
                w,
                Some("дня" | "дней" | "суток" | "недели" | "недель" | "месяца" | "месяцев")
            )
        };
        if matches!(
            self.word_at(1),
            Some("рабочих" | "рабочего" | "календарных" | "календарного")
        ) && unit(self.word_at(2))
        {
            Some(3)
        } else if unit(self.word_at(1)) {
            Some(2)
        } else {
            None
        }
    }

    /// The length and its event, consumed: work on demand, when the event comes.
    pub(super) fn take_event_length(&mut self, len: usize) -> Term {
        let start = self.pos;
        self.pos += len + 1;
        self.skip_event_words();
        Term::OnDemand(self.text_from(start))
    }

    /// After «в период»: «в период с 12 по 16 октября», «в период 12–16 октября».
    pub(super) fn in_period(&mut self) -> PResult<Term> {
        match self.peek() {
            Some(Tok::Word(w)) if w == "с" || w == "со" => self.span_from_to(),
            Some(Tok::Num { .. } | Tok::Date { .. }) => self.term(),
            Some(Tok::Word(w)) if month_of(w).is_some() => self.term(),
            Some(Tok::Word(w)) if season_of(w).is_some() || is_holiday_word(w) => self.season(),
            _ => Err(self.err_here()),
        }
    }

    /// «до 15.03.2026», «до 15 марта», «не позднее 1 сентября», «по 31 августа», «до конца
    /// года», «до 5 числа каждого месяца», «до 18.00».
    pub(super) fn until(&mut self) -> PResult<Term> {
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
            _ => self.pos += 1, // «до», «к», «ко», «по»
        }
        if self.eat_word("конца") || self.eat_word("окончания") || self.eat_word("завершения")
        {
            return self.until_end_of();
        }
        // «к началу (нового) учебного года»: by its first day
        if self.word_at(0) == Some("началу") {
            let k = usize::from(self.word_at(1) == Some("нового"));
            if matches!(self.word_at(1 + k), Some("учебного" | "уч"))
                && self.peek_at(2 + k) == Some(&Tok::YearWord)
            {
                self.pos += 3 + k;
                let first = self.plan.period().0.year();
                return Ok(Term::Win(Win::until(
                    self.plan,
                    ymd(first, 9, 1),
                    YearSrc::Plan,
                )));
            }
        }
        // «не позднее 5 (рабочих) дней после проведения»: counted from an event not dated
        if let Some(len) = self.length_words()
            && self.counts_from_event(len)
        {
            return Ok(self.take_event_length(len));
        }
        match self.peek().cloned() {
            // «до 5 числа (каждого месяца)»
            Some(Tok::Num { value, .. }) if self.word_at(1) == Some("числа") => {
                let from = self.pos - 1;
                self.pos += 2;
                // «до 20 числа последнего месяца квартала»: that day of each quarter's last month
                if matches!(self.word_at(0), Some("последнего" | "последний"))
                    && self.word_at(1) == Some("месяца")
                    && let Some(unit @ (Unit::Quarter | Unit::Half)) =
                        self.word_at(2).and_then(Unit::of_word)
                {
                    self.pos += 3;
                    return Ok(Term::Recurring(Recur {
                        day: Some(value.clamp(1, 31)),
                        ..Recur::every(unit)
                    }));
                }
                let next = self.month_tail(true)?;
                let day = Some(value.clamp(1, 31));
                // «до 25 числа ежемесячно», «до 5 числа (ежеквартально)»: the frequency after
                let save = self.pos;
                let paren = self.eat(&Tok::LParen);
                if !paren {
                    self.eat(&Tok::Comma);
                }
                if matches!(self.word_at(0), Some("ежемесячно" | "ежеквартально"))
                    && let Term::Recurring(mut r) = self.recurring(None)?
                    && r.day.is_none()
                {
                    if paren {
                        self.eat(&Tok::RParen);
                    }
                    if r.unit != Unit::Month && !next {
                        let span = self.toks[from].span.start..self.toks[self.pos - 1].span.end;
                        return Err(crate::deadline::DeadlineError::new(
                            ErrorKind::Ambiguous(format!("до {value} числа")),
                            span,
                        ));
                    }
                    r.day = day;
                    r.next = next;
                    return Ok(Term::Recurring(r));
                }
                self.pos = save;
                Ok(Term::Recurring(Recur {
                    day,
                    next,
                    ..Recur::every(Unit::Month)
                }))
            }
            Some(Tok::Time { .. }) => self.time(),
            _ if let Some((date, yr)) = self.named_day() => {
                Ok(Term::Win(Win::until(self.plan, date, yr)))
            }
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
        // «до конца текущего года»: the plan's year, as «до конца года»
        self.skip_this_before_year();
        match self.peek().cloned() {
            Some(Tok::YearWord) => {
                self.pos += 1;
                Ok(Term::YearRound)
            }
            Some(Tok::Word(w)) if w == "учебного" => {
                self.pos += 1;
                self.eat(&Tok::YearWord);
                Ok(self.school_year_end())
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

    /// «До конца (по итогам) учебного года»: the school year of an academic plan; in a calendar
    /// plan, by the end of the school year that ends inside it (31 May), not the one that starts
    /// in its September and ends after it.
    pub(super) fn school_year_end(&self) -> Term {
        match self.plan {
            PlanYear::Academic(_) => Term::School,
            PlanYear::Calendar(y) => Term::Win(Win::until(self.plan, ymd(y, 5, 31), YearSrc::Plan)),
        }
    }

    /// After «N числа»: «каждого месяца», «месяца, следующего за отчетным (периодом)». Returns
    /// whether the day is in the month after the one reported on.
    pub(super) fn month_tail(&mut self, allow_bare: bool) -> PResult<bool> {
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
}
