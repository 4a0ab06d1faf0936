//! Text sources: a Word table copied into a text file (cells separated by tabs) and a CSV saved
//! by Excel (`;`-separated, quoted cells may hold line breaks), in UTF-8 (with or without a BOM)
//! or Windows-1251.

use super::Grid;

/// The encodings a text source may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Cp1251,
}

/// Decode bytes: UTF-8 when they are valid UTF-8 (a BOM dropped), else Windows-1251, unless
/// `forced`.
pub(crate) fn decode(bytes: &[u8], forced: Option<Encoding>) -> (String, Encoding) {
    let utf8 = || {
        let b = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        String::from_utf8_lossy(b).into_owned()
    };
    let cp1251 = || {
        encoding_rs::WINDOWS_1251
            .decode_without_bom_handling(bytes)
            .0
            .into_owned()
    };
    match forced {
        Some(Encoding::Utf8) => (utf8(), Encoding::Utf8),
        Some(Encoding::Cp1251) => (cp1251(), Encoding::Cp1251),
        None => {
            if std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)).is_ok() {
                (utf8(), Encoding::Utf8)
            } else {
                (cp1251(), Encoding::Cp1251)
            }
        }
    }
}

/// Text copied out of a Word table: every line a row, tabs between cells.
pub(crate) fn tsv(text: &str) -> Grid {
    let rows = text
        .replace("\r\n", "\n")
        .split('\n')
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect();
    Grid {
        preamble: Vec::new(),
        rows,
    }
}

/// A CSV as Excel saves it: `;` between cells (`,` or a tab when those are what the file uses),
/// quoted cells with line breaks inside.
pub(crate) fn csv(text: &str) -> Grid {
    let first_lines: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| first_lines.bytes().filter(|b| b == d).count())
        .unwrap_or(b';');
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for r in reader.records().flatten() {
        rows.push(r.iter().map(str::to_owned).collect());
    }
    Grid {
        preamble: Vec::new(),
        rows,
    }
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
    fn csv_with_line_breaks() {
        let g = csv("№;Мероприятие;Срок\n1.1;\"Семинар\nдля педагогов\";Март 2026\n");
        assert_eq!(
            g.rows[1],
            vec!["1.1", "Семинар\nдля педагогов", "Март 2026"]
        );
    }
}
