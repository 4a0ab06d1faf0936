//! The fuzz targets' bodies (`fuzz/`): each takes arbitrary bytes, runs a part of moc on them and
//! asserts what must hold whatever the input. They live in the library so that they use its
//! inner modules as the program does, and are built — and so kept working — with it.

use std::path::Path;

use chrono::NaiveDate;

use crate::deadline::{Deadline, PlanYear};
use crate::edit::{Doc, Op};
use crate::i18n::Lang;
use crate::load::Checked;
use crate::workspace::Loader;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// A text checked as the plan file `name`, today being `as_of`.
fn check(name: &str, text: &str, as_of: NaiveDate) -> Checked {
    let loader = Loader {
        lang: Lang::Ru,
        as_of,
        shared: &[],
        indicators: crate::indicators::Catalogue::builtin(),
        cwd: Path::new("."),
        root: None,
    };
    loader.check_source(loader.source(Path::new(name), text.to_owned()))
}

/// Any text as a deadline phrase: understood or refused, never a panic; what is understood has a
/// sane window with at most `MAX_OCCURRENCES` occurrences inside it, its canonical form means the
/// same, and a refusal points into the phrase and says why.
pub fn deadline(data: &[u8]) {
    let Ok(phrase) = std::str::from_utf8(data) else {
        return;
    };
    for plan in [PlanYear::Calendar(2026), PlanYear::Academic(2026)] {
        match Deadline::parse(phrase, plan) {
            Ok(d) => {
                assert!(d.start <= d.end, "{phrase:?}: {} > {}", d.start, d.end);
                if let Some(due) = d.due {
                    assert!(
                        due >= d.start && due <= d.end,
                        "{phrase:?}: due outside the window"
                    );
                }
                assert!(
                    d.occurrences.len() <= crate::deadline::MAX_OCCURRENCES,
                    "{phrase:?}: {} occurrences",
                    d.occurrences.len()
                );
                for o in d.occurrences.iter().chain(&d.milestones) {
                    assert!(o.start <= o.end, "{phrase:?}: occurrence reversed");
                    let _ = o.label(Lang::Ru, plan);
                }
                for o in &d.occurrences {
                    assert!(
                        o.start >= d.start && o.end <= d.end && o.due <= d.end,
                        "{phrase:?}: occurrence outside the window"
                    );
                }
                if let Some(rest) = &d.rest {
                    assert!(!rest.trim().is_empty(), "{phrase:?}: empty rest");
                }
                if let Ok(again) = Deadline::parse(&d.canonical(), plan) {
                    assert_eq!(
                        (again.start, again.end, again.due),
                        (d.start, d.end, d.due),
                        "{phrase:?} → {:?}",
                        d.canonical()
                    );
                }
            }
            Err(e) => {
                assert!(
                    phrase.get(e.span.clone()).is_some(),
                    "{phrase:?}: span {:?}",
                    e.span
                );
                for lang in [Lang::Ru, Lang::En] {
                    assert!(!e.message(lang).is_empty());
                }
                assert!(e.understood().len() <= 5);
            }
        }
    }
}

/// Any bytes as a plan file: load, check, evaluate, render diagnostics and the plan document —
/// never a panic, no escape sequence from the input reaches a rendered diagnostic, and the
/// one-pass TOML reader agrees with `toml`'s (src/load/tree.rs).
pub fn load_check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    assert!(
        crate::load::agrees_with_toml(text),
        "the one-pass TOML reader and toml's disagree"
    );
    let as_of = day(2026, 10, 1);
    let checked = check("f.toml", text, as_of);
    if let Some(plan) = &checked.plan {
        for (_, item) in plan.items() {
            let e = crate::evaluate::evaluate(item, as_of, 14, plan.year);
            if item.status == crate::model::Status::Done {
                assert_ne!(e.state, crate::evaluate::State::Overdue);
            }
        }
        let _ = crate::render::report::plan_document(plan, Lang::Ru, true);
    }
    for d in &checked.diagnostics {
        let shown = crate::diagnostic::render(d, &checked.source, Lang::En, false);
        assert!(
            !shown.contains('\u{1b}'),
            "an escape sequence reached the terminal"
        );
        let _ = crate::diagnostic::Record::new(d, &checked.source, Lang::Ru);
    }
}

/// Any bytes as a plan, then edits chosen by the input: never a panic; an edit that applies
/// leaves text that parses again and keeps every comment of the original.
pub fn edit(data: &[u8]) {
    let Some((&ops, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(mut doc) = Doc::parse(text) else {
        return;
    };
    let Some(plan) = check("f.toml", text, day(2026, 12, 31)).plan else {
        return;
    };
    let date = day(2026, 5, 1);
    let positions: Vec<(usize, usize)> = plan
        .sections
        .iter()
        .enumerate()
        .flat_map(|(s, sec)| (0..sec.items.len()).map(move |i| (s, i)))
        .collect();
    for k in 0..4u8 {
        let pick = usize::from(ops.rotate_left(u32::from(k) * 2));
        let op = match (ops >> (k * 2)) & 7 {
            0 => Op::Done {
                result: Some("итог".into()),
                date,
            },
            1 => Op::Start,
            2 => Op::Reopen,
            3 => Op::Postpone {
                to: "Январь 2027".into(),
                reason: "r".into(),
            },
            4 => Op::Cancel { reason: "r".into() },
            5 => Op::Partly {
                result: "часть".into(),
                date,
            },
            _ => Op::Progress {
                date,
                text: "шаг".into(),
                period: None,
            },
        };
        if let Some(&(s, i)) = positions.get(pick % positions.len().max(1)) {
            let _ = crate::edit::apply(&mut doc.doc, s, i, &op);
        } else if !plan.sections.is_empty() {
            let _ = crate::edit::add_item(
                &mut doc.doc,
                pick % plan.sections.len(),
                "9.9",
                "t",
                "Май 2026",
                "м",
            );
        }
    }
    let out = doc.render();
    assert!(
        Doc::parse(&out).is_ok(),
        "an edit produced text that does not parse:\n{out}"
    );
    for line in text.lines() {
        if let Some(c) = line.trim_start().strip_prefix('#') {
            assert!(out.contains(c.trim()), "a comment was lost: {c}");
        }
    }
}

/// Any bytes as a plan file, written out every way moc writes one for other programs — the
/// spreadsheet, the calendar, the report as Markdown, a Word document and a web page: never a
/// panic, the calendar stays within RFC 5545's line length, and plan text never opens a tag in
/// the page.
pub fn export(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let as_of = day(2026, 10, 1);
    let plans = vec![check("f.toml", text, as_of)];
    if plans[0].plan.is_none() {
        return;
    }
    let Ok(rows) = crate::view::build(&plans, &crate::view::Filter::default(), as_of, 14) else {
        return;
    };
    let _ = crate::render::items::xlsx(&plans, &rows, as_of, Lang::Ru);
    #[cfg(feature = "ics")]
    {
        let ics = crate::render::ics::calendar(&plans, &rows, as_of, 3, Lang::Ru).text;
        assert!(
            ics.split("\r\n").all(|l| l.len() <= 75),
            "an iCalendar line over 75 octets"
        );
    }
    let reports = crate::report::build_each(
        &plans,
        rows,
        |year| crate::report::Period::resolve(year, None, None, None, None, None),
        as_of,
        Lang::Ru,
    );
    let Some(report) = reports.first() else {
        return;
    };
    let prov = crate::render::report::Provenance::default();
    let blocks = crate::render::report::plan_report_blocks(report, as_of, Lang::Ru, 1, &prov);
    let _ = crate::render::doc::markdown(&blocks);
    let page = crate::render::html::page(&blocks, "t", Lang::Ru);
    assert!(
        !page.contains("<script"),
        "plan text opened a tag in the page"
    );
    #[cfg(feature = "docx")]
    {
        use crate::render::word::{Orientation, Setup, document};
        let setup = Setup {
            title: "t",
            creator: report.plan.meta.organisation.as_deref(),
            created: as_of,
            lang: Lang::Ru,
            orientation: Orientation::Landscape,
        };
        let _ = document(&blocks, &setup);
    }
}

/// Any bytes as text copied out of Word or as a CSV: the importer reads or refuses, never
/// panics, and whatever it writes parses as TOML.
pub fn import_text(data: &[u8]) {
    let (text, _) = crate::import::text::decode(data, None);
    for grid in [
        crate::import::text::tsv(&text),
        crate::import::text::csv(&text),
    ] {
        if let Ok(imported) = crate::import::interpret(&grid, Lang::Ru, 2026) {
            let toml = crate::import::write_toml(&imported, "x.txt", Lang::Ru);
            let checked = check("x.toml", &toml, day(2026, 12, 31));
            assert!(
                checked.plan.is_some(),
                "the importer wrote TOML that does not parse: {:?}",
                checked.diagnostics
            );
        }
    }
}

/// Any bytes as a .docx: read or refused, never a panic.
pub fn import_docx(data: &[u8]) {
    if let Ok(grid) = crate::import::docx::read(data) {
        let _ = crate::import::interpret(&grid, Lang::Ru, 2026);
    }
}

/// Any bytes as the XML of a Word document (word/document.xml) or of an OpenDocument text
/// (content.xml), and as a web page: the streaming readers read or refuse — never a panic, a
/// hang or a stack overflow, whatever the nesting — and whatever the importer then writes loads.
pub fn import_xml(data: &[u8]) {
    let written = |grid: &crate::import::Grid| {
        if let Ok(imported) = crate::import::interpret(grid, Lang::Ru, 2026) {
            let toml = crate::import::write_toml(&imported, "x.docx", Lang::Ru);
            let checked = check("x.toml", &toml, day(2026, 12, 31));
            assert!(
                checked.plan.is_some(),
                "the importer wrote TOML that does not parse: {:?}",
                checked.diagnostics
            );
        }
    };
    #[cfg(feature = "docx")]
    {
        if let Ok(grid) = crate::import::docx::read_document_xml(data, "word/document.xml") {
            written(&grid);
        }
        if let Ok(grid) = crate::import::odt::read_content_xml(data) {
            written(&grid);
        }
    }
    #[cfg(feature = "html")]
    if let Ok(grid) = crate::import::html::read(&String::from_utf8_lossy(data)) {
        written(&grid);
    }
    let _ = (&written, data);
}
