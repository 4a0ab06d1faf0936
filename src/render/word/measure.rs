//! How wide text is in Times New Roman: the advance width of each character in thousandths of
//! an em, regular and bold, for Latin and Cyrillic letters, digits and the punctuation of plans
//! (taken from Liberation Serif, which is metric-compatible with Times New Roman — the font
//! LibreOffice draws Times New Roman with). Table columns are sized from these, so that a word
//! never has to break inside itself. Characters not listed count as a wide letter.

/// REGULAR: U+0020–U+007E.
const REGULAR_ASCII: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];
/// REGULAR: А–я (U+0410–U+044F).
const REGULAR_CYRILLIC: [u16; 64] = [
    722, 574, 667, 578, 682, 611, 896, 501, 722, 722, 667, 678, 889, 722, 722, 722, 556, 667, 611,
    708, 790, 722, 722, 650, 1009, 1009, 706, 872, 574, 660, 1028, 667, 444, 509, 472, 410, 509,
    444, 691, 395, 535, 535, 486, 499, 633, 535, 500, 535, 500, 444, 437, 500, 648, 500, 535, 503,
    770, 770, 517, 672, 456, 429, 747, 460,
];
/// BOLD: U+0020–U+007E.
const BOLD_ASCII: [u16; 95] = [
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667,
    611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722,
    722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556,
    278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
];
/// BOLD: А–я (U+0410–U+044F).
const BOLD_CYRILLIC: [u16; 64] = [
    722, 661, 667, 636, 688, 667, 989, 528, 778, 778, 725, 745, 944, 778, 778, 778, 611, 722, 667,
    734, 859, 722, 778, 734, 1098, 1098, 765, 982, 661, 678, 1126, 722, 500, 500, 540, 454, 506,
    444, 725, 402, 576, 576, 576, 561, 681, 576, 500, 576, 556, 444, 491, 500, 692, 500, 576, 564,
    844, 844, 583, 781, 529, 432, 764, 541,
];

/// The width of `c`, in thousandths of an em.
fn advance(c: char, bold: bool) -> u32 {
    let (ascii, cyrillic) = if bold {
        (&BOLD_ASCII, &BOLD_CYRILLIC)
    } else {
        (&REGULAR_ASCII, &REGULAR_CYRILLIC)
    };
    let u = u32::from(c);
    match c {
        ' '..='~' => u32::from(ascii[(u - 0x20) as usize]),
        'А'..='я' => u32::from(cyrillic[(u - 0x410) as usize]),
        'Ё' if bold => 667,
        'Ё' => 611,
        'ё' => 444,
        '«' | '»' | '–' => 500,
        '—' | '…' => 1000,
        '№' if bold => 1005,
        '№' => 954,
        '\u{a0}' | '\u{2009}' | '\u{202f}' => 250,
        '“' | '”' | '„' if bold => 500,
        '“' | '”' | '„' => 444,
        '·' => 333,
        '−' => 564,
        // a letter of another script, a sign: as wide as a wide capital
        _ => 780,
    }
}

/// The width of `s` in thousandths of an em.
pub(super) fn width(s: &str, bold: bool) -> u32 {
    s.chars().map(|c| advance(c, bold)).sum()
}

/// Thousandths of an em at `half_points` (24 — 12 pt) in twips (a twip is 1/20 pt).
pub(super) fn twips(units: u32, half_points: u32) -> u32 {
    // units / 1000 em × half_points / 2 pt × 20 twips
    (units * half_points).div_ceil(100)
}

/// The pieces of `s` a line may not break inside: words between spaces, a hyphenated word split
/// after each hyphen («нормативно-|правовой»), as Word and LibreOffice break lines.
pub(super) fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split_whitespace().flat_map(|w| w.split_inclusive('-'))
}

/// The width of the widest unbreakable piece of `s`, in thousandths of an em.
pub(super) fn longest_word(s: &str, bold: bool) -> u32 {
    words(s).map(|w| width(w, bold)).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_of_letters() {
        assert_eq!(width("a", false), 444);
        assert_eq!(width("М", false), 889);
        assert_eq!(width("Ш", true), 1098);
        // bold is wider than regular
        assert!(width("Мероприятий", true) > width("Мероприятий", false));
        // 12 pt: an em is 240 twips
        assert_eq!(twips(1000, 24), 240);
        assert_eq!(twips(width("—", false), 28), 280);
    }

    #[test]
    fn words_break_at_spaces_and_after_hyphens() {
        let w: Vec<&str> = words("нормативно-правовой  акт").collect();
        assert_eq!(w, ["нормативно-", "правовой", "акт"]);
        assert_eq!(longest_word("", false), 0);
        assert_eq!(longest_word("Не выполнено", true), width("выполнено", true));
    }
}
