//! WordprocessingML text: escaping, and the runs and paragraphs the document is made of. Plan
//! text may hold anything; what XML cannot carry (control characters, U+FFFE/U+FFFF) and what
//! could reorder the text on screen (direction marks) is dropped, a line break becomes `<w:br/>`
//! and a tab `<w:tab/>`, so every part written here is well-formed whatever the plan says.

use std::fmt::Write as _;

/// Whether `c` may stand in the document's text (XML 1.0 allows neither C0 controls other than
/// tab and line breaks, nor U+FFFE/U+FFFF; direction marks are left out like everywhere in moc).
fn kept(c: char) -> bool {
    c == '\n'
        || c == '\t'
        || !(crate::text::needs_escape(c) || matches!(c, '\u{fffe}' | '\u{ffff}'))
}

/// Plan text as the document holds it: `\r\n` and lone `\r` are line breaks, what XML cannot
/// carry is dropped.
pub(super) fn clean(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| kept(c))
        .collect()
}

/// Append `s` escaped for element content or an attribute value (quotes included); characters
/// XML cannot carry are dropped.
pub(super) fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c != '\n' && c != '\t' && !kept(c) => {}
            c => out.push(c),
        }
    }
}

/// `s` escaped (see [`escape_into`]).
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

/// How a run of text looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Look {
    pub(super) bold: bool,
    /// Size in half-points; `None` — the paragraph style's.
    pub(super) size: Option<u32>,
}

impl Look {
    pub(super) const PLAIN: Look = Look {
        bold: false,
        size: None,
    };
    pub(super) const BOLD: Look = Look {
        bold: true,
        size: None,
    };
}

/// Append a run of `text` (already [`clean`]ed or not: it is cleaned here), its line breaks as
/// `<w:br/>` and tabs as `<w:tab/>`.
pub(super) fn run(out: &mut String, text: &str, look: Look) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    if look.bold || look.size.is_some() {
        out.push_str("<w:rPr>");
        if look.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if let Some(sz) = look.size {
            let _ = write!(out, "<w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/>");
        }
        out.push_str("</w:rPr>");
    }
    let text = clean(text);
    let mut piece = String::new();
    let flush = |out: &mut String, piece: &mut String| {
        if !piece.is_empty() {
            out.push_str("<w:t xml:space=\"preserve\">");
            escape_into(out, piece);
            out.push_str("</w:t>");
            piece.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\n' => {
                flush(out, &mut piece);
                out.push_str("<w:br/>");
            }
            '\t' => {
                flush(out, &mut piece);
                out.push_str("<w:tab/>");
            }
            c => piece.push(c),
        }
    }
    flush(out, &mut piece);
    out.push_str("</w:r>");
}

/// Paragraph properties, written in the order the schema wants them (CT_PPr).
#[derive(Clone, Debug, Default)]
pub(super) struct Para<'a> {
    pub(super) style: Option<&'a str>,
    pub(super) keep_next: bool,
    /// Right-aligned tab stops, in twips from the left margin.
    pub(super) right_tab: Option<u32>,
    /// Space after, in twips.
    pub(super) after: Option<u32>,
    /// Left indent, hanging indent, first-line indent, in twips.
    pub(super) left: Option<u32>,
    pub(super) hanging: Option<u32>,
    pub(super) first_line: Option<u32>,
    /// `left`, `center`, `right`, `both`.
    pub(super) align: Option<&'a str>,
}

impl Para<'_> {
    /// Open a paragraph with these properties.
    pub(super) fn open(&self, out: &mut String) {
        out.push_str("<w:p>");
        let mut ppr = String::new();
        if let Some(s) = self.style {
            let _ = write!(ppr, "<w:pStyle w:val=\"{s}\"/>");
        }
        if self.keep_next {
            ppr.push_str("<w:keepNext/>");
        }
        if let Some(pos) = self.right_tab {
            let _ = write!(
                ppr,
                "<w:tabs><w:tab w:val=\"right\" w:pos=\"{pos}\"/></w:tabs>"
            );
        }
        if let Some(after) = self.after {
            let _ = write!(ppr, "<w:spacing w:after=\"{after}\"/>");
        }
        if self.left.is_some() || self.hanging.is_some() || self.first_line.is_some() {
            ppr.push_str("<w:ind");
            if let Some(l) = self.left {
                let _ = write!(ppr, " w:left=\"{l}\"");
            }
            if let Some(h) = self.hanging {
                let _ = write!(ppr, " w:hanging=\"{h}\"");
            } else if let Some(f) = self.first_line {
                let _ = write!(ppr, " w:firstLine=\"{f}\"");
            }
            ppr.push_str("/>");
        }
        if let Some(a) = self.align {
            let _ = write!(ppr, "<w:jc w:val=\"{a}\"/>");
        }
        if !ppr.is_empty() {
            out.push_str("<w:pPr>");
            out.push_str(&ppr);
            out.push_str("</w:pPr>");
        }
    }

    /// A whole paragraph of one run.
    pub(super) fn text(&self, out: &mut String, text: &str, look: Look) {
        self.open(out);
        run(out, text, look);
        out.push_str("</w:p>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_cleaned() {
        assert_eq!(escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;");
        assert_eq!(
            clean("a\u{1b}[31mb\u{202e}c\r\nd\re\u{ffff}"),
            "a[31mbc\nd\ne"
        );
        let mut s = String::new();
        run(&mut s, "x\ny\tz", Look::BOLD);
        assert_eq!(
            s,
            "<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">x</w:t><w:br/>\
             <w:t xml:space=\"preserve\">y</w:t><w:tab/><w:t xml:space=\"preserve\">z</w:t></w:r>"
        );
        let mut empty = String::new();
        run(&mut empty, "", Look::PLAIN);
        assert!(empty.is_empty(), "no empty runs");
    }
}
