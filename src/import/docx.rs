//! Word documents (`.docx`): the paragraphs before the first table are the preamble; the rows of
//! every table follow one another (a plan split over pages may be several tables). A cell merged
//! across columns (`gridSpan`) is read as that many cells, the text in the first; a cell merged
//! down (`vMerge`) repeats the text of the cell above it. Several paragraphs in a cell are
//! joined with a space; tracked insertions and hyperlinks are read, deletions are not.

use super::{Grid, ImportError};

#[cfg(feature = "docx")]
pub(crate) fn read(bytes: &[u8]) -> Result<Grid, ImportError> {
    // a .docx is a zip; say so plainly when it is not one
    if !bytes.starts_with(b"PK") {
        return Err(ImportError::NotADocument("not a zip archive".into()));
    }
    verify_zip(bytes)?;
    let xml = member(bytes, "word/document.xml")?;
    let mut body = Body::default();
    walk(&xml, &mut body)?;
    if !body.seen_table {
        return Err(ImportError::NoTable);
    }
    Ok(body.grid)
}

/// The text of one member of the archive.
#[cfg(feature = "docx")]
fn member(bytes: &[u8], name: &str) -> Result<Vec<u8>, ImportError> {
    use std::io::Read;
    let broken = |e: &dyn std::fmt::Display| ImportError::NotADocument(format!("zip: {e}"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| broken(&e))?;
    let mut file = archive.by_name(name).map_err(|e| broken(&e))?;
    let mut out = Vec::new();
    file.read_to_end(&mut out).map_err(|e| broken(&e))?;
    Ok(out)
}

/// What the walk over `word/document.xml` has read so far.
#[cfg(feature = "docx")]
#[derive(Default)]
struct Body {
    grid: Grid,
    seen_table: bool,
    /// open elements (local names), innermost last
    stack: Vec<String>,
    /// tables open (a table inside a cell is deeper than 1: its text is not read)
    tables: usize,
    /// the text of the paragraph being read
    para: String,
    /// the row being read: its cells
    row: Vec<String>,
    /// the cell being read: its text, how many grid columns it spans, whether it continues the
    /// cell above (`vMerge` without `restart`)
    cell: String,
    span: usize,
    continues: bool,
    /// the text of each column in the row above (for cells merged down)
    above: Vec<String>,
}

#[cfg(feature = "docx")]
impl Body {
    fn inside(&self, name: &str) -> bool {
        self.stack.iter().any(|n| n == name)
    }

    fn open(&mut self, name: &str, e: &quick_xml::events::BytesStart<'_>) {
        match name {
            "tbl" => {
                self.tables += 1;
                if self.tables == 1 {
                    self.seen_table = true;
                    self.above.clear();
                }
            }
            "tr" if self.tables == 1 => self.row.clear(),
            "tc" if self.tables == 1 => {
                self.cell.clear();
                self.span = 1;
                self.continues = false;
            }
            "gridSpan" if self.tables == 1 => {
                self.span = attr(e, "val")
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
            }
            "vMerge" if self.tables == 1 => {
                self.continues = attr(e, "val").is_none_or(|v| v == "continue");
            }
            "p" => self.para.clear(),
            "tab" if self.stack.last().is_some_and(|p| p == "r") => self.para.push('\t'),
            "br" | "cr" if self.stack.last().is_some_and(|p| p == "r") => self.para.push('\n'),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "p" => {
                let text = std::mem::take(&mut self.para);
                let t = text.trim();
                if self.tables == 0 {
                    // a paragraph of the body: the preamble until the first table
                    if !self.seen_table && !t.is_empty() && self.stack.len() <= 2 {
                        self.grid.preamble.push(text);
                    }
                } else if self.tables == 1 && !t.is_empty() {
                    if !self.cell.is_empty() {
                        self.cell.push(' ');
                    }
                    self.cell.push_str(t);
                }
            }
            "tc" if self.tables == 1 => {
                let col = self.row.len();
                let mut text = std::mem::take(&mut self.cell);
                if self.continues {
                    text = self.above.get(col).cloned().unwrap_or_default();
                }
                if self.above.len() <= col {
                    self.above.resize(col + 1, String::new());
                }
                self.above[col] = text.clone();
                self.row.push(text);
                for _ in 1..self.span {
                    self.row.push(String::new());
                }
            }
            "tr" if self.tables == 1 => {
                let row = std::mem::take(&mut self.row);
                self.grid.rows.push(row);
            }
            "tbl" => self.tables = self.tables.saturating_sub(1),
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        // text of runs (`w:t`), also inside insertions and hyperlinks; deleted text is not read
        if self.stack.last().is_some_and(|n| n == "t")
            && !self.inside("del")
            && !self.inside("moveFrom")
        {
            self.para.push_str(t);
        }
    }
}

/// The value of an attribute by its local name (`w:val` → `val`).
#[cfg(feature = "docx")]
fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (local(a.key.as_ref()) == name).then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

#[cfg(feature = "docx")]
fn local(name: &[u8]) -> &str {
    let name = match name.iter().rposition(|b| *b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    std::str::from_utf8(name).unwrap_or("")
}

/// How deep elements may nest: a real document nests a few dozen levels.
#[cfg(feature = "docx")]
const MAX_DEPTH: usize = 512;

/// One pass over the XML of the document's body.
#[cfg(feature = "docx")]
fn walk(xml: &[u8], body: &mut Body) -> Result<(), ImportError> {
    use quick_xml::events::Event;
    let broken = || ImportError::NotADocument("word/document.xml: broken XML".into());
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().allow_dangling_amp = true;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf).map_err(|_| broken())? {
            Event::Start(e) => {
                let name = local(e.name().as_ref()).to_owned();
                body.open(&name, &e);
                body.stack.push(name);
                if body.stack.len() > MAX_DEPTH {
                    return Err(broken());
                }
            }
            Event::Empty(e) => {
                let name = local(e.name().as_ref()).to_owned();
                body.open(&name, &e);
                body.close(&name);
            }
            Event::End(e) => {
                body.stack.pop();
                body.close(local(e.name().as_ref()));
            }
            Event::Text(t) => {
                let s = t.xml10_content().map_err(|_| broken())?;
                body.text(&s);
            }
            Event::CData(t) => body.text(&String::from_utf8_lossy(&t)),
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten()
                } else {
                    match &*r {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        _ => None,
                    }
                };
                if let Some(c) = c {
                    body.text(c.encode_utf8(&mut [0u8; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// The most a document may unpack to: a plan is a few megabytes; more is a damaged or hostile
/// archive (a «zip bomb»).
#[cfg(feature = "docx")]
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// Read every member of the archive once: a member whose checksum is wrong, or an archive that
/// unpacks to far more than a plan, is refused here, with a reason, before it is read.
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

#[cfg(not(feature = "docx"))]
pub(crate) fn read(_bytes: &[u8]) -> Result<Grid, ImportError> {
    Err(ImportError::NotADocument(
        "moc was built without the docx feature".into(),
    ))
}
