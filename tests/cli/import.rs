//! `moc import`: the seeds (text and .docx) become plans equivalent to `plans/`, further shapes
//! of real plans are read right, the result renders back to the source table, and no input
//! makes the importer panic.

use std::path::Path;

use crate::{Moc, read_repo, repo};

/// What an importer must keep: sections and items with their phrases, and the roster.
type Shape = (
    Vec<(String, String)>,
    Vec<(String, String, String, String)>,
    Vec<String>,
);

fn shape(text: &str) -> Shape {
    let plan: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("does not load: {e}"));
    let s = |v: &toml::Value, k: &str| {
        v.get(k)
            .and_then(toml::Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let list = |v: &toml::Value, k: &str| -> Vec<toml::Value> {
        v.get(k)
            .and_then(toml::Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let root = toml::Value::Table(plan);
    let sections = list(&root, "section")
        .iter()
        .map(|sec| (s(sec, "number"), s(sec, "title")))
        .collect();
    let items = list(&root, "section")
        .iter()
        .flat_map(|sec| list(sec, "item"))
        .map(|i| {
            let responsible = match i.get("responsible") {
                Some(toml::Value::Array(a)) => a
                    .iter()
                    .filter_map(toml::Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => s(&i, "responsible"),
            };
            (
                s(&i, "number").trim().to_owned(),
                s(&i, "title"),
                s(&i, "deadline"),
                responsible,
            )
        })
        .collect();
    let mut roster: Vec<String> = list(&root, "responsible")
        .iter()
        .map(|r| s(r, "name"))
        .collect();
    roster.sort();
    (sections, items, roster)
}

fn import(from_repo: &str) -> (crate::Output, String) {
    let name = Path::new(from_repo)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let m = Moc::in_temp().copy(from_repo, &name).args([
        "import",
        &name,
        "-o",
        "plan.toml",
        "--as-of",
        "2026-10-01",
    ]);
    let out = m.run();
    let text = std::fs::read_to_string(m.dir().join("plan.toml")).unwrap_or_default();
    (out, text)
}

#[test]
fn seeds_import_to_the_bundled_plans() {
    for (seed, plan) in [
        ("mosalsk-2026", "plans/mosalsk-2026.toml"),
        ("sayansk-2026", "plans/sayansk-2026.toml"),
    ] {
        for source in [
            format!("tests/fixtures/seeds/{seed}.txt"),
            format!("tests/fixtures/import/{seed}.docx"),
        ] {
            let (out, text) = import(&source);
            assert_eq!(out.code, 0, "{source}: {out}");
            assert!(
                out.stderr.contains("0 ошибок, 0 предупреждений"),
                "{source}: {out}"
            );
            assert_eq!(
                shape(&text),
                shape(&read_repo(plan)),
                "{source} differs from {plan}"
            );
        }
    }
}

#[test]
fn seed_import_snapshot() {
    let (out, text) = import("tests/fixtures/seeds/mosalsk-2026.txt");
    insta::assert_snapshot!("import_mosalsk_toml", text);
    insta::assert_snapshot!("import_mosalsk_summary", out.stderr);
    let (_, docx) = import("tests/fixtures/import/mosalsk-2026.docx");
    assert_eq!(
        text.lines().skip(1).collect::<Vec<_>>(),
        docx.lines().skip(1).collect::<Vec<_>>(),
        "the .docx gives the same plan"
    );
}

#[test]
fn further_shapes() {
    for f in [
        "roman-column-numbers.txt",
        "restart-approval.txt",
        "names-together.txt",
        "cp1251.txt",
        "excel.csv",
        "excel-1251.csv",
    ] {
        let (out, text) = import(&format!("tests/fixtures/import/{f}"));
        assert_eq!(out.code, 0, "{f}: {out}");
        let check = Moc::in_temp()
            .file("p.toml", &text)
            .args(["check", "p.toml", "--as-of", "2026-10-01"])
            .run();
        assert_eq!(check.code, 0, "{f}: {check}");
        insta::with_settings!({ snapshot_suffix => f.replace('.', "-"), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("import", format!("{text}\n----- summary -----\n{}", out.stderr));
        });
    }
}

#[test]
fn the_details_of_each_shape() {
    let (_, t) = import("tests/fixtures/import/roman-column-numbers.txt");
    assert!(
        !t.contains("number = \"1\"\ntitle = \"2\""),
        "the column-number row is not an item"
    );
    assert!(t.contains("result = \"Утверждён приказом № 3\""));
    assert!(t.contains("municipality = \"Тулунский муниципальный район\""));
    let (_, t) = import("tests/fixtures/import/restart-approval.txt");
    assert!(
        t.contains("дополнительного образования\"") && t.contains("организационно-методических"),
        "hyphenation joined"
    );
    assert!(t.contains("date = 2026-01-15") && t.contains("name = \"Иванова А.А.\""));
    let (_, t) = import("tests/fixtures/import/names-together.txt");
    assert!(t.contains("name = \"Ежова Н.М.\"") && t.contains("name = \"Лапшакова Н.Д.\""));
    assert!(
        t.contains("responsible = \"Ежова Н.М. Лапшакова Н.Д.\""),
        "the phrase stays verbatim"
    );
    let (out, t) = import("tests/fixtures/import/cp1251.txt");
    assert!(out.stderr.contains("Windows-1251"), "{out}");
    assert!(t.contains("year = \"2026/2027\"") && t.contains("title = \"ОРГАНИЗАЦИОННАЯ РАБОТА\""));
    let (_, t) = import("tests/fixtures/import/excel.csv");
    assert!(
        t.contains("Совещание \\\"МОЦ: итоги года\\\" с руководителями")
            || t.contains("'Совещание \"МОЦ: итоги года\" с руководителями"),
        "{t}"
    );
}

#[test]
fn render_of_an_import_reproduces_the_source_table() {
    let (_, text) = import("tests/fixtures/seeds/sayansk-2026.txt");
    let out = Moc::in_temp()
        .file("p.toml", &text)
        .args(["render", "p.toml"])
        .run();
    let seed = read_repo("tests/fixtures/seeds/sayansk-2026.txt");
    let source_rows: Vec<Vec<String>> = seed
        .lines()
        .skip_while(|l| !l.starts_with("№"))
        .skip(1)
        .map(|l| {
            l.split('\t')
                .map(|c| c.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|r: &Vec<String>| r.iter().any(|c| !c.is_empty()) && !r[0].starts_with("--"))
        .collect();
    let rendered: Vec<Vec<String>> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| № п/п"))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().replace("\\.", ".").replace("**", ""))
                .collect()
        })
        .collect();
    assert_eq!(rendered.len(), source_rows.len());
    for (r, s) in rendered.iter().zip(&source_rows) {
        if s[1..].iter().all(String::is_empty) {
            assert_eq!(r[1], s[0], "section row");
        } else {
            assert_eq!(r[..4], s[..4], "item row");
        }
    }
}

#[test]
fn never_overwrites_and_never_panics() {
    let m = Moc::in_temp()
        .copy("tests/fixtures/seeds/sayansk-2026.txt", "s.txt")
        .file("s.toml", "# мой план\n")
        .args(["import", "s.txt"]);
    let out = m.run();
    assert_eq!(out.code, 2, "{out}");
    assert_eq!(
        std::fs::read_to_string(m.dir().join("s.toml")).unwrap_or_default(),
        "# мой план\n"
    );
    let docx =
        std::fs::read(repo().join("tests/fixtures/import/mosalsk-2026.docx")).unwrap_or_default();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.txt", Vec::new()),
        ("spaces.txt", b"  \n\t\n".to_vec()),
        (
            "binary.txt",
            (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect(),
        ),
        ("truncated.docx", docx[..docx.len() / 2].to_vec()),
        ("not-zip.docx", b"PK\x03\x04 but nothing more".to_vec()),
        (
            "no-table.docx",
            std::fs::read(repo().join("tests/fixtures/import/no-table.docx")).unwrap_or_default(),
        ),
        (
            "header-only.txt",
            "№\tМероприятие\tСрок\tОтветственные\n".as_bytes().to_vec(),
        ),
        (
            "garbage.csv",
            "\"unterminated;;;\n;;\"\"\n".as_bytes().to_vec(),
        ),
    ];
    let mut all = String::new();
    for (name, bytes) in cases {
        let out = Moc::in_temp()
            .file(name, bytes)
            .args(["import", name, "-o", "-"])
            .run();
        assert_eq!(out.code, 2, "{name}: {out}");
        assert!(
            !out.stderr.contains("panicked") && !out.stderr.contains("внутренняя ошибка"),
            "{name}: {out}"
        );
        all.push_str(&format!("{name}: {}", out.stderr));
    }
    insta::assert_snapshot!("import_errors", all);
}

/// A .docx with the given `word/document.xml`.
fn docx_with(document_xml: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let _ = zip.start_file("[Content_Types].xml", opts);
        let _ = zip.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
        let _ = zip.start_file("word/document.xml", opts);
        let _ = zip.write_all(document_xml);
        let _ = zip.finish();
    }
    out.into_inner()
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// Hostile and broken documents end at once with exit 2 and a Russian message: a
/// `word/document.xml` cut inside a paragraph or a table (it used to spin for ever), a thousand
/// nested tables (a stack overflow), an archive member that unpacks to 80 MB.
#[test]
fn broken_and_hostile_documents_are_refused_at_once() {
    let full = format!(
        "<?xml version=\"1.0\"?><w:document {W}><w:body><w:p><w:r><w:t>План работы</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>№</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Мероприятие</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"
    );
    let in_paragraph = full.find("План").unwrap_or(0) + 4;
    let in_table = full.find("Мероприятие").unwrap_or(0);
    let nested = format!(
        "<?xml version=\"1.0\"?><w:document {W}><w:body>{}{}</w:body></w:document>",
        "<w:tbl><w:tr><w:tc>".repeat(1000),
        "</w:tc></w:tr></w:tbl>".repeat(1000)
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "cut-paragraph.docx",
            docx_with(&full.as_bytes()[..in_paragraph]),
            "обрезан",
        ),
        (
            "cut-table.docx",
            docx_with(&full.as_bytes()[..in_table]),
            "обрезан",
        ),
        ("nested.docx", docx_with(nested.as_bytes()), "вложены"),
        (
            "bomb.docx",
            std::fs::read(repo().join("tests/fixtures/import/zip-bomb.docx")).unwrap_or_default(),
            "МБ",
        ),
        ("scan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec(), "PDF"),
        (
            "photo.docx",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "картинка",
        ),
    ];
    for (name, bytes, says) in cases {
        let started = std::time::Instant::now();
        let out = Moc::in_temp()
            .file(name, bytes)
            .args(["import", name, "-o", "-"])
            .run();
        assert_eq!(out.code, 2, "{name}: {out}");
        assert!(out.stderr.contains(says), "{name}: {out}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{name} took {:?}",
            started.elapsed()
        );
        let english: Vec<&str> = out
            .stderr
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| {
                w.len() >= 2
                    && !name.contains(w)
                    && !["PDF", "docx", "Word", "word", "document", "xml", "moc"].contains(w)
            })
            .collect();
        assert!(
            english.is_empty(),
            "{name}: English in a Russian message: {english:?}"
        );
    }
}

/// An .xlsx used to hang the importer (it was read as a Word document); a workbook is now told
/// by its content, whatever its name, and read.
#[cfg(feature = "xlsx")]
#[test]
fn a_workbook_imports_whatever_its_name() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    let rows = [
        ["План работы МОЦ на 2026 год", "", "", ""],
        ["№", "Мероприятие", "Срок", "Ответственный"],
        ["1", "Совещание методистов", "Январь 2026", "методист"],
        ["2", "Семинар для педагогов", "Март 2026", "методист"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                let _ = sheet.write_string(r as u32, c as u16, *cell);
            }
        }
    }
    let bytes = wb.save_to_buffer().unwrap_or_default();
    for name in ["plan.xlsx", "plan.docx"] {
        let started = std::time::Instant::now();
        let out = Moc::in_temp()
            .file(name, &bytes)
            .args(["import", name, "-o", "-", "--as-of", "2026-10-01"])
            .run();
        assert_eq!(out.code, 0, "{name}: {out}");
        assert!(
            out.stdout.contains("title = \"Семинар для педагогов\""),
            "{name}: {out}"
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }
}

/// One unbalanced quote in a CSV no longer swallows the rest of the file; one stray
/// Windows-1251 byte no longer turns a UTF-8 file into mojibake. Both are said.
#[test]
fn a_stray_quote_or_byte_is_recovered_and_said() {
    let mut csv = "№;Мероприятие;Срок;Ответственный\n".to_owned();
    for i in 1..=49 {
        if i == 7 {
            csv.push_str("7;\"Совещание «Итоги года»;Март 2026;методист\n");
        } else {
            csv.push_str(&format!("{i};Мероприятие номер {i};Март 2026;методист\n"));
        }
    }
    let out = Moc::in_temp()
        .file("plan.csv", &csv)
        .args(["import", "plan.csv", "-o", "-", "--as-of", "2026-10-01"])
        .run();
    assert!(out.stderr.contains("49 мероприятий"), "{out}");
    assert!(out.stderr.contains("кавычка не закрыта"), "{out}");
    let mut text = "№\tМероприятие\tСрок\tОтветственный\n1\tСовещание педагогов\tМарт 2026\tметодист\n2\tСеминар\tАпрель 2026\tметодист\n".as_bytes().to_vec();
    let at = text.len() - 10;
    text.insert(at, 0xE9);
    let out = Moc::in_temp()
        .file("plan.txt", &text)
        .args(["import", "plan.txt", "-o", "-", "--as-of", "2026-10-01"])
        .run();
    assert!(out.stdout.contains("Совещание педагогов"), "{out}");
    assert!(out.stderr.contains("не UTF-8"), "{out}");
    assert!(!out.stderr.contains("Windows-1251"), "{out}");
}

/// A text far larger than any plan is refused with the reason, not written as a plan moc could
/// not read back.
#[test]
fn a_huge_text_is_refused_with_the_reason() {
    let mut text = String::from("№\tМероприятие\tСрок\tОтветственный\n");
    let row = format!(
        "1\t{}\tМарт 2026\tметодист\n",
        "Очень длинное описание мероприятия ".repeat(40)
    );
    while text.len() < 27 * 1024 * 1024 {
        text.push_str(&row);
    }
    let out = Moc::in_temp()
        .file("huge.txt", &text)
        .args(["import", "huge.txt", "-o", "plan.toml"])
        .run();
    assert_eq!(out.code, 2, "{}", &out.stderr[..out.stderr.len().min(2000)]);
    assert!(
        out.stderr.contains("МБ"),
        "{}",
        &out.stderr[..out.stderr.len().min(2000)]
    );
}

/// A Word 97–2003 document goes through LibreOffice (installed on CI: libreoffice-writer-nogui)
/// and imports to the same plan as the text it came from.
#[test]
fn a_doc_imports_through_libreoffice() {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|p| {
        std::process::Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "LibreOffice is not installed on CI"
        );
        eprintln!("LibreOffice is not installed: the .doc path is not tested here");
        return;
    };
    let m = Moc::in_temp().copy("tests/fixtures/import/sayansk-2026.docx", "plan.docx");
    // .docx → .odt → .doc: LibreOffice's own .docx → .doc loses this document's table
    let profile = m.dir().join("lo-profile");
    for (to, from) in [
        ("odt", "plan.docx"),
        ("doc:MS Word 97", "plan.odt"),
        ("rtf", "plan.odt"),
    ] {
        let made = std::process::Command::new(soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", to, "--outdir"])
            .arg(m.dir())
            .arg(m.dir().join(from))
            .output();
        assert!(
            made.is_ok_and(|o| o.status.success()),
            "LibreOffice made the {to}"
        );
    }
    let _ = std::fs::remove_file(m.dir().join("plan.docx"));
    let m = m.args([
        "import",
        "plan.doc",
        "-o",
        "plan.toml",
        "--as-of",
        "2026-10-01",
    ]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    let (_, docx) = import("tests/fixtures/import/sayansk-2026.docx");
    let doc = std::fs::read_to_string(m.dir().join("plan.toml")).unwrap_or_default();
    assert_eq!(
        shape(&doc),
        shape(&docx),
        "the .doc gives the plan of the .docx"
    );
    let rtf_bytes = std::fs::read(m.dir().join("plan.rtf")).unwrap_or_default();
    let m = Moc::in_temp().file("plan.rtf", rtf_bytes).args([
        "import",
        "plan.rtf",
        "-o",
        "rtf.toml",
        "--as-of",
        "2026-10-01",
    ]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    let rtf = std::fs::read_to_string(m.dir().join("rtf.toml")).unwrap_or_default();
    assert_eq!(
        shape(&rtf),
        shape(&docx),
        "the .rtf gives the plan of the .docx"
    );
}

/// Without LibreOffice a .doc is refused at once, with how to save it as .docx in Word.
#[test]
fn without_libreoffice_a_doc_says_how_to_save_it() {
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend(vec![0u8; 512]);
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    let out = Moc::in_temp()
        .file("plan.doc", &doc)
        .env("MOC_SOFFICE", "/nonexistent/soffice")
        .args(["import", "plan.doc", "-o", "-"])
        .run();
    assert_eq!(out.code, 2, "{out}");
    assert!(
        out.stderr.contains("Сохранить как") && out.stderr.contains(".docx"),
        "{out}"
    );
}

/// A fuzz finding (a timeout under the sanitizer): a plan copied out of Word whose lines the
/// importer tries, start by start, as deadlines with a place — every word measured against the
/// grammar's words. It imports like any other (the work is now once per word; see
/// `deadline::combine::rest`).
#[test]
fn a_plan_of_many_place_words_imports() {
    let out = Moc::in_temp()
        .copy(
            "tests/fixtures/fuzz/import_text-many-place-words.txt",
            "plan.txt",
        )
        .args([
            "import",
            "plan.txt",
            "-o",
            "plan.toml",
            "--as-of",
            "2026-10-01",
        ])
        .run();
    assert!(out.code == 0 || out.code == 1, "{out}");
    assert!(out.stderr.contains("plan.toml"), "{out}");
}
