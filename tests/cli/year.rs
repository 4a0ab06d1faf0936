//! The year as a methodist reads it (issue 16): states that say what was recorded, a report that
//! judges the whole period, periodic work by its periods, several years side by side, rollover
//! that carries commitments, `-o` by extension, edits among errors, arguments as plan files
//! write them, `--month` by what falls in the month.

use crate::{Moc, Output, read_repo};

const SEED: &str = "plans/mosalsk-2026.toml";
const EXAMPLE: &str = "examples/mosalsk-2026-midyear.toml";

fn json(out: &Output) -> serde_json::Value {
    assert_eq!(out.code, 0, "{out}");
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn item<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["id"] == id))
        .unwrap_or_else(|| panic!("no item {id} in {v}"))
}

/// The rows of a status table whose first cell is one of `ids` (with their continuation lines).
fn rows_of(table: &str, ids: &[&str]) -> String {
    let mut keep = false;
    let mut out = String::new();
    for line in table.lines() {
        let first = line
            .trim_start_matches(['│', '|'])
            .split(['┆', '|'])
            .next()
            .unwrap_or_default()
            .trim();
        if !first.is_empty() {
            keep = ids.contains(&first);
        }
        if keep && line.starts_with('│') {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn open_windows_with_nothing_recorded_are_not_started() {
    let v = json(
        &Moc::in_repo()
            .args(["status", SEED, "--as-of", "2026-02-15", "--format", "json"])
            .run(),
    );
    for id in ["3.1", "3.2", "2.4", "1.1"] {
        assert_eq!(item(&v, id)["state"], "not_started", "{id}");
    }
    let table = Moc::in_repo()
        .env("COLUMNS", "110")
        .args(["status", SEED, "--as-of", "2026-02-15"])
        .run();
    assert_eq!(table.code, 0, "{table}");
    insta::assert_snapshot!(rows_of(&table.stdout, &["1.1", "2.4.", "3.1.", "3.2"]));

    // recorded work is «в работе»: `moc start` changes what is shown
    let (m, _keep) = Moc::in_temp().copy(SEED, SEED).keep();
    let started = Moc::in_temp_at(m.dir())
        .args(["start", "3.1", "--as-of", "2026-02-15"])
        .run();
    assert_eq!(started.code, 0, "{started}");
    let v = json(
        &Moc::in_temp_at(m.dir())
            .args(["status", "--as-of", "2026-02-15", "--format", "json"])
            .run(),
    );
    assert_eq!(item(&v, "3.1")["state"], "in_progress");
}

/// The cells of the «Результат исполнения» column of the report's section tables.
fn result_cells(md: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut in_result_table = false;
    for line in md.lines() {
        if line.starts_with("| № |") || line.starts_with("| No. |") {
            in_result_table = line.contains("Результат исполнения");
            continue;
        }
        if !line.starts_with('|') {
            in_result_table = false;
            continue;
        }
        if in_result_table && !line.starts_with("|--") && !line.starts_with("| --") {
            let cols: Vec<&str> = line.trim_matches('|').split(" | ").collect();
            if let Some(last) = cols.last() {
                cells.push(last.trim().to_owned());
            }
        }
    }
    cells
}

#[test]
fn the_annual_report_judges_the_whole_year() {
    let report = |as_of: &str| {
        let out = Moc::in_repo()
            .args(["report", EXAMPLE, "--year", "2026", "--as-of", as_of])
            .run();
        assert_eq!(out.code, 0, "{out}");
        out
    };
    let december = report("2026-12-20");
    let january = report("2027-01-10");
    let total = |md: &str| {
        md.lines()
            .find(|l| l.starts_with("| **Всего**"))
            .map_or_else(|| panic!("no total row in {md}"), str::to_owned)
    };
    // the same plan gives the same figures before and after 31 December
    assert_eq!(total(&december.stdout), total(&january.stdout));
    assert!(
        total(&december.stdout).contains("12,2"),
        "{}",
        total(&december.stdout)
    );
    // the draft says so in its title and lists on stderr what still lacks a result
    assert!(december.stdout.contains("(по состоянию на 20 декабря)"));
    assert!(!january.stdout.contains("по состоянию на"));
    assert!(
        december.stderr.contains("это черновик"),
        "{}",
        december.stderr
    );
    assert!(
        december.stderr.contains("moc done 1.9 --result"),
        "{}",
        december.stderr
    );

    // «Результат исполнения» holds results, recorded work or nothing — never a state
    let cells = result_cells(&december.stdout);
    assert!(cells.len() >= 29, "{cells:?}");
    for state in [
        "скоро срок",
        "в работе",
        "не начато",
        "в течение года",
        "по запросу",
        "просрочено",
        "Не выполнено",
    ] {
        assert!(
            cells.iter().all(|c| !c.contains(state)),
            "«{state}» in a result cell: {cells:?}"
        );
    }
    assert!(
        cells.iter().any(|c| c.contains("Ход работы: 12.02.2026")),
        "recorded progress of 1.1 is missing: {cells:?}"
    );
    let summary: String = december
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("## 1."))
        .take_while(|l| !l.starts_with("## 2."))
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(summary);
}

#[test]
fn a_half_year_report_made_later_counts_nothing_after_the_half() {
    let (m, _keep) = Moc::in_temp().copy(EXAMPLE, SEED).keep();
    let done = Moc::in_temp_at(m.dir())
        .args([
            "done",
            "1.3",
            "--date",
            "15.09.2026",
            "--result",
            "Итоги подведены",
            "--as-of",
            "2026-10-01",
        ])
        .run();
    assert_eq!(done.code, 0, "{done}");
    let out = Moc::in_temp_at(m.dir())
        .args([
            "report",
            "--half",
            "1",
            "--as-of",
            "2026-10-01",
            "--format",
            "json",
        ])
        .run();
    let r = json(&out);
    let items: Vec<&serde_json::Value> = r["plans"][0]["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["items"].as_array().into_iter().flatten())
        .collect();
    let i13 = items
        .iter()
        .find(|i| i["id"] == "1.3")
        .unwrap_or_else(|| panic!("1.3"));
    assert_eq!(i13["category"], "not_done", "{i13}");
    let md = Moc::in_temp_at(m.dir())
        .args(["report", "--half", "1", "--as-of", "2026-10-01"])
        .run();
    assert!(
        md.stdout
            .contains("не выполнено (выполнено позже: 15 сентября 2026 г.)"),
        "{md}"
    );
    assert!(!md.stdout.contains("по состоянию на"), "{md}");
}

#[test]
fn output_follows_the_extension() {
    let (m, _keep) = Moc::in_temp().copy(EXAMPLE, SEED).keep();
    let run = |args: &[&str]| {
        let out = Moc::in_temp_at(m.dir())
            .args(args)
            .args(["--as-of", "2026-12-20"])
            .run();
        assert_eq!(out.code, 0, "{args:?}: {out}");
        std::fs::read(m.dir().join(args[2])).unwrap_or_else(|e| panic!("{e}"))
    };
    // a zip archive (its names stand uncompressed in the central directory) with that member
    let zip_has = |bytes: &[u8], name: &str| {
        bytes.starts_with(b"PK\x03\x04") && bytes.windows(name.len()).any(|w| w == name.as_bytes())
    };
    assert!(zip_has(
        &run(&["report", "-o", "отчёт.docx"]),
        "word/document.xml"
    ));
    assert!(zip_has(
        &run(&["status", "-o", "x.xlsx"]),
        "xl/workbook.xml"
    ));
    assert!(zip_has(
        &run(&["overdue", "-o", "o.xlsx"]),
        "xl/workbook.xml"
    ));
    let html = String::from_utf8(run(&["report", "-o", "x.html"])).unwrap_or_default();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    let csv = String::from_utf8(run(&["status", "-o", "x.csv"])).unwrap_or_default();
    assert!(csv.starts_with("plan,section,id"), "{csv}");
    let md = String::from_utf8(run(&["status", "-o", "x.md"])).unwrap_or_default();
    assert!(md.starts_with("## Мосальский"), "{md}");
    let ics = String::from_utf8(run(&["calendar", "-o", "c.ics"])).unwrap_or_default();
    assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");

    // what a command cannot write, and a --format against the extension, are refused
    let mut refusals = String::new();
    for args in [
        vec!["status", "-o", "x.docx"],
        vec!["report", "-o", "x.xlsx"],
        vec!["report", "--format", "json", "-o", "x.md"],
    ] {
        let out = Moc::in_temp_at(m.dir())
            .args(&args)
            .args(["--as-of", "2026-12-20"])
            .run();
        assert_eq!(out.code, 2, "{out}");
        refusals.push_str(&format!("$ moc {}\n{out}\n", args.join(" ")));
    }
    insta::assert_snapshot!(refusals);
}

#[test]
fn rollover_carries_the_postponement() {
    let (m, _keep) = Moc::in_temp().copy(EXAMPLE, SEED).keep();
    let out = Moc::in_temp_at(m.dir())
        .args(["rollover", SEED, "--as-of", "2026-12-28"])
        .run();
    assert_eq!(out.code, 0, "{out}");
    let new = std::fs::read_to_string(m.dir().join("plans/mosalsk-2027.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let at = new
        .find("number = \"3.4\"")
        .unwrap_or_else(|| panic!("3.4 missing: {new}"));
    let item: String = new[at..].lines().take(5).collect::<Vec<_>>().join("\n");
    assert!(item.contains("deadline = \"Январь 2027г.\""), "{item}");
    assert!(item.contains("перенесено из плана 2026"), "{item}");
    // a fresh header: nothing of the old file's description
    let header: String = new.lines().take_while(|l| !l.starts_with('[')).collect();
    assert!(header.contains("moc rollover"), "{header}");
    assert!(!header.contains("в середине года"), "{header}");
    let old = std::fs::read_to_string(m.dir().join(SEED)).unwrap_or_default();
    assert!(old.contains("перенесено в план 2027"), "{old}");
    // the new plan checks clean
    let check = Moc::in_temp_at(m.dir())
        .args(["check", "plans/mosalsk-2027.toml"])
        .run();
    assert_eq!(check.code, 0, "{check}");
    insta::assert_snapshot!(format!("{item}\n\n{out}"));
}

#[test]
fn two_years_side_by_side_answer_for_the_year_of_the_date() {
    let (m, _keep) = Moc::in_temp().copy(SEED, SEED).keep();
    let roll = Moc::in_temp_at(m.dir())
        .args(["rollover", SEED, "--as-of", "2026-09-28"])
        .run();
    assert_eq!(roll.code, 0, "{roll}");
    let at = |args: &[&str]| {
        Moc::in_temp_at(m.dir())
            .args(args)
            .args(["--as-of", "2026-10-01"])
            .run()
    };
    let status = json(&at(&["status", "--format", "json"]));
    let items = status["items"].as_array().map_or(0, Vec::len);
    assert_eq!(items, 29, "one year's items, not both");
    assert!(
        status["items"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|i| i["plan"] == SEED)
    );
    let report = at(&["report"]);
    assert_eq!(report.code, 0, "{report}");
    assert!(report.stdout.contains("за 2026 год"), "{report}");
    assert!(!report.stdout.contains("муниципалитетам"), "{report}");
    let done = at(&["done", "1.4", "--result", "Банк данных сформирован"]);
    assert_eq!(done.code, 0, "{done}");
    assert!(done.stdout.contains(SEED), "{done}");
    assert!(
        read_repo_in(m.dir(), SEED).contains("result = \"Банк данных сформирован\""),
        "the 2026 plan was not edited"
    );
    // --year picks the other year; a later date picks it by itself
    let next = at(&[
        "done",
        "1.4",
        "--year",
        "2027",
        "--result",
        "Сделано заранее",
    ]);
    assert_eq!(next.code, 0, "{next}");
    assert!(read_repo_in(m.dir(), "plans/mosalsk-2027.toml").contains("Сделано заранее"));
    let january = Moc::in_temp_at(m.dir())
        .args(["report", "--as-of", "2027-01-10"])
        .run();
    assert_eq!(january.code, 0, "{january}");
    assert!(
        january.stderr.contains("за 2026 год: --year 2026"),
        "{january}"
    );
    insta::assert_snapshot!(format!(
        "{done}\n{next}\n{}",
        january.stderr.lines().next().unwrap_or_default()
    ));
}

fn read_repo_in(dir: &std::path::Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn edits_among_errors_and_dates_as_plans_write_them() {
    let plan = read_repo(SEED).replacen(
        "responsible = \"Руководитель МОЦ, методист\"",
        "responsible = \"Руководитель МОЦ, методистт\"",
        1,
    );
    let (m, _keep) = Moc::in_temp().file(SEED, &plan).keep();
    let out = Moc::in_temp_at(m.dir())
        .args([
            "done",
            "4.3",
            "--date",
            "18.06.2026",
            "--result",
            "Проведено 12 консультаций",
            "--as-of",
            "2026-10-01",
        ])
        .run();
    assert_eq!(out.code, 0, "{out}");
    let text = read_repo_in(m.dir(), SEED);
    assert!(text.contains("done_on = 2026-06-18"), "{text}");
    assert!(
        text.contains("методистт"),
        "the old error is the methodist's to fix"
    );
    // a deadline moc cannot read is still refused, the file untouched
    let bad = Moc::in_temp_at(m.dir())
        .args([
            "postpone",
            "4.2",
            "--to",
            "когда-нибудь",
            "--reason",
            "нет",
            "--as-of",
            "2026-10-01",
        ])
        .run();
    assert_eq!(bad.code, 2, "{bad}");
    assert_eq!(read_repo_in(m.dir(), SEED), text);
    // without --result: done, with a note about the report's column
    let quiet = Moc::in_temp_at(m.dir())
        .args(["done", "4.2", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(quiet.code, 0, "{quiet}");
    insta::assert_snapshot!(format!("{out}\n{bad}\n{quiet}"));
}

#[test]
fn periodic_work_is_recorded_for_its_period() {
    let (m, _keep) = Moc::in_temp().copy(SEED, SEED).keep();
    let run = |args: &[&str]| {
        let out = Moc::in_temp_at(m.dir()).args(args).run();
        assert_eq!(out.code, 0, "{args:?}: {out}");
        out
    };
    // May's posts, caught up on 2 June, close May — not June
    run(&[
        "progress",
        "1.8",
        "Публикации за май",
        "--for",
        "май",
        "--date",
        "02.06.2026",
        "--as-of",
        "2026-06-02",
    ]);
    run(&[
        "note",
        "1.8",
        "Не было инфоповодов",
        "--for",
        "апрель",
        "--as-of",
        "2026-06-10",
    ]);
    let v = json(&run(&[
        "status",
        "--as-of",
        "2026-06-10",
        "--format",
        "json",
    ]));
    let missed: Vec<&str> = item(&v, "1.8")["missed"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["label"].as_str())
        .collect();
    assert_eq!(missed, ["январь", "февраль", "март", "апрель"]);
    let text = read_repo_in(m.dir(), SEED);
    assert!(text.contains("period = \"2026-05\""), "{text}");
    // the reason and the recorded text reach the report
    let report = run(&["report", "--half", "1", "--as-of", "2026-07-01"]);
    assert!(report.stdout.contains("Не было инфоповодов"), "{report}");
    assert!(report.stdout.contains("Публикации за май"), "{report}");
    let row = report
        .stdout
        .lines()
        .find(|l| l.starts_with("| 1.8 |") && l.contains("периодов"))
        .unwrap_or_default()
        .to_owned();
    insta::assert_snapshot!(row);
}

#[test]
fn month_selects_what_falls_in_it() {
    let ids = |args: &[&str]| -> Vec<String> {
        let v = json(
            &Moc::in_repo()
                .args(["status", "--as-of", "2026-10-01", "--format", "json"])
                .args(args)
                .run(),
        );
        v["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|i| i["id"].as_str().map(str::to_owned))
            .collect()
    };
    let september = ids(&[SEED, "--month", "сентябрь"]);
    assert!(september.contains(&"1.4".to_owned()), "{september:?}");
    for id in ["1.1", "1.7", "3.3"] {
        assert!(!september.contains(&id.to_owned()), "{id} in {september:?}");
    }
    assert_eq!(september, ids(&[SEED, "--month", "сент."]));
    assert_eq!(september, ids(&[SEED, "--month", "2026-09"]));
    let with = ids(&[SEED, "--month", "сентябрь", "--with-ongoing"]);
    assert!(with.contains(&"1.1".to_owned()) && with.contains(&"1.7".to_owned()));
    // postponed out of September: still September's business
    let example = ids(&[EXAMPLE, "--month", "сентябрь"]);
    assert!(example.contains(&"3.4".to_owned()), "{example:?}");
    insta::assert_snapshot!(september.join(" "));

    let unknown = Moc::in_repo()
        .args(["status", SEED, "--section", "33", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(unknown.code, 2, "{unknown}");
    insta::assert_snapshot!(unknown);
}

#[test]
fn the_status_table_shows_where_postponed_work_went() {
    let out = Moc::in_repo()
        .env("COLUMNS", "120")
        .args(["status", EXAMPLE, "--as-of", "2026-10-01"])
        .run();
    assert_eq!(out.code, 0, "{out}");
    let rows = rows_of(&out.stdout, &["3.4"]);
    let state: Vec<&str> = rows
        .lines()
        .filter_map(|l| l.split('┆').nth(4))
        .map(str::trim)
        .collect();
    let state = state.join(" ");
    assert!(
        state.contains("на январь 2027г.; причина: Договоры"),
        "{rows}"
    );
    insta::assert_snapshot!(rows);
}
