//! Any bytes as text copied out of Word or as a CSV: the importer reads or refuses, never
//! panics, and whatever it writes parses as TOML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use moc::i18n::Lang;

fuzz_target!(|data: &[u8]| {
    let (text, _) = moc::import::text::decode(data, None);
    for grid in [moc::import::text::tsv(&text), moc::import::text::csv(&text)] {
        if let Ok(imported) = moc::import::interpret(&grid, Lang::Ru, 2026) {
            let toml = moc::import::write_toml(&imported, "x.txt", Lang::Ru);
            let loaded = moc::load::load_source(
                moc::source::Source::new(std::path::Path::new("x.toml"), toml),
                Lang::Ru,
                2026,
            );
            assert!(
                loaded.plan.is_some(),
                "the importer wrote TOML that does not parse: {:?}",
                loaded.diagnostics
            );
        }
    }
});
