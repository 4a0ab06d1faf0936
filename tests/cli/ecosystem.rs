//! moc among other tools: the JSON Schema for editors, shell completions and the manual, the
//! iCalendar export, the Word and Excel files, and the web page in a real headless browser.

use std::path::PathBuf;
use std::process::Command;

use crate::{Moc, read_repo};

const PLANS: [&str; 3] = [
    "plans/mosalsk-2026.toml",
    "plans/sayansk-2026.toml",
    "examples/mosalsk-2026-midyear.toml",
];

/// A TOML document as the JSON an editor validates: dates and times as their text.
fn to_json(v: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => J::from(*f),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

fn schema() -> serde_json::Value {
    let out = Moc::in_repo().args(["schema"]).run();
    assert_eq!(out.code, 0, "{out}");
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("moc schema is not JSON: {e}"))
}

fn violations(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
    let doc: toml::Value = toml::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    validator
        .iter_errors(&to_json(&doc))
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn every_plan_validates_against_the_schema() {
    let schema = schema();
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{e}"));
    for path in PLANS {
        let text = read_repo(path);
        assert!(
            text.lines()
                .any(|l| l == "#:schema ../moc-plan.schema.json"),
            "{path} carries no #:schema line for editors"
        );
        let errors = violations(&validator, &text);
        assert!(errors.is_empty(), "{path}: {errors:#?}");
    }
    // the schema is strict enough to catch what an editor should underline
    let typo = read_repo(PLANS[0]).replacen("deadline = ", "dedline = ", 1);
    assert!(
        !violations(&validator, &typo).is_empty(),
        "a misspelt key passes the schema"
    );
    let bad_status = read_repo(PLANS[0]).replacen(
        "responsible = \"Руководитель МОЦ, методист\"",
        "responsible = \"Руководитель МОЦ, методист\"\nstatus = \"сделано-ли\"",
        1,
    );
    assert!(
        !violations(&validator, &bad_status).is_empty(),
        "an unknown status passes the schema"
    );
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let committed: serde_json::Value =
        serde_json::from_str(&read_repo("moc-plan.schema.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        committed,
        schema(),
        "moc-plan.schema.json is stale: run `moc schema -o moc-plan.schema.json`"
    );
}

#[test]
fn schema_is_in_russian_with_examples() {
    let text = Moc::in_repo().args(["schema"]).run().stdout;
    assert!(
        text.contains("Графа «Срок» дословно"),
        "{}",
        &text[..text.len().min(400)]
    );
    assert!(text.contains("\"examples\""));
    assert!(text.contains("Апрель – май 2026г."));
}

#[test]
fn bash_completion_loads_and_completes() {
    let m = Moc::in_temp().args(["completions", "bash"]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    let script = m.dir().join("moc.bash");
    std::fs::write(&script, &out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let probe = format!(
        "source '{}'; complete -p moc; COMP_WORDS=(moc sta); COMP_CWORD=1; _moc moc sta moc; \
         echo \"=> ${{COMPREPLY[*]}}\"; COMP_WORDS=(moc report --format ''); COMP_CWORD=3; \
         _moc moc '' --format; echo \"=> ${{COMPREPLY[*]}}\"",
        script.display()
    );
    let run = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &probe])
        .output()
        .unwrap_or_else(|e| panic!("bash: {e}"));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("-F _moc moc"), "{stdout}");
    let lines: Vec<&str> = stdout.lines().filter(|l| l.starts_with("=> ")).collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0].contains("status"), "{stdout}");
    for format in ["markdown", "json", "docx", "html"] {
        assert!(lines[1].contains(format), "{stdout}");
    }
}

#[test]
fn completions_for_other_shells() {
    for (shell, marker) in [
        ("zsh", "#compdef moc"),
        ("fish", "complete -c moc"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = Moc::in_repo().args(["completions", shell]).run();
        assert_eq!(out.code, 0, "{out}");
        assert!(
            out.stdout.contains(marker),
            "{shell}: {}",
            &out.stdout[..out.stdout.len().min(300)]
        );
        assert!(out.stdout.contains("calendar"), "{shell}");
    }
}

#[test]
fn manual_pages() {
    let out = Moc::in_repo().args(["man", "--as-of", "2026-11-23"]).run();
    assert_eq!(out.code, 0, "{out}");
    assert!(
        out.stdout.starts_with(".ie") || out.stdout.starts_with(".TH"),
        "{}",
        &out.stdout[..200]
    );
    assert!(
        out.stdout.contains(".TH moc 1 2026-11-23"),
        "{}",
        &out.stdout[..400]
    );
    assert!(
        out.stdout.contains("moc\\-status"),
        "the page lists the commands"
    );
    let m = Moc::in_temp().args(["man", "-o", "man1"]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    for page in [
        "moc.1",
        "moc-status.1",
        "moc-report.1",
        "moc-calendar.1",
        "moc-done.1",
    ] {
        let text = std::fs::read_to_string(m.dir().join("man1").join(page))
            .unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(text.contains(".SH"), "{page}");
    }
    let page = std::fs::read_to_string(m.dir().join("man1/moc-report.1")).unwrap_or_default();
    assert!(
        page.contains("moc report \\-\\-format docx"),
        "the examples reach the manual"
    );
}

#[test]
fn every_command_shows_an_example_in_both_languages() {
    let help = Moc::in_repo().args(["--help"]).run().stdout;
    let commands: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Команды"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| l.as_bytes().get(2).is_some_and(u8::is_ascii_lowercase))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 20, "{commands:?}");
    for c in &commands {
        let mut args = vec!["--help".to_owned()];
        if c == "hook" {
            args = vec!["install".to_owned(), "--help".to_owned()];
        }
        let ru = Moc::in_repo().args([c.as_str()]).args(&args).run();
        assert!(
            ru.stdout.contains("Пример"),
            "moc {c} --help has no example:\n{}",
            ru.stdout
        );
        let en = Moc::in_repo()
            .args(["--lang", "en", c.as_str()])
            .args(&args)
            .run();
        assert!(
            en.stdout.contains("Example"),
            "moc {c} --help (en) has no example:\n{}",
            en.stdout
        );
    }
}

/// The unfolded content lines of an iCalendar text.
fn parse_ics(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let unfolded = icalendar::parser::unfold(text);
    let cal = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("not iCalendar: {e}"));
    cal.components
        .iter()
        .map(|c| {
            (
                c.name.as_str().to_owned(),
                c.properties
                    .iter()
                    .map(|p| (p.name.as_str().to_owned(), p.val.as_str().to_owned()))
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn calendar_has_one_event_per_due_date() {
    let m = Moc::in_temp()
        .copy(PLANS[0], "plans/mosalsk-2026.toml")
        .args(["calendar", "--as-of", "2026-10-01", "-o", "plan.ics"]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    assert!(out.stderr.contains("календарь записан в plan.ics"), "{out}");
    let text = std::fs::read_to_string(m.dir().join("plan.ics")).unwrap_or_default();

    // RFC 5545: CRLF line ends, lines folded at 75 octets, the required properties
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "a line longer than 75 octets: {line:?}");
        assert!(!line.contains('\n'), "a bare LF: {line:?}");
    }
    assert!(text.contains("\r\nVERSION:2.0\r\n") && text.contains("\r\nPRODID:"));

    // the due dates, as moc understands the plan: each item's (effective) deadline phrase, read
    // by `moc deadline`
    let status = Moc::in_temp()
        .copy(PLANS[0], "plans/mosalsk-2026.toml")
        .args(["status", "--as-of", "2026-10-01", "--format", "json"])
        .run();
    let status: serde_json::Value =
        serde_json::from_str(&status.stdout).unwrap_or_else(|e| panic!("{e}"));
    let mut expected: Vec<(String, String)> = Vec::new();
    for item in status["items"].as_array().into_iter().flatten() {
        let phrase = if item["status"] == "postponed" {
            item["postponed_to"]["phrase"].as_str()
        } else {
            item["deadline"]["phrase"].as_str()
        }
        .unwrap_or_default();
        let d = Moc::in_temp()
            .args(["deadline", phrase, "--year", "2026", "--format", "json"])
            .run();
        let Ok(d) = serde_json::from_str::<serde_json::Value>(&d.stdout) else {
            continue;
        };
        // the event names the item as moc does everywhere: «2.2.» is item 2.2
        let number = item["id"].as_str().unwrap_or_default().to_owned();
        let day = |v: &serde_json::Value| v.as_str().unwrap_or_default().replace('-', "");
        // year-round work has no day to be in a calendar (src/render/ics.rs)
        let occurrences = d["occurrences"].as_array().map_or(0, Vec::len);
        if d["start"] == "2026-01-01" && d["end"] == "2026-12-31" && occurrences <= 1 {
            continue;
        }
        match d["occurrences"].as_array() {
            Some(o) if !o.is_empty() => {
                expected.extend(o.iter().map(|o| (number.clone(), day(&o["due"]))));
            }
            _ => {
                if !d["due"].is_null() {
                    expected.push((number.clone(), day(&d["due"])));
                }
            }
        }
    }

    let events: Vec<Vec<(String, String)>> = parse_ics(&text)
        .into_iter()
        .filter(|(name, _)| name == "VEVENT")
        .map(|(_, props)| props)
        .collect();
    let prop = |e: &Vec<(String, String)>, k: &str| {
        e.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut got: Vec<(String, String)> = events
        .iter()
        .map(|e| {
            let summary = prop(e, "SUMMARY");
            // DTEND is the day after the due date (RFC 5545: the end is not part of the event)
            let end = chrono::NaiveDate::parse_from_str(&prop(e, "DTEND"), "%Y%m%d")
                .unwrap_or_else(|e| panic!("DTEND: {e}"));
            (
                summary.split(' ').next().unwrap_or_default().to_owned(),
                (end - chrono::Duration::days(1))
                    .format("%Y%m%d")
                    .to_string(),
            )
        })
        .collect();
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
    // monthly work: twelve events; three dates written in one cell: three events
    assert_eq!(got.iter().filter(|(n, _)| n == "1.8").count(), 12);
    assert_eq!(got.iter().filter(|(n, _)| n == "3.3").count(), 3);
    let mut uids: Vec<String> = events.iter().map(|e| prop(e, "UID")).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
    let first = events
        .iter()
        .find(|e| prop(e, "SUMMARY").starts_with("1.8 "))
        .unwrap_or_else(|| panic!("no event of 1.8"));
    let description = prop(first, "DESCRIPTION");
    assert!(
        description.contains("Ответственные: Руководитель МОЦ, методист"),
        "{description}"
    );
    assert!(description.contains("Состояние: "), "{description}");
    assert!(!prop(first, "DTSTAMP").is_empty());

    // the same plans give the same file: importing it again updates, never doubles
    let again = m.run();
    assert_eq!(again.code, 0);
    assert_eq!(
        std::fs::read_to_string(m.dir().join("plan.ics")).unwrap_or_default(),
        text
    );
}

#[test]
fn calendar_follows_the_status_filters() {
    let out = Moc::in_repo()
        .args([
            "calendar",
            "plans/mosalsk-2026.toml",
            "--as-of",
            "2026-10-01",
            "--responsible",
            "методист",
        ])
        .run();
    assert_eq!(out.code, 0, "{out}");
    let events = parse_ics(&out.stdout)
        .into_iter()
        .filter(|(n, _)| n == "VEVENT")
        .count();
    let all = Moc::in_repo()
        .args([
            "calendar",
            "plans/mosalsk-2026.toml",
            "--as-of",
            "2026-10-01",
        ])
        .run();
    let all_events = parse_ics(&all.stdout)
        .into_iter()
        .filter(|(n, _)| n == "VEVENT")
        .count();
    assert!(
        events > 0 && events < all_events,
        "{events} of {all_events}"
    );
}

/// The text of every table of a Word document, row by row.
fn docx_tables(bytes: &[u8]) -> Vec<Vec<Vec<String>>> {
    use docx_rs::{
        DocumentChild, ParagraphChild, RunChild, TableCellContent, TableChild, TableRowChild,
    };
    let doc = docx_rs::read_docx(bytes).unwrap_or_else(|e| panic!("not a Word document: {e}"));
    let mut tables = Vec::new();
    for child in &doc.document.children {
        let DocumentChild::Table(t) = child else {
            continue;
        };
        let mut rows = Vec::new();
        for TableChild::TableRow(row) in &t.rows {
            let mut cells = Vec::new();
            for TableRowChild::TableCell(cell) in &row.cells {
                let mut text = String::new();
                for content in &cell.children {
                    if let TableCellContent::Paragraph(p) = content {
                        for pc in &p.children {
                            if let ParagraphChild::Run(r) = pc {
                                for rc in &r.children {
                                    match rc {
                                        RunChild::Text(t) => text.push_str(&t.text),
                                        RunChild::Break(_) => text.push('\n'),
                                        _ => {}
                                    }
                                }
                            }
                        }
                    }
                }
                cells.push(text);
            }
            rows.push(cells);
        }
        tables.push(rows);
    }
    tables
}

#[test]
fn word_report_reads_back() {
    let m = Moc::in_temp()
        .copy(PLANS[2], "plans/mosalsk-2026.toml")
        .args([
            "report",
            "--as-of",
            "2026-12-20",
            "--format",
            "docx",
            "-o",
            "отчёт.docx",
        ]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    let bytes = std::fs::read(m.dir().join("отчёт.docx")).unwrap_or_default();
    let tables = docx_tables(&bytes);

    // the same figures as the Markdown report
    let md = Moc::in_temp()
        .copy(PLANS[2], "plans/mosalsk-2026.toml")
        .args(["report", "--as-of", "2026-12-20", "--format", "json"])
        .run();
    let json: serde_json::Value =
        serde_json::from_str(&md.stdout).unwrap_or_else(|e| panic!("{e}"));
    let plan = &json["plans"][0];
    let sections = plan["sections"].as_array().map_or(0, Vec::len);
    // summary + one table per section + not done + (indicators) + responsibles
    assert!(tables.len() >= sections + 3, "{} tables", tables.len());
    let summary = &tables[0];
    assert_eq!(summary[0][0], "Раздел");
    assert_eq!(summary[0][8], "Выполнение");
    assert_eq!(
        summary.len(),
        sections + 2,
        "a row per section, the header and the total"
    );
    let total = summary.last().cloned().unwrap_or_default();
    assert_eq!(total[0], "Всего");
    assert_eq!(total[1], plan["total"]["items"].to_string());
    assert_eq!(total[2], plan["total"]["done"].to_string());
    // each section's table lists its items with their results
    for (k, sec) in plan["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let t = &tables[1 + k];
        assert_eq!(
            t[0],
            [
                "№",
                "Мероприятие",
                "Срок",
                "Ответственные",
                "Результат исполнения"
            ]
        );
        let items = sec["items"].as_array().cloned().unwrap_or_default();
        assert_eq!(t.len(), items.len() + 1);
        for (row, item) in t.iter().skip(1).zip(&items) {
            assert_eq!(row[0], item["number"].as_str().unwrap_or_default());
            assert_eq!(row[4], item["result_text"].as_str().unwrap_or_default());
        }
    }

    // Times New Roman, 14 pt text and 12 pt tables, bordered tables, landscape A4
    let xml = unzip_member(&bytes, "word/document.xml");
    assert!(xml.contains("w:ascii=\"Times New Roman\""));
    assert!(
        xml.contains("<w:sz w:val=\"24\" />") && xml.contains("<w:sz w:val=\"28\" />"),
        "font sizes"
    );
    assert!(xml.contains("<w:insideV w:val=\"single\""), "table borders");
    assert!(xml.contains("w:orient=\"landscape\""));
}

fn unzip_member(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let mut member = archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut text = String::new();
    member
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{e}"));
    text
}

#[test]
fn word_report_to_a_redirect_but_not_to_a_terminal_by_accident() {
    let out = Moc::in_repo()
        .args([
            "report",
            "plans/sayansk-2026.toml",
            "--as-of",
            "2026-12-20",
            "--format",
            "docx",
        ])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("PK"), "a redirect gets the document");
}

#[test]
fn spreadsheet_has_one_row_per_item() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let m = Moc::in_temp()
        .copy(PLANS[0], "plans/mosalsk-2026.toml")
        .copy(PLANS[1], "plans/sayansk-2026.toml")
        .args([
            "status",
            "--as-of",
            "2026-10-01",
            "--format",
            "xlsx",
            "-o",
            "состояние.xlsx",
        ]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    assert!(
        out.stderr.contains("таблица записана в состояние.xlsx"),
        "{out}"
    );
    let mut wb: Xlsx<_> =
        open_workbook(m.dir().join("состояние.xlsx")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(wb.sheet_names(), ["Мероприятия"]);
    let range = wb
        .worksheet_range("Мероприятия")
        .unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<&[Data]> = range.rows().collect();
    let head: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(&head[..5], ["План", "Раздел", "№", "Мероприятие", "Срок"]);

    let json = Moc::in_temp()
        .copy(PLANS[0], "plans/mosalsk-2026.toml")
        .copy(PLANS[1], "plans/sayansk-2026.toml")
        .args(["status", "--as-of", "2026-10-01", "--format", "json"])
        .run();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap_or_else(|e| panic!("{e}"));
    let items: Vec<&serde_json::Value> = v["items"].as_array().into_iter().flatten().collect();
    assert_eq!(rows.len(), items.len() + 1, "a row per item and the header");
    for (row, item) in rows.iter().skip(1).zip(&items) {
        assert_eq!(
            row[2].to_string(),
            item["number"].as_str().unwrap_or_default()
        );
        assert_eq!(
            row[4].to_string(),
            item["deadline"]["phrase"].as_str().unwrap_or_default()
        );
        let late = item["days_late"].as_i64();
        match late {
            Some(n) => assert_eq!(row[10], Data::Float(n as f64)),
            None => assert_eq!(row[10], Data::Empty),
        }
        // dates are real dates, not text
        if item["deadline"]["due"].is_string() {
            assert!(matches!(row[7], Data::DateTime(_)), "{:?}", row[7]);
        }
    }
}

#[test]
fn html_report_is_self_contained() {
    let out = Moc::in_repo()
        .args([
            "report",
            "plans/mosalsk-2026.toml",
            "--as-of",
            "2026-12-20",
            "--format",
            "html",
        ])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = out.stdout;
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<html lang=\"ru\">"));
    for remote in [
        "src=",
        "href=",
        "url(",
        "@import",
        "<script",
        "<link",
        "http://www.w3.org/1999",
    ] {
        assert!(
            !page.contains(remote),
            "the page fetches something: {remote}"
        );
    }
    assert_eq!(
        page.matches("<svg").count(),
        2,
        "the bar chart and the timeline"
    );
    assert!(page.contains("Выполнение по разделам"));
    assert!(page.contains("Год плана: срок каждого мероприятия"));
    let en = Moc::in_repo()
        .args([
            "--lang",
            "en",
            "report",
            "plans/mosalsk-2026.toml",
            "--as-of",
            "2026-12-20",
            "--format",
            "html",
        ])
        .run();
    assert!(
        en.stdout.contains("<html lang=\"en\">") && en.stdout.contains("Share done by section")
    );
}

/// The system's Chromium, if there is one.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

#[test]
fn html_report_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        // .ci/run installs Chromium; in CI its absence is a failure, not a skip
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is not installed: .ci/run should have installed it"
        );
        eprintln!("SKIPPED html_report_renders_in_headless_chromium: no Chromium on PATH");
        return;
    };
    let m = Moc::in_temp()
        .copy(PLANS[2], "plans/mosalsk-2026.toml")
        .args([
            "report",
            "--as-of",
            "2026-12-20",
            "--format",
            "html",
            "-o",
            "report.html",
        ]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    let page = m.dir().join("report.html");
    let url = format!("file://{}", page.display());
    let shot = m.dir().join("report.png");
    let profile = m.dir().join("profile");
    let common = [
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-background-networking".to_owned(),
        "--no-first-run".to_owned(),
        format!("--user-data-dir={}", profile.display()),
        "--enable-logging=stderr".to_owned(),
        "--v=0".to_owned(),
        "--window-size=1200,3000".to_owned(),
    ];
    let shot_run = Command::new(&browser)
        .args(&common)
        .arg(format!("--screenshot={}", shot.display()))
        .arg(&url)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", browser.display()));
    let log = String::from_utf8_lossy(&shot_run.stderr);
    assert!(shot_run.status.success(), "{log}");
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    let png = std::fs::read(&shot).unwrap_or_default();
    assert!(png.starts_with(b"\x89PNG"), "no screenshot");
    assert!(
        png.len() > 20_000,
        "the screenshot is nearly empty: {} bytes",
        png.len()
    );

    // the page as the browser built it: both charts drawn, every bar and every item's window
    let dom_run = Command::new(&browser)
        .args(&common)
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let dom = String::from_utf8_lossy(&dom_run.stdout);
    assert_eq!(
        dom.matches("<svg").count(),
        2,
        "{}",
        &dom[..dom.len().min(500)]
    );
    assert!(dom.matches("class=\"bar\"").count() >= 1);
    // a row per item with dates, the others listed under the chart (tests/cli/web.rs: the bars)
    let items = read_repo(PLANS[2]).matches("[[section.item]]").count();
    assert_eq!(
        dom.matches("class=\"item\"").count() + dom.matches("<span class=\"undated\"").count(),
        items,
        "every item on the timeline"
    );
}

#[test]
fn status_to_a_file_is_plain_text() {
    let m = Moc::in_temp()
        .copy(PLANS[0], "plans/mosalsk-2026.toml")
        .args([
            "status",
            "--as-of",
            "2026-10-01",
            "--color",
            "always",
            "-o",
            "состояние.txt",
        ]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    assert!(out.stdout.is_empty(), "{out}");
    let text = std::fs::read_to_string(m.dir().join("состояние.txt")).unwrap_or_default();
    assert!(text.contains("1.3"), "{text}");
    assert!(!text.contains('\u{1b}'), "colour codes in a file");
}

#[test]
fn new_plans_carry_the_schema_line() {
    let schema = read_repo("moc-plan.schema.json");
    // a municipality's repository: plans/ and the schema at the root
    let m = Moc::in_temp()
        .file("moc-plan.schema.json", &schema)
        .file("plans/.keep", "")
        .args([
            "init",
            "--year",
            "2027",
            "--municipality",
            "Мосальский муниципальный округ",
        ]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    let made: Vec<PathBuf> = std::fs::read_dir(m.dir().join("plans"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    let text = std::fs::read_to_string(&made[0]).unwrap_or_default();
    assert!(
        text.starts_with("#:schema ../moc-plan.schema.json\n"),
        "{text}"
    );

    // a region's layout is one folder deeper; an imported plan gets the line too
    let m = Moc::in_temp()
        .file("moc-plan.schema.json", &schema)
        .file("moc.toml", "[region]\nname = \"Калужская область\"\n")
        .copy("tests/fixtures/seeds/mosalsk-2026.txt", "mosalsk.txt")
        .args(["import", "mosalsk.txt", "-o", "plans/mosalsk/2026.toml"]);
    let out = m.run();
    assert!(out.code == 0 || out.code == 1, "{out}");
    let text = std::fs::read_to_string(m.dir().join("plans/mosalsk/2026.toml")).unwrap_or_default();
    assert!(
        text.starts_with("#:schema ../../moc-plan.schema.json\n"),
        "{text}"
    );
    let checked = Moc::in_temp()
        .file("moc-plan.schema.json", &schema)
        .file("plans/mosalsk/2026.toml", &text)
        .args(["fmt", "--check"])
        .run();
    assert_eq!(checked.code, 0, "{checked}");

    // without a schema in the repository nothing is added
    let m = Moc::in_temp().file("plans/.keep", "").args([
        "init",
        "--year",
        "2027",
        "-o",
        "plans/p.toml",
    ]);
    assert_eq!(m.run().code, 0);
    let text = std::fs::read_to_string(m.dir().join("plans/p.toml")).unwrap_or_default();
    assert!(!text.contains("#:schema"));
}

#[test]
fn output_folders_are_made_and_failures_name_the_file() {
    let m = Moc::in_temp()
        .copy(PLANS[1], "plans/sayansk-2026.toml")
        .args([
            "report",
            "--as-of",
            "2026-12-20",
            "-o",
            "отчёты/2026/отчёт.md",
        ]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    assert!(m.dir().join("отчёты/2026/отчёт.md").is_file());

    // a file where a folder should be: a clear error, exit 2
    let m = Moc::in_temp()
        .copy(PLANS[1], "plans/sayansk-2026.toml")
        .file("отчёты", "не папка")
        .args(["report", "--as-of", "2026-12-20", "-o", "отчёты/отчёт.md"]);
    let out = m.run();
    assert_eq!(out.code, 2, "{out}");
    assert!(out.stderr.contains("отчёты/отчёт.md"), "{out}");
}
