//! `moc import`: a plan as people have it — text copied out of a Word table, a Word document
//! (.docx; .doc and .rtf through LibreOffice), an OpenDocument text (.odt), a workbook (.xlsx,
//! .xls, .ods), a web page (.html), or a CSV saved by Excel — becomes a TOML plan.
//!
//! [`read`] turns the bytes into a [`Grid`]: rows of cells in document order, a paragraph
//! outside tables being a row of one cell ([`text`], [`docx`], [`odt`], [`sheet`], [`html`],
//! [`office`]; the kind of file is told by its content, [`detect`]). [`interpret`] then finds the
//! header rows of the tables by the meaning of their cells ([`columns`]), reads each table under
//! its own header and caption, tells sections, periods, items, rows a page break split and rows
//! cut short, reads the lines before the table ([`preamble`]) and builds the roster ([`names`]);
//! a plan with no table at all is read line by line. Every word of the source lands in the plan:
//! in an item's fields, its `notes` (the columns moc has no field for, each with its header), or a
//! comment. [`write_toml`] writes the plan through `toml_edit` in the canonical layout of
//! `moc fmt`, with a comment at each place the importer mended something. Import is
//! deterministic: the same input gives the same bytes.

#[cfg(any(feature = "docx", feature = "sheets"))]
pub(crate) mod archive;
pub(crate) mod columns;
pub(crate) mod detect;
#[cfg(feature = "docx")]
pub(crate) mod docx;
/// Without the `docx` feature a Word document is refused.
#[cfg(not(feature = "docx"))]
pub(crate) mod docx {
    use super::{Format, Grid, ImportError};

    pub(crate) fn read(_bytes: &[u8]) -> Result<Grid, ImportError> {
        Err(ImportError::NotBuilt(Format::Docx))
    }
}
#[cfg(feature = "html")]
pub(crate) mod html;
mod interpret;
pub(crate) mod names;
#[cfg(feature = "docx")]
pub(crate) mod odt;
#[cfg(feature = "docx")]
pub(crate) mod office;
pub(crate) mod preamble;
#[cfg(feature = "sheets")]
pub(crate) mod sheet;
pub(crate) mod text;
mod write;
#[cfg(feature = "docx")]
pub(crate) mod xml;

#[cfg(test)]
mod tests;

pub(crate) use detect::{detect, refusal};
pub(crate) use interpret::interpret;
pub(crate) use write::write_toml;

use crate::deadline::PlanYear;
use crate::i18n::Lang;
use crate::model::ResponsibleKind;
use crate::tr;

/// The kinds of file `moc import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Format {
    /// text copied out of a Word table (tabs between cells), or plain lines
    Text,
    /// a CSV saved by Excel
    Csv,
    Docx,
    Odt,
    Xlsx,
    Xls,
    Ods,
    Html,
    /// Word 97–2003, through LibreOffice
    Doc,
    /// RTF, through LibreOffice
    Rtf,
}

impl Format {
    /// How a message names it.
    pub(crate) fn name(self, lang: Lang) -> &'static str {
        match self {
            Format::Text => lang.pick("текст", "text"),
            Format::Csv => "CSV",
            Format::Docx => lang.pick("документ Word (.docx)", "Word document (.docx)"),
            Format::Odt => lang.pick("документ OpenDocument (.odt)", "OpenDocument text (.odt)"),
            Format::Xlsx => lang.pick("книга Excel (.xlsx)", "Excel workbook (.xlsx)"),
            Format::Xls => lang.pick(
                "книга Excel 97–2003 (.xls)",
                "Excel 97–2003 workbook (.xls)",
            ),
            Format::Ods => lang.pick(
                "книга OpenDocument (.ods)",
                "OpenDocument spreadsheet (.ods)",
            ),
            Format::Html => lang.pick("веб-страница (HTML)", "web page (HTML)"),
            Format::Doc => lang.pick(
                "документ Word 97–2003 (.doc)",
                "Word 97–2003 document (.doc)",
            ),
            Format::Rtf => lang.pick("документ RTF", "RTF document"),
        }
    }
}

/// A text in both languages of moc's messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Localized {
    pub(crate) ru: String,
    pub(crate) en: String,
}

impl Localized {
    #[cfg_attr(not(feature = "docx"), allow(dead_code))]
    pub(crate) fn new(ru: &str, en: &str) -> Localized {
        Localized {
            ru: ru.to_owned(),
            en: en.to_owned(),
        }
    }

    pub(crate) fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.ru, &self.en)
    }
}

/// What an importer read: rows of cells in document order. `preamble` holds lines known to
/// stand before the table (a reader may as well put them in `rows` as rows of one cell);
/// `warnings` are what the reader noticed (an open quote in a CSV, bytes replaced).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Grid {
    pub(crate) preamble: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
    pub(crate) warnings: Vec<Note>,
}

/// Why a source could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(feature = "docx"), allow(dead_code))]
pub(crate) enum ImportError {
    Empty,
    NoItems,
    /// a binary file given as text
    Binary,
    /// the file is damaged: the archive, its XML, the workbook
    Damaged(Format, Localized),
    /// elements nested deeper than any document has them
    TooDeep(Format),
    TooLarge(Localized),
    /// LibreOffice missing, failing or too slow
    Convert(Localized),
    /// moc was built without the feature that reads this format
    #[cfg_attr(
        all(feature = "docx", feature = "sheets", feature = "html"),
        allow(dead_code)
    )]
    NotBuilt(Format),
}

impl ImportError {
    pub(crate) fn message(&self, lang: Lang) -> String {
        match self {
            ImportError::Empty => tr!(lang, "файл пуст", "the file is empty"),
            ImportError::NoItems => tr!(
                lang,
                "не найдено ни одного мероприятия: план должен быть таблицей с графами вроде «№ | Мероприятие | Срок | Ответственные» (или строками «дата — мероприятие»)",
                "no items found: a plan is a table with columns like «№ | Activity | Deadline | Responsible» (or lines «date — activity»)"
            ),
            ImportError::Binary => tr!(
                lang,
                "двоичный файл, а не текст таблицы",
                "a binary file, not the text of a table"
            ),
            ImportError::Damaged(format, why) => tr!(
                lang,
                "файл не читается как {}: {} — сохраните документ заново",
                "the file cannot be read as {}: {} — save the document again",
                format.name(lang),
                why.get(lang)
            ),
            ImportError::TooDeep(format) => tr!(
                lang,
                "файл не читается как {}: таблицы и абзацы вложены друг в друга глубже {} уровней — файл повреждён или это не план",
                "the file cannot be read as {}: tables and paragraphs nest deeper than {} levels — the file is damaged or not a plan",
                format.name(lang),
                MAX_DEPTH
            ),
            ImportError::TooLarge(why) | ImportError::Convert(why) => why.get(lang).to_owned(),
            ImportError::NotBuilt(format) => tr!(
                lang,
                "эта сборка moc не читает {} (собрана без этой возможности)",
                "this build of moc does not read {} (built without that feature)",
                format.name(lang)
            ),
        }
    }
}

/// How deep document elements may nest (see [`xml::MAX_DEPTH`]).
pub(crate) const MAX_DEPTH: usize = 400;

/// What the importer noticed and mended, or could not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Note {
    /// The item or section it is about («1.6»), if any.
    pub(crate) at: Option<String>,
    pub(crate) text: String,
    /// Whether the user must fix something.
    pub(crate) fix: bool,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct ImportedItem {
    pub(crate) number: String,
    pub(crate) title: String,
    pub(crate) deadline: String,
    pub(crate) responsible: String,
    pub(crate) result: String,
    /// The cells of the columns moc has no field for, «Место проведения: ДК, фойе».
    pub(crate) notes: Vec<String>,
    /// Comments to write above the item.
    pub(crate) comments: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct ImportedSection {
    pub(crate) number: String,
    pub(crate) title: String,
    pub(crate) items: Vec<ImportedItem>,
    /// Comments after the section's items (rows left out).
    pub(crate) comments: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct ImportedResponsible {
    pub(crate) name: String,
    pub(crate) kind: Option<ResponsibleKind>,
    /// The pieces the plan loader splits the name into, where it would split it.
    pub(crate) aliases: Vec<String>,
}

/// A plan as read from a table.
#[derive(Clone, Debug, Default)]
pub(crate) struct Imported {
    pub(crate) title: String,
    pub(crate) organisation: Option<String>,
    pub(crate) municipality: Option<String>,
    pub(crate) region: Option<String>,
    pub(crate) year: Option<PlanYear>,
    pub(crate) goal: Option<String>,
    pub(crate) tasks: Vec<String>,
    pub(crate) approval: Vec<(&'static str, String)>,
    pub(crate) roster: Vec<ImportedResponsible>,
    pub(crate) sections: Vec<ImportedSection>,
    pub(crate) has_result_column: bool,
    pub(crate) notes: Vec<Note>,
    /// Lines of the source that are no part of the plan's fields (before or after the table),
    /// written as comments so that nothing is lost.
    pub(crate) kept: Vec<String>,
    /// The header rows of the source's tables, «№ п/п | Мероприятия | Сроки | Исполнитель».
    pub(crate) headers: Vec<String>,
}

impl Imported {
    pub(crate) fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    /// About how many bytes [`write_toml`] will write (a little less, never more than twice):
    /// to refuse a plan too large to load before writing it.
    pub(crate) fn estimated_size(&self) -> usize {
        let item = |i: &ImportedItem| {
            i.number.len()
                + i.title.len()
                + i.deadline.len()
                + i.responsible.len()
                + i.result.len()
                + i.notes.iter().map(String::len).sum::<usize>()
                + i.comments.iter().map(String::len).sum::<usize>()
                + 80
        };
        self.sections
            .iter()
            .map(|s| s.title.len() + 60 + s.items.iter().map(item).sum::<usize>())
            .sum::<usize>()
            + self.roster.iter().map(|r| r.name.len() + 40).sum::<usize>()
            + self.kept.iter().map(String::len).sum::<usize>()
    }
}

/// A cell as one line of text: control characters dropped, line breaks and tabs as spaces,
/// hyphenation at line ends joined, spaces single.
pub(crate) fn clean(cell: &str) -> String {
    let s: String = cell
        .chars()
        .filter_map(|c| match c {
            '\u{a0}' | '\t' | '\u{2007}' | '\u{202f}' => Some(' '),
            // Word's manual line break and page break
            '\u{b}' | '\u{c}' => Some('\n'),
            '\r' | '\n' => Some(c),
            '\u{ad}' | '\u{200b}' | '\u{feff}' => None,
            // Word's end-of-cell mark (U+0007) and other control characters carry no text
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let s = join_hyphenation(&s);
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// «образова- ния» → «образования»; «организационно- методическое» → «организационно-методическое»
/// (a hyphen after «о»/«е» is kept: it is most likely a compound word's own).
pub(crate) fn join_hyphenation(s: &str) -> String {
    if !s.contains(['-', '\u{ad}']) {
        return s.to_owned();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c == '-' || c == '\u{ad}')
            && i > 0
            && chars[i - 1].is_alphabetic()
            && chars[i - 1].is_lowercase()
        {
            let mut j = i + 1;
            let mut saw_space = false;
            while j < chars.len() && chars[j].is_whitespace() {
                saw_space = true;
                j += 1;
            }
            if saw_space && j < chars.len() && chars[j].is_lowercase() {
                let prev = chars[i - 1];
                if c == '-' && matches!(prev, 'о' | 'е') {
                    out.push('-');
                }
                i = j;
                continue;
            }
            if c == '\u{ad}' {
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// «1.1», «2.2.», «4», «1.»: an item number.
pub(crate) fn is_item_number(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    !t.is_empty()
        && t.len() <= 16
        && t.split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// «1.», «2.3», «IV.», «Раздел 2.», «1)» at the start of a text → (number, rest).
pub(crate) fn leading_number(s: &str) -> Option<(String, String)> {
    let t = s.trim_start();
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(t.len(), |(i, _)| i);
    let num = &t[..end];
    if num.is_empty() || !is_item_number(num) {
        return None;
    }
    let rest = &t[end..];
    let rest = rest.strip_prefix(')').unwrap_or(rest);
    if !(num.ends_with('.') || rest.starts_with(' ') || t[end..].starts_with(')')) {
        return None;
    }
    let rest = rest.trim();
    (!rest.is_empty()).then(|| (num.to_owned(), rest.to_owned()))
}

/// «1. Мероприятия по …», «IV. Обеспечение …», «Раздел 2. …» → (number, title).
pub(crate) fn section_heading(s: &str) -> (String, String) {
    let t = s.trim();
    let t = t
        .strip_prefix("Раздел ")
        .or_else(|| t.strip_prefix("РАЗДЕЛ "))
        .unwrap_or(t);
    let num: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X' | 'L'))
        .collect();
    if !num.is_empty() {
        let rest = &t[num.len()..];
        let rest = rest.trim_start_matches(' ');
        if let Some(rest) = rest
            .strip_prefix(['.', ')'])
            .or_else(|| (rest.len() < t.len() - num.len()).then_some(rest))
            .or_else(|| {
                rest.chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                    .then_some(rest)
            })
        {
            let title = rest.trim().trim_start_matches(['.', ')', '-', '–']).trim();
            if !title.is_empty() && !title.starts_with(|c: char| c.is_ascii_digit()) {
                return (num, title.to_owned());
            }
        }
    }
    (String::new(), t.to_owned())
}

/// The four-digit years in a text.
pub(crate) fn years_in(s: &str) -> Vec<i32> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let st = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i - st == 4
                && let Ok(y) = s[st..i].parse::<i32>()
                && (1990..=2100).contains(&y)
            {
                out.push(y);
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Read a file's bytes as `format`. `encoding` forces the encoding of a text.
pub(crate) fn read(
    bytes: &[u8],
    format: Format,
    encoding: Option<text::Encoding>,
    lang: Lang,
) -> Result<Grid, ImportError> {
    let grid = match format {
        Format::Text | Format::Csv => {
            let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
            if bytes.contains(&0) && !utf16 && encoding != Some(text::Encoding::Utf16) {
                return Err(ImportError::Binary);
            }
            let d = text::decode_report(bytes, encoding);
            let mut grid = if format == Format::Csv {
                text::csv_with_notes(&d.text, lang)
            } else {
                text::tsv(&d.text)
            };
            if d.replaced > 0 {
                grid.warnings.push(Note {
                    at: None,
                    text: tr!(
                        lang,
                        "текст в UTF-8, но {} байт(а) в нём не UTF-8 — заменены знаком «�»; найдите их в плане и исправьте",
                        "the text is UTF-8 but {} byte(s) in it are not — replaced by «�»; find them in the plan and correct them",
                        d.replaced
                    ),
                    fix: true,
                });
            }
            if d.encoding == text::Encoding::Cp1251 && encoding.is_none() {
                grid.warnings.push(Note {
                    at: None,
                    text: lang
                        .pick(
                            "текст в кодировке Windows-1251",
                            "the text is in Windows-1251",
                        )
                        .to_owned(),
                    fix: false,
                });
            }
            grid
        }
        Format::Html => {
            #[cfg(feature = "html")]
            {
                let d = text::decode_report(bytes, encoding.or_else(|| html_charset(bytes)));
                html::read(&d.text)?
            }
            #[cfg(not(feature = "html"))]
            return Err(ImportError::NotBuilt(format));
        }
        Format::Docx => {
            #[cfg(feature = "docx")]
            {
                docx::read(bytes)?
            }
            #[cfg(not(feature = "docx"))]
            return Err(ImportError::NotBuilt(format));
        }
        Format::Odt => {
            #[cfg(feature = "docx")]
            {
                odt::read(bytes)?
            }
            #[cfg(not(feature = "docx"))]
            return Err(ImportError::NotBuilt(format));
        }
        Format::Doc | Format::Rtf => {
            #[cfg(feature = "docx")]
            {
                let converted = office::to_docx(bytes, format)?;
                docx::read(&converted)?
            }
            #[cfg(not(feature = "docx"))]
            return Err(ImportError::NotBuilt(format));
        }
        Format::Xlsx | Format::Xls | Format::Ods => {
            #[cfg(feature = "sheets")]
            {
                sheet::read(bytes, format)?
            }
            #[cfg(not(feature = "sheets"))]
            return Err(ImportError::NotBuilt(format));
        }
    };
    Ok(grid)
}

/// The charset a web page declares, when it is Windows-1251.
#[cfg(feature = "html")]
fn html_charset(bytes: &[u8]) -> Option<text::Encoding> {
    let head: String = bytes[..bytes.len().min(4096)]
        .iter()
        .map(|b| b.to_ascii_lowercase() as char)
        .collect();
    (head.contains("charset=windows-1251")
        || head.contains("charset=\"windows-1251")
        || head.contains("charset=cp1251"))
    .then_some(text::Encoding::Cp1251)
}
