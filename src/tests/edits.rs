//! Property: any sequence of edits keeps the plan valid and keeps every comment.

use proptest::prelude::*;

use super::{load, read_repo};

#[derive(Clone, Debug)]
enum Step {
    Done(usize, u32),
    Start(usize),
    Partly(usize),
    Reopen(usize),
    Postpone(usize),
    Cancel(usize),
    Progress(usize, u32),
    Add(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..29usize, 0..200u32).prop_map(|(i, d)| Step::Done(i, d)),
        (0..29usize).prop_map(Step::Start),
        (0..29usize).prop_map(Step::Partly),
        (0..29usize).prop_map(Step::Reopen),
        (0..29usize).prop_map(Step::Postpone),
        (0..29usize).prop_map(Step::Cancel),
        (0..29usize, 0..250u32).prop_map(|(i, d)| Step::Progress(i, d)),
        (0..6usize).prop_map(Step::Add),
    ]
}

fn comments(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.find('#').map(|i| l[i..].trim().to_owned()))
        .filter(|c| c.starts_with("# "))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn edits_keep_the_plan_valid_and_every_comment(steps in proptest::collection::vec(step(), 1..12)) {
        use crate::edit::{Doc, Op, apply, add_item, next_number};
        let original = read_repo("examples/mosalsk-2026-midyear.toml");
        let mut text = original.clone();
        for s in steps {
            let loaded = load("p.toml", &text);
            let plan = loaded.plan.unwrap_or_else(|| panic!("plan"));
            let positions: Vec<(usize, usize)> = plan.sections.iter().enumerate().flat_map(|(si, s)| (0..s.items.len()).map(move |ii| (si, ii))).collect();
            let pick = |i: usize| positions[i % positions.len()];
            let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default() + chrono::Duration::days(i64::from(d));
            let mut doc = Doc::parse(&text).unwrap_or_else(|e| panic!("{e}"));
            let r = match s {
                Step::Done(i, d) => { let (a, b) = pick(i); apply(&mut doc.doc, a, b, &Op::Done { result: Some("Сделано".into()), date: day(d) }) }
                Step::Start(i) => { let (a, b) = pick(i); apply(&mut doc.doc, a, b, &Op::Start) }
                Step::Partly(i) => { let (a, b) = pick(i); apply(&mut doc.doc, a, b, &Op::Partly { result: "Частично".into(), date: day(10) }) }
                Step::Reopen(i) => { let (a, b) = pick(i); apply(&mut doc.doc, a, b, &Op::Reopen) }
                Step::Postpone(i) => { let (a, b) = pick(i); apply(&mut doc.doc, a, b, &Op::Postpone { to: "Январь 2027г.".into(), reason: "ждём".into() }) }
                Step::Cancel(i) => { let (a, b) = pick(i); apply(&mut doc.doc, a, b, &Op::Cancel { reason: "не нужно".into() }) }
                Step::Progress(i, d) => { let (a, b) = pick(i); apply(&mut doc.doc, a, b, &Op::Progress { date: day(d), text: "шаг | с <текстом>".into(), period: None }) }
                Step::Add(si) => { let n = next_number(&plan, si); add_item(&mut doc.doc, si, &n, "Новое", "Ноябрь 2026г.", "методист") }
            };
            prop_assert!(r.is_ok());
            text = doc.render();
            let after = load("p.toml", &text);
            let _plan = after.plan.as_ref().unwrap_or_else(|| panic!("edited text does not parse:\n{text}"));
            let diags = after.diagnostics.clone();
            let errors: Vec<_> = diags.iter().filter(|d| d.severity == crate::diagnostic::Severity::Error).map(|d| d.message.ru.clone()).collect();
            prop_assert!(errors.is_empty(), "{:?}\n{}", errors, text);
        }
        let kept = comments(&text);
        for c in comments(&original) {
            prop_assert!(kept.contains(&c), "comment lost: {}", c);
        }
    }
}
