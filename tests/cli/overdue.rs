//! `moc overdue`: exactly the overdue items, most late first, grouped by responsible.

use crate::Moc;

#[test]
fn lists_exactly_the_overdue_items_with_days_late() {
    let status = Moc::in_repo()
        .args([
            "status",
            "plans/",
            "--as-of",
            "2026-10-01",
            "--format",
            "json",
        ])
        .run();
    let s: serde_json::Value =
        serde_json::from_str(&status.stdout).unwrap_or_else(|e| panic!("{e}"));
    let mut expected: Vec<(String, String)> = s["items"]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .filter(|i| i["state"] == "overdue")
        .map(|i| {
            (
                i["plan"].as_str().unwrap_or("").to_owned(),
                i["id"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    expected.sort();
    assert!(expected.contains(&("plans/mosalsk-2026.toml".into(), "1.3".into())));
    assert!(expected.contains(&("plans/sayansk-2026.toml".into(), "5".into())));

    let out = Moc::in_repo()
        .args([
            "overdue",
            "plans/",
            "--as-of",
            "2026-10-01",
            "--format",
            "json",
        ])
        .run();
    assert_eq!(out.code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let items = v["overdue"].as_array().unwrap_or_else(|| panic!("no list"));
    let mut got: Vec<(String, String)> = items
        .iter()
        .map(|i| {
            (
                i["plan"].as_str().unwrap_or("").to_owned(),
                i["id"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let late: Vec<i64> = items
        .iter()
        .map(|i| i["days_late"].as_i64().unwrap_or(-1))
        .collect();
    assert!(
        late.windows(2).all(|w| w[0] >= w[1]),
        "most late first: {late:?}"
    );
    assert!(late.iter().all(|d| *d > 0));
    got.sort();
    assert_eq!(got, expected);
}

#[test]
fn table_grouped_by_responsible() {
    let out = Moc::in_repo()
        .env("COLUMNS", "100")
        .args([
            "overdue",
            "plans/mosalsk-2026.toml",
            "--as-of",
            "2026-10-01",
        ])
        .run();
    assert_eq!(out.code, 0);
    // item 1.8 has two responsibles: shown under both, counted once in the title
    assert_eq!(out.stdout.matches("│ 1.8 ").count(), 2, "{out}");
    assert!(
        out.stdout
            .contains("Просрочено на 1 октября 2026 г.: 11 мероприятий"),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn within_adds_what_falls_due() {
    let out = Moc::in_repo()
        .env("COLUMNS", "100")
        .args([
            "overdue",
            "examples/",
            "--as-of",
            "2026-09-20",
            "--within",
            "14",
        ])
        .run();
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains("Срок наступит в ближайшие 14 дней"),
        "{out}"
    );
    insta::assert_snapshot!(out);
    let md = Moc::in_repo()
        .args([
            "overdue",
            "examples/",
            "--as-of",
            "2026-09-20",
            "--within",
            "14",
            "--format",
            "markdown",
        ])
        .run();
    insta::assert_snapshot!(md.stdout);
}

#[test]
fn fail_flag_sets_the_exit_code() {
    let late = Moc::in_repo()
        .args(["overdue", "--as-of", "2026-10-01", "--fail"])
        .run();
    assert_eq!(late.code, 1);
    let early = Moc::in_repo()
        .args(["overdue", "--as-of", "2026-01-10", "--fail"])
        .run();
    assert_eq!(early.code, 0, "{early}");
    assert!(
        early
            .stdout
            .contains("Просроченных мероприятий на 10 января 2026 г. нет"),
        "{early}"
    );
}

#[test]
fn csv_and_filters() {
    let out = Moc::in_repo()
        .args([
            "overdue",
            "--as-of",
            "2026-10-01",
            "--responsible",
            "РМЦ",
            "--format",
            "csv",
        ])
        .run();
    assert_eq!(out.code, 0, "{out}");
    assert_eq!(out.stdout.lines().count(), 3, "{out}"); // header + Sayansk 5 and 12
    assert!(
        out.stdout.lines().skip(1).all(|l| l.contains("РМЦ")),
        "{out}"
    );
}
