//! Occurrences: of the windows, kept within the sane span around the plan and capped; and of
//! recurring work inside a window, split into its periods.

use chrono::{Datelike, Duration, NaiveDate};

use crate::deadline::lexer::Part;
use crate::deadline::parser::{PartSpec, Recur, Unit, Win, part_in_month};
use crate::deadline::{
    MAX_OCCURRENCES, Occurrence, PlanYear, TimeOfDay, add_months, month_end, tick,
    weekday_in_month, ymd,
};

/// The windows' occurrences, one per time of day, within the sane span, sorted, without
/// repeats and at most [`MAX_OCCURRENCES`]; and whether anything was cut.
pub(super) fn window_occurrences(
    wins: &[(Win, Option<NaiveDate>, Vec<TimeOfDay>)],
    sane: (NaiveDate, NaiveDate),
) -> (Vec<Occurrence>, bool) {
    let mut clamped = false;
    let mut occ: Vec<Occurrence> = Vec::with_capacity(wins.len());
    for (w, _, times) in wins {
        let (s, e, c) = clamp(w.start, w.end, sane);
        clamped |= c;
        if times.is_empty() {
            occ.push(Occurrence {
                start: s,
                end: e,
                due: e,
                time: None,
            });
        } else {
            for t in times {
                occ.push(Occurrence {
                    start: s,
                    end: e,
                    due: e,
                    time: Some(*t),
                });
            }
        }
    }
    occ.sort_unstable_by(|a, b| {
        tick(1);
        (a.start, a.end, a.time).cmp(&(b.start, b.end, b.time))
    });
    occ.dedup();
    // the whole span of several dates is kept sane as well: «01.01.2026, 01.01.3000»
    if let (Some(first), Some(last)) = (occ.first(), occ.iter().map(|o| o.end).max()) {
        let (s, e, c) = clamp(first.start, last, sane);
        if c {
            clamped = true;
            let inside = |o: &Occurrence| o.end >= s && o.start <= e;
            if occ.iter().any(inside) {
                occ.retain(inside);
                for o in &mut occ {
                    o.start = o.start.max(s);
                    o.end = o.end.min(e);
                    o.due = o.end;
                }
                occ.dedup();
            } else {
                // none in the span: those within the span's length from the first
                let (first, width) = (first.start, sane.1 - sane.0);
                occ.retain(|o| o.end - first <= width);
            }
        }
    }
    if occ.len() > MAX_OCCURRENCES {
        occ.truncate(MAX_OCCURRENCES);
        clamped = true;
    }
    (occ, clamped)
}

/// The span a deadline of the plan may cover: the plan's period and a year either side.
pub(super) fn sane_span(plan: PlanYear) -> (NaiveDate, NaiveDate) {
    let (s, e) = plan.period();
    let year = chrono::Months::new(12);
    (
        s.checked_sub_months(year).unwrap_or(s),
        e.checked_add_months(year).unwrap_or(e),
    )
}

/// A window kept within the sane span: cut to it where it overlaps it, and no longer than it
/// where it lies outside it. Returns the window and whether it was cut.
pub(super) fn clamp(
    s: NaiveDate,
    e: NaiveDate,
    (lo, hi): (NaiveDate, NaiveDate),
) -> (NaiveDate, NaiveDate, bool) {
    let (ns, ne) = if e >= lo && s <= hi {
        (s.max(lo), e.min(hi))
    } else {
        let width = hi - lo;
        if e - s > width {
            if e < lo {
                (e - width, e)
            } else {
                (s, s + width)
            }
        } else {
            (s, e)
        }
    };
    (ns, ne, (ns, ne) != (s, e))
}

/// The occurrences of recurring work inside a window, at most [`MAX_OCCURRENCES`]; and whether
/// they were capped.
pub(super) fn occurrences(
    r: Recur,
    ws: NaiveDate,
    we: NaiveDate,
    time: Option<TimeOfDay>,
) -> (Vec<Occurrence>, bool) {
    let mut out = Vec::new();
    let push = |out: &mut Vec<Occurrence>, start, end, due| {
        tick(1);
        if out.len() >= MAX_OCCURRENCES {
            return false;
        }
        out.push(Occurrence {
            start,
            end,
            due,
            time,
        });
        true
    };
    if let Some(nth) = r.nth {
        // «первый понедельник месяца»: that day of each month of the window
        let wd = (0..7u8)
            .find(|k| r.weekdays & (1 << k) != 0)
            .and_then(|k| chrono::Weekday::try_from(k).ok())
            .unwrap_or(chrono::Weekday::Mon);
        let mut m = ymd(ws.year(), ws.month(), 1);
        while m <= we {
            if let Some(d) = weekday_in_month(m.year(), m.month(), wd, nth)
                && d >= ws
                && d <= we
                && !push(&mut out, d, d, d)
            {
                return (out, true);
            }
            let next = add_months(m, 1);
            if next <= m {
                break;
            }
            m = next;
        }
        return (out, false);
    }
    if r.weekdays != 0 {
        // «каждую среду»: each such day of the window
        let mut d = ws;
        while d <= we {
            if r.weekdays & (1 << d.weekday().num_days_from_monday()) != 0
                && !push(&mut out, d, d, d)
            {
                return (out, true);
            }
            let Some(next) = d.succ_opt() else { break };
            d = next;
        }
        return (out, false);
    }
    let mut periods: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    match r.unit {
        Unit::Week => {
            let mut s = ws - Duration::days(i64::from(ws.weekday().num_days_from_monday()));
            while s <= we {
                let e = s + Duration::days(6);
                periods.push((s.max(ws), e.min(we)));
                s += Duration::days(7);
            }
        }
        Unit::SchoolQuarter => {
            // the school quarters of every school year the window touches
            for y in ws.year() - 1..=we.year() {
                for (sm, em) in [(1, 3), (4, 5), (9, 10), (11, 12)] {
                    let (s, e) = (ymd(y, sm, 1), month_end(y, em));
                    if s <= we && e >= ws {
                        periods.push((s.max(ws), e.min(we)));
                    }
                }
            }
        }
        Unit::Month | Unit::Quarter | Unit::Half | Unit::Year => {
            let size = unit_months(r.unit);
            // a year-long unit over a window that is not a calendar year (an academic year,
            // «сентябрь – май») counts from the window's start
            let mut s = if size == 12 {
                ws.with_day(1).unwrap_or(ws)
            } else {
                let m0 = (ws.month() - 1) / size * size + 1;
                ymd(ws.year(), m0, 1)
            };
            while s <= we {
                let e = add_months(s, size) - Duration::days(1);
                periods.push((s.max(ws), e.min(we)));
                let next = add_months(s, size);
                if next <= s {
                    break;
                }
                s = next;
            }
        }
    }
    for (s, e) in periods {
        if let Some(spec) = r.part {
            // «в конце месяца»: that part of each period
            if let Some((ps, pe)) = part_of_period(spec, r.unit, s, e) {
                let (ps, pe) = (ps.max(s), pe.min(e));
                if ps <= pe && !push(&mut out, ps, pe, pe) {
                    return (out, true);
                }
            }
            continue;
        }
        for (ps, pe) in split(s, e, r.times) {
            let due = match r.day {
                // «… месяца, следующего за отчетным»: the day in the month after the period
                Some(d) if r.next => {
                    let next = add_months(ymd(pe.year(), pe.month(), 1), 1);
                    ymd(next.year(), next.month(), d)
                }
                Some(d) if r.unit == Unit::Month => {
                    let last = month_end(ps.year(), ps.month()).day();
                    ymd(ps.year(), ps.month(), d.min(last)).clamp(ps, pe)
                }
                // «до 20 числа последнего месяца квартала»: the day in the period's last month
                Some(d) => {
                    let last = month_end(pe.year(), pe.month()).day();
                    ymd(pe.year(), pe.month(), d.min(last)).clamp(ps, pe)
                }
                _ => pe,
            };
            if !push(&mut out, ps, pe, due) {
                return (out, true);
            }
        }
    }
    (out, false)
}

fn unit_months(u: Unit) -> u32 {
    match u {
        // the first school quarter's; each quarter is measured on its own where it matters
        Unit::SchoolQuarter => 2,
        Unit::Week => 0,
        Unit::Month => 1,
        Unit::Quarter => 3,
        Unit::Half => 6,
        Unit::Year => 12,
    }
}

/// A part of one period of recurring work: the days of a month, the months of a longer period.
fn part_of_period(
    spec: PartSpec,
    unit: Unit,
    s: NaiveDate,
    e: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    if unit == Unit::Month {
        return part_in_month(spec, s.year(), s.month());
    }
    let first = ymd(s.year(), s.month(), 1);
    let months = if unit == Unit::SchoolQuarter {
        // a school quarter is two or three months
        (e.year() - s.year()) as u32 * 12 + e.month() + 1 - s.month()
    } else {
        unit_months(unit)
    };
    let month = |k: u32| add_months(first, k);
    let (a, b) = match spec {
        PartSpec::Of(Part::Begin) => (month(0), month(1)),
        PartSpec::Of(Part::End) => (month(months - 1), month(months)),
        PartSpec::Of(Part::Middle) => (month(months / 2), month(months / 2 + 1)),
        _ => return None,
    };
    Some((a, b - Duration::days(1)))
}

/// Split a period into `n` parts: by whole months when they divide evenly, by days otherwise.
fn split(s: NaiveDate, e: NaiveDate, n: u32) -> Vec<(NaiveDate, NaiveDate)> {
    if n <= 1 {
        return vec![(s, e)];
    }
    let whole_months = s.day() == 1 && e == month_end(e.year(), e.month());
    let months = (e.year() - s.year()) * 12 + i32::try_from(e.month()).unwrap_or(1)
        - i32::try_from(s.month()).unwrap_or(1)
        + 1;
    let n_i = i32::try_from(n).unwrap_or(1);
    if whole_months && months % n_i == 0 {
        let step = u32::try_from(months / n_i).unwrap_or(1);
        return (0..n)
            .map(|k| {
                let a = add_months(s, k * step);
                let b = add_months(s, (k + 1) * step) - Duration::days(1);
                (a, b)
            })
            .collect();
    }
    let days = (e - s).num_days() + 1;
    let n64 = i64::from(n);
    if days < n64 {
        return vec![(s, e)];
    }
    (0..n64)
        .map(|k| {
            let a = s + Duration::days(days * k / n64);
            let b = s + Duration::days(days * (k + 1) / n64 - 1);
            (a, b)
        })
        .collect()
}
