//! The plan format, described once: every table of a plan file, its keys in their canonical
//! order, what each key holds and what it means. The loader checks keys against it
//! ([`crate::load`]), `moc fmt` orders keys by it ([`crate::fmt`]), the JSON Schema for editors
//! is generated from it ([`crate::schema`]), and new plans (`moc init`, `moc import`) are laid out
//! by it through `moc fmt`.
//! `docs/format.md` says the same for people.

/// What a key holds.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Ty {
    /// A string.
    Text,
    /// A list of strings (one string is taken as a list of one).
    Texts,
    /// A string with names separated by commas, or a list of names.
    Names,
    /// A number (a string such as «79,2» is accepted).
    Number,
    /// A date: `2026-09-15` (TOML's) or `"15.09.2026"`.
    Date,
    /// A plan year: `2026` or `"2026/2027"`.
    Year,
    /// A period of recurring work: `"2026-05"` (a month) or a date inside the period.
    Period,
    /// A calendar year as a number.
    CalendarYear,
    /// One of these strings.
    Choice(&'static [&'static str]),
    /// `true` or `false`.
    Bool,
    /// An item's status: an id or a Russian word.
    Status,
    /// A table.
    Table(&'static Table),
    /// An array of tables.
    Tables(&'static Table),
}

/// One key of a table.
#[derive(Debug)]
pub(crate) struct Key {
    pub(crate) name: &'static str,
    pub(crate) ty: Ty,
    pub(crate) required: bool,
    /// What it is, in Russian (the plan's readers' language; the schema shows it in editors).
    pub(crate) doc: &'static str,
    /// A value as a plan writes it (TOML), for hints and the schema.
    pub(crate) example: Option<&'static str>,
}

/// A table of the format.
#[derive(Debug)]
pub(crate) struct Table {
    /// How messages name it: «[plan]», «[[section.item]]».
    pub(crate) name: &'static str,
    pub(crate) doc: &'static str,
    pub(crate) keys: &'static [Key],
}

impl Table {
    /// The key called `name`.
    pub(crate) fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|k| k.name == name)
    }

    /// The names of the keys, in canonical order.
    pub(crate) fn names(&self) -> Vec<&'static str> {
        self.keys.iter().map(|k| k.name).collect()
    }

    /// The place of `name` in the canonical order (unknown keys last).
    pub(crate) fn rank(&self, name: &str) -> usize {
        self.keys
            .iter()
            .position(|k| k.name == name)
            .unwrap_or(usize::MAX)
    }

    /// Whether the table has a key called `name`.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.key(name).is_some()
    }
}

const fn key(name: &'static str, ty: Ty, doc: &'static str) -> Key {
    Key {
        name,
        ty,
        required: false,
        doc,
        example: None,
    }
}

const fn required(name: &'static str, ty: Ty, doc: &'static str, example: &'static str) -> Key {
    Key {
        name,
        ty,
        required: true,
        doc,
        example: Some(example),
    }
}

const fn example(mut k: Key, example: &'static str) -> Key {
    k.example = Some(example);
    k
}

/// A plan file.
pub(crate) static FILE: Table = Table {
    name: "файл плана",
    doc: "План работы муниципального опорного центра (МОЦ) дополнительного образования детей — формат moc.",
    keys: &[
        Key {
            name: "plan",
            ty: Ty::Table(&PLAN),
            required: true,
            doc: "Шапка плана: название, учреждение, муниципалитет, год, гриф утверждения, цель и задачи.",
            example: None,
        },
        key(
            "report",
            Ty::Table(&REPORT),
            "Что показывать в отчёте (moc report): строку «Сформировано программой moc», гриф «Утверждено».",
        ),
        key(
            "responsible",
            Ty::Tables(&RESPONSIBLE),
            "Список ответственных: каждый, кого называет графа «Ответственные».",
        ),
        key(
            "section",
            Ty::Tables(&SECTION),
            "Разделы плана по порядку; мероприятия — внутри ([[section.item]]).",
        ),
        key(
            "indicator",
            Ty::Tables(&INDICATOR),
            "Показатели для отчёта (охват детей, программы в Навигаторе…).",
        ),
    ],
};

/// `[plan]`.
pub(crate) static PLAN: Table = Table {
    name: "[plan]",
    doc: "Шапка плана.",
    keys: &[
        required(
            "title",
            Ty::Text,
            "Название плана.",
            "\"План работы МОЦ на 2026 год\"",
        ),
        example(
            key(
                "organisation",
                Ty::Text,
                "Учреждение, на базе которого работает МОЦ.",
            ),
            "\"МКОУ ДО «Мосальский дом творчества»\"",
        ),
        example(
            key("municipality", Ty::Text, "Муниципалитет."),
            "\"Мосальский муниципальный округ\"",
        ),
        example(key("region", Ty::Text, "Регион."), "\"Калужская область\""),
        required(
            "year",
            Ty::Year,
            "Год плана: календарный числом (2026) или учебный строкой (\"2026/2027\").",
            "2026",
        ),
        key(
            "language",
            Ty::Choice(&["ru", "en"]),
            "Язык документов из плана: ru (по умолчанию) или en.",
        ),
        key("goal", Ty::Text, "Цель работы МОЦ."),
        key("tasks", Ty::Texts, "Задачи МОЦ."),
        key("approval", Ty::Table(&APPROVAL), "Гриф утверждения."),
        key(
            "signature",
            Ty::Table(&SIGNATURE),
            "Подпись под отчётом: должность и имя подписывающего, исполнитель и его телефон.",
        ),
    ],
};

/// `[plan.signature]`.
pub(crate) static SIGNATURE: Table = Table {
    name: "[plan.signature]",
    doc: "Подпись под отчётом (moc report): кто подписывает, кто исполнитель; все ключи необязательны.",
    keys: &[
        example(
            key("position", Ty::Text, "Должность подписывающего отчёт."),
            "\"Директор МКОУ ДО МДТ\"",
        ),
        example(
            key("name", Ty::Text, "Имя подписывающего отчёт."),
            "\"Е.Н. Петухова\"",
        ),
        example(
            key(
                "executor",
                Ty::Text,
                "Исполнитель: кто подготовил отчёт (строка «Исполнитель:» под подписью).",
            ),
            "\"Иванова Анна Александровна, методист МОЦ\"",
        ),
        example(
            key("phone", Ty::Text, "Телефон исполнителя."),
            "\"8 (48452) 2-11-11\"",
        ),
    ],
};

/// `[report]` of a plan or of `moc.toml`.
pub(crate) static REPORT: Table = Table {
    name: "[report]",
    doc: "Что показывать в отчёте (moc report). Ключи плана важнее ключей moc.toml; параметры \
          --no-footer и --no-approval важнее обоих.",
    keys: &[
        example(
            key(
                "footer",
                Ty::Bool,
                "Строка «Сформировано программой moc по плану … коммит …» в конце отчёта: true (по умолчанию) или false.",
            ),
            "false",
        ),
        example(
            key(
                "approval",
                Ty::Bool,
                "Гриф «Утверждено» над заголовком отчёта: true (по умолчанию) или false.",
            ),
            "false",
        ),
    ],
};

/// `[plan.approval]`.
pub(crate) static APPROVAL: Table = Table {
    name: "[plan.approval]",
    doc: "Гриф утверждения.",
    keys: &[
        example(
            key("heading", Ty::Text, "«Утверждено» или «Утверждаю»."),
            "\"Утверждено\"",
        ),
        example(
            key("position", Ty::Text, "Должность утверждающего."),
            "\"Директор МКОУ ДО МДТ\"",
        ),
        example(
            key("name", Ty::Text, "Имя утверждающего."),
            "\"Е.Н. Петухова\"",
        ),
        example(
            key("date", Ty::Date, "Дата утверждения: 2026-01-15."),
            "2026-01-15",
        ),
        example(
            key("order", Ty::Text, "Приказ."),
            "\"Приказ № 5 от 15.01.2026\"",
        ),
    ],
};

/// `[[responsible]]`.
pub(crate) static RESPONSIBLE: Table = Table {
    name: "[[responsible]]",
    doc: "Ответственный.",
    keys: &[
        required(
            "name",
            Ty::Text,
            "Имя так, как оно пишется в плане.",
            "\"Руководитель МОЦ\"",
        ),
        key(
            "kind",
            Ty::Choice(&["role", "organisation", "organization", "person"]),
            "Вид: role — должность, organisation — организация, person — человек.",
        ),
        key(
            "aliases",
            Ty::Texts,
            "Другие написания того же ответственного.",
        ),
        example(
            key("full_name", Ty::Text, "Расшифровка сокращения."),
            "\"Региональный модельный центр дополнительного образования детей\"",
        ),
        key("person", Ty::Text, "Человек в этой должности."),
    ],
};

/// `[[section]]`.
pub(crate) static SECTION: Table = Table {
    name: "[[section]]",
    doc: "Раздел плана.",
    keys: &[
        required(
            "number",
            Ty::Text,
            "Номер раздела, как в плане: \"1\", \"IV\".",
            "\"1\"",
        ),
        required(
            "title",
            Ty::Text,
            "Название раздела.",
            "\"Мероприятия по обеспечению деятельности МОЦ\"",
        ),
        key("item", Ty::Tables(&ITEM), "Мероприятия раздела."),
    ],
};

/// `[[section.item]]`.
pub(crate) static ITEM: Table = Table {
    name: "[[section.item]]",
    doc: "Мероприятие.",
    keys: &[
        required(
            "number",
            Ty::Text,
            "Номер мероприятия, как в плане: \"1.1\", \"2.2.\", \"16\" (строкой, в кавычках).",
            "\"1.1\"",
        ),
        required(
            "title",
            Ty::Text,
            "Графа «Мероприятие».",
            "\"Название мероприятия\"",
        ),
        required(
            "deadline",
            Ty::Text,
            "Графа «Срок» дословно: «Сентябрь 2026г.», «Апрель – май 2026г.», «ежемесячно», «Июнь (июль) 2026», «По запросу». Проверить: moc deadline \"…\".",
            "\"Сентябрь 2026 г.\"",
        ),
        example(
            key(
                "responsible",
                Ty::Names,
                "Графа «Ответственные»: через запятую или списком; имена — из [[responsible]].",
            ),
            "\"Руководитель МОЦ, методист\"",
        ),
        example(
            key(
                "status",
                Ty::Status,
                "Состояние: planned, in_progress, done, partly_done, postponed, cancelled (или по-русски).",
            ),
            "\"done\"",
        ),
        key("result", Ty::Text, "Результат исполнения (графа отчёта)."),
        example(
            key("done_on", Ty::Date, "Дата выполнения: 2026-06-18."),
            "2026-06-18",
        ),
        example(
            key(
                "postponed_to",
                Ty::Text,
                "Новый срок перенесённого мероприятия (фраза, как в deadline).",
            ),
            "\"Январь 2027 г.\"",
        ),
        key("reason", Ty::Text, "Причина переноса или отмены."),
        key(
            "links",
            Ty::Texts,
            "Ссылки на подтверждения: публикации, документы.",
        ),
        key("notes", Ty::Text, "Заметки (в отчёт не идут)."),
        key(
            "progress",
            Ty::Tables(&PROGRESS),
            "Ход работы: записи с датой (для ежемесячных и круглогодичных мероприятий).",
        ),
        key(
            "missed",
            Ty::Tables(&MISSED),
            "Почему пропущен период периодического мероприятия (moc note … --for …).",
        ),
    ],
};

/// `[[section.item.progress]]`.
pub(crate) static PROGRESS: Table = Table {
    name: "[[section.item.progress]]",
    doc: "Запись о ходе работы.",
    keys: &[
        required("date", Ty::Date, "Дата: 2026-03-05.", "2026-03-05"),
        required("text", Ty::Text, "Что сделано.", "\"Что сделано\""),
        example(
            key(
                "period",
                Ty::Period,
                "За какой период запись (если сделана позже): \"2026-05\" — за май.",
            ),
            "\"2026-05\"",
        ),
    ],
};

/// `[[section.item.missed]]`.
pub(crate) static MISSED: Table = Table {
    name: "[[section.item.missed]]",
    doc: "Пропущенный период и его причина.",
    keys: &[
        required(
            "period",
            Ty::Period,
            "Пропущенный период: \"2026-05\" — май (или дата внутри периода).",
            "\"2026-05\"",
        ),
        required(
            "reason",
            Ty::Text,
            "Почему пропущен (попадёт в отчёт).",
            "\"Отпуск методиста\"",
        ),
    ],
};

/// `[[indicator]]`.
pub(crate) static INDICATOR: Table = Table {
    name: "[[indicator]]",
    doc: "Показатель.",
    keys: &[
        example(
            key(
                "id",
                Ty::Text,
                "Код показателя из каталога (moc check подскажет его по названию) или из moc.toml: по нему регион складывает показатели муниципалитетов.",
            ),
            "\"coverage_5_18\"",
        ),
        required(
            "name",
            Ty::Text,
            "Название показателя.",
            "\"Программ в Навигаторе\"",
        ),
        example(key("unit", Ty::Text, "Единица: %, ед., чел."), "\"%\""),
        key("target", Ty::Number, "План."),
        key(
            "actual",
            Ty::Number,
            "Факт (для доли moc считает его сам из numerator и denominator).",
        ),
        key("last_year", Ty::Number, "Значение прошлого года."),
        key("numerator", Ty::Number, "Числитель доли: сколько."),
        key("denominator", Ty::Number, "Знаменатель доли: из скольких."),
    ],
};

/// `moc.toml`, the region's settings at the repository's root.
pub(crate) static SETTINGS: Table = Table {
    name: "moc.toml",
    doc: "Настройки регионального репозитория.",
    keys: &[
        key(
            "region",
            Ty::Table(&REGION),
            "Регион: название и год по умолчанию.",
        ),
        key(
            "responsible",
            Ty::Tables(&RESPONSIBLE),
            "Ответственные, которых может называть любой план региона (РМЦ, УО…).",
        ),
        key(
            "report",
            Ty::Table(&REPORT),
            "Что показывать в отчётах всех планов (план может решить иначе своим [report]).",
        ),
        key(
            "indicator",
            Ty::Tables(&REGION_INDICATOR),
            "Показатели региона: цели региона для показателей каталога и свои показатели региона.",
        ),
    ],
};

/// `[[indicator]]` of `moc.toml`: a target of the region for a catalogue indicator, or the
/// region's own indicator.
pub(crate) static REGION_INDICATOR: Table = Table {
    name: "[[indicator]]",
    doc: "Показатель региона.",
    keys: &[
        required(
            "id",
            Ty::Text,
            "Код: из каталога (moc indicator list) — чтобы задать цель региона, или новый — свой показатель региона.",
            "\"coverage_5_18\"",
        ),
        example(
            key("name", Ty::Text, "Название (для нового кода обязательно)."),
            "\"Команд робототехники\"",
        ),
        example(key("unit", Ty::Text, "Единица: %, ед., чел."), "\"ед.\""),
        example(
            key(
                "rollup",
                Ty::Choice(&["sum", "share", "none"]),
                "Как складывать по муниципалитетам: sum — сумма, share — доля из сумм числителей и знаменателей, none — не складывается.",
            ),
            "\"sum\"",
        ),
        key(
            "numerator",
            Ty::Text,
            "Для share: код показателя-числителя.",
        ),
        key(
            "denominator",
            Ty::Text,
            "Для share: код показателя-знаменателя.",
        ),
        example(
            key(
                "year",
                Ty::CalendarYear,
                "Год цели (без него — цель на каждый год).",
            ),
            "2026",
        ),
        example(key("target", Ty::Number, "Цель региона."), "82.0"),
    ],
};

/// `[region]` of `moc.toml`.
pub(crate) static REGION: Table = Table {
    name: "[region]",
    doc: "Регион.",
    keys: &[
        example(
            key("name", Ty::Text, "Название региона или репозитория."),
            "\"Калужская область\"",
        ),
        example(
            key(
                "year",
                Ty::CalendarYear,
                "Год, который команды берут по умолчанию.",
            ),
            "2026",
        ),
    ],
};

/// The table at a path of keys (`["section", "item"]`), in a plan file.
pub(crate) fn at(path: &[&str]) -> Option<&'static Table> {
    let mut t = &FILE;
    for p in path {
        t = match t.key(p)?.ty {
            Ty::Table(x) | Ty::Tables(x) => x,
            _ => return None,
        };
    }
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lead_to_tables() {
        assert_eq!(
            at(&["section", "item"]).map(|t| t.name),
            Some("[[section.item]]")
        );
        assert_eq!(
            at(&["section", "item", "progress"]).map(|t| t.name),
            Some("[[section.item.progress]]")
        );
        assert!(at(&["section", "title"]).is_none());
        assert_eq!(ITEM.rank("deadline"), 2);
        assert_eq!(ITEM.rank("bogus"), usize::MAX);
    }

    #[test]
    fn every_required_key_has_an_example() {
        for t in [
            &PLAN,
            &APPROVAL,
            &SIGNATURE,
            &REPORT,
            &RESPONSIBLE,
            &SECTION,
            &ITEM,
            &PROGRESS,
            &INDICATOR,
            &REGION_INDICATOR,
        ] {
            for k in t.keys {
                assert!(!k.required || k.example.is_some(), "{}.{}", t.name, k.name);
                assert!(!k.doc.is_empty(), "{}.{}", t.name, k.name);
            }
        }
    }
}
