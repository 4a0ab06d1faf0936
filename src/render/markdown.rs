//! GitHub-flavoured Markdown that plan text cannot break.
//!
//! Every piece of plan text put into a document goes through [`cell`] (table cells) or
//! [`text`] (paragraphs): Markdown and HTML specials are escaped, line breaks become `<br>` in
//! cells, control characters are dropped. pandoc and GitHub then read the tables as tables.

use std::fmt::Write as _;

/// Escape plan text for running Markdown text (headings, paragraphs, list items).
pub(crate) fn text(s: &str) -> String {
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

/// What a byte says of [`special`]: 0 — not special, 1 — special, 2 — the lead byte of a
/// character that may be (a C1 control, 0xC2; a direction mark, 0xD8, 0xE2): decode it to know.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = 1;
        b += 1;
    }
    t[b'\n' as usize] = 0;
    t[0x7f] = 1;
    let specials = *b"\\`*_[]|~<>&";
    let mut i = 0;
    while i < specials.len() {
        t[specials[i] as usize] = 1;
        i += 1;
    }
    t[0xc2] = 2;
    t[0xd8] = 2;
    t[0xe2] = 2;
    t
};

/// [`BYTE_CLASS`] with the line break special.
const CELL_BYTE_CLASS: [u8; 256] = {
    let mut t = BYTE_CLASS;
    t[b'\n' as usize] = 1;
    t
};

/// Where the first character that [`special`] picks out is, looking at bytes through a table:
/// Cyrillic text (lead bytes 0xD0, 0xD1) passes untouched, and only the few lead bytes that may
/// start a control or a direction mark are decoded.
fn first_special(s: &str) -> Option<usize> {
    crate::text::first_of(s, &BYTE_CLASS, special)
}

/// [`first_special`] with the line break counted: where a table cell's text is not copied
/// straight in.
fn first_special_or_break(s: &str) -> Option<usize> {
    crate::text::first_of(s, &CELL_BYTE_CLASS, |c| c == '\n' || special(c))
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
pub(crate) fn heading(s: &str) -> String {
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
pub(crate) fn cell(s: &str) -> String {
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

/// [`cell`], appended to `out`; `bold` cells that have text are wrapped in `**`. Text with
/// nothing to escape (most plan text) is copied straight in.
pub(crate) fn cell_into(out: &mut String, s: &str, bold: bool) {
    let s = crate::text::trim(s);
    // most plan text: one look at its bytes
    let Some(at) = first_special_or_break(s) else {
        push_bold(out, s, bold && !s.is_empty());
        return;
    };
    // before `at` nothing is special
    if first_special(&s[at..]).is_some() {
        let e = cell(s);
        push_bold(out, &e, bold && !e.is_empty());
        return;
    }
    // lines, trimmed, without the empty ones, joined by <br>
    let bold = bold && s.split('\n').any(|l| !l.trim().is_empty());
    if bold {
        out.push_str("**");
    }
    let mut first = true;
    for line in s.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        if !first {
            out.push_str("<br>");
        }
        first = false;
        out.push_str(line);
    }
    if bold {
        out.push_str("**");
    }
}

fn push_bold(out: &mut String, text: &str, bold: bool) {
    if bold {
        out.push_str("**");
        out.push_str(text);
        out.push_str("**");
    } else {
        out.push_str(text);
    }
}

/// A GFM table: header, alignment row (`true` = right-aligned) and rows of already escaped cells.
pub(crate) fn table(out: &mut String, header: &[&str], right: &[bool], rows: &[Vec<String>]) {
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
    fn a_cell_appended_is_the_cell() {
        for t in [
            "План работы МОЦ",
            "  с пробелами  ",
            "a|b",
            "строка\nвторая\r\n\n третья ",
            "строка\nвторая\n\n третья ",
            " \n \n ",
            "<script>&",
            "\u{7}\u{202e}",
            "",
            "   ",
        ] {
            for bold in [false, true] {
                let mut out = String::from("x");
                cell_into(&mut out, t, bold);
                let e = cell(t);
                let want = if bold && !e.is_empty() {
                    format!("x**{e}**")
                } else {
                    format!("x{e}")
                };
                assert_eq!(out, want, "{t:?}");
            }
        }
    }

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
            assert_eq!(
                first_special_or_break(s),
                s.find(|c| c == '\n' || special(c)),
                "{s:?}"
            );
        }
        // every character of the first planes, after Cyrillic text and before a special
        for c in (0..0x3000).filter_map(char::from_u32) {
            let s = format!("мо{c}ц|");
            assert_eq!(first_special(&s), s.find(special), "{c:?}");
        }
    }
}
