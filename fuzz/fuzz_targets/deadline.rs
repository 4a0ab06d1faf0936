//! Any text as a deadline phrase: understood or refused, never a panic; what is understood has a
//! sane window with its occurrences inside it and at most MAX_OCCURRENCES of them, and its
//! canonical form means the same; what is refused points into the phrase and says why.
#![no_main]

use libfuzzer_sys::fuzz_target;
use moc::deadline::{Deadline, MAX_OCCURRENCES, PlanYear};
use moc::i18n::Lang;

fuzz_target!(|data: &[u8]| {
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
                    d.occurrences.len() <= MAX_OCCURRENCES,
                    "{phrase:?}: {} occurrences",
                    d.occurrences.len()
                );
                for o in d.occurrences.iter().chain(&d.milestones) {
                    assert!(o.start <= o.end, "{phrase:?}: occurrence reversed");
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
                let _ = o_labels(&d, plan);
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
});

fn o_labels(d: &Deadline, plan: PlanYear) -> usize {
    d.occurrences
        .iter()
        .map(|o| o.label(Lang::Ru, plan).len())
        .sum()
}
