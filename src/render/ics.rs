//! Deadlines as an iCalendar file (RFC 5545) for phone and desktop calendars.
//!
//! One all-day event per occurrence — each month of monthly work, each date of several — judged
//! by itself: a month with a progress entry says «выполнено», a missed one «просрочено», one
//! ahead «запланировано» ([`crate::evaluate::occurrence_state`], [`occurrence_word`]). An event covers what the phrase
//! means: a span from the window's first day to the due date where the phrase names a period
//! («Апрель – май 2026г.», «ежемесячно»), one day where it names a date («до 15.03.2026»). Each
//! event carries a reminder (`VALARM`, DISPLAY) `remind` days before its due date at 9:00.
//!
//! Year-round work («В течение года», «Январь – декабрь», «По плану РМЦ») gets no event: its
//! span would be a bar across every week of the year in the month view, fifteen of them in a
//! typical plan, pushing the dated deadlines out of sight; and there is no day to remind of — its
//! account is the annual report, which is an item (and an event) of its own. Work on demand has
//! no date at all. The command says how many items were left out.
//!
//! Stable UIDs (the plan's path, the item's number, the occurrence's place), so that importing
//! the file again updates the events instead of doubling them. Text is escaped by `icalendar`
//! (`\\`, `,`, `;`, newlines) after control characters are made visible; lines are folded here
//! at 75 octets without splitting a character.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property};

use crate::deadline::{Kind, Occurrence};
use crate::evaluate::{occurrence_state, occurrence_word};
use crate::i18n::{Lang, short_date};
use crate::load::Checked;
use crate::model::Status;
use crate::view::{Row, item_id, plan_name};

/// What "due soon" means in an event's state, as in `moc status`.
const SOON: i64 = 14;

/// The hour of the day a reminder goes off.
const REMIND_HOUR: i64 = 9;

/// A calendar, and what was left out of it.
#[derive(Debug)]
pub(crate) struct Ics {
    pub(crate) text: String,
    /// Items whose window is the whole plan period: no event (see the module's notes).
    pub(crate) year_round: usize,
    /// Items with no due date.
    pub(crate) on_demand: usize,
}

fn uid(plan: &str, id: &str, k: usize) -> String {
    // FNV-1a of the plan's path: the same item gives the same UID in every export
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in plan.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}-{id}-{k}@moc")
}

/// Plan text on one line, control characters made visible (`\x1b`): never a bare CR in a
/// content line.
fn clean(s: &str) -> String {
    crate::text::escape_controls(&crate::text::squash_spaces(s), false)
}

/// An RFC 5545 duration before a point: `-P2DT15H`, `-PT15H`.
fn before(days: i64, hours: i64) -> String {
    match (days, hours) {
        (0, h) => format!("-PT{h}H"),
        (d, 0) => format!("-P{d}D"),
        (d, h) => format!("-P{d}DT{h}H"),
    }
}

/// The reminder of an event: `days` before `due`, at 9:00. A one-day event's reminder is set
/// from its start (the due date itself), which every calendar understands; a span's from its end
/// (the day after the due date).
fn alarm(description: &str, days: u32, single_day: bool) -> Alarm {
    let days = i64::from(days);
    let (value, related) = if single_day {
        // due 00:00 − (days − 1) days − 15 h = 9:00, `days` days before
        (before(days - 1, 24 - REMIND_HOUR), "START")
    } else {
        // the day after due, 00:00 − days days − 15 h
        (before(days, 24 - REMIND_HOUR), "END")
    };
    let mut a = Alarm::display(description, -Duration::days(days));
    a.append_property(
        Property::new("TRIGGER", value)
            .add_parameter("RELATED", related)
            .done(),
    );
    a.done()
}

/// The calendar of the rows' deadlines, stamped with `as_of` (not the clock: the same plans give
/// the same file); a reminder `remind` days before each due date (`0`: none).
pub(crate) fn calendar(
    plans: &[Checked],
    rows: &[Row<'_>],
    as_of: NaiveDate,
    remind: u32,
    lang: Lang,
) -> Ics {
    let mut cal = Calendar::new();
    let title = match plans {
        [one] => one.plan.as_ref().map(plan_name).unwrap_or_default(),
        _ => lang.pick("Планы МОЦ", "МОЦ plans").to_owned(),
    };
    cal.name(&clean(&format!(
        "{}: {title}",
        lang.pick("Сроки", "Deadlines")
    )));
    let stamp = Utc.from_utc_datetime(&as_of.and_hms_opt(0, 0, 0).unwrap_or_default());
    let (mut year_round, mut on_demand) = (0, 0);
    for r in rows {
        let loaded = &plans[r.plan];
        let Some(plan) = &loaded.plan else { continue };
        let Some(d) = r.item.effective_deadline() else {
            continue;
        };
        let Some(due) = d.due else {
            on_demand += 1;
            continue;
        };
        let (p_start, p_end) = plan.year.period();
        if !d.is_multi() && d.start <= p_start && d.end >= p_end {
            year_round += 1;
            continue;
        }
        let occurrences: Vec<Occurrence> = if d.occurrences.is_empty() {
            vec![Occurrence {
                start: d.start,
                end: d.end,
                due,
                time: d.time,
            }]
        } else {
            d.occurrences.clone()
        };
        let id = item_id(r.item);
        let title = crate::text::shorten(&clean(&r.item.title), 120);
        let names = clean(&r.item.responsible_names(&plan.roster).join(", "));
        let postponed = r.item.status == Status::Postponed
            && r.item.new_deadline.as_ref().is_some_and(Result::is_ok);
        let phrase = if postponed {
            r.item
                .postponed_to
                .as_deref()
                .unwrap_or(&r.item.deadline_phrase)
        } else {
            &r.item.deadline_phrase
        };
        let several = occurrences.len() > 1;
        for (k, o) in occurrences.iter().enumerate() {
            let state = if d.is_multi() {
                occurrence_state(r.item, o, as_of, SOON)
            } else {
                r.eval.state
            };
            let mut lines = vec![
                format!("№ {}", clean(&r.item.number.to_string())),
                format!("{}: {}", lang.pick("Срок", "Deadline"), clean(phrase)),
            ];
            if postponed {
                lines.push(format!(
                    "{}: {}",
                    lang.pick("Прежний срок", "Formerly"),
                    clean(&r.item.deadline_phrase)
                ));
            }
            if several {
                lines.push(format!(
                    "{}: {}",
                    lang.pick("Период", "Period"),
                    o.label(lang, plan.year)
                ));
            }
            lines.push(format!(
                "{}: {names}",
                lang.pick("Ответственные", "Responsible")
            ));
            lines.push(format!(
                "{}: {}",
                lang.pick("Состояние", "State"),
                occurrence_word(state, o.start, as_of, lang)
            ));
            lines.push(format!(
                "{}: {}",
                lang.pick("Выполнить до", "Due"),
                short_date(lang, o.due)
            ));
            let single_day = d.kind == Kind::Date || o.start >= o.due;
            let first = if single_day { o.due } else { o.start };
            let mut event = Event::new();
            event
                .uid(&uid(&loaded.source.name, &id, k))
                .summary(&format!("{id} {title}"))
                .description(&lines.join("\n"))
                .starts(first)
                .ends(o.due + Duration::days(1))
                .add_property("TRANSP", "TRANSPARENT")
                .timestamp(stamp);
            if remind > 0 {
                let what = crate::tr!(
                    lang,
                    "{} — срок: {id} {title}",
                    "Due {}: {id} {title}",
                    short_date(lang, o.due)
                );
                event.alarm(alarm(&what, remind, single_day));
            }
            cal.push(event.done());
        }
    }
    Ics {
        text: refold(&cal.done().to_string()),
        year_round,
        on_demand,
    }
}

/// RFC 5545 §3.1: content lines of at most 75 octets, longer ones folded with CRLF and a space
/// — without splitting a character (icalendar-rs lets a continuation line reach 76 octets). The
/// producer is named as moc. icalendar-rs gives every component a `DTSTAMP` (the clock) and a
/// `UID` (random) when it has none; an alarm has neither in RFC 5545, and those two would change
/// the file on every export, so they are dropped from alarms.
fn refold(text: &str) -> String {
    let mut logical: Vec<String> = Vec::new();
    for line in text.split("\r\n") {
        match (line.strip_prefix(' '), logical.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ if line.is_empty() => {}
            _ => logical.push(line.to_owned()),
        }
    }
    let mut out = String::with_capacity(text.len() + text.len() / 40);
    let mut in_alarm = false;
    for line in logical {
        match line.as_str() {
            "BEGIN:VALARM" => in_alarm = true,
            "END:VALARM" => in_alarm = false,
            l if in_alarm && (l.starts_with("DTSTAMP:") || l.starts_with("UID:")) => continue,
            _ => {}
        }
        let line = if line.starts_with("PRODID:") {
            format!("PRODID:-//moc//moc {}//RU", env!("CARGO_PKG_VERSION"))
        } else {
            line
        };
        let mut budget = 75;
        let mut used = 0;
        for c in line.chars() {
            if used + c.len_utf8() > budget {
                out.push_str("\r\n ");
                budget = 74;
                used = 0;
            }
            out.push(c);
            used += c.len_utf8();
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    /// The calendar of a plan of the given items at `as_of`.
    fn ics_of(items: &str, as_of: &str, remind: u32) -> Ics {
        let text = format!(
            "[plan]\ntitle = \"t\"\nmunicipality = \"Мосальский; округ, «М»\"\nyear = 2026\n\
             [[responsible]]\nname = \"методист\"\n[[section]]\nnumber = \"1\"\ntitle = \"s\"\n{items}"
        );
        let plans = vec![crate::workspace::checked_for_test(&text, d(as_of))];
        let rows = crate::view::build(&plans, &crate::view::Filter::default(), d(as_of), 14)
            .unwrap_or_default();
        calendar(&plans, &rows, d(as_of), remind, Lang::Ru)
    }

    fn item(n: &str, dl: &str, extra: &str) -> String {
        format!(
            "[[section.item]]\nnumber = \"{n}\"\ntitle = \"Работа {n}\"\ndeadline = \"{dl}\"\nresponsible = \"методист\"\n{extra}\n"
        )
    }

    /// A property as `NAME;PARAM=VALUE` and its (unescaped) value.
    fn named(p: &icalendar::parser::Property<'_>) -> (String, String) {
        let params: String = p
            .params
            .iter()
            .map(|x| {
                let v = x.val.as_ref().map(icalendar::parser::ParseString::as_str);
                format!(";{}={}", x.key.as_str(), v.unwrap_or_default())
            })
            .collect();
        (format!("{}{params}", p.name.as_str()), p.val.to_string())
    }

    /// Events as lists of their unfolded, unescaped properties, the alarm's as `VALARM/NAME`.
    fn events(text: &str) -> Vec<Vec<(String, String)>> {
        let unfolded = icalendar::parser::unfold(text);
        let Ok(cal) = icalendar::parser::read_calendar(&unfolded) else {
            panic!("not iCalendar:\n{text}")
        };
        cal.components
            .iter()
            .filter(|c| c.name == "VEVENT")
            .map(|c| {
                let mut props: Vec<(String, String)> = c.properties.iter().map(named).collect();
                for a in &c.components {
                    props.extend(a.properties.iter().map(|p| {
                        let (k, v) = named(p);
                        (format!("{}/{k}", a.name), v)
                    }));
                }
                props
            })
            .collect()
    }

    fn get<'a>(e: &'a [(String, String)], k: &str) -> &'a str {
        e.iter()
            .find(|(n, _)| n == k || n.starts_with(&format!("{k};")))
            .map_or("", |(_, v)| v.as_str())
    }

    #[test]
    fn every_month_is_judged_by_itself() {
        let cal = ics_of(
            &item(
                "1.8",
                "ежемесячно",
                "progress = [{ date = 2026-01-28, text = \"a\" }, { date = 2026-03-02, text = \"за февраль\", period = \"2026-02\" }]",
            ),
            "2026-04-20",
            3,
        );
        let ev = events(&cal.text);
        assert_eq!(ev.len(), 12);
        let states: Vec<&str> = ev
            .iter()
            .map(|e| {
                get(e, "DESCRIPTION")
                    .lines()
                    .find_map(|l| l.strip_prefix("Состояние: "))
                    .unwrap_or("")
            })
            .collect();
        assert_eq!(
            &states[..6],
            [
                "выполнено",
                "выполнено",
                "просрочено",
                "скоро срок",
                "запланировано",
                "запланировано"
            ]
        );
        // a month is a span: from its first day to the day after its due date
        assert_eq!(get(&ev[2], "DTSTART;VALUE=DATE"), "20260301");
        assert_eq!(get(&ev[2], "DTEND;VALUE=DATE"), "20260401");
        assert!(get(&ev[2], "DESCRIPTION").contains("Период: март"));
        assert_eq!(get(&ev[2], "TRANSP"), "TRANSPARENT");
    }

    #[test]
    fn spans_days_and_what_is_left_out() {
        let items = [
            item("1", "Апрель – май 2026г.", ""),
            item("2", "до 15.03.2026", ""),
            item("3", "9 - 11 июня 2026 г.", ""),
            item("4", "В течение года", ""),
            item("5", "Январь – декабрь 2026г.", ""),
            item("6", "По запросу", ""),
            item("7", "По плану РМЦ", ""),
        ]
        .concat();
        let cal = ics_of(&items, "2026-02-01", 3);
        assert_eq!((cal.year_round, cal.on_demand), (3, 1));
        let ev = events(&cal.text);
        let dates: Vec<(&str, &str, &str)> = ev
            .iter()
            .map(|e| {
                (
                    get(e, "SUMMARY").split(' ').next().unwrap_or(""),
                    get(e, "DTSTART"),
                    get(e, "DTEND"),
                )
            })
            .collect();
        assert_eq!(
            dates,
            [
                ("1", "20260401", "20260601"),
                // a date is one day, even though «до» opens its window in January
                ("2", "20260315", "20260316"),
                ("3", "20260609", "20260612"),
            ]
        );
    }

    #[test]
    fn reminders_go_off_days_before_the_due_date() {
        let items = [
            item("1", "Апрель – май 2026г.", ""),
            item("2", "15.03.2026", ""),
        ]
        .concat();
        let ev = events(&ics_of(&items, "2026-02-01", 3).text);
        // a span: from its end (1 June, 00:00) back 3 days 15 hours = 28 May, 9:00
        assert_eq!(get(&ev[0], "VALARM/TRIGGER;RELATED=END"), "-P3DT15H");
        assert_eq!(get(&ev[0], "VALARM/ACTION"), "DISPLAY");
        assert_eq!(
            get(&ev[0], "VALARM/DESCRIPTION"),
            "31.05.2026 — срок: 1 Работа 1"
        );
        // one day: from its start (15 March, 00:00) back 2 days 15 hours = 12 March, 9:00
        assert_eq!(get(&ev[1], "VALARM/TRIGGER;RELATED=START"), "-P2DT15H");
        let one = events(&ics_of(&items, "2026-02-01", 1).text);
        assert_eq!(get(&one[1], "VALARM/TRIGGER;RELATED=START"), "-PT15H");
        // nothing in an alarm changes from one export to the next (no clock, no random id)
        let text = ics_of(&items, "2026-02-01", 3).text;
        assert_eq!(text, ics_of(&items, "2026-02-01", 3).text);
        for alarm in text.split("BEGIN:VALARM").skip(1) {
            let alarm = alarm.split("END:VALARM").next().unwrap_or_default();
            assert!(
                !alarm.contains("DTSTAMP") && !alarm.contains("UID"),
                "{alarm}"
            );
        }
        let none = ics_of(&items, "2026-02-01", 0).text;
        assert!(!none.contains("VALARM"), "{none}");
    }

    #[test]
    fn postponed_work_is_at_its_new_date_and_says_where_from() {
        let cal = ics_of(
            &item(
                "3.4",
                "Сентябрь 2026г.",
                "status = \"postponed\"\npostponed_to = \"Январь 2027г.\"\nreason = \"договоры\"",
            ),
            "2026-10-01",
            3,
        );
        let ev = events(&cal.text);
        assert_eq!(ev.len(), 1);
        assert_eq!(get(&ev[0], "DTSTART"), "20270101");
        let desc = get(&ev[0], "DESCRIPTION");
        assert!(
            desc.contains("Срок: Январь 2027г.\nПрежний срок: Сентябрь 2026г."),
            "{desc}"
        );
        assert!(desc.contains("Состояние: перенесено"), "{desc}");
    }

    #[test]
    fn plan_text_is_escaped_and_folded() {
        let title = "Семинар; «Итоги», часть\\2\r\nи \u{1b}[31mкрасное ".repeat(4);
        let items = format!(
            "[[section.item]]\nnumber = \"1\"\ntitle = \"{}\"\ndeadline = \"Март 2026\"\nresponsible = \"методист\"\n",
            title
                .replace('\\', "\\\\")
                .replace('\r', "\\r")
                .replace('\n', "\\n")
                .replace('\u{1b}', "\\u001b")
        );
        let cal = ics_of(&items, "2026-02-01", 3);
        for line in cal.text.split_terminator("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
            assert!(!line.contains(['\r', '\n', '\u{1b}']), "{line:?}");
        }
        assert!(
            cal.text.contains("Семинар\\; «Итоги»\\, часть\\\\2"),
            "{}",
            cal.text
        );
        let ev = events(&cal.text);
        let summary = get(&ev[0], "SUMMARY");
        assert!(
            summary.starts_with("1 Семинар; «Итоги», часть\\2 и \\x1b[31mкрасное"),
            "{summary}"
        );
        // the calendar's name too: «;» and «,» of the plan's municipality
        assert!(
            cal.text
                .contains("X-WR-CALNAME:Сроки: Мосальский\\; округ\\, «М»"),
            "{}",
            cal.text
        );
    }

    #[test]
    fn folding_counts_octets_not_letters() {
        let long = format!("SUMMARY:{}", "д".repeat(100));
        let folded = refold(&format!("BEGIN:VCALENDAR\r\n{long}\r\nEND:VCALENDAR\r\n"));
        for l in folded.split("\r\n") {
            assert!(l.len() <= 75, "{l:?}");
        }
        assert_eq!(
            folded.replace("\r\n ", ""),
            format!("BEGIN:VCALENDAR\r\n{long}\r\nEND:VCALENDAR\r\n")
        );
    }
}
