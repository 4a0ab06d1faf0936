//! The report's web page in a real browser (headless Chromium: the page as built, printed to
//! PDF, photographed) and the calendar read back by an iCalendar parser, on the bundled example
//! and the seed plans at fixed dates.
//!
//! Chromium is required: `.ci/run` installs it, and without it these tests fail rather than skip
//! — a web page no browser has opened is not tested.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Moc, read_repo};

const EXAMPLE: &str = "examples/mosalsk-2026-midyear.toml";
const SEEDS: [&str; 2] = ["plans/mosalsk-2026.toml", "plans/sayansk-2026.toml"];

/// The system's Chromium; a test that needs it fails, with what to do, when there is none.
fn browser() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!(
        "no Chromium on PATH (looked for chromium, chromium-browser, google-chrome, chrome): the web \
         page is tested in a real browser — install it (apt-get install chromium; .ci/run does)"
    )
}

/// Run headless Chromium on `page` with `args`, its profile in `dir`; its output, after checking
/// that it ran.
pub(crate) fn chromium(dir: &Path, page: &Path, args: &[String]) -> std::process::Output {
    let browser = browser();
    let out = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-extensions",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", browser.display()));
    assert!(
        out.status.success(),
        "{} failed: {}",
        browser.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The year's report of `plan` at `as_of` as a web page in a temporary folder (kept alive by the
/// returned guard).
fn report_page(plan: &str, as_of: &str) -> (PathBuf, Option<tempfile::TempDir>) {
    let (m, guard) = Moc::in_temp()
        .copy(plan, "plans/plan-2026.toml")
        .args(["report", "--as-of", as_of, "-o", "report.html"])
        .keep();
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    (m.dir().join("report.html"), guard)
}

/// The page as the browser built it.
pub(crate) fn dom(page: &Path) -> String {
    let dir = page.parent().unwrap_or(Path::new("."));
    let out = chromium(dir, page, &["--dump-dom".to_owned()]);
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(dom.contains("</html>"), "no page: {dom}");
    dom
}

/// How many times `needle` occurs in `hay`.
fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn the_years_chart_draws_every_occurrence_in_a_browser() {
    let (page, _guard) = report_page(EXAMPLE, "2026-12-20");
    let dom = dom(&page);
    let bars = |id: &str| count(&dom, &format!("class=\"span\" data-item=\"{id}\""));
    // «ежемесячно»: a bar per month; «Июнь 2026 Март 2026г, Ноябрь 2026г.»: a bar per date
    assert_eq!(bars("1.8"), 12);
    assert_eq!(bars("3.3"), 3);
    // each month in its own state: January to March recorded, April missed, December ahead
    let states: Vec<&str> = dom
        .split("class=\"span\" data-item=\"1.8\" data-state=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(
        states,
        [
            "done", "done", "done", "overdue", "done", "done", "overdue", "overdue", "overdue",
            "overdue", "overdue", "due_soon"
        ]
    );
    // on demand: no bar, listed under the chart
    for id in ["1.7", "5.4", "5.5"] {
        assert_eq!(count(&dom, &format!("data-item=\"{id}\"")), 0, "{id}");
        assert!(
            dom.contains(&format!("\">{id}</span>")),
            "{id} is not listed"
        );
    }
    assert!(
        dom.contains("По запросу (без срока): <span"),
        "the list is missing"
    );
    // postponed from September to January: the window it left and the new one, on an axis that
    // reaches January 2027
    assert_eq!(count(&dom, "class=\"span former\" data-item=\"3.4\""), 1);
    assert_eq!(bars("3.4"), 1);
    assert!(dom.contains(">2027</text>"), "the axis does not reach 2027");
    assert!(
        dom.contains("перенесено на январь 2027г."),
        "«январь» inside a sentence"
    );
    // every item of the plan is on the chart: a row, or in the list
    let items = count(&read_repo(EXAMPLE), "[[section.item]]");
    assert_eq!(
        count(&dom, "<g class=\"item\">") + count(&dom, "<span class=\"undated\""),
        items
    );
    // the page fetches nothing and runs nothing
    for remote in ["<script", "<link", "src=", "href=", "url(", "@import"] {
        assert!(!dom.contains(remote), "{remote}");
    }
}

/// What `moc deadline` makes of a phrase in a 2026 plan.
fn deadline(phrase: &str) -> serde_json::Value {
    let out = Moc::in_temp()
        .args(["deadline", phrase, "--year", "2026", "--format", "json"])
        .run();
    serde_json::from_str(&out.stdout).unwrap_or(serde_json::Value::Null)
}

#[test]
fn the_seed_plans_get_a_bar_per_occurrence() {
    for plan in SEEDS.iter().chain([&EXAMPLE]) {
        let (page, _guard) = report_page(plan, "2026-12-20");
        let dom = dom(&page);
        // what moc understands of each item's (effective) deadline, item by item
        let status = Moc::in_temp()
            .copy(plan, "plans/plan-2026.toml")
            .args(["status", "--as-of", "2026-12-20", "--format", "json"])
            .run();
        let status: serde_json::Value =
            serde_json::from_str(&status.stdout).unwrap_or_else(|e| panic!("{plan}: {e}"));
        let mut expected: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let mut listed = 0;
        for item in status["items"].as_array().into_iter().flatten() {
            let id = item["id"].as_str().unwrap_or_default().to_owned();
            let postponed = item["status"] == "postponed";
            let phrase = if postponed {
                item["postponed_to"]["phrase"].as_str()
            } else {
                item["deadline"]["phrase"].as_str()
            }
            .unwrap_or_default();
            let d = deadline(phrase);
            if d["due"].is_null() {
                listed += 1;
                expected.insert(id, (0, 0));
                continue;
            }
            let bars = d["occurrences"].as_array().map_or(1, |o| o.len().max(1));
            expected.insert(id, (bars, usize::from(postponed)));
        }
        for (id, (bars, former)) in &expected {
            assert_eq!(
                (
                    count(&dom, &format!("class=\"span\" data-item=\"{id}\"")),
                    count(&dom, &format!("class=\"span former\" data-item=\"{id}\"")),
                ),
                (*bars, *former),
                "{plan}: item {id}"
            );
        }
        assert_eq!(count(&dom, "<span class=\"undated\""), listed, "{plan}");
    }
}

/// The `/MediaBox [0 0 w h]` of every page of a PDF.
fn media_boxes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    text.split("/MediaBox")
        .skip(1)
        .filter_map(|rest| {
            let inside = rest.split('[').nth(1)?.split(']').next()?;
            let v: Vec<f64> = inside
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            (v.len() == 4).then(|| (v[2] - v[0], v[3] - v[1]))
        })
        .collect()
}

#[test]
fn the_page_prints_on_a4_landscape() {
    let (page, _guard) = report_page(EXAMPLE, "2026-12-20");
    let dir = page.parent().unwrap_or(Path::new(".")).to_path_buf();
    let pdf = dir.join("report.pdf");
    chromium(
        &dir,
        &page,
        &[
            "--no-pdf-header-footer".to_owned(),
            format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("no PDF: {e}"));
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    let boxes = media_boxes(&bytes);
    assert!(boxes.len() >= 3, "{boxes:?}: the report is several pages");
    for (w, h) in &boxes {
        // A4 landscape: 297 × 210 mm = 842 × 595 pt
        assert!(
            (w - 842.0).abs() <= 2.0 && (h - 595.0).abs() <= 2.0,
            "a page of {w} × {h} pt, not A4 landscape"
        );
    }
}

/// The width and height of a PNG, from its header.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let be = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    (be(16), be(20))
}

#[test]
fn the_page_is_photographed_whole() {
    let (page, _guard) = report_page(EXAMPLE, "2026-12-20");
    let dir = page.parent().unwrap_or(Path::new(".")).to_path_buf();
    for (name, size) in [("screen", "1200,2000"), ("narrow", "700,1400")] {
        let shot = dir.join(format!("{name}.png"));
        let out = chromium(
            &dir,
            &page,
            &[
                format!("--window-size={size}"),
                format!("--screenshot={}", shot.display()),
            ],
        );
        let log = String::from_utf8_lossy(&out.stderr);
        let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
        assert!(console.is_empty(), "console messages: {console:#?}");
        let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot: {e}"));
        let (w, h) = png_size(&png);
        assert_eq!(
            format!("{w},{h}"),
            size,
            "the screenshot has the window's size"
        );
        assert!(
            png.len() > 30_000,
            "{name}: the screenshot is nearly empty ({} bytes)",
            png.len()
        );
    }
}

/// Events of an iCalendar text: their properties (unfolded, unescaped) and how many alarms each
/// has, with the alarm's properties under `VALARM/`.
fn events(text: &str) -> Vec<BTreeMap<String, String>> {
    let unfolded = icalendar::parser::unfold(text);
    let cal = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("not iCalendar: {e}"));
    cal.components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| {
            let mut m: BTreeMap<String, String> = c
                .properties
                .iter()
                .map(|p| (p.name.as_str().to_owned(), p.val.to_string()))
                .collect();
            let alarms: Vec<_> = c.components.iter().filter(|a| a.name == "VALARM").collect();
            m.insert("alarms".into(), alarms.len().to_string());
            for a in alarms {
                for p in &a.properties {
                    let params: String = p
                        .params
                        .iter()
                        .map(|x| {
                            let v = x.val.as_ref().map(icalendar::parser::ParseString::as_str);
                            format!(";{}={}", x.key.as_str(), v.unwrap_or_default())
                        })
                        .collect();
                    m.insert(
                        format!("VALARM/{}{params}", p.name.as_str()),
                        p.val.to_string(),
                    );
                }
            }
            m
        })
        .collect()
}

fn calendar_of(m: Moc) -> String {
    let m = m.args(["-o", "plan.ics"]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    std::fs::read_to_string(m.dir().join("plan.ics")).unwrap_or_else(|e| panic!("{e}"))
}

fn state(e: &BTreeMap<String, String>) -> &str {
    e["DESCRIPTION"]
        .lines()
        .find_map(|l| l.strip_prefix("Состояние: "))
        .unwrap_or("")
}

fn events_of<'a>(
    all: &'a [BTreeMap<String, String>],
    id: &str,
) -> Vec<&'a BTreeMap<String, String>> {
    all.iter()
        .filter(|e| e["SUMMARY"].split(' ').next() == Some(id))
        .collect()
}

fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y%m%d").unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn the_calendar_judges_every_occurrence_by_itself() {
    // the June and November schools of 3.3 held and recorded, as a methodist does it
    let (m, _guard) = Moc::in_temp()
        .copy(EXAMPLE, "plans/mosalsk-2026.toml")
        .keep();
    for (date, text) in [
        ("2026-06-20", "Летняя сезонная школа лидеров"),
        ("2026-11-14", "Осенняя досуговая школа"),
    ] {
        let out = Moc::in_temp_at(m.dir())
            .args(["progress", "3.3", text, "--date", date])
            .run();
        assert_eq!(out.code, 0, "{out}");
    }
    let text = calendar_of(Moc::in_temp_at(m.dir()).args(["calendar", "--as-of", "2026-12-20"]));
    let all = events(&text);

    let monthly = events_of(&all, "1.8");
    assert_eq!(monthly.len(), 12);
    // January was recorded: done, not «просрочено»; April was missed; December is due soon
    assert_eq!(state(monthly[0]), "выполнено");
    assert_eq!(state(monthly[3]), "просрочено");
    assert_eq!(state(monthly[11]), "скоро срок");
    let schools: Vec<&str> = events_of(&all, "3.3").into_iter().map(state).collect();
    assert_eq!(schools, ["просрочено", "выполнено", "выполнено"]);

    // spans where the phrase is a period, from its first day to the day after the due date
    for e in &all {
        let (start, end) = (day(&e["DTSTART"]), day(&e["DTEND"]));
        assert!(start < end, "{e:?}");
        assert_eq!(e["alarms"], "1", "every event has a reminder: {e:?}");
        assert_eq!(e["VALARM/ACTION"], "DISPLAY");
        assert!(
            e["VALARM/DESCRIPTION"].contains(&e["SUMMARY"]),
            "the reminder names the item: {e:?}"
        );
    }
    let march = monthly[2];
    assert_eq!(
        (&*march["DTSTART"], &*march["DTEND"]),
        ("20260301", "20260401")
    );
    let spring = &events_of(&all, "2.3")[0]; // «Апрель – май 2026г.»
    assert_eq!(
        (&*spring["DTSTART"], &*spring["DTEND"]),
        ("20260401", "20260601")
    );
    // the postponed item at its new date, saying where from
    let moved = &events_of(&all, "3.4")[0];
    assert_eq!(&*moved["DTSTART"], "20270101");
    assert!(moved["DESCRIPTION"].contains("Прежний срок: Сентябрь 2026г."));
    // year-round and on-demand work has no event (and the command says so)
    assert!(events_of(&all, "1.1").is_empty() && events_of(&all, "1.7").is_empty());
}

#[test]
fn reminders_follow_remind() {
    let plan = || Moc::in_temp().copy(EXAMPLE, "plans/mosalsk-2026.toml");
    let week = events(&calendar_of(plan().args([
        "calendar",
        "--as-of",
        "2026-12-20",
        "--remind",
        "7",
    ])));
    // a span's reminder from its end (the day after due): 7 days and 15 hours before = 9:00
    assert_eq!(week[0]["VALARM/TRIGGER;RELATED=END"], "-P7DT15H");
    let none = calendar_of(plan().args(["calendar", "--as-of", "2026-12-20", "--remind", "0"]));
    assert!(!none.contains("VALARM"));
    assert_eq!(events(&none).len(), week.len());
    let out = plan()
        .args(["calendar", "--as-of", "2026-12-20", "--remind", "неделя"])
        .run();
    assert_eq!(out.code, 2, "{out}");
    let out = plan().args(["calendar", "--as-of", "2026-12-20"]).run();
    assert!(
        out.stderr.contains(
            "заметка: в календарь не вошли круглогодичные мероприятия (13): их срок — весь год, а не \
             день; мероприятия по запросу (3): у них нет срока"
        ),
        "{out}"
    );
}

#[test]
fn the_seed_calendars_read_back() {
    for plan in SEEDS {
        let text = calendar_of(Moc::in_temp().copy(plan, "plans/plan-2026.toml").args([
            "calendar",
            "--as-of",
            "2026-10-01",
        ]));
        for line in text.split_terminator("\r\n") {
            assert!(line.len() <= 75, "{plan}: {line:?}");
            assert!(!line.contains(['\r', '\n']), "{plan}: {line:?}");
        }
        let all = events(&text);
        assert!(!all.is_empty(), "{plan}");
        let mut uids: Vec<&str> = all.iter().map(|e| e["UID"].as_str()).collect();
        uids.sort_unstable();
        uids.dedup();
        assert_eq!(uids.len(), all.len(), "{plan}: UIDs are unique");
        for e in &all {
            assert!(day(&e["DTSTART"]) < day(&e["DTEND"]), "{plan}: {e:?}");
            assert_eq!(e["alarms"], "1", "{plan}: {e:?}");
            assert!(!e["DESCRIPTION"].is_empty());
        }
    }
}

#[test]
fn the_calendar_text() {
    let text = calendar_of(
        Moc::in_temp()
            .copy(EXAMPLE, "plans/mosalsk-2026.toml")
            .args(["calendar", "--as-of", "2026-12-20"]),
    );
    assert!(
        text.split_inclusive('\n').all(|l| l.ends_with("\r\n")),
        "every line ends with CRLF"
    );
    // the same plan on the same date gives the same file: DTSTAMP is the --as-of date
    assert!(text.contains("DTSTAMP:20261220T000000Z"));
    let shown = text
        .replace("\r\n", "\n")
        .replace(env!("CARGO_PKG_VERSION"), "[version]");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_years_chart_markup() {
    let out = Moc::in_temp()
        .copy(EXAMPLE, "plans/mosalsk-2026.toml")
        .args(["report", "--as-of", "2026-12-20", "--format", "html"])
        .run();
    assert_eq!(out.code, 0, "{out}");
    let start = out
        .stdout
        .find("<figure class=\"chart timeline\"")
        .unwrap_or_else(|| panic!("no timeline"));
    let figure = &out.stdout[start..];
    let end = figure.find("</figure>").unwrap_or(figure.len());
    insta::assert_snapshot!(&figure[..end]);
}
