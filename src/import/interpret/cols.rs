//! The columns of one table: a sub-header row under the header, and which column holds the
//! number, the activity, the deadline, the responsibles, the result and the notes.

use super::Cols;
use super::cells::{is_column_numbers, is_number, looks_like_date, understood_loose};
use crate::import::columns::{self, Meaning};
use crate::import::{is_item_number, leading_number};

/// The row under a header that names sub-columns: «Начало | Завершение», «2014 год | 2015 год».
pub(super) fn is_subheader(header: &[String], row: &[String]) -> bool {
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

pub(super) fn choose_columns(
    header: &[String],
    sub: Option<&[String]>,
    body: &[Vec<String>],
) -> Cols {
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
