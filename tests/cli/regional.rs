//! The region's report (`moc report` over the plans of several municipalities and years): a test
//! region of three municipalities made from the seed plans, 2025 and 2026, with indicators given
//! as numerator and denominator (Мосальск), as the two counts (Саянск), and a municipality with
//! a 2025 plan and none for 2026 (Юхнов). Markdown and JSON snapshots, a parsed Word document,
//! the web page in Chromium.

use crate::{Moc, read_repo};

const SETTINGS: &str = r#"[region]
name = "Калужская область"
year = 2026

[[indicator]]
id = "coverage_5_18"
target = 82.0

[[indicator]]
id = "navigator_programs"
target = 100
"#;

/// A seed plan moved to 2025.
fn to_2025(text: &str) -> String {
    text.replace("2026", "2025")
}

fn indicators(list: &[(&str, &str)]) -> String {
    list.iter()
        .map(|(id, values)| format!("\n[[indicator]]\nid = \"{id}\"\n{values}\n"))
        .collect()
}

/// The region: three municipalities, two years.
fn region() -> Moc {
    let mosalsk = read_repo("plans/mosalsk-2026.toml");
    let sayansk = read_repo("plans/sayansk-2026.toml");
    // Мосальск, 2026: the bundled mid-year example (statuses, results; coverage as 1 212 of
    // 1 530, 47 programs); 2025: the seed plan a year earlier, coverage as 1 150 of 1 520
    let mosalsk_2025 = to_2025(&mosalsk)
        + &indicators(&[
            (
                "coverage_5_18",
                "name = \"Охват детей 5–18 лет\"\nunit = \"%\"\nnumerator = 1150\ndenominator = 1520",
            ),
            (
                "navigator_programs",
                "name = \"Программ в Навигаторе\"\nunit = \"ед.\"\nactual = 41",
            ),
        ]);
    // Саянск gives the two counts instead of the share
    let counts = |covered: u32, total: u32, programs: u32| {
        indicators(&[
            (
                "children_5_18_covered",
                &format!("name = \"Детей 5–18 лет в ДО\"\nunit = \"чел.\"\nactual = {covered}"),
            ),
            (
                "children_5_18_total",
                &format!("name = \"Детей 5–18 лет\"\nunit = \"чел.\"\nactual = {total}"),
            ),
            (
                "navigator_programs",
                &format!("name = \"Программ в Навигаторе\"\nunit = \"ед.\"\nactual = {programs}"),
            ),
        ])
    };
    let sayansk_2026 = sayansk.clone() + &counts(2900, 3500, 60);
    let sayansk_2025 = to_2025(&sayansk) + &counts(2700, 3480, 52);
    // Юхнов: a plan for 2025 and none for 2026
    let yukhnov_2025 = to_2025(&mosalsk)
        .replace("Мосальский муниципальный округ", "Юхновский район")
        .replace("Мосальский дом творчества", "Юхновский дом творчества");
    Moc::in_temp()
        .file("moc.toml", SETTINGS)
        .copy(
            "examples/mosalsk-2026-midyear.toml",
            "plans/mosalsk/2026.toml",
        )
        .file("plans/mosalsk/2025.toml", mosalsk_2025)
        .file("plans/sayansk/2026.toml", sayansk_2026)
        .file("plans/sayansk/2025.toml", sayansk_2025)
        .file("plans/yukhnov/2025.toml", yukhnov_2025)
}

/// The region's part of the Markdown report: up to the first plan's own report.
fn region_part(md: &str) -> &str {
    let slipped = md
        .find("## Просроченное и невыполненное")
        .unwrap_or_else(|| panic!("no slipped section: {md}"));
    let end = md[slipped + 3..]
        .find("\n## ")
        .map_or(md.len(), |i| slipped + 3 + i);
    &md[..end]
}

#[test]
fn the_region_adds_up_its_municipalities_beside_last_year() {
    let out = region().args(["report", "--as-of", "2026-12-20"]).run();
    assert_eq!(out.code, 0, "{out}");
    let md = &out.stdout;
    // who has no plan for 2026: said in the report and on standard error
    assert!(
        md.contains("Юхновский район — последний план за 2025 год"),
        "{md}"
    );
    assert!(
        out.stderr
            .contains("нет плана на 2026 год: Юхновский район"),
        "{out}"
    );
    // the region's coverage from the summed counts: (1 212 + 2 900) / (1 530 + 3 500) = 81,7 %,
    // against the region's 82 % — not reached; the year before (1 150 + 2 700) / (1 520 + 3 480)
    let coverage = md
        .lines()
        .find(|l| l.starts_with("| Доля детей в возрасте от 5 до 18 лет"))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(coverage.contains("**81,7\u{a0}%**"), "{coverage}");
    assert!(coverage.contains("| 77,0\u{a0}% |"), "{coverage}");
    assert!(coverage.contains("не достигнута"), "{coverage}");
    // the programs summed: 47 + 60, and 41 + 52 the year before; the target of 100 reached
    let programs = md
        .lines()
        .find(|l| l.starts_with("| Количество дополнительных общеобразовательных программ"))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(programs.contains("**107**"), "{programs}");
    assert!(programs.contains("| 93 |"), "{programs}");
    assert!(programs.contains("достигнута"), "{programs}");
    // each municipality's 2025 figure beside its 2026 one
    let summary = md
        .lines()
        .find(|l| l.starts_with("| город Саянск |"))
        .unwrap_or_else(|| panic!("{md}"));
    assert_eq!(summary.matches('%').count(), 2, "2026 and 2025: {summary}");
    insta::assert_snapshot!("region_report_markdown", region_part(md));
}

#[test]
fn the_region_as_json() {
    let out = region()
        .args(["report", "--as-of", "2026-12-20", "--format", "json"])
        .run();
    assert_eq!(out.code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let region = &v["region"];
    assert_eq!(region["year"], 2026);
    assert_eq!(region["missing"][0]["name"], "Юхновский район");
    let coverage = region["indicators"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["id"] == "coverage_5_18"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(coverage["now"]["numerator"], 4112.0);
    assert_eq!(coverage["now"]["denominator"], 5030.0);
    assert_eq!(coverage["met"], false);
    // the plans of 2026, each with its own report
    assert_eq!(v["plans"].as_array().map(Vec::len), Some(2));
    insta::assert_json_snapshot!("region_report_json", region);
}

#[test]
fn the_region_as_a_word_document() {
    let (m, _guard) = region()
        .args(["report", "--as-of", "2026-12-20", "-o", "region.docx"])
        .keep();
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    let xml = crate::word::member(&m.dir().join("region.docx"), "word/document.xml");
    let outline = crate::word::outline(&xml);
    for expected in [
        "Отчёт о деятельности муниципальных опорных центров за 2026 год: Калужская область",
        "Сводка по муниципалитетам",
        "Юхновский район — последний план за 2025 год",
        "81,7",
        "107",
    ] {
        assert!(outline.contains(expected), "{expected} not in {outline}");
    }
}

#[test]
fn the_region_page_in_a_browser() {
    let (m, _guard) = region()
        .args(["report", "--as-of", "2026-12-20", "-o", "region.html"])
        .keep();
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    let page = m.dir().join("region.html");
    let dom = crate::web::dom(&page);
    // the municipalities by share done, and the region's indicators over the years
    assert!(
        dom.contains("Выполнение планов по муниципалитетам, 2026 год"),
        "{dom}"
    );
    assert!(dom.contains("— по годам"), "{dom}");
    assert!(dom.contains("Юхновский район"), "{dom}");
    let png = m.dir().join("region.png");
    crate::web::chromium(
        m.dir(),
        &page,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1280,2400".to_owned(),
        ],
    );
    let shot = std::fs::read(&png).unwrap_or_else(|e| panic!("{e}"));
    assert!(shot.starts_with(b"\x89PNG"), "not a picture");
    let keep = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("region-report.png");
    std::fs::write(&keep, &shot).unwrap_or_else(|e| panic!("{e}"));
}
