//! See `moc::fuzzing::import_xml`: what it runs and what must hold.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| moc::fuzzing::import_xml(data));
