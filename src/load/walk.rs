//! The walk over a parsed TOML table: typed reads of its keys (a string, a number, a date, a list,
//! tables) that report every unknown key, missing key and wrong type as a finding, in both
//! languages, with a did-you-mean — where serde would stop at the first problem with an English
//! message. The tables and keys themselves come from [`crate::format`].

use rustc_hash::FxHashMap as HashMap;

use super::tree::{Node, Table};
use chrono::NaiveDate;
use toml::Spanned;

use crate::checks::Check;
use crate::deadline::{Deadline, PlanYear};
use crate::diagnostic::Diagnostic;
use crate::format;
use crate::i18n::Text;
use crate::model::Understood;
use crate::source::Span;
use crate::text;

pub(super) type Value<'i> = Spanned<Node<'i>>;

/// A name found in a responsible phrase: where it stands in the phrase, and the roster entry.
pub(super) type Named = (std::ops::Range<usize>, Option<usize>);

/// Deadline phrases already understood, by phrase and plan year: a region's plans share most
/// phrases, so one reader (a core reading plan after plan) keeps one cache for all of them.
#[derive(Default)]
pub(crate) struct DeadlineCache {
    map: HashMap<String, Vec<(PlanYear, Understood)>>,
}

impl DeadlineCache {
    /// [`Deadline::parse`], remembered (at most a few thousand phrases).
    pub(super) fn parse(&mut self, phrase: &str, year: PlanYear) -> Understood {
        if let Some(hit) = self
            .map
            .get(phrase)
            .and_then(|years| years.iter().find(|(y, _)| *y == year))
        {
            return hit.1.clone();
        }
        let parsed = Deadline::parse(phrase, year)
            .map(std::sync::Arc::new)
            .map_err(Box::new);
        if self.map.len() >= 4096 {
            self.map.clear();
        }
        self.map
            .entry(phrase.to_owned())
            .or_default()
            .push((year, parsed.clone()));
        parsed
    }
}

/// The reader of one file: its text (for spans), its findings, and what it remembers.
pub(super) struct Walker<'s> {
    pub(super) src: &'s str,
    pub(super) diags: Vec<Diagnostic>,
    /// Responsible phrases already split (plans repeat «Руководитель МОЦ, методист» often).
    pub(super) splits: HashMap<String, Vec<Named>>,
    pub(super) deadlines: &'s mut DeadlineCache,
}

/// A table being read, with where it is and how to name it in messages.
pub(super) struct Tbl<'a, 'i> {
    pub(super) t: &'a Table<'i>,
    pub(super) span: Span,
    /// How messages name it: «[plan]», «мероприятие 1.3».
    pub(super) what: What<'a>,
}

/// How a message names a table; put into words only when there is a message to write.
#[derive(Clone, Copy)]
pub(super) enum What<'a> {
    Table(&'static format::Table),
    Item {
        num: &'a str,
        section: Option<&'a str>,
    },
    Progress {
        num: &'a str,
        section: Option<&'a str>,
    },
}

impl What<'_> {
    /// «в мероприятии 1.3 (раздел 1)» — the words after a preposition, in both languages.
    fn text(self) -> Text {
        let item = |num: &str, section: Option<&str>| match section {
            Some(n) => text!("мероприятии {num} (раздел {n})", "item {num} (section {n})"),
            None => text!("мероприятии {num}", "item {num}"),
        };
        match self {
            What::Table(t) if t.name == format::FILE.name => {
                Text::new("файле плана", "the plan file")
            }
            What::Table(t) => Text::same(t.name),
            What::Item { num, section } => item(num, section),
            What::Progress { num, section } => {
                let i = item(num, section);
                Text {
                    ru: format!("записи о ходе работы ({})", i.ru),
                    en: format!("a progress entry ({})", i.en),
                }
            }
        }
    }
}

impl<'a, 'i> Tbl<'a, 'i> {
    /// The value of `key`.
    pub(super) fn get(&self, key: &str) -> Option<&'a Value<'i>> {
        self.t.get(key)
    }
}

/// What a value is, in both languages.
fn type_name(v: &Node<'_>) -> (&'static str, &'static str) {
    match v {
        Node::String(_) => ("строка", "a string"),
        Node::Integer(_) => ("целое число", "an integer"),
        Node::Float(_) => ("число", "a number"),
        Node::Boolean(_) => ("логическое значение", "a boolean"),
        Node::Datetime(_) => ("дата", "a date"),
        Node::Array(_) => ("массив", "an array"),
        Node::Table(_) => ("таблица", "a table"),
    }
}

impl Walker<'_> {
    pub(super) fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Report the keys `format` does not have, with the nearest allowed key.
    pub(super) fn unknown_keys(&mut self, t: &Tbl<'_, '_>, format: &format::Table) {
        for (k, _) in t.t {
            let key: &str = k.get_ref();
            if format.has(key) {
                continue;
            }
            let names = format.names();
            let help = match crate::suggest::nearest(key, names.iter().copied()) {
                Some(c) => text!("возможно, имелось в виду `{c}`", "did you mean `{c}`?"),
                None => {
                    let list = names.join(", ");
                    text!(
                        "допустимые ключи здесь: {list}",
                        "the keys allowed here: {list}"
                    )
                }
            };
            let what = t.what.text();
            self.push(
                Diagnostic::new(
                    Check::UnknownKey,
                    Some(k.span()),
                    Text {
                        ru: format!("неизвестный ключ `{key}` в {}", what.ru),
                        en: format!("unknown key `{key}` in {}", what.en),
                    },
                )
                .with_help(help),
            );
        }
    }

    /// A required key is missing: say so, with the example of the format.
    pub(super) fn missing(&mut self, t: &Tbl<'_, '_>, key: &str) {
        let what = t.what.text();
        let example = match t.what {
            What::Table(f) => f.key(key),
            What::Item { .. } => format::ITEM.key(key),
            What::Progress { .. } => format::PROGRESS.key(key),
        }
        .and_then(|k| k.example)
        .unwrap_or("\"…\"");
        self.push(
            Diagnostic::new(
                Check::MissingKey,
                Some(t.span.clone()),
                Text {
                    ru: format!("в {} нет ключа `{key}`", what.ru),
                    en: format!("{} has no `{key}`", what.en),
                },
            )
            .with_help(text!(
                "добавьте, например: {key} = {example}",
                "add, for example: {key} = {example}"
            )),
        );
    }

    pub(super) fn wrong_type(&mut self, key: &str, v: &Value<'_>, expected: (&str, &str)) {
        let (found_ru, found_en) = type_name(v.get_ref());
        let (expected_ru, expected_en) = expected;
        self.push(Diagnostic::new(
            Check::WrongType,
            Some(v.span()),
            text!(
                "`{key}` должен быть: {expected_ru}; здесь {found_ru}",
                "`{key}` must be {expected_en}; found {found_en}"
            ),
        ));
    }

    pub(super) fn bad_value(&mut self, span: Span, message: Text, help: Option<Text>) {
        self.push(Diagnostic::new(Check::BadValue, Some(span), message).with_help(help));
    }

    /// A string value, with its span; a missing required key is reported.
    pub(super) fn string(
        &mut self,
        t: &Tbl<'_, '_>,
        key: &str,
        required: bool,
    ) -> Option<(String, Span)> {
        match t.get(key) {
            None => {
                if required {
                    self.missing(t, key);
                }
                None
            }
            Some(v) => {
                if let Node::String(s) = v.get_ref() {
                    return Some((s.to_string(), v.span()));
                }
                self.wrong_type(key, v, ("строка в кавычках", "a quoted string"));
                if matches!(
                    v.get_ref(),
                    Node::Integer(_) | Node::Float(_) | Node::Boolean(_) | Node::Datetime(_)
                ) {
                    let raw = self.src.get(v.span()).unwrap_or_default().to_owned();
                    if let Some(last) = self.diags.last_mut() {
                        last.help = Some(text!(
                            "возьмите значение в кавычки: {key} = \"{raw}\"",
                            "quote the value: {key} = \"{raw}\""
                        ));
                    }
                }
                None
            }
        }
    }

    /// An optional string that says something.
    pub(super) fn opt_string(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<String> {
        self.string(t, key, false)
            .map(|(s, _)| s)
            .filter(|s| !s.trim().is_empty())
    }

    /// A number (a string such as «79,2» is taken: it is what Russian keyboards produce).
    pub(super) fn number(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<f64> {
        let v = t.get(key)?;
        match v.get_ref() {
            Node::Integer(i) => i
                .as_str()
                .replace('_', "")
                .parse::<i64>()
                .ok()
                .map(|n| n as f64),
            Node::Float(f) => {
                let x = f.as_str().replace('_', "").parse::<f64>().ok();
                if x.is_some_and(|x| !x.is_finite()) {
                    let raw = f.as_str();
                    self.push(
                        Diagnostic::new(
                            Check::IndicatorValue,
                            Some(v.span()),
                            text!(
                                "`{key}` = {raw} — это не число",
                                "`{key}` = {raw} is not a number"
                            ),
                        )
                        .with_help(text!(
                            "впишите число цифрами или уберите ключ",
                            "write a number in digits or remove the key"
                        )),
                    );
                }
                x.filter(|x| x.is_finite())
            }
            Node::String(s) => {
                let parsed = s
                    .trim()
                    .replace(',', ".")
                    .replace([' ', '\u{a0}'], "")
                    .parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite());
                if parsed.is_none() {
                    self.wrong_type(key, v, ("число", "a number"));
                }
                parsed
            }
            _ => {
                self.wrong_type(key, v, ("число", "a number"));
                None
            }
        }
    }

    /// A date: TOML's `2026-09-15`, or a string `"15.09.2026"`.
    pub(super) fn date(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<(NaiveDate, Span)> {
        let v = t.get(key)?;
        let span = v.span();
        match v.get_ref() {
            Node::Datetime(dt) => {
                if let Some(d) = dt.date {
                    let date = NaiveDate::from_ymd_opt(
                        i32::from(d.year),
                        u32::from(d.month),
                        u32::from(d.day),
                    );
                    if date.is_none() {
                        self.bad_value(
                            span.clone(),
                            text!("такой даты нет: {dt}", "there is no such date: {dt}"),
                            None,
                        );
                    }
                    date.map(|d| (d, span))
                } else {
                    self.wrong_type(key, v, ("дата вида 2026-09-15", "a date like 2026-09-15"));
                    None
                }
            }
            Node::String(s) => {
                if let Some(d) = super::parse_date_text(s) {
                    Some((d, span))
                } else {
                    self.bad_value(
                        span,
                        text!("`{key}`: не дата: «{s}»", "`{key}`: not a date: «{s}»"),
                        Some(text!(
                            "пишите дату так: {key} = 2026-09-15",
                            "write the date as {key} = 2026-09-15"
                        )),
                    );
                    None
                }
            }
            _ => {
                self.wrong_type(key, v, ("дата вида 2026-09-15", "a date like 2026-09-15"));
                None
            }
        }
    }

    /// A period: `"2026-05"` (its first day), or a date inside it (`"2026-05-15"`, `"15.05.2026"`,
    /// TOML's `2026-05-15`).
    pub(super) fn period(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<NaiveDate> {
        let v = t.get(key)?;
        if let Node::String(s) = v.get_ref() {
            let s = s.trim();
            if let Some((y, m)) = s.split_once('-')
                && y.len() == 4
                && m.len() <= 2
                && let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u32>())
                && let Some(d) = NaiveDate::from_ymd_opt(y, m, 1)
            {
                return Some(d);
            }
        }
        self.date(t, key).map(|(d, _)| d)
    }

    /// A list of strings; a single string is taken as a list of one.
    pub(super) fn string_list(&mut self, t: &Tbl<'_, '_>, key: &str) -> Vec<(String, Span)> {
        let Some(v) = t.get(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            Node::String(s) => vec![(s.to_string(), v.span())],
            Node::Array(a) => {
                let mut out = Vec::new();
                for e in a {
                    match e.get_ref() {
                        Node::String(s) => out.push((s.to_string(), e.span())),
                        _ => self.wrong_type(key, e, ("строка", "a string")),
                    }
                }
                out
            }
            _ => {
                self.wrong_type(key, v, ("список строк", "a list of strings"));
                Vec::new()
            }
        }
    }

    /// The tables of an array of tables (`[[section]]` or an inline array of inline tables).
    pub(super) fn tables<'a, 'i>(
        &mut self,
        t: &Tbl<'a, 'i>,
        key: &str,
        label: &str,
    ) -> Vec<(&'a Table<'i>, Span)> {
        let Some(v) = t.get(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            Node::Array(a) => {
                let mut out = Vec::new();
                for e in a {
                    match e.get_ref() {
                        Node::Table(tt) => out.push((tt, e.span())),
                        _ => self.wrong_type(key, e, ("таблица", "a table")),
                    }
                }
                out
            }
            Node::Table(_) => {
                self.push(
                    Diagnostic::new(
                        Check::WrongType,
                        Some(v.span()),
                        text!(
                            "`{key}` должен быть массивом таблиц: [[{label}]], а не [{label}]",
                            "`{key}` must be an array of tables: [[{label}]], not [{label}]"
                        ),
                    )
                    .with_help(text!(
                        "каждый элемент начинайте строкой [[{label}]]",
                        "start each entry with a [[{label}]] line"
                    )),
                );
                Vec::new()
            }
            _ => {
                self.wrong_type(key, v, ("массив таблиц", "an array of tables"));
                Vec::new()
            }
        }
    }

    /// A table under `key`.
    pub(super) fn table<'a, 'i>(
        &mut self,
        t: &Tbl<'a, 'i>,
        key: &str,
    ) -> Option<(&'a Table<'i>, Span)> {
        let v = t.get(key)?;
        if let Node::Table(tt) = v.get_ref() {
            Some((tt, v.span()))
        } else {
            self.wrong_type(key, v, ("таблица", "a table"));
            None
        }
    }
}
