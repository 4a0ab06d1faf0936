//! Plan text on its way to a terminal, a table or a document.
//!
//! Plan text is typed by people and pasted from Word: it may hold control characters, escape
//! sequences or bidirectional overrides. Nothing of that may reach a terminal raw, so every
//! renderer passes plan text through [`escape_controls`].

use std::fmt::Write as _;

/// Control characters (C0, DEL, C1) and bidirectional controls written as visible escapes:
/// ESC → `\x1b`, U+202E → `\u{202e}`. Tabs become a space; newlines are kept only when
/// `keep_newlines`.
pub(crate) fn escape_controls(s: &str, keep_newlines: bool) -> String {
    if !s.chars().any(needs_escape) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\t' => out.push(' '),
            '\r' if keep_newlines => {}
            c if needs_escape(c) => {
                let n = u32::from(c);
                if n < 0x100 {
                    let _ = write!(out, "\\x{n:02x}");
                } else {
                    let _ = write!(out, "\\u{{{n:04x}}}");
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Whether a character must not be printed as it is.
pub(crate) fn needs_escape(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// The text with its first letter in lower case, for use inside a sentence («перенесено на
/// январь 2027 г.» from «Январь 2027г.»); an abbreviation in capitals («РМЦ», «I квартал») is
/// left as it is.
pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    let (Some(first), second) = (chars.next(), chars.next()) else {
        return s.to_owned();
    };
    if second.is_some_and(char::is_uppercase) {
        return s.to_owned();
    }
    first.to_lowercase().chain(s.chars().skip(1)).collect()
}

/// Whether a text is shown as it is: no white space but single spaces between words, nothing to
/// escape — then [`squash_spaces`] and [`escape_controls`] give it back unchanged.
pub(crate) fn is_plain(s: &str) -> bool {
    let b = s.as_bytes();
    let (mut space, mut i) = (true, 0);
    while i < b.len() {
        let x = b[i];
        if x == b' ' {
            if space {
                return false;
            }
            space = true;
            i += 1;
            continue;
        }
        if (0x21..0x7f).contains(&x) {
            i += 1;
        } else if (0xD0..=0xD3).contains(&x) {
            // U+0400–U+04FF: Cyrillic, neither space nor control
            i += 2;
        } else {
            match s[i..].chars().next() {
                Some(c) if c >= '\u{80}' && !c.is_whitespace() && !needs_escape(c) => {
                    i += c.len_utf8();
                }
                _ => return false,
            }
        }
        space = false;
    }
    !space || s.is_empty()
}

/// `s.trim()`, with a look at the two ends first: text that begins with a visible ASCII
/// character or a Cyrillic letter and ends with one (most plan text) is returned as it is.
pub(crate) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let visible = |c: u8| c > b' ' && c < 0x7f;
    // a lead byte 0xD0 or 0xD1: a Cyrillic letter, never a space
    let cyrillic = |c: u8| c == 0xd0 || c == 0xd1;
    let n = b.len();
    let start = b.first().is_some_and(|&c| visible(c) || cyrillic(c));
    let end = n >= 1 && (visible(b[n - 1]) || (n >= 2 && cyrillic(b[n - 2])));
    if start && end { s } else { s.trim() }
}

/// Runs of white space (including newlines) folded to one space, ends trimmed.
pub(crate) fn squash_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where the first character of `s` that `pick` picks out is, `class` telling of each byte:
/// 0 — not picked, 1 — picked, 2 — the lead byte of a character that may be (decoded and asked).
pub(crate) fn first_of(s: &str, class: &[u8; 256], pick: impl Fn(char) -> bool) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    // the clean start (most of most text) sixteen bytes at a time, without a branch per byte
    while let Some(run) = bytes.get(from..from + 16)
        && run.iter().fold(0, |a, &b| a | class[usize::from(b)]) == 0
    {
        from += 16;
    }
    while let Some(k) = bytes[from..]
        .iter()
        .position(|&b| class[usize::from(b)] != 0)
    {
        let i = from + k;
        if class[usize::from(bytes[i])] == 1 || s[i..].chars().next().is_some_and(&pick) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// Of each byte, whether it is white space ([`first_of`]): 1 — a line break, a tab; 2 — the lead
/// byte of U+0085, U+00A0, U+1680, U+2000–U+205F or U+3000 (and of many more characters).
const SPACE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0x09;
    while b <= 0x0d {
        t[b] = 1;
        b += 1;
    }
    t[0xc2] = 2;
    t[0xe1] = 2;
    t[0xe2] = 2;
    t[0xe3] = 2;
    t
};

/// [`shorten`] of [`squash_spaces`], in one pass that reads no further than it keeps and copies
/// the words whole (a region's slipped work is tens of thousands of titles).
pub(crate) fn shorten_squashed(s: &str, max: usize) -> String {
    // most titles: within the limit, one space between words — copied whole
    let b = s.as_bytes();
    if b.len() <= max
        || (b.len() <= max * 4 && b.iter().filter(|&&c| c & 0xc0 != 0x80).count() <= max)
    {
        let spaced_once = b.first() != Some(&b' ')
            && b.last() != Some(&b' ')
            && memchr::memmem::find(b, b"  ").is_none()
            && first_of(s, &SPACE_CLASS, char::is_whitespace).is_none();
        if spaced_once {
            return s.to_owned();
        }
    }
    let mut out = String::with_capacity(s.len().min(max * 2 + 8));
    // characters kept (spaces between words included), where the word being read began
    let (mut n, mut i, mut word) = (0, 0, None);
    while i < b.len() && n <= max {
        let lead = b[i];
        let len = match lead {
            0..0x80 => 1,
            0xC0..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
        // only these bytes begin a space: ASCII ones, U+0085 and U+00A0, U+1680, U+2000–U+205F,
        // U+3000 (Cyrillic letters never)
        let space = match lead {
            b' ' | b'\t'..=b'\r' => true,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => s[i..].chars().next().is_some_and(char::is_whitespace),
            _ => false,
        };
        if space {
            if let Some(from) = word.take() {
                out.push_str(&s[from..i]);
            }
        } else {
            if word.is_none() {
                if n > 0 {
                    out.push(' ');
                    n += 1;
                }
                word = Some(i);
            }
            n += 1;
        }
        i += len;
    }
    if let Some(from) = word {
        out.push_str(&s[from..i]);
    }
    if n <= max {
        return out;
    }
    // cut as shorten does: max - 1 characters, at a space past the middle, then «…»
    let end = out
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(out.len(), |(i, _)| i);
    out.truncate(end);
    let at_word = out
        .rfind(' ')
        .filter(|&i| i > out.len() / 2)
        .unwrap_or(out.len());
    out.truncate(at_word);
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push('…');
    out
}

/// At most `max` characters, cut at a word boundary where possible, with `…` when cut.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let at_word = cut
        .rfind(' ')
        .filter(|&i| i > cut.len() / 2)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end())
}

/// A message built from a file's text, kept readable whatever the file holds: a word longer than
/// `word` characters keeps its start and end around «…», and the whole is cut at `total`.
pub(crate) fn elide_long_words(s: &str, word: usize, total: usize) -> String {
    let needs = s.chars().count() > total || s.split_whitespace().any(|w| w.chars().count() > word);
    if !needs {
        return s.to_owned();
    }
    let half = word / 2;
    let mut out = String::with_capacity(s.len().min(total * 4));
    let mut rest = s;
    while !rest.is_empty() {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (w, tail) = rest.split_at(end);
        let n = w.chars().count();
        if n > word {
            out.extend(w.chars().take(half));
            out.push('…');
            out.extend(w.chars().skip(n - half));
        } else {
            out.push_str(w);
        }
        let space = tail.len() - tail.trim_start().len();
        out.push_str(&tail[..space]);
        rest = &tail[space..];
        if out.chars().count() > total {
            break;
        }
    }
    shorten(&out, total)
}

#[cfg(test)]
mod tests {
    #[test]
    fn trim_is_str_trim() {
        for c in (0..0x3100).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("{c}мо ц{c}"),
                format!("a{c}"),
                format!("{c}я"),
            ] {
                assert_eq!(trim(&s), s.trim(), "{s:?}");
            }
        }
        for s in ["", " ", "\u{a0}МОЦ\u{3000}", "МОЦ\n", "\tМОЦ"] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    use super::*;

    #[test]
    fn long_words_are_elided_in_the_middle() {
        let key = format!("key_{}", "z".repeat(300_000));
        let msg = format!("неизвестный ключ `{key}` в [plan]");
        let short = elide_long_words(&msg, 80, 1000);
        assert!(short.chars().count() < 140, "{short}");
        assert!(short.starts_with("неизвестный ключ `key_z") && short.ends_with("` в [plan]"));
        assert_eq!(
            elide_long_words("срок «Сентбрь 2026»", 80, 1000),
            "срок «Сентбрь 2026»"
        );
        let many = "слово ".repeat(1000);
        assert!(elide_long_words(&many, 80, 1000).chars().count() <= 1000);
    }

    #[test]
    fn escapes() {
        assert_eq!(
            escape_controls("a\u{1b}]52;x\u{7}b", false),
            "a\\x1b]52;x\\x07b"
        );
        assert_eq!(escape_controls("a\u{202e}b", false), "a\\u{202e}b");
        assert_eq!(escape_controls("a\nb", true), "a\nb");
        assert_eq!(escape_controls("a\nb", false), "a\\x0ab");
        assert_eq!(escape_controls("план", false), "план");
    }

    #[test]
    fn shortening() {
        assert_eq!(shorten("коротко", 20), "коротко");
        assert_eq!(
            shorten("Выполнено в полном объёме и в срок", 20),
            "Выполнено в полном…"
        );
    }

    #[test]
    fn shorten_squashed_is_shorten_of_squash_spaces() {
        let long = "Организация  семинаров,\n организационно-методических совещаний ".repeat(9);
        for t in [
            "",
            "  Отчёт  ",
            "Отчёт о деятельности МОЦ",
            long.as_str(),
            &"я".repeat(120),
            &"я".repeat(121),
            &format!("{} {}", "я".repeat(100), "б".repeat(30)),
            &format!("{} {}", "я".repeat(60), "б".repeat(59)),
            &format!("«{}» – {}", "я".repeat(60), "б".repeat(55)),
            "Семинар\u{2028}«итоги»",
            "Семинар\u{a0}– итоги",
            "Семинар –\u{85}итоги",
        ] {
            assert_eq!(
                shorten_squashed(t, 120),
                shorten(&squash_spaces(t), 120),
                "{t:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_title_is_shortened_as_shorten_of_squash_does(
            t in "[ \t\n\u{85}\u{a0}\u{1680}\u{2003}\u{2028}\u{202f}\u{205f}\u{3000}«»–a-zа-яё-]{0,300}"
        ) {
            proptest::prop_assert_eq!(
                shorten_squashed(&t, 120),
                shorten(&squash_spaces(&t), 120)
            );
        }
    }
}
