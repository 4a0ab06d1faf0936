//! A region's report: made plan by plan on every core, it is the document rendered from all the
//! plans loaded whole — the region's part added up from the plans' digests, then each plan's report.

use super::{load, read_repo};
use crate::i18n::Lang;

#[test]
fn region_report_made_plan_by_plan_is_the_whole_one() {
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 20).unwrap_or_default();
    let sources = [
        read_repo("plans/mosalsk-2026.toml"),
        read_repo("plans/sayansk-2026.toml"),
        read_repo("examples/mosalsk-2026-midyear.toml"),
    ];
    let text =
        |k: usize| sources[k % 3].replace("municipality = \"", &format!("municipality = \"{k} "));
    let name = |k: usize| format!("plans/p{k:02}.toml");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for k in 0..24 {
        let p = dir.path().join(name(k));
        std::fs::create_dir_all(p.parent().unwrap_or(dir.path())).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&p, text(k)).unwrap_or_else(|e| panic!("{e}"));
    }
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args =
        ["moc", "report", "--as-of", "2026-12-20", "--lang", "ru"].map(std::ffi::OsString::from);
    let code = crate::app::run_with(
        &args,
        dir.path(),
        &mut out,
        &mut err,
        crate::app::Streams::captured(),
        false,
    );
    let out = String::from_utf8_lossy(&out).into_owned();
    assert_eq!(code, 0, "{out}{}", String::from_utf8_lossy(&err));

    let plans: Vec<crate::load::Checked> = (0..24).map(|k| load(&name(k), &text(k))).collect();
    let rows = crate::view::build(&plans, &crate::view::Filter::default(), as_of, 14)
        .unwrap_or_else(|e| panic!("{}", e.message(Lang::Ru)));
    let reports = crate::report::build_each(
        &plans,
        rows,
        |year| crate::report::Period::resolve(year, None, None, None, None, None),
        as_of,
        Lang::Ru,
    );
    assert_eq!(reports.len(), 24);
    let prov = crate::render::report::Provenance {
        lines: (0..24).map(|k| format!("по плану {}", name(k))).collect(),
        ..Default::default()
    };
    // the region's part, added up from every plan's digest, then each plan's report
    let mut digests: Vec<crate::region::PlanDigest> = reports
        .iter()
        .map(|r| crate::region::PlanDigest::of(r, crate::workspace::plan_key(r.checked), Lang::Ru))
        .collect();
    let mut region = crate::region::Region::build(
        &mut digests,
        2026,
        None,
        crate::indicators::Catalogue::builtin(),
        as_of,
    );
    assert_eq!(region.municipalities.len(), 24);
    let whole = crate::render::doc::markdown(&crate::render::report::blocks_after(
        crate::render::region::blocks(&mut region, Lang::Ru),
        reports
            .iter()
            .map(|r| {
                crate::render::report::plan_report_blocks(
                    r,
                    as_of,
                    Lang::Ru,
                    2,
                    &crate::render::report::Provenance::default(),
                )
            })
            .collect(),
        Lang::Ru,
        &prov,
    ));
    assert_eq!(out.trim_end(), whole.trim_end());
    // and the library's Markdown of the plans' reports (the summary of each, without the
    // region's part) holds the same parts
    let markdown = crate::render::report::multi_report(&reports, as_of, Lang::Ru, &prov);
    let first_part = markdown
        .find("\n## 0 ")
        .map(|i| &markdown[i..])
        .unwrap_or_default();
    assert!(!first_part.is_empty() && out.contains(first_part.trim_end()));
    let headings: Vec<&str> = whole.lines().filter(|l| l.starts_with("## ")).collect();
    assert!(headings.iter().any(|h| h.contains("23 ")), "{headings:?}");
}
