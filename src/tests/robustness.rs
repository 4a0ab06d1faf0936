//! No input, however broken, makes the checks panic: truncated and byte-flipped copies of the
//! real plans, in process (thousands of variants; `tests/cli/robustness.rs` runs the binary on
//! a sample).

use super::read_repo;
use crate::i18n::Lang;

const PLANS: [&str; 3] = [
    "plans/mosalsk-2026.toml",
    "plans/sayansk-2026.toml",
    "examples/mosalsk-2026-midyear.toml",
];

fn check_in_process(bytes: &[u8]) -> usize {
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default();
    let Ok(text) = String::from_utf8(bytes.to_vec()) else {
        return 0;
    };
    let loaded = super::load_at("x.toml", &text, as_of);
    let diags = &loaded.diagnostics;
    for d in diags {
        let _ = crate::diagnostic::render(d, &loaded.source, Lang::Ru, true);
        let _ = crate::diagnostic::Record::new(d, &loaded.source, Lang::Ru);
    }
    diags.len()
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn truncated_plans_never_panic() {
    for p in PLANS {
        let text = read_repo(p);
        let bytes = text.as_bytes();
        let mut found = 0;
        for cut in (0..bytes.len()).step_by(13) {
            found += check_in_process(&bytes[..cut]);
        }
        assert!(found > 0);
    }
}

#[test]
fn byte_flipped_plans_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for p in PLANS {
        let text = read_repo(p);
        for _ in 0..1500 {
            let mut bytes = text.as_bytes().to_vec();
            for _ in 0..=(rng.next() % 4) {
                let at = (rng.next() as usize) % bytes.len();
                bytes[at] = match rng.next() % 6 {
                    0 => b'"',
                    1 => b'\n',
                    2 => b'[',
                    3 => b'=',
                    4 => 0x1b,
                    _ => (rng.next() & 0xff) as u8,
                };
            }
            check_in_process(&bytes);
        }
    }
}

/// A plan with a roster of `roster` names and `unknown` items, each naming a responsible who is
/// not on it.
fn plan_of_strangers(roster: usize, unknown: usize) -> String {
    let mut t = String::from("[plan]\ntitle = \"План\"\nyear = 2026\n\n");
    for i in 0..roster {
        t.push_str(&format!(
            "[[responsible]]\nname = \"Методист отдела {i}\"\n\n"
        ));
    }
    t.push_str("[[section]]\nnumber = \"1\"\ntitle = \"Раздел\"\n\n");
    for i in 0..unknown {
        t.push_str(&format!(
            "[[section.item]]\nnumber = \"1.{}\"\ntitle = \"Мероприятие\"\ndeadline = \"Май 2026\"\nresponsible = \"Незнакомец {i}\"\n\n",
            i + 1
        ));
    }
    t
}

/// The work of the did-you-mean for unknown responsibles, counted: it grows with the roster, not
/// with the number of unknown names times the roster (1 000 × 1 000 would be a million
/// comparisons, 4 000 × 4 000 sixteen million).
#[test]
fn suggestions_for_thousands_of_unknown_names_stay_linear() {
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default();
    let work = |roster: usize, unknown: usize| {
        let text = plan_of_strangers(roster, unknown);
        crate::suggest::MEASURED.with(|m| m.set(0));
        let loaded = super::load_at("x.toml", &text, as_of);
        let found = loaded
            .diagnostics
            .iter()
            .filter(|d| d.check == crate::checks::Check::ResponsibleKnown)
            .count();
        assert_eq!(found, unknown);
        crate::suggest::MEASURED.with(std::cell::Cell::get)
    };
    let (small, large) = (work(1000, 250), work(1000, 1000));
    assert_eq!(
        small, large,
        "more unknown names cost more: {small} → {large}"
    );
    assert!(large <= 64 * 1000 + 1000, "{large} comparisons");
    // and twice the roster, about twice the work
    let double = work(2000, 1000);
    assert!(double <= 2 * large + 1000, "{large} → {double}");
}
