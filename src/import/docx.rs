//! Word documents (`.docx`), read by streaming over the zip and its `word/document.xml` (no tree,
//! limits on size and depth — see [`super::archive`] and [`super::xml`]).
//!
//! The document becomes rows in document order: a paragraph outside tables is a row of one cell
//! (or of several, where tabs separate its parts), a table row is a row. A cell merged across
//! columns (`gridSpan`) is read as that many cells, the text in the first; a cell merged down
//! (`vMerge`) repeats the text of the cell above it; `gridBefore` leaves empty cells in front.
//! Rows and cells inside content controls (`w:sdt`) are read like any other, tracked insertions
//! (`w:ins`, `w:moveTo`) are kept and deletions (`w:del`, `w:moveFrom`) are not; tabs, line and
//! page breaks separate words. A table inside a table cell becomes text of that cell. Field
//! codes, the fallback copies of text boxes and footnote marks are skipped.

use super::archive::Archive;
use super::xml::{Step, attr, walk};
use super::{Format, Grid, ImportError, Localized};

#[derive(Clone, Copy, PartialEq, Eq)]
enum VMerge {
    No,
    Restart,
    Continue,
}

struct Cell {
    text: String,
    span: usize,
    vmerge: VMerge,
}

#[derive(Default)]
struct Row {
    grid_before: usize,
    cells: Vec<Cell>,
    cell: Option<Cell>,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Option<Row>,
    /// the text of each grid column in the row above (for vMerge)
    above: Vec<String>,
}

/// The most grid columns a row may have; more are a broken file.
const MAX_COLUMNS: usize = 256;
/// The most cells of a whole document.
const MAX_CELLS: usize = 4_000_000;

/// Elements whose content is not text of the document.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "del"
            | "moveFrom"
            | "Fallback"
            | "instrText"
            | "delText"
            | "delInstrText"
            | "pPr"
            | "rPr"
            | "tblPr"
            | "tblGrid"
            | "sectPr"
            | "footnoteReference"
            | "endnoteReference"
            | "commentReference"
            | "annotationRef"
    )
}

/// The part of the archive that holds the document's body, from `_rels/.rels`.
fn main_part(archive: &mut Archive<'_>) -> Result<String, ImportError> {
    let fallback = "word/document.xml".to_owned();
    let Some(rels) = archive.member("_rels/.rels")? else {
        return Ok(fallback);
    };
    let mut found = None;
    let _ = walk(&rels, Format::Docx, "_rels/.rels", |step| {
        if let Step::Open("Relationship", e) = step
            && found.is_none()
            && attr(e, "Type").is_some_and(|t| t.ends_with("/officeDocument"))
        {
            found = attr(e, "Target").map(|t| t.trim_start_matches('/').to_owned());
        }
        Ok(())
    });
    Ok(found.unwrap_or(fallback))
}

/// Read a .docx.
pub(crate) fn read(bytes: &[u8]) -> Result<Grid, ImportError> {
    if !bytes.starts_with(b"PK") {
        return Err(ImportError::Damaged(
            Format::Docx,
            Localized::new("это не архив ZIP", "not a zip archive"),
        ));
    }
    // every member unpacks within the limits and its checksum holds: a damaged archive is
    // said to be damaged, whichever member is hurt
    super::archive::check_all(bytes, Format::Docx)?;
    let mut archive = Archive::open(bytes, Format::Docx)?;
    let part = main_part(&mut archive)?;
    let Some(xml) = archive.member(&part)? else {
        return Err(ImportError::Damaged(
            Format::Docx,
            Localized::new(
                &format!("в архиве нет «{part}» — это не документ Word"),
                &format!("the archive has no «{part}» — not a Word document"),
            ),
        ));
    };
    read_document_xml(&xml, &part)
}

/// Read the XML of a document's body (`word/document.xml`).
pub(crate) fn read_document_xml(xml: &[u8], member: &str) -> Result<Grid, ImportError> {
    let mut grid = Grid::default();
    let mut tables: Vec<Table> = Vec::new();
    let mut paras: Vec<String> = Vec::new();
    let mut skip = 0usize;
    let mut in_text = false;
    let mut cells = 0usize;
    walk(xml, Format::Docx, member, |step| {
        if skip > 0 {
            match step {
                Step::Open(..) => skip += 1,
                Step::Close(_) => skip -= 1,
                Step::Text(_) => {}
            }
            return Ok(());
        }
        match step {
            Step::Open(name, e) => {
                if skipped(name) {
                    skip = 1;
                    return Ok(());
                }
                match name {
                    "t" => in_text = true,
                    "p" => paras.push(String::new()),
                    "tab" | "ptab" => push_text(&mut paras, "\t"),
                    "br" | "cr" => push_text(&mut paras, "\n"),
                    "noBreakHyphen" => push_text(&mut paras, "-"),
                    "tbl" => tables.push(Table::default()),
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.row = Some(Row::default());
                        }
                    }
                    "gridBefore" => {
                        if let Some(r) = tables.last_mut().and_then(|t| t.row.as_mut()) {
                            r.grid_before = number(e).min(MAX_COLUMNS);
                        }
                    }
                    "tc" => {
                        if let Some(r) = tables.last_mut().and_then(|t| t.row.as_mut()) {
                            r.cell = Some(Cell {
                                text: String::new(),
                                span: 1,
                                vmerge: VMerge::No,
                            });
                        }
                    }
                    "gridSpan" => {
                        if let Some(c) = current_cell(&mut tables) {
                            c.span = number(e).clamp(1, 64);
                        }
                    }
                    "vMerge" => {
                        if let Some(c) = current_cell(&mut tables) {
                            c.vmerge = if attr(e, "val").as_deref() == Some("restart") {
                                VMerge::Restart
                            } else {
                                VMerge::Continue
                            };
                        }
                    }
                    _ => {}
                }
            }
            Step::Text(s) => {
                if in_text {
                    push_text(&mut paras, s);
                }
            }
            Step::Close(name) => match name {
                "t" => in_text = false,
                "p" => {
                    let text = paras.pop().unwrap_or_default();
                    if let Some(parent) = paras.last_mut() {
                        // a paragraph in a text box inside a paragraph
                        if !text.trim().is_empty() {
                            parent.push(' ');
                            parent.push_str(&text);
                        }
                    } else if let Some(c) = current_cell(&mut tables) {
                        if !c.text.is_empty() {
                            c.text.push('\n');
                        }
                        c.text.push_str(&text);
                    } else if !tables.is_empty() {
                        // a paragraph in a table but outside any cell: a broken table
                    } else if !text.trim().is_empty() {
                        cells += 1;
                        grid.rows.push(if text.contains('\t') {
                            text.split('\t').map(str::to_owned).collect()
                        } else {
                            vec![text]
                        });
                    }
                }
                "tc" => {
                    if let Some(r) = tables.last_mut().and_then(|t| t.row.as_mut())
                        && let Some(c) = r.cell.take()
                    {
                        r.cells.push(c);
                    }
                }
                "tr" => {
                    if let Some(t) = tables.last_mut()
                        && let Some(r) = t.row.take()
                    {
                        let row = lay_out(r, &mut t.above);
                        cells += row.len();
                        t.rows.push(row);
                    }
                    if cells > MAX_CELLS {
                        return Err(ImportError::TooLarge(Localized::new(
                            "в документе больше 4 миллионов ячеек — это не план",
                            "the document has more than 4 million cells — not a plan",
                        )));
                    }
                }
                "tbl" => {
                    if let Some(t) = tables.pop() {
                        if let Some(c) = current_cell(&mut tables) {
                            // a table in a table cell: its text joins the cell's
                            for row in t.rows {
                                let line = row
                                    .iter()
                                    .map(|c| c.trim())
                                    .filter(|c| !c.is_empty())
                                    .collect::<Vec<_>>()
                                    .join(" ");
                                if !line.is_empty() {
                                    if !c.text.is_empty() {
                                        c.text.push('\n');
                                    }
                                    c.text.push_str(&line);
                                }
                            }
                        } else if tables.is_empty() {
                            grid.rows.extend(t.rows);
                        }
                    }
                }
                _ => {}
            },
        }
        Ok(())
    })?;
    Ok(grid)
}

fn push_text(paras: &mut [String], s: &str) {
    if let Some(p) = paras.last_mut() {
        p.push_str(&s.replace('\u{ad}', ""));
    }
}

fn current_cell(tables: &mut [Table]) -> Option<&mut Cell> {
    tables
        .last_mut()
        .and_then(|t| t.row.as_mut())
        .and_then(|r| r.cell.as_mut())
}

fn number(e: &quick_xml::events::BytesStart<'_>) -> usize {
    attr(e, "val")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
}

/// The row's cells on the table's grid: spans widen, merged-down cells repeat the text above.
fn lay_out(r: Row, above: &mut Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = vec![String::new(); r.grid_before];
    for c in r.cells {
        let col = out.len();
        if col >= MAX_COLUMNS {
            break;
        }
        let text = if c.vmerge == VMerge::Continue {
            above.get(col).cloned().unwrap_or_default()
        } else {
            c.text
        };
        if above.len() < col + c.span {
            above.resize(col + c.span, String::new());
        }
        above[col] = text.clone();
        out.push(text);
        for _ in 1..c.span {
            out.push(String::new());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> Vec<u8> {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
        .into_bytes()
    }

    fn cell(t: &str) -> String {
        format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn merges_tracked_changes_and_content_controls() {
        let body = format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">План </w:t></w:r><w:ins><w:r><w:t>работы</w:t></w:r></w:ins><w:del><w:r><w:delText>удалено</w:delText></w:r></w:del></w:p>\
             <w:tbl><w:tr>{}{}{}</w:tr>\
             <w:sdt><w:sdtContent><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr><w:p><w:r><w:t>I. Раздел</w:t></w:r></w:p></w:tc></w:tr></w:sdtContent></w:sdt>\
             <w:tr>{}<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>Январь</w:t><w:br/><w:t>2026</w:t></w:r></w:p></w:tc>{}</w:tr>\
             <w:tr>{}<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt></w:tr></w:tbl>",
            cell("№"),
            cell("Мероприятие"),
            cell("Срок"),
            cell("1"),
            cell("МОЦ"),
            cell("2"),
            cell("РМЦ &amp; ИРО")
        );
        let g = read_document_xml(&doc(&body), "word/document.xml").unwrap_or_default();
        assert_eq!(g.rows[0], vec!["План работы"]);
        assert_eq!(g.rows[2], vec!["I. Раздел", "", ""]);
        assert_eq!(g.rows[3], vec!["1", "Январь\n2026", "МОЦ"]);
        assert_eq!(g.rows[4], vec!["2", "Январь\n2026", "РМЦ & ИРО"]);
    }

    #[test]
    fn cut_and_deep_documents_are_refused() {
        let full = doc(&format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", cell("текст")));
        for cut in [full.len() - 30, full.len() / 2, 60] {
            assert!(
                read_document_xml(&full[..cut], "word/document.xml").is_err(),
                "cut at {cut}"
            );
        }
        let deep = doc(&format!(
            "{}{}",
            "<w:tbl><w:tr><w:tc>".repeat(1000),
            "</w:tc></w:tr></w:tbl>".repeat(1000)
        ));
        assert!(matches!(
            read_document_xml(&deep, "word/document.xml"),
            Err(ImportError::TooDeep(_))
        ));
        // a few nested tables are text of their cell
        let nested = doc(&format!(
            "<w:tbl><w:tr>{}<w:tc><w:tbl><w:tr>{}{}</w:tr></w:tbl></w:tc></w:tr></w:tbl>",
            cell("1"),
            cell("а"),
            cell("б")
        ));
        let g = read_document_xml(&nested, "word/document.xml").unwrap_or_default();
        assert_eq!(g.rows, vec![vec!["1".to_owned(), "а б".to_owned()]]);
    }
}
