//! `moc deadline PHRASE`: what moc understands of a deadline phrase.

use std::io::Write;

use chrono::Datelike;
use serde::Serialize;

use crate::cli::{DeadlineArgs, DeadlineFormat};
use crate::commands::{Ctx, Exit, Io};
use crate::deadline::{Deadline, PlanYear};
use crate::i18n::short_date;
use crate::text::escape_controls;
use crate::tr;

#[derive(Serialize)]
struct Refused<'a> {
    phrase: &'a str,
    error: String,
    suggestions: &'a [String],
}

pub fn run(args: &DeadlineArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let year = args.year.unwrap_or(PlanYear::Calendar(ctx.as_of.year()));
    let lang = ctx.lang;
    match Deadline::parse(&args.phrase, year) {
        Ok(d) => {
            match args.format {
                DeadlineFormat::Json => {
                    serde_json::to_writer_pretty(&mut *io.out, &d)?;
                    writeln!(io.out)?;
                }
                DeadlineFormat::Table => describe(&d, year, ctx, io.out)?,
            }
            Ok(Exit::Ok)
        }
        Err(e) => {
            match args.format {
                DeadlineFormat::Json => {
                    let r = Refused {
                        phrase: &args.phrase,
                        error: e.message(lang),
                        suggestions: &e.suggestions,
                    };
                    serde_json::to_writer_pretty(&mut *io.out, &r)?;
                    writeln!(io.out)?;
                }
                DeadlineFormat::Table => {
                    let phrase = escape_controls(&args.phrase, false);
                    writeln!(
                        io.out,
                        "{}: {}",
                        lang.pick("ошибка", "error"),
                        e.message(lang)
                    )?;
                    writeln!(io.out, "  {phrase}")?;
                    let before = args
                        .phrase
                        .get(..e.span.start)
                        .map_or(0, |s| escape_controls(s, false).chars().count());
                    let width = args
                        .phrase
                        .get(e.span.clone())
                        .map_or(1, |s| escape_controls(s, false).chars().count().max(1));
                    writeln!(io.out, "  {}{}", " ".repeat(before), "^".repeat(width))?;
                    if !e.suggestions.is_empty() {
                        writeln!(
                            io.out,
                            "{}",
                            tr!(lang, "понятные формы:", "forms moc understands:")
                        )?;
                        for s in &e.suggestions {
                            writeln!(io.out, "  {s}")?;
                        }
                    }
                }
            }
            Ok(Exit::Findings)
        }
    }
}

fn describe(d: &Deadline, year: PlanYear, ctx: &Ctx, out: &mut dyn Write) -> std::io::Result<()> {
    let lang = ctx.lang;
    let rows: Vec<(&str, String)> = vec![
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
    let mut rows = rows;
    if let Some(t) = d.target {
        rows.push((lang.pick("Цель", "Aim for"), short_date(lang, t)));
    }
    if let Some(q) = &d.qualifier {
        rows.push((
            lang.pick("Уточнение", "Qualifier"),
            escape_controls(q, false),
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
            writeln!(
                out,
                "  {:<16} {} {}",
                o.label(lang, year),
                lang.pick("до", "due"),
                short_date(lang, o.due)
            )?;
        }
    }
    Ok(())
}
