//! Any bytes as a plan file: load, check, evaluate, render diagnostics and reports — never a
//! panic, and no escape sequence from the input reaches a rendered diagnostic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use moc::i18n::Lang;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default();
    let loaded = moc::load::load_source(
        moc::source::Source::new(std::path::Path::new("f.toml"), text.to_owned()),
        Lang::Ru,
        2026,
    );
    let mut diags = loaded.diagnostics.clone();
    if let Some(plan) = &loaded.plan {
        diags.extend(moc::checks::run(plan, &loaded.source, as_of, Lang::Ru));
        for (_, item) in plan.items() {
            let e = moc::evaluate::evaluate(item, as_of, 14, plan.meta.year_or(2026));
            if item.status == moc::model::Status::Done {
                assert_ne!(e.state, moc::evaluate::State::Overdue);
            }
        }
        let _ = moc::render::report::plan_document(plan, Lang::Ru, true);
    }
    for d in &diags {
        let shown = moc::diagnostic::render(d, &loaded.source, Lang::En, false);
        assert!(
            !shown.contains('\u{1b}'),
            "an escape sequence reached the terminal"
        );
        let _ = moc::diagnostic::Record::new(d, &loaded.source);
    }
});
