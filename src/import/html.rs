//! Web pages (`.html`, `.htm`; also a «.xls» that a website or Word saved as HTML), parsed with
//! html5ever (through scraper) and walked without recursion. Text outside tables becomes rows of
//! one cell, one per paragraph, heading, list item or line break; a table row is a row. `colspan`
//! leaves empty cells after the cell; `rowspan` repeats the text in the rows below, as a Word
//! cell merged down does. A table inside a cell becomes text of that cell. Scripts, styles and
//! the page's head are skipped.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::{Grid, ImportError, Localized};

const MAX_COLUMNS: usize = 256;
const MAX_CELLS: usize = 4_000_000;

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    /// cells of the open row: (text, colspan, rowspan)
    row: Option<Vec<(String, usize, usize)>>,
    cell: Option<(String, usize, usize)>,
    /// per column: rows still covered from above, and the text
    down: Vec<(usize, String)>,
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "address"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "center"
            | "caption"
            | "ul"
            | "ol"
            | "body"
    )
}

pub(crate) fn read(text: &str) -> Result<Grid, ImportError> {
    let html = Html::parse_document(text);
    let mut grid = Grid::default();
    let mut tables: Vec<Table> = Vec::new();
    let mut line = String::new();
    let mut skip = 0usize;
    let mut cells = 0usize;
    let flush = |line: &mut String, tables: &mut Vec<Table>, grid: &mut Grid| {
        let t = std::mem::take(line);
        if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
            if !t.trim().is_empty() {
                if !c.0.is_empty() {
                    c.0.push('\n');
                }
                c.0.push_str(t.trim());
            }
        } else if tables.is_empty() && !t.trim().is_empty() {
            grid.rows.push(vec![t.trim().to_owned()]);
        }
    };
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                let Node::Element(e) = node.value() else {
                    if skip == 0
                        && let Node::Text(t) = node.value()
                    {
                        line.push_str(&t.text);
                    }
                    continue;
                };
                let name = e.name();
                if skip > 0 || matches!(name, "script" | "style" | "head" | "noscript" | "template")
                {
                    skip += 1;
                    continue;
                }
                let span = |a: &str, most: usize| {
                    e.attr(a)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, most)
                };
                match name {
                    "br" => line.push('\n'),
                    "table" => {
                        flush(&mut line, &mut tables, &mut grid);
                        tables.push(Table::default());
                    }
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.row = Some(Vec::new());
                        }
                    }
                    "td" | "th" => {
                        if let Some(t) = tables.last_mut()
                            && t.row.is_some()
                        {
                            line.clear();
                            t.cell =
                                Some((String::new(), span("colspan", 64), span("rowspan", 10_000)));
                        }
                    }
                    n if is_block(n) => flush(&mut line, &mut tables, &mut grid),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                let Node::Element(e) = node.value() else {
                    continue;
                };
                let name = e.name();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match name {
                    "td" | "th" => {
                        flush(&mut line, &mut tables, &mut grid);
                        if let Some(t) = tables.last_mut()
                            && let Some(c) = t.cell.take()
                            && let Some(r) = t.row.as_mut()
                        {
                            r.push(c);
                        }
                    }
                    "tr" => {
                        if let Some(t) = tables.last_mut()
                            && let Some(r) = t.row.take()
                        {
                            let row = lay_out(r, &mut t.down);
                            cells += row.len();
                            t.rows.push(row);
                        }
                        if cells > MAX_CELLS {
                            return Err(ImportError::TooLarge(Localized::new(
                                "на странице больше 4 миллионов ячеек — это не план",
                                "the page has more than 4 million cells — not a plan",
                            )));
                        }
                    }
                    "table" => {
                        flush(&mut line, &mut tables, &mut grid);
                        if let Some(t) = tables.pop() {
                            if let Some(c) = tables.last_mut().and_then(|p| p.cell.as_mut()) {
                                for row in t.rows {
                                    let l = row
                                        .iter()
                                        .map(|c| c.trim())
                                        .filter(|c| !c.is_empty())
                                        .collect::<Vec<_>>()
                                        .join(" ");
                                    if !l.is_empty() {
                                        if !c.0.is_empty() {
                                            c.0.push('\n');
                                        }
                                        c.0.push_str(&l);
                                    }
                                }
                            } else if tables.is_empty() {
                                grid.rows.extend(t.rows);
                            }
                        }
                    }
                    n if is_block(n) => flush(&mut line, &mut tables, &mut grid),
                    _ => {}
                }
            }
        }
    }
    flush(&mut line, &mut tables, &mut grid);
    // tables left open by a page cut short
    while let Some(t) = tables.pop() {
        if tables.is_empty() {
            grid.rows.extend(t.rows);
        }
    }
    Ok(grid)
}

/// The HTML table algorithm, in short: cells go to the first column not covered from above.
fn lay_out(cells: Vec<(String, usize, usize)>, down: &mut Vec<(usize, String)>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let take_covered = |out: &mut Vec<String>, down: &mut Vec<(usize, String)>| {
        while let Some((left, text)) = down.get(out.len()).cloned() {
            if left == 0 || out.len() >= MAX_COLUMNS {
                break;
            }
            out.push(text);
        }
    };
    for (text, colspan, rowspan) in cells {
        take_covered(&mut out, down);
        let col = out.len();
        if col >= MAX_COLUMNS {
            break;
        }
        if down.len() < col + colspan {
            down.resize(col + colspan, (0, String::new()));
        }
        // the rows below this one that the cell covers (the repeat goes in the first column only)
        for k in 0..colspan {
            down[col + k] = (
                rowspan.saturating_sub(1) + usize::from(rowspan > 1),
                if k == 0 { text.clone() } else { String::new() },
            );
        }
        out.push(text);
        for _ in 1..colspan {
            out.push(String::new());
        }
    }
    take_covered(&mut out, down);
    for d in down.iter_mut() {
        d.0 = d.0.saturating_sub(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_paragraphs() {
        let page = "<html><head><title>x</title><style>p{}</style></head><body>\
            <p>План работы<br>на 2026 год</p>\
            <table><tr><th>№</th><th>Мероприятие</th><th>Срок</th></tr>\
            <tr><td colspan=3>I. Раздел</td></tr>\
            <tr><td>1</td><td><p>Совещание</p><p>педагогов</p></td><td rowspan=2>Май</td></tr>\
            <tr><td>2</td><td>Семинар &laquo;Итоги&raquo;</td></tr></table><p>Директор</p></body></html>";
        let g = read(page).unwrap_or_default();
        assert_eq!(
            g.rows,
            vec![
                vec!["План работы\nна 2026 год".to_owned()],
                vec!["№".into(), "Мероприятие".into(), "Срок".into()],
                vec!["I. Раздел".into(), String::new(), String::new()],
                vec!["1".into(), "Совещание\nпедагогов".into(), "Май".into()],
                vec!["2".into(), "Семинар «Итоги»".into(), "Май".into()],
                vec!["Директор".into()],
            ]
        );
    }
}
