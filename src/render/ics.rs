//! Deadlines as an iCalendar file (RFC 5545) for phone and desktop calendars: one all-day event
//! per due date (each occurrence of recurring work, each date of several), with the item's
//! number, responsibles and state in the description. Stable UIDs, so that importing the file
//! again updates the events instead of doubling them.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

use crate::i18n::{Lang, short_date};
use crate::load::Checked;
use crate::view::{Row, item_id, plan_name};

fn uid(plan: &str, id: &str, k: usize) -> String {
    // FNV-1a of the plan's path: the same item gives the same UID in every export
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in plan.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}-{id}-{k}@moc")
}

/// The calendar of the rows' deadlines, stamped with `as_of` (not the clock: the same plans give
/// the same file).
pub(crate) fn calendar(
    plans: &[Checked],
    rows: &[Row<'_>],
    as_of: NaiveDate,
    lang: Lang,
) -> String {
    let mut cal = Calendar::new();
    let title = match plans {
        [one] => one.plan.as_ref().map(plan_name).unwrap_or_default(),
        _ => lang.pick("Планы МОЦ", "МОЦ plans").to_owned(),
    };
    cal.name(&format!("{}: {title}", lang.pick("Сроки", "Deadlines")));
    let stamp = Utc.from_utc_datetime(&as_of.and_hms_opt(0, 0, 0).unwrap_or_default());
    for r in rows {
        let loaded = &plans[r.plan];
        let Some(plan) = &loaded.plan else { continue };
        let Some(d) = r.item.effective_deadline() else {
            continue;
        };
        if d.due.is_none() {
            continue;
        }
        let dues: Vec<NaiveDate> = if d.occurrences.is_empty() {
            d.due.into_iter().collect()
        } else {
            d.occurrences.iter().map(|o| o.due).collect()
        };
        let id = item_id(r.item);
        let names = r.item.responsible_names(&plan.roster).join(", ");
        for (k, due) in dues.into_iter().enumerate() {
            let description = format!(
                "№ {}\n{}: {}\n{}: {}\n{}: {}\n{}: {}",
                r.item.number,
                lang.pick("Срок", "Deadline"),
                r.item.deadline_phrase,
                lang.pick("Ответственные", "Responsible"),
                names,
                lang.pick("Состояние", "State"),
                r.eval.state.label(lang),
                lang.pick("Выполнить до", "Due"),
                short_date(lang, due),
            );
            let event = Event::new()
                .uid(&uid(&loaded.source.name, &id, k))
                .summary(&format!(
                    "{id} {}",
                    crate::text::shorten(&crate::text::squash_spaces(&r.item.title), 120)
                ))
                .description(&description)
                .starts(due)
                .ends(due + Duration::days(1))
                .timestamp(stamp)
                .done();
            cal.push(event);
        }
    }
    refold(&cal.done().to_string())
}

/// RFC 5545 §3.1: content lines of at most 75 octets, longer ones folded with CRLF and a space
/// — without splitting a character (icalendar-rs lets a continuation line reach 76 octets). The
/// producer is named as moc.
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
    for line in logical {
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
