//! The plan itself as the document that is approved and signed.

use super::{plain_row, stamp};
use crate::deadline::PlanYear;
use crate::i18n::Lang;
use crate::model::Plan;
use crate::render::doc::{self, Block, Cell, Table};

/// The plan itself, as the document that is approved and signed: the approval stamp, the title,
/// the goal and tasks, and the table № | Мероприятие | Срок | Ответственные (plus the result
/// column with `with_result`).
pub(crate) fn plan_document_blocks(plan: &Plan, lang: Lang, with_result: bool) -> Vec<Block> {
    let mut b = Vec::new();
    let meta = &plan.meta;
    if let Some(s) = meta.approval.as_ref().and_then(|a| stamp(a, lang)) {
        b.push(s);
    }
    b.push(Block::Heading(1, meta.title.clone()));
    let mut sub: Vec<String> = Vec::new();
    if let Some(o) = &meta.organisation {
        sub.push(o.clone());
    }
    let place: Vec<&str> = [meta.municipality.as_deref(), meta.region.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !place.is_empty() {
        sub.push(place.join(", "));
    }
    if let Some(y) = meta.year {
        sub.push(match (y, lang) {
            (PlanYear::Calendar(y), Lang::Ru) => format!("на {y} год"),
            (PlanYear::Academic(_), Lang::Ru) => format!("на {y} учебный год"),
            (_, Lang::En) => format!("for {y}"),
        });
    }
    if !sub.is_empty() {
        b.push(Block::BoldLines(sub));
    }
    if let Some(g) = &meta.goal {
        b.push(Block::Labeled(
            lang.pick("Цель:", "Goal:").to_owned(),
            g.clone(),
        ));
    }
    if !meta.tasks.is_empty() {
        b.push(Block::BoldLines(vec![
            lang.pick("Задачи:", "Tasks:").to_owned(),
        ]));
        b.push(Block::Bullets(meta.tasks.clone()));
    }
    let mut head = vec![
        lang.pick("№ п/п", "No.").to_owned(),
        lang.pick("Мероприятие", "Activity").to_owned(),
        lang.pick("Срок", "Deadline").to_owned(),
        lang.pick("Ответственные", "Responsible").to_owned(),
    ];
    if with_result {
        head.push(lang.pick("Результат исполнения", "Result").to_owned());
    }
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for sec in &plan.sections {
        let number = sec.number.trim();
        let label = if number.is_empty() {
            sec.title.clone()
        } else {
            format!("{}. {}", number.trim_end_matches('.'), sec.title)
        };
        let mut row = vec![
            Cell::plain(""),
            Cell::bold(label),
            Cell::plain(""),
            Cell::plain(""),
        ];
        if with_result {
            row.push(Cell::plain(""));
        }
        rows.push(row);
        for item in &sec.items {
            let mut row = plain_row(vec![
                item.number.to_string(),
                item.title.clone(),
                item.deadline_phrase.clone(),
                item.responsible_phrase.clone(),
            ]);
            if with_result {
                row.push(Cell::plain(item.result.clone().unwrap_or_default()));
            }
            rows.push(row);
        }
    }
    b.push(Block::Table(Table {
        head,
        right: Vec::new(),
        rows,
    }));
    b
}

/// The plan document as Markdown.
pub(crate) fn plan_document(plan: &Plan, lang: Lang, with_result: bool) -> String {
    doc::markdown(&plan_document_blocks(plan, lang, with_result))
}
