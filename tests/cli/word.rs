//! Word documents: `moc report -o …docx` and `moc render -o …docx` on the bundled plans. The
//! body is snapshotted as an outline (paragraph styles, tables with their column widths and row
//! properties, text shortened), the document's properties are read back, the signature and the
//! `[report]` options reach every format; [`libreoffice`] converts both documents to PDF and
//! finds the header of a table on every page it continues on and no row split across pages.

use std::io::Read as _;
use std::path::Path;

use quick_xml::events::Event;

use crate::Moc;

/// The text of a member of the `.docx` at `path`.
pub(crate) fn member(path: &Path, name: &str) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap_or_else(|e| panic!("{}: not a zip: {e}", path.display()));
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut s = String::new();
    file.read_to_string(&mut s)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    s
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

fn shorten(s: &str, n: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>().trim_end())
    }
}

/// One table or paragraph of the outline being read.
#[derive(Default)]
struct Reading {
    out: Vec<String>,
    /// style of the paragraph, its text
    style: String,
    text: String,
    in_text: bool,
    /// tables open; cells of the row; flags of the row; span of the cell
    tables: usize,
    grid: Vec<String>,
    cells: Vec<String>,
    row_flags: Vec<&'static str>,
    span: Option<String>,
}

/// `word/document.xml` as an outline: `H1 …`, `P …` for paragraphs (empty ones left out), and
/// each table as its grid (twips) and its rows — `[header keep]`, a cell spanning the table
/// marked — with text shortened; the page at the end.
pub(crate) fn outline(xml: &str) -> String {
    outline_within(xml, 90, 28)
}

/// [`outline`] with paragraphs shortened to `para` characters and cells to `cell`.
fn outline_within(xml: &str, para: usize, cell: usize) -> String {
    let mut r = Reading::default();
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.name().as_ref() {
                b"w:t" => r.in_text = true,
                b"w:p" => {
                    if r.tables > 0 && !r.text.is_empty() {
                        r.text.push_str(" / ");
                    }
                    if r.tables == 0 {
                        r.text.clear();
                        r.style = "P".into();
                    }
                }
                b"w:tbl" => {
                    r.tables += 1;
                    r.grid.clear();
                }
                b"w:tr" => {
                    r.cells.clear();
                    r.row_flags.clear();
                }
                b"w:tc" => {
                    r.text.clear();
                    r.span = None;
                }
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"w:pStyle" if r.tables == 0 => {
                    r.style = match attr(&e, b"w:val").as_deref() {
                        Some(s) if s.starts_with("Heading") => s.replace("Heading", "H"),
                        Some(s) => s.to_owned(),
                        None => "P".into(),
                    };
                }
                b"w:br" => r.text.push_str(" / "),
                b"w:tab" => r.text.push_str(" → "),
                b"w:gridCol" => r.grid.extend(attr(&e, b"w:w")),
                b"w:tblHeader" => r.row_flags.push("header"),
                b"w:cantSplit" => r.row_flags.push("keep"),
                b"w:gridSpan" => r.span = attr(&e, b"w:val"),
                b"w:pgSz" => r.out.push(format!(
                    "PAGE {}×{}{}",
                    attr(&e, b"w:w").unwrap_or_default(),
                    attr(&e, b"w:h").unwrap_or_default(),
                    attr(&e, b"w:orient")
                        .map(|o| format!(" {o}"))
                        .unwrap_or_default()
                )),
                b"w:pgMar" => r.out.push(format!(
                    "MARGINS top {} right {} bottom {} left {}",
                    attr(&e, b"w:top").unwrap_or_default(),
                    attr(&e, b"w:right").unwrap_or_default(),
                    attr(&e, b"w:bottom").unwrap_or_default(),
                    attr(&e, b"w:left").unwrap_or_default()
                )),
                _ => {}
            },
            Ok(Event::Text(t)) if r.in_text => {
                r.text.push_str(&t.xml10_content().unwrap_or_default());
            }
            Ok(Event::GeneralRef(g)) if r.in_text => r.text.push_str(match &*g {
                b"amp" => "&",
                b"lt" => "<",
                b"gt" => ">",
                b"quot" => "\"",
                _ => "'",
            }),
            Ok(Event::End(e)) => match e.name().as_ref() {
                b"w:t" => r.in_text = false,
                b"w:p" if r.tables == 0 && !r.text.trim().is_empty() => {
                    let line = format!("{} {}", r.style, shorten(&r.text, para));
                    r.out.push(line);
                }
                b"w:tc" => {
                    let mut text = shorten(&r.text, cell);
                    if let Some(s) = r.span.take() {
                        text = format!("⟨{s} columns⟩ {text}");
                    }
                    r.cells.push(text);
                }
                b"w:tr" => {
                    let line = format!("  [{}] {}", r.row_flags.join(" "), r.cells.join(" | "));
                    r.out.push(line);
                }
                b"w:tblGrid" => {
                    let line = format!("TABLE grid {}", r.grid.join(" "));
                    r.out.push(line);
                }
                b"w:tbl" => r.tables -= 1,
                _ => {}
            },
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("word/document.xml is not well-formed: {e}"),
        }
    }
    r.out.join("\n")
}

/// `moc` with `args` in a temporary folder holding `plan` as `plans/plan.toml` (and `moc.toml`
/// if given); the folder, kept alive with the run.
fn run_with(plan: &str, settings: Option<&str>, args: &[&str]) -> (Moc, Option<tempfile::TempDir>) {
    let mut m = Moc::in_temp().file("plans/plan.toml", plan);
    if let Some(s) = settings {
        m = m.file("moc.toml", s);
    }
    let (m, dir) = m.args(args).keep();
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    (m, dir)
}

fn repo_plan(path: &str) -> String {
    crate::read_repo(path)
}

#[test]
fn the_report_as_a_word_outline() {
    let (m, _dir) = run_with(
        &repo_plan("examples/mosalsk-2026-midyear.toml"),
        None,
        &["report", "--as-of", "2026-12-20", "-o", "отчёт.docx"],
    );
    let xml = member(&m.dir().join("отчёт.docx"), "word/document.xml");
    insta::assert_snapshot!("report_outline", outline(&xml));
}

#[test]
fn the_plan_for_approval_as_a_word_outline() {
    let (m, _dir) = run_with(
        &repo_plan("plans/mosalsk-2026.toml"),
        None,
        &[
            "render",
            "plans/plan.toml",
            "--as-of",
            "2026-01-20",
            "-o",
            "план.docx",
        ],
    );
    let xml = member(&m.dir().join("план.docx"), "word/document.xml");
    insta::assert_snapshot!("plan_outline", outline(&xml));
    // with the result column the page turns: five columns on landscape
    let (m, _dir) = run_with(
        &repo_plan("plans/sayansk-2026.toml"),
        None,
        &["render", "plans/plan.toml", "--result", "-o", "итоги.docx"],
    );
    let xml = member(&m.dir().join("итоги.docx"), "word/document.xml");
    let o = outline(&xml);
    assert!(o.contains("PAGE 16838×11906 landscape"), "{o}");
    assert!(o.contains("| Результат исполнения"), "{o}");
}

/// The fields of `docProps/core.xml` and the company of `docProps/app.xml`, a line each.
fn properties(path: &Path) -> String {
    let mut lines = Vec::new();
    for part in ["docProps/core.xml", "docProps/app.xml"] {
        let xml = member(path, part);
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut name = String::new();
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => name = String::from_utf8_lossy(e.name().as_ref()).into(),
                Ok(Event::Text(t)) if !name.is_empty() => {
                    lines.push(format!("{name}: {}", t.xml10_content().unwrap_or_default()));
                }
                Ok(Event::End(_)) => name.clear(),
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{part}: {e}"),
            }
        }
    }
    lines.join("\n")
}

#[test]
fn document_properties_name_the_organisation() {
    let (m, _dir) = run_with(
        &repo_plan("plans/sayansk-2026.toml"),
        None,
        &["report", "--as-of", "2026-12-20", "-o", "r.docx"],
    );
    insta::assert_snapshot!("report_properties", properties(&m.dir().join("r.docx")));
    // the plan for approval is of its approval date (or of the day it is made)
    let (m, _dir) = run_with(
        &repo_plan("plans/mosalsk-2026.toml"),
        None,
        &[
            "render",
            "plans/plan.toml",
            "--as-of",
            "2026-01-20",
            "-o",
            "p.docx",
        ],
    );
    let p = properties(&m.dir().join("p.docx"));
    assert!(
        p.contains("dc:creator: МКОУ ДО «Мосальский дом творчества»"),
        "{p}"
    );
    assert!(p.contains("dcterms:created: 2026-01-20T00:00:00Z"), "{p}");
    // a report of several plans is the region's
    let m = Moc::in_temp()
        .copy("plans/mosalsk-2026.toml", "plans/a.toml")
        .copy("plans/sayansk-2026.toml", "plans/b.toml")
        .file("moc.toml", "[region]\nname = \"Калужская область\"\n");
    let (m, _dir) = m
        .args(["report", "--as-of", "2026-12-20", "-o", "r.docx"])
        .keep();
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    let p = properties(&m.dir().join("r.docx"));
    assert!(p.contains("dc:creator: Калужская область"), "{p}");
}

/// The mid-year plan with a signature and `[report]` keys added to its heading.
fn signed(report: &str) -> String {
    repo_plan("examples/mosalsk-2026-midyear.toml").replacen(
        "[plan.approval]",
        &format!(
            "[plan.signature]\nposition = \"Директор МКОУ ДО МДТ\"\nname = \"Е.Н. Петухова\"\n\
             executor = \"Иванова Анна Александровна, методист МОЦ\"\nphone = \"8 (48452) 2-11-11\"\n\n\
             {report}[plan.approval]"
        ),
        1,
    )
}

/// What a report in each format says of the signature, the stamp and the footer.
fn parts_shown(plan: &str, settings: Option<&str>, flags: &[&str]) -> Vec<String> {
    let mut shown = Vec::new();
    for file in ["r.md", "r.html", "r.docx"] {
        let mut args = vec!["report", "--as-of", "2026-12-20", "-o", file];
        args.extend(flags);
        let (m, _dir) = run_with(plan, settings, &args);
        let text = if Path::new(file)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
        {
            outline(&member(&m.dir().join(file), "word/document.xml"))
        } else {
            std::fs::read_to_string(m.dir().join(file)).unwrap_or_default()
        };
        let has = |s: &str| text.contains(s);
        shown.push(format!(
            "{file}: signature {}, executor {}, stamp {}, footer {}",
            has("Директор МКОУ ДО МДТ ____________________ Е.Н. Петухова")
                || has("Директор МКОУ ДО МДТ → ____________________ Е.Н. Петухова")
                || has("Директор МКОУ ДО МДТ \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_ Е.Н. Петухова"),
            has("Исполнитель: Иванова Анна Александровна, методист МОЦ") && has("Тел.: 8 (48452) 2-11-11"),
            has("Утверждено"),
            has("Сформировано программой moc"),
        ));
    }
    shown
}

#[test]
fn signature_and_report_options_reach_every_format() {
    let all = "signature true, executor true, stamp true, footer true";
    assert_eq!(
        parts_shown(&signed(""), None, &[]),
        [
            format!("r.md: {all}"),
            format!("r.html: {all}"),
            format!("r.docx: {all}")
        ]
    );
    // the flags leave out the stamp and the footer
    let none = "signature true, executor true, stamp false, footer false";
    assert_eq!(
        parts_shown(&signed(""), None, &["--no-footer", "--no-approval"]),
        [
            format!("r.md: {none}"),
            format!("r.html: {none}"),
            format!("r.docx: {none}")
        ]
    );
    // moc.toml says no footer and no stamp; the plan wants its stamp back
    let settings =
        "[region]\nname = \"Калужская область\"\n\n[report]\nfooter = false\napproval = false\n";
    let plan = signed("").replacen(
        "[[responsible]]",
        "[report]\napproval = true\n\n[[responsible]]",
        1,
    );
    let stamp = "signature true, executor true, stamp true, footer false";
    assert_eq!(
        parts_shown(&plan, Some(settings), &[]),
        [
            format!("r.md: {stamp}"),
            format!("r.html: {stamp}"),
            format!("r.docx: {stamp}")
        ]
    );
}

#[test]
fn render_writes_the_formats_it_names() {
    let plan = repo_plan("plans/mosalsk-2026.toml");
    let (m, _dir) = run_with(
        &plan,
        None,
        &["render", "plans/plan.toml", "-o", "план.html"],
    );
    let page = std::fs::read_to_string(m.dir().join("план.html")).unwrap_or_default();
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.contains("<table>") && page.contains("Утверждено"));
    assert!(!page.contains("<script"));
    let (m, _dir) = run_with(
        &plan,
        None,
        &["render", "plans/plan.toml", "--format", "docx"],
    );
    let out = m.run();
    assert!(out.stdout.starts_with("PK"), "a redirect gets the document");
    let out = Moc::in_temp()
        .file("plans/plan.toml", &plan)
        .args(["render", "plans/plan.toml", "-o", "план.txt"])
        .run();
    assert_eq!(out.code, 2, "{out}");
    assert!(
        out.stderr.contains(
            "эта команда не пишет файлы .txt; она пишет: .md, .markdown, .docx, .html, .htm"
        ),
        "{out}"
    );
}

#[test]
fn the_word_plan_imports_back_to_the_same_table() {
    for path in ["plans/mosalsk-2026.toml", "plans/sayansk-2026.toml"] {
        let (m, _dir) = run_with(
            &repo_plan(path),
            None,
            &["render", "plans/plan.toml", "-o", "план.docx"],
        );
        let back = Moc::in_temp_at(m.dir())
            .args(["import", "план.docx", "-o", "back.toml"])
            .run();
        assert_eq!(back.code, 0, "{back}");
        let table = |file: &str| {
            let out = Moc::in_temp_at(m.dir()).args(["render", file]).run();
            assert_eq!(out.code, 0, "{out}");
            out.stdout
                .lines()
                .filter(|l| l.starts_with('|'))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        let original = table("plans/plan.toml");
        assert!(original.len() > 20, "{path}: {original:?}");
        assert_eq!(table("back.toml"), original, "{path}");
    }
}

mod libreoffice;
