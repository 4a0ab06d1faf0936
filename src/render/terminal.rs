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

/// Plan text for a terminal cell: control characters escaped, whitespace folded.
pub(crate) fn text_cell(s: &str) -> Cell {
    Cell::new(escape_controls(&crate::text::squash_spaces(s), false))
}

/// A header cell.
pub(crate) fn header(s: &str, color: bool) -> Cell {
    let c = Cell::new(s);
    if color {
        c.add_attribute(Attribute::Bold)
    } else {
        c
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

/// A state cell, coloured on a terminal.
pub(crate) fn state_cell(state: State, detail: Option<String>, lang: Lang, color: bool) -> Cell {
    let text = match detail {
        Some(d) => format!("{}\n{d}", state.label(lang)),
        None => state.label(lang).to_owned(),
    };
    let c = Cell::new(text);
    match (color, state_color(state)) {
        (true, Some(col)) => {
            let c = c.fg(col);
            if state == State::Overdue {
                c.add_attribute(Attribute::Bold)
            } else {
                c
            }
        }
        _ => c,
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
