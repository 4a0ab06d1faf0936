//! No input, however broken, makes `moc check` panic: a sample of broken copies of a real plan
//! through the binary (thousands more are checked in process: `src/tests/robustness.rs`).

use crate::{Moc, read_repo};

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
fn the_binary_survives_broken_files() {
    let text = read_repo("plans/mosalsk-2026.toml");
    let bytes = text.as_bytes();
    let mut rng = Rng(42);
    let mut m = Moc::in_temp();
    for k in 0..12 {
        let mut b = bytes[..(rng.next() as usize) % bytes.len()].to_vec();
        let at = (rng.next() as usize) % b.len().max(1);
        if let Some(x) = b.get_mut(at) {
            *x = (rng.next() & 0xff) as u8;
        }
        m = m.file(&format!("plans/broken-{k:02}.toml"), b);
    }
    let out = m.args(["check", "--as-of", "2026-10-01"]).run();
    assert!(matches!(out.code, 1 | 2), "{out}");
    assert!(
        !out.stderr.contains("panicked") && !out.stderr.contains("внутренняя ошибка"),
        "{out}"
    );
}
