//! Properties: deadlines (parse → canonical → parse is stable, windows are sane), `fmt` is
//! idempotent on reshaped plans, an edit changes only its item, and evaluation at any date is
//! consistent.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use super::{load, read_repo};
use crate::deadline::{Deadline, PlanYear};
use crate::evaluate::{State, evaluate};

const MONTHS: [&str; 12] = [
    "январь",
    "Февраль",
    "МАРТ",
    "апрель",
    "май",
    "июнь",
    "июля",
    "августе",
    "Сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
const DASHES: [&str; 5] = ["-", " - ", "–", " — ", " – "];
const YEARS: [&str; 6] = ["", " 2026", " 2026г.", " 2026 г.", " 2026 года", "2026г"];

fn phrase() -> impl Strategy<Value = String> {
    let month = (0..12usize).prop_map(|i| MONTHS[i].to_owned());
    let year = (0..YEARS.len()).prop_map(|i| YEARS[i].to_owned());
    let dash = (0..DASHES.len()).prop_map(|i| DASHES[i].to_owned());
    prop_oneof![
        (month.clone(), year.clone()).prop_map(|(m, y)| format!("{m}{y}")),
        (month.clone(), dash.clone(), month.clone(), year.clone())
            .prop_map(|(a, d, b, y)| format!("{a}{d}{b}{y}")),
        (1..29u32, 1..13u32, prop_oneof![Just("2026"), Just("26")])
            .prop_map(|(d, m, y)| format!("{d:02}.{m:02}.{y}")),
        (1..5u32, year.clone()).prop_map(|(q, y)| format!(
            "{} квартал{y}",
            ["I", "II", "III", "IV"][(q - 1) as usize]
        )),
        (1..3u32).prop_map(|h| format!("{h} полугодие 2026 г.")),
        (1..28u32, 1..28u32, month.clone()).prop_map(|(a, b, m)| format!(
            "{} - {} {m} 2026",
            a.min(b),
            a.max(b)
        )),
        (month.clone(), month).prop_map(|(a, b)| format!("{a} ({b}) 2026")),
        prop_oneof![
            Just("ежемесячно"),
            Just("ежеквартально"),
            Just("еженедельно"),
            Just("2 раза в год"),
            Just("ежемесячно до 5 числа")
        ]
        .prop_map(str::to_owned),
        prop_oneof![
            Just("В течение года"),
            Just("постоянно"),
            Just("По запросу"),
            Just("По плану РМЦ"),
            Just("В течение учебного года")
        ]
        .prop_map(str::to_owned),
        "[а-яА-Я0-9 .,()–-]{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn deadlines_are_sane_and_canonical_forms_stable(p in phrase(), academic in any::<bool>()) {
        let plan = if academic { PlanYear::Academic(2026) } else { PlanYear::Calendar(2026) };
        if let Ok(d) = Deadline::parse(&p, plan) {
            prop_assert!(d.start <= d.end, "{p}: window reversed");
            prop_assert!((2020..=2035).contains(&chrono::Datelike::year(&d.start)), "{p}: {}", d.start);
            prop_assert!((2020..=2035).contains(&chrono::Datelike::year(&d.end)), "{p}: {}", d.end);
            if let Some(due) = d.due {
                prop_assert!(d.start <= due && due <= d.end, "{p}: due outside the window");
            }
            for o in &d.occurrences {
                prop_assert!(o.start <= o.end && o.start >= d.start && o.end <= d.end, "{p}: occurrence outside the window");
            }
            let again = Deadline::parse(&d.canonical(), plan);
            prop_assert!(again.is_ok(), "{p} → {} is refused", d.canonical());
            let again = again.unwrap_or_else(|_| d.clone());
            prop_assert_eq!((d.start, d.end, d.due), (again.start, again.end, again.due), "{} → {}", p, d.canonical());
            prop_assert_eq!(d.occurrences.len(), again.occurrences.len());
        }
    }

    #[test]
    fn evaluation_at_any_date_is_consistent(day in 0i64..900) {
        let as_of = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap_or_default() + Duration::days(day);
        for file in ["examples/mosalsk-2026-midyear.toml", "plans/sayansk-2026.toml"] {
            let loaded = load(file, &read_repo(file));
            let plan = loaded.plan.unwrap_or_else(|| panic!("{file}"));
            for (_, item) in plan.items() {
                let e = evaluate(item, as_of, 14, plan.year);
                match item.status {
                    crate::model::Status::Done => prop_assert_eq!(e.state, State::Done),
                    crate::model::Status::Cancelled => prop_assert_eq!(e.state, State::Cancelled),
                    _ => {}
                }
                if item.effective_deadline().is_some_and(|d| d.due.is_none()) {
                    prop_assert_ne!(e.state, State::Overdue, "on demand is never overdue");
                }
                prop_assert_eq!(e.state == State::Overdue, e.days_late.is_some());
                prop_assert!(e.days_late.is_none_or(|d| d > 0));
                prop_assert!(e.credit.is_none_or(|c| (0.0..=1.0).contains(&c)));
            }
        }
    }

    #[test]
    fn fmt_is_idempotent_on_reshaped_plans(noise in proptest::collection::vec((0usize..400, 0u8..4), 0..30)) {
        // reshape a real plan: blank lines, comments, spaces around «=», in random places
        let text = read_repo("examples/mosalsk-2026-midyear.toml");
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        for (at, kind) in noise {
            let at = at % lines.len();
            match kind {
                0 => lines.insert(at, String::new()),
                1 => lines.insert(at, "# заметка методиста".to_owned()),
                2 => lines[at] = lines[at].replacen(" = ", "=", 1),
                _ => lines[at] = format!("  {}", lines[at]),
            }
        }
        let reshaped = lines.join("\n") + "\n";
        let Ok(once) = crate::fmt::format(&reshaped) else { return Ok(()) };
        let twice = crate::fmt::format(&once).unwrap_or_default();
        prop_assert_eq!(&once, &twice);
        let a = load("a", &reshaped);
        let b = load("b", &once);
        let items = |l: &crate::load::Checked| l.plan.as_ref().map(|p| p.items().map(|(_, i)| (i.number.clone(), i.title.clone(), i.status, i.result.clone())).collect::<Vec<_>>());
        prop_assert_eq!(items(&a), items(&b), "fmt changed what the plan says");
    }

    #[test]
    fn an_edit_changes_only_its_item(which in 0usize..29, op in 0u8..7) {
        use crate::edit::{Doc, Op, apply};
        let text = read_repo("examples/mosalsk-2026-midyear.toml");
        let load = |t: &str| load("p", t).plan.unwrap_or_else(|| panic!("plan"));
        let before = load(&text);
        let positions: Vec<(usize, usize)> = before.sections.iter().enumerate().flat_map(|(s, sec)| (0..sec.items.len()).map(move |i| (s, i))).collect();
        let (s, i) = positions[which % positions.len()];
        let date = NaiveDate::from_ymd_opt(2026, 5, 5).unwrap_or_default();
        let op = match op {
            0 => Op::Done { result: Some("Сделано".into()), date },
            1 => Op::Start,
            2 => Op::Partly { result: "Частично".into(), date },
            3 => Op::Reopen,
            4 => Op::Postpone { to: "Январь 2027".into(), reason: "ждём".into() },
            5 => Op::Cancel { reason: "не нужно".into() },
            _ => Op::Progress { date, text: "шаг".into(), period: None },
        };
        let mut doc = Doc::parse(&text).unwrap_or_else(|e| panic!("{e}"));
        apply(&mut doc.doc, s, i, &op).unwrap_or_else(|e| panic!("{e:?}"));
        let after = load(&doc.render());
        let key = |it: &crate::model::Item| (it.number.clone(), it.title.clone(), it.deadline_phrase.clone(), it.status, it.result.clone(), it.done_on, it.reason.clone(), it.progress.len());
        for (si, (a, b)) in before.sections.iter().zip(&after.sections).enumerate() {
            prop_assert_eq!(a.items.len(), b.items.len());
            for (ii, (x, y)) in a.items.iter().zip(&b.items).enumerate() {
                if (si, ii) != (s, i) {
                    prop_assert_eq!(key(x), key(y), "item {} changed", x.number);
                }
            }
        }
    }
}
