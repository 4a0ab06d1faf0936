//! Any bytes as a plan file, written out every way moc writes one for other programs — the
//! spreadsheet, the calendar, the report as Markdown, a Word document and a web page: never a
//! panic, the calendar stays within RFC 5545's line length, and plan text never opens a tag in
//! the page.
#![no_main]

use libfuzzer_sys::fuzz_target;
use moc::i18n::Lang;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default();
    let plans = vec![moc::load::load_source(
        moc::source::Source::new(std::path::Path::new("f.toml"), text.to_owned()),
        Lang::Ru,
        2026,
    )];
    if plans[0].plan.is_none() {
        return;
    }
    let Ok(rows) = moc::view::build(&plans, &moc::view::Filter::default(), as_of, 14, Lang::Ru) else {
        return;
    };
    let _ = moc::export::xlsx::workbook(&plans, &rows, as_of, Lang::Ru);
    let ics = moc::export::calendar::calendar(&plans, &rows, as_of, Lang::Ru);
    assert!(ics.split("\r\n").all(|l| l.len() <= 75), "an iCalendar line over 75 octets");

    let reports = moc::report::build_each(
        &plans,
        rows,
        |year| moc::report::Period::resolve(year, None, None, None, None, None),
        2026,
        Lang::Ru,
    );
    let Some(report) = reports.first() else {
        return;
    };
    let prov = moc::render::report::Provenance::default();
    let blocks = moc::render::report::plan_report_blocks(report, as_of, Lang::Ru, 1, &prov);
    let _ = moc::render::doc::markdown(&blocks);
    let page = moc::export::html::page(&blocks, "t", Lang::Ru);
    assert!(!page.contains("<script"), "plan text opened a tag in the page");
    let _ = moc::export::word::document(&blocks, "t", as_of);
});
