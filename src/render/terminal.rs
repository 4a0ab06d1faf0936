//! The terminal's pieces: a table laid out for a width and drawn by moc (borders as
//! `┌─┬─┐ │ ┆ │ ╞═╪═╡ └─┴─┘`), cells of plan text (escaped), state cells in their colours, bold
//! headings — styled with anstyle, coloured only when the caller says so (a terminal, no
//! `NO_COLOR`).

use std::borrow::Cow;
use std::fmt::Write as _;

use anstyle::{AnsiColor, Color as AnsiColour, Style};

use crate::evaluate::State;
use crate::i18n::Lang;
use crate::text::escape_controls;

/// The width tables wrap to when neither the terminal nor `COLUMNS` tells.
pub(crate) const DEFAULT_WIDTH: usize = 100;

/// The colours moc uses on a terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Color {
    Red,
    DarkRed,
    Yellow,
    Green,
    DarkGreen,
    Magenta,
    Cyan,
    DarkGrey,
}

impl Color {
    fn style(self) -> Style {
        let c = match self {
            Color::Red => AnsiColor::BrightRed,
            Color::DarkRed => AnsiColor::Red,
            Color::Yellow => AnsiColor::BrightYellow,
            Color::Green => AnsiColor::BrightGreen,
            Color::DarkGreen => AnsiColor::Green,
            Color::Magenta => AnsiColor::BrightMagenta,
            Color::Cyan => AnsiColor::BrightCyan,
            Color::DarkGrey => AnsiColor::BrightBlack,
        };
        Style::new().fg_color(Some(AnsiColour::Ansi(c)))
    }
}

/// The display width of a text: a character a column, except wide (CJK), zero-width and
/// combining characters, looked up only when the text has any.
pub(crate) fn display_width(s: &str) -> usize {
    let mut n = 0;
    for c in s.chars() {
        if narrow(c) {
            n += 1;
        } else {
            return unicode_width::UnicodeWidthStr::width(s);
        }
    }
    n
}

/// Latin, Greek, Cyrillic, general punctuation («», №, –): one column each, the same as
/// unicode-width says (a unit test holds the two together); anything else is looked up.
fn narrow(c: char) -> bool {
    matches!(c,
        ' '..='\u{7E}'
        | '\u{A0}'..='\u{AC}'
        | '\u{AE}'..='\u{2FF}'
        | '\u{370}'..='\u{482}'
        | '\u{48A}'..='\u{52F}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205F}'
        | '\u{2070}'..='\u{20CF}'
        | '\u{2100}'..='\u{214F}')
}

/// One cell of a [`Grid`]: its text and how it is shown.
#[derive(Clone, Debug, Default)]
pub(crate) struct Piece {
    text: String,
    fg: Option<Color>,
    bold: bool,
    right: bool,
    /// Measured by the grid: the width of the widest line, and whether the text is one line of
    /// one-column characters.
    size: (usize, bool),
}

impl Piece {
    /// Plan text: control characters escaped, whitespace folded.
    pub(crate) fn text(s: &str) -> Piece {
        let text = if crate::text::is_plain(s) {
            s.to_owned()
        } else {
            escape_controls(&crate::text::squash_spaces(s), false)
        };
        Piece {
            text,
            ..Piece::default()
        }
    }

    /// Text of moc's own (line breaks kept).
    pub(crate) fn own(s: impl Into<String>) -> Piece {
        Piece {
            text: s.into(),
            ..Piece::default()
        }
    }

    /// A number, right-aligned.
    pub(crate) fn number(n: impl std::fmt::Display) -> Piece {
        Piece {
            text: n.to_string(),
            right: true,
            ..Piece::default()
        }
    }

    /// A state with its detail under it, in the state's colour when `color`.
    pub(crate) fn state(state: State, detail: Option<String>, lang: Lang, color: bool) -> Piece {
        let text = match detail {
            Some(d) => format!("{}\n{d}", state.label(lang)),
            None => state.label(lang).to_owned(),
        };
        Piece {
            text,
            fg: color.then(|| state_color(state)).flatten(),
            bold: color && state == State::Overdue,
            ..Piece::default()
        }
    }

    /// In this colour (the caller decides whether colour is on).
    pub(crate) fn fg(mut self, c: Color) -> Piece {
        self.fg = Some(c);
        self
    }

    /// Aligned right.
    pub(crate) fn right(mut self) -> Piece {
        self.right = true;
        self
    }

    /// In bold (the caller decides whether styling is on).
    pub(crate) fn bold(mut self) -> Piece {
        self.bold = true;
        self
    }
}

/// A terminal table whose column widths are chosen from its words: every column is at least as
/// wide as its longest word when the width allows, so that text wraps at spaces and after
/// hyphens and never inside a word that could have fit; what is left goes to the columns with
/// the most text. Only when even the words do not fit are the longest broken.
pub(crate) struct Grid {
    width: Option<usize>,
    color: bool,
    head: Vec<Piece>,
    rows: Vec<Vec<Piece>>,
}

/// The display width of a text's longest line.
fn line_width(s: &str) -> usize {
    s.lines().map(|l| measure(l).0).max().unwrap_or(0)
}

/// A cell's [`line_width`], and whether it is one line of one-column characters.
fn measure_cell(s: &str) -> (usize, bool) {
    let b = s.as_bytes();
    let (mut n, mut i) = (0, 0);
    while i < b.len() {
        let x = b[i];
        if (0x20..0x7f).contains(&x) {
            i += 1;
        } else if matches!(x, 0xD0 | 0xD1 | 0xD3) {
            // U+0400–U+047F and U+04C0–U+04FF: Cyrillic letters, one column each
            i += 2;
        } else {
            match s[i..].chars().next() {
                Some(c) if narrow(c) => i += c.len_utf8(),
                _ => return (line_width(s), false),
            }
        }
        n += 1;
    }
    (n, true)
}

impl Grid {
    pub(crate) fn new(width: Option<usize>, color: bool) -> Grid {
        Grid {
            width,
            color,
            head: Vec::new(),
            rows: Vec::new(),
        }
    }

    pub(crate) fn header(&mut self, names: &[&str]) {
        self.head = names
            .iter()
            .map(|n| {
                let mut p = Piece {
                    bold: self.color,
                    ..Piece::own(*n)
                };
                p.size = measure_cell(&p.text);
                p
            })
            .collect();
    }

    pub(crate) fn row(&mut self, mut cells: Vec<Piece>) {
        for p in &mut cells {
            p.size = measure_cell(&p.text);
        }
        self.rows.push(cells);
    }

    /// The widths of the columns' text for a table `width` wide (borders and padding apart).
    fn widths(&self, width: usize) -> Vec<usize> {
        let n = self
            .rows
            .iter()
            .map(Vec::len)
            .chain([self.head.len()])
            .max()
            .unwrap_or(0);
        if n == 0 {
            return Vec::new();
        }
        let cells = || {
            self.rows
                .iter()
                .map(Vec::as_slice)
                .chain([self.head.as_slice()])
        };
        let mut full = vec![1; n];
        for row in cells() {
            for (i, p) in row.iter().enumerate() {
                full[i] = full[i].max(p.size.0);
            }
        }
        // a column is 3 wide besides its text (a border and two spaces), plus the last border
        let room = width.saturating_sub(3 * n + 1).max(n);
        if full.iter().sum::<usize>() <= room {
            return full;
        }
        // the pieces that may not be broken (words, split after their hyphens): their widths,
        // each once, longest first
        let mut seen: Vec<Vec<bool>> = vec![Vec::new(); n];
        for row in cells() {
            for (i, p) in row.iter().enumerate() {
                piece_widths(&p.text, |x| {
                    let s = &mut seen[i];
                    if s.len() <= x {
                        s.resize(x + 1, false);
                    }
                    s[x] = true;
                });
            }
        }
        let mut pieces: Vec<Vec<usize>> = seen
            .iter()
            .map(|s| (0..s.len()).rev().filter(|&x| s[x]).collect())
            .collect();
        let mut w: Vec<usize> = pieces
            .iter()
            .map(|v| v.first().copied().unwrap_or(1))
            .collect();
        // too wide for the room: only the longest pieces are broken, one length at a time
        while w.iter().sum::<usize>() > room {
            let Some((j, _)) = w.iter().enumerate().max_by_key(|(_, x)| **x) else {
                break;
            };
            let others = w.iter().sum::<usize>() - w[j];
            let next = pieces[j].iter().copied().find(|&x| x < w[j]);
            pieces[j].retain(|&x| x < w[j]);
            w[j] = match next {
                Some(x) => x.max(room.saturating_sub(others)).min(w[j] - 1).max(1),
                None => room
                    .saturating_sub(others)
                    .clamp(1, w[j].saturating_sub(1).max(1)),
            };
            if w[j] == 1 && w.iter().all(|&x| x == 1) {
                break;
            }
        }
        // the rest of the room: the other columns up to a sixth of it each (a column that needs
        // less than its share takes all it needs), the column with the most text the remainder
        let mut left = room - w.iter().sum::<usize>();
        let flex = (0..n).max_by_key(|&i| full[i]).unwrap_or(0);
        let cap = |i: usize, w: usize| {
            if i == flex {
                full[i]
            } else {
                full[i].min((room / 6).max(w))
            }
        };
        let mut order: Vec<usize> = (0..n).filter(|&i| i != flex).collect();
        order.sort_by_key(|&i| cap(i, w[i]) - w[i]);
        for &i in &order {
            let give = (cap(i, w[i]) - w[i]).min(left);
            w[i] += give;
            left -= give;
        }
        // then the column with the most text, then the others up to their full width
        for i in std::iter::once(flex).chain(order) {
            let give = (full[i] - w[i]).min(left);
            w[i] += give;
            left -= give;
        }
        w
    }

    /// The table, its text wrapped to the chosen widths, drawn.
    pub(crate) fn table(&self) -> String {
        let total = self.width.unwrap_or(DEFAULT_WIDTH).clamp(40, 1000);
        let widths = self.widths(total);
        let inner: usize = widths.iter().map(|w| w + 3).sum();
        let text: usize = self
            .rows
            .iter()
            .flatten()
            .map(|p| p.text.len())
            .sum::<usize>();
        // every line of the table is `inner` columns of (mostly) one to three bytes each
        let mut out = String::with_capacity(text * 2 + inner * 3 * (self.rows.len() + 4));
        let rule = |out: &mut String, left: &str, fill: &str, mid: &str, right: &str| {
            out.push_str(left);
            for (i, w) in widths.iter().enumerate() {
                if i > 0 {
                    out.push_str(mid);
                }
                for _ in 0..w + 2 {
                    out.push_str(fill);
                }
            }
            out.push_str(right);
            out.push('\n');
        };
        let mut lines: Vec<Vec<Line<'_>>> = vec![Vec::new(); widths.len()];
        let mut scratch = Vec::new();
        rule(&mut out, "┌", "─", "┬", "┐");
        if !self.head.is_empty() {
            self.draw_row(&mut out, &self.head, &widths, &mut lines, &mut scratch);
            rule(&mut out, "╞", "═", "╪", "╡");
        }
        for r in &self.rows {
            self.draw_row(&mut out, r, &widths, &mut lines, &mut scratch);
        }
        rule(&mut out, "└", "─", "┴", "┘");
        out.pop();
        out
    }

    /// One row: each cell wrapped to its column, the row as tall as its tallest cell.
    fn draw_row<'t>(
        &self,
        out: &mut String,
        cells: &'t [Piece],
        widths: &[usize],
        lines: &mut [Vec<Line<'t>>],
        scratch: &mut Vec<Fragment>,
    ) {
        for (i, &w) in widths.iter().enumerate() {
            lines[i].clear();
            match cells.get(i) {
                Some(p) if p.size.1 && p.size.0 <= w => {
                    lines[i].push((Cow::Borrowed(p.text.as_str()), p.size.0));
                }
                Some(p) if p.size.1 => wrap_narrow(&p.text, w.max(1), &mut lines[i], scratch),
                Some(p) => wrap(&p.text, w, &mut lines[i], scratch),
                None => {}
            }
        }
        let height = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for k in 0..height {
            out.push('│');
            for (i, &w) in widths.iter().enumerate() {
                if i > 0 {
                    out.push('┆');
                }
                let (text, width) = lines[i].get(k).map_or(("", 0), |(t, n)| (t.as_ref(), *n));
                let pad = w.saturating_sub(width);
                let piece = cells.get(i);
                let right = piece.is_some_and(|p| p.right);
                out.push(' ');
                if right {
                    push_spaces(out, pad);
                }
                match piece {
                    Some(p) if self.color && !text.is_empty() && (p.fg.is_some() || p.bold) => {
                        let mut style = p.fg.map_or_else(Style::new, Color::style);
                        if p.bold {
                            style = style.bold();
                        }
                        let _ = write!(out, "{style}{text}{style:#}");
                    }
                    _ => out.push_str(text),
                }
                if !right {
                    push_spaces(out, pad);
                }
                out.push(' ');
            }
            out.push_str("│\n");
        }
    }
}

fn push_spaces(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut n = n;
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// A line of a wrapped cell and its display width.
type Line<'t> = (Cow<'t, str>, usize);

/// A cell's text in lines no wider than `w`: broken at spaces and after hyphens, a word wider
/// than the column cut; a line that fits is left alone. A line of one-column characters is
/// wrapped by [`wrap_narrow`], the others by textwrap.
fn wrap<'t>(text: &'t str, w: usize, lines: &mut Vec<Line<'t>>, scratch: &mut Vec<Fragment>) {
    for line in text.split('\n') {
        let (width, narrow) = measure(line);
        if width <= w {
            lines.push((Cow::Borrowed(line), width));
        } else if narrow {
            wrap_narrow(line, w.max(1), lines, scratch);
        } else {
            let opts = textwrap::Options::new(w.max(1))
                .word_separator(textwrap::WordSeparator::AsciiSpace)
                .word_splitter(textwrap::WordSplitter::HyphenSplitter)
                .break_words(true);
            lines.extend(textwrap::wrap(line, &opts).into_iter().map(|l| {
                let n = display_width(&l);
                (l, n)
            }));
        }
    }
}

/// A line's display width, and whether every character of it is one column wide.
fn measure(line: &str) -> (usize, bool) {
    let mut n = 0;
    for c in line.chars() {
        if !narrow(c) {
            return (display_width(line), false);
        }
        n += 1;
    }
    (n, true)
}

/// A piece of a line that wrapping keeps whole: a word, or the part of it up to a hyphen, or a
/// part of a word too wide for the column; as byte offsets into the line.
#[derive(Clone, Copy, Debug)]
struct Fragment {
    start: usize,
    /// Where the piece's text ends and its spaces begin.
    end: usize,
    width: usize,
    spaces: usize,
}

/// textwrap's `wrap` (first fit, words separated by ASCII spaces, split after hyphens between
/// letters or digits, words wider than the line broken) for a line whose every character is one
/// column wide, without its allocations: a test holds the two together.
fn wrap_narrow<'t>(line: &'t str, w: usize, lines: &mut Vec<Line<'t>>, frags: &mut Vec<Fragment>) {
    frags.clear();
    let bytes = line.as_bytes();
    let push = |frags: &mut Vec<Fragment>, start: usize, end: usize, width: usize, spaces| {
        if width <= w {
            frags.push(Fragment {
                start,
                end,
                width,
                spaces,
            });
            return;
        }
        // broken into pieces of `w` characters; the last keeps the spaces
        let mut from = start;
        let mut count = 0;
        let chars = line.as_bytes()[start..end]
            .iter()
            .enumerate()
            .filter(|(_, b)| !is_continuation(**b));
        for (i, _) in chars {
            if count == w {
                frags.push(Fragment {
                    start: from,
                    end: start + i,
                    width: w,
                    spaces: 0,
                });
                from = start + i;
                count = 0;
            }
            count += 1;
        }
        frags.push(Fragment {
            start: from,
            end,
            width: count,
            spaces,
        });
    };
    // words: the text up to a run of spaces, and the run
    let chars = |b: &[u8]| b.iter().filter(|&&x| !is_continuation(x)).count();
    let mut start = 0;
    while start < bytes.len() {
        let text_end = memchr::memchr(b' ', &bytes[start..]).map_or(bytes.len(), |k| start + k);
        let next = bytes[text_end..]
            .iter()
            .position(|&b| b != b' ')
            .map_or(bytes.len(), |k| text_end + k);
        let word = &line[start..text_end];
        let spaces = next - text_end;
        // split after each hyphen between two letters or digits
        let mut from = start;
        for i in memchr::memchr_iter(b'-', word.as_bytes()) {
            if word[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && word[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            {
                let at = start + i + 1;
                push(frags, from, at, chars(&bytes[from..at]), 0);
                from = at;
            }
        }
        push(frags, from, text_end, chars(&bytes[from..text_end]), spaces);
        start = next;
    }
    // first fit
    let mut first = 0;
    let mut used = 0;
    for (k, f) in frags.iter().enumerate() {
        if used + f.width > w && k > first {
            lines.push(line_of(line, &frags[first..k]));
            first = k;
            used = 0;
        }
        used += f.width + f.spaces;
    }
    lines.push(line_of(line, &frags[first..]));
}

/// Whether a byte of UTF-8 continues a character.
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// The text of fragments put on one line, without the spaces after the last.
fn line_of<'t>(line: &'t str, frags: &[Fragment]) -> Line<'t> {
    match (frags.first(), frags.last()) {
        (Some(a), Some(b)) => {
            let width = frags.iter().map(|f| f.width + f.spaces).sum::<usize>() - b.spaces;
            (Cow::Borrowed(&line[a.start..b.end]), width)
        }
        _ => (Cow::Borrowed(""), 0),
    }
}

/// The widths of a text's pieces that wrapping keeps whole (words split after their hyphens), as
/// `split_whitespace` and `split_inclusive('-')` find them; a width may be given more than once.
fn piece_widths(s: &str, mut put: impl FnMut(usize)) {
    let b = s.as_bytes();
    let (mut n, mut i) = (0, 0);
    while i < b.len() {
        let x = b[i];
        // most plan text is ASCII and Cyrillic: told apart by the byte, without decoding
        let (c, len) = match x {
            b' ' | b'\t'..=b'\r' => (' ', 1),
            0x21..0x7f => (char::from(x), 1),
            // U+0400–U+047F and U+04C0–U+04FF: Cyrillic letters, neither space nor hyphen
            0xD0 | 0xD1 | 0xD3 => ('а', 2),
            _ => match s[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            },
        };
        i += len;
        if c.is_whitespace() {
            if n > 0 {
                put(n);
            }
            n = 0;
        } else if narrow(c) {
            n += 1;
            if c == '-' {
                put(n);
                n = 0;
            }
        } else {
            for w in s.split_whitespace().flat_map(|w| w.split_inclusive('-')) {
                put(display_width(w));
            }
            return;
        }
    }
    if n > 0 {
        put(n);
    }
}

/// The colour a state is shown in.
pub(crate) fn state_color(state: State) -> Option<Color> {
    match state {
        State::Overdue => Some(Color::Red),
        State::DueSoon => Some(Color::Yellow),
        State::Done => Some(Color::Green),
        State::PartlyDone => Some(Color::DarkGreen),
        State::Postponed => Some(Color::Magenta),
        State::Cancelled | State::OnDemand => Some(Color::DarkGrey),
        State::InProgress | State::YearRound => Some(Color::Cyan),
        State::Unknown => Some(Color::DarkRed),
        State::NotStarted => None,
    }
}

/// Bold text: headings.
pub(crate) const BOLD: anstyle::Style = anstyle::Style::new().bold();

/// Text in a style when colour is on.
pub(crate) fn paint(text: &str, style: anstyle::Style, color: bool) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::{Grid, Piece, display_width, narrow};

    fn grid(rows: &[&[&str]]) -> Grid {
        let mut g = Grid::new(Some(60), false);
        g.header(&["№", "Мероприятие", "Ответственные"]);
        for r in rows {
            g.row(r.iter().map(|s| Piece::text(s)).collect());
        }
        g
    }

    #[test]
    fn columns_are_as_wide_as_their_longest_word_when_the_width_allows() {
        let g = grid(&[&[
            "1.1",
            "Организационно-методическое сопровождение деятельности муниципальных организаций",
            "Руководитель МОЦ, Межведомственная группа",
        ]]);
        let w = g.widths(60);
        assert!(w.iter().sum::<usize>() + 3 * 3 < 60, "{w:?}");
        assert!(w[2] >= "Межведомственная".chars().count(), "{w:?}");
        assert!(w[1] >= "Организационно-".chars().count(), "{w:?}");
        let text = g.table();
        assert!(text.contains("Межведомственная"), "{text}");
        assert!(
            text.lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 60)
        );
    }

    #[test]
    fn only_a_word_wider_than_the_room_is_cut() {
        let long = "государственных(муниципальных)государственных(муниципальных)";
        let g = grid(&[&["2", long, "методист"]]);
        let text = g.table();
        assert!(text.contains("методист"), "{text}");
        assert!(!text.contains(long), "{text}");
        assert!(
            text.lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 60)
        );
    }

    #[test]
    fn a_narrow_table_fits_its_text_untouched() {
        let g = grid(&[&["1", "Отчёт", "МОЦ"]]);
        assert_eq!(g.widths(60), vec![1, 11, 13]);
    }

    /// textwrap's lines for a line, as the table wrapped them before [`super::wrap_narrow`].
    fn textwrap_lines(line: &str, w: usize) -> Vec<String> {
        let opts = textwrap::Options::new(w.max(1))
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::HyphenSplitter)
            .break_words(true);
        textwrap::wrap(line, &opts)
            .into_iter()
            .map(std::borrow::Cow::into_owned)
            .collect()
    }

    fn narrow_lines(line: &str, w: usize) -> Vec<(String, usize)> {
        let mut lines = Vec::new();
        super::wrap_narrow(line, w, &mut lines, &mut Vec::new());
        lines
            .into_iter()
            .map(|(l, n)| (l.into_owned(), n))
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

        #[test]
        fn the_narrow_wrap_is_textwraps(
            line in "[ a-zА-я0-9«»№.,—-]{1,120}|[ ab-]{1,40}|( *[а-я]{1,25}(-[а-я]{1,9})? *){1,12}",
            w in 1usize..40,
        ) {
            let ours = narrow_lines(&line, w);
            let theirs = textwrap_lines(&line, w);
            let texts: Vec<&str> = ours.iter().map(|(l, _)| l.as_str()).collect();
            proptest::prop_assert_eq!(&texts, &theirs);
            for (l, n) in &ours {
                proptest::prop_assert_eq!(*n, display_width(l));
            }
        }

        #[test]
        fn plain_text_is_what_squashing_and_escaping_give_back(
            s in "[ a-zА-я\\-\t\n\u{a0}\u{85}\u{202e}\u{1b}\u{7f}\u{2003}]{0,30}",
        ) {
            if crate::text::is_plain(&s) {
                let squashed = crate::text::squash_spaces(&s);
                proptest::prop_assert_eq!(&squashed, &s);
                proptest::prop_assert_eq!(crate::text::escape_controls(&squashed, false), s.clone());
            }
            proptest::prop_assert_eq!(Piece::text(&s).text, crate::text::escape_controls(&crate::text::squash_spaces(&s), false));
        }

        #[test]
        fn piece_widths_are_those_of_the_words_split_after_hyphens(
            s in "[ a-zА-я0-9\\-\n\u{a0}\u{3000}日]{0,40}",
        ) {
            let mut ours = Vec::new();
            super::piece_widths(&s, |x| ours.push(x));
            let mut theirs: Vec<usize> = s
                .split_whitespace()
                .flat_map(|w| w.split_inclusive('-'))
                .map(display_width)
                .collect();
            ours.sort_unstable();
            ours.dedup();
            theirs.sort_unstable();
            theirs.dedup();
            proptest::prop_assert_eq!(ours, theirs);
            proptest::prop_assert_eq!(
                super::line_width(&s),
                s.lines().map(display_width).max().unwrap_or(0)
            );
        }
    }

    #[test]
    fn narrow_wrap_cases() {
        for (line, w) in [
            ("  foo bar", 4),
            ("  foo bar", 8),
            ("Foo   bar baz", 8),
            ("организационно-методическое сопровождение", 10),
            ("a--b c-d -e f- ", 2),
            ("ааааааааааааааааааа", 5),
        ] {
            let texts: Vec<String> = narrow_lines(line, w).into_iter().map(|(l, _)| l).collect();
            assert_eq!(texts, textwrap_lines(line, w), "{line:?} {w}");
        }
    }

    #[test]
    fn the_fast_width_agrees_with_unicode_width() {
        let narrow: Vec<char> = (0..=0x2FFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| narrow(c))
            .collect();
        let wrong: Vec<String> = narrow
            .iter()
            .filter(|c| unicode_width::UnicodeWidthStr::width(c.to_string().as_str()) != 1)
            .map(|&c| format!("U+{:04X}", c as u32))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join(" "));
        assert!(narrow.len() > 1000);
        assert_eq!(display_width("Сентябрь 2026 г. — «МОЦ» №1"), 27);
        assert_eq!(display_width("日本"), 4);
    }
}
