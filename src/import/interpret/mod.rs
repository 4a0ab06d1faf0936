//! From rows of cells to a plan: tables found by their header rows, each read with its own
//! columns; rows told apart (sections, periods, captions of sub-tables, items, rows a page break
//! split, editorial notes, rows cut at the end); a plan with no table read line by line.

mod cells;
mod cols;
mod finish;
mod lines;
mod tables;

use std::collections::HashSet;

use super::columns;
use super::{
    Grid, ImportError, Imported, ImportedItem, ImportedSection, Note, clean, preamble,
    section_heading, years_in,
};
use crate::deadline::PlanYear;
use crate::i18n::Lang;
use crate::tr;
use cells::row_text;
use finish::finish;
use lines::no_table;
use tables::tables;

/// The columns of one table.
#[derive(Clone, Debug, Default)]
struct Cols {
    labels: Vec<String>,
    number: Option<usize>,
    title: usize,
    deadline: Option<usize>,
    dateplace: Option<usize>,
    responsible: Option<usize>,
    result: Option<usize>,
    notes: Vec<usize>,
    /// the column whose cells begin with the item's number («1. Физкультурные …»)
    number_prefix: Option<usize>,
    width: usize,
}

struct State {
    lang: Lang,
    imp: Imported,
    sections: Vec<ImportedSection>,
    /// a row of a period («ИЮНЬ», «Ежемесячно») above the items that follow
    period: Option<String>,
    /// the period row opens a section if the numbering starts again under it
    period_fresh: bool,
    /// comments waiting for the next item
    pending: Vec<String>,
    /// items numbered by the importer
    numbered_by_import: usize,
    next_auto: usize,
    year: PlanYear,
    any_deadline_column: bool,
    any_responsible_column: bool,
    /// «Ответственные: …» written under the table
    responsible_line: Option<String>,
    /// the years that period rows name («АПРЕЛЬ – НОЯБРЬ 2023 ГОДА»)
    period_years: Vec<i32>,
    /// the period row above the first item of the current section
    section_period: Option<String>,
    /// the numbers of the current section's items
    section_numbers: HashSet<String>,
    /// items so far
    items: usize,
}

impl State {
    fn note(&mut self, at: Option<&str>, text: String, fix: bool) {
        self.imp.notes.push(Note {
            at: at.map(str::to_owned),
            text,
            fix,
        });
    }

    fn open_section(&mut self, text: &str) {
        // comments on rows left out at the end of the section before
        if !self.pending.is_empty()
            && let Some(s) = self.sections.last_mut()
        {
            s.comments.append(&mut self.pending);
        }
        self.section_numbers.clear();
        let (number, title) = section_heading(text);
        self.sections.push(ImportedSection {
            number,
            title,
            ..ImportedSection::default()
        });
        self.period_fresh = false;
    }

    /// A row of a period: the deadline of the items under it that have none; the row itself
    /// is noted above the first of them.
    fn set_period(&mut self, text: &str) {
        let lang = self.lang;
        let p = text.trim().trim_end_matches([':', '.']).trim().to_owned();
        self.period_years.extend(years_in(&p));
        self.pending.push(tr!(
            lang,
            "Строка периода «{text}»: срок мероприятий ниже, у которых своего срока нет.",
            "The period row «{text}»: the deadline of the items below that have none."
        ));
        self.period = Some(p);
        self.period_fresh = true;
    }

    fn last_item(&mut self) -> Option<&mut ImportedItem> {
        self.sections.last_mut().and_then(|s| s.items.last_mut())
    }

    fn push_item(&mut self, mut item: ImportedItem) {
        let lang = self.lang;
        if self.sections.is_empty() {
            self.sections.push(ImportedSection::default());
        }
        // numbering that starts again under a period row: the period is a section too
        let duplicate = self
            .section_numbers
            .contains(item.number.trim_end_matches('.'));
        if duplicate
            && self.period_fresh
            && let Some(p) = self.period.clone()
        {
            // the items before were under a period too: their section is named by it
            if let Some(s) = self.sections.last_mut()
                && s.title.is_empty()
                && s.number.is_empty()
                && let Some(before) = self.section_period.take()
            {
                s.title = before;
            }
            self.open_section(&p);
        }
        if self.sections.last().is_some_and(|s| s.items.is_empty()) {
            self.section_period.clone_from(&self.period);
        }
        self.period_fresh = false;
        if item.deadline.is_empty()
            && let Some(p) = &self.period
        {
            item.deadline = p.clone();
            item.comments.push(tr!(
                lang,
                "Срок «{p}» — из строки периода выше.",
                "The deadline «{p}» is from the period row above."
            ));
        }
        let mut comments = std::mem::take(&mut self.pending);
        comments.append(&mut item.comments);
        item.comments = comments;
        self.section_numbers
            .insert(item.number.trim_end_matches('.').to_owned());
        self.items += 1;
        if let Some(s) = self.sections.last_mut() {
            s.items.push(item);
        }
    }

    fn auto_number(&mut self) -> String {
        self.next_auto += 1;
        self.numbered_by_import += 1;
        self.next_auto.to_string()
    }
}

/// Read rows (cleaned) into a plan.
pub(crate) fn interpret(
    grid: &Grid,
    lang: Lang,
    fallback_year: i32,
) -> Result<Imported, ImportError> {
    let raw_lens: Vec<usize> = grid
        .preamble
        .iter()
        .map(|_| 1)
        .chain(grid.rows.iter().map(Vec::len))
        .collect();
    let rows: Vec<Vec<String>> = grid
        .preamble
        .iter()
        .map(|l| vec![clean(l)])
        .chain(grid.rows.iter().map(|r| {
            let mut cells: Vec<String> = r.iter().map(|c| clean(c)).collect();
            while cells.len() > 1 && cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            cells
        }))
        .collect();
    if rows.iter().flatten().all(String::is_empty) {
        return Err(ImportError::Empty);
    }
    let headers: Vec<usize> = (0..rows.len())
        .filter(|&i| columns::is_header(&rows[i]))
        .collect();
    let mut st = State {
        lang,
        imp: Imported::default(),
        sections: Vec::new(),
        period: None,
        period_fresh: false,
        pending: Vec::new(),
        numbered_by_import: 0,
        next_auto: 0,
        year: PlanYear::Calendar(fallback_year),
        any_deadline_column: false,
        any_responsible_column: false,
        responsible_line: None,
        period_years: Vec::new(),
        section_period: None,
        section_numbers: HashSet::new(),
        items: 0,
    };
    st.imp.notes.extend(grid.warnings.iter().cloned());
    let last_filled = rows
        .iter()
        .rposition(|r| r.iter().any(|c| !c.is_empty()))
        .unwrap_or(0);
    if headers.is_empty() {
        no_table(&rows, &mut st);
    } else {
        tables(&rows, &raw_lens, &headers, last_filled, &mut st);
    }
    finish(st, fallback_year)
}

/// The lines before the first table, and a caption line right above it.
fn read_head(rows: &[Vec<String>], st: &mut State) -> Vec<String> {
    let lines: Vec<String> = rows
        .iter()
        .map(|r| row_text(r))
        .filter(|l| !l.is_empty())
        .collect();
    let kept = preamble::read(&lines, &mut st.imp);
    if let Some(y) = st.imp.year {
        st.year = y;
    }
    kept
}
