//! The plan at the end of reading: its year, deadlines a page break pushed into the activity,
//! responsibles from a line under the table, the notes on what is missing, and the roster.

use std::collections::HashSet;

use super::State;
use super::cells::understood;
use crate::deadline::PlanYear;
use crate::import::{ImportError, Imported, ImportedResponsible, Note, names, years_in};
use crate::roster::normalize;
use crate::tr;

pub(super) fn finish(mut st: State, fallback_year: i32) -> Result<Imported, ImportError> {
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
