//! What moc understands of a deadline phrase (`moc deadline`): a short table, the refusal with a
//! caret under what was not understood and the nearest forms, or the same as JSON.

use std::io::Write;

use serde::Serialize;

use crate::deadline::{Deadline, DeadlineError, PlanYear};
use crate::i18n::{Lang, short_date};
use crate::text::escape_controls;
use crate::tr;

/// The deadline as understood, one fact a line.
pub(crate) fn describe(
    d: &Deadline,
    year: PlanYear,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut rows: Vec<(&str, String)> = vec![
        (
            lang.pick("Срок", "Deadline"),
            escape_controls(&d.phrase, false),
        ),
        (lang.pick("Вид", "Kind"), d.kind.label(lang).to_owned()),
        (
            lang.pick("Окно", "Window"),
            format!(
                "{} – {}",
                short_date(lang, d.start),
                short_date(lang, d.end)
            ),
        ),
        (
            lang.pick("Выполнить до", "Due"),
            d.due.map_or_else(
                || lang.pick("без срока", "no due date").to_owned(),
                |x| short_date(lang, x),
            ),
        ),
    ];
    if let Some(t) = d.target {
        rows.push((lang.pick("Цель", "Aim for"), short_date(lang, t)));
    }
    if let Some(q) = &d.qualifier {
        rows.push((
            lang.pick("Уточнение", "Qualifier"),
            escape_controls(q, false),
        ));
    }
    if let Some(t) = &d.time {
        rows.push((lang.pick("Время", "Time"), t.to_string()));
    }
    if let Some(r) = &d.rest {
        rows.push((
            lang.pick("Место, заметка", "Place, note"),
            escape_controls(r, false),
        ));
    }
    if !d.milestones.is_empty() {
        let labels: Vec<String> = d.milestones.iter().map(|o| o.label(lang, year)).collect();
        rows.push((lang.pick("Вехи", "Milestones"), labels.join(", ")));
    }
    if d.clamped {
        rows.push((
            lang.pick("Обрезано", "Clamped"),
            lang.pick(
                "окно урезано до года до и после плана",
                "the window is cut to a year either side of the plan",
            )
            .to_owned(),
        ));
    }
    rows.push((lang.pick("Понято как", "Read as"), d.canonical()));
    let w = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    for (k, v) in &rows {
        let pad = w - k.chars().count();
        writeln!(out, "{k}:{} {v}", " ".repeat(pad))?;
    }
    if d.is_multi() {
        writeln!(
            out,
            "{}",
            tr!(lang, "Периоды ({}):", "Periods ({}):", d.occurrences.len())
        )?;
        for o in &d.occurrences {
            let time = o.time.map(|t| format!(" {t}")).unwrap_or_default();
            writeln!(
                out,
                "  {:<16} {} {}{time}",
                o.label(lang, year),
                lang.pick("до", "due"),
                short_date(lang, o.due)
            )?;
        }
    }
    Ok(())
}

/// The deadline as JSON.
pub(crate) fn json(d: &Deadline, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, d)?;
    writeln!(out)
}

#[derive(Serialize)]
struct Refused<'a> {
    phrase: &'a str,
    error: String,
    suggestions: &'a [String],
}

/// A phrase not understood, as JSON.
pub(crate) fn refusal_json(
    phrase: &str,
    e: &DeadlineError,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let r = Refused {
        phrase,
        error: e.message(lang),
        suggestions: &e.suggestions,
    };
    serde_json::to_writer_pretty(&mut *out, &r)?;
    writeln!(out)
}

/// A phrase not understood: the message, the phrase with a caret, the nearest forms.
pub(crate) fn refusal(
    phrase: &str,
    e: &DeadlineError,
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let shown = escape_controls(phrase, false);
    writeln!(
        out,
        "{}: {}",
        crate::app::error::label(lang, color),
        e.message(lang)
    )?;
    writeln!(out, "  {shown}")?;
    let before = phrase
        .get(..e.span.start)
        .map_or(0, |s| escape_controls(s, false).chars().count());
    let width = phrase
        .get(e.span.clone())
        .map_or(1, |s| escape_controls(s, false).chars().count().max(1));
    writeln!(out, "  {}{}", " ".repeat(before), "^".repeat(width))?;
    if !e.suggestions.is_empty() {
        writeln!(
            out,
            "{}",
            tr!(lang, "понятные формы:", "forms moc understands:")
        )?;
        for s in &e.suggestions {
            writeln!(out, "  {s}")?;
        }
    }
    Ok(())
}
