//! Combining the terms of a phrase into one deadline.
//!
//! Several windows make a multi-date deadline; a window plus «по необходимости» keeps the window
//! and a qualifier; months listed with «в течение года» are milestones of year-round work; a year
//! written apart («март-май, 2026 года») is the year of the months beside it; a time of day goes
//! with the date before it; «в течение недели» counts from the date before it; words after a date
//! that are not a deadline (a place, an event's name) are kept as they are written. Windows are
//! kept within a sane span around the plan and the occurrences are capped.

mod occurrences;
mod rest;
mod years;

use std::ops::Range;

use chrono::{Datelike, Duration, NaiveDate};

use super::lexer::Token;
use super::parser::{Len, Parsed, Recur, Spanned, Term, Win, YearSrc};
use super::{
    Deadline, DeadlineError, ErrorKind, Kind, Meaning, Occurrence, PlanYear, TimeOfDay, Understood,
    add_months,
};
use occurrences::{clamp, occurrences, sane_span, window_occurrences};
use rest::{rest_ok, rest_text, with_tail};
use years::{annotate_years, inherit_years};

/// The most understood parts an error lists.
const MAX_UNDERSTOOD: usize = 5;

pub(super) fn combine(
    phrase: &str,
    toks: &[Token],
    parsed: Parsed,
    plan: PlanYear,
    years: Vec<i32>,
) -> Result<Deadline, DeadlineError> {
    let Parsed {
        terms,
        failure,
        hard,
    } = parsed;
    if let Some(e) = hard {
        return Err(partial(e, phrase, toks, &terms));
    }
    // words not understood: consecutive ones make one segment
    let mut rests: Vec<Range<usize>> = Vec::new();
    let mut items: Vec<Spanned> = Vec::with_capacity(terms.len());
    let mut last_rest = false;
    for t in terms {
        if t.term == Term::Rest {
            match rests.last_mut() {
                Some(r) if last_rest => r.end = t.toks.end,
                _ => rests.push(t.toks.clone()),
            }
            last_rest = true;
        } else {
            if last_rest && let Some(r) = rests.last_mut() {
                r.end = with_tail(toks, r.end, t.toks.start);
            }
            items.push(t);
            last_rest = false;
        }
    }
    if last_rest && let Some(r) = rests.last_mut() {
        r.end = with_tail(toks, r.end, toks.len());
    }
    if let Some(first) = failure {
        // kept as a place or a name only beside a calendar window, and only if none of the words
        // could be part of a deadline
        let calendar = items.iter().any(|t| match &t.term {
            Term::Win(w) => {
                w.yr != YearSrc::Bare && !matches!(w.kind, Kind::Year | Kind::AcademicYear)
            }
            Term::Alt(..) => true,
            _ => false,
        });
        let words_ok = rest_ok(toks, &rests);
        if !(calendar && words_ok) {
            let has_time = items.iter().any(|t| matches!(t.term, Term::Time(_)));
            let e = if words_ok && has_time && !calendar {
                DeadlineError::new(ErrorKind::NoDate, 0..phrase.len())
            } else {
                first
            };
            return Err(partial(e, phrase, toks, &items));
        }
    }
    annotate_years(&mut items, plan);
    inherit_years(&mut items, plan);
    anchor_spans(&mut items, phrase, toks)?;

    let mut wins: Vec<(Win, Option<NaiveDate>, Vec<TimeOfDay>)> = Vec::new();
    let mut pending: Vec<TimeOfDay> = Vec::new();
    let mut year_round = false;
    let mut school = false;
    let mut external = false;
    let mut on_demand = false;
    let mut qualifiers: Vec<String> = Vec::new();
    let mut frequent: Vec<String> = Vec::new();
    let mut recurring: Option<Recur> = None;
    for t in &items {
        match &t.term {
            Term::Win(w) => wins.push((*w, None, std::mem::take(&mut pending))),
            Term::Alt(a, b) => wins.push((
                Win {
                    start: a.start,
                    end: b.end,
                    kind: Kind::Alternative,
                    ..*a
                },
                Some(a.end),
                std::mem::take(&mut pending),
            )),
            Term::Time(tm) => match wins.last_mut() {
                Some(last) => last.2.push(*tm),
                None => pending.push(*tm),
            },
            Term::YearRound => year_round = true,
            Term::School => school = true,
            Term::Frequent(s) => frequent.push(s.clone()),
            Term::External(s) => {
                external = true;
                qualifiers.push(s.clone());
            }
            Term::OnDemand(s) => {
                on_demand = true;
                qualifiers.push(s.clone());
            }
            Term::Recurring(r) => {
                if recurring.is_some_and(|old| old != *r) {
                    let e = DeadlineError::new(ErrorKind::TooManyFrequencies, 0..phrase.len());
                    return Err(partial(e, phrase, toks, &items));
                }
                recurring = Some(*r);
            }
            Term::Span(_) | Term::Many(_) | Term::Rest => {}
        }
    }
    let loose = pending; // times with no window
    qualifiers.dedup();
    frequent.dedup();

    let (p_start, p_end) = plan.period();
    let sane = sane_span(plan);
    let mut clamped = false;
    let rest = (!rests.is_empty()).then(|| rest_text(phrase, toks, &rests));
    let first_time = wins
        .iter()
        .find_map(|w| w.2.first().copied())
        .or_else(|| loose.first().copied());
    let mut out = Deadline {
        phrase: phrase.to_owned(),
        kind: Kind::Year,
        start: p_start,
        end: p_end,
        due: Some(p_end),
        occurrences: Vec::new(),
        qualifier: None,
        target: None,
        years,
        time: first_time,
        rest,
        clamped: false,
        milestones: Vec::new(),
    };
    let single = |start, end| {
        vec![Occurrence {
            start,
            end,
            due: end,
            time: None,
        }]
    };
    let with_frequent = |q: &[String]| -> Option<String> {
        let all: Vec<String> = q.iter().chain(frequent.iter()).cloned().collect();
        (!all.is_empty()).then(|| all.join(", "))
    };

    if let Some(r) = recurring {
        let (ws, we) = match wins.as_slice() {
            [(w, ..)] => (w.start, w.end),
            [] if school => plan.school_year(),
            [] => (p_start, p_end),
            _ => {
                let s = wins.iter().map(|w| w.0.start).min().unwrap_or(p_start);
                let e = wins.iter().map(|w| w.0.end).max().unwrap_or(p_end);
                (s, e)
            }
        };
        let (ws, we, c) = clamp(ws, we, sane);
        clamped |= c;
        let (occ, capped) = occurrences(r, ws, we, first_time);
        clamped |= capped;
        out.kind = Kind::Recurring;
        out.start = ws;
        out.end = occ
            .iter()
            .map(|o| o.end.max(o.due))
            .max()
            .unwrap_or(we)
            .max(we);
        out.due = occ.last().map(|o| o.due);
        out.occurrences = occ;
        out.qualifier = with_frequent(&qualifiers);
        out.clamped = clamped;
        return Ok(out);
    }
    if !wins.is_empty() {
        let (mut occ, c) = window_occurrences(&wins, sane);
        clamped |= c;
        if year_round || school {
            // «сентябрь, в течение года»: year-round work, the months are milestones
            let (s, e) = if school {
                plan.school_year()
            } else {
                (p_start, p_end)
            };
            out.kind = if external {
                Kind::External
            } else if school {
                Kind::AcademicYear
            } else {
                Kind::Year
            };
            out.start = s;
            out.end = e;
            out.due = Some(e);
            out.occurrences = single(s, e);
            out.milestones = occ;
            out.qualifier = with_frequent(&qualifiers);
            out.clamped = clamped;
            return Ok(out);
        }
        out.start = occ.iter().map(|o| o.start).min().unwrap_or(p_start);
        out.end = occ.iter().map(|o| o.end).max().unwrap_or(p_end);
        out.due = Some(out.end);
        out.qualifier = with_frequent(&qualifiers);
        if let [only] = occ.as_slice() {
            let (w, target) = wins
                .iter()
                .find(|w| w.0.start <= only.end && only.start <= w.0.end)
                .map_or((wins[0].0, wins[0].1), |w| (w.0, w.1));
            out.kind = w.kind;
            out.target = target.map(|t| t.clamp(only.start, only.end));
            if out.kind == Kind::Date && only.start != only.end && !w.open {
                out.kind = Kind::DayRange;
            }
        } else {
            out.kind = Kind::Several;
        }
        occ.shrink_to_fit();
        out.occurrences = occ;
        out.clamped = clamped;
        return Ok(out);
    }
    if external {
        let (s, e) = if school {
            plan.school_year()
        } else {
            (p_start, p_end)
        };
        out.kind = Kind::External;
        (out.start, out.end, out.due) = (s, e, Some(e));
        out.occurrences = single(s, e);
        out.qualifier = with_frequent(&qualifiers);
        return Ok(out);
    }
    if school {
        let (s, e) = plan.school_year();
        out.kind = Kind::AcademicYear;
        (out.start, out.end, out.due) = (s, e, Some(e));
        out.occurrences = single(s, e);
        out.qualifier = with_frequent(&qualifiers);
        return Ok(out);
    }
    if year_round || !frequent.is_empty() {
        // «ежегодно» alone is year-round work and needs no qualifier
        out.kind = Kind::Year;
        out.occurrences = single(p_start, p_end);
        out.qualifier = if year_round || !qualifiers.is_empty() {
            with_frequent(&qualifiers)
        } else {
            None
        };
        return Ok(out);
    }
    if on_demand {
        out.kind = Kind::OnDemand;
        out.due = None;
        out.qualifier = with_frequent(&qualifiers);
        return Ok(out);
    }
    if !loose.is_empty() {
        let e = DeadlineError::new(ErrorKind::NoDate, 0..phrase.len());
        return Err(partial(e, phrase, toks, &items));
    }
    Err(DeadlineError::new(ErrorKind::Empty, 0..phrase.len()))
}

/// «01.03.24 в течение недели»: a length of time counts from the date before it.
fn anchor_spans(
    items: &mut Vec<Spanned>,
    phrase: &str,
    toks: &[Token],
) -> Result<(), DeadlineError> {
    for i in 0..items.len() {
        let Term::Span(len) = items[i].term else {
            continue;
        };
        let mut j = i;
        while j > 0 && matches!(items[j - 1].term, Term::Time(_)) {
            j -= 1;
        }
        let anchor = j.checked_sub(1).and_then(|k| match &mut items[k].term {
            Term::Win(w) => Some(w),
            _ => None,
        });
        let Some(w) = anchor else {
            let span = byte_span(toks, &items[i].toks);
            let text = phrase
                .get(span.clone())
                .unwrap_or_default()
                .trim()
                .to_owned();
            let e = DeadlineError::new(ErrorKind::Unanchored(text), span);
            return Err(partial(e, phrase, toks, items));
        };
        if w.start == w.end {
            let end = match len {
                Len::Days(n) => w.start + Duration::days(i64::from(n.max(1)) - 1),
                Len::WorkDays(n) => {
                    // the date itself is the first day counted when it is a working day
                    let mut d = w.start;
                    let mut left = n.max(1);
                    loop {
                        if d.weekday().num_days_from_monday() < 5 {
                            left -= 1;
                        }
                        if left == 0 {
                            break d;
                        }
                        d += Duration::days(1);
                    }
                }
                Len::Months(n) => add_months(w.start, n) - Duration::days(1),
            };
            w.end = end.max(w.start);
            if w.end > w.start {
                w.kind = Kind::DayRange;
            }
        }
    }
    items.retain(|t| !matches!(t.term, Term::Span(_)));
    Ok(())
}

fn byte_span(toks: &[Token], r: &Range<usize>) -> Range<usize> {
    let a = toks.get(r.start).map_or(0, |t| t.span.start);
    let b = r
        .end
        .checked_sub(1)
        .and_then(|i| toks.get(i))
        .map_or(a, |t| t.span.end);
    a..b.max(a)
}

/// The error with what was understood of the phrase.
fn partial(e: DeadlineError, phrase: &str, toks: &[Token], items: &[Spanned]) -> DeadlineError {
    let understood: Vec<Understood> = items
        .iter()
        .filter_map(|t| {
            let meaning = match &t.term {
                Term::Win(w) => Meaning::Window {
                    kind: w.kind,
                    start: w.start,
                    end: w.end,
                },
                Term::Alt(a, b) => Meaning::Window {
                    kind: Kind::Alternative,
                    start: a.start,
                    end: b.end,
                },
                Term::Time(t) => Meaning::Time { time: *t },
                Term::Recurring(_) | Term::Frequent(_) => Meaning::Frequency,
                Term::YearRound => Meaning::WholePeriod,
                Term::School => Meaning::SchoolYear,
                Term::External(_) | Term::OnDemand(_) => Meaning::Qualifier,
                Term::Span(_) => Meaning::Duration,
                Term::Many(_) | Term::Rest => return None,
            };
            let span = byte_span(toks, &t.toks);
            let text = phrase.get(span)?.trim().to_owned();
            Some(Understood { text, meaning })
        })
        .take(MAX_UNDERSTOOD)
        .collect();
    if understood.is_empty() {
        return e;
    }
    DeadlineError {
        kind: ErrorKind::Partial {
            reason: Box::new(e.kind),
            understood,
        },
        span: e.span,
        suggestions: e.suggestions,
    }
}
