//! The JSON Schema of a plan file, for editors (Even Better TOML / taplo, Tombi): they read the
//! `#:schema ./moc-plan.schema.json` line at the top of a plan and then check and complete it as
//! it is typed. The schema is generated (schemars) from the structs below, which mirror the
//! format that [`crate::load`] reads; descriptions are in Russian, with examples. Draft-07, the
//! dialect editors understand best.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::model::Status;

/// План работы муниципального опорного центра (МОЦ) дополнительного образования детей — формат moc.
#[derive(JsonSchema)]
#[schemars(title = "План работы МОЦ (moc)", deny_unknown_fields)]
#[allow(dead_code)]
struct PlanFile {
    /// Шапка плана: название, учреждение, муниципалитет, год, гриф утверждения, цель и задачи.
    plan: PlanTable,
    /// Список ответственных: каждый, кого называет графа «Ответственные».
    #[serde(default)]
    responsible: Vec<ResponsibleTable>,
    /// Разделы плана по порядку; мероприятия — внутри ([[section.item]]).
    #[serde(default)]
    section: Vec<SectionTable>,
    /// Показатели для отчёта (охват детей, программы в Навигаторе…).
    #[serde(default)]
    indicator: Vec<IndicatorTable>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct PlanTable {
    /// Название плана.
    #[schemars(example = &"План работы Муниципального опорного центра дополнительного образования детей")]
    title: String,
    /// Учреждение, на базе которого работает МОЦ.
    #[schemars(example = &"МКОУ ДО «Мосальский дом творчества»")]
    organisation: Option<String>,
    /// Муниципалитет.
    #[schemars(example = &"Мосальский муниципальный округ")]
    municipality: Option<String>,
    /// Регион.
    #[schemars(example = &"Калужская область")]
    region: Option<String>,
    /// Год плана: календарный числом (2026) или учебный строкой ("2026/2027").
    #[schemars(schema_with = "year_schema")]
    #[serde(default)]
    year: Option<String>,
    /// Язык документов из плана: ru (по умолчанию) или en.
    #[schemars(schema_with = "language_schema")]
    #[serde(default)]
    language: Option<String>,
    /// Цель работы МОЦ.
    goal: Option<String>,
    /// Задачи МОЦ.
    #[serde(default)]
    tasks: Vec<String>,
    /// Гриф утверждения.
    approval: Option<ApprovalTable>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct ApprovalTable {
    /// «Утверждено» или «Утверждаю».
    #[schemars(example = &"Утверждено")]
    heading: Option<String>,
    /// Должность утверждающего.
    #[schemars(example = &"Директор МКОУ ДО МДТ")]
    position: Option<String>,
    /// Имя утверждающего.
    #[schemars(example = &"Е.Н. Петухова")]
    name: Option<String>,
    /// Дата утверждения: 2026-01-15.
    #[schemars(schema_with = "date_schema")]
    #[serde(default)]
    date: Option<String>,
    /// Приказ.
    #[schemars(example = &"Приказ № 5 от 15.01.2026")]
    order: Option<String>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct ResponsibleTable {
    /// Имя так, как оно пишется в плане.
    #[schemars(example = &"Руководитель МОЦ")]
    name: String,
    /// Вид: role — должность, organisation — организация, person — человек.
    #[schemars(schema_with = "kind_schema")]
    #[serde(default)]
    kind: Option<String>,
    /// Другие написания того же ответственного.
    #[serde(default)]
    aliases: Vec<String>,
    /// Расшифровка сокращения.
    #[schemars(example = &"Региональный модельный центр дополнительного образования детей")]
    full_name: Option<String>,
    /// Человек в этой должности.
    person: Option<String>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct SectionTable {
    /// Номер раздела, как в плане: "1", "IV".
    #[schemars(example = &"1")]
    number: String,
    /// Название раздела.
    #[schemars(example = &"Мероприятия по обеспечению деятельности МОЦ")]
    title: String,
    /// Мероприятия раздела.
    #[serde(default)]
    item: Vec<ItemTable>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct ItemTable {
    /// Номер мероприятия, как в плане: "1.1", "2.2.", "16" (строкой, в кавычках).
    #[schemars(example = &"1.1")]
    number: String,
    /// Графа «Мероприятие».
    #[schemars(example = &"Участие в семинарах, вебинарах и других мероприятиях по вопросам реализации Целевой модели")]
    title: String,
    /// Графа «Срок» дословно: «Сентябрь 2026г.», «Апрель – май 2026г.», «ежемесячно», «Июнь (июль) 2026», «По запросу». Проверить: moc deadline "…".
    #[schemars(example = &"В течение года")]
    deadline: String,
    /// Графа «Ответственные»: через запятую или списком; имена — из [[responsible]].
    #[schemars(schema_with = "responsible_schema")]
    #[serde(default)]
    responsible: Option<String>,
    /// Состояние: planned, in_progress, done, partly_done, postponed, cancelled (или по-русски).
    #[schemars(schema_with = "status_schema")]
    #[serde(default)]
    status: Option<String>,
    /// Результат исполнения (графа отчёта).
    result: Option<String>,
    /// Дата выполнения: 2026-06-18.
    #[schemars(schema_with = "date_schema")]
    #[serde(default)]
    done_on: Option<String>,
    /// Новый срок перенесённого мероприятия (фраза, как в deadline).
    postponed_to: Option<String>,
    /// Причина переноса или отмены.
    reason: Option<String>,
    /// Ссылки на подтверждения: публикации, документы.
    #[serde(default)]
    links: Vec<String>,
    /// Заметки (в отчёт не идут).
    notes: Option<String>,
    /// Ход работы: записи с датой (для ежемесячных и круглогодичных мероприятий).
    #[serde(default)]
    progress: Vec<ProgressEntry>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct ProgressEntry {
    /// Дата: 2026-03-05.
    #[schemars(schema_with = "date_schema")]
    date: String,
    /// Что сделано.
    #[schemars(example = &"Три публикации о записи в объединения")]
    text: String,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct IndicatorTable {
    /// Название показателя.
    #[schemars(example = &"Доля детей 5–18 лет, охваченных дополнительным образованием")]
    name: String,
    /// Единица: %, ед., чел.
    #[schemars(example = &"%")]
    unit: Option<String>,
    /// План.
    target: Option<f64>,
    /// Факт (для доли moc считает его сам из numerator и denominator).
    actual: Option<f64>,
    /// Значение прошлого года.
    last_year: Option<f64>,
    /// Числитель доли: сколько.
    numerator: Option<f64>,
    /// Знаменатель доли: из скольких.
    denominator: Option<f64>,
}

fn year_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "Год плана: 2026 или \"2026/2027\"",
        "anyOf": [
            { "type": "integer", "minimum": 1900, "maximum": 2200 },
            { "type": "string", "pattern": "^\\s*\\d{4}\\s*[/–-]\\s*(\\d{2}|\\d{4})\\s*$" }
        ],
        "examples": [2026, "2026/2027"]
    })
}

fn date_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "Дата: 2026-09-15 (без кавычек) или \"15.09.2026\"",
        "type": "string",
        "pattern": "^(\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\.\\d{1,2}\\.(\\d{2}|\\d{4}))",
        "examples": ["2026-09-15"]
    })
}

fn language_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "enum": ["ru", "en"] })
}

fn kind_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "enum": ["role", "organisation", "organization", "person"] })
}

fn responsible_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            { "type": "string" },
            { "type": "array", "items": { "type": "string" } }
        ],
        "examples": ["Руководитель МОЦ, методист"]
    })
}

fn status_schema(_: &mut SchemaGenerator) -> Schema {
    let mut all: Vec<String> = Status::spellings().into_iter().map(str::to_owned).collect();
    all.extend(Status::ALL.iter().map(|s| s.id().replace('_', "-")));
    json_schema!({ "type": "string", "enum": all, "examples": ["done"] })
}

/// An optional key needs no `"default": null` (an editor would offer to insert it).
fn drop_empty_defaults(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if map.get("default").is_some_and(serde_json::Value::is_null) {
                map.remove("default");
            }
            map.values_mut().for_each(drop_empty_defaults);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_empty_defaults),
        _ => {}
    }
}

/// The schema as JSON text.
pub fn plan_schema() -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<PlanFile>();
    let mut value = schema.to_value();
    drop_empty_defaults(&mut value);
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}
