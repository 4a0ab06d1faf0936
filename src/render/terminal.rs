//! The terminal's pieces: a table laid out for a width, cells of plan text (escaped), state
//! cells in their colours, bold headings — styled with anstyle, coloured only when the caller
//! says so (a terminal, no `NO_COLOR`).

use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};

use crate::evaluate::State;
use crate::i18n::Lang;
use crate::text::escape_controls;

/// The width tables wrap to when neither the terminal nor `COLUMNS` tells.
pub(crate) const DEFAULT_WIDTH: usize = 100;

/// A terminal table laid out for `width` columns, coloured or not.
pub(crate) fn table(width: Option<usize>, color: bool) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(u16::try_from(width.unwrap_or(DEFAULT_WIDTH).clamp(40, 1000)).unwrap_or(100));
    if color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

/// One cell of a [`Grid`]: its text and how it is shown.
#[derive(Clone, Debug, Default)]
pub(crate) struct Piece {
    text: String,
    fg: Option<Color>,
    bold: bool,
    right: bool,
}

impl Piece {
    /// Plan text: control characters escaped, whitespace folded.
    pub(crate) fn text(s: &str) -> Piece {
        Piece {
            text: escape_controls(&crate::text::squash_spaces(s), false),
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
            right: false,
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
    s.lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
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
            .map(|n| Piece {
                bold: self.color,
                ..Piece::own(*n)
            })
            .collect();
    }

    pub(crate) fn row(&mut self, cells: Vec<Piece>) {
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
        let cells = |i: usize| {
            self.rows
                .iter()
                .filter_map(move |r| r.get(i))
                .chain(self.head.get(i))
                .map(|p| p.text.as_str())
        };
        let most = |f: &dyn Fn(&str) -> usize| -> Vec<usize> {
            (0..n)
                .map(|i| cells(i).map(f).max().unwrap_or(0).max(1))
                .collect()
        };
        let full = most(&line_width);
        // a column is 3 wide besides its text (a border and two spaces), plus the last border
        let room = width.saturating_sub(3 * n + 1).max(n);
        if full.iter().sum::<usize>() <= room {
            return full;
        }
        // the pieces that may not be broken (words, split after their hyphens), longest first
        let mut pieces: Vec<Vec<usize>> = (0..n)
            .map(|i| {
                let mut v: Vec<usize> = cells(i)
                    .flat_map(|s| s.split_whitespace().flat_map(|w| w.split_inclusive('-')))
                    .map(unicode_width::UnicodeWidthStr::width)
                    .collect();
                v.sort_unstable_by(|a, b| b.cmp(a));
                v.dedup();
                v
            })
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

    /// The table, its text wrapped to the chosen widths.
    pub(crate) fn table(&self) -> Table {
        let width = self.width.unwrap_or(DEFAULT_WIDTH).clamp(40, 1000);
        let widths = self.widths(width);
        let wrap = |p: &Piece, w: usize| -> String {
            let opts = textwrap::Options::new(w.max(1))
                .word_separator(textwrap::WordSeparator::AsciiSpace)
                .word_splitter(textwrap::WordSplitter::HyphenSplitter)
                .break_words(true);
            p.text
                .split('\n')
                .flat_map(|line| {
                    if line.is_empty() {
                        vec![String::new()]
                    } else {
                        textwrap::wrap(line, &opts)
                            .into_iter()
                            .map(std::borrow::Cow::into_owned)
                            .collect()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let cell = |p: &Piece, w: usize| {
            let mut c = Cell::new(wrap(p, w));
            if p.right {
                c = c.set_alignment(comfy_table::CellAlignment::Right);
            }
            if self.color {
                if let Some(col) = p.fg {
                    c = c.fg(col);
                }
                if p.bold {
                    c = c.add_attribute(Attribute::Bold);
                }
            }
            c
        };
        let mut t = table(Some(width), self.color);
        t.set_content_arrangement(ContentArrangement::Disabled);
        if !self.head.is_empty() {
            t.set_header(
                self.head
                    .iter()
                    .zip(&widths)
                    .map(|(p, &w)| cell(p, w))
                    .collect::<Vec<_>>(),
            );
        }
        for r in &self.rows {
            t.add_row(
                r.iter()
                    .zip(&widths)
                    .map(|(p, &w)| cell(p, w))
                    .collect::<Vec<_>>(),
            );
        }
        t.set_constraints(widths.iter().map(|&w| {
            comfy_table::ColumnConstraint::Absolute(comfy_table::Width::Fixed(
                u16::try_from(w + 2).unwrap_or(u16::MAX),
            ))
        }));
        t
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
    use super::{Grid, Piece};

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
        let text = g.table().to_string();
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
        let text = g.table().to_string();
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
}
