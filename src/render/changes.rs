//! What changed in plans (`moc diff`, `moc log`): a line per change on a terminal, a Markdown
//! table, or JSON.

use std::io::Write;

use serde::Serialize;

use super::{markdown, terminal};
use crate::git::Commit;
use crate::i18n::Lang;
use crate::plandiff::{self, Change};
use crate::text::escape_controls;
use crate::tr;

#[derive(Serialize)]
struct DiffJson<'a> {
    from: &'a str,
    to: &'a str,
    changes: &'a [Change],
}

/// The changes from `from` to `to` as JSON.
pub(crate) fn diff_json(
    from: &str,
    to: &str,
    changes: &[Change],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &DiffJson { from, to, changes })?;
    writeln!(out)
}

/// The changes as a Markdown table under a heading.
pub(crate) fn diff_markdown(
    from: &str,
    to: &str,
    changes: &[Change],
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut s = format!(
        "## {}\n\n",
        markdown::text(&tr!(
            lang,
            "Изменения планов: {from} → {to}",
            "Changes to the plans: {from} → {to}"
        ))
    );
    let rows: Vec<Vec<String>> = changes
        .iter()
        .map(|c| {
            vec![
                markdown::cell(&c.plan),
                markdown::cell(&c.id),
                markdown::cell(&plandiff::describe(c, lang)),
            ]
        })
        .collect();
    markdown::table(
        &mut s,
        &[
            lang.pick("План", "Plan"),
            "№",
            lang.pick("Изменение", "Change"),
        ],
        &[],
        &rows,
    );
    out.write_all(s.as_bytes())
}

/// The changes as lines, grouped by plan.
pub(crate) fn diff_lines(
    from: &str,
    to: &str,
    changes: &[Change],
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if changes.is_empty() {
        writeln!(
            out,
            "{}",
            tr!(
                lang,
                "{from} → {to}: в планах ничего не изменилось",
                "{from} → {to}: nothing changed in the plans"
            )
        )?;
    }
    let mut last = "";
    for c in changes {
        if c.plan != last {
            writeln!(
                out,
                "{}",
                terminal::paint(&escape_controls(&c.plan, false), terminal::BOLD, color)
            )?;
            last = &c.plan;
        }
        writeln!(
            out,
            "  {}",
            escape_controls(&plandiff::describe(c, lang), false)
        )?;
    }
    Ok(())
}

/// One entry of an item's history.
#[derive(Serialize)]
pub(crate) struct LogEntry {
    pub(crate) commit: Commit,
    pub(crate) change: Change,
}

/// An item's history as JSON.
pub(crate) fn log_json(entries: &[LogEntry], out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, entries)?;
    writeln!(out)
}

/// An item's history, a line a change: date, commit, author, what changed.
pub(crate) fn log_lines(
    id: &str,
    file: &str,
    entries: &[LogEntry],
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{}",
        terminal::paint(
            &tr!(
                lang,
                "История мероприятия {id} ({file})",
                "History of item {id} ({file})"
            ),
            terminal::BOLD,
            color
        )
    )?;
    if entries.is_empty() {
        writeln!(
            out,
            "{}",
            lang.pick(
                "  изменений в истории git нет (план не закоммичен?)",
                "  no changes in the git history (the plan is not committed?)"
            )
        )?;
    }
    for e in entries {
        writeln!(
            out,
            "{}  {}  {}  {}",
            e.commit.date,
            e.commit.short,
            escape_controls(&e.commit.author, false),
            escape_controls(&plandiff::describe(&e.change, lang), false)
        )?;
    }
    Ok(())
}
