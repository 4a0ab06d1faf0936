//! GitHub-flavoured Markdown that plan text cannot break.
//!
//! Every piece of plan text put into a document goes through [`cell`] (table cells) or
//! [`text`] (paragraphs): Markdown and HTML specials are escaped, line breaks become `<br>` in
//! cells, control characters are dropped. pandoc and GitHub then read the tables as tables.

use std::fmt::Write as _;

/// Escape plan text for running Markdown text (headings, paragraphs, list items).
pub fn text(s: &str) -> String {
    let inline = escape_inline(s);
    // a line that starts with «#», «-», «+», «=» or «1.» would become a heading or a list item
    let mut out = String::with_capacity(inline.len() + 4);
    for (i, line) in inline.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let lead = line.len() - line.trim_start().len();
        let body = &line[lead..];
        out.push_str(&line[..lead]);
        if body.starts_with(['#', '+', '-', '=']) {
            out.push('\\');
            out.push_str(body);
            continue;
        }
        let digits = body.chars().take_while(char::is_ascii_digit).count();
        let rest = &body[digits..];
        if digits > 0
            && (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")")
        {
            let _ = write!(out, "{}\\{}", &body[..digits], rest);
        } else {
            out.push_str(body);
        }
    }
    out
}

/// Whether `c` is written differently in Markdown text.
fn special(c: char) -> bool {
    matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '<' | '>' | '&' | '\r'
    ) || (c != '\n' && crate::text::needs_escape(c))
}

/// Where the first character that [`special`] picks out is, looking at bytes: ASCII by a table,
/// and only the few lead bytes of C1 controls (0xC2) and direction marks (0xD8, 0xE2) decoded —
/// Cyrillic text (0xD0, 0xD1) passes untouched.
fn first_special(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let hit = match b {
            b'\n' => false,
            0..=0x1f | 0x7f => true,
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'|' | b'~' | b'<' | b'>' | b'&' => true,
            0xc2 | 0xd8 | 0xe2 => s[i..].chars().next().is_some_and(special),
            _ => false,
        };
        if hit {
            return Some(i);
        }
    }
    None
}

/// Markdown and HTML specials escaped, control characters dropped, line breaks kept.
fn escape_inline(s: &str) -> String {
    // most plan text has nothing to escape: copy it whole
    let Some(at) = first_special(s) else {
        return s.to_owned();
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..at]);
    for c in s[at..].chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {}
            '\n' => out.push('\n'),
            c if crate::text::needs_escape(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Escape text for a heading line: as [`text`], on one line; a leading «1.» stays a number
/// (after «#» it cannot start a list).
pub fn heading(s: &str) -> String {
    let t = escape_inline(s.trim());
    let line = t
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    // a closing run of «#» would be taken for the heading's optional closing sequence
    match line.strip_suffix('#') {
        Some(head) => format!("{head}\\#"),
        None => line,
    }
}

/// Escape plan text for a table cell: as [`text`], with line breaks as `<br>`.
pub fn cell(s: &str) -> String {
    let t = escape_inline(s.trim());
    if !t.contains('\n') {
        return t;
    }
    let joined: Vec<&str> = t
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    joined.join("<br>")
}

/// A GFM table: header, alignment row (`true` = right-aligned) and rows of already escaped cells.
pub fn table(out: &mut String, header: &[&str], right: &[bool], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let aligns: Vec<&str> = (0..header.len())
        .map(|i| {
            if right.get(i).copied().unwrap_or(false) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    let _ = writeln!(out, "|{}|", aligns.join("|"));
    for r in rows {
        let cells: Vec<&str> = (0..header.len())
            .map(|i| r.get(i).map_or("", String::as_str))
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_tables() {
        assert_eq!(cell("a | b"), "a \\| b");
        assert_eq!(cell("строка 1\nстрока 2"), "строка 1<br>строка 2");
        assert_eq!(
            cell("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(cell("*важно* _очень_"), "\\*важно\\* \\_очень\\_");
        assert_eq!(cell("\u{1b}[31mкрасный"), "\\[31mкрасный");
        assert_eq!(text("1. Сезонная школа"), "1\\. Сезонная школа");
        assert_eq!(text("# не заголовок"), "\\# не заголовок");
    }

    #[test]
    fn byte_scan_agrees_with_the_character_rule() {
        let samples = [
            "Совещание руководителей «МОЦ» – итоги",
            "a|b",
            "перенос\nстроки",
            "\u{202e}обратно",
            "\u{85}C1",
            "арабская метка \u{61c}",
            "знак \u{2013} и \u{200f}",
            "табуляция\tвнутри",
            "",
            "ё * _ ~",
        ];
        for s in samples {
            assert_eq!(first_special(s), s.find(special), "{s:?}");
        }
    }
}
