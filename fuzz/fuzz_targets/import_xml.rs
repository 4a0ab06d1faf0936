//! Any bytes as the XML of a Word document (word/document.xml) or of an OpenDocument text
//! (content.xml), and as a web page: the streaming readers read or refuse — never a panic, a
//! hang or a stack overflow, whatever the nesting — and whatever the importer then writes
//! loads as a plan.
#![no_main]

use libfuzzer_sys::fuzz_target;
use moc::i18n::Lang;

fn check(grid: &moc::import::Grid) {
    if let Ok(imported) = moc::import::interpret(grid, Lang::Ru, 2026) {
        let toml = moc::import::write_toml(&imported, "x.docx", Lang::Ru);
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

fuzz_target!(|data: &[u8]| {
    if let Ok(grid) = moc::import::docx::read_document_xml(data, "word/document.xml") {
        check(&grid);
    }
    if let Ok(grid) = moc::import::odt::read_content_xml(data) {
        check(&grid);
    }
    if let Ok(grid) = moc::import::html::read(&String::from_utf8_lossy(data)) {
        check(&grid);
    }
});
