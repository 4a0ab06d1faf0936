//! Any text as a deadline phrase: understood or refused, never a panic; what is understood has a
//! sane window, and its canonical form means the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use moc::deadline::{Deadline, PlanYear};

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
                for o in &d.occurrences {
                    assert!(o.start <= o.end);
                }
                let _ = Deadline::parse(&d.canonical(), plan);
                let _ = o_labels(&d, plan);
            }
            Err(e) => {
                assert!(e.span.end <= phrase.len());
                let _ = e.message(moc::i18n::Lang::Ru);
            }
        }
    }
});

fn o_labels(d: &Deadline, plan: PlanYear) -> usize {
    d.occurrences
        .iter()
        .map(|o| o.label(moc::i18n::Lang::Ru, plan).len())
        .sum()
}
