//! What changed between two versions of a plan, item by item: added, removed, renumbered, or
//! changed (status with its result and date, deadline, responsibles, progress entries, title,
//! reason, postponement), and indicators. One record per item, whatever the number of its keys
//! that changed, so that «marked three items done» reads as three changes.

use serde::Serialize;
use serde_json::{Value, json};

use crate::i18n::Lang;
use crate::model::Number;
use crate::model::{Item, Plan};
use crate::tr;
use crate::view::item_id;

/// How an item changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Kind {
    Added,
    Removed,
    Renumbered,
    Changed,
    Indicator,
}

/// One field of an item, before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Field {
    pub(crate) field: &'static str,
    pub(crate) old: Value,
    pub(crate) new: Value,
}

/// One change of one item (or indicator) of one plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Change {
    pub(crate) plan: String,
    pub(crate) id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) old_id: Option<String>,
    pub(crate) kind: Kind,
    pub(crate) title: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) fields: Vec<Field>,
}

fn key(section: &Number, item: &Item) -> (Vec<u32>, String) {
    (
        section.parts().map(<[u32]>::to_vec).unwrap_or_default(),
        item_id(item),
    )
}

fn deadline_value(item: &Item) -> Value {
    match item.deadline.as_ref() {
        Ok(d) => {
            json!({ "phrase": item.deadline_phrase, "start": d.start, "end": d.end, "due": d.due })
        }
        Err(_) => json!({ "phrase": item.deadline_phrase }),
    }
}

fn opt(s: Option<&String>) -> Value {
    s.map_or(Value::Null, |s| Value::String(s.clone()))
}

/// The fields that differ between two versions of an item.
pub(crate) fn item_fields(old: &Item, new: &Item, old_plan: &Plan, new_plan: &Plan) -> Vec<Field> {
    let mut f = Vec::new();
    let mut push = |field: &'static str, a: Value, b: Value| {
        if a != b {
            f.push(Field {
                field,
                old: a,
                new: b,
            });
        }
    };
    push("status", json!(old.status.id()), json!(new.status.id()));
    push("result", opt(old.result.as_ref()), opt(new.result.as_ref()));
    push("done_on", json!(old.done_on), json!(new.done_on));
    push(
        "postponed_to",
        opt(old.postponed_to.as_ref()),
        opt(new.postponed_to.as_ref()),
    );
    push("reason", opt(old.reason.as_ref()), opt(new.reason.as_ref()));
    if old.deadline_phrase != new.deadline_phrase {
        push("deadline", deadline_value(old), deadline_value(new));
    }
    push(
        "responsibles",
        json!(old.responsible_names(&old_plan.roster)),
        json!(new.responsible_names(&new_plan.roster)),
    );
    push("title", json!(old.title), json!(new.title));
    let added: Vec<Value> = new
        .progress
        .iter()
        .filter(|p| {
            !old.progress
                .iter()
                .any(|q| q.date == p.date && q.text == p.text)
        })
        .map(|p| json!({ "date": p.date, "text": p.text }))
        .collect();
    push("notes", opt(old.notes.as_ref()), opt(new.notes.as_ref()));
    push("links", json!(old.links), json!(new.links));
    if !added.is_empty() {
        f.push(Field {
            field: "progress_added",
            old: Value::Null,
            new: Value::Array(added),
        });
    }
    f
}

/// The changes from `old` to `new` of the plan at `name` (either may be missing: a plan added
/// or removed).
pub(crate) fn diff(name: &str, old: Option<&Plan>, new: Option<&Plan>) -> Vec<Change> {
    let empty = Plan {
        meta: crate::model::Meta::default(),
        year: crate::deadline::PlanYear::Calendar(0),
        roster: Vec::new(),
        sections: Vec::new(),
        indicators: Vec::new(),
    };
    let (old, new) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    let olds: Vec<((Vec<u32>, String), &Item)> =
        old.items().map(|(s, i)| (key(&s.number, i), i)).collect();
    let news: Vec<((Vec<u32>, String), &Item)> =
        new.items().map(|(s, i)| (key(&s.number, i), i)).collect();
    let mut out = Vec::new();
    let mut matched_old = vec![false; olds.len()];
    let mut unmatched_new: Vec<usize> = Vec::new();
    // by key and by title, each the first old item that has it: matching stays linear whatever
    // the number of items (a renumbered region of 40 000 items)
    let mut by_key: std::collections::HashMap<&(Vec<u32>, String), usize> =
        std::collections::HashMap::with_capacity(olds.len());
    for (oi, (k, _)) in olds.iter().enumerate() {
        by_key.entry(k).or_insert(oi);
    }
    for (ni, (k, item)) in news.iter().enumerate() {
        match by_key.get(k).copied() {
            Some(oi) if !matched_old[oi] => {
                matched_old[oi] = true;
                let fields = item_fields(olds[oi].1, item, old, new);
                if !fields.is_empty() {
                    out.push(Change {
                        plan: name.to_owned(),
                        id: item_id(item),
                        old_id: None,
                        kind: Kind::Changed,
                        title: item.title.clone(),
                        fields,
                    });
                }
            }
            _ => unmatched_new.push(ni),
        }
    }
    // an item whose number changed but whose text did not: renumbered (old items of one title
    // are taken in their order)
    let mut by_title: std::collections::HashMap<&str, std::collections::VecDeque<usize>> =
        std::collections::HashMap::new();
    for (oi, (_, o)) in olds.iter().enumerate() {
        if !matched_old[oi] {
            by_title.entry(o.title.as_str()).or_default().push_back(oi);
        }
    }
    for ni in unmatched_new {
        let item = news[ni].1;
        let same = by_title
            .get_mut(item.title.as_str())
            .and_then(std::collections::VecDeque::pop_front);
        match same {
            Some(oi) => {
                matched_old[oi] = true;
                let mut fields = item_fields(olds[oi].1, item, old, new);
                fields.retain(|f| f.field != "title");
                out.push(Change {
                    plan: name.to_owned(),
                    id: item_id(item),
                    old_id: Some(item_id(olds[oi].1)),
                    kind: Kind::Renumbered,
                    title: item.title.clone(),
                    fields,
                });
            }
            None => out.push(Change {
                plan: name.to_owned(),
                id: item_id(item),
                old_id: None,
                kind: Kind::Added,
                title: item.title.clone(),
                fields: Vec::new(),
            }),
        }
    }
    for (oi, (_, item)) in olds.iter().enumerate() {
        if !matched_old[oi] {
            out.push(Change {
                plan: name.to_owned(),
                id: item_id(item),
                old_id: None,
                kind: Kind::Removed,
                title: item.title.clone(),
                fields: Vec::new(),
            });
        }
    }
    for ind in &new.indicators {
        let before = old.indicators.iter().find(|i| i.name == ind.name);
        let value = |i: &crate::model::Indicator| json!({ "target": i.target, "actual": i.value(), "last_year": i.last_year });
        let (a, b) = (before.map_or(Value::Null, value), value(ind));
        if a != b {
            out.push(Change {
                plan: name.to_owned(),
                id: ind.name.clone(),
                old_id: None,
                kind: Kind::Indicator,
                title: ind.name.clone(),
                fields: vec![Field {
                    field: "indicator",
                    old: a,
                    new: b,
                }],
            });
        }
    }
    out
}

fn show(v: &Value, lang: Lang) -> String {
    match v {
        Value::Null => lang.pick("—", "—").to_owned(),
        Value::String(s) => {
            if let Some(st) = crate::model::Status::ALL.iter().find(|st| st.id() == s) {
                st.label(lang).to_owned()
            } else if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                crate::i18n::short_date(lang, d)
            } else {
                format!("«{s}»")
            }
        }
        Value::Array(a) => a
            .iter()
            .map(|x| show(x, lang))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(o) if o.contains_key("phrase") => show(&o["phrase"], lang),
        Value::Object(o) if o.contains_key("text") => format!(
            "{} {}",
            o["date"].as_str().unwrap_or(""),
            show(&o["text"], lang)
        ),
        Value::Object(o) => o
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

fn field_name(f: &str, lang: Lang) -> &'static str {
    match f {
        "status" => lang.pick("состояние", "status"),
        "result" => lang.pick("результат", "result"),
        "done_on" => lang.pick("дата выполнения", "done on"),
        "postponed_to" => lang.pick("новый срок", "postponed to"),
        "reason" => lang.pick("причина", "reason"),
        "deadline" => lang.pick("срок", "deadline"),
        "responsibles" => lang.pick("ответственные", "responsibles"),
        "title" => lang.pick("название", "title"),
        "progress_added" => lang.pick("ход работы", "progress"),
        "notes" => lang.pick("заметки", "notes"),
        "links" => lang.pick("ссылки", "links"),
        _ => lang.pick("показатель", "indicator"),
    }
}

/// A change in one line of words: «1.3 «…»: состояние: запланировано → выполнено; …».
pub(crate) fn describe(c: &Change, lang: Lang) -> String {
    let short = crate::text::shorten(&crate::text::squash_spaces(&c.title), 50);
    let title = short.strip_prefix('«').map_or(short.clone(), |t| {
        t.strip_suffix('»').unwrap_or(t).to_owned()
    });
    let what: Vec<String> = c
        .fields
        .iter()
        .map(|f| {
            if f.field == "progress_added" {
                format!("{}: + {}", field_name(f.field, lang), show(&f.new, lang))
            } else {
                format!(
                    "{}: {} → {}",
                    field_name(f.field, lang),
                    show(&f.old, lang),
                    show(&f.new, lang)
                )
            }
        })
        .collect();
    match c.kind {
        Kind::Added => tr!(
            lang,
            "+ {} «{title}» — добавлено",
            "+ {} «{title}» — added",
            c.id
        ),
        Kind::Removed => tr!(
            lang,
            "− {} «{title}» — удалено",
            "− {} «{title}» — removed",
            c.id
        ),
        Kind::Renumbered => {
            let from = c.old_id.as_deref().unwrap_or("?");
            let mut s = tr!(
                lang,
                "{from} → {} «{title}» — перенумеровано",
                "{from} → {} «{title}» — renumbered",
                c.id
            );
            if !what.is_empty() {
                s.push_str("; ");
                s.push_str(&what.join("; "));
            }
            s
        }
        Kind::Changed | Kind::Indicator => format!(
            "{} «{title}»: {}",
            if c.kind == Kind::Indicator {
                "•"
            } else {
                &c.id
            },
            what.join("; ")
        ),
    }
}

/// A plan as lines of text, one an item, for `git diff` (a textconv driver): the diff of two
/// versions then shows item by item what changed, not TOML lines.
/// Plan text on one line, its control characters written as escapes: the textconv output runs
/// inside `git diff`, on a terminal.
fn clean(s: &str) -> String {
    crate::text::escape_controls(&crate::text::squash_spaces(s), false)
}

pub(crate) fn textconv(plan: &Plan, lang: Lang) -> String {
    let mut s = String::new();
    for (sec, item) in plan.items() {
        let mut parts = vec![
            format!("{} {}", sec.number, item.number),
            crate::text::squash_spaces(&item.title),
            item.deadline_phrase.clone(),
            item.responsible_names(&plan.roster).join(", "),
            item.status.label(lang).to_owned(),
        ];
        if let Some(d) = item.done_on {
            parts.push(d.to_string());
        }
        if let Some(r) = &item.result {
            parts.push(crate::text::squash_spaces(r));
        }
        if let Some(p) = &item.postponed_to {
            parts.push(format!("→ {p}"));
        }
        if let Some(r) = &item.reason {
            parts.push(crate::text::squash_spaces(r));
        }
        s.push_str(&clean(&parts.join(" | ")));
        s.push('\n');
        for p in &item.progress {
            s.push_str(&format!("    {} {}\n", p.date, clean(&p.text)));
        }
    }
    let num =
        |x: Option<f64>| x.map_or_else(|| "—".to_owned(), |v| crate::i18n::decimal(lang, v, 1));
    for ind in &plan.indicators {
        s.push_str(&format!(
            "• {} | {} | {}\n",
            clean(&ind.name),
            num(ind.target),
            num(ind.value())
        ));
    }
    s
}
