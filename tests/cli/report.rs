//! `moc report` and `moc render`: the documents parse as Markdown with the right table shapes,
//! agree with `moc status`, add up, survive hostile plan text, and convert with pandoc.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::{Moc, read_repo};

/// Every table of a Markdown document: its rows (header first), each a list of cell texts.
fn tables(md: &str) -> Vec<Vec<Vec<String>>> {
    let mut out: Vec<Vec<Vec<String>>> = Vec::new();
    let mut row: Option<Vec<String>> = None;
    let mut cell: Option<String> = None;
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Table(_)) => out.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => row = Some(Vec::new()),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let (Some(r), Some(t)) = (row.take(), out.last_mut()) {
                    t.push(r);
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(c), Some(r)) = (cell.take(), row.as_mut()) {
                    r.push(c);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&h);
                }
            }
            _ => {}
        }
    }
    out
}

/// Snapshot a report with the revision it names (which changes with every commit of this
/// repository) replaced by a placeholder.
fn snapshot_report(name: &str, md: &str) {
    insta::with_settings!({ filters => vec![
        (r"(коммит|commit) [0-9a-f]{7,} (от|of) \d{4}-\d{2}-\d{2}( \([^)]*\))?", "$1 [REVISION]"),
    ] }, {
        insta::assert_snapshot!(name, md);
    });
}

fn report(args: &[&str]) -> String {
    let out = Moc::in_repo().args(["report"]).args(args).run();
    assert_eq!(out.code, 0, "{out}");
    out.stdout
}

#[test]
fn annual_report_of_the_mid_year_example() {
    let md = report(&["examples/", "--as-of", "2026-12-20"]);
    snapshot_report("annual_report", &md);
    let t = tables(&md);
    // summary, one table per section (6), not done, indicators, responsibles
    assert_eq!(t.len(), 1 + 6 + 3, "{md}");
    for section_table in &t[1..7] {
        for row in section_table {
            assert_eq!(row.len(), 5, "{row:?}");
        }
    }
}

#[test]
fn every_item_row_agrees_with_status() {
    let md = report(&["examples/", "--as-of", "2026-12-20"]);
    let status = Moc::in_repo()
        .args([
            "status",
            "examples/",
            "--as-of",
            "2026-12-20",
            "--format",
            "json",
        ])
        .run();
    let s: serde_json::Value =
        serde_json::from_str(&status.stdout).unwrap_or_else(|e| panic!("{e}"));
    let json = report(&["examples/", "--as-of", "2026-12-20", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    let t = tables(&md);
    let rows: Vec<&Vec<String>> = t[1..7].iter().flat_map(|tbl| tbl.iter().skip(1)).collect();
    let items = s["items"].as_array().unwrap_or_else(|| panic!("items"));
    assert_eq!(rows.len(), items.len());
    let report_items: Vec<&serde_json::Value> = r["plans"][0]["sections"]
        .as_array()
        .unwrap_or_else(|| panic!("sections"))
        .iter()
        .flat_map(|sec| sec["items"].as_array().into_iter().flatten())
        .collect();
    for ((row, item), ri) in rows.iter().zip(items).zip(&report_items) {
        assert_eq!(row[0], item["number"].as_str().unwrap_or_default());
        assert_eq!(row[1], item["title"].as_str().unwrap_or_default());
        assert_eq!(
            row[2],
            item["deadline"]["phrase"].as_str().unwrap_or_default()
        );
        assert_eq!(ri["state"], item["state"], "{row:?}");
        if let Some(result) = item["result"].as_str() {
            assert!(row[4].contains(result), "result missing in {row:?}");
        }
        // the report judges the year, the status the day: work still due by 31 December
        // counts as not done in the report, and work on demand stands outside the count
        let expected: &[&str] = match item["state"].as_str().unwrap_or_default() {
            "done" => &["done"],
            "partly_done" => &["partly_done"],
            "cancelled" => &["cancelled"],
            "postponed" => &["postponed", "not_done", "partly_done", "done"],
            "on_demand" => &["outside"],
            _ => &["not_done", "partly_done", "outside"],
        };
        assert!(
            expected.contains(&ri["category"].as_str().unwrap_or_default()),
            "{ri}"
        );
    }
}

#[test]
fn summary_counts_add_up() {
    let json = report(&[
        "examples/",
        "plans/",
        "--as-of",
        "2026-12-20",
        "--format",
        "json",
    ]);
    let r: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    let parts = [
        "done",
        "partly_done",
        "not_done",
        "postponed",
        "cancelled",
        "outside",
    ];
    let sum = |c: &serde_json::Value| {
        parts
            .iter()
            .map(|p| c[p].as_u64().unwrap_or(0))
            .sum::<u64>()
    };
    let mut grand = 0;
    for plan in r["plans"].as_array().unwrap_or(&Vec::new()) {
        let total = &plan["total"];
        assert_eq!(sum(total), total["items"].as_u64().unwrap_or(0), "{total}");
        // counted = everything but what stands outside the count: postponed, cancelled, outside
        let not_counted = ["postponed", "cancelled", "outside"]
            .iter()
            .map(|p| total[p].as_u64().unwrap_or(0))
            .sum::<u64>();
        assert_eq!(
            total["counted"].as_u64().unwrap_or(0) + not_counted,
            total["items"].as_u64().unwrap_or(0),
            "{total}"
        );
        let mut by_section = 0;
        for sec in plan["sections"].as_array().unwrap_or(&Vec::new()) {
            let c = &sec["counts"];
            assert_eq!(sum(c), c["items"].as_u64().unwrap_or(0));
            assert_eq!(
                c["items"].as_u64().unwrap_or(0),
                sec["items"].as_array().map_or(0, |a| a.len() as u64)
            );
            by_section += c["items"].as_u64().unwrap_or(0);
        }
        assert_eq!(by_section, total["items"].as_u64().unwrap_or(0));
        grand += by_section;
    }
    assert_eq!(grand, 29 + 29 + 16);
    assert_eq!(r["total"]["items"], 74);
}

#[test]
fn hostile_item_text_keeps_tables_intact() {
    let plan = read_repo("plans/sayansk-2026.toml").replace(
        "title = \"Мониторинг деятельности МОЦ\"",
        "title = \"Мониторинг | деятельности\\nМОЦ <script>alert(1)</script> *жирно* [ссылка](http://x)\"\nresult = \"Итоги | в таблице\\nвторая строка\"\nstatus = \"done\"",
    );
    let out = Moc::in_temp()
        .file("p.toml", plan.clone())
        .args(["report", "p.toml", "--as-of", "2026-12-20"])
        .run();
    assert_eq!(out.code, 0, "{out}");
    assert!(!out.stdout.contains("<script>"), "{}", out.stdout);
    let t = tables(&out.stdout);
    for section_table in &t[1..5] {
        for row in section_table {
            assert_eq!(row.len(), 5, "{row:?}");
        }
    }
    let row = t[1]
        .iter()
        .find(|r| r[0] == "3.")
        .unwrap_or_else(|| panic!("no row 3."));
    assert!(
        row[1].contains("Мониторинг | деятельности") && row[1].contains("<br>"),
        "{row:?}"
    );
    // the specials are text, not markup: the script is shown, the asterisks stay
    assert!(
        row[1].contains("<script>alert(1)</script> *жирно* [ссылка](http://x)"),
        "{row:?}"
    );
    let rendered = Moc::in_temp()
        .file("p.toml", plan)
        .args(["render", "p.toml"])
        .run();
    for row in &tables(&rendered.stdout)[0] {
        assert_eq!(row.len(), 4, "{row:?}");
    }
}

#[test]
fn quarterly_report() {
    let md = report(&["examples/", "--as-of", "2026-10-05", "--quarter", "3"]);
    assert!(md.contains("за III квартал 2026 г."), "{md}");
    assert!(md.contains("Промежуточные итоги"), "{md}");
    snapshot_report("quarterly_report", &md);
}

#[test]
fn multi_plan_report() {
    let md = report(&["plans/", "examples/", "--as-of", "2026-12-20"]);
    let t = tables(&md);
    // the Mosalsk plan and its mid-year example are one municipality's plans for 2026: one row
    assert_eq!(t[0].len(), 1 + 2 + 1, "header, two municipalities, total");
    snapshot_report("multi_plan_report", &md);
}

#[test]
fn english_report() {
    let md = report(&[
        "examples/",
        "--as-of",
        "2026-12-20",
        "--lang",
        "en",
        "--half",
        "2",
    ]);
    assert!(
        md.contains("Interim") || md.contains("Activity report"),
        "{md}"
    );
    snapshot_report("english_report", &md);
}

#[test]
fn output_file() {
    let m = Moc::in_temp()
        .copy("examples/mosalsk-2026-midyear.toml", "plans/p.toml")
        .args(["report", "-o", "отчёт.md", "--as-of", "2026-12-20"]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("отчёт.md"), "{out}");
    let text = std::fs::read_to_string(m.dir().join("отчёт.md")).unwrap_or_default();
    assert!(text.starts_with("> **Утверждено**"), "{text}");
}

#[test]
fn render_reproduces_the_seed_structure() {
    let out = Moc::in_repo()
        .args(["render", "plans/mosalsk-2026.toml"])
        .run();
    assert_eq!(out.code, 0, "{out}");
    insta::assert_snapshot!("render_mosalsk", out.stdout);
    let t = tables(&out.stdout);
    assert_eq!(t.len(), 1);
    // the numbered rows of the Word copy, in order (the empty row 1.10 excepted)
    let seed = read_repo("tests/fixtures/seeds/mosalsk-2026.txt");
    let mut expected: Vec<(String, String)> = Vec::new();
    for line in seed.lines().skip_while(|l| !l.starts_with("№ п/п")).skip(1) {
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let Some(first) = cells.first() else { continue };
        if first.is_empty() || cells.len() < 2 {
            continue;
        }
        if *first == "1.10" {
            continue;
        }
        if cells[1..].iter().all(|c| c.is_empty()) {
            // a section row: «1. Мероприятия по …»
            let (n, title) = first.split_once(". ").unwrap_or((first, ""));
            expected.push((String::new(), format!("{n}. {title}")));
        } else {
            expected.push(((*first).to_owned(), cells[1].to_owned()));
        }
    }
    let got: Vec<(String, String)> = t[0]
        .iter()
        .skip(1)
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(&expected) {
        assert_eq!(g.0, e.0);
        assert!(g.1.starts_with(&e.1), "{g:?} does not start with {e:?}");
    }
}

#[test]
fn pandoc_converts_the_report_to_word() {
    let m = Moc::in_temp()
        .copy("examples/mosalsk-2026-midyear.toml", "plans/p.toml")
        .args(["report", "-o", "report.md", "--as-of", "2026-12-20"]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    let pandoc = |args: &[&str]| {
        std::process::Command::new("pandoc")
            .current_dir(m.dir())
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("pandoc is needed for this test (.ci/run installs it): {e}"))
    };
    let docx = pandoc(&["-f", "gfm", "report.md", "-o", "report.docx"]);
    assert!(
        docx.status.success(),
        "{}",
        String::from_utf8_lossy(&docx.stderr)
    );
    assert!(std::fs::metadata(m.dir().join("report.docx")).map_or(0, |md| md.len()) > 5000);
    let ast = pandoc(&["-f", "gfm", "-t", "json", "report.md"]);
    let v: serde_json::Value =
        serde_json::from_slice(&ast.stdout).unwrap_or_else(|e| panic!("{e}"));
    let blocks = v["blocks"].as_array().unwrap_or_else(|| panic!("blocks"));
    let tables = blocks.iter().filter(|b| b["t"] == "Table").count();
    assert_eq!(tables, 10);
}
