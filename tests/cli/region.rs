//! A region's repository: plans by municipality and year, `moc.toml` with the region's name,
//! default year and shared roster, found from any folder inside the repository.

use crate::{Moc, read_repo};

fn region() -> Moc {
    let settings = "[region]\nname = \"Калужская область\"\nyear = 2026\n\n[[responsible]]\nname = \"РМЦ\"\nkind = \"organisation\"\nfull_name = \"Региональный модельный центр\"\n";
    // the Mosalsk plan names РМЦ without listing it: the region's roster provides it
    let mosalsk = read_repo("plans/mosalsk-2026.toml").replace(
        "responsible = \"методист\"\n\n[[section.item]]\nnumber = \"1.5\"",
        "responsible = \"методист, РМЦ\"\n\n[[section.item]]\nnumber = \"1.5\"",
    );
    let older = read_repo("plans/sayansk-2026.toml")
        .replace("year = 2026", "year = 2025")
        .replace("2026", "2025");
    Moc::in_temp()
        .file("moc.toml", settings)
        .file("plans/mosalsk/2026.toml", mosalsk)
        .copy("plans/sayansk-2026.toml", "plans/sayansk/2026.toml")
        .file("plans/sayansk/2025.toml", older)
        .file("plans/mosalsk/notes/readme.txt", "не план")
}

#[test]
fn shared_roster_default_year_and_discovery_from_a_subfolder() {
    let m = region();
    // from a subfolder: the root is found upwards, plans/ is the default
    std::fs::create_dir_all(m.dir().join("plans/mosalsk/notes")).unwrap_or_else(|e| panic!("{e}"));
    let check = m.args(["check", "--as-of", "2026-10-01"]).run();
    assert_eq!(check.code, 0, "{check}");
    assert!(
        check.stdout.contains("проверено: 2 файла"),
        "only the 2026 plans by default: {check}"
    );
    let all_years = region()
        .args(["check", "--year", "2025", "--as-of", "2026-10-01"])
        .run();
    assert!(
        all_years.stdout.contains("проверено: 1 файл"),
        "{all_years}"
    );
    let status = region()
        .args(["status", "--as-of", "2026-10-01", "--format", "json"])
        .run();
    assert_eq!(status.code, 0, "{status}");
    let v: serde_json::Value =
        serde_json::from_str(&status.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["plans"].as_array().map(Vec::len), Some(2));
    let item = v["items"]
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|i| {
                    i["id"] == "1.4" && i["plan"].as_str().is_some_and(|p| p.contains("mosalsk"))
                })
                .cloned()
        })
        .unwrap_or_default();
    assert_eq!(item["responsibles"], serde_json::json!(["методист", "РМЦ"]));
}

#[test]
fn running_inside_a_municipality_folder() {
    let m = region();
    let sub = m.dir().join("plans/sayansk");
    let bin = env!("CARGO_BIN_EXE_moc");
    let out = std::process::Command::new(bin)
        .current_dir(&sub)
        .env_clear()
        .args(["status", "--as-of", "2026-10-01"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Мосальский") && stdout.contains("город Саянск"),
        "{stdout}"
    );
}

#[test]
fn settings_are_checked_too() {
    let out = region()
        .file("moc.toml", "[region]\nnmae = \"x\"\n")
        .args(["check", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(out.code, 1, "{out}");
    assert!(
        out.stdout.contains("--> moc.toml:2:1") && out.stdout.contains("`name`"),
        "{out}"
    );
}

#[test]
fn a_year_that_leaves_one_plan_shows_it_whole_and_several_get_the_summary() {
    // --year 2025 leaves one plan of three: its table, as for one file
    let one = region()
        .args(["status", "--year", "2025", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(one.code, 0, "{one}");
    assert!(one.stdout.contains("Раздел"), "{one}");
    assert!(!one.stdout.contains("Муниципалитет"), "{one}");
    // the default year leaves two: one summary row each and the total, no item tables
    let two = region().args(["status", "--as-of", "2026-10-01"]).run();
    assert_eq!(two.code, 0, "{two}");
    assert!(two.stdout.contains("Муниципалитет"), "{two}");
    assert!(!two.stdout.contains("Раздел"), "{two}");
    // the total agrees with the items of the JSON form
    let json = region()
        .args(["status", "--as-of", "2026-10-01", "--format", "json"])
        .run();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap_or_else(|e| panic!("{e}"));
    let items = v["items"].as_array().map_or(0, Vec::len);
    let total = format!("2 плана: {items} мероприят");
    assert!(two.stdout.contains(&total), "{total} in {two}");
    // a responsible no plan knows: one error for the region, with the plans' suggestions
    let typo = region()
        .args(["status", "--responsible", "РМ", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(typo.code, 2, "{typo}");
    assert!(typo.stderr.contains("нет ни в одном плане"), "{typo}");
    assert!(typo.stdout.is_empty(), "{typo}");
    // a name the region's roster gives every plan
    let rmc = region()
        .args([
            "status",
            "--responsible",
            "РМЦ",
            "--as-of",
            "2026-10-01",
            "--detail",
        ])
        .run();
    assert_eq!(rmc.code, 0, "{rmc}");
    assert!(rmc.stdout.contains("1.4"), "{rmc}");
}

#[test]
fn the_region_report_and_the_report_of_the_one_plan_a_year_leaves() {
    let two = region().args(["report", "--as-of", "2026-12-20"]).run();
    assert_eq!(two.code, 0, "{two}");
    assert!(
        two.stdout
            .starts_with("# Отчёт о деятельности муниципальных опорных центров"),
        "{two}"
    );
    assert!(two.stdout.contains("## Сводка по муниципалитетам"), "{two}");
    // Саянск's 2025 plan stands beside its 2026 plan
    assert!(two.stdout.contains("Выполнение 2025"), "{two}");
    assert_eq!(two.stdout.matches("по плану plans/").count(), 2, "{two}");
    let one = region()
        .args(["report", "--year", "2025", "--as-of", "2026-12-20"])
        .run();
    assert_eq!(one.code, 0, "{one}");
    assert!(!one.stdout.contains("сводка по"), "{one}");
    assert!(one.stdout.contains("город Саянск"), "{one}");
    assert!(
        one.stdout.contains("по плану plans/sayansk/2025.toml"),
        "{one}"
    );
}

#[test]
fn overdue_over_the_region_orders_the_groups_of_all_plans_as_one_list() {
    let table = region()
        .env("COLUMNS", "120")
        .args(["overdue", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(table.code, 0, "{table}");
    let json = region()
        .args(["overdue", "--as-of", "2026-10-01", "--format", "json"])
        .run();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap_or_else(|e| panic!("{e}"));
    let total = v["overdue"].as_array().map_or(0, Vec::len);
    assert!(total > 0, "{json}");
    assert!(
        table.stdout.contains(&format!(": {total} мероприят")),
        "the title counts {total}: {table}"
    );
    // the group headings («методист — Мосальский район (3 мероприятия)») come in the order of
    // the JSON's groups, which are made from all the plans at once
    let groups = v["by_responsible"].as_array().cloned().unwrap_or_default();
    assert!(groups.len() > 2, "{json}");
    let mut at = 0;
    for g in &groups {
        let who = g["responsible"].as_str().unwrap_or_default();
        let n = g["items"].as_array().map_or(0, Vec::len);
        let found = table.stdout[at..]
            .lines()
            .position(|l| l.starts_with(&format!("{who} — ")) && l.contains(&format!("({n} ")))
            .unwrap_or_else(|| panic!("{who} ({n}) after byte {at}: {table}"));
        let line = table.stdout[at..].lines().nth(found).unwrap_or_default();
        at += table.stdout[at..].find(line).unwrap_or(0) + line.len();
    }
    // the Markdown form has the same groups
    let md = region()
        .args(["overdue", "--as-of", "2026-10-01", "--format", "markdown"])
        .run();
    assert_eq!(
        md.stdout.matches("\n### ").count() + usize::from(md.stdout.starts_with("### ")),
        groups.len(),
        "{md}"
    );
}
