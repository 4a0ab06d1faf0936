//! Word documents (`.docx`): the paragraphs before the first table are the preamble; the rows of
//! every table follow one another (a plan split over pages may be several tables). A cell merged
//! across columns (`gridSpan`) is read as that many cells, the text in the first; a cell merged
//! down (`vMerge`) repeats the text of the cell above it. Several paragraphs in a cell are
//! joined with a space; tracked insertions and hyperlinks are read, deletions are not.

use super::{Grid, ImportError};

#[cfg(feature = "docx")]
pub(crate) fn read(bytes: &[u8]) -> Result<Grid, ImportError> {
    use docx_rs::{DocumentChild, TableCellContent, TableChild, TableRowChild};

    // a .docx is a zip; say so plainly when it is not one
    if !bytes.starts_with(b"PK") {
        return Err(ImportError::NotADocument("not a zip archive".into()));
    }
    verify_zip(bytes)?;
    let doc = docx_rs::read_docx(bytes).map_err(|e| ImportError::NotADocument(e.to_string()))?;
    let mut grid = Grid::default();
    let mut seen_table = false;
    for child in &doc.document.children {
        match child {
            DocumentChild::Paragraph(p) if !seen_table => {
                let t = paragraph_text(p);
                if !t.trim().is_empty() {
                    grid.preamble.push(t);
                }
            }
            DocumentChild::Table(table) => {
                seen_table = true;
                // (column, text) of cells merged down, continued in the rows below
                let mut above: Vec<String> = Vec::new();
                for TableChild::TableRow(row) in &table.rows {
                    let mut cells: Vec<String> = Vec::new();
                    for TableRowChild::TableCell(cell) in &row.cells {
                        let prop = serde_json::to_value(&cell.property).unwrap_or_default();
                        let span = prop["gridSpan"].as_u64().unwrap_or(1).clamp(1, 64) as usize;
                        let vmerge = prop["verticalMerge"]
                            .as_str()
                            .unwrap_or_default()
                            .to_owned();
                        let mut text = String::new();
                        for c in &cell.children {
                            if let TableCellContent::Paragraph(p) = c {
                                let t = paragraph_text(p);
                                if !t.trim().is_empty() {
                                    if !text.is_empty() {
                                        text.push(' ');
                                    }
                                    text.push_str(t.trim());
                                }
                            }
                        }
                        let col = cells.len();
                        if vmerge == "continue" {
                            text = above.get(col).cloned().unwrap_or_default();
                        }
                        if above.len() <= col {
                            above.resize(col + 1, String::new());
                        }
                        above[col] = text.clone();
                        cells.push(text);
                        for _ in 1..span {
                            cells.push(String::new());
                        }
                    }
                    grid.rows.push(cells);
                }
            }
            _ => {}
        }
    }
    if !seen_table {
        return Err(ImportError::NoTable);
    }
    Ok(grid)
}

/// The most a document may unpack to: a plan is a few megabytes; more is a damaged or hostile
/// archive (a «zip bomb»).
#[cfg(feature = "docx")]
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// Read every member of the archive once: docx-rs panics on a member whose checksum is wrong, so
/// a damaged archive is refused here, with a reason, before it gets that far.
#[cfg(feature = "docx")]
fn verify_zip(bytes: &[u8]) -> Result<(), ImportError> {
    use std::io::Read;
    let broken = |e: &dyn std::fmt::Display| ImportError::NotADocument(format!("zip: {e}"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| broken(&e))?;
    let mut left = MAX_UNPACKED;
    for i in 0..archive.len() {
        let member = archive.by_index(i).map_err(|e| broken(&e))?;
        let mut limited = member.take(left + 1);
        let n = std::io::copy(&mut limited, &mut std::io::sink()).map_err(|e| broken(&e))?;
        if n > left {
            return Err(broken(&"the archive unpacks to more than 256 MB"));
        }
        left -= n;
    }
    Ok(())
}

#[cfg(feature = "docx")]
fn paragraph_text(p: &docx_rs::Paragraph) -> String {
    let mut s = String::new();
    for c in &p.children {
        paragraph_child(c, &mut s);
    }
    s
}

#[cfg(feature = "docx")]
fn paragraph_child(c: &docx_rs::ParagraphChild, s: &mut String) {
    use docx_rs::{InsertChild, ParagraphChild};
    match c {
        ParagraphChild::Run(r) => run_text(r, s),
        ParagraphChild::Insert(ins) => {
            for ic in &ins.children {
                if let InsertChild::Run(r) = ic {
                    run_text(r, s);
                }
            }
        }
        ParagraphChild::Hyperlink(h) => {
            for hc in &h.children {
                paragraph_child(hc, s);
            }
        }
        _ => {}
    }
}

#[cfg(feature = "docx")]
fn run_text(r: &docx_rs::Run, s: &mut String) {
    use docx_rs::RunChild;
    for rc in &r.children {
        match rc {
            RunChild::Text(t) => s.push_str(&t.text),
            RunChild::Tab(_) => s.push('\t'),
            RunChild::Break(_) | RunChild::CarriageReturn(_) => s.push('\n'),
            _ => {}
        }
    }
}

#[cfg(not(feature = "docx"))]
pub(crate) fn read(_bytes: &[u8]) -> Result<Grid, ImportError> {
    Err(ImportError::NotADocument(
        "moc was built without the docx feature".into(),
    ))
}
