//! Text sources: a Word table copied into a text file (cells separated by tabs), a table drawn
//! with box-drawing characters (│ ─ ┼, as old documents on legal portals have it), and a CSV
//! saved by Excel (`;`-separated, quoted cells may hold line breaks) — in UTF-8 (with or without
//! a BOM), UTF-16 with a BOM, or Windows-1251.

use super::{Grid, Note};
use crate::i18n::Lang;

/// The encodings a text source may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Cp1251,
    Utf16,
}

/// A decoded text and what decoding it took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub(crate) text: String,
    pub(crate) encoding: Encoding,
    /// Bytes that were not valid in the encoding and were replaced (with U+FFFD).
    pub(crate) replaced: usize,
}

/// Decode bytes: UTF-8 when they are UTF-8 (a BOM dropped), UTF-16 with a BOM, else
/// Windows-1251, unless `forced`.
pub(crate) fn decode(bytes: &[u8], forced: Option<Encoding>) -> (String, Encoding) {
    let d = decode_report(bytes, forced);
    (d.text, d.encoding)
}

fn utf8_lossy(bytes: &[u8]) -> Decoded {
    let b = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let (text, _) = encoding_rs::UTF_8.decode_without_bom_handling(b);
    let replaced = text
        .matches('\u{fffd}')
        .count()
        .saturating_sub(count_replacement_chars_in_source(b));
    Decoded {
        text: text.into_owned(),
        encoding: Encoding::Utf8,
        replaced,
    }
}

/// U+FFFD written in the source itself (not a decoding error).
fn count_replacement_chars_in_source(b: &[u8]) -> usize {
    b.windows(3).filter(|w| *w == [0xEF, 0xBF, 0xBD]).count()
}

fn cp1251(bytes: &[u8]) -> Decoded {
    Decoded {
        text: encoding_rs::WINDOWS_1251
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
        encoding: Encoding::Cp1251,
        replaced: 0,
    }
}

/// [`decode`], telling also how many bytes were replaced: a UTF-8 text with a stray byte or two
/// (a cell pasted from a Windows program) stays UTF-8, with those bytes replaced, rather than
/// being read whole as Windows-1251.
pub(crate) fn decode_report(bytes: &[u8], forced: Option<Encoding>) -> Decoded {
    match forced {
        Some(Encoding::Utf8) => return utf8_lossy(bytes),
        Some(Encoding::Cp1251) => return cp1251(bytes),
        Some(Encoding::Utf16) | None => {}
    }
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes)
        && enc != encoding_rs::UTF_8
    {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        let replaced = text.matches('\u{fffd}').count();
        return Decoded {
            text: text.into_owned(),
            encoding: Encoding::Utf16,
            replaced,
        };
    }
    if forced == Some(Encoding::Utf16) {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(bytes);
        return Decoded {
            replaced: text.matches('\u{fffd}').count(),
            text: text.into_owned(),
            encoding: Encoding::Utf16,
        };
    }
    let b = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if std::str::from_utf8(b).is_ok() {
        return utf8_lossy(bytes);
    }
    // Valid multi-byte UTF-8 sequences against bytes that are not UTF-8: a Russian text in
    // UTF-8 has hundreds of the first; Windows-1251 has next to none (its letters are single
    // bytes that rarely pair into valid sequences).
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut rest = b;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid += std::str::from_utf8(good)
                    .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                invalid += 1;
                rest = &bad[skip.min(bad.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    if valid > invalid * 4 {
        utf8_lossy(bytes)
    } else {
        cp1251(bytes)
    }
}

/// Text copied out of a Word table: every line a row, tabs between cells. A table drawn with
/// box-drawing characters is read as a table too.
pub(crate) fn tsv(text: &str) -> Grid {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.contains('│') || text.contains('┃') {
        return boxed(&text);
    }
    let rows = text
        .split('\n')
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect();
    Grid {
        rows,
        ..Grid::default()
    }
}

fn is_rule(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().all(|c| {
            matches!(c, '─' | '━' | '═' | '-' | '+' | ' ' | '|')
                || ('\u{2500}'..='\u{257f}').contains(&c) && c != '│' && c != '┃'
        })
}

/// A table drawn with │ and ─: the lines between two rules are one row, each column's pieces
/// joined; the lines outside the drawing stay lines.
fn boxed(text: &str) -> Grid {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut block: Vec<Vec<String>> = Vec::new();
    let flush = |block: &mut Vec<Vec<String>>, rows: &mut Vec<Vec<String>>| {
        if block.is_empty() {
            return;
        }
        let width = block.iter().map(Vec::len).max().unwrap_or(0);
        let mut row = vec![String::new(); width];
        for line in block.drain(..) {
            for (i, piece) in line.into_iter().enumerate() {
                let piece = piece.trim();
                if piece.is_empty() {
                    continue;
                }
                if !row[i].is_empty() {
                    row[i].push('\n');
                }
                row[i].push_str(piece);
            }
        }
        rows.push(row);
    };
    for line in text.split('\n') {
        if is_rule(line) {
            flush(&mut block, &mut rows);
            continue;
        }
        if line.contains('│') || line.contains('┃') {
            let inner = line.trim().trim_matches(['│', '┃']);
            block.push(inner.split(['│', '┃']).map(str::to_owned).collect());
        } else {
            flush(&mut block, &mut rows);
            rows.push(vec![line.to_owned()]);
        }
    }
    flush(&mut block, &mut rows);
    Grid {
        rows,
        ..Grid::default()
    }
}

/// Count the delimiters of a line outside quotes, and whether a quote is left open.
fn scan(line: &str, delimiter: char, mut open: bool) -> (usize, bool) {
    let mut n = 0;
    let mut prev_quote = false;
    for c in line.chars() {
        if c == '"' {
            open = !open;
            prev_quote = true;
            continue;
        }
        prev_quote = false;
        if c == delimiter && !open {
            n += 1;
        }
    }
    let _ = prev_quote;
    (n, open)
}

/// Split one record (its physical lines joined) into cells: `"…"` quoting with `""` for a quote.
/// A quote that is never closed is read as a plain character.
fn split_record(record: &str, delimiter: char) -> Vec<String> {
    let chars: Vec<char> = record.chars().collect();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut i = 0;
    let mut at_start = true;
    while i < chars.len() {
        let c = chars[i];
        if at_start && c == '"' {
            // a quoted cell: up to the closing quote, if there is one
            let mut j = i + 1;
            let mut text = String::new();
            let mut closed = false;
            while j < chars.len() {
                if chars[j] == '"' {
                    if chars.get(j + 1) == Some(&'"') {
                        text.push('"');
                        j += 2;
                        continue;
                    }
                    closed = true;
                    j += 1;
                    break;
                }
                text.push(chars[j]);
                j += 1;
            }
            if closed {
                cell.push_str(&text);
                i = j;
                at_start = false;
                continue;
            }
            // never closed: the quote is a character of the text
            cell.push('"');
            i += 1;
            at_start = false;
            continue;
        }
        at_start = false;
        if c == delimiter {
            cells.push(std::mem::take(&mut cell));
            at_start = true;
        } else {
            cell.push(c);
        }
        i += 1;
    }
    cells.push(cell);
    cells
}

/// A CSV as Excel saves it: `;` between cells (`,` or a tab when those are what the file uses),
/// quoted cells with line breaks inside. A quote left open does not swallow the rest of the
/// file: the line that follows it is a row of its own when it looks like one, and a note says
/// where the quote is.
pub(crate) fn csv(text: &str) -> Grid {
    csv_with_notes(text, Lang::Ru)
}

/// [`csv`], with the notes in `lang`.
pub(crate) fn csv_with_notes(text: &str, lang: Lang) -> Grid {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let first_lines: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let delimiter = [';', ',', '\t']
        .into_iter()
        .max_by_key(|d| first_lines.chars().filter(|c| c == d).count())
        .unwrap_or(';');
    let lines: Vec<&str> = text.split('\n').collect();
    // how many delimiters a full row has: the most common count among the lines
    let mut counts: Vec<usize> = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| scan(l, delimiter, false).0)
        .collect();
    counts.sort_unstable();
    let typical = counts.get(counts.len() / 2).copied().unwrap_or(0);
    let looks_like_row =
        |line: &str| typical >= 1 && scan(line, delimiter, false).0 >= typical.max(2) - 1;
    let mut grid = Grid::default();
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        let mut record = lines[i].to_owned();
        let (_, mut open) = scan(lines[i], delimiter, false);
        while open && i + 1 < lines.len() && !looks_like_row(lines[i + 1]) && i - start < 200 {
            i += 1;
            record.push('\n');
            record.push_str(lines[i]);
            open = scan(lines[i], delimiter, open).1;
        }
        if open {
            grid.warnings.push(Note {
                at: None,
                text: crate::tr!(
                    lang,
                    "в строке {} файла CSV кавычка не закрыта — строки после неё прочитаны как отдельные строки таблицы; проверьте эту ячейку",
                    "line {} of the CSV leaves a quote open — the lines after it are read as rows of their own; check that cell",
                    start + 1
                ),
                fix: true,
            });
        }
        grid.rows.push(split_record(&record, delimiter));
        i += 1;
    }
    // a trailing newline leaves one empty row
    if grid
        .rows
        .last()
        .is_some_and(|r| r.iter().all(String::is_empty))
    {
        grid.rows.pop();
    }
    grid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1251() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Мероприятие\tСрок");
        let (text, enc) = decode(&bytes, None);
        assert_eq!(
            (text.as_str(), enc),
            ("Мероприятие\tСрок", Encoding::Cp1251)
        );
        let (text, enc) = decode("\u{feff}План".as_bytes(), None);
        assert_eq!((text.as_str(), enc), ("План", Encoding::Utf8));
    }

    #[test]
    fn a_stray_byte_keeps_utf8() {
        let mut bytes = "Мероприятие\tСрок\nСовещание педагогов\tМарт 2026\n"
            .as_bytes()
            .to_vec();
        bytes.insert(10, 0xC0);
        let d = decode_report(&bytes, None);
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.replaced, 1);
        assert!(d.text.contains("Совещание педагогов"));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("План\tСрок".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            decode(&utf16, None),
            ("План\tСрок".to_owned(), Encoding::Utf16)
        );
    }

    #[test]
    fn csv_with_line_breaks() {
        let g = csv("№;Мероприятие;Срок\n1.1;\"Семинар\nдля педагогов\";Март 2026\n");
        assert_eq!(
            g.rows[1],
            vec!["1.1", "Семинар\nдля педагогов", "Март 2026"]
        );
        assert!(g.warnings.is_empty());
    }

    #[test]
    fn an_open_quote_does_not_swallow_the_file() {
        let mut text = "№;Мероприятие;Срок;Ответственный\n".to_owned();
        for i in 1..=49 {
            if i == 3 {
                text.push_str("3;\"Совещание «Итоги;Март 2026;методист\n");
            } else {
                text.push_str(&format!("{i};Мероприятие {i};Март 2026;методист\n"));
            }
        }
        let g = csv(&text);
        assert_eq!(g.rows.len(), 50);
        assert_eq!(
            g.rows[3],
            vec!["3", "\"Совещание «Итоги", "Март 2026", "методист"]
        );
        assert_eq!(g.warnings.len(), 1);
    }

    #[test]
    fn box_drawing() {
        let t = "План\n┌───┬──────────┬─────┐\n│ N │Мероприя- │Срок │\n│   │тия       │     │\n├───┴──────────┴─────┤\n│ ИЮНЬ               │\n├───┬──────────┬─────┤\n│1. │Лагерь    │июнь │\n└───┴──────────┴─────┘\n";
        let g = tsv(t);
        assert_eq!(g.rows[0], vec!["План"]);
        assert_eq!(g.rows[1], vec!["N", "Мероприя-\nтия", "Срок"]);
        assert_eq!(g.rows[2], vec!["ИЮНЬ"]);
        assert_eq!(g.rows[3], vec!["1.", "Лагерь", "июнь"]);
    }
}
