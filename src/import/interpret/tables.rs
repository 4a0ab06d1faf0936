//! The tables of a plan: each found by its header row, read with its own columns, row by row.

use std::collections::HashSet;

use super::cells::{
    finished, is_column_numbers, is_dashes, is_footer, is_number, is_period, row_text,
    split_date_place, starts_lower,
};
use super::cols::{choose_columns, is_subheader};
use super::{Cols, State, read_head};
use crate::i18n::fold;
use crate::import::columns;
use crate::import::names::{is_document_like, names_someone, only_people};
use crate::import::{ImportedItem, join_hyphenation, leading_number, preamble, section_heading};
use crate::tr;

pub(super) fn tables(
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
