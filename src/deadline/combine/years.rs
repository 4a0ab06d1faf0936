//! The years of the windows: a year written apart from its months, and a date without a year
//! that takes the year of its neighbour.

use chrono::{Datelike, NaiveDate};

use crate::deadline::parser::{Spanned, Term, Win, YearSrc};
use crate::deadline::{Kind, PlanYear, month_end, ymd};

/// A year written apart from its months («март-май, 2026 года», «октябрь, 2026 г.») is their
/// year: the windows without a year just before it (or, if none, just after it) take it.
pub(super) fn annotate_years(items: &mut Vec<Spanned>, plan: PlanYear) {
    let n = items.len();
    let mut dropped = vec![false; n];
    let is_plan_win = |t: &Term| matches!(t, Term::Win(w) if w.yr == YearSrc::Plan);
    for i in 0..n {
        let Term::Win(b) = items[i].term else {
            continue;
        };
        if b.yr != YearSrc::Bare {
            continue;
        }
        let y = b.start.year();
        let mut j = i;
        while j > 0 && is_plan_win(&items[j - 1].term) {
            j -= 1;
        }
        let (run, before) = if j < i {
            (j..i, true)
        } else {
            let mut k = i + 1;
            while k < n && is_plan_win(&items[k].term) {
                k += 1;
            }
            ((i + 1)..k, false)
        };
        if run.is_empty() {
            continue;
        }
        let adjacent = if before { run.end - 1 } else { run.start };
        for k in run {
            if let Term::Win(w) = &mut items[k].term {
                let others: &[i32] = if before { &[0, -1] } else { &[0, 1] };
                let deltas: &[i32] = if k == adjacent { &[0] } else { others };
                *w = give_year(*w, y, deltas, plan);
                w.yr = YearSrc::Written;
            }
        }
        dropped[i] = true;
    }
    let mut k = 0;
    items.retain(|_| {
        k += 1;
        !dropped[k - 1]
    });
}

/// In a list where some dates have a year and some do not («15.12, 20.01.2027», «ноябрь, декабрь
/// 2025»), a date without a year takes the year of the date of the same sort (a day, a month) next
/// to it — first from the right, then from the left — in the plan's period if it can be.
pub(super) fn inherit_years(items: &mut [Spanned], plan: PlanYear) {
    // only a year that could be written as one (`01.01.0001` gives its year to nobody)
    let plausible =
        |w: &Win| (1900..=2200).contains(&w.start.year()) && (1900..=2200).contains(&w.end.year());
    let day_level = |w: &Win| matches!(w.kind, Kind::Date | Kind::DayRange);
    let n = items.len();
    // from the right: the year of the next date of the same sort
    let mut cur: Option<(i32, bool)> = None;
    for i in (0..n).rev() {
        match &mut items[i].term {
            Term::Win(w) if w.yr == YearSrc::Written && plausible(w) => {
                cur = Some((w.start.year(), day_level(w)));
            }
            Term::Win(w) if w.yr == YearSrc::Plan => match cur {
                Some((y, sort)) if sort == day_level(w) => {
                    *w = give_year(*w, y, &[0, -1], plan);
                    w.yr = YearSrc::Written;
                    cur = Some((w.start.year(), sort));
                }
                _ => cur = None,
            },
            Term::Time(_) => {}
            _ => cur = None,
        }
    }
    // from the left: the year of the date before it
    cur = None;
    for t in items.iter_mut() {
        match &mut t.term {
            Term::Win(w) if w.yr == YearSrc::Written && plausible(w) => {
                cur = Some((w.end.year(), day_level(w)));
            }
            Term::Win(w) if w.yr == YearSrc::Plan => match cur {
                Some((y, sort)) if sort == day_level(w) => {
                    *w = give_year(*w, y, &[0, 1], plan);
                    w.yr = YearSrc::Written;
                    cur = Some((w.end.year(), sort));
                }
                _ => cur = None,
            },
            Term::Time(_) => {}
            _ => cur = None,
        }
    }
}

/// The window moved so that its end falls in year `y + delta`, for the first delta that puts it
/// in the plan's period (or `y` itself).
fn give_year(w: Win, y: i32, deltas: &[i32], plan: PlanYear) -> Win {
    let (ps, pe) = plan.period();
    let moved = |target: i32| {
        let shift = target - w.end.year();
        let end = shift_year(w.end, shift);
        let start = if w.open {
            ps.min(end)
        } else {
            shift_year(w.start, shift)
        };
        Win { start, end, ..w }
    };
    // «до 1 сентября» is in the plan when its date is; another window when it starts in it
    let inside = |m: &Win| {
        let d = if m.open { m.end } else { m.start };
        d >= ps && d <= pe
    };
    deltas
        .iter()
        .map(|d| moved(y + d))
        .find(inside)
        .unwrap_or_else(|| moved(y))
}

fn shift_year(d: NaiveDate, by: i32) -> NaiveDate {
    if by == 0 {
        return d;
    }
    if d == month_end(d.year(), d.month()) {
        month_end(d.year() + by, d.month())
    } else {
        ymd(d.year() + by, d.month(), d.day())
    }
}
