//! Word documents: `moc report -o …docx` and `moc render -o …docx` on the bundled plans. The
//! body is snapshotted as an outline (paragraph styles, tables with their column widths and row
//! properties, text shortened), the document's properties are read back, the signature and the
//! `[report]` options reach every format, and LibreOffice converts both documents to PDF with
//! the header of a table on every page it continues on and no row split across pages.

use std::io::Read as _;
use std::path::Path;
use std::process::Command;

use quick_xml::events::Event;

use crate::Moc;

/// The text of a member of the `.docx` at `path`.
fn member(path: &Path, name: &str) -> String {
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
fn outline(xml: &str) -> String {
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

/// A program the LibreOffice test needs; its absence fails the test (CI installs it).
fn tool(name: &str) -> std::path::PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!(
            "`{name}` is not installed: this test converts the Word documents to PDF with \
             LibreOffice and reads them with poppler — .ci/run installs them \
             (apt-get install libreoffice-writer fonts-liberation poppler-utils)"
        )
    })
}

/// Convert `docx` to PDF next to it with LibreOffice (its own profile, so that runs in parallel
/// and a LibreOffice already open do not meet); the PDF's path.
fn to_pdf(docx: &Path) -> std::path::PathBuf {
    let dir = docx.parent().unwrap_or(Path::new("."));
    let profile = dir.join("lo-profile");
    let out = Command::new(tool("soffice"))
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .arg(docx)
        .env("HOME", dir)
        .output()
        .unwrap_or_else(|e| panic!("soffice: {e}"));
    let pdf = docx.with_extension("pdf");
    assert!(
        pdf.is_file(),
        "LibreOffice made no PDF of {}: {}{}",
        docx.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

/// `pdfinfo`: the number of pages and the page size in points.
fn pdf_pages(pdf: &Path) -> (usize, f64, f64) {
    let out = Command::new(tool("pdfinfo"))
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("pdfinfo: {e}"));
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map_or_else(|| panic!("no {name} in {info}"), str::trim)
            .to_owned()
    };
    let pages = field("Pages:").parse().unwrap_or(0);
    let size = field("Page size:");
    let mut nums = size
        .split_whitespace()
        .filter_map(|w| w.parse::<f64>().ok());
    let (w, h) = (nums.next().unwrap_or(0.0), nums.next().unwrap_or(0.0));
    (pages, w, h)
}

/// The text of page `n`, laid out (`pdftotext -layout`), without blank lines.
fn page_text(pdf: &Path, n: usize) -> Vec<String> {
    let out = Command::new(tool("pdftotext"))
        .args(["-layout", "-f", &n.to_string(), "-l", &n.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext: {e}"));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The tables of an outline: each table's header cells and the first word of each row.
fn tables_of(outline: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let mut tables = Vec::new();
    for line in outline.lines() {
        if line.starts_with("TABLE") {
            tables.push((Vec::new(), Vec::new()));
            continue;
        }
        let Some((flags, cells)) = line.strip_prefix("  [").and_then(|r| r.split_once("] ")) else {
            continue;
        };
        let Some((head, firsts)) = tables.last_mut() else {
            continue;
        };
        let cells: Vec<String> = cells.split(" | ").map(str::to_owned).collect();
        if flags.contains("header") {
            *head = cells;
            continue;
        }
        // a cell across the table is marked «⟨5 columns⟩ text»
        let first = cells
            .iter()
            .map(|c| match c.split_once("⟩ ") {
                Some((_, rest)) if c.starts_with('⟨') => rest,
                _ => c.as_str(),
            })
            .find(|c| !c.trim().is_empty())
            .and_then(|c| c.split_whitespace().next())
            .unwrap_or_default()
            .to_owned();
        firsts.push(first);
    }
    tables
}

/// The first `n` words of `s`, spaces squeezed (justified lines are spread out by `-layout`).
fn words(s: &str, n: usize) -> String {
    s.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

/// Check a converted document against its whole outline ([`outline_within`], nothing
/// shortened): every page after the first begins with text (a heading, a paragraph or the rest
/// of one) or with the repeated header of a table — never with a bare row — and the line under a
/// repeated header begins a row, so no row is split across the page break. What each page began
/// with, a line per page.
fn check_pages(pdf: &Path, outline: &str, pages: usize) -> Vec<String> {
    let tables = tables_of(outline);
    let paragraphs: Vec<String> = outline
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with("TABLE") && !l.starts_with("PAGE"))
        .filter_map(|l| l.split_once(' ').map(|(_, t)| words(t, usize::MAX)))
        .collect();
    let mut seen = Vec::new();
    for n in 2..=pages {
        let text = page_text(pdf, n);
        // the page number stands first (from the second page)
        let body: Vec<&String> = text
            .iter()
            .skip_while(|l| l.parse::<u32>().is_ok())
            .collect();
        let Some(first) = body.first() else {
            continue;
        };
        let start = words(first, usize::MAX);
        if paragraphs.iter().any(|p| p.starts_with(&start)) {
            seen.push(format!("page {n}: «{} …»", words(first, 3)));
            continue;
        }
        if paragraphs.iter().any(|p| p.contains(&start)) {
            seen.push(format!(
                "page {n}: the rest of a paragraph, «{} …»",
                words(first, 3)
            ));
            continue;
        }
        // a table continues here: its header first (a header cell may take two lines); tables
        // with the same header (one per section) are one for this
        let mut found: Option<(&Vec<String>, Vec<&String>, &str)> = None;
        for (head, firsts) in &tables {
            let head_words: Vec<&str> = head.iter().flat_map(|h| h.split_whitespace()).collect();
            let lines = body
                .iter()
                .take_while(|l| l.split_whitespace().all(|w| head_words.contains(&w)))
                .count();
            let top: Vec<&str> = body[..lines]
                .iter()
                .flat_map(|l| l.split_whitespace())
                .collect();
            if head.is_empty() || !head_words.iter().all(|w| top.contains(w)) {
                continue;
            }
            let below = body.get(lines).map_or("", |l| l.as_str());
            match &mut found {
                Some((h, all, _)) if *h == head => all.extend(firsts),
                Some(_) => {}
                None => found = Some((head, firsts.iter().collect(), below)),
            }
        }
        let Some((head, firsts, below)) = found else {
            panic!(
                "page {n} of {} begins neither with text nor with a table's header: «{first}»",
                pdf.display()
            );
        };
        let word = below.split_whitespace().next().unwrap_or_default();
        assert!(
            firsts.iter().any(|f| !f.is_empty() && *f == word),
            "page {n}: «{below}» under the header does not begin a row (a row split across pages?)"
        );
        seen.push(format!(
            "page {n}: the header of «{}», then «{word} …»",
            head.join(" | ")
        ));
    }
    seen
}

#[test]
fn libreoffice_shows_repeated_headers_and_whole_rows() {
    // the report of the mid-year plan: landscape, several pages
    let (m, _dir) = run_with(
        &signed(""),
        None,
        &["report", "--as-of", "2026-12-20", "-o", "report.docx"],
    );
    let docx = m.dir().join("report.docx");
    let report_outline =
        outline_within(&member(&docx, "word/document.xml"), usize::MAX, usize::MAX);
    let pdf = to_pdf(&docx);
    let (pages, w, h) = pdf_pages(&pdf);
    assert!(pages > 1, "{pages} pages");
    assert!(
        (w - 841.89).abs() < 1.0 && (h - 595.3).abs() < 1.0,
        "A4 landscape: {w}×{h}"
    );
    let seen = check_pages(&pdf, &report_outline, pages);
    eprintln!("report, {pages} pages:\n{}", seen.join("\n"));
    assert!(seen.iter().any(|s| s.contains("the header of")), "{seen:?}");
    // the summary's headers are whole words («Мероприят|ий» no more)
    let first = page_text(&pdf, 1).join("\n");
    for word in [
        "Мероприятий",
        "Выполнено",
        "Частично",
        "Перенесено",
        "Отменено",
        "Выполнение",
    ] {
        assert!(first.contains(word), "«{word}» broken on page 1:\n{first}");
    }
    let last = page_text(&pdf, pages).join("\n");
    assert!(
        last.contains("Исполнитель: Иванова Анна Александровна"),
        "{last}"
    );

    // the plan for approval: portrait, its table over several pages
    let (m, _dir) = run_with(
        &repo_plan("plans/mosalsk-2026.toml"),
        None,
        &["render", "plans/plan.toml", "-o", "plan.docx"],
    );
    let docx = m.dir().join("plan.docx");
    let plan_outline = outline_within(&member(&docx, "word/document.xml"), usize::MAX, usize::MAX);
    let pdf = to_pdf(&docx);
    let (pages, w, h) = pdf_pages(&pdf);
    assert!(pages > 1, "{pages} pages");
    assert!(
        (w - 595.3).abs() < 1.0 && (h - 841.89).abs() < 1.0,
        "A4 portrait: {w}×{h}"
    );
    let seen = check_pages(&pdf, &plan_outline, pages);
    eprintln!("plan, {pages} pages:\n{}", seen.join("\n"));
    assert!(
        seen.iter().filter(|s| s.contains("the header of")).count() >= 2,
        "{seen:?}"
    );
}
