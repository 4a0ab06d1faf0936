//! Reports and plans as Word documents (`.docx`), written by moc itself: WordprocessingML
//! (ECMA-376) in a zip, no pandoc and no Word library.
//!
//! The page is A4, margins as Russian official documents have them (left 3 cm, right 1.5 cm,
//! top and bottom 2 cm); the report is landscape (its tables have up to nine columns, as the
//! plans' own Word tables are laid out), the plan for approval portrait — its four columns fit,
//! as in the Word plans that are signed today — and landscape with the result column. Times New Roman 14 pt in text and 12 pt in tables;
//! headings are Word's «Заголовок 1–4» with outline levels (the navigation pane and a table of
//! contents work); pages are numbered from the second. Tables: [`table`]; the package around the
//! body (styles, properties — the organisation as the author): [`package`]; text: [`xml`].
//! Charts are left to the web page; their figures are in the tables.

mod measure;
mod package;
mod table;
mod xml;

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

pub(crate) use package::Properties;

use crate::i18n::Lang;
use crate::render::doc::{Block, SIGN_HERE, Signature, Table};
use package::{HEADER_ID, R, W};
use xml::{Look, Para, run};

/// How the page is turned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Orientation {
    Portrait,
    Landscape,
}

/// The page: A4 in twips (1/20 pt), and the margins.
#[derive(Clone, Copy, Debug)]
struct Page {
    width: u32,
    height: u32,
}

const A4: (u32, u32) = (11906, 16838);
const LEFT: u32 = 1701;
const RIGHT: u32 = 850;
const TOP: u32 = 1134;
const BOTTOM: u32 = 1134;

impl Page {
    fn new(o: Orientation) -> Page {
        match o {
            Orientation::Portrait => Page {
                width: A4.0,
                height: A4.1,
            },
            Orientation::Landscape => Page {
                width: A4.1,
                height: A4.0,
            },
        }
    }

    /// The width of the text between the margins.
    fn text_width(self) -> u32 {
        self.width - LEFT - RIGHT
    }

    /// The height of the text between the margins.
    fn text_height(self) -> u32 {
        self.height - TOP - BOTTOM
    }
}

/// What the document is and how its pages are turned.
#[derive(Clone, Debug)]
pub(crate) struct Setup<'a> {
    pub(crate) title: &'a str,
    /// The author: the organisation (the plan's `organisation`, else its municipality).
    pub(crate) creator: Option<&'a str>,
    /// The report's date (or the plan's): the document's date.
    pub(crate) created: NaiveDate,
    pub(crate) lang: Lang,
    pub(crate) orientation: Orientation,
}

/// The document's bytes.
pub(crate) fn document(blocks: &[Block], setup: &Setup<'_>) -> std::io::Result<Vec<u8>> {
    let page = Page::new(setup.orientation);
    let language = match setup.lang {
        Lang::Ru => "ru-RU",
        Lang::En => "en-GB",
    };
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>"
    );
    body(&mut out, blocks, page);
    section(&mut out, page, setup.orientation);
    out.push_str("</w:body></w:document>");
    package::package(
        &out,
        &Properties {
            title: &xml::clean(setup.title),
            creator: setup.creator,
            created: setup.created,
            language,
        },
    )
}

/// The section: the page, its margins, the page number from the second page.
fn section(out: &mut String, page: Page, o: Orientation) {
    let orient = match o {
        Orientation::Portrait => "",
        Orientation::Landscape => " w:orient=\"landscape\"",
    };
    let _ = write!(
        out,
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"{HEADER_ID}\"/>\
         <w:pgSz w:w=\"{}\" w:h=\"{}\"{orient}/>\
         <w:pgMar w:top=\"{TOP}\" w:right=\"{RIGHT}\" w:bottom=\"{BOTTOM}\" w:left=\"{LEFT}\" \
         w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/><w:cols w:space=\"708\"/><w:titlePg/></w:sectPr>",
        page.width, page.height
    );
}

/// The column widths of the tables whose header several tables share (the plan table of each
/// section), measured over all their rows: the sections' tables line up.
fn shared_widths(blocks: &[Block], page: Page) -> HashMap<(&Vec<String>, &Vec<bool>), Vec<u32>> {
    let mut groups: HashMap<(&Vec<String>, &Vec<bool>), Vec<&Table>> = HashMap::new();
    for b in blocks {
        if let Block::Table(t) = b {
            groups.entry((&t.head, &t.right)).or_default().push(t);
        }
    }
    groups
        .into_iter()
        .filter(|(_, tables)| tables.len() > 1)
        .map(|(key, tables)| {
            let all = Table {
                head: key.0.clone(),
                right: key.1.clone(),
                rows: tables.iter().flat_map(|t| t.rows.iter().cloned()).collect(),
            };
            (key, table::widths(&all, page.text_width()))
        })
        .collect()
}

/// The blocks as paragraphs and tables.
fn body(out: &mut String, blocks: &[Block], page: Page) {
    let same_header = shared_widths(blocks, page);
    let text = Para {
        align: Some("both"),
        ..Para::default()
    };
    let empty = |out: &mut String| out.push_str("<w:p/>");
    let mut after_heading = true;
    for b in blocks {
        if matches!(b, Block::Table(_)) && !after_heading {
            // a line between a table and the text above it (a heading has its own space)
            empty(out);
        }
        after_heading = matches!(b, Block::Heading(..) | Block::Rule | Block::Stamp(_));
        match b {
            Block::Stamp(lines) => {
                // on the right, 8.5 cm wide, 12 pt; its first line («Утверждено») in bold
                let p = Para {
                    left: Some(page.text_width().saturating_sub(4800)),
                    ..Para::default()
                };
                for (i, l) in lines.iter().enumerate() {
                    let look = Look {
                        bold: i == 0,
                        size: Some(table::SIZE),
                    };
                    p.text(out, l, look);
                }
                empty(out);
            }
            Block::Heading(level, t) => {
                let style = format!("Heading{}", (*level).clamp(1, 4));
                Para {
                    style: Some(&style),
                    ..Para::default()
                }
                .text(out, t, Look::PLAIN);
            }
            Block::Facts(lines) => {
                for pairs in lines {
                    Para::default().open(out);
                    for (i, (k, v)) in pairs.iter().enumerate() {
                        if i > 0 {
                            run(out, " · ", Look::PLAIN);
                        }
                        run(out, k, Look::BOLD);
                        run(out, &format!(" {v}"), Look::PLAIN);
                    }
                    out.push_str("</w:p>");
                }
            }
            Block::BoldLines(lines) => {
                let p = Para {
                    align: Some("center"),
                    ..Para::default()
                };
                for l in lines {
                    p.text(out, l, Look::BOLD);
                }
            }
            Block::Labeled(k, v) => {
                text.open(out);
                run(out, k, Look::BOLD);
                run(out, &format!(" {}", v.trim()), Look::PLAIN);
                out.push_str("</w:p>");
            }
            Block::Para(t) => Para {
                first_line: Some(709),
                ..text.clone()
            }
            .text(out, t.trim(), Look::PLAIN),
            Block::Bullets(items) => {
                // «– text», the text hanging at 1.25 cm
                let p = Para {
                    left: Some(709),
                    hanging: Some(284),
                    ..text.clone()
                };
                for i in items {
                    p.text(out, &format!("–\t{}", i.trim()), Look::PLAIN);
                }
            }
            Block::Table(t) => {
                let shared = same_header.get(&(&t.head, &t.right));
                let own;
                let widths = match shared {
                    Some(w) => w,
                    None => {
                        own = table::widths(t, page.text_width());
                        &own
                    }
                };
                table::table(out, t, widths, page.text_height());
                // a paragraph after every table: two tables in a row would merge into one
                empty(out);
            }
            Block::Chart(_) => {}
            Block::Rule => empty(out),
            Block::Signature(sig) => signature(out, sig, page),
        }
    }
}

/// «position ____ name» on one line, the name at the right margin, then the notes in 12 pt; kept
/// together on one page.
fn signature(out: &mut String, sig: &Signature, page: Page) {
    let notes: Vec<&str> = sig
        .notes
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    out.push_str("<w:p><w:pPr><w:keepNext/></w:pPr></w:p>");
    if !sig.position.trim().is_empty() || !sig.name.trim().is_empty() {
        Para {
            keep_next: !notes.is_empty(),
            right_tab: Some(page.text_width()),
            after: Some(360),
            ..Para::default()
        }
        .text(
            out,
            &format!("{}\t{SIGN_HERE} {}", sig.position.trim(), sig.name.trim()),
            Look::PLAIN,
        );
    }
    for (i, n) in notes.iter().enumerate() {
        Para {
            keep_next: i + 1 < notes.len(),
            ..Para::default()
        }
        .text(
            out,
            n,
            Look {
                bold: false,
                size: Some(table::SIZE),
            },
        );
    }
}

#[cfg(test)]
mod tests;
