//! See `moc::fuzzing::export`: what it runs and what must hold.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| moc::fuzzing::export(data));
