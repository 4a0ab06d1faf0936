//! The imported plan as TOML: built as a `toml_edit` document (never by pasting strings), then
//! laid out by `moc fmt` so that it reads as every other plan does.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::Imported;
use crate::deadline::PlanYear;
use crate::i18n::Lang;
use crate::model::ResponsibleKind;
use crate::tr;

/// Text for a `# …` comment line: one line, no control characters (TOML forbids them there).
pub(super) fn comment(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect()
}

fn comments(lines: &[String]) -> String {
    lines
        .iter()
        .flat_map(|l| {
            let l = comment(l);
            // long lines wrapped at words, to stay readable in Notepad
            let mut out: Vec<String> = Vec::new();
            let mut cur = String::new();
            for w in l.split(' ') {
                if !cur.is_empty() && cur.chars().count() + w.chars().count() > 100 {
                    out.push(std::mem::take(&mut cur));
                }
                if !cur.is_empty() {
                    cur.push(' ');
                }
                cur.push_str(w);
            }
            out.push(cur);
            out
        })
        .map(|l| {
            if l.is_empty() {
                "#\n".to_owned()
            } else {
                format!("# {l}\n")
            }
        })
        .collect()
}

const RULE: &str = "# ----------------------------------------------------------------------------------------------\n";

/// The plan as TOML, in the canonical layout. `source` names the imported file.
pub(crate) fn write_toml(imp: &Imported, source: &str, lang: Lang) -> String {
    let mut doc = DocumentMut::new();
    let mut head: Vec<String> = vec![
        tr!(
            lang,
            "Импортировано командой moc import из {source}.",
            "Imported by moc import from {source}.",
            source = comment(source)
        ),
        lang.pick(
            "Формулировки мероприятий, сроков и ответственных — дословно из таблицы; проверка: moc check.",
            "Activities, deadlines and responsibles are verbatim from the table; check it with moc check.",
        )
        .to_owned(),
    ];
    for h in &imp.headers {
        head.push(tr!(lang, "Графы таблицы: {h}", "The table's columns: {h}"));
    }
    if !imp.kept.is_empty() {
        head.push(
            lang.pick(
                "Строки документа вне таблицы (сохранены как были):",
                "Lines of the document outside the table (kept as they were):",
            )
            .to_owned(),
        );
        head.extend(imp.kept.iter().map(|k| format!("  {k}")));
    }
    let mut plan = Table::new();
    plan.decor_mut()
        .set_prefix(format!("{}\n", comments(&head)));
    let title = if imp.title.is_empty() {
        tr!(
            lang,
            "План из файла {source}",
            "Plan from the file {source}"
        )
    } else {
        imp.title.clone()
    };
    plan.insert("title", value(title));
    if let Some(o) = &imp.organisation {
        plan.insert("organisation", value(o.clone()));
    }
    if let Some(m) = &imp.municipality {
        plan.insert("municipality", value(m.clone()));
    }
    if let Some(r) = &imp.region {
        plan.insert("region", value(r.clone()));
    }
    match imp.year {
        Some(PlanYear::Calendar(y)) => {
            plan.insert("year", value(i64::from(y)));
        }
        Some(y @ PlanYear::Academic(_)) => {
            plan.insert("year", value(y.to_string()));
        }
        None => {}
    }
    if let Some(g) = &imp.goal {
        plan.insert("goal", value(g.clone()));
    }
    if !imp.tasks.is_empty() {
        let mut a = toml_edit::Array::new();
        for t in &imp.tasks {
            a.push_formatted(toml_edit::Value::from(t.clone()).decorated("\n  ", ""));
        }
        a.set_trailing("\n");
        a.set_trailing_comma(true);
        plan.insert("tasks", value(a));
    }
    if !imp.approval.is_empty() {
        let mut ap = Table::new();
        for key in ["heading", "position", "name", "date", "order"] {
            if let Some((_, v)) = imp.approval.iter().find(|(k, _)| *k == key) {
                if key == "date" {
                    match v.parse::<toml_edit::Datetime>() {
                        Ok(d) => ap.insert("date", value(d)),
                        Err(_) => ap.insert("date", value(v.clone())),
                    };
                } else {
                    ap.insert(key, value(v.clone()));
                }
            }
        }
        plan.insert("approval", Item::Table(ap));
    }
    doc.insert("plan", Item::Table(plan));
    let mut roster = ArrayOfTables::new();
    for (k, r) in imp.roster.iter().enumerate() {
        let mut t = Table::new();
        if k == 0 {
            t.decor_mut().set_prefix(format!(
                "\n{}",
                comments(&[lang
                    .pick(
                        "Ответственные — из графы «Ответственные» таблицы.",
                        "Responsibles, from the table's responsible column.",
                    )
                    .to_owned()])
            ));
        }
        t.insert("name", value(r.name.clone()));
        if let Some(kind) = r.kind {
            let id = match kind {
                ResponsibleKind::Role => "role",
                ResponsibleKind::Organisation => "organisation",
                ResponsibleKind::Person => "person",
            };
            t.insert("kind", value(id));
        }
        if !r.aliases.is_empty() {
            let mut a = toml_edit::Array::new();
            for al in &r.aliases {
                a.push(al.clone());
            }
            t.insert("aliases", value(a));
        }
        roster.push(t);
    }
    if !roster.is_empty() {
        doc.insert("responsible", Item::ArrayOfTables(roster));
    }
    let mut sections = ArrayOfTables::new();
    let mut carried: Vec<String> = Vec::new();
    for sec in &imp.sections {
        let mut s = Table::new();
        s.decor_mut().set_prefix(format!(
            "\n{}{RULE}",
            comments(&std::mem::take(&mut carried))
        ));
        s.insert("number", value(sec.number.clone()));
        s.insert("title", value(sec.title.clone()));
        let mut items = ArrayOfTables::new();
        for it in &sec.items {
            let mut t = Table::new();
            if !it.comments.is_empty() {
                t.decor_mut()
                    .set_prefix(format!("\n{}", comments(&it.comments)));
            }
            t.insert("number", value(it.number.clone()));
            t.insert("title", value(it.title.clone()));
            t.insert("deadline", value(it.deadline.clone()));
            t.insert("responsible", value(it.responsible.clone()));
            if !it.result.is_empty() {
                t.insert("result", value(it.result.clone()));
            }
            if !it.notes.is_empty() {
                t.insert("notes", value(it.notes.join("; ")));
            }
            items.push(t);
        }
        if !items.is_empty() {
            s.insert("item", Item::ArrayOfTables(items));
        }
        sections.push(s);
        // notes about rows left out after the section's last item: above the next table
        carried.extend(sec.comments.iter().cloned());
    }
    doc.insert("section", Item::ArrayOfTables(sections));
    if !carried.is_empty() {
        doc.set_trailing(format!("\n{}", comments(&carried)));
    }
    let raw = doc.to_string();
    crate::fmt::format(&raw).unwrap_or(raw)
}
