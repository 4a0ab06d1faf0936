//! `moc deadline`: what the grammar makes of each class of phrase.

use crate::Moc;

fn json(phrase: &str, year: &str) -> serde_json::Value {
    let out = Moc::in_temp()
        .args(["deadline", phrase, "--year", year, "--format", "json"])
        .run();
    assert_eq!(out.code, 0, "{out}");
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn acceptance_phrases() {
    let v = json("Апрель – май 2026г.", "2026");
    assert_eq!(v["start"], "2026-04-01");
    assert_eq!(v["end"], "2026-05-31");
    assert_eq!(v["due"], "2026-05-31");
    assert_eq!(v["kind"], "month_range");
    let v = json("Июнь (июль) 2026", "2026");
    assert_eq!(v["due"], "2026-07-31");
    assert_eq!(v["kind"], "alternative");
    let v = json("ежемесячно", "2026");
    assert_eq!(v["occurrences"].as_array().map(Vec::len), Some(12));
    assert_eq!(
        v["occurrences"][0],
        serde_json::json!({"start": "2026-01-01", "end": "2026-01-31", "due": "2026-01-31"})
    );
    let v = json("По запросу", "2026");
    assert!(v["due"].is_null());
    assert_eq!(v["kind"], "on_demand");
}

#[test]
fn json_fields() {
    let v = json("Июнь 2026 Март 2026г, Ноябрь 2026г.", "2026");
    insta::assert_json_snapshot!(v);
}

#[test]
fn table_for_each_class() {
    let mut all = String::new();
    for phrase in [
        "15.03.2026",
        "Сентябрь 2026г. По необходимости",
        "9 - 11 июня 2026 г.",
        "I полугодие 2026 г.",
        "В течение года, постоянно",
        "В течение учебного года",
        "2 раза в год",
        "ежемесячно до 5 числа",
        "Июнь (июль) 2026",
        "В течение года по графику КПК",
        "По мере поступления",
    ] {
        let out = Moc::in_temp()
            .args(["deadline", phrase, "--year", "2026"])
            .run();
        assert_eq!(out.code, 0, "{out}");
        all.push_str(&out.to_string());
        all.push_str("\n\n");
    }
    insta::assert_snapshot!(all);
}

#[test]
fn academic_year() {
    let v = json("сентябрь - май", "2026/2027");
    assert_eq!(
        (v["start"].as_str(), v["end"].as_str()),
        (Some("2026-09-01"), Some("2027-05-31"))
    );
}

#[test]
fn refused_phrase_exits_1_with_nearest_forms() {
    let out = Moc::in_temp()
        .args(["deadline", "Сентбрь 2026г.", "--year", "2026"])
        .run();
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(out);
    let out = Moc::in_temp()
        .args([
            "deadline",
            "когда-нибудь",
            "--year",
            "2026",
            "--format",
            "json",
        ])
        .run();
    assert_eq!(out.code, 1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        v["suggestions"].as_array().is_some_and(|s| s.len() >= 3),
        "{v}"
    );
}

/// A seed plan whose deadlines are written in words a methodist uses for the school's year —
/// a holiday, a named day, the end of the school year — is checked clean, and the work is due
/// and overdue when those days say.
#[test]
fn seasons_holidays_and_named_days_in_a_plan() {
    let plan = crate::read_repo("plans/mosalsk-2026.toml")
        .replacen(
            "deadline = \"Июнь 2026\"",
            "deadline = \"в период летних каникул\"",
            1,
        )
        .replacen(
            "deadline = \"сентябрь 2026г\"",
            "deadline = \"ко Дню учителя\"",
            1,
        )
        .replacen(
            "deadline = \"Декабрь 2026г\"",
            "deadline = \"в конце учебного года\"",
            1,
        );
    assert_eq!(plan.matches("ко Дню учителя").count(), 1);
    let (moc, _keep) = Moc::in_temp().file("plans/mosalsk-2026.toml", &plan).keep();
    let out = Moc::in_temp_at(moc.dir())
        .args(["check", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(out.code, 0, "{out}");
    assert!(!out.stderr.contains("deadline-format"), "{out}");
    let out = Moc::in_temp_at(moc.dir())
        .args(["overdue", "--as-of", "2026-10-06", "--format", "json"])
        .run();
    let v: serde_json::Value =
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out}"));
    let late = |number: &str| {
        v["overdue"]
            .as_array()
            .and_then(|a| a.iter().find(|r| r["number"] == number))
            .map(|r| (r["deadline"]["due"].clone(), r["days_late"].clone()))
    };
    // the summer holidays ended on 31 August, Teacher's Day was on 5 October, the school year
    // that ends inside a calendar plan ended in May
    assert_eq!(late("1.3"), Some(("2026-08-31".into(), 36.into())), "{out}");
    assert_eq!(late("1.4"), Some(("2026-10-05".into(), 1.into())), "{out}");
    let may = v["overdue"]
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|r| r["deadline"]["phrase"] == "в конце учебного года")
        })
        .map(|r| r["deadline"]["due"].clone());
    assert_eq!(may, Some("2026-05-31".into()), "{out}");
}
