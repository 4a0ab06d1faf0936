//! Combining the terms of a phrase into one deadline.
//!
//! Several windows make a multi-date deadline; a window plus «по необходимости» keeps the window
//! and a qualifier; months listed with «в течение года» are milestones of year-round work; a year
//! written apart («март-май, 2026 года») is the year of the months beside it; a time of day goes
//! with the date before it; «в течение недели» counts from the date before it; words after a date
//! that are not a deadline (a place, an event's name) are kept as they are written. Windows are
//! kept within a sane span around the plan and the occurrences are capped.

use std::ops::Range;

use chrono::{Datelike, Duration, NaiveDate};

use super::lexer::{
    MODIFIERS, PLACE_WORDS, Part, Tok, Token, month_of, roman, vocabulary, weekday_of,
    weekday_plural,
};
use super::parser::{
    Len, Parsed, PartSpec, Recur, Spanned, Term, Unit, Win, YearSrc, part_in_month,
};
use super::{
    Deadline, DeadlineError, ErrorKind, Kind, MAX_OCCURRENCES, Meaning, Occurrence, PlanYear,
    TimeOfDay, Understood, add_months, month_end, tick, ymd,
};

/// The most words a place or a name after a date may have.
const MAX_REST_WORDS: usize = 40;

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

/// The windows' occurrences, one per time of day, within the sane span, sorted, without
/// repeats and at most [`MAX_OCCURRENCES`]; and whether anything was cut.
fn window_occurrences(
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
fn clamp(
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

/// Whether the words kept as written can be a place or a name: no dates, times, years, months,
/// days of the week, words of the grammar (or misspellings of them) or words that change a date
/// («после», «ранее»), and not too many words.
fn rest_ok(toks: &[Token], rests: &[Range<usize>]) -> bool {
    let vocab = vocabulary();
    let mut words = 0;
    // a word of its own, not only «в», «с», numbers or «III»
    let mut content = false;
    for r in rests {
        for t in &toks[r.clone()] {
            match &t.tok {
                Tok::Date { .. } | Tok::Time { .. } | Tok::YearWord => return false,
                Tok::Num {
                    value,
                    digits,
                    year_mark,
                } => {
                    if *year_mark || (*digits == 4 && (1900..=2200).contains(value)) {
                        return false;
                    }
                }
                Tok::Word(w) => {
                    words += 1;
                    if words > MAX_REST_WORDS {
                        return false;
                    }
                    let w = w.as_str();
                    if PLACE_WORDS.contains(&w) {
                        continue;
                    }
                    if month_of(w).is_some()
                        || weekday_of(w).is_some()
                        || weekday_plural(w).is_some()
                        || MODIFIERS.contains(&w)
                        || vocab.contains(&w)
                    {
                        return false;
                    }
                    let n = w.chars().count();
                    if n >= 4
                        && vocab.iter().any(|v| {
                            v.chars().count() >= 3
                                && strsim::normalized_damerau_levenshtein(w, v) >= 0.75
                        })
                    {
                        return false;
                    }
                    if n >= 2 && roman(w).is_none() {
                        content = true;
                    }
                }
                Tok::Dash | Tok::Comma | Tok::LParen | Tok::RParen | Tok::Slash => {}
            }
        }
    }
    content
}

/// The end of a segment of words kept as written, with what follows it up to the next term:
/// the «/а» of «д. 1/а» that the reading skipped as a separator.
fn with_tail(toks: &[Token], end: usize, limit: usize) -> usize {
    let letter = |i: usize| matches!(toks.get(i).map(|t| &t.tok), Some(Tok::Word(w)) if w.chars().count() == 1);
    let slash = |i: usize| matches!(toks.get(i).map(|t| &t.tok), Some(Tok::Slash));
    let mut e = end;
    while e < limit && ((slash(e) && letter(e + 1)) || (letter(e) && e > 0 && slash(e - 1))) {
        e += 1;
    }
    e
}

/// The words kept, as written: segments joined by «; ».
fn rest_text(phrase: &str, toks: &[Token], rests: &[Range<usize>]) -> String {
    rests
        .iter()
        .filter_map(|r| {
            let mut a = toks.get(r.start)?.span.start;
            let mut b = toks.get(r.end.checked_sub(1)?)?.span.end;
            // the quotes and brackets around the words belong to them: «РКЦ», (с. Ардабьево)
            while let Some(c) = phrase.get(..a).and_then(|s| s.chars().next_back())
                && matches!(c, '«' | '„' | '“' | '"' | '\'')
            {
                a -= c.len_utf8();
            }
            loop {
                let text = phrase.get(a..b)?;
                let open = text.matches(['(', '[']).count() > text.matches([')', ']']).count();
                match phrase.get(b..).and_then(|s| s.chars().next()) {
                    Some(c @ ('»' | '”' | '"' | '\'')) => b += c.len_utf8(),
                    Some(c @ (')' | ']')) if open => b += c.len_utf8(),
                    _ => break,
                }
            }
            let text = phrase.get(a..b)?.trim_matches(|c: char| {
                c.is_whitespace() || matches!(c, ',' | ';' | '.' | '-' | '–' | '—')
            });
            (!text.is_empty()).then(|| text.to_owned())
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A year written apart from its months («март-май, 2026 года», «октябрь, 2026 г.») is their
/// year: the windows without a year just before it (or, if none, just after it) take it.
fn annotate_years(items: &mut Vec<Spanned>, plan: PlanYear) {
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
fn inherit_years(items: &mut [Spanned], plan: PlanYear) {
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

/// The occurrences of recurring work inside a window, at most [`MAX_OCCURRENCES`]; and whether
/// they were capped.
fn occurrences(
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
    let months = unit_months(unit);
    let month = |k: u32| add_months(first, k);
    let (a, b) = match spec {
        PartSpec::Of(Part::Begin) => (month(0), month(1)),
        PartSpec::Of(Part::End) => (month(months - 1), month(months)),
        PartSpec::Of(Part::Middle) => (month(months / 2), month(months / 2 + 1)),
        _ => return None,
    };
    let _ = e;
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
