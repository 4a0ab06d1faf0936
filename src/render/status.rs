//! `moc status` on paper: a table per plan (terminal or Markdown), a summary row per plan when
//! there are several, and the summary line under each.

use std::io::Write;

use super::{Look, markdown, terminal};
use crate::evaluate::Summary;
use crate::i18n::{self, Lang, plural};
use crate::load::Checked;
use crate::model::Plan;
use crate::text::{escape_controls, shorten};
use crate::view::{self, Row};

/// One row per plan of a region's summary.
#[derive(Clone, Debug)]
pub(crate) struct PlanRow {
    pub(crate) name: String,
    pub(crate) year: String,
    pub(crate) file: String,
    pub(crate) summary: Summary,
    pub(crate) errors: usize,
}

impl PlanRow {
    /// The summary row of a plan whose items evaluated to `evals`.
    pub(crate) fn of<'e>(
        c: &Checked,
        evals: impl IntoIterator<Item = &'e crate::evaluate::Eval>,
    ) -> PlanRow {
        PlanRow {
            name: c.plan.as_ref().map(view::plan_name).unwrap_or_default(),
            year: c
                .plan
                .as_ref()
                .and_then(|p| p.meta.year)
                .map(|y| y.to_string())
                .unwrap_or_default(),
            file: c.source.name.clone(),
            summary: Summary::of(evals),
            errors: crate::workspace::error_count(c),
        }
    }
}

/// «29 мероприятий · выполнено 3 · просрочено 11 · выполнение 15,0 % (от 14 с наступившим сроком)».
pub(crate) fn summary_line(s: &Summary, lang: Lang) -> String {
    let items = plural(
        lang,
        s.items as u64,
        ["мероприятие", "мероприятия", "мероприятий"],
        ["item", "items"],
    );
    let share = match s.share_done {
        Some(x) => match lang {
            Lang::Ru => format!(
                "выполнение {} (от {} с наступившим сроком)",
                i18n::percent(lang, x),
                plural(
                    lang,
                    s.due as u64,
                    ["мероприятия", "мероприятий", "мероприятий"],
                    ["", ""]
                )
            ),
            Lang::En => format!("{} done (of {} due)", i18n::percent(lang, x), s.due),
        },
        None => lang
            .pick("сроки ещё не наступили", "nothing is due yet")
            .to_owned(),
    };
    match lang {
        Lang::Ru => format!(
            "{items} · выполнено {} · частично {} · просрочено {} · скоро срок {} · {share}",
            s.done, s.partly_done, s.overdue, s.due_soon
        ),
        Lang::En => format!(
            "{items} · done {} · partly {} · overdue {} · due soon {} · {share}",
            s.done, s.partly_done, s.overdue, s.due_soon
        ),
    }
}

fn plan_heading(c: &Checked, plan: &Plan) -> String {
    let mut h = escape_controls(&view::plan_name(plan), false);
    if let Some(y) = plan.meta.year {
        h.push_str(&format!(" · {y}"));
    }
    format!("{h} · {}", escape_controls(&c.source.name, false))
}

/// One plan's items as a terminal table by section, with its summary line.
pub(crate) fn plan_table(
    c: &Checked,
    plan: &Plan,
    mine: &[&Row<'_>],
    look: &Look,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = look.lang;
    writeln!(
        out,
        "{}",
        terminal::paint(&plan_heading(c, plan), terminal::BOLD, look.color)
    )?;
    if mine.is_empty() {
        writeln!(
            out,
            "{}\n",
            lang.pick(
                "(нет мероприятий, подходящих под условия)",
                "(no items match)"
            )
        )?;
        return Ok(());
    }
    // the result column only when some item has a result
    let with_result = mine.iter().any(|r| r.item.result.is_some());
    let mut t = terminal::Grid::new(look.width, look.color);
    let mut head = vec![
        "№",
        lang.pick("Мероприятие", "Activity"),
        lang.pick("Срок", "Deadline"),
        lang.pick("Ответственные", "Responsible"),
        lang.pick("Состояние", "State"),
    ];
    if with_result {
        head.push(lang.pick("Результат", "Result"));
    }
    t.header(&head);
    let mut last_section: Option<*const crate::model::Section> = None;
    for r in mine {
        let sp: *const crate::model::Section = r.section;
        if last_section != Some(sp) {
            last_section = Some(sp);
            let title = format!(
                "{} {}",
                lang.pick("Раздел", "Section"),
                crate::text::squash_spaces(&r.section.title)
            );
            let mut cell = terminal::Piece::text(&title);
            if look.color {
                cell = cell.bold();
            }
            t.row(vec![terminal::Piece::text(&r.section.number), cell]);
        }
        let names = r.item.responsible_names(&plan.roster).join(", ");
        let detail = view::state_detail(r.item, &r.eval, plan.year, lang);
        let result = r
            .item
            .result
            .as_deref()
            .map(|s| shorten(&crate::text::squash_spaces(s), 80))
            .unwrap_or_default();
        let mut cells = vec![
            terminal::Piece::text(&r.item.number),
            terminal::Piece::text(&r.item.title),
            terminal::Piece::text(&r.item.deadline_phrase),
            terminal::Piece::text(&names),
            terminal::Piece::state(r.eval.state, detail, lang, look.color),
        ];
        if with_result {
            cells.push(terminal::Piece::text(&result));
        }
        t.row(cells);
    }
    let t = t.table();
    writeln!(out, "{t}")?;
    let s = Summary::of(mine.iter().map(|r| &r.eval));
    writeln!(out, "{}\n", summary_line(&s, lang))?;
    Ok(())
}

fn share(lang: Lang, s: &Summary) -> String {
    s.share_done
        .map_or_else(|| "—".to_owned(), |x| i18n::percent(lang, x))
}

/// A region's summary: a row per plan, then the total.
pub(crate) fn summary_table(
    plan_rows: &[&PlanRow],
    total: &Summary,
    look: &Look,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = look.lang;
    let color = look.color;
    let mut t = terminal::Grid::new(look.width, color);
    t.header(&[
        lang.pick("Муниципалитет", "Municipality"),
        lang.pick("Год", "Year"),
        lang.pick("Всего", "Items"),
        lang.pick("Выполнено", "Done"),
        lang.pick("Просрочено", "Overdue"),
        lang.pick("Выполнение", "Share done"),
    ]);
    for p in plan_rows {
        let mut overdue = terminal::Piece::number(p.summary.overdue);
        if color && p.summary.overdue > 0 {
            overdue = overdue.fg(comfy_table::Color::Red);
        }
        let name = if p.errors > 0 {
            format!(
                "{} ({})",
                p.name,
                plural(
                    lang,
                    p.errors as u64,
                    ["ошибка", "ошибки", "ошибок"],
                    ["error", "errors"]
                )
            )
        } else {
            p.name.clone()
        };
        t.row(vec![
            terminal::Piece::text(&name),
            terminal::Piece::own(p.year.clone()),
            terminal::Piece::number(p.summary.items),
            terminal::Piece::number(p.summary.done),
            overdue,
            terminal::Piece::own(share(lang, &p.summary)).right(),
        ]);
    }
    let t = t.table();
    writeln!(out, "{t}")?;
    let plans = plural(
        lang,
        plan_rows.len() as u64,
        ["план", "плана", "планов"],
        ["plan", "plans"],
    );
    writeln!(out, "{plans}: {}\n", summary_line(total, lang))?;
    Ok(())
}

/// A region's summary in Markdown.
pub(crate) fn summary_markdown(plan_rows: &[&PlanRow], lang: Lang, s: &mut String) {
    let body: Vec<Vec<String>> = plan_rows
        .iter()
        .map(|p| {
            vec![
                markdown::cell(&p.name),
                p.year.clone(),
                p.summary.items.to_string(),
                p.summary.done.to_string(),
                p.summary.overdue.to_string(),
                share(lang, &p.summary),
                markdown::cell(&p.file),
            ]
        })
        .collect();
    markdown::table(
        s,
        &[
            lang.pick("Муниципалитет", "Municipality"),
            lang.pick("Год", "Year"),
            lang.pick("Мероприятий", "Items"),
            lang.pick("Выполнено", "Done"),
            lang.pick("Просрочено", "Overdue"),
            lang.pick("Выполнение", "Share done"),
            lang.pick("Файл", "File"),
        ],
        &[false, false, true, true, true, true, false],
        &body,
    );
    s.push('\n');
}

/// One plan's items in Markdown, with its summary line.
pub(crate) fn plan_markdown(
    c: &Checked,
    plan: &Plan,
    mine: &[&Row<'_>],
    lang: Lang,
    s: &mut String,
) {
    s.push_str(&format!(
        "## {}\n\n",
        markdown::text(&plan_heading(c, plan))
    ));
    let body: Vec<Vec<String>> = mine
        .iter()
        .map(|r| {
            let state = match view::state_detail(r.item, &r.eval, plan.year, lang) {
                Some(d) => format!("{} ({})", r.eval.state.label(lang), markdown::cell(&d)),
                None => r.eval.state.label(lang).to_owned(),
            };
            vec![
                markdown::cell(&r.item.number),
                markdown::cell(&r.item.title),
                markdown::cell(&r.item.deadline_phrase),
                markdown::cell(&r.item.responsible_names(&plan.roster).join(", ")),
                state,
                markdown::cell(r.item.result.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    markdown::table(
        s,
        &[
            "№",
            lang.pick("Мероприятие", "Activity"),
            lang.pick("Срок", "Deadline"),
            lang.pick("Ответственные", "Responsible"),
            lang.pick("Состояние", "State"),
            lang.pick("Результат", "Result"),
        ],
        &[],
        &body,
    );
    let summary = Summary::of(mine.iter().map(|r| &r.eval));
    s.push_str(&format!(
        "\n{}\n\n",
        markdown::text(&summary_line(&summary, lang))
    ));
}
