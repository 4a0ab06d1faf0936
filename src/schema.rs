//! The JSON Schema of a plan file, for editors (Even Better TOML / taplo, Tombi): they read the
//! `#:schema ./moc-plan.schema.json` line at the top of a plan and then check and complete it as
//! it is typed. The schema is generated from the one description of the format
//! ([`crate::format`]); descriptions are in Russian, with examples. Draft-07, the dialect editors
//! understand best.

use serde_json::{Map, Value, json};

use crate::format::{self, Table, Ty};
use crate::model::Status;

fn year() -> Value {
    json!({
        "description": "Год плана: 2026 или \"2026/2027\"",
        "anyOf": [
            { "type": "integer", "minimum": 1900, "maximum": 2200 },
            { "type": "string", "pattern": "^\\s*\\d{4}\\s*[/–-]\\s*(\\d{2}|\\d{4})\\s*$" }
        ],
        "examples": [2026, "2026/2027"]
    })
}

fn date() -> Value {
    json!({
        "description": "Дата: 2026-09-15 (без кавычек) или \"15.09.2026\"",
        "type": "string",
        "pattern": "^(\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\.\\d{1,2}\\.(\\d{2}|\\d{4}))",
        "examples": ["2026-09-15"]
    })
}

/// The schema of a value of type `ty`.
fn value(ty: Ty, defs: &mut Map<String, Value>) -> Value {
    match ty {
        Ty::Text => json!({ "type": "string" }),
        Ty::Texts => json!({
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        }),
        Ty::Names => json!({
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ],
            "examples": ["Руководитель МОЦ, методист"]
        }),
        Ty::Number => json!({
            "anyOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^\\s*-?[\\d\\s\u{a0}]+([.,]\\d+)?\\s*$" }
            ]
        }),
        Ty::Date => date(),
        Ty::Period => json!({
            "description": "Период: \"2026-05\" (месяц) или дата внутри периода",
            "type": "string",
            "pattern": "^(\\d{4}-\\d{2}(-\\d{2})?|\\d{1,2}\\.\\d{1,2}\\.(\\d{2}|\\d{4}))$",
            "examples": ["2026-05"]
        }),
        Ty::Year => year(),
        Ty::CalendarYear => json!({ "type": "integer", "minimum": 1900, "maximum": 2200 }),
        Ty::Choice(values) => json!({ "type": "string", "enum": values }),
        Ty::Status => {
            let mut all: Vec<String> = Status::spellings().into_iter().map(str::to_owned).collect();
            all.extend(Status::ALL.iter().map(|s| s.id().replace('_', "-")));
            json!({ "type": "string", "enum": all, "examples": ["done"] })
        }
        Ty::Table(t) => reference(t, defs),
        Ty::Tables(t) => json!({ "type": "array", "items": reference(t, defs) }),
    }
}

/// A `$ref` to the definition of table `t`, made the first time.
fn reference(t: &'static Table, defs: &mut Map<String, Value>) -> Value {
    let name = def_name(t);
    if !defs.contains_key(&name) {
        defs.insert(name.clone(), Value::Null);
        let schema = table(t, defs);
        defs.insert(name.clone(), schema);
    }
    json!({ "$ref": format!("#/definitions/{name}") })
}

/// `[[section.item]]` → `section.item`.
fn def_name(t: &Table) -> String {
    t.name.trim_matches(['[', ']']).to_owned()
}

/// The schema of a table: its keys, the required ones, nothing else allowed.
fn table(t: &'static Table, defs: &mut Map<String, Value>) -> Value {
    let mut props = Map::new();
    for k in t.keys {
        let mut v = value(k.ty, defs);
        if let Value::Object(m) = &mut v {
            if !m.contains_key("description") || matches!(k.ty, Ty::Date | Ty::Year) {
                m.insert("description".into(), Value::from(k.doc));
            }
            if let Some(ex) = k.example
                && !m.contains_key("examples")
                && let Ok(mut parsed) = format!("v = {ex}").parse::<toml::Table>()
                && let Some(parsed) = parsed.remove("v")
            {
                let example = match parsed {
                    toml::Value::String(s) => Value::from(s),
                    toml::Value::Integer(i) => Value::from(i),
                    toml::Value::Float(f) => Value::from(f),
                    toml::Value::Datetime(d) => Value::from(d.to_string()),
                    other => Value::from(other.to_string()),
                };
                m.insert("examples".into(), json!([example]));
            }
        }
        props.insert(k.name.to_owned(), v);
    }
    let required: Vec<&str> = t
        .keys
        .iter()
        .filter(|k| k.required)
        .map(|k| k.name)
        .collect();
    let mut m = Map::new();
    m.insert("description".into(), Value::from(t.doc));
    m.insert("type".into(), Value::from("object"));
    m.insert("properties".into(), Value::Object(props));
    if !required.is_empty() {
        m.insert("required".into(), json!(required));
    }
    m.insert("additionalProperties".into(), Value::from(false));
    Value::Object(m)
}

/// The schema as JSON text.
pub(crate) fn plan_schema() -> String {
    let mut defs = Map::new();
    let root = table(&format::FILE, &mut defs);
    let mut doc = Map::new();
    doc.insert(
        "$schema".into(),
        Value::from("http://json-schema.org/draft-07/schema#"),
    );
    doc.insert("title".into(), Value::from("План работы МОЦ (moc)"));
    if let Value::Object(r) = root {
        doc.extend(r);
    }
    doc.insert("definitions".into(), Value::Object(defs));
    let mut s = serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default();
    s.push('\n');
    s
}
