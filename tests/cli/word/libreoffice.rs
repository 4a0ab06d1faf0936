//! LibreOffice converts the report and the plan for approval to PDF, and the pages are read back
//! with poppler: A4 in the right orientation, the header of a table on every page it continues
//! on, no row split across a page break, the summary's headers whole words.

use std::path::Path;
use std::process::Command;

use super::{member, outline_within, repo_plan, run_with, signed};

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
             (apt-get install libreoffice-writer-nogui fonts-liberation poppler-utils)"
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
