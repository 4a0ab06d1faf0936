//! A document as a list of blocks — headings, paragraphs, labelled facts, tables, charts — built
//! once from a report or a plan and written out as Markdown, a Word document or a web page. Text in
//! blocks is plain; each writer escapes it for its own format.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::evaluate::State;
use crate::render::markdown::{cell, cell_into, heading, text};

/// A table cell: text, and whether it is bold (a total).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cell {
    pub(crate) text: String,
    pub(crate) bold: bool,
}

impl Cell {
    pub(crate) fn plain(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            bold: false,
        }
    }
    pub(crate) fn bold(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            bold: true,
        }
    }
}

/// A table: header, which columns are numbers (right-aligned), rows.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Table {
    pub(crate) head: Vec<String>,
    pub(crate) right: Vec<bool>,
    pub(crate) rows: Vec<Vec<Cell>>,
}

/// One item on the timeline chart: its windows on the year, one per occurrence (each month of
/// monthly work, each of several dates) and, for a postponed item, the window it left; none
/// when it has no dates (on demand, or a deadline not understood) — the page lists those.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Span {
    /// The item's number as moc names it: «2.2» for «2.2.».
    pub(crate) number: String,
    /// The number and the whole title (the page shortens it for the label).
    pub(crate) label: String,
    pub(crate) windows: Vec<Window>,
    /// Work on demand: no due date, listed under the chart.
    pub(crate) on_demand: bool,
}

/// One window of an item on the timeline, in the state it is in.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Window {
    pub(crate) start: NaiveDate,
    pub(crate) end: NaiveDate,
    pub(crate) state: State,
    /// The window in words: «март», «январь 2027».
    pub(crate) period: String,
    /// Its state in words, inside a sentence: «выполнено», «перенесено на январь 2027г.».
    pub(crate) word: String,
    /// The window a postponed item left (drawn hatched).
    pub(crate) former: bool,
}

/// A picture (drawn only in the web page).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Chart {
    /// Share done by section, percent.
    Bars {
        title: String,
        bars: Vec<(String, Option<f64>)>,
    },
    /// Values of one indicator (years, municipalities): one bar each, scaled to the largest.
    Values {
        title: String,
        unit: String,
        bars: Vec<(String, Option<f64>)>,
    },
    /// The year: every item's window, coloured by state.
    Timeline {
        title: String,
        from: NaiveDate,
        to: NaiveDate,
        spans: Vec<Span>,
    },
}

/// The signature under a report: who signs it, on one line with a space to sign, and who
/// prepared it («Исполнитель»), in small print below.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Signature {
    /// «Директор МКОУ ДО МДТ» (may be empty).
    pub(crate) position: String,
    /// «Е.Н. Петухова» (may be empty).
    pub(crate) name: String,
    /// Lines below: «Исполнитель: Иванова А.А., методист», «Тел.: 8 (48452) 2-11-11».
    pub(crate) notes: Vec<String>,
}

/// The space left to sign in, as text.
pub(crate) const SIGN_HERE: &str = "____________________";

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Block {
    /// The approval stamp: its first line is the heading («Утверждено»).
    Stamp(Vec<String>),
    Heading(usize, String),
    /// Lines of labelled values: «**Организация:** …», several on a line joined by « · ».
    Facts(Vec<Vec<(String, String)>>),
    /// Lines in bold (the subtitle of a plan).
    BoldLines(Vec<String>),
    /// «**Цель:** text».
    Labeled(String, String),
    Para(String),
    Bullets(Vec<String>),
    Table(Table),
    Chart(Chart),
    Rule,
    /// The signature at the end of a report.
    Signature(Signature),
}

/// The document as GitHub-flavoured Markdown.
pub(crate) fn markdown(blocks: &[Block]) -> String {
    let mut s = String::new();
    markdown_into(&mut s, blocks);
    trim_end(&mut s);
    s
}

/// A document's end: no trailing blank lines.
pub(crate) fn trim_end(s: &mut String) {
    while s.ends_with("\n\n") {
        s.pop();
    }
}

/// A GFM table (see [`crate::render::markdown::table`]), each cell escaped straight into `s`.
fn table_into(s: &mut String, t: &Table) {
    table_head_into(s, &t.head, &t.right);
    table_rows_into(s, &t.rows, t.head.len());
}

/// A GFM table's head: the header line and the line under it (`---:` for a column of numbers).
pub(crate) fn table_head_into(s: &mut String, head: &[String], right: &[bool]) {
    s.push('|');
    for h in head {
        s.push(' ');
        s.push_str(h);
        s.push_str(" |");
    }
    s.push_str("\n|");
    for i in 0..head.len() {
        s.push_str(if right.get(i).copied().unwrap_or(false) {
            "---:|"
        } else {
            "---|"
        });
    }
    s.push('\n');
}

/// A GFM table's rows of `columns` cells (a row's missing cells empty).
fn table_rows_into(s: &mut String, rows: &[Vec<Cell>], columns: usize) {
    for r in rows {
        s.push('|');
        for i in 0..columns {
            s.push(' ');
            if let Some(c) = r.get(i) {
                cell_into(s, &c.text, c.bold);
            }
            s.push_str(" |");
        }
        s.push('\n');
    }
}

/// A GFM table's row of plain cells: what [`table_rows_into`] writes of a row of
/// [`Cell::plain`] of them.
pub(crate) fn plain_row_into(s: &mut String, cells: &[&str]) {
    s.push('|');
    for c in cells {
        s.push(' ');
        cell_into(s, c, false);
        s.push_str(" |");
    }
    s.push('\n');
}

/// [`markdown_into`] of many blocks in pieces, made on the machine's cores: each block is
/// written by itself, so the pieces, put end to end, are the whole. A region's part is
/// thousands of table rows, written after all the plans are read, while the other cores would
/// have nothing to do.
pub(crate) fn markdown_pieces(blocks: &[Block]) -> Vec<String> {
    // the work of a block: its cells
    let weight = |b: &Block| match b {
        Block::Table(t) => t.rows.len() * t.head.len().max(1),
        _ => 1,
    };
    let total: usize = blocks.iter().map(weight).sum();
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    // a few thousand cells are written sooner than a thread is started
    let n = cores.min(total / 20_000).max(1);
    if n == 1 {
        let mut s = String::new();
        markdown_into(&mut s, blocks);
        return vec![s];
    }
    let mut chunks = Vec::with_capacity(n);
    let (mut from, mut sum) = (0, 0);
    for (i, b) in blocks.iter().enumerate() {
        sum += weight(b);
        if sum * n >= total * (chunks.len() + 1) && chunks.len() + 1 < n {
            chunks.push(&blocks[from..=i]);
            from = i + 1;
        }
    }
    chunks.push(&blocks[from..]);
    let write = |chunk: &[Block]| {
        let mut s = String::new();
        markdown_into(&mut s, chunk);
        s
    };
    std::thread::scope(|scope| {
        let later: Vec<_> = chunks[1..]
            .iter()
            .map(|&c| scope.spawn(move || write(c)))
            .collect();
        let mut pieces = vec![write(chunks[0])];
        for h in later {
            pieces.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        pieces
    })
}

/// Append blocks as Markdown (each ends with a blank line; see [`trim_end`]).
pub(crate) fn markdown_into(s: &mut String, blocks: &[Block]) {
    for b in blocks {
        match b {
            Block::Stamp(lines) => {
                for (i, l) in lines.iter().enumerate() {
                    if i == 0 {
                        let _ = writeln!(s, "> **{}**  ", text(l));
                    } else {
                        let _ = writeln!(s, "> {}  ", text(l));
                    }
                }
                s.push('\n');
            }
            Block::Heading(level, t) => {
                let _ = writeln!(s, "{} {}\n", "#".repeat(*level), heading(t));
            }
            Block::Facts(lines) => {
                let lines: Vec<String> = lines
                    .iter()
                    .map(|pairs| {
                        pairs
                            .iter()
                            .map(|(k, v)| format!("**{}** {}", text(k), text(v)))
                            .collect::<Vec<_>>()
                            .join(" · ")
                    })
                    .collect();
                let _ = writeln!(s, "{}\n", lines.join("  \n"));
            }
            Block::BoldLines(lines) => {
                let lines: Vec<String> = lines.iter().map(|l| format!("**{}**", text(l))).collect();
                let _ = writeln!(s, "{}\n", lines.join("  \n"));
            }
            Block::Labeled(k, v) => {
                let _ = writeln!(s, "**{}** {}\n", text(k), text(v));
            }
            Block::Para(t) => {
                let _ = writeln!(s, "{}\n", text(t));
            }
            Block::Bullets(items) => {
                for i in items {
                    let _ = writeln!(s, "- {}", cell(i));
                }
                s.push('\n');
            }
            Block::Table(t) => {
                table_into(s, t);
                s.push('\n');
            }
            Block::Chart(_) => {}
            Block::Rule => s.push_str("---\n\n"),
            Block::Signature(sig) => signature_into(s, sig),
        }
    }
}

/// The signature as Markdown: «position ____ name», then the notes, a line each.
fn signature_into(s: &mut String, sig: &Signature) {
    let signer: Vec<String> = [sig.position.trim(), SIGN_HERE, sig.name.trim()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(text)
        .collect();
    if !sig.position.trim().is_empty() || !sig.name.trim().is_empty() {
        let _ = writeln!(s, "{}\n", signer.join(" "));
    }
    let notes: Vec<String> = sig
        .notes
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| text(n.trim()))
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(s, "{}\n", notes.join("  \n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_in_pieces_is_the_whole_markdown() {
        // enough cells for the pieces to be written on several threads
        let table = |k: usize| {
            Block::Table(Table {
                head: vec!["№".into(), "Мероприятие".into()],
                right: vec![false, false],
                rows: (0..3000)
                    .map(|i| {
                        vec![
                            Cell::plain(format!("{k}.{i}")),
                            Cell::plain("Семинар | *итоги*"),
                        ]
                    })
                    .collect(),
            })
        };
        let mut blocks = vec![Block::Heading(2, "Просроченное".into())];
        for k in 0..12 {
            blocks.push(Block::Heading(3, format!("Муниципалитет {k}")));
            blocks.push(table(k));
        }
        let mut whole = String::new();
        markdown_into(&mut whole, &blocks);
        let pieces = markdown_pieces(&blocks);
        assert_eq!(pieces.concat(), whole);
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        assert_eq!(pieces.len(), cores.clamp(1, 2 * 3000 * 12 / 20_000));
    }
}
