//! OpenDocument text (`.odt`, LibreOffice Writer), read by streaming over `content.xml` with
//! the same limits as Word documents. Paragraphs and headings outside tables are rows of one
//! cell; a table row is a row. A cell spanning columns (`table:number-columns-spanned`) is
//! followed by covered cells that read empty; a cell spanning rows (`number-rows-spanned`)
//! repeats its text in the covered cells below it, as a Word cell merged down does.
//! Tracked changes (their deleted text), annotations and footnotes are skipped.

use super::archive::Archive;
use super::xml::{Step, attr, walk};
use super::{Format, Grid, ImportError, Localized};

const MAX_COLUMNS: usize = 256;
const MAX_CELLS: usize = 4_000_000;

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Option<Vec<String>>,
    cell: Option<String>,
    /// per column: rows still covered by a cell above, and its text
    down: Vec<(usize, String)>,
    /// rows-spanned and columns-spanned of the open cell
    span: (usize, usize),
    repeat_cell: usize,
}

fn skipped(name: &str) -> bool {
    matches!(
        name,
        "tracked-changes"
            | "annotation"
            | "annotation-end"
            | "note"
            | "sequence-decls"
            | "forms"
            | "table-columns"
            | "table-column"
            | "automatic-styles"
            | "font-face-decls"
            | "scripts"
    )
}

pub(crate) fn read(bytes: &[u8]) -> Result<Grid, ImportError> {
    // every member unpacks within the limits and its checksum holds: a damaged archive is
    // said to be damaged, whichever member is hurt
    super::archive::check_all(bytes, Format::Odt)?;
    let mut archive = Archive::open(bytes, Format::Odt)?;
    let Some(xml) = archive.member("content.xml")? else {
        return Err(ImportError::Damaged(
            Format::Odt,
            Localized::new(
                "в архиве нет content.xml — это не документ OpenDocument",
                "the archive has no content.xml — not an OpenDocument file",
            ),
        ));
    };
    read_content_xml(&xml)
}

fn count(e: &quick_xml::events::BytesStart<'_>, name: &str, most: usize) -> usize {
    attr(e, name)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, most)
}

pub(crate) fn read_content_xml(xml: &[u8]) -> Result<Grid, ImportError> {
    let mut grid = Grid::default();
    let mut tables: Vec<Table> = Vec::new();
    let mut paras: Vec<String> = Vec::new();
    let mut skip = 0usize;
    let mut cells = 0usize;
    walk(xml, Format::Odt, "content.xml", |step| {
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
                    "p" | "h" => paras.push(String::new()),
                    "s" => {
                        let n = count(e, "c", 100);
                        push(&mut paras, &" ".repeat(n));
                    }
                    "tab" => push(&mut paras, "\t"),
                    "line-break" => push(&mut paras, "\n"),
                    "table" => tables.push(Table::default()),
                    "table-row" => {
                        if let Some(t) = tables.last_mut() {
                            t.row = Some(Vec::new());
                        }
                    }
                    "table-cell" | "covered-table-cell" => {
                        if let Some(t) = tables.last_mut()
                            && t.row.is_some()
                        {
                            t.cell = Some(String::new());
                            t.repeat_cell = count(e, "number-columns-repeated", MAX_COLUMNS);
                            t.span = if name == "table-cell" {
                                (
                                    count(e, "number-rows-spanned", 10_000),
                                    count(e, "number-columns-spanned", MAX_COLUMNS),
                                )
                            } else {
                                (0, 0)
                            };
                        }
                    }
                    _ => {}
                }
            }
            Step::Text(s) => push(&mut paras, s),
            Step::Close(name) => match name {
                "p" | "h" => {
                    let text = paras.pop().unwrap_or_default();
                    if let Some(parent) = paras.last_mut() {
                        if !text.trim().is_empty() {
                            parent.push(' ');
                            parent.push_str(&text);
                        }
                    } else if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                        if !c.is_empty() {
                            c.push('\n');
                        }
                        c.push_str(&text);
                    } else if tables.is_empty() && !text.trim().is_empty() {
                        cells += 1;
                        grid.rows.push(if text.contains('\t') {
                            text.split('\t').map(str::to_owned).collect()
                        } else {
                            vec![text]
                        });
                    }
                }
                "table-cell" | "covered-table-cell" => {
                    if let Some(t) = tables.last_mut()
                        && let Some(text) = t.cell.take()
                        && let Some(row) = t.row.as_mut()
                    {
                        for _ in 0..t.repeat_cell {
                            let col = row.len();
                            if col >= MAX_COLUMNS {
                                break;
                            }
                            if t.down.len() <= col {
                                t.down.resize(col + 1, (0, String::new()));
                            }
                            if name == "covered-table-cell" {
                                // covered from above: the text of the cell that spans down
                                let (left, above) = &t.down[col];
                                row.push(if *left > 0 {
                                    above.clone()
                                } else {
                                    String::new()
                                });
                            } else {
                                let (rows, cols) = t.span;
                                if rows > 1 {
                                    t.down[col] = (rows, text.clone());
                                }
                                row.push(text.clone());
                                // the covered cells to the right come as elements of their own
                                let _ = cols;
                            }
                        }
                    }
                }
                "table-row" => {
                    if let Some(t) = tables.last_mut()
                        && let Some(row) = t.row.take()
                    {
                        for d in &mut t.down {
                            d.0 = d.0.saturating_sub(1);
                        }
                        // a long run of repeated empty cells at the end is layout, not content
                        let mut row = row;
                        while row.last().is_some_and(String::is_empty) && row.len() > 1 {
                            row.pop();
                        }
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
                "table" => {
                    if let Some(t) = tables.pop() {
                        if let Some(c) = tables.last_mut().and_then(|p| p.cell.as_mut()) {
                            for row in t.rows {
                                let line = row
                                    .iter()
                                    .map(|c| c.trim())
                                    .filter(|c| !c.is_empty())
                                    .collect::<Vec<_>>()
                                    .join(" ");
                                if !line.is_empty() {
                                    if !c.is_empty() {
                                        c.push('\n');
                                    }
                                    c.push_str(&line);
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

fn push(paras: &mut [String], s: &str) {
    if let Some(p) = paras.last_mut() {
        p.push_str(&s.replace('\u{ad}', ""));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_covered_cells() {
        let xml = r#"<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:text>
<text:h>План работы</text:h><text:p>на<text:s/>2026 год</text:p>
<table:table><table:table-column table:number-columns-repeated="3"/>
<table:table-row><table:table-cell><text:p>№</text:p></table:table-cell><table:table-cell><text:p>Мероприятие</text:p></table:table-cell><table:table-cell><text:p>Срок</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:number-columns-spanned="3"><text:p>I. Раздел</text:p></table:table-cell><table:covered-table-cell/><table:covered-table-cell/></table:table-row>
<table:table-row><table:table-cell><text:p>1</text:p></table:table-cell><table:table-cell><text:p>Совещание<text:line-break/>педагогов</text:p></table:table-cell><table:table-cell table:number-rows-spanned="2"><text:p>Май</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>2</text:p></table:table-cell><table:table-cell><text:p>Семинар</text:p><office:annotation><text:p>заметка</text:p></office:annotation></table:table-cell><table:covered-table-cell/></table:table-row>
</table:table></office:text></office:body></office:document-content>"#;
        let g = read_content_xml(xml.as_bytes()).unwrap_or_default();
        assert_eq!(g.rows[0], vec!["План работы"]);
        assert_eq!(g.rows[1], vec!["на 2026 год"]);
        assert_eq!(g.rows[3], vec!["I. Раздел"]);
        assert_eq!(g.rows[4], vec!["1", "Совещание\nпедагогов", "Май"]);
        assert_eq!(g.rows[5], vec!["2", "Семинар", "Май"]);
    }
}
