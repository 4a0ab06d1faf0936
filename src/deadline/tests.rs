//! The grammar against every deadline phrase of both seed plans and many more of each class.

use super::*;
use chrono::NaiveTime;

pub(super) const Y2026: PlanYear = PlanYear::Calendar(2026);
pub(super) const AY2026: PlanYear = PlanYear::Academic(2026);

pub(super) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

#[track_caller]
fn ok(
    phrase: &str,
    plan: PlanYear,
    kind: Kind,
    start: &str,
    end: &str,
    due: Option<&str>,
) -> Deadline {
    let dl = match Deadline::parse(phrase, plan) {
        Ok(dl) => dl,
        Err(e) => panic!("{phrase:?} not understood: {e} ({:?})", e.suggestions),
    };
    assert_eq!(dl.kind, kind, "kind of {phrase:?}");
    assert_eq!(dl.start, d(start), "start of {phrase:?}");
    assert_eq!(dl.end, d(end), "end of {phrase:?}");
    assert_eq!(dl.due, due.map(d), "due of {phrase:?}");
    assert!(dl.start <= dl.end);
    dl
}

#[track_caller]
fn refused(phrase: &str) -> DeadlineError {
    match Deadline::parse(phrase, Y2026) {
        Ok(dl) => panic!("{phrase:?} should be refused, got {dl:?}"),
        Err(e) => {
            assert!(!e.message(Lang::Ru).is_empty());
            assert!(e.span.end <= phrase.len());
            e
        }
    }
}

// ---- every phrase of the two seed plans ----

#[test]
fn seed_mosalsk() {
    use Kind::*;
    let year = |p| {
        ok(
            p,
            Y2026,
            Year,
            "2026-01-01",
            "2026-12-31",
            Some("2026-12-31"),
        )
    };
    year("В течение года");
    ok(
        "Июнь 2026",
        Y2026,
        Month,
        "2026-06-01",
        "2026-06-30",
        Some("2026-06-30"),
    );
    ok(
        "сентябрь 2026г",
        Y2026,
        Month,
        "2026-09-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
    let q = ok(
        "Сентябрь 2026г. По необходимости",
        Y2026,
        Month,
        "2026-09-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
    assert_eq!(q.qualifier.as_deref(), Some("по необходимости"));
    ok(
        "Январь – декабрь 2026г.",
        Y2026,
        MonthRange,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    let od = ok(
        "По запросу",
        Y2026,
        OnDemand,
        "2026-01-01",
        "2026-12-31",
        None,
    );
    assert!(od.occurrences.is_empty());
    let m = ok(
        "ежемесячно",
        Y2026,
        Recurring,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    assert_eq!(m.occurrences.len(), 12);
    ok(
        "Декабрь 2026г",
        Y2026,
        Month,
        "2026-12-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "2026г..",
        Y2026,
        Year,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "Сентябрь 2026г.",
        Y2026,
        Month,
        "2026-09-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
    ok(
        "Апрель – май 2026г.",
        Y2026,
        MonthRange,
        "2026-04-01",
        "2026-05-31",
        Some("2026-05-31"),
    );
    ok(
        "Февраль – апрель 2026г.",
        Y2026,
        MonthRange,
        "2026-02-01",
        "2026-04-30",
        Some("2026-04-30"),
    );
    ok(
        "Январь – сентябрь 2026г.",
        Y2026,
        MonthRange,
        "2026-01-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
    let s = ok(
        "Июнь 2026 Март 2026г, Ноябрь 2026г.",
        Y2026,
        Several,
        "2026-03-01",
        "2026-11-30",
        Some("2026-11-30"),
    );
    let dues: Vec<_> = s.occurrences.iter().map(|o| o.due).collect();
    assert_eq!(
        dues,
        vec![d("2026-03-31"), d("2026-06-30"), d("2026-11-30")]
    );
    ok(
        "Март - ноябрь 2026г.",
        Y2026,
        MonthRange,
        "2026-03-01",
        "2026-11-30",
        Some("2026-11-30"),
    );
    ok(
        "По мере поступления",
        Y2026,
        OnDemand,
        "2026-01-01",
        "2026-12-31",
        None,
    );
    ok(
        "По мере проведения",
        Y2026,
        OnDemand,
        "2026-01-01",
        "2026-12-31",
        None,
    );
    ok(
        "В течение учебного года",
        Y2026,
        AcademicYear,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
}

#[test]
fn seed_sayansk() {
    use Kind::*;
    ok(
        "Январь 2026",
        Y2026,
        Month,
        "2026-01-01",
        "2026-01-31",
        Some("2026-01-31"),
    );
    ok(
        "В течение 2026 года",
        Y2026,
        Year,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    let e = ok(
        "По плану РМЦ",
        Y2026,
        External,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    assert_eq!(e.qualifier.as_deref(), Some("по плану рмц"));
    let a = ok(
        "Июнь (июль) 2026",
        Y2026,
        Alternative,
        "2026-06-01",
        "2026-07-31",
        Some("2026-07-31"),
    );
    assert_eq!(a.target, Some(d("2026-06-30")));
    let s = ok(
        "сентябрь 2026 октябрь 2026",
        Y2026,
        Several,
        "2026-09-01",
        "2026-10-31",
        Some("2026-10-31"),
    );
    assert_eq!(s.occurrences.len(), 2);
    let k = ok(
        "В течение года по графику КПК",
        Y2026,
        External,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    assert_eq!(k.qualifier.as_deref(), Some("по графику кпк"));
    ok(
        "Март (апрель) 2026",
        Y2026,
        Alternative,
        "2026-03-01",
        "2026-04-30",
        Some("2026-04-30"),
    );
    ok(
        "Февраль 2026",
        Y2026,
        Month,
        "2026-02-01",
        "2026-02-28",
        Some("2026-02-28"),
    );
    ok(
        "В течение года, постоянно",
        Y2026,
        Year,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
}

// ---- dates ----

#[test]
fn dates() {
    use Kind::{Date, Year};
    ok(
        "15.03.2026",
        Y2026,
        Date,
        "2026-03-15",
        "2026-03-15",
        Some("2026-03-15"),
    );
    ok(
        "15.03.26",
        Y2026,
        Date,
        "2026-03-15",
        "2026-03-15",
        Some("2026-03-15"),
    );
    ok(
        "15.03.2026г.",
        Y2026,
        Date,
        "2026-03-15",
        "2026-03-15",
        Some("2026-03-15"),
    );
    ok(
        "до 15.03.2026",
        Y2026,
        Date,
        "2026-01-01",
        "2026-03-15",
        Some("2026-03-15"),
    );
    ok(
        "до 15 марта 2026 г.",
        Y2026,
        Date,
        "2026-01-01",
        "2026-03-15",
        Some("2026-03-15"),
    );
    ok(
        "до 15 марта",
        Y2026,
        Date,
        "2026-01-01",
        "2026-03-15",
        Some("2026-03-15"),
    );
    ok(
        "не позднее 1 сентября 2026 года",
        Y2026,
        Date,
        "2026-01-01",
        "2026-09-01",
        Some("2026-09-01"),
    );
    ok(
        "к 1 сентября",
        Y2026,
        Date,
        "2026-01-01",
        "2026-09-01",
        Some("2026-09-01"),
    );
    ok(
        "25 мая 2026",
        Y2026,
        Date,
        "2026-05-25",
        "2026-05-25",
        Some("2026-05-25"),
    );
    ok(
        "1 июня",
        Y2026,
        Date,
        "2026-06-01",
        "2026-06-01",
        Some("2026-06-01"),
    );
    ok(
        "15.03",
        Y2026,
        Date,
        "2026-03-15",
        "2026-03-15",
        Some("2026-03-15"),
    );
    ok(
        "до 20.12.2026.",
        Y2026,
        Date,
        "2026-01-01",
        "2026-12-20",
        Some("2026-12-20"),
    );
    ok(
        "до конца года",
        Y2026,
        Year,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "до конца мая",
        Y2026,
        Date,
        "2026-01-01",
        "2026-05-31",
        Some("2026-05-31"),
    );
    // a date in an academic-year plan takes the year of its half
    ok(
        "до 15 марта",
        AY2026,
        Date,
        "2026-09-01",
        "2027-03-15",
        Some("2027-03-15"),
    );
}

#[test]
fn months() {
    use Kind::Month;
    ok(
        "сентябрь",
        Y2026,
        Month,
        "2026-09-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
    ok(
        "СЕНТЯБРЬ 2026",
        Y2026,
        Month,
        "2026-09-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
    ok(
        "  Сентябрь   2026  г. ",
        Y2026,
        Month,
        "2026-09-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
    ok(
        "в сентябре",
        Y2026,
        Month,
        "2026-09-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
    ok(
        "в феврале 2028 г.",
        Y2026,
        Month,
        "2028-02-01",
        "2028-02-29",
        Some("2028-02-29"),
    );
    ok(
        "сент. 2026",
        Y2026,
        Month,
        "2026-09-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
    ok(
        "Сентябрь 26г.",
        Y2026,
        Month,
        "2026-09-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
    ok(
        "май 2026 года",
        Y2026,
        Month,
        "2026-05-01",
        "2026-05-31",
        Some("2026-05-31"),
    );
    ok(
        "Ноябрь 2026г. Ноябрь 2026г.",
        Y2026,
        Month,
        "2026-11-01",
        "2026-11-30",
        Some("2026-11-30"),
    );
    // academic-year plan: autumn months in the first year, spring months in the second
    ok(
        "октябрь",
        AY2026,
        Month,
        "2026-10-01",
        "2026-10-31",
        Some("2026-10-31"),
    );
    ok(
        "апрель",
        AY2026,
        Month,
        "2027-04-01",
        "2027-04-30",
        Some("2027-04-30"),
    );
}

#[test]
fn month_ranges() {
    use Kind::MonthRange;
    ok(
        "Март-апрель",
        Y2026,
        MonthRange,
        "2026-03-01",
        "2026-04-30",
        Some("2026-04-30"),
    );
    ok(
        "март—апрель 2026 г.",
        Y2026,
        MonthRange,
        "2026-03-01",
        "2026-04-30",
        Some("2026-04-30"),
    );
    ok(
        "сентябрь - май",
        AY2026,
        MonthRange,
        "2026-09-01",
        "2027-05-31",
        Some("2027-05-31"),
    );
    ok(
        "сентябрь - май",
        Y2026,
        MonthRange,
        "2026-09-01",
        "2027-05-31",
        Some("2027-05-31"),
    );
    ok(
        "Сентябрь 2026 – май 2027",
        Y2026,
        MonthRange,
        "2026-09-01",
        "2027-05-31",
        Some("2027-05-31"),
    );
    ok(
        "ноябрь – январь 2027 г.",
        Y2026,
        MonthRange,
        "2026-11-01",
        "2027-01-31",
        Some("2027-01-31"),
    );
    ok(
        "с января по май 2026 г.",
        Y2026,
        MonthRange,
        "2026-01-01",
        "2026-05-31",
        Some("2026-05-31"),
    );
    ok(
        "в течение сентября – октября",
        Y2026,
        MonthRange,
        "2026-09-01",
        "2026-10-31",
        Some("2026-10-31"),
    );
    ok(
        "Январь – декабрь",
        Y2026,
        MonthRange,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
}

#[test]
fn day_ranges() {
    use Kind::DayRange;
    ok(
        "9 - 11 июня 2026 г.",
        Y2026,
        DayRange,
        "2026-06-09",
        "2026-06-11",
        Some("2026-06-11"),
    );
    ok(
        "9–11 июня",
        Y2026,
        DayRange,
        "2026-06-09",
        "2026-06-11",
        Some("2026-06-11"),
    );
    ok(
        "с 15 ноября по 15 декабря 2026 года",
        Y2026,
        DayRange,
        "2026-11-15",
        "2026-12-15",
        Some("2026-12-15"),
    );
    ok(
        "15 ноября – 15 декабря 2026",
        Y2026,
        DayRange,
        "2026-11-15",
        "2026-12-15",
        Some("2026-12-15"),
    );
    ok(
        "01.09.2026 - 30.09.2026",
        Y2026,
        DayRange,
        "2026-09-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
    ok(
        "с 01.09.2026 по 31.05.2027",
        Y2026,
        DayRange,
        "2026-09-01",
        "2027-05-31",
        Some("2027-05-31"),
    );
    ok(
        "с 20 декабря по 10 января 2027 г.",
        Y2026,
        DayRange,
        "2026-12-20",
        "2027-01-10",
        Some("2027-01-10"),
    );
}

#[test]
fn quarters_and_halves() {
    use Kind::{HalfYear, Quarter};
    ok(
        "I квартал 2026",
        Y2026,
        Quarter,
        "2026-01-01",
        "2026-03-31",
        Some("2026-03-31"),
    );
    ok(
        "2 квартал",
        Y2026,
        Quarter,
        "2026-04-01",
        "2026-06-30",
        Some("2026-06-30"),
    );
    ok(
        "IV квартал 2026 г.",
        Y2026,
        Quarter,
        "2026-10-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "в III квартале",
        Y2026,
        Quarter,
        "2026-07-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
    ok(
        "1-й квартал",
        Y2026,
        Quarter,
        "2026-01-01",
        "2026-03-31",
        Some("2026-03-31"),
    );
    ok(
        "II-III квартал 2026",
        Y2026,
        Quarter,
        "2026-04-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
    ok(
        "I полугодие 2026 г.",
        Y2026,
        HalfYear,
        "2026-01-01",
        "2026-06-30",
        Some("2026-06-30"),
    );
    ok(
        "второе полугодие",
        Y2026,
        HalfYear,
        "2026-07-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "в течение II полугодия",
        Y2026,
        HalfYear,
        "2026-07-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
}

#[test]
fn whole_year() {
    use Kind::{AcademicYear, Year};
    ok(
        "постоянно",
        Y2026,
        Year,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "2026 год",
        Y2026,
        Year,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "в течение 2026 г.",
        Y2026,
        Year,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "весь период",
        Y2026,
        Year,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "В течении года",
        Y2026,
        Year,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "На протяжении года",
        Y2026,
        Year,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "В течение года В течение года",
        Y2026,
        Year,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "в течение года",
        AY2026,
        Year,
        "2026-09-01",
        "2027-08-31",
        Some("2027-08-31"),
    );
    ok(
        "2026-2027 гг.",
        Y2026,
        Year,
        "2026-01-01",
        "2027-12-31",
        Some("2027-12-31"),
    );
    ok(
        "В течение учебного года",
        AY2026,
        AcademicYear,
        "2026-09-01",
        "2027-05-31",
        Some("2027-05-31"),
    );
    ok(
        "2026/2027 учебный год",
        Y2026,
        AcademicYear,
        "2026-09-01",
        "2027-05-31",
        Some("2027-05-31"),
    );
    ok(
        "2026-2027 уч. год",
        Y2026,
        AcademicYear,
        "2026-09-01",
        "2027-05-31",
        Some("2027-05-31"),
    );
    ok(
        "2026/27 учебный год",
        Y2026,
        AcademicYear,
        "2026-09-01",
        "2027-05-31",
        Some("2027-05-31"),
    );
}

#[test]
fn recurring() {
    use Kind::Recurring;
    let n = |p: &str, plan| Deadline::parse(p, plan).map_or(0, |d| d.occurrences.len());
    let q = ok(
        "ежеквартально",
        Y2026,
        Recurring,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    assert_eq!(q.occurrences[0].due, d("2026-03-31"));
    assert_eq!(n("ежеквартально", Y2026), 4);
    assert_eq!(n("еженедельно", Y2026), 53);
    assert_eq!(n("2 раза в год", Y2026), 2);
    assert_eq!(n("не реже 2 раз в год", Y2026), 2);
    assert_eq!(n("4 раза в год", Y2026), 4);
    assert_eq!(n("1 раз в квартал", Y2026), 4);
    assert_eq!(n("раз в месяц", Y2026), 12);
    assert_eq!(n("каждый месяц", Y2026), 12);
    assert_eq!(n("раз в полугодие", Y2026), 2);
    assert_eq!(n("ежемесячно", AY2026), 12);
    assert_eq!(n("ежемесячно в течение учебного года", AY2026), 9);
    assert_eq!(n("ежемесячно, сентябрь – декабрь", Y2026), 4);
    let h = Deadline::parse("2 раза в год", Y2026).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(h.occurrences[0].due, d("2026-06-30"));
    let five = ok(
        "ежемесячно до 5 числа",
        Y2026,
        Recurring,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-05"),
    );
    assert_eq!(five.occurrences.len(), 12);
    assert_eq!(five.occurrences[1].due, d("2026-02-05"));
    let five2 =
        Deadline::parse("до 5 числа каждого месяца", Y2026).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(five2.occurrences, five.occurrences);
}

#[test]
fn several_and_alternative() {
    use Kind::{Alternative, Several};
    let s = ok(
        "март, июнь, сентябрь, декабрь",
        Y2026,
        Several,
        "2026-03-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    assert_eq!(s.occurrences.len(), 4);
    ok(
        "15.03.2026, 15.06.2026",
        Y2026,
        Several,
        "2026-03-15",
        "2026-06-15",
        Some("2026-06-15"),
    );
    ok(
        "май 2026 и октябрь 2026",
        Y2026,
        Several,
        "2026-05-01",
        "2026-10-31",
        Some("2026-10-31"),
    );
    ok(
        "(Июнь 2026 Март 2026г, Ноябрь 2026г.",
        Y2026,
        Several,
        "2026-03-01",
        "2026-11-30",
        Some("2026-11-30"),
    );
    ok(
        "Декабрь (январь)",
        Y2026,
        Alternative,
        "2026-12-01",
        "2027-01-31",
        Some("2027-01-31"),
    );
    ok(
        "Июнь 2026 (июль 2026)",
        Y2026,
        Alternative,
        "2026-06-01",
        "2026-07-31",
        Some("2026-07-31"),
    );
    ok(
        "апрель (май)",
        Y2026,
        Alternative,
        "2026-04-01",
        "2026-05-31",
        Some("2026-05-31"),
    );
}

#[test]
fn on_demand_and_external() {
    use Kind::{External, OnDemand};
    for p in [
        "По мере необходимости",
        "по необходимости",
        "При необходимости",
        "по требованию",
        "По запросу.",
        "по запросам ОО",
    ] {
        ok(p, Y2026, OnDemand, "2026-01-01", "2026-12-31", None);
    }
    for p in [
        "По графику КПК",
        "согласно графику",
        "В соответствии с планом РМЦ",
        "по отдельному плану",
        "По плану Министерства образования",
    ] {
        ok(
            p,
            Y2026,
            External,
            "2026-01-01",
            "2026-12-31",
            Some("2026-12-31"),
        );
    }
    let e = ok(
        "В течение учебного года по графику",
        AY2026,
        External,
        "2026-09-01",
        "2027-05-31",
        Some("2027-05-31"),
    );
    assert_eq!(e.qualifier.as_deref(), Some("по графику"));
}

#[test]
fn word_artefacts() {
    use Kind::{Month, MonthRange};
    ok(
        "Апрель–май 2026г.",
        Y2026,
        MonthRange,
        "2026-04-01",
        "2026-05-31",
        Some("2026-05-31"),
    );
    ok(
        "Апрель —май 2026 гг.",
        Y2026,
        MonthRange,
        "2026-04-01",
        "2026-05-31",
        Some("2026-05-31"),
    );
    ok(
        "апрель - май 2026г..",
        Y2026,
        MonthRange,
        "2026-04-01",
        "2026-05-31",
        Some("2026-05-31"),
    );
    ok(
        "Апрель\u{a0}–\u{a0}май 2026\u{a0}г.",
        Y2026,
        MonthRange,
        "2026-04-01",
        "2026-05-31",
        Some("2026-05-31"),
    );
    ok(
        "Сентябрь2026г",
        Y2026,
        Month,
        "2026-09-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
    ok(
        "Сентябрь 2026г.\nСентябрь 2026г.",
        Y2026,
        Month,
        "2026-09-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
    ok(
        "сентЯбрь 2026",
        Y2026,
        Month,
        "2026-09-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
}

// ---- refused ----

#[test]
fn refusals() {
    let e = refused("");
    assert_eq!(e.kind, ErrorKind::Empty);
    refused("   ");
    let e = refused("Сентбрь 2026");
    assert_eq!(e.reason(), &ErrorKind::UnknownWord("сентбрь".into()));
    assert_eq!(&"Сентбрь 2026"[e.span.clone()], "Сентбрь");
    assert_eq!(
        e.suggestions.first().map(String::as_str),
        Some("Сентябрь 2026")
    );
    let e = refused("31.02.2026");
    assert!(matches!(e.kind, ErrorKind::BadDate(_)));
    refused("скоро");
    refused("когда-нибудь");
    refused("до");
    refused("15");
    refused("V квартал");
    refused("3 полугодие");
    refused("ежемесячно, ежеквартально");
    refused("в течение года ?? 12 уу");
    refused("2026/2030 учебный год x");
    refused("с января");
    refused("0 раз в год");
    let e = refused("По запрсу");
    assert!(
        e.suggestions.iter().any(|s| s == "По запросу"),
        "{:?}",
        e.suggestions
    );
    for e in [refused("xyz"), refused("Впоследствии")] {
        assert!(e.suggestions.len() >= 3, "{:?}", e.suggestions);
    }
}

#[test]
fn plan_years() {
    assert_eq!(PlanYear::parse("2026"), Some(PlanYear::Calendar(2026)));
    assert_eq!(PlanYear::parse("2026/2027"), Some(PlanYear::Academic(2026)));
    assert_eq!(PlanYear::parse("2026-2027"), Some(PlanYear::Academic(2026)));
    assert_eq!(PlanYear::parse("2026/27"), Some(PlanYear::Academic(2026)));
    assert_eq!(PlanYear::parse("2026/2028"), None);
    assert_eq!(PlanYear::parse("двадцать"), None);
    assert_eq!(PlanYear::Academic(2026).to_string(), "2026/2027");
}

#[test]
fn labels() {
    let l = |s, e| period_label(Lang::Ru, Y2026, d(s), d(e));
    assert_eq!(l("2026-03-01", "2026-03-31"), "март");
    assert_eq!(l("2027-03-01", "2027-03-31"), "март 2027");
    assert_eq!(l("2026-04-01", "2026-06-30"), "II квартал");
    assert_eq!(l("2026-01-01", "2026-06-30"), "январь – июнь");
    assert_eq!(l("2026-03-16", "2026-03-22"), "16.03–22.03");
    assert_eq!(
        period_label(Lang::En, Y2026, d("2026-04-01"), d("2026-06-30")),
        "Q2"
    );
}

#[test]
fn canonical_round_trip() {
    for p in [
        "Апрель – май 2026г.",
        "Июнь (июль) 2026",
        "9 - 11 июня 2026 г.",
        "до 15 марта 2026",
        "Июнь 2026 Март 2026г, Ноябрь 2026г.",
        "I квартал 2026",
        "ежемесячно",
        "По запросу",
    ] {
        let a = Deadline::parse(p, Y2026).unwrap_or_else(|e| panic!("{p}: {e}"));
        let b = Deadline::parse(&a.canonical(), Y2026)
            .unwrap_or_else(|e| panic!("{}: {e}", a.canonical()));
        assert_eq!(
            (a.start, a.end, a.due, &a.occurrences),
            (b.start, b.end, b.due, &b.occurrences),
            "{p}"
        );
    }
}

// ---- times of day ----

fn hm(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap_or_default()
}

#[test]
fn times_of_day() {
    use Kind::{Date, Several};
    let t = ok(
        "12.03.2026 10:30",
        Y2026,
        Date,
        "2026-03-12",
        "2026-03-12",
        Some("2026-03-12"),
    );
    assert_eq!(
        t.time,
        Some(TimeOfDay {
            start: hm("10:30"),
            end: None
        })
    );
    assert_eq!(t.occurrences[0].time, t.time);
    let r = ok(
        "05.05.2026 14.00 – 15.30",
        Y2026,
        Date,
        "2026-05-05",
        "2026-05-05",
        Some("2026-05-05"),
    );
    assert_eq!(
        r.time,
        Some(TimeOfDay {
            start: hm("14:00"),
            end: Some(hm("15:30"))
        })
    );
    for (p, at) in [
        ("15 марта в 16.00 ч.", "16:00"),
        ("15 марта 2026 г. в 16 ч.", "16:00"),
        ("04.01.26 в 15 -00", "15:00"),
        ("04.01.26 в 15-00", "15:00"),
        ("31 мая 11.0", "11:00"),
        ("01.10.26 10.00", "10:00"),
        ("12.10.26. 11.30", "11:30"),
        ("15.03.2026 10.10", "10:10"),
        ("1 июня 15 часов", "15:00"),
        ("15.03.2026 с 10.00 до 12.00", "10:00"),
    ] {
        let d = Deadline::parse(p, Y2026).unwrap_or_else(|e| panic!("{p}: {e}"));
        assert_eq!(d.kind, Date, "{p}");
        assert_eq!(d.time.map(|t| t.start), Some(hm(at)), "{p}");
    }
    // several dates, each with its time
    let s = ok(
        "24.01.2026 20.00 27.01.2026 17.00",
        Y2026,
        Several,
        "2026-01-24",
        "2026-01-27",
        Some("2026-01-27"),
    );
    let times: Vec<_> = s
        .occurrences
        .iter()
        .map(|o| o.time.map(|t| t.start))
        .collect();
    assert_eq!(times, vec![Some(hm("20:00")), Some(hm("17:00"))]);
    // two times on one day: two occurrences
    let two = ok(
        "09.05.2026 09.00 20.00",
        Y2026,
        Several,
        "2026-05-09",
        "2026-05-09",
        Some("2026-05-09"),
    );
    assert_eq!(two.occurrences.len(), 2);
    // «03.10 10.10» is two dates, «10.10 - 11.10» a range of days: a time only beside a date
    let dates = ok(
        "03.10 10.10",
        Y2026,
        Several,
        "2026-10-03",
        "2026-10-10",
        Some("2026-10-10"),
    );
    assert!(dates.time.is_none());
    ok(
        "10.10 - 11.10",
        Y2026,
        Kind::DayRange,
        "2026-10-10",
        "2026-10-11",
        Some("2026-10-11"),
    );
    // a time with no date is refused, and says what it understood
    for p in [
        "14.00 – 15.30",
        "в 16.00 ч.",
        "19.00-20.00 (районы города)",
        "8-00",
    ] {
        let e = refused(p);
        assert_eq!(e.reason(), &ErrorKind::NoDate, "{p}");
        assert!(
            matches!(
                e.understood(),
                [Understood {
                    meaning: Meaning::Time { .. },
                    ..
                }]
            ),
            "{p}: {:?}",
            e.understood()
        );
        assert!(
            e.message(Lang::Ru).contains("понято: «"),
            "{}",
            e.message(Lang::Ru)
        );
        assert!(
            e.message(Lang::Ru).contains("время"),
            "{}",
            e.message(Lang::Ru)
        );
        // the first nearest form is the phrase with a date
        assert_eq!(
            e.suggestions.first().map(String::as_str),
            Some(format!("01.01.2026 {p}").as_str()),
            "{p}"
        );
    }
}

// ---- a place or a name beside the date ----

#[test]
fn place_after_the_date() {
    use Kind::{Date, DayRange, Month, Several};
    let cases = [
        (
            "27 ноября ДК \"Строитель\"",
            Date,
            "2026-11-27",
            "ДК \"Строитель\"",
        ),
        (
            "26 ноября Бай-Хаакская, 2",
            Date,
            "2026-11-26",
            "Бай-Хаакская, 2",
        ),
        ("26 ноября школа N 5", Date, "2026-11-26", "школа N 5"),
        (
            "06.01.26 Морозовский к-б",
            Date,
            "2026-01-06",
            "Морозовский к-б",
        ),
        (
            "12.03.2026, 14.00 – 15.30, ДК «Юность»",
            Date,
            "2026-03-12",
            "ДК «Юность»",
        ),
        (
            "21.02, 15:00, сельский клуб (с. Ардабьево, ул. Молодежная, д. 1/а);",
            Date,
            "2026-02-21",
            "сельский клуб (с. Ардабьево, ул. Молодежная, д. 1/а)",
        ),
        (
            "Образовательные учреждения 9 - 11 июня 2026 г.",
            DayRange,
            "2026-06-09",
            "Образовательные учреждения",
        ),
        (
            "Заседание №1 (сентябрь)",
            Month,
            "2026-09-01",
            "Заседание №1",
        ),
    ];
    for (p, kind, start, rest) in cases {
        let d = Deadline::parse(p, Y2026).unwrap_or_else(|e| panic!("{p}: {e}"));
        assert_eq!((d.kind, d.start), (kind, self::d(start)), "{p}");
        assert_eq!(d.rest.as_deref(), Some(rest), "{p}");
    }
    let s = ok(
        "13.05 – Хайрюзовка 19.05 - Ельцовка 11.05. -20.05.26",
        Y2026,
        Several,
        "2026-05-11",
        "2026-05-20",
        Some("2026-05-20"),
    );
    assert_eq!(s.rest.as_deref(), Some("Хайрюзовка; Ельцовка"));
    // no place where there is no date, no place that reads as part of a deadline
    for p in [
        "ДК «Юность»",
        "День города",
        "Сентбрь 2026",
        "15.03.2026 ежемесячнл",
        "15.03.2026, после обеда",
        "после 15 марта",
        "не ранее 15 марта",
        "10 ноября X 1 года",
        "15.03.2026, кроме выходных",
        "обновление по мере поступления информации",
    ] {
        let e = refused(p);
        assert!(!e.message(Lang::Ru).is_empty(), "{p}");
    }
    let e = refused("после 15 марта");
    assert_eq!(e.reason(), &ErrorKind::UnknownWord("после".into()));
    assert!(
        e.message(Lang::Ru)
            .contains("понято: «15 марта» — дата 15.03.2026"),
        "{}",
        e.message(Lang::Ru)
    );
}

// ---- day spans ----

#[test]
fn day_spans_in_every_spelling() {
    use Kind::DayRange;
    for (p, plan, start, end) in [
        ("с 3 по 7 марта 2026 г.", Y2026, "2026-03-03", "2026-03-07"),
        ("с 3 по 7 марта", AY2026, "2027-03-03", "2027-03-07"),
        (
            "в период с 12 по 16 октября",
            Y2026,
            "2026-10-12",
            "2026-10-16",
        ),
        (
            "в период с 12 по 16 октября",
            AY2026,
            "2026-10-12",
            "2026-10-16",
        ),
        ("с 3 марта по 4 апреля", Y2026, "2026-03-03", "2026-04-04"),
        ("12–16.10.2026", Y2026, "2026-10-12", "2026-10-16"),
        ("12.– 16.10.26", Y2026, "2026-10-12", "2026-10-16"),
        ("12.10 – 16.10.2026", Y2026, "2026-10-12", "2026-10-16"),
        ("12.10 – 16.10", AY2026, "2026-10-12", "2026-10-16"),
        ("15 по 26 сентября", Y2026, "2026-09-15", "2026-09-26"),
        (
            "с 15 июня 2026 года по январь 2027 года",
            Y2026,
            "2026-06-15",
            "2027-01-31",
        ),
        (
            "С 02.11. по 08.11. 2026 года",
            Y2026,
            "2026-11-02",
            "2026-11-08",
        ),
        (
            "1 сентября (вт.) — 27 октября (вт.)",
            AY2026,
            "2026-09-01",
            "2026-10-27",
        ),
        (
            "с 20 декабря по 10 января",
            Y2026,
            "2026-12-20",
            "2027-01-10",
        ),
        (
            "с 20 декабря по 10 января",
            AY2026,
            "2026-12-20",
            "2027-01-10",
        ),
        ("с 1 марта по 15 апреля", AY2026, "2027-03-01", "2027-04-15"),
    ] {
        ok(p, plan, DayRange, start, end, Some(end));
    }
    // a range that ends before it starts is refused, not turned round
    let e = refused("С 28.12.2026 по 10.01.2026 года");
    assert!(matches!(e.reason(), ErrorKind::Reversed(_)), "{e:?}");
    // a start with no end is refused
    let e = refused("С 5 апреля 2026 года");
    assert!(matches!(e.reason(), ErrorKind::OpenEnded(_)), "{e:?}");
    assert!(
        e.message(Lang::Ru).contains("С 5 апреля 2026"),
        "{}",
        e.message(Lang::Ru)
    );
}

// ---- yearly and relative deadlines ----

#[test]
fn yearly_and_relative() {
    use Kind::{Date, Month, Quarter, Recurring, Year};
    ok(
        "ежегодно",
        Y2026,
        Year,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    let y = ok(
        "ежегодно до 1 марта",
        Y2026,
        Date,
        "2026-01-01",
        "2026-03-01",
        Some("2026-03-01"),
    );
    assert_eq!(y.qualifier.as_deref(), Some("ежегодно"));
    ok(
        "ежегодно до 1 марта",
        AY2026,
        Date,
        "2026-09-01",
        "2027-03-01",
        Some("2027-03-01"),
    );
    ok(
        "Ежегодно, до 20 апреля текущего года",
        Y2026,
        Date,
        "2026-01-01",
        "2026-04-20",
        Some("2026-04-20"),
    );
    ok(
        "до 1 февраля следующего года",
        Y2026,
        Date,
        "2026-01-01",
        "2027-02-01",
        Some("2027-02-01"),
    );
    ok(
        "в декабре текущего года",
        AY2026,
        Month,
        "2026-12-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    // monthly reports due in the following month
    let m = ok(
        "ежемесячно до 10 числа месяца, следующего за отчётным",
        Y2026,
        Recurring,
        "2026-01-01",
        "2027-01-10",
        Some("2027-01-10"),
    );
    assert_eq!(m.occurrences.len(), 12);
    assert_eq!(
        (
            m.occurrences[0].start,
            m.occurrences[0].end,
            m.occurrences[0].due
        ),
        (d("2026-01-01"), d("2026-01-31"), d("2026-02-10"))
    );
    let p = ok(
        "Ежемесячно до 15 числа месяца, следующего за отчетным периодом",
        AY2026,
        Recurring,
        "2026-09-01",
        "2027-09-15",
        Some("2027-09-15"),
    );
    assert_eq!(p.occurrences[0].due, d("2026-10-15"));
    let q = ok(
        "ежеквартально до 5 числа месяца, следующего за отчётным кварталом",
        Y2026,
        Recurring,
        "2026-01-01",
        "2027-01-05",
        Some("2027-01-05"),
    );
    let dues: Vec<_> = q.occurrences.iter().map(|o| o.due).collect();
    assert_eq!(
        dues,
        vec![
            d("2026-04-05"),
            d("2026-07-05"),
            d("2026-10-05"),
            d("2027-01-05")
        ]
    );
    ok(
        "ежеквартально (до 10 числа месяца, следующего за отчетным кварталом)",
        Y2026,
        Recurring,
        "2026-01-01",
        "2027-01-10",
        Some("2027-01-10"),
    );
    ok(
        "ежегодно до 15 января года, следующего за отчётным годом",
        Y2026,
        Date,
        "2026-01-01",
        "2027-01-15",
        Some("2027-01-15"),
    );
    // counts in words, «но не реже»
    let n = |p: &str, plan| Deadline::parse(p, plan).map_or(0, |d| d.occurrences.len());
    assert_eq!(n("не реже одного раза в квартал", Y2026), 4);
    assert_eq!(n("два раза в год", Y2026), 2);
    assert_eq!(
        n("по мере необходимости, но не реже 1 раза в квартал", Y2026),
        4
    );
    // «по итогам года» beside a month keeps the month
    let r = ok(
        "Декабрь 2026 (по итогам года)",
        Y2026,
        Month,
        "2026-12-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    assert_eq!(r.qualifier.as_deref(), Some("по итогам года"));
    // working days from the date before them (15.03.2026 is a Sunday)
    ok(
        "15.03.2026, в течение 10 рабочих дней",
        Y2026,
        Kind::DayRange,
        "2026-03-15",
        "2026-03-27",
        Some("2026-03-27"),
    );
    // which month of the quarter? refused rather than guessed
    let e = refused("ежеквартально до 5 числа");
    assert!(matches!(e.reason(), ErrorKind::Ambiguous(_)), "{e:?}");
    // after each period
    assert_eq!(n("по итогам квартала", Y2026), 4);
    assert_eq!(n("по итогам полугодия", Y2026), 2);
    assert_eq!(n("по итогам месяца", Y2026), 12);
    ok(
        "по итогам года",
        Y2026,
        Year,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "по итогам I квартала",
        Y2026,
        Quarter,
        "2026-01-01",
        "2026-03-31",
        Some("2026-03-31"),
    );
    ok(
        "по итогам учебного года",
        AY2026,
        Kind::AcademicYear,
        "2026-09-01",
        "2027-05-31",
        Some("2027-05-31"),
    );
    ok(
        "до конца года",
        Y2026,
        Year,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "до конца I квартала",
        Y2026,
        Date,
        "2026-01-01",
        "2026-03-31",
        Some("2026-03-31"),
    );
    // «в конце месяца»: every month, its last days
    let e = ok(
        "в конце месяца",
        Y2026,
        Recurring,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    assert_eq!(e.occurrences.len(), 12);
    assert_eq!(
        (e.occurrences[1].start, e.occurrences[1].due),
        (d("2026-02-21"), d("2026-02-28"))
    );
    assert_eq!(n("в начале каждого месяца", Y2026), 12);
    assert_eq!(n("ежемесячно, в конце месяца", Y2026), 12);
    assert_eq!(n("в конце квартала", Y2026), 4);
    ok(
        "в конце года",
        Y2026,
        Month,
        "2026-12-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "в конце года",
        AY2026,
        Month,
        "2026-12-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "в конце учебного года",
        AY2026,
        Month,
        "2027-05-01",
        "2027-05-31",
        Some("2027-05-31"),
    );
    // a length with nothing to count from is refused
    for p in [
        "в течение месяца",
        "в течение недели",
        "в течение 10 дней",
        "до конца месяца",
    ] {
        let e = refused(p);
        assert!(
            matches!(
                e.reason(),
                ErrorKind::Unanchored(_) | ErrorKind::UnknownWord(_)
            ),
            "{p}: {e:?}"
        );
    }
    // … and counted from the date before it
    ok(
        "01.03.2026 в течение недели",
        Y2026,
        Kind::DayRange,
        "2026-03-01",
        "2026-03-07",
        Some("2026-03-07"),
    );
    ok(
        "01.03.2026 в течение дня",
        Y2026,
        Date,
        "2026-03-01",
        "2026-03-01",
        Some("2026-03-01"),
    );
}

// ---- weekdays ----

#[test]
fn weekdays() {
    use Kind::Recurring;
    let wed = ok(
        "каждую среду",
        Y2026,
        Recurring,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-30"),
    );
    assert_eq!(wed.occurrences.len(), 52);
    assert!(wed.occurrences.iter().all(|o| o.start == o.end
        && o.due == o.start
        && o.start.weekday() == chrono::Weekday::Wed));
    let n = |p: &str, plan| Deadline::parse(p, plan).map_or(0, |d| d.occurrences.len());
    assert_eq!(n("по пятницам", Y2026), 52);
    assert_eq!(n("еженедельно по вторникам", Y2026), 52);
    assert_eq!(n("еженедельно (по понедельникам)", Y2026), 52);
    assert_eq!(n("каждый вторник и четверг", Y2026), 105);
    assert_eq!(n("по средам и пятницам", AY2026), 104);
    assert_eq!(n("Каждый понедельник", AY2026), 52);
    // within a window
    let s = ok(
        "по пятницам, сентябрь – октябрь",
        Y2026,
        Recurring,
        "2026-09-01",
        "2026-10-31",
        Some("2026-10-30"),
    );
    assert_eq!(s.occurrences.len(), 9);
    // with a time
    let t = Deadline::parse("каждую среду в 15.00", Y2026).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        t.occurrences
            .iter()
            .all(|o| o.time.map(|t| t.start) == Some(hm("15:00")))
    );
    // a day of the week with no date is refused
    let e = refused("в среду");
    assert!(matches!(e.reason(), ErrorKind::Unanchored(_)), "{e:?}");
}

// ---- parts of a month ----

#[test]
fn parts_of_a_month() {
    use Kind::{DayRange, HalfYear, Month};
    for (p, plan, start, end) in [
        ("первая декада октября", Y2026, "2026-10-01", "2026-10-10"),
        (
            "в первой декаде октября",
            AY2026,
            "2026-10-01",
            "2026-10-10",
        ),
        ("2 декада марта", AY2026, "2027-03-11", "2027-03-20"),
        ("третья декада февраля", Y2026, "2026-02-21", "2026-02-28"),
        ("в начале сентября", Y2026, "2026-09-01", "2026-09-10"),
        ("в середине сентября", Y2026, "2026-09-11", "2026-09-20"),
        ("в конце сентября", Y2026, "2026-09-21", "2026-09-30"),
        ("конец ноября", AY2026, "2026-11-21", "2026-11-30"),
        (
            "конец ноября – начало декабря",
            Y2026,
            "2026-11-21",
            "2026-12-10",
        ),
        ("вторая половина октября", Y2026, "2026-10-16", "2026-10-31"),
        ("2-я половина сентября", Y2026, "2026-09-16", "2026-09-30"),
        ("последняя неделя мая", Y2026, "2026-05-25", "2026-05-31"),
        ("4 неделя сентябрь", Y2026, "2026-09-22", "2026-09-28"),
        ("3, 4 неделя октября", Y2026, "2026-10-15", "2026-10-28"),
        ("1-я неделя апреля", AY2026, "2027-04-01", "2027-04-07"),
    ] {
        ok(p, plan, DayRange, start, end, Some(end));
    }
    ok(
        "в начале учебного года",
        AY2026,
        Month,
        "2026-09-01",
        "2026-09-30",
        Some("2026-09-30"),
    );
    ok(
        "первая половина года",
        Y2026,
        HalfYear,
        "2026-01-01",
        "2026-06-30",
        Some("2026-06-30"),
    );
    ok(
        "в конце I квартала",
        Y2026,
        Month,
        "2026-03-01",
        "2026-03-31",
        Some("2026-03-31"),
    );
}

// ---- commas, years and words between the parts ----

#[test]
fn years_written_apart() {
    use Kind::{Month, MonthRange, Several};
    ok(
        "март-май, 2026 года",
        Y2026,
        MonthRange,
        "2026-03-01",
        "2026-05-31",
        Some("2026-05-31"),
    );
    ok(
        "октябрь, 2026 г.",
        Y2026,
        Month,
        "2026-10-01",
        "2026-10-31",
        Some("2026-10-31"),
    );
    ok(
        "октябрь, 2027 г.",
        Y2026,
        Month,
        "2027-10-01",
        "2027-10-31",
        Some("2027-10-31"),
    );
    ok(
        "сентябрь-декабрь, 2026 года",
        AY2026,
        MonthRange,
        "2026-09-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "ноябрь – январь, 2027 г.",
        Y2026,
        MonthRange,
        "2026-11-01",
        "2027-01-31",
        Some("2027-01-31"),
    );
    ok(
        "2026 г.: март, июнь",
        Y2026,
        Several,
        "2026-03-01",
        "2026-06-30",
        Some("2026-06-30"),
    );
    ok(
        "в теч-е года",
        Y2026,
        Kind::Year,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "Апрельмай",
        Y2026,
        MonthRange,
        "2026-04-01",
        "2026-05-31",
        Some("2026-05-31"),
    );
    ok(
        "1.09.2026г., вторник",
        AY2026,
        Kind::Date,
        "2026-09-01",
        "2026-09-01",
        Some("2026-09-01"),
    );
}

// ---- mixed lists ----

#[test]
fn mixed_lists() {
    use Kind::{AcademicYear, Several, Year};
    let y = ok(
        "сентябрь, в течение года",
        AY2026,
        Year,
        "2026-09-01",
        "2027-08-31",
        Some("2027-08-31"),
    );
    assert_eq!(y.occurrences.len(), 1);
    assert_eq!(
        y.milestones
            .iter()
            .map(|o| (o.start, o.end))
            .collect::<Vec<_>>(),
        vec![(d("2026-09-01"), d("2026-09-30"))]
    );
    let a = ok(
        "в течение учебного года, сентябрь, январь",
        AY2026,
        AcademicYear,
        "2026-09-01",
        "2027-05-31",
        Some("2027-05-31"),
    );
    assert_eq!(a.milestones.len(), 2);
    assert_eq!(a.milestones[1].start, d("2027-01-01"));
    // dates with and without years
    ok(
        "15.12, 20.01.2027",
        AY2026,
        Several,
        "2026-12-15",
        "2027-01-20",
        Some("2027-01-20"),
    );
    ok(
        "ноябрь, декабрь 2025",
        Y2026,
        Several,
        "2025-11-01",
        "2025-12-31",
        Some("2025-12-31"),
    );
    ok(
        "сентябрь, декабрь 2026, март 2027",
        AY2026,
        Several,
        "2026-09-01",
        "2027-03-31",
        Some("2027-03-31"),
    );
    let l = ok(
        "1, 8, 15 октября",
        Y2026,
        Several,
        "2026-10-01",
        "2026-10-15",
        Some("2026-10-15"),
    );
    assert_eq!(l.occurrences.len(), 3);
    ok(
        "1, 8, 15.10.2026",
        Y2026,
        Several,
        "2026-10-01",
        "2026-10-15",
        Some("2026-10-15"),
    );
    ok(
        "3 и 17 октября",
        AY2026,
        Several,
        "2026-10-03",
        "2026-10-17",
        Some("2026-10-17"),
    );
    // a year is taken only from a neighbour of the same sort (a day from a day, a month from a
    // month)
    ok(
        "апрель, 01.09.2026",
        AY2026,
        Several,
        "2026-09-01",
        "2027-04-30",
        Some("2027-04-30"),
    );
    // a qualifier's words end where a term starts
    let q = ok(
        "по плану РМЦ конец октября",
        Y2026,
        Kind::DayRange,
        "2026-10-21",
        "2026-10-31",
        Some("2026-10-31"),
    );
    assert_eq!(q.qualifier.as_deref(), Some("по плану рмц"));
    // a stray «г.» whose year was lost says nothing
    ok(
        "май г.",
        Y2026,
        Kind::Month,
        "2026-05-01",
        "2026-05-31",
        Some("2026-05-31"),
    );
    // «ежегодно» beside a schedule stays in the qualifier
    let e = ok(
        "ежегодно, по плану РМЦ",
        Y2026,
        Kind::External,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    assert_eq!(e.qualifier.as_deref(), Some("по плану рмц, ежегодно"));
    // a frequency is not swallowed by a qualifier's words
    let q = ok(
        "по мере необходимости ежемесячно",
        Y2026,
        Kind::Recurring,
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    assert_eq!(q.qualifier.as_deref(), Some("по мере необходимости"));
}

// ---- academic-year plans: the half-years of a school year ----

#[test]
fn academic_half_years() {
    use Kind::HalfYear;
    ok(
        "I полугодие",
        AY2026,
        HalfYear,
        "2026-09-01",
        "2026-12-31",
        Some("2026-12-31"),
    );
    ok(
        "II полугодие",
        AY2026,
        HalfYear,
        "2027-01-01",
        "2027-05-31",
        Some("2027-05-31"),
    );
    // a year written means the calendar half
    ok(
        "I полугодие 2027 г.",
        AY2026,
        HalfYear,
        "2027-01-01",
        "2027-06-30",
        Some("2027-06-30"),
    );
}

// ---- nothing is skipped: no unknown word widens a window ----

#[test]
fn no_word_is_skipped() {
    for p in [
        "в течение месяца",
        "в течение",
        "до конца",
        "2 раза в",
        "летние",
        "в период летних",
        "по итогам",
        "в течение смены",
        "весь месяц",
        "летний лагерь",
        "ежемесячно по вторникам",
        "раз",
        "20 раз",
        "года",
        // beside a date, words kept as a place must include a word of their own
        "15.03.2026 15 15 20",
        "31.05.2027 с",
        "III 15.03.2026",
        "по графику апрель в",
        "20 уч. 2026 октябрь",
        // a frequency does not hide in a place
        "к 1 сентября, по 2 раза в год",
    ] {
        if let Ok(d) = Deadline::parse(p, Y2026) {
            panic!(
                "{p:?} should be refused, got {:?} {}–{}",
                d.kind, d.start, d.end
            );
        }
    }
}

// ---- hardening: sane windows, capped occurrences, linear work ----

#[test]
fn windows_are_clamped_and_occurrences_capped() {
    let d = Deadline::parse("с 01.01.0001 по 31.12.9000, 7 раз в неделю", Y2026)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(d.clamped);
    assert_eq!(
        (d.start, d.end),
        (self::d("2025-01-01"), self::d("2027-12-31"))
    );
    assert!(d.occurrences.len() <= MAX_OCCURRENCES);
    let w = Deadline::parse("с 01.01.0001 по 31.12.9000", AY2026).unwrap_or_else(|e| panic!("{e}"));
    assert!(w.clamped);
    assert_eq!(
        (w.start, w.end),
        (self::d("2025-09-01"), self::d("2028-08-31"))
    );
    // a window within the span, or a short one outside it, is left alone
    for p in [
        "в феврале 2028 г.",
        "Сентябрь 2026 – май 2027",
        "15.03.2040",
    ] {
        let d = Deadline::parse(p, Y2026).unwrap_or_else(|e| panic!("{e}"));
        assert!(!d.clamped, "{p}");
    }
    // a long window far outside is cut to the span's length
    let far = Deadline::parse("с 01.01.3000 по 31.12.3100 ежемесячно", Y2026)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(far.clamped);
    assert!(far.occurrences.len() <= 37, "{}", far.occurrences.len());
    // a list of dates far apart keeps only what lies in the span
    let list = Deadline::parse("15.03.2026, 15.03.2040", Y2026).unwrap_or_else(|e| panic!("{e}"));
    assert!(list.clamped);
    assert_eq!(list.occurrences.len(), 1);
    // dates far apart on both sides of the span: not emptied, and a month takes no year from them
    let far = Deadline::parse("31.12.9000, 01.01.0001", Y2026).unwrap_or_else(|e| panic!("{e}"));
    assert!(!far.occurrences.is_empty() && far.due.is_some());
    for p in ["01.01.0001 май", "31.12.9000 май сентябрь"] {
        let d = Deadline::parse(p, Y2026).unwrap_or_else(|e| panic!("{e}"));
        let again = Deadline::parse(&d.canonical(), Y2026)
            .unwrap_or_else(|e| panic!("{p} → {}: {e}", d.canonical()));
        assert_eq!(
            (again.start, again.end, again.due),
            (d.start, d.end, d.due),
            "{p}"
        );
    }
    // thousands of dates: at most MAX_OCCURRENCES occurrences
    let many: Vec<String> = (0..3000)
        .map(|k| {
            format!(
                "{:02}.{:02}.{}",
                k % 28 + 1,
                k / 28 % 12 + 1,
                2100 + k / 336
            )
        })
        .collect();
    let d = Deadline::parse(&many.join(", "), Y2026).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.occurrences.len(), MAX_OCCURRENCES);
    assert!(d.clamped);
}

/// The work of reading `n` distinct dates (parser steps and comparisons in the combining step).
fn work_for(n: usize) -> u64 {
    let phrase: Vec<String> = (0..n)
        .map(|k| {
            format!(
                "{:02}.{:02}.{}",
                k % 28 + 1,
                k / 28 % 12 + 1,
                2026 + k / 336
            )
        })
        .collect();
    let phrase = phrase.join(", ");
    let before = work();
    let _ = Deadline::parse(&phrase, Y2026);
    work() - before
}

#[test]
fn many_dates_take_n_log_n_work() {
    let (a, b) = (work_for(4000), work_for(16_000));
    // n log n grows by a little over 4 when n grows by 4; n² would grow by 16
    assert!(b < a * 5, "work {a} for 4000 dates, {b} for 16000");
    assert!(b < 16_000 * 40, "work {b} for 16000 dates");
}

#[test]
fn long_phrases_do_not_recurse() {
    // «в в в …» and «в течение в течение …» are read in a loop, not by recursion
    let p = "в ".repeat(20_000) + "сентябре";
    assert!(Deadline::parse(&p, Y2026).is_ok());
    let q = "в течение года ".repeat(5_000);
    assert!(Deadline::parse(&q, Y2026).is_ok());
    let r = "ДК ".repeat(10_000) + "15.03.2026";
    assert!(Deadline::parse(&r, Y2026).is_err());
}

#[test]
fn refusals_say_what_is_understood() {
    let e = refused("10 ноября X 1 года");
    assert_eq!(e.understood().len(), 1);
    assert!(
        e.message(Lang::Ru)
            .ends_with("понято: «10 ноября» — дата 10.11.2026"),
        "{}",
        e.message(Lang::Ru)
    );
    assert!(
        e.message(Lang::En)
            .contains("understood: «10 ноября» — date 2026-11-10"),
        "{}",
        e.message(Lang::En)
    );
    // Russian messages are Russian
    for p in [
        "10 ноября X 1 года",
        "14.00 – 15.30",
        "в течение месяца",
        "1 (суббота)",
        "ежеквартально до 5 числа",
        "С 5 апреля 2026 года",
    ] {
        let m = refused(p).message(Lang::Ru);
        let p = p.to_lowercase();
        assert!(
            !m.chars().any(|c| c.is_ascii_alphabetic() && !p.contains(c)),
            "{p}: {m}"
        );
    }
    let e = refused("1 (суббота)");
    assert_eq!(e.reason(), &ErrorKind::DayWithoutMonth(1));
}

// ---- real phrases from public plans ----

/// Every row of `real_phrases.tsv`: the phrase is read as a careful methodist reads it, or (a
/// phrase with no date) refused with a message that says what was understood.
#[test]
fn real_phrases() {
    let table = include_str!("real_phrases.tsv");
    let mut rows = 0;
    let mut failures = Vec::new();
    for line in table.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [phrase, year, kind, start, end, due, message, source] = cols[..] else {
            panic!(
                "a row of real_phrases.tsv has {} columns: {line:?}",
                cols.len()
            );
        };
        assert!(source.starts_with("http"), "{phrase}: no source");
        let plan = PlanYear::parse(year).unwrap_or_else(|| panic!("{phrase}: plan year {year}"));
        rows += 1;
        let got = Deadline::parse(phrase, plan);
        match (kind, got) {
            ("refused", Err(e)) => {
                let m = e.message(Lang::Ru);
                if !m.contains(message) || (!e.understood().is_empty() && !m.contains("понято: «"))
                {
                    failures.push(format!("{phrase:?}: message {m:?}, expected {message:?}"));
                }
            }
            ("refused", Ok(d)) => {
                failures.push(format!("{phrase:?}: expected a refusal, got {d:?}"));
            }
            (_, Err(e)) => failures.push(format!("{phrase:?} ({year}): refused: {e}")),
            (_, Ok(d)) => {
                let due_got = d.due.map_or_else(|| "-".to_owned(), |x| x.to_string());
                let got = (d.kind.id(), d.start.to_string(), d.end.to_string(), due_got);
                let want = (kind, start.to_owned(), end.to_owned(), due.to_owned());
                if got != want {
                    failures.push(format!(
                        "{phrase:?} ({year}): got {got:?}, expected {want:?}"
                    ));
                }
            }
        }
    }
    assert!(rows >= 150, "only {rows} real phrases");
    assert!(
        failures.is_empty(),
        "{} of {rows} real phrases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every example in the table of docs/format.md («Сроки») is understood.
#[test]
fn examples_in_the_docs() {
    let doc = include_str!("../../docs/format.md");
    let start = doc.find("## Сроки").unwrap_or_default();
    let end = start + doc[start..].find("\n## ").unwrap_or(doc.len() - start);
    let mut n = 0;
    for row in doc[start..end]
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| вид"))
    {
        let examples = row.split('|').nth(2).unwrap_or_default();
        for (k, part) in examples.split('`').enumerate() {
            if k % 2 == 1 {
                n += 1;
                for plan in [Y2026, AY2026] {
                    if let Err(e) = Deadline::parse(part, plan) {
                        panic!("{part:?} ({plan}) from docs/format.md: {e}");
                    }
                }
            }
        }
    }
    assert!(n > 80, "{n} examples");
    for p in EXAMPLES {
        assert!(Deadline::parse(p, Y2026).is_ok(), "{p}");
    }
}

// ---- the school year, periods, events and schedules named in words ----

/// The kind, window, due date and periods of a phrase.
#[track_caller]
pub(super) fn reads(
    phrase: &str,
    plan: PlanYear,
    kind: Kind,
    window: (&str, &str),
    due: Option<&str>,
    periods: &[(&str, &str)],
) {
    let dl =
        Deadline::parse(phrase, plan).unwrap_or_else(|e| panic!("{phrase:?} not understood: {e}"));
    assert_eq!(dl.kind, kind, "kind of {phrase:?}");
    assert_eq!((dl.start, dl.end), (d(window.0), d(window.1)), "{phrase:?}");
    assert_eq!(dl.due, due.map(d), "due of {phrase:?}");
    let got: Vec<(NaiveDate, NaiveDate)> =
        dl.occurrences.iter().map(|o| (o.start, o.end)).collect();
    let want: Vec<(NaiveDate, NaiveDate)> = periods.iter().map(|(a, b)| (d(a), d(b))).collect();
    assert_eq!(got, want, "periods of {phrase:?}");
}

#[test]
fn by_the_start_of_the_school_year() {
    for (p, plan) in [
        ("к началу учебного года", Y2026),
        ("к началу нового учебного года", AY2026),
    ] {
        let dl = Deadline::parse(p, plan).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        assert_eq!(
            (dl.kind, dl.due),
            (Kind::Date, Some(d("2026-09-01"))),
            "{p:?}"
        );
    }
}

#[test]
fn a_calendar_plan_holds_the_end_of_one_school_year_and_the_start_of_the_next() {
    use Kind::{Date, HalfYear, Month, Several};
    let may = ("2026-05-01", "2026-05-31");
    reads(
        "в конце учебного года",
        Y2026,
        Month,
        may,
        Some("2026-05-31"),
        &[may],
    );
    let sep = ("2026-09-01", "2026-09-30");
    reads(
        "в начале учебного года",
        Y2026,
        Month,
        sep,
        Some("2026-09-30"),
        &[sep],
    );
    for p in [
        "до конца учебного года",
        "по итогам учебного года",
        "по окончании учебного года",
    ] {
        let w = ("2026-01-01", "2026-05-31");
        reads(p, Y2026, Date, w, Some("2026-05-31"), &[w]);
    }
    let h1 = ("2026-09-01", "2026-12-31");
    reads(
        "первое полугодие учебного года",
        Y2026,
        HalfYear,
        h1,
        Some("2026-12-31"),
        &[h1],
    );
    let h2 = ("2026-01-01", "2026-05-31");
    reads(
        "II полугодие учебного года",
        Y2026,
        HalfYear,
        h2,
        Some("2026-05-31"),
        &[h2],
    );
    let h2 = ("2027-01-01", "2027-05-31");
    reads(
        "II полугодие учебного года",
        AY2026,
        HalfYear,
        h2,
        Some("2027-05-31"),
        &[h2],
    );
    // two parts of one period
    reads(
        "начало и конец учебного года",
        AY2026,
        Several,
        ("2026-09-01", "2027-05-31"),
        Some("2027-05-31"),
        &[("2026-09-01", "2026-09-30"), ("2027-05-01", "2027-05-31")],
    );
    reads(
        "в начале и в конце учебного года",
        Y2026,
        Several,
        ("2026-05-01", "2026-09-30"),
        Some("2026-09-30"),
        &[may, sep],
    );
}

#[test]
fn period_by_period() {
    for (p, n) in [
        ("по кварталам", 4),
        ("по полугодиям", 2),
        ("по месяцам", 12),
        ("в течение каждого месяца", 12),
        ("в течение каждого квартала", 4),
        ("1 раз в 3 месяца", 4),
        ("не реже одного раза в 6 месяцев", 2),
    ] {
        let dl = Deadline::parse(p, Y2026).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        assert_eq!(dl.kind, Kind::Recurring, "{p:?}");
        assert_eq!(dl.occurrences.len(), n, "{p:?}");
    }
    // two months are no period of a plan's
    assert!(Deadline::parse("1 раз в 2 месяца", Y2026).is_err());
    let dl = Deadline::parse("в III-IV кварталах", Y2026).ok();
    assert_eq!(
        dl.map(|x| (x.start, x.end)),
        Some((d("2026-07-01"), d("2026-12-31")))
    );
}

#[test]
fn an_event_not_dated_is_on_demand() {
    for p in [
        "в течение 10 дней после проведения",
        "в течение месяца после поступления",
        "в день проведения",
        "в период проведения мероприятия",
        "в течение 3 рабочих дней с момента получения",
        "в течение месяца со дня получения",
        "не позднее 5 рабочих дней после проведения",
        "за 10 дней до начала",
        "за 10 дней до проведения мероприятия",
        "в течение 3-х дней после проведения",
        "после проведения мероприятия",
        "по окончании мероприятия",
        "по итогам олимпиады",
        "в течение месяца после утверждения плана",
        "в период приемной кампании",
    ] {
        let dl = Deadline::parse(p, Y2026).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        assert_eq!(dl.kind, Kind::OnDemand, "{p:?}");
        assert_eq!(dl.due, None, "{p:?}");
    }
}

#[test]
fn the_frequency_may_follow_the_day() {
    let a = Deadline::parse("до 25 числа ежемесячно", Y2026).ok();
    let b = Deadline::parse("ежемесячно до 25 числа", Y2026).ok();
    assert!(a.is_some());
    assert_eq!(
        a.map(|x| (x.kind, x.occurrences)),
        b.map(|x| (x.kind, x.occurrences))
    );
    let a = Deadline::parse(
        "до 10 числа месяца, следующего за отчетным кварталом, ежеквартально",
        Y2026,
    )
    .ok();
    let b = Deadline::parse(
        "ежеквартально до 10 числа месяца, следующего за отчетным кварталом",
        Y2026,
    )
    .ok();
    assert!(a.is_some());
    assert_eq!(a.map(|x| x.occurrences), b.map(|x| x.occurrences));
    // a quarter's «5th» is no clearer written first
    assert!(Deadline::parse("до 5 числа ежеквартально", Y2026).is_err());
}

#[test]
fn dates_set_elsewhere_are_external() {
    for p in [
        "в сроки, установленные Минпросвещения России",
        "в установленные сроки",
        "в сроки, определенные приказом",
        "Сроки проведения определяет управление образования",
        "сроки определяет РМЦ",
        "срок устанавливается приказом",
    ] {
        let dl = Deadline::parse(p, Y2026).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        assert_eq!(dl.kind, Kind::External, "{p:?}");
    }
    // «срок» before a date is only a label
    let dl = Deadline::parse("Срок: до 1 марта", Y2026).ok();
    assert_eq!(dl.map(|x| x.due), Some(Some(d("2026-03-01"))));
}

#[test]
fn a_day_of_every_month_or_quarter() {
    let dues = |p: &str| -> Vec<NaiveDate> {
        let dl = Deadline::parse(p, Y2026).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        assert_eq!(dl.kind, Kind::Recurring, "{p:?}");
        crate::fuzzing::deadline(p.as_bytes());
        dl.occurrences.iter().map(|o| o.due).collect()
    };
    let months = |day: u32| -> Vec<NaiveDate> { (1..=12).map(|m| ymd(2026, m, day)).collect() };
    assert_eq!(dues("на 1 число каждого месяца"), months(1));
    assert_eq!(dues("5 числа каждого месяца"), months(5));
    assert_eq!(dues("с 1 по 10 число каждого месяца"), months(10));
    assert_eq!(
        dues("до 20 числа последнего месяца квартала"),
        [3, 6, 9, 12].map(|m| ymd(2026, m, 20))
    );
    assert_eq!(
        dues("до 25 числа последнего месяца полугодия"),
        [6, 12].map(|m| ymd(2026, m, 25))
    );
    // a day with no month named is still refused
    assert!(Deadline::parse("1 число", Y2026).is_err());
    assert!(Deadline::parse("с 1 по 10 число", Y2026).is_err());
}

#[test]
fn school_quarters() {
    use Kind::{Month, MonthRange, Recurring};
    for (p, plan, start, end) in [
        ("I четверть", AY2026, "2026-09-01", "2026-10-31"),
        (
            "II четверть 2026-2027 уч.г.",
            Y2026,
            "2026-11-01",
            "2026-12-31",
        ),
        ("III четверть", AY2026, "2027-01-01", "2027-03-31"),
        // a calendar plan's third and fourth are those of the school year that ends in it
        ("III четверть", Y2026, "2026-01-01", "2026-03-31"),
        ("4 четверть", Y2026, "2026-04-01", "2026-05-31"),
        (
            "в течение первой четверти",
            AY2026,
            "2026-09-01",
            "2026-10-31",
        ),
        ("по итогам I четверти", Y2026, "2026-09-01", "2026-10-31"),
        ("I-II четверть", AY2026, "2026-09-01", "2026-12-31"),
        ("III-IV четверти", AY2026, "2027-01-01", "2027-05-31"),
        ("3-4 четверть", Y2026, "2026-01-01", "2026-05-31"),
    ] {
        reads(
            p,
            plan,
            MonthRange,
            (start, end),
            Some(end),
            &[(start, end)],
        );
    }
    let oct = ("2026-10-01", "2026-10-31");
    reads(
        "в конце I четверти",
        Y2026,
        Month,
        oct,
        Some("2026-10-31"),
        &[oct],
    );
    // quarter by quarter, in the order of the plan's year
    let quarters = [
        ("2026-09-01", "2026-10-31"),
        ("2026-11-01", "2026-12-31"),
        ("2027-01-01", "2027-03-31"),
        ("2027-04-01", "2027-05-31"),
    ];
    for p in [
        "по итогам четверти",
        "1 раз в четверть",
        "каждую четверть",
        "ежечетвертно",
        "по окончании четверти",
    ] {
        reads(
            p,
            AY2026,
            Recurring,
            ("2026-09-01", "2027-08-31"),
            Some("2027-05-31"),
            &quarters,
        );
    }
    let dl = Deadline::parse("в конце каждой четверти", Y2026).ok();
    let ends: Vec<(NaiveDate, NaiveDate)> = dl
        .map(|x| x.occurrences.iter().map(|o| (o.start, o.end)).collect())
        .unwrap_or_default();
    let want: Vec<(NaiveDate, NaiveDate)> = [
        ("2026-03-01", "2026-03-31"),
        ("2026-05-01", "2026-05-31"),
        ("2026-10-01", "2026-10-31"),
        ("2026-12-01", "2026-12-31"),
    ]
    .iter()
    .map(|(a, b)| (d(a), d(b)))
    .collect();
    assert_eq!(ends, want);
}

#[test]
fn a_weekday_of_every_month() {
    for (p, first, last) in [
        ("первый понедельник месяца", "2026-01-05", "2026-12-07"),
        (
            "каждый первый понедельник месяца",
            "2026-01-05",
            "2026-12-07",
        ),
        ("последняя пятница месяца", "2026-01-30", "2026-12-25"),
        (
            "каждая последняя пятница каждого месяца",
            "2026-01-30",
            "2026-12-25",
        ),
        ("третья среда каждого месяца", "2026-01-21", "2026-12-16"),
    ] {
        let dl = Deadline::parse(p, Y2026).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        assert_eq!(dl.kind, Kind::Recurring, "{p:?}");
        assert_eq!(dl.occurrences.len(), 12, "{p:?}");
        let days: Vec<NaiveDate> = dl.occurrences.iter().map(|o| o.due).collect();
        assert_eq!(
            (days.first().copied(), days.last().copied()),
            (Some(d(first)), Some(d(last))),
            "{p:?}"
        );
        assert!(dl.occurrences.iter().all(|o| o.start == o.end), "{p:?}");
    }
    // a fifth Monday only in the months that have one
    let dl = Deadline::parse("пятый понедельник месяца", Y2026).ok();
    assert_eq!(dl.map(|x| x.occurrences.len()), Some(4));
}

#[test]
fn lists_of_quarters_and_weekdays_in_brackets() {
    let periods = |p: &str, plan: PlanYear| -> Vec<(NaiveDate, NaiveDate)> {
        let dl = Deadline::parse(p, plan).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        crate::fuzzing::deadline(p.as_bytes());
        dl.occurrences.iter().map(|o| (o.start, o.end)).collect()
    };
    let q = |y: i32, n: u32| (ymd(y, n * 3 - 2, 1), month_end(y, n * 3));
    assert_eq!(periods("I, II квартал", Y2026), [q(2026, 1), q(2026, 2)]);
    assert_eq!(periods("I и III квартал", Y2026), [q(2026, 1), q(2026, 3)]);
    assert_eq!(
        periods("1, 3 квартал 2026 г.", Y2026),
        [q(2026, 1), q(2026, 3)]
    );
    assert_eq!(
        periods("I, II, IV квартал", Y2026),
        [q(2026, 1), q(2026, 2), q(2026, 4)]
    );
    assert_eq!(
        periods("I, II полугодие", Y2026),
        [
            (d("2026-01-01"), d("2026-06-30")),
            (d("2026-07-01"), d("2026-12-31"))
        ]
    );
    // a year written is the whole list's
    assert_eq!(
        periods("I, II квартал 2027 г.", AY2026),
        [q(2027, 1), q(2027, 2)]
    );
    assert!(Deadline::parse("I, V квартал", Y2026).is_err());
    // dates of one month are still dates
    assert_eq!(periods("1, 8 октября", Y2026).len(), 2);

    let dues = |p: &str| -> Vec<NaiveDate> {
        let dl = Deadline::parse(p, Y2026).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        assert_eq!(dl.kind, Kind::Recurring, "{p:?}");
        crate::fuzzing::deadline(p.as_bytes());
        dl.occurrences.iter().map(|o| o.due).collect()
    };
    let mondays = dues("еженедельно (понедельник)");
    assert_eq!(mondays.len(), 52);
    assert!(mondays.iter().all(|x| x.weekday() == chrono::Weekday::Mon));
    assert_eq!(dues("1 раз в неделю (среда, пятница)").len(), 104);
    let fridays = dues("1 раз в месяц (последняя пятница)");
    assert_eq!(fridays.len(), 12);
    assert_eq!(fridays[0], d("2026-01-30"));
    assert_eq!(dues("ежемесячно (первый понедельник)")[1], d("2026-02-02"));

    // a part of each period, after the frequency
    let tenth: Vec<NaiveDate> = (1..=12).map(|m| ymd(2026, m, 10)).collect();
    assert_eq!(dues("ежемесячно, в первой декаде месяца"), tenth);
    assert_eq!(dues("ежемесячно (первая декада)"), tenth);
    assert_eq!(
        dues("ежемесячно (последняя неделя)"),
        dues("ежемесячно, в конце месяца")
            .iter()
            .map(|x| month_end(x.year(), x.month()))
            .collect::<Vec<_>>()
    );
    // after «в» the period is named
    assert!(Deadline::parse("ежемесячно, в первой декаде", Y2026).is_err());
}

#[test]
fn more_words_of_real_plans() {
    for (p, kind) in [
        ("согласно плану-графику", Kind::External),
        ("по плану-графику РМЦ", Kind::External),
        ("на постоянной основе", Kind::Year),
        ("по приглашению", Kind::OnDemand),
        ("в дни школьных каникул", Kind::External),
        ("1 полуг. 2026", Kind::HalfYear),
    ] {
        let dl = Deadline::parse(p, Y2026).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        assert_eq!(dl.kind, kind, "{p:?}");
        crate::fuzzing::deadline(p.as_bytes());
    }
    // «текущего года» is the plan's year wherever «года» is
    for (p, q) in [
        ("до конца текущего года", "до конца года"),
        ("в течение текущего года", "в течение года"),
    ] {
        for plan in [Y2026, AY2026] {
            let a = Deadline::parse(p, plan)
                .ok()
                .map(|x| (x.kind, x.start, x.end, x.due));
            let b = Deadline::parse(q, plan)
                .ok()
                .map(|x| (x.kind, x.start, x.end, x.due));
            assert!(a.is_some(), "{p:?}");
            assert_eq!(a, b, "{p:?}");
        }
    }
    // «в рамках …» names an event, but plain prose starts so too: not a deadline
    assert!(Deadline::parse("в рамках августовской конференции", Y2026).is_err());
}
