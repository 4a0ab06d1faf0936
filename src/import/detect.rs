//! What a file is, told by its content (magic bytes, the members of a zip, the root of an XML or
//! HTML document) rather than by its name: a «.xls» saved by a website is often a web page, a
//! «.doc» may be a .docx renamed, a «.txt» may be a CSV.

use super::Format;

/// What the content says the file is; `None` for a kind moc does not read (see [`refusal`]).
pub(crate) fn detect(bytes: &[u8], extension: &str) -> Option<Format> {
    let ext = extension.to_lowercase();
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Some(zip_kind(bytes).unwrap_or(match ext.as_str() {
            "odt" => Format::Odt,
            "ods" => Format::Ods,
            "xlsx" | "xlsm" => Format::Xlsx,
            _ => Format::Docx,
        }));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // an OLE compound file: Word 97–2003 or Excel 97–2003
        let has = |name: &str| {
            let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
            bytes.windows(utf16.len()).any(|w| w == utf16.as_slice())
        };
        return if has("WordDocument") {
            Some(Format::Doc)
        } else if has("Workbook") || has("Book") || ext == "xls" {
            Some(Format::Xls)
        } else if ext == "doc" {
            Some(Format::Doc)
        } else {
            None
        };
    }
    let head = &bytes[..bytes.len().min(4096)];
    let trimmed = trim_start(head);
    if trimmed.starts_with(b"{\\rtf") {
        return Some(Format::Rtf);
    }
    if refusal(bytes).is_some() {
        return None;
    }
    if looks_like_html(trimmed) {
        return Some(Format::Html);
    }
    if text_like(bytes) {
        return Some(
            if ext == "csv" || (ext != "txt" && ext != "tsv" && looks_like_csv(bytes)) {
                Format::Csv
            } else {
                Format::Text
            },
        );
    }
    None
}

/// A kind of file moc knows and does not read, with what to do instead.
pub(crate) fn refusal(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let t = trim_start(&bytes[..bytes.len().min(4096)]);
    let lower: Vec<u8> = t.iter().map(u8::to_ascii_lowercase).collect();
    if bytes.starts_with(b"%PDF") {
        Some((
            "PDF: откройте его в Word и сохраните как .docx (или скопируйте таблицу в текстовый файл)",
            "a PDF: open it in Word and save it as .docx (or copy the table into a text file)",
        ))
    } else if bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(b"\xFF\xD8\xFF")
        || bytes.starts_with(b"GIF8")
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
    {
        Some((
            "это картинка, а не документ: текст с картинки moc не читает",
            "this is a picture, not a document: moc does not read text off pictures",
        ))
    } else if bytes.starts_with(b"Rar!")
        || bytes.starts_with(b"7z\xBC\xAF")
        || bytes.starts_with(b"\x1F\x8B")
    {
        Some((
            "это архив: распакуйте его и импортируйте сам документ",
            "this is an archive: unpack it and import the document itself",
        ))
    } else if lower.starts_with(b"<?xml")
        && (find(&lower, b"w:worddocument") || find(&lower, b"<pkg:package"))
    {
        Some((
            "это документ Word 2003 XML: сохраните его в Word как «Документ Word (.docx)»",
            "a Word 2003 XML document: save it from Word as «Word Document (.docx)»",
        ))
    } else {
        None
    }
}

fn find(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn trim_start(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn looks_like_html(t: &[u8]) -> bool {
    let lower: Vec<u8> = t.iter().take(2048).map(u8::to_ascii_lowercase).collect();
    lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || (lower.starts_with(b"<")
            && (find(&lower, b"<html") || find(&lower, b"<table") || find(&lower, b"<body")))
}

/// Text: no NUL bytes (or UTF-16 with its byte-order mark).
fn text_like(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || !bytes.contains(&0)
}

/// Lines with the same number (two or more) of `;` and no tabs: a CSV.
fn looks_like_csv(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(16 * 1024)];
    if head.contains(&b'\t') {
        return false;
    }
    let counts: Vec<usize> = head
        .split(|b| *b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .take(20)
        .map(|l| l.iter().filter(|b| **b == b';').count())
        .collect();
    counts.len() >= 2 && counts.iter().filter(|c| **c >= 2).count() * 2 > counts.len()
}

/// Which office document a zip holds (told by its extension where moc reads no zip).
#[cfg(not(any(feature = "docx", feature = "sheets")))]
fn zip_kind(_bytes: &[u8]) -> Option<Format> {
    None
}

/// Which office document a zip holds.
#[cfg(any(feature = "docx", feature = "sheets"))]
fn zip_kind(bytes: &[u8]) -> Option<Format> {
    let Ok(mut archive) = super::archive::Archive::open(bytes, Format::Docx) else {
        return None;
    };
    if archive.has("mimetype") {
        let mime = archive
            .member("mimetype")
            .ok()
            .flatten()
            .unwrap_or_default();
        let mime = String::from_utf8_lossy(&mime);
        if mime.contains("opendocument.text") {
            return Some(Format::Odt);
        }
        if mime.contains("opendocument.spreadsheet") {
            return Some(Format::Ods);
        }
    }
    if archive.has("word/document.xml") {
        return Some(Format::Docx);
    }
    if archive.has("xl/workbook.xml") || archive.has("xl/workbook.bin") {
        return Some(Format::Xlsx);
    }
    if archive.has("content.xml") {
        return Some(Format::Odt);
    }
    let names = archive.names();
    if names
        .iter()
        .any(|n| n.ends_with("document.xml") && n.starts_with("word"))
    {
        return Some(Format::Docx);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_content() {
        assert_eq!(detect(b"{\\rtf1\\ansi", "doc"), Some(Format::Rtf));
        assert_eq!(detect(b"<html><table>", "xls"), Some(Format::Html));
        assert_eq!(
            detect("№;Мероприятие;Срок\n1;а;б\n".as_bytes(), "txt"),
            Some(Format::Text)
        );
        assert_eq!(
            detect("№;Мероприятие;Срок\n1;а;б\n".as_bytes(), ""),
            Some(Format::Csv)
        );
        assert_eq!(
            detect("№\tМероприятие\n".as_bytes(), "csv"),
            Some(Format::Csv)
        );
        assert_eq!(detect(b"%PDF-1.4", "docx"), None);
        assert!(refusal(b"%PDF-1.4").is_some());
        assert_eq!(detect(b"\x00\x01\x02", "txt"), None);
    }
}
