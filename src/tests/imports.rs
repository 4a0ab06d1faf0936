//! No input makes the importer panic: the seeds cut at every few bytes, in process.

use super::read_repo;

#[test]
fn truncated_sources_never_panic_in_process() {
    let lang = crate::i18n::Lang::Ru;
    for seed in [
        "tests/fixtures/seeds/mosalsk-2026.txt",
        "tests/fixtures/import/excel.csv",
    ] {
        let text = read_repo(seed);
        for cut in (0..text.len())
            .step_by(7)
            .filter(|c| text.is_char_boundary(*c))
        {
            let grid = if std::path::Path::new(seed)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
            {
                crate::import::text::csv(&text[..cut])
            } else {
                crate::import::text::tsv(&text[..cut])
            };
            if let Ok(imp) = crate::import::interpret(&grid, lang, 2026) {
                let _ = crate::import::write_toml(&imp, "x", lang);
            }
        }
    }
    let docx = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import/sayansk-2026.docx"),
    )
    .unwrap_or_default();
    for cut in (0..docx.len()).step_by(997) {
        let _ = crate::import::docx::read(&docx[..cut]);
    }
}
