//! From rows of cells to a plan: tables found by their header rows, each read with its own
//! columns; rows told apart (sections, periods, captions of sub-tables, items, rows a page break
//! split, editorial notes, rows cut at the end); a plan with no table read line by line.

use std::collections::HashSet;

use super::columns::{self, Meaning};
use super::names::{self, is_document_like, names_someone, only_people};
use super::{
    Grid, ImportError, Imported, ImportedItem, ImportedResponsible, ImportedSection, Note, clean,
    is_item_number, join_hyphenation, leading_number, preamble, section_heading, years_in,
};
use crate::deadline::{Deadline, PlanYear};
use crate::i18n::{Lang, fold};
use crate::roster::normalize;
use crate::tr;

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

fn row_text(row: &[String]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for c in row {
        let c = c.trim();
        if !c.is_empty() && out.last() != Some(&c) {
            out.push(c);
        }
    }
    out.join(" ")
}

fn is_dashes(row: &[String]) -> bool {
    row.iter().all(|c| {
        c.chars()
            .all(|ch| matches!(ch, '-' | '–' | '—' | '_' | ' ' | '=' | '*'))
    })
}

/// «1 2 3 4 5» under a header.
fn is_column_numbers(row: &[String]) -> bool {
    let nums: Vec<&String> = row.iter().filter(|c| !c.is_empty()).collect();
    nums.len() >= 2
        && nums
            .iter()
            .enumerate()
            .all(|(k, c)| c.trim_end_matches('.') == (k + 1).to_string())
}

/// A date «19.10.20», «01.03.2024»: not an item number though it looks like one.
fn looks_like_date(s: &str) -> bool {
    let t = s.trim().trim_end_matches(['г', '.', ' ']);
    let parts: Vec<&str> = t.split('.').collect();
    parts.len() == 3
        && parts[0].parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
        && parts[1].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        && matches!(parts[2].len(), 2 | 4)
}

fn is_number(s: &str) -> bool {
    is_item_number(s) && !looks_like_date(s)
}

/// Words that make a row a period rather than a section.
fn is_period(text: &str, year: PlanYear) -> bool {
    let t = text.trim().trim_end_matches([':', '.']);
    let f = fold(t);
    if t.is_empty() || t.split_whitespace().count() > 6 || t.chars().any(|c| c == '«') {
        return false;
    }
    if [
        "ежедневно",
        "еженедельно",
        "ежемесячно",
        "ежеквартально",
        "ежегодно",
        "постоянно",
        "в течение года",
        "в течение учебного года",
    ]
    .iter()
    .any(|w| f == *w)
    {
        return true;
    }
    let has_period_word = crate::i18n::MONTHS_NOM.iter().any(|m| f.contains(m))
        || crate::i18n::MONTHS_GEN.iter().any(|m| f.contains(m))
        || f.contains("квартал")
        || f.contains("полугоди")
        || f.contains("год")
        || f.contains("четверт")
        || f.contains("триместр")
        || t.chars().any(|c| c.is_ascii_digit());
    has_period_word && understood(t, year)
}

/// Whether moc's deadline parser understands a phrase as a deadline and nothing else (a phrase
/// read as a date with a place or an event beside it — `Deadline::rest` — is not one: the
/// importer splits those itself).
fn understood(phrase: &str, year: PlanYear) -> bool {
    let p = phrase
        .trim()
        .trim_end_matches([',', ';', ':', '–', '-', '—'])
        .trim();
    !p.is_empty() && p.len() < 80 && Deadline::parse(p, year).is_ok_and(|d| d.rest.is_none())
}

/// A time «11.00», «9.00 - 9.30», «15:00», «14-00», «10 часов».
fn is_time(s: &str) -> bool {
    let t = s.trim().trim_end_matches([',', '.', ';', ':']).trim();
    let one = |p: &str| {
        let p = p.trim();
        let p = p.strip_prefix("в ").unwrap_or(p);
        let parts: Vec<&str> = p.split(['.', ':', '-']).map(str::trim).collect();
        parts.len() == 2
            && parts[0].len() <= 2
            && parts[0].parse::<u32>().is_ok_and(|h| h < 24)
            && parts[1].len() == 2
            && parts[1].parse::<u32>().is_ok_and(|m| m < 60)
    };
    if one(t) {
        return true;
    }
    if let Some((a, b)) = t.split_once(['–', '—']).or_else(|| t.split_once(" - ")) {
        return one(a) && (one(b) || b.trim().is_empty());
    }
    // «19.00-20.00»
    let dashes: Vec<usize> = t.match_indices('-').map(|(i, _)| i).collect();
    dashes.iter().any(|&d| one(&t[..d]) && one(&t[d + 1..]))
}

/// A deadline at the start of a text: «24 ноября. Общешкольная линейка» → («24 ноября», rest);
/// «11.00 – «Эхо …»» → («11.00», rest). Looks at the first few words only.
fn leading_deadline(text: &str, year: PlanYear) -> Option<(String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty()
        || !words[0]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c.is_alphabetic())
    {
        return None;
    }
    let first = fold(words[0]);
    let plausible = words[0].chars().next().is_some_and(|c| c.is_ascii_digit())
        || ["до", "с", "в", "к", "по"].contains(&first.as_str())
        || crate::i18n::MONTHS_NOM
            .iter()
            .any(|m| first.starts_with(&m[..m.len().min(6)]));
    if !plausible {
        return None;
    }
    for n in (1..=words.len().min(7)).rev() {
        let cand = words[..n].join(" ");
        let cand_t = cand
            .trim_end_matches([',', '.', ';', ':', '–', '-', '—'])
            .trim();
        if cand_t.is_empty() {
            continue;
        }
        if is_time(cand_t) || understood(cand_t, year) {
            let rest = words[n..].join(" ");
            let rest = rest
                .trim_start_matches(['–', '-', '—', '.', ',', ':', ';', ' '])
                .trim();
            if rest.is_empty() {
                return None;
            }
            return Some((cand_t.to_owned(), rest.to_owned()));
        }
    }
    None
}

/// Split a «date and place» cell: the stretch that reads as a deadline, and the rest.
fn split_date_place(cell: &str, year: PlanYear) -> (String, String) {
    let words: Vec<&str> = cell.split_whitespace().collect();
    let n = words.len().min(14);
    for len in (1..=n.min(8)).rev() {
        for start in 0..=n.saturating_sub(len) {
            let w = &words[start..start + len];
            if !w[0]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c.is_alphabetic())
            {
                continue;
            }
            if !w.iter().any(|x| {
                x.chars().any(|c| c.is_ascii_digit())
                    || fold(x).starts_with("постоян")
                    || fold(x).starts_with("ежемес")
                    || fold(x).starts_with("течени")
            }) {
                continue;
            }
            let cand = w.join(" ");
            let cand_t = cand.trim_end_matches([',', ';', ':']).trim();
            if understood(cand_t, year) {
                let mut rest: Vec<&str> = words[..start].to_vec();
                rest.extend_from_slice(&words[start + len..]);
                rest.extend_from_slice(&words[n..]);
                return (cand_t.to_owned(), rest.join(" "));
            }
        }
    }
    (String::new(), cell.to_owned())
}

/// The row under a header that names sub-columns: «Начало | Завершение», «2014 год | 2015 год».
fn is_subheader(header: &[String], row: &[String]) -> bool {
    let filled: Vec<(usize, &String)> = row
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .collect();
    filled.len() >= 2
        && !is_column_numbers(row)
        && filled
            .iter()
            .all(|(_, c)| c.chars().count() <= 60 && !is_item_number(c))
        && filled
            .iter()
            .any(|(j, _)| header.get(*j).is_none_or(String::is_empty))
        && filled.iter().all(|(j, _)| {
            // under a header cell that spans: it or its right neighbour is empty
            header.get(*j).is_none_or(String::is_empty)
                || header.get(j + 1).is_none_or(String::is_empty)
        })
}

fn choose_columns(header: &[String], sub: Option<&[String]>, body: &[Vec<String>]) -> Cols {
    let width = header
        .len()
        .max(body.iter().map(Vec::len).max().unwrap_or(0));
    let mut labels: Vec<String> = Vec::with_capacity(width);
    let mut last = String::new();
    for j in 0..width {
        let h = header.get(j).cloned().unwrap_or_default();
        let s = sub.and_then(|s| s.get(j)).cloned().unwrap_or_default();
        let base = if h.is_empty() && !s.is_empty() {
            last.clone()
        } else {
            h.clone()
        };
        if !h.is_empty() {
            last = h;
        }
        labels.push(match (base.is_empty(), s.is_empty()) {
            (false, false) => format!("{base} — {s}"),
            (true, false) => s,
            _ => base,
        });
    }
    let meanings: Vec<Option<Meaning>> = labels.iter().map(|l| columns::meaning(l)).collect();
    let avg_len = |j: usize| -> usize {
        let cells: Vec<usize> = body
            .iter()
            .filter_map(|r| r.get(j))
            .filter(|c| !c.is_empty())
            .map(|c| c.chars().count())
            .collect();
        if cells.is_empty() {
            0
        } else {
            cells.iter().sum::<usize>() / cells.len()
        }
    };
    let share = |j: usize, f: &dyn Fn(&str) -> bool| -> (usize, usize) {
        let cells: Vec<&String> = body
            .iter()
            .filter_map(|r| r.get(j))
            .filter(|c| !c.is_empty())
            .collect();
        (cells.iter().filter(|c| f(c)).count(), cells.len())
    };
    let mut cols = Cols {
        width,
        ..Cols::default()
    };
    // the activity: the surest header; among the weakest («Вид деятельности», «Содержание»), the
    // column with the most text
    let best_rank = meanings
        .iter()
        .filter_map(|m| match m {
            Some(Meaning::Activity(r)) => Some(*r),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let candidates: Vec<usize> = (0..width)
        .filter(|j| meanings[*j] == Some(Meaning::Activity(best_rank)))
        .collect();
    cols.title = if best_rank >= 3 {
        candidates
            .iter()
            .copied()
            .max_by_key(|j| (avg_len(*j), usize::MAX - *j))
            .unwrap_or(0)
    } else {
        candidates.first().copied().unwrap_or(0)
    };
    let first_of = |want: &dyn Fn(&Meaning) -> bool, ranks: &[u8]| -> Option<usize> {
        for r in ranks {
            if let Some(j) = (0..width).find(|j| {
                *j != cols.title
                    && meanings[*j]
                        .as_ref()
                        .is_some_and(|m| want(m) && rank(*m) == *r)
            }) {
                return Some(j);
            }
        }
        None
    };
    cols.number = (0..width).find(|j| meanings[*j] == Some(Meaning::Number));
    cols.deadline = first_of(&|m| matches!(m, Meaning::Deadline(_)), &[1, 2]);
    cols.dateplace = (0..width).find(|j| meanings[*j] == Some(Meaning::DatePlace));
    cols.responsible = first_of(&|m| matches!(m, Meaning::Responsible(_)), &[1, 2]);
    cols.result = (0..width).find(|j| meanings[*j] == Some(Meaning::Result));
    // a «№» column that holds dates (Word numbering lost, dates typed in): the deadline
    if let Some(n) = cols.number {
        let (dates, all) = share(n, &|c| looks_like_date(c) || understood_loose(c));
        let (nums, _) = share(n, &|c| is_number(c));
        if all > 0 && dates * 2 > all && nums * 2 <= all {
            if cols.deadline.is_none() && cols.dateplace.is_none() {
                cols.deadline = Some(n);
            }
            cols.number = None;
        }
    }
    // an unheaded column of numbers
    if cols.number.is_none() {
        for j in 0..width.min(2) {
            if labels[j].is_empty() || meanings[j] == Some(Meaning::Other) && j == 0 {
                let (nums, all) = share(j, &|c| is_number(c));
                if all > 0 && nums * 5 >= all * 3 && j != cols.title {
                    cols.number = Some(j);
                    break;
                }
            }
        }
    }
    // numbers at the start of the first column's or the activity's cells
    if cols.number.is_none() {
        for j in [0, cols.title] {
            let (nums, all) = share(j, &|c| leading_number(c).is_some());
            if all > 0 && nums * 5 >= all * 3 {
                cols.number_prefix = Some(j);
                break;
            }
        }
    }
    let used: Vec<usize> = [
        cols.number,
        Some(cols.title),
        cols.deadline.or(cols.dateplace),
        cols.responsible,
        cols.result,
    ]
    .into_iter()
    .flatten()
    .collect();
    cols.notes = (0..width).filter(|j| !used.contains(j)).collect();
    cols.labels = labels;
    cols
}

fn rank(m: Meaning) -> u8 {
    match m {
        Meaning::Activity(r) | Meaning::Deadline(r) | Meaning::Responsible(r) => r,
        _ => 1,
    }
}

/// A date-like cell of a «№» column: «19.10.20», «1 июня».
fn understood_loose(c: &str) -> bool {
    c.chars().any(|ch| ch.is_ascii_digit())
        && crate::i18n::MONTHS_GEN.iter().any(|m| fold(c).contains(m))
}

/// Where a plan's cell text ends a sentence (a row after it starts a new one).
fn finished(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', ';', '!', '?', '»', ')', '"', ':'])
}

fn starts_lower(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

/// A line under the table: a signature, a footnote, a remark.
fn is_footer(text: &str) -> bool {
    let f = fold(text);
    let words: Vec<&str> = text.split_whitespace().collect();
    f.starts_with("<*>")
        || f.starts_with('*')
        || f.starts_with("примечани")
        || f.starts_with("директор")
        || f.starts_with("заместитель")
        || f.starts_with("начальник")
        || f.starts_with("председател")
        || f.starts_with("заведующ")
        || f.starts_with("исполнитель:")
        || f.starts_with("согласовано")
        || f.starts_with("ответственн")
        || words.len() >= 2 && names::is_person(&words[words.len() - 2..].join(" "))
        || words.len() == 1 && names::person_runs(&words).len() == 1
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

fn tables(
    rows: &[Vec<String>],
    raw_lens: &[usize],
    headers: &[usize],
    last_filled: usize,
    st: &mut State,
) {
    let lang = st.lang;
    // the caption of each table: the full-width row right above its header
    let caption_above = |h: usize| -> Option<usize> {
        let mut i = h;
        while i > 0 {
            i -= 1;
            let r = &rows[i];
            if r.iter().all(String::is_empty) {
                continue;
            }
            let filled = r.iter().filter(|c| !c.is_empty()).count();
            let distinct: HashSet<&String> = r.iter().filter(|c| !c.is_empty()).collect();
            return (distinct.len() == 1 && filled >= 1 && !columns::is_header(r)).then_some(i);
        }
        None
    };
    let several = headers.len() > 1
        && headers
            .iter()
            .skip(1)
            .all(|h| caption_above(*h).is_some_and(|c| !headers.contains(&c)));
    let first_caption = if several {
        caption_above(headers[0])
    } else {
        None
    };
    let head_end = first_caption.unwrap_or(headers[0]);
    let mut kept = read_head(&rows[..head_end], st);
    // a first caption that is the plan's title stays the title
    let mut first_caption = first_caption;
    if let Some(c) = first_caption
        && (st.imp.title.is_empty() && preamble::is_title_start(&row_text(&rows[c])))
    {
        let mut imp = std::mem::take(&mut st.imp);
        kept = preamble::read(
            &rows[..=c]
                .iter()
                .map(|r| row_text(r))
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>(),
            &mut imp,
        );
        st.imp = imp;
        first_caption = None;
    }
    st.imp.kept.extend(kept);
    if let Some(c) = first_caption {
        st.open_section(&row_text(&rows[c]));
    }
    let mut seen_headers: HashSet<Vec<String>> = HashSet::new();
    for (k, &h) in headers.iter().enumerate() {
        let end = headers.get(k + 1).copied().unwrap_or(rows.len());
        let next_caption = if several {
            headers.get(k + 1).and_then(|n| caption_above(*n))
        } else {
            None
        };
        let body_end = next_caption.unwrap_or(end);
        let header = &rows[h];
        if seen_headers.len() < 50 && seen_headers.insert(header.clone()) {
            st.imp.headers.push(
                header
                    .iter()
                    .filter(|c| !c.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" | "),
            );
        }
        let mut start = h + 1;
        // a second header row naming sub-columns
        let sub = rows
            .get(start)
            .filter(|r| start < body_end && is_subheader(header, r))
            .cloned();
        if let Some(s) = &sub {
            start += 1;
            st.imp.headers.push(
                s.iter()
                    .filter(|c| !c.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" | "),
            );
        }
        let body = &rows[start.min(body_end)..body_end];
        let cols = choose_columns(header, sub.as_deref(), body);
        st.any_deadline_column |= cols.deadline.is_some() || cols.dateplace.is_some();
        st.any_responsible_column |= cols.responsible.is_some();
        st.imp.has_result_column |= cols.result.is_some();
        if cols.number.is_none() && cols.number_prefix.is_none() {
            // numbering by import, counted once per table
        }
        read_body(
            rows,
            raw_lens,
            start,
            body_end,
            header,
            &cols,
            last_filled,
            several,
            st,
        );
        if let Some(c) = next_caption {
            st.period = None;
            let text = row_text(&rows[c]);
            if is_period(&text, st.year) {
                st.set_period(&text);
            } else {
                st.open_section(&text);
            }
        }
        let _ = lang;
    }
}

#[allow(clippy::too_many_arguments)]
fn read_body(
    rows: &[Vec<String>],
    raw_lens: &[usize],
    start: usize,
    end: usize,
    header: &[String],
    cols: &Cols,
    last_filled: usize,
    sub_tables: bool,
    st: &mut State,
) {
    let lang = st.lang;
    let get = |row: &[String], i: Option<usize>| -> String {
        i.and_then(|i| row.get(i)).cloned().unwrap_or_default()
    };
    let number_of = |row: &[String]| -> String {
        if let Some(n) = cols.number {
            let c = get(row, Some(n));
            if is_number(&c) { c } else { String::new() }
        } else if let Some(p) = cols.number_prefix {
            leading_number(&get(row, Some(p)))
                .map(|(n, _)| n)
                .unwrap_or_default()
        } else {
            String::new()
        }
    };
    // numbers of the table, for «1. | Раздел» rows that head «1.1», «1.2»
    let mut parents: HashSet<String> = HashSet::new();
    let mut numbered = 0usize;
    let mut with_text = 0usize;
    for row in &rows[start..end] {
        let n = number_of(row);
        if !row_text(row).is_empty() {
            with_text += 1;
        }
        if !n.is_empty() {
            numbered += 1;
            let t = n.trim_end_matches('.');
            if let Some((p, _)) = t.rsplit_once('.') {
                parents.insert(p.to_owned());
            }
        }
    }
    let mostly_numbered = with_text > 0 && numbered * 2 >= with_text;
    // the last row of the table that is an item (rows after it are under the table)
    let last_item_row = (start..end).rev().find(|&i| {
        let r = &rows[i];
        let filled = r.iter().filter(|c| !c.is_empty()).count();
        filled >= 2 && !is_column_numbers(r)
    });
    let mut first = true;
    let mut last_number = String::new();
    let mut sub_count = 0usize;
    let mut blank_before = false;
    let mut footer = false;
    for (i, cells) in rows.iter().enumerate().take(end).skip(start) {
        if cells.iter().all(String::is_empty) {
            blank_before = true;
            continue;
        }
        if is_dashes(cells) {
            continue;
        }
        if cells == header {
            continue;
        }
        if first {
            first = false;
            if is_column_numbers(cells) {
                st.imp.headers.push(tr!(
                    lang,
                    "(строка номеров граф: {})",
                    "(the row of column numbers: {})",
                    cells
                        .iter()
                        .filter(|c| !c.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
                st.note(
                    None,
                    lang.pick(
                        "строка с номерами граф под заголовком пропущена",
                        "the row of column numbers under the header is skipped",
                    )
                    .to_owned(),
                    false,
                );
                continue;
            }
        }
        let text = row_text(cells);
        let filled: Vec<usize> = (0..cells.len()).filter(|j| !cells[*j].is_empty()).collect();
        let distinct: HashSet<&String> = filled.iter().map(|j| &cells[*j]).collect();
        let number = number_of(cells);
        let under_table = last_item_row.is_none_or(|l| i > l);
        // a row of one text across the table (a merged cell, or the first cell alone)
        if distinct.len() == 1 && (filled.contains(&0) || filled.len() >= 2) {
            let only_number = cols.number.is_some_and(|n| filled == vec![n]) && is_number(&text);
            if only_number {
                let t = text.clone();
                st.note(
                    Some(&t),
                    tr!(
                        lang,
                        "пустая строка {t} (без мероприятия, срока и ответственных) пропущена",
                        "the empty row {t} (no activity, deadline or responsible) is dropped"
                    ),
                    false,
                );
                st.pending.push(tr!(
                    lang,
                    "Пустая строка {t} исходной таблицы не перенесена.",
                    "The empty row {t} of the source table is left out."
                ));
                continue;
            }
            let f = fold(&text);
            let has_item = st.items > 0;
            if (text.starts_with('(') || f.starts_with("в ред") || f.starts_with("(в ред"))
                && has_item
            {
                // an editorial note between items: «(в ред. постановления …)»
                if let Some(item) = st.last_item() {
                    item.notes.push(text.clone());
                }
                continue;
            }
            if is_period(&text, st.year) {
                st.set_period(&text);
                continue;
            }
            if under_table && i > start {
                if f.starts_with("ответственн")
                    && text.contains(':')
                    && st.responsible_line.is_none()
                {
                    st.responsible_line = text.split_once(':').map(|x| x.1.trim().to_owned());
                    st.imp.kept.push(text.clone());
                    footer = true;
                    continue;
                }
                let prose = text.chars().count() > 90 && text.ends_with('.');
                if footer || is_footer(&text) || prose || i < last_filled {
                    st.imp.kept.push(text.clone());
                    footer = true;
                    continue;
                }
                // the last line of the file: a caption with nothing under it (where the plan's
                // captions are numbered sections or head sub-tables), else a row cut short
                let numbered_like = !section_heading(&text).0.is_empty()
                    && st.sections.iter().any(|s| !s.number.is_empty());
                if numbered_like || sub_tables {
                    st.open_section(&text);
                    st.note(
                        None,
                        tr!(
                            lang,
                            "таблица обрывается на строке «{text}» — под ней нет мероприятий; проверьте, не обрезан ли файл",
                            "the table stops at the row «{text}» — no items under it; check the file is not cut short"
                        ),
                        true,
                    );
                    continue;
                }
                let (n, title) =
                    match leading_number(&text).filter(|_| cols.number_prefix.is_some()) {
                        Some((n, rest)) => (n, rest),
                        None => (st.auto_number(), text.clone()),
                    };
                st.note(
                    Some(&n),
                    tr!(
                        lang,
                        "последняя строка «{text}» обрезана в конце файла — перенесена как мероприятие {n}; допишите её",
                        "the last row «{text}» is cut at the end of the file — kept as item {n}; complete it"
                    ),
                    true,
                );
                st.push_item(ImportedItem {
                    number: n,
                    title,
                    comments: vec![
                        lang.pick(
                            "Строка обрывается: исходный файл обрезан на ней. Номер дан при импорте.",
                            "The row stops short: the source file is cut off in it. The number is given by the import.",
                        )
                        .to_owned(),
                    ],
                    ..ImportedItem::default()
                });
                continue;
            }
            st.period = None;
            st.open_section(&text);
            continue;
        }
        let title_raw = get(cells, Some(cols.title));
        let mut title = title_raw.clone();
        if cols.number_prefix == Some(cols.title)
            && let Some((_, rest)) = leading_number(&title)
        {
            title = rest;
        }
        let mut deadline = get(cells, cols.deadline);
        let mut place_from_date = String::new();
        if cols.deadline.is_none()
            && let Some(dp) = cols.dateplace
        {
            let (d, p) = split_date_place(&get(cells, Some(dp)), st.year);
            deadline = d;
            place_from_date = p;
        }
        let mut responsible = get(cells, cols.responsible);
        let result = get(cells, cols.result);
        let mut notes: Vec<String> = Vec::new();
        let mut comments: Vec<String> = Vec::new();
        let label = |j: usize| -> String {
            let l = cols.labels.get(j).cloned().unwrap_or_default();
            columns::norm(&l).is_empty().then(String::new).unwrap_or(l)
        };
        if !place_from_date.is_empty()
            && let Some(dp) = cols.dateplace
        {
            notes.push(format!("{}: {place_from_date}", label(dp)));
        }
        let mut note_cells: Vec<(usize, String)> = cols
            .notes
            .iter()
            .filter_map(|j| {
                cells
                    .get(*j)
                    .filter(|c| !c.is_empty())
                    .map(|c| (*j, c.clone()))
            })
            .collect();
        if cols.number_prefix.is_some_and(|p| p != cols.title)
            && let Some(p) = cols.number_prefix
            && let Some(cell) = note_cells.iter_mut().find(|(j, _)| *j == p)
            && let Some((_, rest)) = leading_number(&cell.1)
        {
            cell.1 = rest;
        }
        // a responsible that slid into another column; a responsibles cell that is not anyone
        let mut swapped: Option<(usize, String)> = None;
        if cols.responsible.is_some() || !note_cells.is_empty() {
            let moved = note_cells
                .iter()
                .position(|(_, c)| only_people(c))
                .filter(|_| {
                    responsible.is_empty()
                        || !names_someone(&responsible)
                        || is_document_like(&responsible)
                });
            if is_document_like(&responsible) || moved.is_some() && !responsible.is_empty() {
                // swapped cells: the text goes under the other column's header
                let under = match moved {
                    Some(k) if !is_document_like(&responsible) => Some(note_cells[k].0),
                    _ => cols.responsible,
                };
                let slid = std::mem::take(&mut responsible);
                if let Some(r) = under {
                    swapped = Some((r, slid));
                }
            }
            if let Some(k) = moved
                && cols.responsible.is_some()
            {
                let (j, c) = note_cells.remove(k);
                comments.push(tr!(
                    lang,
                    "Ответственные стояли в графе «{}»; перенесены.",
                    "The responsibles stood in the column «{}»; moved.",
                    label(j)
                ));
                responsible = c;
            }
        }
        // the notes in the order of the columns
        note_cells.extend(swapped);
        note_cells.sort_by_key(|(j, _)| *j);
        for (j, c) in note_cells {
            let l = label(j);
            notes.push(if l.is_empty() { c } else { format!("{l}: {c}") });
        }
        // a row without a number where the table numbers its rows
        if number.is_empty() {
            let prev = st.sections.last().and_then(|s| s.items.last());
            let only_title = filled.iter().all(|j| *j == cols.title);
            let continues = prev.is_some_and(|p| {
                deadline.is_empty()
                    && responsible.is_empty()
                    && result.is_empty()
                    && !title.is_empty()
                    && (if cols.number.is_some() || cols.number_prefix.is_some() {
                        mostly_numbered
                            && (!finished(&p.title)
                                || starts_lower(&title)
                                || p.deadline.is_empty() && st.any_deadline_column
                                || only_title && blank_before)
                    } else {
                        starts_lower(&title) || !finished(&p.title) && only_title
                    })
            });
            if continues {
                let n = prev.map(|p| p.number.clone()).unwrap_or_default();
                if let Some(item) = st.last_item() {
                    item.title = join_hyphenation(&format!("{} {title}", item.title));
                    item.notes.extend(notes);
                    item.comments.push(
                        lang.pick(
                            "В исходной таблице строка разорвана (разрыв страницы); продолжение присоединено.",
                            "In the source table the row is split (a page break); the continuation is joined.",
                        )
                        .to_owned(),
                    );
                }
                st.note(
                    Some(&n),
                    tr!(
                        lang,
                        "строка {n} продолжена следующей строкой таблицы — соединено",
                        "row {n} continues on the next table row — joined"
                    ),
                    false,
                );
                blank_before = false;
                continue;
            }
        }
        blank_before = false;
        // «| Информационное сопровождение | |» among numbered rows: a caption
        if number.is_empty()
            && mostly_numbered
            && filled.iter().all(|j| *j == cols.title)
            && (cols.number.is_some() || cols.number_prefix.is_some())
        {
            if is_period(&title, st.year) {
                st.set_period(&title);
            } else {
                st.period = None;
                st.open_section(&title);
            }
            continue;
        }
        // «1. | Обеспечение деятельности МОЦ | |» above «1.1», «1.2»: a section
        if !number.is_empty()
            && deadline.is_empty()
            && responsible.is_empty()
            && result.is_empty()
            && notes.is_empty()
            && !title.is_empty()
            && parents.contains(number.trim_end_matches('.'))
        {
            st.period = None;
            st.open_section(&format!("{}. {title}", number.trim_end_matches('.')));
            continue;
        }
        // «Раздел | Организационная работа | |»
        if cols.number.is_some()
            && number.is_empty()
            && !get(cells, cols.number).is_empty()
            && deadline.is_empty()
            && responsible.is_empty()
            && {
                let n = get(cells, cols.number);
                section_heading(&format!("{n} {title}")).0 == n.trim_end_matches('.')
            }
        {
            st.open_section(&format!("{} {title}", get(cells, cols.number)));
            continue;
        }
        let mut item = ImportedItem {
            number: number.clone(),
            title,
            deadline,
            responsible,
            result,
            notes,
            comments,
        };
        // the number cell held text that is not a number: keep it
        if let Some(n) = cols.number {
            let c = get(cells, Some(n));
            if !c.is_empty() && number.is_empty() {
                item.notes.insert(0, format!("{}: {c}", label(n)));
            }
        }
        if item.number.is_empty() {
            if cols.number.is_some() || cols.number_prefix.is_some() {
                if mostly_numbered && !last_number.is_empty() {
                    sub_count += 1;
                    item.number = format!("{}.{sub_count}", last_number.trim_end_matches('.'));
                } else {
                    item.number = st.auto_number();
                }
            } else {
                item.number = st.auto_number();
            }
            item.comments.push(
                lang.pick(
                    "Номер дан при импорте: в исходной таблице его нет.",
                    "The number is given by the import: the source table has none.",
                )
                .to_owned(),
            );
        } else {
            last_number = number;
            sub_count = 0;
        }
        if item.title.is_empty() && !item.notes.is_empty() {
            item.comments.push(
                lang.pick(
                    "В графе мероприятия пусто; текст строки — в notes.",
                    "The activity cell is empty; the row's text is in notes.",
                )
                .to_owned(),
            );
        }
        // the last row of the source, shorter than the table: cut at the end
        let missing = item.title.is_empty()
            || (cols.deadline.is_some() || cols.dateplace.is_some()) && item.deadline.is_empty()
            || cols.responsible.is_some() && item.responsible.is_empty();
        if i == last_filled
            && raw_lens.get(i).is_some_and(|n| *n < cols.width)
            && cols.width > 2
            && missing
        {
            let n = item.number.clone();
            item.comments.push(
                lang.pick(
                    "Строка обрывается: исходный файл обрезан на ней.",
                    "The row stops short: the source file is cut off in it.",
                )
                .to_owned(),
            );
            st.note(
                Some(&n),
                tr!(
                    lang,
                    "строка {n} обрезана в конце файла — перенесена как есть; допишите её",
                    "row {n} is cut at the end of the file — kept as it is; complete it"
                ),
                true,
            );
        }
        st.push_item(item);
    }
}

/// A plan with no table: lines «24 ноября. Общешкольная линейка», «11.00 – …», a month line and
/// the activities under it, «Заседание №1 (сентябрь)» and its points.
fn no_table(rows: &[Vec<String>], st: &mut State) {
    let lang = st.lang;
    let lines: Vec<String> = rows
        .iter()
        .map(|r| row_text(r))
        .filter(|l| !l.is_empty())
        .collect();
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    enum Kind {
        Numbered,
        Dated,
        Heading,
        AfterPeriod,
    }
    let year_guess = {
        let mut imp = Imported::default();
        let _ = preamble::read(&lines[..lines.len().min(12)], &mut imp);
        imp.year.unwrap_or(st.year)
    };
    let classify = |l: &str, after_period: bool| -> Option<Kind> {
        let first = l.split_whitespace().next().unwrap_or("");
        if glued_number(l, year_guess).is_some() {
            return Some(Kind::Numbered);
        }
        if is_time(first) || first.ends_with(',') && looks_like_day(first.trim_end_matches(',')) {
            return Some(Kind::Dated);
        }
        if leading_number(l)
            .is_some_and(|(n, _)| n.ends_with('.') || l.trim_start()[n.len()..].starts_with(')'))
        {
            return Some(Kind::Numbered);
        }
        if leading_deadline(l, year_guess).is_some() {
            return Some(Kind::Dated);
        }
        if leading_number(l).is_some_and(|(n, _)| n.contains('.')) {
            return Some(Kind::Numbered);
        }
        let f = fold(l);
        if l.contains('№') && l.split_whitespace().count() <= 6
            || l.trim_end().ends_with(')')
                && l.rfind('(')
                    .is_some_and(|o| is_period(&l[o + 1..l.len() - 1], year_guess))
                && l.split_whitespace().count() <= 8
            || f.starts_with("заседание")
            || f.starts_with("неделя") && l.split_whitespace().count() <= 6
        {
            return Some(Kind::Heading);
        }
        after_period.then_some(Kind::AfterPeriod)
    };
    // where the activities start: the first period line or item line after the title
    let mut head_end = lines.len();
    for (i, l) in lines.iter().enumerate() {
        let prev_period = i > 0 && is_period(&lines[i - 1], year_guess);
        let item_like = classify(l, prev_period).is_some_and(|k| k != Kind::AfterPeriod);
        let roman = section_heading(l)
            .0
            .chars()
            .next()
            .is_some_and(|c| matches!(c, 'I' | 'V' | 'X'));
        if i > 0 && (is_period(l, year_guess) && i + 1 < lines.len() || item_like || roman)
            || i == 0 && item_like && !preamble::is_title_start(l)
        {
            head_end = i;
            break;
        }
    }
    let kept = read_head(&rows_of(&lines[..head_end]), st);
    st.imp.kept.extend(kept);
    let mut kind: Option<Kind> = None;
    let mut after_period = false;
    let mut since_responsible: Vec<(usize, usize)> = Vec::new();
    for l in &lines[head_end..] {
        let f = fold(l);
        // a section: «I. Порядок проведения …», «II.Организационные мероприятия:»
        let (sn, st_title) = section_heading(l);
        if !sn.is_empty() && sn.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
            st.open_section(&format!("{sn}. {}", st_title.trim_end_matches(':')));
            kind = None;
            after_period = false;
            continue;
        }
        if is_period(l, year_guess) {
            st.set_period(l);
            after_period = true;
            continue;
        }
        // «Ответственные: …», «Форма проведения: …», «Тема: …»
        if let Some((label, value)) = l.split_once(':')
            && label.split_whitespace().count() <= 3
            && !label.chars().any(|c| c.is_ascii_digit())
            && st.items > 0
        {
            let lf = fold(label);
            if lf.starts_with("ответствен") || lf.starts_with("исполнител") || lf.starts_with("отв")
            {
                let value = value.trim().to_owned();
                for (s, i) in since_responsible.drain(..) {
                    if let Some(item) = st.sections.get_mut(s).and_then(|s| s.items.get_mut(i))
                        && item.responsible.is_empty()
                    {
                        item.responsible = value.clone();
                    }
                }
            } else if let Some(item) = st.last_item() {
                item.notes.push(l.clone());
            }
            continue;
        }
        let k = classify(l, after_period);
        let starts = match (k, kind) {
            (Some(k), None) => {
                kind = Some(k);
                true
            }
            (Some(k), Some(kk)) => {
                k == kk || k == Kind::AfterPeriod || kk == Kind::AfterPeriod && k != Kind::Numbered
            }
            (None, _) => false,
        };
        if !starts || st.items == 0 && k.is_none() {
            if let Some(item) = st.last_item() {
                if kind == Some(Kind::Heading) {
                    item.notes.push(l.clone());
                } else {
                    item.title = join_hyphenation(&format!("{} {l}", item.title));
                }
            } else {
                st.imp.kept.push(l.clone());
            }
            continue;
        }
        after_period = false;
        let mut number = String::new();
        let mut text = l.clone();
        let mut deadline = String::new();
        let mut notes = Vec::new();
        if k == Some(Kind::Numbered) {
            if let Some((n, rest)) = glued_number(l, year_guess) {
                number = n;
                text = rest;
            } else if let Some((n, rest)) = leading_number(l) {
                number = n;
                text = rest;
            }
        }
        if let Some((d, rest)) = leading_deadline(&text, year_guess) {
            if is_time(&d) {
                notes.push(tr!(lang, "Время: {d}", "Time: {d}"));
            } else {
                deadline = d;
            }
            text = rest;
        }
        if k == Some(Kind::Heading)
            && let Some(o) = text.rfind('(')
            && text.ends_with(')')
            && is_period(&text[o + 1..text.len() - 1], year_guess)
        {
            deadline = text[o + 1..text.len() - 1].to_owned();
        }
        let _ = f;
        if number.is_empty() {
            number = st.auto_number();
        } else {
            st.next_auto = number.trim_end_matches('.').parse().unwrap_or(st.next_auto);
        }
        let item = ImportedItem {
            number,
            title: text,
            deadline,
            notes,
            ..ImportedItem::default()
        };
        st.push_item(item);
        let s = st.sections.len() - 1;
        let i = st.sections[s].items.len() - 1;
        since_responsible.push((s, i));
    }
    // responsibles in parentheses in a heading's points: «(Корецкая Н.А.)»
    for s in &mut st.sections {
        for it in &mut s.items {
            if it.responsible.is_empty() {
                let mut found: Vec<String> = Vec::new();
                for n in &it.notes {
                    if let Some(o) = n.rfind('(')
                        && n.trim_end().ends_with(')')
                    {
                        let inner = n[o + 1..n.trim_end().len() - 1].trim();
                        if only_people(inner) && !found.iter().any(|f| f == inner) {
                            found.push(inner.to_owned());
                        }
                    }
                }
                it.responsible = found.join(", ");
            }
        }
    }
    st.any_deadline_column = true;
    st.any_responsible_column = true;
    if st.items > 0 {
        st.note(
            None,
            lang.pick(
                "в документе нет таблицы: мероприятия прочитаны по строкам",
                "the document has no table: the items are read line by line",
            )
            .to_owned(),
            false,
        );
    }
}

/// «1.24 ноября. Общешкольная линейка»: the item's number glued to a date → («1.», rest).
fn glued_number(l: &str, year: PlanYear) -> Option<(String, String)> {
    let (n, rest) = l.trim_start().split_once('.')?;
    (n.len() <= 3
        && !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit())
        && leading_deadline(rest, year).is_some())
    .then(|| (format!("{n}."), rest.trim().to_owned()))
}

/// «21.02»: a day and a month.
fn looks_like_day(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 2
        && parts[0].parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
        && parts[1].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
}

fn rows_of(lines: &[String]) -> Vec<Vec<String>> {
    lines.iter().map(|l| vec![l.clone()]).collect()
}

fn finish(mut st: State, fallback_year: i32) -> Result<Imported, ImportError> {
    let lang = st.lang;
    // comments of rows left out after the last item
    if !st.pending.is_empty() {
        let pending = std::mem::take(&mut st.pending);
        if let Some(s) = st.sections.last_mut() {
            s.comments.extend(pending);
        }
    }
    let sections = std::mem::take(&mut st.sections);
    if sections.iter().all(|s| s.items.is_empty()) {
        return Err(ImportError::NoItems);
    }
    let mut imp = std::mem::take(&mut st.imp);
    // the plan's year: the heading's, else a period row's, else the most common year of the
    // deadlines
    if imp.year.is_none()
        && let Some(y) = st.period_years.first()
    {
        imp.year = Some(PlanYear::Calendar(*y));
    }
    if imp.year.is_none() {
        let mut counts: Vec<(i32, usize)> = Vec::new();
        for it in sections.iter().flat_map(|s| &s.items) {
            for y in years_in(&it.deadline) {
                match counts.iter_mut().find(|(yy, _)| *yy == y) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((y, 1)),
                }
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        // else the year of the approval or of the act the plan is attached to
        let dated: Option<i32> = imp
            .approval
            .iter()
            .find(|(k, _)| *k == "date")
            .and_then(|(_, d)| years_in(d).first().copied())
            .or_else(|| imp.kept.iter().find_map(|k| years_in(k).first().copied()));
        imp.year = Some(PlanYear::Calendar(
            counts
                .first()
                .map(|(y, _)| *y)
                .or(dated)
                .unwrap_or(fallback_year),
        ));
        imp.notes.push(Note {
            at: None,
            text: if counts.is_empty() && dated.is_none() {
                tr!(
                    lang,
                    "год плана не указан ни в шапке, ни в сроках — поставлен {fallback_year}; проверьте year",
                    "the plan's year is neither in the heading nor in the deadlines — set to {fallback_year}; check year"
                )
            } else {
                lang.pick(
                    "год плана не указан в шапке — взят из сроков; проверьте year",
                    "the plan's year is not in the heading — taken from the deadlines; check year",
                )
                .to_owned()
            },
            fix: true,
        });
    }
    let year = imp.year.unwrap_or(PlanYear::Calendar(fallback_year));
    let mut sections = sections;
    // a deadline that a page break pushed into the activity: «… Досуговая ДООП (Июнь 2026 Март 2026г, …»
    for sec in &mut sections {
        for it in &mut sec.items {
            if !it.deadline.is_empty() {
                continue;
            }
            if let Some(open) = it.title.rfind('(') {
                let candidate = it.title[open + 1..].trim().trim_end_matches(')').trim();
                if !candidate.is_empty()
                    && !it.title[open..].contains(')')
                    && understood(candidate, year)
                {
                    it.deadline = candidate.to_owned();
                    it.title = it.title[..open].trim().to_owned();
                    it.comments.push(lang.pick("Срок стоял в графе «Мероприятие» после скобки; перенесён в графу «Срок».", "The deadline stood in the activity column after a bracket; moved to the deadline.").to_owned());
                    imp.notes.push(Note {
                        at: Some(it.number.clone()),
                        text: tr!(
                            lang,
                            "срок мероприятия {} найден в графе «Мероприятие» и перенесён",
                            "the deadline of item {} was found in the activity column and moved",
                            it.number
                        ),
                        fix: false,
                    });
                }
            }
        }
    }
    // «Ответственные: …» under a table without a responsibles column
    if let Some(r) = st
        .responsible_line
        .clone()
        .filter(|_| !st.any_responsible_column)
    {
        for it in sections.iter_mut().flat_map(|s| &mut s.items) {
            if it.responsible.is_empty() {
                it.responsible = r.clone();
            }
        }
        st.any_responsible_column = true;
        imp.notes.push(Note {
            at: None,
            text: tr!(
                lang,
                "ответственные взяты из строки под таблицей: «{r}»",
                "the responsibles are taken from the line under the table: «{r}»"
            ),
            fix: false,
        });
    }
    if !st.any_deadline_column {
        imp.notes.push(Note {
            at: None,
            text: lang
                .pick(
                    "в таблице нет графы сроков — у мероприятий срок пуст; впишите deadline",
                    "the table has no deadline column — the items' deadlines are empty; fill in deadline",
                )
                .to_owned(),
            fix: true,
        });
    }
    if !st.any_responsible_column {
        imp.notes.push(Note {
            at: None,
            text: lang
                .pick(
                    "в таблице нет графы ответственных — у мероприятий ответственные пусты",
                    "the table has no responsible column — the items' responsibles are empty",
                )
                .to_owned(),
            fix: false,
        });
    }
    if st.numbered_by_import > 0 {
        imp.notes.push(Note {
            at: None,
            text: tr!(
                lang,
                "{} мероприятий без номера в источнике пронумерованы при импорте (по порядку: 1, 2, 3 …; строка без номера под пунктом N — N.1, N.2 …)",
                "{} items with no number in the source are numbered by the import (in order: 1, 2, 3 …; a row with no number under item N — N.1, N.2 …)",
                st.numbered_by_import
            ),
            fix: false,
        });
    }
    if imp.title.is_empty() {
        imp.notes.push(Note {
            at: None,
            text: lang
                .pick(
                    "название плана в файле не найдено — впишите title",
                    "the plan's title is not in the file — fill in title",
                )
                .to_owned(),
            fix: true,
        });
    }
    imp.roster = build_roster(
        sections
            .iter()
            .flat_map(|s| &s.items)
            .map(|i| i.responsible.as_str()),
    );
    imp.sections = sections;
    Ok(imp)
}

/// The roster: each name once, in the order of first use. A group kept whole («руководители
/// ОУ, УДО») is looked up by the plan loader piece by piece, so its pieces are its aliases —
/// except a piece that is a responsible of its own elsewhere in the plan.
fn build_roster<'a>(cells: impl Iterator<Item = &'a str>) -> Vec<ImportedResponsible> {
    let names: Vec<String> = cells.flat_map(names::split_names).collect();
    let standalone: HashSet<String> = names
        .iter()
        .filter(|n| crate::roster::split_list(n).len() <= 1)
        .map(|n| normalize(n))
        .collect();
    let mut out: Vec<ImportedResponsible> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for name in names {
        let key = normalize(&name);
        if key.is_empty() || !seen.insert(key) {
            continue;
        }
        let pieces: Vec<String> = crate::roster::split_list(&name)
            .into_iter()
            .map(|r| name[r].to_owned())
            .collect();
        let aliases = if pieces.len() > 1 {
            pieces
                .into_iter()
                .filter(|p| !standalone.contains(&normalize(p)))
                .collect()
        } else {
            Vec::new()
        };
        let kind = names::kind_of(&name);
        out.push(ImportedResponsible {
            name,
            kind: Some(kind),
            aliases,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces() {
        let y = PlanYear::Calendar(2026);
        assert!(is_time("11.00") && is_time("9.00 - 9.30") && is_time("15:00") && !is_time("2026"));
        assert_eq!(
            leading_deadline("24 ноября. Общешкольная линейка.", y),
            Some(("24 ноября".into(), "Общешкольная линейка.".into()))
        );
        assert_eq!(
            split_date_place("27 ноября ДК \"Строитель\"", y),
            ("27 ноября".into(), "ДК \"Строитель\"".into())
        );
        assert!(is_period("ИЮНЬ", y) && is_period("Ежемесячно", y) && is_period("I полугодие", y));
        assert!(!is_period("Дом Культуры", y) && !is_period("I. Организационная работа", y));
        assert!(looks_like_date("19.10.20") && !looks_like_date("1.1"));
    }
}
