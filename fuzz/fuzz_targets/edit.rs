//! Any bytes as a plan, then edits chosen by the input: never a panic; an edit that applies
//! leaves text that parses again and keeps every comment of the original.
#![no_main]

use libfuzzer_sys::fuzz_target;
use moc::edit::{Doc, Op, add_item, apply};
use moc::i18n::Lang;

fuzz_target!(|data: &[u8]| {
    let Some((&ops, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(mut doc) = Doc::parse(text) else {
        return;
    };
    let loaded = moc::load::load_source(
        moc::source::Source::new(std::path::Path::new("f.toml"), text.to_owned()),
        Lang::Ru,
        2026,
    );
    let Some(plan) = loaded.plan else { return };
    let date = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default();
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
            },
        };
        if let Some(&(s, i)) = positions.get(pick % positions.len().max(1)) {
            let _ = apply(&mut doc.doc, s, i, &op);
        } else if !plan.sections.is_empty() {
            let _ = add_item(
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
});
