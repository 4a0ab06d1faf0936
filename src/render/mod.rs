//! Renderers: pure writers of evaluated plans into text — terminal tables, Markdown, CSV.
//!
//! They never query the terminal or print by themselves: width and colour come from the caller
//! ([`crate::commands::Ctx`]), output goes to a `&mut dyn Write`. Plan text passes through
//! [`crate::text::escape_controls`] (terminal) or [`markdown::cell`] (documents) first.

pub mod doc;
pub mod markdown;
pub mod report;

use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};

use crate::evaluate::State;
use crate::i18n::Lang;
use crate::text::escape_controls;

/// The width tables wrap to when neither the terminal nor `COLUMNS` tells.
pub const DEFAULT_WIDTH: usize = 100;

/// A terminal table laid out for `width` columns, coloured or not.
pub fn table(width: Option<usize>, color: bool) -> Table {
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
pub fn text_cell(s: &str) -> Cell {
    Cell::new(escape_controls(&crate::text::squash_spaces(s), false))
}

/// A header cell.
pub fn header(s: &str, color: bool) -> Cell {
    let c = Cell::new(s);
    if color {
        c.add_attribute(Attribute::Bold)
    } else {
        c
    }
}

/// The colour a state is shown in.
pub fn state_color(state: State) -> Option<Color> {
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
pub fn state_cell(state: State, detail: Option<String>, lang: Lang, color: bool) -> Cell {
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

/// Wrap an ANSI SGR style around text when colour is on.
pub fn paint(text: &str, sgr: &str, color: bool) -> String {
    if color {
        format!("\u{1b}[{sgr}m{text}\u{1b}[0m")
    } else {
        text.to_owned()
    }
}
