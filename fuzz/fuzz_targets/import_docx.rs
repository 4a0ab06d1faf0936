//! Any bytes as a .docx: read or refused, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(grid) = moc::import::docx::read(data) {
        let _ = moc::import::interpret(&grid, moc::i18n::Lang::Ru, 2026);
    }
});
