//! Seasons, school holidays and named days: «летом», «в летний период», «в период летних
//! каникул», «осенние каникулы 2026 г.», «зима 2026-2027», «летняя оздоровительная кампания»,
//! «в каникулярное время», «ко Дню учителя», «День защиты детей», «к Новому году».
//!
//! A season is its months as the Russian calendar counts them (весна — март — май, лето — июнь
//! — август, осень — сентябрь — ноябрь, зима — декабрь — февраль). School holidays other than
//! the summer's are dated by each school's calendar; the window is the part of the year they
//! fall in on the common one: осенние — конец октября — начало ноября (21.10–10.11), зимние —
//! конец декабря — начало января (21.12–10.01), весенние — конец марта — начало апреля
//! (21.03–10.04); летние — июнь — август. Holidays with no season named are the school's
//! schedule: a term of [`Term::External`]. Winter in a calendar plan (or with one year written)
//! is the two parts of it inside the year: its start in January and its end in December.

use chrono::{Datelike, NaiveDate, Weekday};

use super::{PResult, Parser, Recur, Term, Unit, Win, YearSrc};
use crate::deadline::lexer::{Tok, ordinal, weekday_of};
use crate::deadline::{Kind, PlanYear, month_end, weekday_in_month, ymd};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::deadline) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

/// A season word: the noun in any case, or its adjective in any form (`true`).
pub(in crate::deadline) fn season_of(w: &str) -> Option<(Season, bool)> {
    let noun = match w {
        "весна" | "весны" | "весне" | "весну" | "весной" | "весною" => {
            Some(Season::Spring)
        }
        "лето" | "лета" | "лету" | "летом" | "лете" => Some(Season::Summer),
        "осень" | "осени" | "осенью" => Some(Season::Autumn),
        "зима" | "зимы" | "зиме" | "зиму" | "зимой" | "зимою" => {
            Some(Season::Winter)
        }
        _ => None,
    };
    if let Some(s) = noun {
        return Some((s, false));
    }
    const ENDINGS: &[&str] = &[
        "ий", "яя", "ее", "ие", "его", "ей", "ему", "ем", "юю", "их", "им", "ими",
    ];
    [
        ("весенн", Season::Spring),
        ("летн", Season::Summer),
        ("осенн", Season::Autumn),
        ("зимн", Season::Winter),
    ]
    .into_iter()
    .find(|(stem, _)| w.strip_prefix(stem).is_some_and(|e| ENDINGS.contains(&e)))
    .map(|(_, s)| (s, true))
}

/// «каникулы» in any case, and «каникулярный» in any form.
pub(in crate::deadline) fn is_holiday_word(w: &str) -> bool {
    matches!(
        w,
        "каникулы" | "каникул" | "каникулам" | "каникулами" | "каникулах"
    ) || w.starts_with("каникулярн")
}

/// The event a deadline counts from, which the phrase does not date: «в день проведения», «в
/// течение 10 дней после окончания», «в ходе мероприятия».
pub(in crate::deadline) fn is_event_word(w: &str) -> bool {
    matches!(
        w,
        "проведения"
            | "поступления"
            | "получения"
            | "окончания"
            | "завершения"
            | "издания"
            | "подписания"
            | "утверждения"
            | "выхода"
            | "мероприятия"
            | "мероприятий"
            | "события"
            | "конкурса"
            | "соревнований"
            | "запроса"
            | "обращения"
            | "заявки"
            | "приказа"
            | "документов"
            | "информации"
            | "итогов"
            | "результатов"
            | "момента"
            // what the event is of: «после утверждения плана», «по окончании олимпиады»
            | "плана"
            | "положения"
            | "программы"
            | "олимпиады"
            | "семинара"
            | "совещания"
            | "заседания"
            | "этапа"
            | "мониторинга"
            | "курсов"
            | "обучения"
            | "экзамена"
            | "аттестации"
            | "приемной"
            | "кампании"
    )
}

/// What may follow a season's adjective: «период», «время», «оздоровительная кампания», «отдых».
fn is_season_noun(w: &str) -> bool {
    matches!(
        w,
        "период"
            | "периода"
            | "периоде"
            | "периодом"
            | "сезон"
            | "сезона"
            | "сезоне"
            | "время"
            | "времени"
            | "месяцы"
            | "месяцев"
            | "месяцах"
            | "кампания"
            | "кампании"
            | "кампанию"
            | "отдых"
            | "отдыха"
            | "отдыхе"
    )
}

/// The first and last (month, day) of a season or its holidays; day 31 is the month's last.
fn bounds(season: Season, holidays: bool) -> ((u32, u32), (u32, u32)) {
    match (season, holidays) {
        (Season::Spring, false) => ((3, 1), (5, 31)),
        (Season::Summer, _) => ((6, 1), (8, 31)),
        (Season::Autumn, false) => ((9, 1), (11, 30)),
        (Season::Winter, false) => ((12, 1), (2, 31)),
        (Season::Spring, true) => ((3, 21), (4, 10)),
        (Season::Autumn, true) => ((10, 21), (11, 10)),
        (Season::Winter, true) => ((12, 21), (1, 10)),
    }
}

/// A day of month `m` of year `y`, the last day of the month when `d` is past it (February).
fn day_of(y: i32, m: u32, d: u32) -> NaiveDate {
    let last = month_end(y, m);
    if d >= last.day() { last } else { ymd(y, m, d) }
}

impl Parser<'_> {
    /// A season or holidays at the cursor (a word [`season_of`] or [`is_holiday_word`] knows).
    pub(super) fn season(&mut self) -> PResult<Term> {
        let start = self.pos;
        let w = self.word_at(0).unwrap_or_default().to_owned();
        if is_holiday_word(&w) {
            // «каникулы», «в каникулярное время», «каникулярный период»: the school's calendar
            self.pos += 1;
            if self.word_at(0).is_some_and(is_season_noun) {
                self.pos += 1;
            }
            return Ok(Term::External(self.text_from(start)));
        }
        let Some((season, adjective)) = season_of(&w) else {
            return Err(self.err_here());
        };
        self.pos += 1;
        let mut holidays = false;
        if adjective {
            match self.word_at(0) {
                Some(x) if is_holiday_word(x) && !x.starts_with("каникулярн") => {
                    holidays = true;
                    self.pos += 1;
                }
                Some(x) if x.starts_with("оздоровительн") => {
                    self.pos += 1;
                    if self.word_at(0).is_some_and(is_season_noun) {
                        self.pos += 1;
                    }
                }
                Some(x) if is_season_noun(x) => self.pos += 1,
                // «летние» alone, or before a word the grammar does not read
                _ => return Err(self.err_here()),
            }
        }
        let (y1, y2) = self.years_after(None);
        let ((sm, sd), (em, ed)) = bounds(season, holidays);
        let kind = if sd == 1 && ed >= 28 {
            Kind::MonthRange
        } else {
            Kind::DayRange
        };
        let yr = Parser::yr(y1);
        let win = |a: NaiveDate, b: NaiveDate| Win::new(a, b, kind, yr);
        let straddles = em < sm;
        // the first calendar year of the window, or `None` for the two parts inside one year
        let first = match (y1, y2) {
            (Some(a), Some(_)) if straddles || sm >= 9 => Some(a),
            (Some(_), Some(b)) => Some(b),
            (Some(a), None) => (!straddles).then_some(a),
            (None, _) => match self.plan {
                PlanYear::Calendar(y) => (!straddles).then_some(y),
                PlanYear::Academic(_) => Some(self.plan.year_of_month(sm)),
            },
        };
        Ok(match first {
            Some(a) => {
                let b = if straddles { a + 1 } else { a };
                Term::Win(win(day_of(a, sm, sd), day_of(b, em, ed)))
            }
            None => {
                let y = y1.unwrap_or_else(|| self.plan.period().0.year());
                Term::Many(vec![
                    win(ymd(y, 1, 1), day_of(y, em, ed)),
                    win(day_of(y, sm, sd), ymd(y, 12, 31)),
                ])
            }
        })
    }

    /// The words naming the event after «после», «в день»: «проведения мероприятия», «момента
    /// получения информации».
    pub(super) fn skip_event_words(&mut self) {
        while self
            .word_at(0)
            .is_some_and(|w| is_event_word(w) || matches!(w, "дня" | "даты" | "начала"))
        {
            self.pos += 1;
        }
    }

    /// «Третье воскресенье октября», «последняя суббота июня 2026 г.»: that day (the cursor on
    /// the ordinal, a weekday and a month after it).
    pub(super) fn weekday_of_month(&mut self) -> PResult<Term> {
        let w = self.word_at(0).unwrap_or_default();
        let n = ordinal(w);
        let (Some(wd), Some(m)) = (self.word_at(1).and_then(weekday_of), self.month_at(2)) else {
            return Err(self.err_here());
        };
        let at = self.pos;
        self.pos += 3;
        let y = self.take_year(Some(m));
        let year = y.unwrap_or_else(|| self.plan.year_of_month(m));
        let nth = n.and_then(|n| i8::try_from(n).ok()).unwrap_or(-1);
        match weekday_in_month(year, m, wd, nth) {
            Some(day) => Ok(Term::Win(Win::day(day, Parser::yr(y)))),
            // «пятое воскресенье февраля»: not in that month this year
            None => {
                self.pos = at;
                Err(self.err_here())
            }
        }
    }

    /// «Первый понедельник (каждого) месяца», «последняя пятница месяца»: that day of every
    /// month; `None`, cursor unmoved, when no «месяца» follows.
    pub(super) fn nth_weekday_each_month(&mut self) -> Option<Recur> {
        let w = self.word_at(0)?;
        let nth = match ordinal(w) {
            Some(n) => i8::try_from(n).ok()?,
            None => -1,
        };
        let wd = self.word_at(1).and_then(weekday_of)?;
        let k = usize::from(self.word_at(2) == Some("каждого"));
        if self.word_at(2 + k) != Some("месяца") {
            return None;
        }
        self.pos += 3 + k;
        Some(Recur {
            weekdays: 1 << wd.num_days_from_monday(),
            nth: Some(nth),
            ..Recur::every(Unit::Month)
        })
    }

    /// A named day at the cursor («Дню учителя», «Международный день защиты детей», «Новому
    /// году»): its date, and whether the year was written. `None`, cursor unmoved, if it is not.
    pub(super) fn named_day(&mut self) -> Option<(NaiveDate, YearSrc)> {
        let save = self.pos;
        while self.word_at(0).is_some_and(is_day_adjective) {
            self.pos += 1;
        }
        // «к Новому году»: the New Year the plan's December leads to — its eve
        if matches!(
            self.word_at(0),
            Some("новому" | "новый" | "нового" | "новом")
        ) && self.peek_at(1) == Some(&Tok::YearWord)
        {
            self.pos += 2;
            let y = self.plan.year_of_month(12);
            return Some((ymd(y, 12, 31), YearSrc::Plan));
        }
        if !matches!(
            self.word_at(0),
            Some("день" | "дня" | "дню" | "днем" | "дне")
        ) {
            self.pos = save;
            return None;
        }
        self.pos += 1;
        let Some(rule) = self.day_name() else {
            self.pos = save;
            return None;
        };
        let month = rule.month();
        let y = self.take_year(Some(month));
        let year = y.unwrap_or_else(|| self.plan.year_of_month(month));
        Some((rule.date(year), Parser::yr(y)))
    }

    /// The name after «день»: the longest of [`NAMED_DAYS`] written there (commas and «и»
    /// between its words allowed), consumed.
    fn day_name(&mut self) -> Option<Rule> {
        for (words, rule) in NAMED_DAYS {
            let mut k = 0;
            let mut matched = 0;
            while matched < words.len() {
                match self.peek_at(k) {
                    Some(Tok::Comma) => k += 1,
                    Some(Tok::Word(w)) if w == words[matched] => {
                        k += 1;
                        matched += 1;
                    }
                    _ => break,
                }
            }
            if matched == words.len() {
                self.pos += k;
                return Some(*rule);
            }
        }
        None
    }
}

/// «Международный», «Всероссийский», «Всемирный», «Единый» before «день».
fn is_day_adjective(w: &str) -> bool {
    ["международн", "всероссийск", "всемирн", "един"]
        .iter()
        .any(|p| w.starts_with(p) && w.len() <= p.len() + 6)
}

/// How a named day falls in a year.
#[derive(Clone, Copy, Debug)]
enum Rule {
    /// Month and day.
    Fixed(u32, u32),
    /// The `n`-th such weekday of the month.
    Nth(u32, u32, Weekday),
    /// The last such weekday of the month.
    Last(u32, Weekday),
}

impl Rule {
    fn month(self) -> u32 {
        match self {
            Rule::Fixed(m, _) | Rule::Nth(m, _, _) | Rule::Last(m, _) => m,
        }
    }

    fn date(self, y: i32) -> NaiveDate {
        match self {
            Rule::Fixed(m, d) => day_of(y, m, d),
            Rule::Nth(m, n, wd) => {
                weekday_in_month(y, m, wd, n as i8).unwrap_or_else(|| ymd(y, m, 1))
            }
            Rule::Last(m, wd) => weekday_in_month(y, m, wd, -1).unwrap_or_else(|| ymd(y, m, 1)),
        }
    }
}

/// The named days of Russian school and public life, as they are written after «день» (the name
/// does not change its case), longest first where one begins another.
const NAMED_DAYS: &[(&[&str], Rule)] = &[
    (&["знаний"], Rule::Fixed(9, 1)),
    (&["учителя"], Rule::Fixed(10, 5)),
    (&["защиты", "детей"], Rule::Fixed(6, 1)),
    (
        &["победы", "в", "великой", "отечественной", "войне"],
        Rule::Fixed(5, 9),
    ),
    (&["победы"], Rule::Fixed(5, 9)),
    (&["россии"], Rule::Fixed(6, 12)),
    (&["народного", "единства"], Rule::Fixed(11, 4)),
    (&["защитника", "отечества"], Rule::Fixed(2, 23)),
    (&["защитников", "отечества"], Rule::Fixed(2, 23)),
    (&["героев", "отечества"], Rule::Fixed(12, 9)),
    (&["неизвестного", "солдата"], Rule::Fixed(12, 3)),
    (&["инвалидов"], Rule::Fixed(12, 3)),
    (&["людей", "с", "инвалидностью"], Rule::Fixed(12, 3)),
    (&["космонавтики"], Rule::Fixed(4, 12)),
    (&["пожилых", "людей"], Rule::Fixed(10, 1)),
    (&["пожилого", "человека"], Rule::Fixed(10, 1)),
    (
        &["конституции", "российской", "федерации"],
        Rule::Fixed(12, 12),
    ),
    (&["конституции", "рф"], Rule::Fixed(12, 12)),
    (&["конституции"], Rule::Fixed(12, 12)),
    (&["матери"], Rule::Last(11, Weekday::Sun)),
    (&["отца"], Rule::Nth(10, 3, Weekday::Sun)),
    (&["семьи", "любви", "и", "верности"], Rule::Fixed(7, 8)),
    (
        &["славянской", "письменности", "и", "культуры"],
        Rule::Fixed(5, 24),
    ),
    (&["славянской", "письменности"], Rule::Fixed(5, 24)),
    (&["российской", "науки"], Rule::Fixed(2, 8)),
    (&["науки"], Rule::Fixed(2, 8)),
    (&["государственного", "флага"], Rule::Fixed(8, 22)),
    (&["флага"], Rule::Fixed(8, 22)),
    (&["молодежи"], Rule::Last(6, Weekday::Sat)),
    (&["дошкольного", "работника"], Rule::Fixed(9, 27)),
    (&["воспитателя"], Rule::Fixed(9, 27)),
    (
        &["солидарности", "в", "борьбе", "с", "терроризмом"],
        Rule::Fixed(9, 3),
    ),
    (&["памяти", "и", "скорби"], Rule::Fixed(6, 22)),
    (&["снятия", "блокады", "ленинграда"], Rule::Fixed(1, 27)),
    (&["снятия", "блокады"], Rule::Fixed(1, 27)),
    (
        &["полного", "освобождения", "ленинграда"],
        Rule::Fixed(1, 27),
    ),
    (
        &["детских", "общественных", "организаций"],
        Rule::Fixed(5, 19),
    ),
    (&["пионерии"], Rule::Fixed(5, 19)),
    (&["родного", "языка"], Rule::Fixed(2, 21)),
    (&["здоровья"], Rule::Fixed(4, 7)),
    (&["добровольца"], Rule::Fixed(12, 5)),
    (&["волонтера"], Rule::Fixed(12, 5)),
];

#[cfg(test)]
mod tests {
    use crate::deadline::tests::{AY2026 as AY, Y2026 as Y, d, reads};
    use crate::deadline::{Deadline, Kind};

    #[test]
    fn seasons_are_their_months() {
        use Kind::MonthRange;
        let summer = ("2026-06-01", "2026-08-31");
        for p in [
            "летом",
            "Лето 2026",
            "в летний период",
            "летний период 2026 г.",
            "в течение лета",
            "в течение летнего периода",
            "Летняя оздоровительная кампания",
            "в период летней оздоровительной кампании",
            "летний оздоровительный период 2026 года",
            "летние каникулы",
            "в период летних каникул",
        ] {
            reads(p, Y, MonthRange, summer, Some("2026-08-31"), &[summer]);
        }
        let autumn = ("2026-09-01", "2026-11-30");
        reads(
            "осенью",
            Y,
            MonthRange,
            autumn,
            Some("2026-11-30"),
            &[autumn],
        );
        reads(
            "Осень 2026",
            AY,
            MonthRange,
            autumn,
            Some("2026-11-30"),
            &[autumn],
        );
        let spring = ("2027-03-01", "2027-05-31");
        reads(
            "весной",
            AY,
            MonthRange,
            spring,
            Some("2027-05-31"),
            &[spring],
        );
        // the summer after the school year of an academic plan
        let next_summer = ("2027-06-01", "2027-08-31");
        reads(
            "летом",
            AY,
            MonthRange,
            next_summer,
            Some("2027-08-31"),
            &[next_summer],
        );
        reads(
            "летние каникулы 2026-2027",
            Y,
            MonthRange,
            next_summer,
            Some("2027-08-31"),
            &[next_summer],
        );
    }

    #[test]
    fn winter_straddles_new_year() {
        use Kind::{DayRange, MonthRange, Several};
        // an academic plan's winter is one run of months
        let w = ("2026-12-01", "2027-02-28");
        reads("зима", AY, MonthRange, w, Some("2027-02-28"), &[w]);
        reads("зима 2026-2027", Y, MonthRange, w, Some("2027-02-28"), &[w]);
        // a leap year's February to its end (found by the fuzzer)
        let w = ("2027-12-01", "2028-02-29");
        let y28 = crate::deadline::PlanYear::Calendar(2028);
        reads(
            "зима 2027/2028",
            y28,
            MonthRange,
            w,
            Some("2028-02-29"),
            &[w],
        );
        // a calendar plan's winter is its two parts inside the year
        reads(
            "в зимний период",
            Y,
            Several,
            ("2026-01-01", "2026-12-31"),
            Some("2026-12-31"),
            &[("2026-01-01", "2026-02-28"), ("2026-12-01", "2026-12-31")],
        );
        let h = ("2026-12-21", "2027-01-10");
        reads("зимние каникулы", AY, DayRange, h, Some("2027-01-10"), &[h]);
        reads(
            "зимние каникулы 2026-2027 уч. года",
            AY,
            DayRange,
            h,
            Some("2027-01-10"),
            &[h],
        );
        reads(
            "в период зимних каникул",
            Y,
            Several,
            ("2026-01-01", "2026-12-31"),
            Some("2026-12-31"),
            &[("2026-01-01", "2026-01-10"), ("2026-12-21", "2026-12-31")],
        );
    }

    #[test]
    fn holidays_fall_where_the_common_calendar_puts_them() {
        use Kind::{DayRange, External};
        let autumn = ("2026-10-21", "2026-11-10");
        reads(
            "Осенние каникулы",
            Y,
            DayRange,
            autumn,
            Some("2026-11-10"),
            &[autumn],
        );
        let spring = ("2027-03-21", "2027-04-10");
        reads(
            "в период весенних каникул",
            AY,
            DayRange,
            spring,
            Some("2027-04-10"),
            &[spring],
        );
        // holidays with no season named: the school's calendar
        for p in ["в каникулы", "в каникулярное время", "в период каникул"]
        {
            let dl = Deadline::parse(p, Y).unwrap_or_else(|e| panic!("{p:?}: {e}"));
            assert_eq!(dl.kind, External, "{p:?}");
            assert_eq!(dl.end, d("2026-12-31"), "{p:?}");
        }
    }

    #[test]
    fn named_days_are_their_dates() {
        use Kind::Date;
        // «к», «ко», «накануне», «в преддверии»: by that day, from the plan's start
        for (p, day) in [
            ("ко Дню учителя", "2026-10-05"),
            ("к Дню знаний", "2026-09-01"),
            ("Ко Дню защиты детей", "2026-06-01"),
            ("ко Дню Победы", "2026-05-09"),
            ("ко Дню славянской письменности и культуры", "2026-05-24"),
            ("к Дню Конституции Российской Федерации", "2026-12-12"),
            ("накануне Дня матери", "2026-11-29"),
            ("в преддверии Дня народного единства", "2026-11-04"),
            ("к Новому году", "2026-12-31"),
            ("ко Дню семьи, любви и верности", "2026-07-08"),
        ] {
            reads(
                p,
                Y,
                Date,
                ("2026-01-01", day),
                Some(day),
                &[("2026-01-01", day)],
            );
        }
        // the day itself; days that move: the last Sunday of November, the third of October
        for (p, plan, day) in [
            ("День знаний", AY, "2026-09-01"),
            ("в День учителя", Y, "2026-10-05"),
            ("Международный день защиты детей", AY, "2027-06-01"),
            ("День матери", Y, "2026-11-29"),
            ("День матери 2027 г.", Y, "2027-11-28"),
            ("День отца", Y, "2026-10-18"),
            ("День молодежи", Y, "2026-06-27"),
        ] {
            reads(p, plan, Date, (day, day), Some(day), &[(day, day)]);
        }
    }

    #[test]
    fn a_weekday_of_a_month_is_that_day() {
        use Kind::Date;
        for (p, plan, day) in [
            ("Третье воскресенье октября", Y, "2026-10-18"),
            ("первый понедельник сентября", AY, "2026-09-07"),
            ("последняя суббота июня 2026 г.", Y, "2026-06-27"),
            ("последняя пятница мая", AY, "2027-05-28"),
        ] {
            reads(p, plan, Date, (day, day), Some(day), &[(day, day)]);
        }
        // not in that month this year
        assert!(Deadline::parse("пятое воскресенье февраля", Y).is_err());
    }
}
