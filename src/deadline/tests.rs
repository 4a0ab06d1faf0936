//! The grammar against every deadline phrase of both seed plans and many more of each class.

use super::*;

const Y2026: PlanYear = PlanYear::Calendar(2026);
const AY2026: PlanYear = PlanYear::Academic(2026);

fn d(s: &str) -> NaiveDate {
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
    assert_eq!(e.kind, ErrorKind::UnknownWord("сентбрь".into()));
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
