//! The «год плана» chart: a row per item, a bar per window on a month axis, each coloured by the
//! state it is in at the report's date.
//!
//! - Recurring and multi-date work is drawn occurrence by occurrence: twelve bars for
//!   «ежемесячно», three for «Июнь 2026 Март 2026г, Ноябрь 2026г.», each in its own state — a
//!   month with a progress entry done, a past one without overdue, one ahead planned.
//! - A postponed item shows the window it left (hatched) and its new one; the axis is stretched
//!   to reach the new window (at most a year past the period), with the years written on it.
//! - Work on demand has no window: it is listed under the chart («По запросу: 1.7, 5.4»), as
//!   are deadlines moc did not understand.

use std::fmt::Write as _;

use chrono::{Datelike, Duration, Months, NaiveDate};

use super::{esc, state_colour};
use crate::deadline::{Deadline, Occurrence, PlanYear};
use crate::evaluate::{State, occurrence_state, occurrence_word};
use crate::i18n::{self, Lang};
use crate::model::Status;
use crate::render::doc::{Span, Window};
use crate::text::lower_first;
use crate::view::{Row, item_id};

/// What "due soon" means for a bar, as in `moc status`.
const SOON: i64 = 14;

/// The colour of a window a postponed item left.
const FORMER: &str = "#8c564b";

/// The deadline's periods judged one by one (its single window when it has no list).
fn occurrences(d: &Deadline) -> Vec<Occurrence> {
    if d.occurrences.is_empty() {
        vec![Occurrence {
            start: d.start,
            end: d.end,
            due: d.due.unwrap_or(d.end),
            time: d.time,
        }]
    } else {
        d.occurrences.clone()
    }
}

/// An item as the chart draws it, at `as_of`: a window per occurrence of its (effective)
/// deadline, each in its own state (recurring and multi-date work: [`occurrence_state`]; a
/// single window: the item's state), and the window a postponed item left.
pub(crate) fn timeline_span(row: &Row<'_>, year: PlanYear, as_of: NaiveDate, lang: Lang) -> Span {
    let item = row.item;
    let mut span = Span {
        number: item_id(item),
        label: format!("{} {}", item.number, item.title),
        windows: Vec::new(),
        on_demand: false,
    };
    let Some(d) = item.effective_deadline() else {
        return span;
    };
    if d.due.is_none() {
        span.on_demand = true;
        return span;
    }
    let postponed =
        item.status == Status::Postponed && item.new_deadline.as_ref().is_some_and(Result::is_ok);
    if postponed && let Ok(old) = &item.deadline {
        let to = lower_first(item.postponed_to.as_deref().unwrap_or_default().trim());
        for o in occurrences(old) {
            span.windows.push(Window {
                start: o.start,
                end: o.end,
                state: State::Postponed,
                period: o.label(lang, year),
                word: format!("{} {to}", lang.pick("перенесено на", "postponed to")),
                former: true,
            });
        }
    }
    for o in occurrences(d) {
        let state = if d.is_multi() {
            occurrence_state(item, &o, as_of, SOON)
        } else {
            row.eval.state
        };
        let word = if postponed && state == State::Postponed {
            let from = item.deadline_phrase.trim();
            format!(
                "{} {}",
                lang.pick("новый срок, перенесено с", "new deadline, postponed from"),
                lower_first(from)
            )
        } else {
            occurrence_word(state, o.start, as_of, lang).to_owned()
        };
        span.windows.push(Window {
            start: o.start,
            end: o.end,
            state,
            period: o.label(lang, year),
            word,
            former: false,
        });
    }
    span
}

/// The first day of the month after `d`'s.
fn next_month(d: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year(), d.month(), 1)?.checked_add_months(Months::new(1))
}

/// The axis: the period, stretched to the end of the month of the latest new window of a
/// postponed item (at most twelve months further).
fn axis(from: NaiveDate, to: NaiveDate, spans: &[Span]) -> NaiveDate {
    let limit = to.checked_add_months(Months::new(12)).unwrap_or(to);
    let moved = spans
        .iter()
        .filter(|s| s.windows.iter().any(|w| w.former))
        .flat_map(|s| s.windows.iter().filter(|w| !w.former))
        .map(|w| w.end)
        .filter(|&e| e > to && e >= from)
        .max();
    match moved {
        Some(e) => next_month(e.min(limit)).map_or(to, |n| n - Duration::days(1)),
        None => to,
    }
}

/// A bar's colour and how it is drawn: solid, or hatched for a window left behind.
fn bar(s: &mut String, w: &Window, sp: &Span, (x1, x2): (f64, f64), (y, h): (f64, f64)) {
    let number = &sp.number;
    let tip = format!(
        "{} — {}: {}",
        crate::text::squash_spaces(&sp.label),
        w.period,
        w.word
    );
    if w.former {
        let _ = write!(
            s,
            "<g><title>{}</title><rect class=\"span former\" data-item=\"{}\" data-state=\"{}\" \
             x=\"{x1:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{FORMER}\" \
             fill-opacity=\"0.15\" stroke=\"{FORMER}\" stroke-dasharray=\"3 2\"/>",
            esc(&tip),
            esc(number),
            w.state.id(),
            x2 - x1,
        );
        // hatching drawn line by line (no pattern: the page refers to nothing, not even itself)
        let mut d = String::new();
        let mut x = x1 - h;
        while x < x2 {
            let (a, b) = (x.max(x1), (x + h).min(x2));
            // the line y = y + h − (t − x) for t in [a, b]
            let _ = write!(
                d,
                "M{a:.1} {:.1}L{b:.1} {:.1}",
                y + h - (a - x),
                y + h - (b - x)
            );
            x += 4.0;
        }
        let _ = writeln!(
            s,
            "<path d=\"{d}\" stroke=\"{FORMER}\" stroke-width=\"1\" fill=\"none\"/></g>"
        );
    } else {
        let _ = writeln!(
            s,
            "<rect class=\"span\" data-item=\"{}\" data-state=\"{}\" x=\"{x1:.1}\" y=\"{y:.1}\" \
             width=\"{:.1}\" height=\"{h:.1}\" rx=\"2\" fill=\"{}\"><title>{}</title></rect>",
            esc(number),
            w.state.id(),
            x2 - x1,
            state_colour(w.state),
            esc(&tip)
        );
    }
}

/// The year as a timeline: a row per item with dates, a bar per window, months (and years) along
/// the top, a legend of what is drawn, and the items with no dates listed under it.
pub(super) fn timeline_svg(
    s: &mut String,
    no: usize,
    title: &str,
    from: NaiveDate,
    to: NaiveDate,
    spans: &[Span],
    lang: Lang,
) {
    if spans.is_empty() || to < from {
        return;
    }
    let to = axis(from, to, spans);
    let drawn: Vec<&Span> = spans.iter().filter(|s| !s.windows.is_empty()).collect();
    let (label_w, plot_w, row_h, top) = (300.0_f64, 640.0_f64, 14.0_f64, 34.0_f64);
    let width = label_w + plot_w + 10.0;
    let height = top + row_h * drawn.len() as f64 + 6.0;
    let days = (to - from).num_days() as f64 + 1.0;
    let x_of = |d: NaiveDate| {
        let d = d.clamp(from, to + Duration::days(1));
        label_w + plot_w * (d - from).num_days() as f64 / days
    };
    let _ = write!(
        s,
        "<figure class=\"chart timeline\" id=\"chart-{no}\">\n<figcaption>{}</figcaption>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height:.1}\" \
         width=\"{width}\" height=\"{height:.1}\" aria-label=\"{}\">\n",
        esc(title),
        esc(title)
    );
    // month boundaries, and the year over its first month on the axis and over every January
    let mut m = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
    let mut first = true;
    while m <= to {
        let x = x_of(m.max(from));
        let _ = write!(
            s,
            "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{height:.1}\" stroke=\"{}\"/>\
             <text class=\"month\" x=\"{:.1}\" y=\"28\" font-size=\"10\" fill=\"#555\">{}</text>",
            if first || m.month() == 1 {
                2.0
            } else {
                top - 4.0
            },
            if m.month() == 1 && !first {
                "#999"
            } else {
                "#e3e3e3"
            },
            x + 2.0,
            esc(&month_abbr(lang, m.month()))
        );
        if first || m.month() == 1 {
            let _ = write!(
                s,
                "<text class=\"year\" x=\"{:.1}\" y=\"12\" font-size=\"10\" font-weight=\"bold\" fill=\"#333\">{}</text>",
                x + 2.0,
                m.year()
            );
        }
        s.push('\n');
        first = false;
        m = next_month(m).unwrap_or(to + Duration::days(1));
    }
    for (i, sp) in drawn.iter().enumerate() {
        let y = top + row_h * i as f64;
        let _ = write!(
            s,
            "<g class=\"item\"><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\">{}<title>{}</title></text>",
            label_w - 6.0,
            y + 10.0,
            esc(&super::shorten(&sp.label, 48)),
            esc(&crate::text::squash_spaces(&sp.label)),
        );
        s.push('\n');
        for w in &sp.windows {
            if w.end < from || w.start > to {
                continue;
            }
            // a hair of white between neighbouring periods (March | April), none for a mark
            let (x1, x2) = (x_of(w.start), x_of(w.end + Duration::days(1)));
            let (x1, x2) = if x2 - x1 > 6.0 {
                (x1 + 0.6, x2 - 0.6)
            } else {
                (x1, x2.max(x1 + 3.0))
            };
            bar(s, w, sp, (x1, x2), (y + 2.0, row_h - 4.0));
        }
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    legend(s, &drawn, from, lang);
    undated(s, spans, lang);
    s.push_str("</figure>\n");
}

/// The states drawn, in the order of [`State::ALL`], with the words the bars use; the hatched
/// window of a postponed item last.
fn legend(s: &mut String, drawn: &[&Span], from: NaiveDate, lang: Lang) {
    let windows: Vec<&Window> = drawn.iter().flat_map(|sp| sp.windows.iter()).collect();
    s.push_str("<div class=\"legend\">");
    for st in State::ALL {
        let of: Vec<&&Window> = windows
            .iter()
            .filter(|w| !w.former && w.state == st && w.end >= from)
            .collect();
        if of.is_empty() {
            continue;
        }
        let label = match st {
            State::NotStarted => {
                let planned = Status::Planned.label(lang);
                let (ahead, open) = (
                    of.iter().any(|w| w.word == planned),
                    of.iter().any(|w| w.word != planned),
                );
                match (ahead, open) {
                    (true, true) => format!("{}, {planned}", st.label(lang)),
                    (true, false) => planned.to_owned(),
                    _ => st.label(lang).to_owned(),
                }
            }
            State::Postponed => lang
                .pick("перенесено: новый срок", "postponed: new deadline")
                .to_owned(),
            _ => st.label(lang).to_owned(),
        };
        let _ = write!(
            s,
            "<span><i style=\"background:{}\"></i>{}</span>",
            state_colour(st),
            esc(&label)
        );
    }
    if windows.iter().any(|w| w.former) {
        let _ = write!(
            s,
            "<span><i class=\"former\" style=\"background:repeating-linear-gradient(135deg,{FORMER} 0 1px,#fff 1px 4px);border:1px dashed {FORMER}\"></i>{}</span>",
            esc(lang.pick("перенесено: прежний срок", "postponed: former deadline"))
        );
    }
    s.push_str("</div>\n");
}

/// The items the chart has no bar for: «По запросу: 1.7, 5.4, 5.5», and deadlines not understood.
fn undated(s: &mut String, spans: &[Span], lang: Lang) {
    let lists = [
        (
            lang.pick("По запросу (без срока):", "On demand (no deadline):"),
            spans.iter().filter(|sp| sp.on_demand).collect::<Vec<_>>(),
        ),
        (
            lang.pick("Срок не понят:", "Deadline not understood:"),
            spans
                .iter()
                .filter(|sp| !sp.on_demand && sp.windows.is_empty())
                .collect(),
        ),
    ];
    for (what, list) in lists {
        if list.is_empty() {
            continue;
        }
        let items: Vec<String> = list
            .iter()
            .map(|sp| {
                format!(
                    "<span class=\"undated\" title=\"{}\">{}</span>",
                    esc(&crate::text::squash_spaces(&sp.label)),
                    esc(&sp.number)
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "<p class=\"undated\">{} {}</p>",
            esc(what),
            items.join(", ")
        );
    }
}

fn month_abbr(lang: Lang, m: u32) -> String {
    let name = i18n::month_name(lang, m);
    name.chars().take(3).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default()
    }

    fn window(start: NaiveDate, end: NaiveDate, state: State, former: bool) -> Window {
        Window {
            start,
            end,
            state,
            period: "п".into(),
            word: state.label(Lang::Ru).into(),
            former,
        }
    }

    fn span(n: &str, windows: Vec<Window>) -> Span {
        Span {
            number: n.into(),
            label: format!("{n} работа"),
            on_demand: false,
            windows,
        }
    }

    #[test]
    fn a_bar_per_window_and_a_list_of_what_has_none() {
        let monthly: Vec<Window> = (1..=12)
            .map(|m| {
                let end = crate::deadline::month_end(2026, m);
                window(d(m, 1), end, State::Done, false)
            })
            .collect();
        let spans = vec![
            span("1.8", monthly),
            Span {
                on_demand: true,
                ..span("1.7", Vec::new())
            },
            span("2.1", Vec::new()),
        ];
        let mut s = String::new();
        timeline_svg(&mut s, 1, "год", d(1, 1), d(12, 31), &spans, Lang::Ru);
        assert_eq!(s.matches("class=\"span\" data-item=\"1.8\"").count(), 12);
        assert_eq!(
            s.matches("class=\"item\"").count(),
            1,
            "a row per dated item"
        );
        assert!(
            s.contains(
                "По запросу (без срока): <span class=\"undated\" title=\"1.7 работа\">1.7</span>"
            ),
            "{s}"
        );
        assert!(s.contains("Срок не понят: <span"), "{s}");
        assert_eq!(s.matches("<line").count(), 12, "a line per month");
        assert!(s.contains(">янв<") && s.contains(">2026<"));
        assert!(!s.contains(">2027<"), "the axis is the period's");
    }

    #[test]
    fn the_axis_reaches_a_postponed_items_new_window() {
        let jan27 = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default();
        let spans = vec![span(
            "3.4",
            vec![
                window(d(9, 1), d(9, 30), State::Postponed, true),
                window(jan27, jan27 + Duration::days(30), State::Postponed, false),
            ],
        )];
        let mut s = String::new();
        timeline_svg(&mut s, 1, "год", d(1, 1), d(12, 31), &spans, Lang::Ru);
        assert_eq!(s.matches("data-item=\"3.4\"").count(), 2, "{s}");
        assert!(s.contains("class=\"span former\""));
        assert_eq!(s.matches("<line").count(), 13, "January 2027 on the axis");
        assert!(s.contains(">2027<"), "{s}");
        assert!(s.contains("перенесено: прежний срок"));
        // the new window ends at the axis' right edge, not beyond
        let x_end: Vec<f64> = s
            .split("class=\"span\" ")
            .skip(1)
            .filter_map(|r| {
                let x = r
                    .split("x=\"")
                    .nth(1)?
                    .split('"')
                    .next()?
                    .parse::<f64>()
                    .ok()?;
                let w = r
                    .split("width=\"")
                    .nth(1)?
                    .split('"')
                    .next()?
                    .parse::<f64>()
                    .ok()?;
                Some(x + w)
            })
            .collect();
        assert_eq!(x_end.len(), 1);
        assert!((x_end[0] - 939.4).abs() < 0.2, "{x_end:?}");
    }

    /// The chart's items for a plan of `items` at `as_of`.
    fn spans_of(items: &str, as_of: NaiveDate) -> Vec<Span> {
        let text = format!(
            "[plan]\ntitle = \"t\"\nyear = 2026\n[[responsible]]\nname = \"м\"\n\
             [[section]]\nnumber = \"1\"\ntitle = \"s\"\n{items}"
        );
        let plans = vec![crate::workspace::checked_for_test(&text, as_of)];
        let rows = crate::view::build(&plans, &crate::view::Filter::default(), as_of, 14)
            .unwrap_or_default();
        rows.iter()
            .map(|r| timeline_span(r, PlanYear::Calendar(2026), as_of, Lang::Ru))
            .collect()
    }

    fn item(n: &str, dl: &str, extra: &str) -> String {
        format!(
            "[[section.item]]\nnumber = \"{n}\"\ntitle = \"Работа\"\ndeadline = \"{dl}\"\nresponsible = \"м\"\n{extra}\n"
        )
    }

    #[test]
    fn items_become_windows_in_their_own_states() {
        let items = [
            item(
                "1.8",
                "ежемесячно",
                "progress = [{ date = 2026-01-28, text = \"a\" }]",
            ),
            item(
                "3.3",
                "Июнь 2026 Март 2026г, Ноябрь 2026г.",
                "progress = [{ date = 2026-06-10, text = \"школа\" }]",
            ),
            item(
                "3.4",
                "Сентябрь 2026г.",
                "status = \"postponed\"\npostponed_to = \"Январь 2027г.\"\nreason = \"r\"",
            ),
            item("1.7", "По запросу", ""),
        ]
        .concat();
        let spans = spans_of(&items, d(10, 1));
        let states =
            |i: usize| -> Vec<State> { spans[i].windows.iter().map(|w| w.state).collect() };
        use State::{Done, NotStarted, Overdue, Postponed};
        assert_eq!(spans[0].windows.len(), 12);
        assert_eq!(&states(0)[..3], [Done, Overdue, Overdue]);
        assert_eq!(states(0)[11], NotStarted);
        assert_eq!(spans[0].windows[11].word, "запланировано");
        assert_eq!(spans[0].windows[2].period, "март");
        assert_eq!(states(1), [Overdue, Done, NotStarted]);
        // the window left, hatched, and the new one; «январь» inside the sentence
        let w = &spans[2].windows;
        assert_eq!(w.len(), 2);
        assert!(w[0].former && !w[1].former);
        assert_eq!((w[0].start, w[1].state), (d(9, 1), Postponed));
        assert_eq!(w[0].word, "перенесено на январь 2027г.");
        assert_eq!(w[1].period, "январь 2027");
        assert!(spans[3].on_demand && spans[3].windows.is_empty());
        assert_eq!(spans[3].number, "1.7");
    }

    #[test]
    fn the_hatching_stays_inside_its_window() {
        let mut s = String::new();
        let w = window(d(9, 1), d(9, 30), State::Postponed, true);
        bar(
            &mut s,
            &w,
            &span("3.4", Vec::new()),
            (100.0, 150.0),
            (20.0, 10.0),
        );
        let path = s.split("d=\"").nth(1).unwrap_or_default();
        let path = path.split('"').next().unwrap_or_default();
        for pair in path.split(['M', 'L']).filter(|p| !p.is_empty()) {
            let mut xy = pair.split(' ').filter_map(|v| v.parse::<f64>().ok());
            let (x, y) = (xy.next().unwrap_or(-1.0), xy.next().unwrap_or(-1.0));
            assert!(
                (100.0..=150.0).contains(&x) && (20.0..=30.0).contains(&y),
                "{x} {y}"
            );
        }
    }
}
