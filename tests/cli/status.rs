//! `moc status`: states at a date on the real plans, every format, filters, terminal safety.

use crate::{Moc, read_repo};

fn status_json(args: &[&str]) -> serde_json::Value {
    let out = Moc::in_repo()
        .args(["status"])
        .args(args)
        .args(["--format", "json"])
        .run();
    assert!(out.code == 0, "{out}");
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn state_of<'a>(v: &'a serde_json::Value, plan: &str, id: &str) -> &'a serde_json::Value {
    v["items"]
        .as_array()
        .and_then(|items| {
            items
                .iter()
                .find(|i| i["plan"].as_str().is_some_and(|p| p.contains(plan)) && i["id"] == id)
        })
        .unwrap_or_else(|| panic!("no item {plan} {id}"))
}

#[test]
fn json_lists_all_45_seed_items_with_windows() {
    let v = status_json(&["plans/", "--as-of", "2026-10-01"]);
    let items = v["items"].as_array().unwrap_or_else(|| panic!("no items"));
    assert_eq!(items.len(), 45);
    let mosalsk = items
        .iter()
        .filter(|i| i["plan"] == "plans/mosalsk-2026.toml")
        .count();
    assert_eq!((mosalsk, items.len() - mosalsk), (29, 16));
    for i in items {
        for key in [
            "plan",
            "id",
            "section",
            "title",
            "deadline",
            "responsibles",
            "status",
            "state",
            "days_late",
            "missed",
            "result",
        ] {
            assert!(i.get(key).is_some(), "{key} missing in {i}");
        }
        for key in ["phrase", "kind", "start", "end", "due"] {
            assert!(
                i["deadline"].get(key).is_some(),
                "deadline.{key} missing in {i}"
            );
        }
        assert!(i["deadline"]["start"].is_string(), "{i}");
    }
}

#[test]
fn acceptance_states_at_first_of_october() {
    let v = status_json(&["plans/", "--as-of", "2026-10-01"]);
    for (plan, id) in [("mosalsk", "1.3"), ("mosalsk", "2.4"), ("sayansk", "5")] {
        let i = state_of(&v, plan, id);
        assert_eq!(i["state"], "overdue", "{i}");
        assert!(i["days_late"].as_i64().unwrap_or(0) > 0, "{i}");
    }
    assert_eq!(state_of(&v, "mosalsk", "1.3")["days_late"], 93);
    assert_eq!(state_of(&v, "mosalsk", "2.4")["days_late"], 154);
    assert_eq!(state_of(&v, "sayansk", "5")["days_late"], 62);
    assert_eq!(state_of(&v, "mosalsk", "1.7")["state"], "on_demand");
    assert!(state_of(&v, "mosalsk", "1.7")["deadline"]["due"].is_null());
    // year-round work with nothing recorded has not started (issue 16): not «в работе»
    assert_eq!(state_of(&v, "sayansk", "15")["state"], "not_started");
    let monthly = state_of(&v, "mosalsk", "1.8");
    assert_eq!(monthly["missed"].as_array().map(Vec::len), Some(9));
}

#[test]
fn one_plan_table_at_fixed_width() {
    let out = Moc::in_repo()
        .env("COLUMNS", "110")
        .args(["status", "plans/sayansk-2026.toml", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(out.code, 0, "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn mid_year_example_table() {
    let out = Moc::in_repo()
        .env("COLUMNS", "120")
        .args(["status", "examples/", "--as-of", "2026-07-01"])
        .run();
    assert_eq!(out.code, 0, "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn several_plans_summary_then_detail() {
    let out = Moc::in_repo()
        .env("COLUMNS", "100")
        .args(["status", "plans/", "examples/", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(out.code, 0, "{out}");
    insta::assert_snapshot!(out);
    let detail = Moc::in_repo()
        .env("COLUMNS", "100")
        .args(["status", "plans/", "--detail", "--as-of", "2026-10-01"])
        .run();
    assert!(
        detail.stdout.contains("plans/mosalsk-2026.toml")
            && detail.stdout.contains("plans/sayansk-2026.toml"),
        "{detail}"
    );
}

#[test]
fn json_and_csv_snapshots() {
    let json = Moc::in_repo()
        .args([
            "status",
            "examples/",
            "--as-of",
            "2026-07-01",
            "--format",
            "json",
        ])
        .run();
    assert_eq!(json.code, 0);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap_or_else(|e| panic!("{e}"));
    insta::assert_json_snapshot!("status_examples_json", v);
    let csv = Moc::in_repo()
        .args([
            "status",
            "plans/",
            "--as-of",
            "2026-10-01",
            "--format",
            "csv",
        ])
        .run();
    assert_eq!(csv.code, 0);
    assert_eq!(csv.stdout.lines().count(), 46, "header + 45 items");
    insta::assert_snapshot!("status_plans_csv", csv.stdout);
}

#[test]
fn markdown_format() {
    let out = Moc::in_repo()
        .args([
            "status",
            "plans/sayansk-2026.toml",
            "--as-of",
            "2026-10-01",
            "--format",
            "markdown",
        ])
        .run();
    assert_eq!(out.code, 0);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn filters() {
    let ids = |args: &[&str]| -> Vec<String> {
        let v = status_json(args);
        v["items"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|i| i["id"].as_str().unwrap_or("").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let base = ["plans/mosalsk-2026.toml", "--as-of", "2026-10-01"];
    assert_eq!(
        ids(&[&base[..], &["--section", "2"]].concat()),
        vec!["2.1", "2.2", "2.3", "2.4"]
    );
    assert_eq!(ids(&[&base[..], &["--section", "2."]].concat()).len(), 4);
    let by_head = ids(&[&base[..], &["--responsible", "руководитель моц"]].concat());
    assert!(
        by_head.contains(&"1.3".to_owned()) && !by_head.contains(&"1.4".to_owned()),
        "{by_head:?}"
    );
    assert_eq!(
        ids(&[&base[..], &["--state", "on_demand"]].concat()),
        vec!["1.7", "5.4", "5.5"]
    );
    let sept = ids(&[&base[..], &["--month", "сентябрь"]].concat());
    assert!(
        sept.contains(&"1.4".to_owned()) && !sept.contains(&"1.3".to_owned()),
        "{sept:?}"
    );
    let june = ids(&[
        &base[..],
        &[
            "--from",
            "2026-06-01",
            "--to",
            "2026-06-30",
            "--state",
            "overdue",
        ],
    ]
    .concat());
    assert!(june.contains(&"1.3".to_owned()), "{june:?}");
    let sayansk_roman = ids(&[
        "plans/sayansk-2026.toml",
        "--as-of",
        "2026-10-01",
        "--section",
        "III",
    ]);
    assert_eq!(sayansk_roman, vec!["11", "12", "13", "14", "15"]);
}

#[test]
fn unknown_responsible_in_a_filter_is_an_error_with_a_hint() {
    let out = Moc::in_repo()
        .args([
            "status",
            "--responsible",
            "методис",
            "--as-of",
            "2026-10-01",
        ])
        .run();
    assert_eq!(out.code, 2, "{out}");
    assert!(out.stderr.contains("«методист»"), "{out}");
}

#[test]
fn no_escape_sequences_without_a_terminal_or_with_no_color() {
    let piped = Moc::in_repo()
        .args(["status", "--as-of", "2026-10-01", "--detail"])
        .run();
    assert!(!piped.stdout.contains('\u{1b}'), "piped output has escapes");
    let no_color = Moc::in_repo()
        .env("NO_COLOR", "1")
        .args(["status", "--as-of", "2026-10-01", "--color", "always"])
        .run();
    assert!(
        !no_color.stdout.contains('\u{1b}'),
        "NO_COLOR output has escapes"
    );
    let forced = Moc::in_repo()
        .args(["status", "--as-of", "2026-10-01", "--color", "always"])
        .run();
    assert!(
        forced.stdout.contains('\u{1b}'),
        "--color always has no colour"
    );
}

#[test]
fn control_characters_in_plan_text_are_escaped() {
    let plan = read_repo("plans/sayansk-2026.toml").replace(
        "Утверждение плана работы МОЦ на 2026 год",
        "Утверждение \\u001b]52;c;ZWNobyBoaQ==\\u0007плана \\u202eМОЦ",
    );
    let out = Moc::in_temp()
        .env("COLUMNS", "400")
        .file("p.toml", plan)
        .args([
            "status",
            "p.toml",
            "--as-of",
            "2026-10-01",
            "--color",
            "always",
        ])
        .run();
    assert!(out.stdout.contains("\\x1b]52;c;ZWNobyBoaQ==\\x07"), "{out}");
    assert!(out.stdout.contains("\\u{202e}МОЦ"), "{out}");
    assert!(
        !out.stdout.contains("\u{1b}]52")
            && !out.stdout.contains('\u{202e}')
            && !out.stdout.contains('\u{7}'),
        "{out}"
    );
}

#[test]
fn a_plan_that_does_not_check_is_still_shown_with_errors_after() {
    let plan = read_repo("plans/sayansk-2026.toml").replace(
        "deadline = \"Февраль 2026\"",
        "deadline = \"Фервраль 2026\"",
    );
    let out = Moc::in_temp()
        .env("COLUMNS", "160")
        .file("plans/p.toml", plan)
        .args(["status", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(out.code, 1, "{out}");
    assert!(out.stdout.contains("срок не понят"), "{out}");
    assert!(
        out.stderr.contains("1 ошибка") && out.stderr.contains("moc check plans/p.toml"),
        "{out}"
    );
}

#[test]
fn broken_pipe_exits_quietly() {
    // a plan large enough that the output overflows the pipe buffer
    let mut plan = String::from(
        "[plan]\ntitle = \"Большой план\"\nyear = 2026\n[[responsible]]\nname = \"методист\"\n[[section]]\nnumber = \"1\"\ntitle = \"Раздел\"\n",
    );
    for i in 1..=1500 {
        plan.push_str(&format!(
            "[[section.item]]\nnumber = \"1.{i}\"\ntitle = \"Мероприятие номер {i} с довольно длинным названием\"\ndeadline = \"Сентябрь 2026г.\"\nresponsible = \"методист\"\n"
        ));
    }
    let m = Moc::in_temp().file("plans/big.toml", plan);
    let bin = env!("CARGO_BIN_EXE_moc");
    let out = std::process::Command::new("bash")
        .current_dir(m.dir())
        .env_clear()
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{bin}' status --as-of 2026-10-01 | head -n 3"
        ))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
}

#[test]
fn english_table() {
    let out = Moc::in_repo()
        .env("COLUMNS", "110")
        .args([
            "status",
            "plans/sayansk-2026.toml",
            "--as-of",
            "2026-10-01",
            "--lang",
            "en",
            "--section",
            "II",
        ])
        .run();
    assert_eq!(out.code, 0);
    insta::assert_snapshot!(out);
}

/// The cells of a terminal table, row by row: a row starts where the first column has text,
/// and a cell's lines are joined back as the reader reads them — after a hyphen that ends a
/// word directly, otherwise with a space.
fn table_cells(table: &str) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in table.lines().map(|l| l.trim_end_matches('\r')) {
        if !line.starts_with('│') {
            continue;
        }
        let cells: Vec<&str> = line
            .trim_matches('│')
            .split(['┆', '│'])
            .map(str::trim)
            .collect();
        if cells.first().is_some_and(|c| !c.is_empty()) || rows.is_empty() {
            rows.push(vec![String::new(); cells.len()]);
        }
        let Some(row) = rows.last_mut() else { continue };
        for (acc, part) in row.iter_mut().zip(cells) {
            if part.is_empty() {
                continue;
            }
            let glued = acc.ends_with('-') && !acc.ends_with(" -") && acc.len() > 1;
            if !acc.is_empty() && !glued {
                acc.push(' ');
            }
            acc.push_str(part);
        }
    }
    rows
}

#[cfg(unix)]
#[test]
fn an_80_column_terminal_breaks_no_word_that_fits() {
    // a real pseudo-terminal of 80 columns (util-linux `script`, installed by .ci/run)
    let plan = "plans/mosalsk-2026.toml";
    let command = format!(
        "stty cols 80 rows 50; {} status {plan} --as-of 2026-10-01",
        env!("CARGO_BIN_EXE_moc")
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(crate::repo())
        .env("NO_COLOR", "1")
        .env("LANG", "ru_RU.UTF-8")
        .env_remove("COLUMNS")
        .output()
        .unwrap_or_else(|e| panic!("`script` (util-linux) is needed; .ci/run installs it: {e}"));
    let table = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{table}");
    for line in table
        .lines()
        .filter(|l| l.starts_with(['│', '┌', '└', '╞']))
    {
        let w = unicode_width::UnicodeWidthStr::width(line.trim_end_matches('\r'));
        assert!(w <= 80, "a line {w} wide: {line}");
    }
    // the widths of the columns' text, from the top border
    let top = table
        .lines()
        .find(|l| l.starts_with('┌'))
        .unwrap_or_default();
    let widths: Vec<usize> = top
        .trim_matches(['┌', '┐', '\r'])
        .split('┬')
        .map(|seg| seg.chars().count().saturating_sub(2))
        .collect();
    // every cell reads back as the plan wrote it: no word cut in two unless it is wider than
    // its column
    let v = status_json(&[plan, "--as-of", "2026-10-01"]);
    let rows = table_cells(&table);
    let mut seen = 0;
    let check = |shown: &str, written: &str, col: usize| {
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let written = squash(written);
        if shown == written {
            return;
        }
        // only a word wider than the column may be cut
        let shown_words: Vec<&str> = shown.split(' ').collect();
        for word in written.split(' ') {
            let fits = word
                .split_inclusive('-')
                .all(|p| unicode_width::UnicodeWidthStr::width(p) <= widths[col]);
            assert!(
                !fits || shown_words.iter().any(|w| w.contains(word)) || shown.contains(word),
                "«{word}» fits column {col} ({} wide) but is cut: {shown}",
                widths[col]
            );
        }
        assert_eq!(shown.replace(' ', ""), written.replace(' ', ""));
    };
    for item in v["items"].as_array().into_iter().flatten() {
        let number = item["number"].as_str().unwrap_or_default();
        let Some(row) = rows.iter().find(|r| r[0] == number) else {
            panic!("no row {number} in\n{table}");
        };
        check(&row[1], item["title"].as_str().unwrap_or_default(), 1);
        check(
            &row[2],
            item["deadline"]["phrase"].as_str().unwrap_or_default(),
            2,
        );
        let names: Vec<&str> = item["responsibles"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| n.as_str())
            .collect();
        check(&row[3], &names.join(", "), 3);
        seen += 1;
    }
    assert_eq!(seen, 29);
}
