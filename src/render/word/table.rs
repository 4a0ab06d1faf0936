//! Tables of the Word document: column widths from the content, and rows that behave on paper.
//!
//! Widths are fixed (`w:tblLayout fixed`, so Word and LibreOffice draw them as written): each
//! column is at least as wide as its longest word — a header such as «Мероприятий» wraps only
//! between words, never inside one — numeric columns stay that narrow, and the rest of the text
//! width goes to the text columns by how much text they hold, none wider than its longest line.
//! Every row is kept on one page (`w:cantSplit`) unless it is taller than a page (Word would cut
//! it off); the header row is repeated on each page the table continues on (`w:tblHeader`) and
//! held with the first row below it. Tables with the same header (one per section) get the same
//! columns, measured over all their rows. A row with one bold cell and nothing else is a section's
//! heading (the plan's «1. Мероприятия по …»): it is written as one cell across the table.

use std::fmt::Write as _;

use super::measure::{self, twips};
use super::xml::{Look, Para, run};
use crate::render::doc::{Cell, Table};

/// Text in tables: 12 pt, in half-points.
pub(super) const SIZE: u32 = 24;
/// A cell's inner margin on the left and on the right, twips (0.15 cm).
const MARGIN: u32 = 85;
/// The height of a line of 12 pt text, twips (single spacing: 1.15 × 12 pt).
const LINE: u32 = 276;

/// The room a piece of text `units` wide (thousandths of an em, 12 pt) needs in a cell: the
/// text with 5 % to spare (the layout engines round glyphs to their own units), and the margins.
fn room(units: u32) -> u32 {
    twips(units + units / 20, SIZE) + 2 * MARGIN + 20
}

/// The section heading of a row: its one bold cell when every other cell is empty.
pub(super) fn section_row(row: &[Cell], columns: usize) -> Option<&Cell> {
    if columns < 2 {
        return None;
    }
    let mut filled = row.iter().filter(|c| !c.text.trim().is_empty());
    let only = filled.next()?;
    (only.bold && filled.next().is_none()).then_some(only)
}

/// Column widths in twips, summing to `total`.
pub(super) fn widths(t: &Table, total: u32) -> Vec<u32> {
    let n = t.head.len().max(1);
    let numeric = |i: usize| t.right.get(i).copied().unwrap_or(false);
    // the narrowest each column may be (its longest word), its longest line, how much text
    let mut min = vec![room(0); n];
    let mut max = vec![room(0); n];
    let mut weight = vec![0u64; n];
    let mut see = |i: usize, text: &str, bold: bool| {
        min[i] = min[i].max(room(measure::longest_word(text, bold)));
        for line in text.lines() {
            max[i] = max[i].max(room(measure::width(line.trim(), bold)));
        }
        weight[i] += u64::from(measure::width(text, bold));
    };
    for (i, h) in t.head.iter().enumerate().take(n) {
        see(i, h, true);
    }
    for row in &t.rows {
        if section_row(row, n).is_some() {
            continue;
        }
        for (i, c) in row.iter().enumerate().take(n) {
            see(i, &c.text, c.bold);
        }
    }
    // a «word» longer than two fifths of the line (a link) may break: it cannot take the table
    let cap = total * 2 / 5;
    for m in &mut min {
        *m = (*m).min(cap);
    }
    for (x, m) in max.iter_mut().zip(&min) {
        *x = (*x).max(*m);
    }
    let floor: u32 = min.iter().sum();
    let mut w = if floor >= total {
        // more columns than fit: each shrinks in proportion (words will break; nothing else would fit)
        min.iter()
            .map(|m| (u64::from(*m) * u64::from(total) / u64::from(floor.max(1))) as u32)
            .collect()
    } else {
        grow(&min, &max, &weight, total, &numeric)
    };
    // the rounding left over goes to the widest column
    let sum: u32 = w.iter().sum();
    if let Some(widest) = (0..n).max_by_key(|&i| w[i]) {
        w[widest] = (w[widest] + total).saturating_sub(sum);
    }
    w
}

/// Share `total − Σ min` among the text columns by their weight, none beyond its longest line
/// (water-filling); what is left when every text column holds its lines whole goes to the text
/// columns by weight again (or to every column, in a table of numbers only).
fn grow(
    min: &[u32],
    max: &[u32],
    weight: &[u64],
    total: u32,
    numeric: &dyn Fn(usize) -> bool,
) -> Vec<u32> {
    let n = min.len();
    let mut w = min.to_vec();
    let mut spare = u64::from(total - min.iter().sum::<u32>());
    let text: Vec<usize> = (0..n).filter(|&i| !numeric(i)).collect();
    let weight_of = |i: usize| weight[i].max(1);
    let mut open: Vec<usize> = text.iter().copied().filter(|&i| w[i] < max[i]).collect();
    while spare > 0 && !open.is_empty() {
        let sum: u64 = open.iter().map(|&i| weight_of(i)).sum();
        // the columns whose share would take them past their longest line get just that
        let full: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&i| u64::from(w[i]) + spare * weight_of(i) / sum >= u64::from(max[i]))
            .collect();
        if full.is_empty() {
            for &i in &open {
                w[i] += (spare * weight_of(i) / sum) as u32;
            }
            spare = 0;
            break;
        }
        for &i in &full {
            spare -= u64::from(max[i] - w[i]);
            w[i] = max[i];
        }
        open.retain(|i| !full.contains(i));
    }
    if spare > 0 {
        let takers = if text.is_empty() {
            (0..n).collect()
        } else {
            text
        };
        let sum: u64 = takers.iter().map(|&i| weight_of(i)).sum();
        for &i in &takers {
            w[i] += (spare * weight_of(i) / sum.max(1)) as u32;
        }
    }
    w
}

/// How tall a row would be, twips: the most lines of its cells at their widths.
fn height(row: &[Cell], widths: &[u32]) -> u32 {
    let lines = row
        .iter()
        .zip(widths)
        .map(|(c, w)| {
            let inner = w.saturating_sub(2 * MARGIN).max(1);
            c.text
                .lines()
                .map(|l| {
                    twips(measure::width(l, c.bold), SIZE)
                        .div_ceil(inner)
                        .max(1)
                })
                .sum::<u32>()
                .max(1)
        })
        .max()
        .unwrap_or(1);
    lines * LINE + 2 * 57
}

/// Borders of a data table: single lines ½ pt, outside and inside.
const BORDERS: &str = "<w:tblBorders>\
<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
</w:tblBorders>";

/// One cell: its width, how many grid columns it spans, and one paragraph per line of text.
fn cell(
    out: &mut String,
    text: &str,
    width: u32,
    span: usize,
    para: &Para<'_>,
    look: Look,
    center: bool,
) {
    let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
    if span > 1 {
        let _ = write!(out, "<w:gridSpan w:val=\"{span}\"/>");
    }
    if center {
        out.push_str("<w:vAlign w:val=\"center\"/>");
    }
    out.push_str("</w:tcPr>");
    para.open(out);
    run(out, text.trim(), look);
    out.push_str("</w:p></w:tc>");
}

/// The table as `<w:tbl>` with its columns `widths` twips wide (see [`widths`]), on a page whose
/// text is `page_height` twips tall.
pub(super) fn table(out: &mut String, t: &Table, widths: &[u32], page_height: u32) {
    let n = t.head.len().max(1);
    let total: u32 = widths.iter().sum();
    let numeric = |i: usize| t.right.get(i).copied().unwrap_or(false);
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/>{BORDERS}\
         <w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"{MARGIN}\" w:type=\"dxa\"/>\
         <w:right w:w=\"{MARGIN}\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
    );
    for w in widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");

    // the header: repeated on every page, kept with the row below it
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    let head = Para {
        style: Some("TableText"),
        keep_next: true,
        align: Some("center"),
        ..Para::default()
    };
    for (i, w) in widths.iter().enumerate() {
        let text = t.head.get(i).map_or("", String::as_str);
        cell(out, text, *w, 1, &head, Look::BOLD, true);
    }
    out.push_str("</w:tr>");

    for row in &t.rows {
        if let Some(section) = section_row(row, n) {
            // a section's heading: across the table, kept with its first item
            out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            let p = Para {
                style: Some("TableText"),
                keep_next: true,
                align: Some("center"),
                ..Para::default()
            };
            cell(out, &section.text, total, n, &p, Look::BOLD, false);
            out.push_str("</w:tr>");
            continue;
        }
        // a row taller than the page would be cut off by Word if it could not split
        if height(row, widths) < page_height * 9 / 10 {
            out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        } else {
            out.push_str("<w:tr>");
        }
        for (i, w) in widths.iter().enumerate() {
            let (text, look) = match row.get(i) {
                Some(c) if c.bold => (c.text.as_str(), Look::BOLD),
                Some(c) => (c.text.as_str(), Look::PLAIN),
                None => ("", Look::PLAIN),
            };
            let p = Para {
                style: Some("TableText"),
                align: numeric(i).then_some("right"),
                ..Para::default()
            };
            cell(out, text, *w, 1, &p, look, false);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> Table {
        let heads = [
            "Раздел",
            "Мероприятий",
            "Выполнено",
            "Частично",
            "Не выполнено",
            "Перенесено",
            "Отменено",
            "Вне подсчёта",
            "Выполнение",
        ];
        let row = |name: &str| {
            let mut r = vec![Cell::plain(name)];
            r.extend(["10", "8", "1", "1", "0", "0", "0", "85,0 %"].map(Cell::plain));
            r
        };
        Table {
            head: heads.map(str::to_owned).to_vec(),
            right: (0..9).map(|i| i > 0).collect(),
            rows: vec![
                row("1. Мероприятия по обеспечению деятельности МОЦ"),
                row("2. Организационно-методическое сопровождение"),
            ],
        }
    }

    #[test]
    fn widths_sum_to_the_text_width_and_hold_every_word() {
        let total = 14287;
        for t in [summary(), items()] {
            let w = widths(&t, total);
            assert_eq!(w.iter().sum::<u32>(), total, "{w:?}");
            for (i, h) in t.head.iter().enumerate() {
                for word in measure::words(h) {
                    assert!(
                        room(measure::width(word, true)) <= w[i],
                        "«{word}» in {w:?}"
                    );
                }
            }
            for row in &t.rows {
                for (c, width) in row.iter().zip(&w) {
                    for word in measure::words(&c.text) {
                        assert!(room(measure::width(word, c.bold)) <= *width, "«{word}»");
                    }
                }
            }
        }
    }

    #[test]
    fn numeric_columns_are_narrow_and_text_gets_the_rest() {
        let w = widths(&summary(), 14287);
        // a numeric column is as wide as its longest header word, and no wider
        assert_eq!(w[1], room(measure::width("Мероприятий", true)));
        assert_eq!(w[4], room(measure::width("выполнено", true)));
        // and the text column takes the rest
        assert!(w[1..].iter().all(|x| *x < w[0]), "{w:?}");
    }

    fn items() -> Table {
        Table {
            head: [
                "№",
                "Мероприятие",
                "Срок",
                "Ответственные",
                "Результат исполнения",
            ]
            .map(str::to_owned)
            .to_vec(),
            right: Vec::new(),
            rows: vec![
                vec![
                    Cell::plain(""),
                    Cell::bold(
                        "1. Мероприятия по обеспечению деятельности муниципального опорного центра",
                    ),
                    Cell::plain(""),
                    Cell::plain(""),
                    Cell::plain(""),
                ],
                vec![
                    Cell::plain("1.1"),
                    Cell::plain(
                        "Участие в семинарах, вебинарах и других мероприятиях по вопросам реализации Целевой модели",
                    ),
                    Cell::plain("В течение года"),
                    Cell::plain("Руководитель МОЦ, методист"),
                    Cell::plain("Вебинар РМЦ «Социальный сертификат»; совещание руководителей"),
                ],
            ],
        }
    }

    #[test]
    fn short_columns_are_no_wider_than_their_lines() {
        let w = widths(&items(), 14287);
        let longest = room(measure::width("1.1", false)).max(room(measure::width("№", true)));
        assert_eq!(w[0], longest, "{w:?}");
        assert!(
            w[2] <= room(measure::width("В течение года", false)),
            "{w:?}"
        );
        assert!(w[1] > w[3] && w[4] > w[3], "{w:?}");
    }

    #[test]
    fn too_many_columns_shrink_to_fit() {
        let t = Table {
            head: (0..40).map(|i| format!("Показатель{i}")).collect(),
            right: vec![true; 40],
            rows: Vec::new(),
        };
        let w = widths(&t, 9355);
        assert_eq!(w.iter().sum::<u32>(), 9355);
    }

    #[test]
    fn section_rows_and_tall_rows() {
        let t = items();
        assert!(section_row(&t.rows[0], 5).is_some());
        assert!(section_row(&t.rows[1], 5).is_none());
        let mut s = String::new();
        table(&mut s, &t, &widths(&t, 14287), 9638);
        assert!(s.contains("<w:gridSpan w:val=\"5\"/>"));
        assert_eq!(s.matches("<w:cantSplit/>").count(), 3);
        // a row longer than a page may split (Word would cut it off)
        let mut tall = items();
        tall.rows[1][4] = Cell::plain("очень длинный результат ".repeat(2000));
        let mut s = String::new();
        table(&mut s, &tall, &widths(&tall, 14287), 9638);
        assert_eq!(s.matches("<w:cantSplit/>").count(), 2);
    }
}
