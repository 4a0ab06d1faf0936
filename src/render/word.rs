//! The report as a Word document (`.docx`), written without pandoc: A4 landscape (the report's
//! tables have up to nine columns, as the plan's own Word tables are laid out), margins as
//! Russian official documents use them (left 3 cm, right 1.5 cm, top and bottom 2 cm), Times New Roman
//! 12 pt in tables and 14 pt in text and headings, tables with borders, headings as Word's own
//! «Заголовок 1–3» styles so that the navigation pane and a table of contents work. Charts are
//! left to the web page; their figures are in the tables.

use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Style,
    StyleType, Table as DTable, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableRow, WidthType,
};

use crate::render::doc::{Block, Table};

const FONT: &str = "Times New Roman";
/// Text and headings, half-points: 14 pt.
const TEXT: usize = 28;
/// Tables and the approval stamp: 12 pt.
const SMALL: usize = 24;
/// A4 landscape, in twips.
const PAGE: (u32, u32) = (16838, 11906);
/// The width of the text with 3 cm + 1.5 cm margins, in twips.
const TEXT_WIDTH: usize = PAGE.0 as usize - 1701 - 850;

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

fn run(text: &str, size: usize, bold: bool) -> Run {
    let mut r = Run::new().add_text(text).size(size).fonts(fonts());
    if bold {
        r = r.bold();
    }
    r
}

/// A paragraph of text with its line breaks kept.
fn para(text: &str, size: usize, bold: bool) -> Paragraph {
    let mut p = Paragraph::new();
    for (i, line) in clean(text).split('\n').enumerate() {
        if i > 0 {
            p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
        }
        p = p.add_run(run(line.trim_end(), size, bold));
    }
    p
}

/// Word cannot hold control characters; carriage returns become line breaks.
fn clean(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !crate::text::needs_escape(c))
        .collect()
}

fn heading_styles() -> Vec<Style> {
    (1..=4)
        .map(|n| {
            Style::new(format!("Heading{n}"), StyleType::Paragraph)
                .name(format!("heading {n}"))
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .size(TEXT)
                .bold()
                .fonts(fonts())
                .outline_lvl(n - 1)
                .line_spacing(LineSpacing::new().before(240).after(120))
        })
        .collect()
}

/// Column widths in twips: each column at least as wide as its longest word (a word is not
/// broken across lines), the rest of the page shared by how much text each column holds.
fn grid(t: &Table) -> Vec<usize> {
    // an average Times New Roman letter at 12 pt, and a cell's margins (Word's 0.19 cm a side)
    const LETTER: usize = 110;
    const PAD: usize = 216;
    let n = t.head.len().max(1);
    let longest_word = |s: &str| {
        s.split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    };
    let mut min = vec![0usize; n];
    let mut weight = vec![1usize; n];
    let cells = t
        .head
        .iter()
        .enumerate()
        .map(|(i, h)| (i, h.as_str(), true))
        .chain(t.rows.iter().flat_map(|r| {
            r.iter()
                .enumerate()
                .take(n)
                .map(|(i, c)| (i, c.text.as_str(), false))
        }));
    for (i, text, head) in cells {
        min[i] = min[i].max(longest_word(text).min(24) * LETTER + PAD);
        if !head {
            weight[i] = weight[i].max(text.chars().count().min(80));
        }
    }
    let floor: usize = min.iter().sum();
    if floor >= TEXT_WIDTH {
        return min.iter().map(|m| m * TEXT_WIDTH / floor).collect();
    }
    let spare = TEXT_WIDTH - floor;
    let total: usize = weight.iter().sum();
    min.iter()
        .zip(&weight)
        .map(|(m, w)| m + spare * w / total.max(1))
        .collect()
}

fn table(t: &Table) -> DTable {
    let widths = grid(t);
    let cell = |text: &str, bold: bool, right: bool, w: usize| {
        let mut p = para(text, SMALL, bold);
        if right {
            p = p.align(AlignmentType::Right);
        }
        TableCell::new().add_paragraph(p).width(w, WidthType::Dxa)
    };
    let right = |i: usize| t.right.get(i).copied().unwrap_or(false);
    let width = |i: usize| widths.get(i).copied().unwrap_or(1000);
    let mut rows = vec![TableRow::new(
        t.head
            .iter()
            .enumerate()
            .map(|(i, h)| cell(h, true, false, width(i)))
            .collect(),
    )];
    for r in &t.rows {
        let mut cells: Vec<TableCell> = r
            .iter()
            .enumerate()
            .map(|(i, c)| cell(&c.text, c.bold, right(i), width(i)))
            .collect();
        // a short row still fills the table
        while cells.len() < t.head.len() {
            let i = cells.len();
            cells.push(cell("", false, false, width(i)));
        }
        rows.push(TableRow::new(cells));
    }
    let border = |p| TableBorder::new(p).size(4);
    DTable::new(rows)
        .set_borders(
            TableBorders::new()
                .set(border(TableBorderPosition::Top))
                .set(border(TableBorderPosition::Left))
                .set(border(TableBorderPosition::Bottom))
                .set(border(TableBorderPosition::Right))
                .set(border(TableBorderPosition::InsideH))
                .set(border(TableBorderPosition::InsideV)),
        )
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// The document's bytes.
pub(crate) fn document(
    blocks: &[Block],
    title: &str,
    created: chrono::NaiveDate,
) -> std::io::Result<Vec<u8>> {
    let mut doc = Docx::new()
        .default_fonts(fonts())
        .default_size(TEXT)
        .page_size(PAGE.0, PAGE.1)
        .page_orient(docx_rs::PageOrientationType::Landscape)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1701)
                .right(850)
                .header(708)
                .footer(708),
        )
        .created_at(&format!("{}T00:00:00Z", created.format("%Y-%m-%d")))
        .updated_at(&format!("{}T00:00:00Z", created.format("%Y-%m-%d")))
        .custom_property("title", clean(title));
    for s in heading_styles() {
        doc = doc.add_style(s);
    }
    for b in blocks {
        match b {
            Block::Stamp(lines) => {
                for (i, l) in lines.iter().enumerate() {
                    doc = doc.add_paragraph(
                        para(l, SMALL, i == 0)
                            .indent(Some(TEXT_WIDTH as i32 - 4800), None, None, None)
                            .line_spacing(LineSpacing::new().after(0)),
                    );
                }
                doc = doc.add_paragraph(Paragraph::new());
            }
            Block::Heading(level, t) => {
                let l = (*level).clamp(1, 4);
                let mut p = para(t, TEXT, true).style(&format!("Heading{l}"));
                if l == 1 {
                    p = p.align(AlignmentType::Center);
                }
                doc = doc.add_paragraph(p.keep_next(true));
            }
            Block::Facts(lines) => {
                for pairs in lines {
                    let mut p = Paragraph::new();
                    for (i, (k, v)) in pairs.iter().enumerate() {
                        if i > 0 {
                            p = p.add_run(run(" · ", TEXT, false));
                        }
                        p = p.add_run(run(&clean(k), TEXT, true)).add_run(run(
                            &format!(" {}", clean(v)),
                            TEXT,
                            false,
                        ));
                    }
                    doc = doc.add_paragraph(p);
                }
            }
            Block::BoldLines(lines) => {
                for l in lines {
                    doc = doc.add_paragraph(para(l, TEXT, true).align(AlignmentType::Center));
                }
            }
            Block::Labeled(k, v) => {
                doc = doc.add_paragraph(
                    Paragraph::new()
                        .add_run(run(&clean(k), TEXT, true))
                        .add_run(run(&format!(" {}", clean(v)), TEXT, false))
                        .align(AlignmentType::Both),
                );
            }
            Block::Para(t) => {
                doc = doc.add_paragraph(para(t, TEXT, false).align(AlignmentType::Both));
            }
            Block::Bullets(items) => {
                for i in items {
                    doc = doc.add_paragraph(
                        para(&format!("– {i}"), TEXT, false)
                            .indent(Some(709), None, None, None)
                            .align(AlignmentType::Both),
                    );
                }
            }
            Block::Table(t) => {
                doc = doc.add_table(table(t)).add_paragraph(Paragraph::new());
            }
            Block::Chart(_) => {}
            Block::Rule => {
                doc = doc.add_paragraph(Paragraph::new());
            }
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(std::io::Error::other)?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::doc::Cell;

    #[test]
    fn widths_fill_the_text_width() {
        let t = Table {
            head: vec!["№".into(), "Мероприятие".into(), "Срок".into()],
            right: vec![],
            rows: vec![vec![
                Cell::plain("1.1"),
                Cell::plain("Совещание руководителей организаций дополнительного образования"),
                Cell::plain("Сентябрь 2026г."),
            ]],
        };
        let g = grid(&t);
        assert_eq!(g.len(), 3);
        assert!(g[1] > g[2] && g[2] > g[0], "{g:?}");
        assert!(g.iter().sum::<usize>() <= TEXT_WIDTH);
    }

    #[test]
    fn document_reads_back() -> Result<(), Box<dyn std::error::Error>> {
        let blocks = vec![
            Block::Heading(1, "Отчёт".into()),
            Block::Table(Table {
                head: vec!["a".into(), "b".into()],
                right: vec![false, true],
                rows: vec![vec![Cell::plain("x\ny"), Cell::bold("1")]],
            }),
        ];
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 20).ok_or("date")?;
        let doc = docx_rs::read_docx(&document(&blocks, "Отчёт", day)?)?;
        let tables = doc
            .document
            .children
            .iter()
            .filter(|c| matches!(c, docx_rs::DocumentChild::Table(_)))
            .count();
        assert_eq!(tables, 1);
        Ok(())
    }
}
