//! Reading a plan file: bytes → text → TOML → [`Plan`], keeping the span of every value.
//!
//! The TOML is parsed once into `toml`'s spanned `DeTable` (borrowed strings, every key and value
//! with its byte range), then walked by hand rather than through serde: a walk reports *every*
//! unknown key, missing key and wrong type in one run, in Russian, with a did-you-mean, where
//! serde would stop at the first problem with an English message. Findings of the walk are
//! [`Diagnostic`]s; only a file that cannot be read at all is an `Err`.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::deadline::{Deadline, DeadlineError, ErrorKind, PlanYear};
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::model::{
    Approval, Indicator, Item, ItemSpans, Meta, Plan, Progress, Responsible, ResponsibleKind,
    ResponsibleRef, Section, Status,
};
use crate::roster::RosterIndex;
use crate::source::{Source, Span};
use crate::tr;

/// Plans larger than this are refused: a real plan is a few dozen kilobytes.
pub const MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// A plan file as read: its text, the plan (unless the TOML is broken) and what the reading found.
#[derive(Debug)]
pub struct Loaded {
    pub source: Source,
    pub plan: Option<Plan>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("too large: {0} bytes (the limit is {1})")]
    TooLarge(u64, u64),
    #[error("not UTF-8 at byte {0}")]
    NotUtf8(usize),
    #[error("a folder, not a file")]
    IsDir,
}

impl ReadError {
    /// What went wrong and what to do, in the user's language.
    pub fn message(&self, lang: Lang, path: &str) -> String {
        match self {
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
                tr!(lang, "{path}: файл не найден", "{path}: no such file")
            }
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                tr!(
                    lang,
                    "{path}: нет прав на чтение",
                    "{path}: permission denied"
                )
            }
            ReadError::Io(e) => tr!(
                lang,
                "{path}: не удалось прочитать: {e}",
                "{path}: cannot read: {e}"
            ),
            ReadError::TooLarge(n, limit) => tr!(
                lang,
                "{path}: файл слишком велик ({n} байт; план не бывает больше {} МБ) — это точно план?",
                "{path}: the file is too large ({n} bytes; a plan is never over {} MB) — is it a plan?",
                limit / 1024 / 1024
            ),
            ReadError::NotUtf8(at) => tr!(
                lang,
                "{path}: файл не в кодировке UTF-8 (байт {at}); если он сохранён в Windows-1251, \
                 переведите его командой `moc import --encoding cp1251` или сохраните как UTF-8",
                "{path}: the file is not UTF-8 (byte {at}); if it was saved as Windows-1251, \
                 convert it with `moc import --encoding cp1251` or save it as UTF-8"
            ),
            ReadError::IsDir => tr!(
                lang,
                "{path}: это папка, а не файл",
                "{path}: a folder, not a file"
            ),
        }
    }
}

/// Read a file as UTF-8 text, refusing folders, huge files and other encodings.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    use std::io::Read as _;
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ReadError::IsDir);
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(ReadError::TooLarge(meta.len(), MAX_FILE_SIZE));
    }
    // read no more than the limit, whatever the file has grown to since
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).map_or(0, |n| n + 1));
    std::fs::File::open(path)?
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(ReadError::TooLarge(bytes.len() as u64, MAX_FILE_SIZE));
    }
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8(e.utf8_error().valid_up_to()))
}

/// Read and load one plan file.
pub fn load_path(path: &Path, lang: Lang, fallback_year: i32) -> Result<Loaded, ReadError> {
    load_path_with(path, lang, fallback_year, &[])
}

/// Read and load one plan file; `shared` are the region's roster entries every plan may name.
pub fn load_path_with(
    path: &Path,
    lang: Lang,
    fallback_year: i32,
    shared: &[Responsible],
) -> Result<Loaded, ReadError> {
    let text = read_text(path)?;
    Ok(load_source_with(
        Source::new(path, text),
        lang,
        fallback_year,
        shared,
    ))
}

/// Load a plan from text already read. `fallback_year` stands in for a missing plan year.
pub fn load_source(source: Source, lang: Lang, fallback_year: i32) -> Loaded {
    load_source_with(source, lang, fallback_year, &[])
}

/// [`load_source`] with the region's shared roster entries (from `moc.toml`).
pub fn load_source_with(
    source: Source,
    lang: Lang,
    fallback_year: i32,
    shared: &[Responsible],
) -> Loaded {
    let mut diagnostics = Vec::new();
    if conflict_markers(&source, lang, &mut diagnostics) {
        return Loaded {
            source,
            plan: None,
            diagnostics,
        };
    }
    let (root, errors) = DeTable::parse_recoverable(&source.text);
    if !errors.is_empty() {
        for e in errors {
            diagnostics.push(syntax_diagnostic(&e, &source, lang));
        }
        return Loaded {
            source,
            plan: None,
            diagnostics,
        };
    }
    let mut w = Walker {
        src: &source.text,
        lang,
        diags: Vec::new(),
        splits: std::collections::HashMap::new(),
    };
    let plan = w.plan(&root, fallback_year, shared);
    diagnostics.append(&mut w.diags);
    Loaded {
        source,
        plan: Some(plan),
        diagnostics,
    }
}

/// Git conflict markers: «<<<<<<<», «=======», «>>>>>>>» at the start of a line.
fn conflict_markers(source: &Source, lang: Lang, out: &mut Vec<Diagnostic>) -> bool {
    let mut offset = 0;
    for line in source.text.split_inclusive('\n') {
        if line.starts_with("<<<<<<<") || line.starts_with(">>>>>>>") || line.starts_with("|||||||")
        {
            let (n, _) = source.line_col(offset);
            out.push(
                Diagnostic::new(
                    "merge-conflict",
                    Severity::Error,
                    Some(offset..offset + 7),
                    tr!(lang, "неразрешённый конфликт слияния в строке {n}", "unresolved merge conflict at line {n}"),
                )
                .with_help(tr!(
                    lang,
                    "выберите нужный вариант между метками <<<<<<< и >>>>>>>, удалите метки и закоммитьте файл",
                    "keep the right version between the <<<<<<< and >>>>>>> markers, delete the markers and commit"
                )),
            );
            return true;
        }
        offset += line.len();
    }
    false
}

fn syntax_diagnostic(e: &toml::de::Error, source: &Source, lang: Lang) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    // a control character (NUL and the like) is what the parser stumbled on
    let line = source.line_span(source.line_col(span.start).0);
    if let Some((at, c)) = source
        .text
        .get(line.clone())
        .and_then(|l| l.char_indices().find(|(_, c)| c.is_control() && *c != '\t'))
    {
        let offset = line.start + at;
        let code = u32::from(c);
        return Diagnostic::new(
            "toml-syntax",
            Severity::Error,
            Some(offset..offset + c.len_utf8()),
            tr!(
                lang,
                "в тексте управляющий символ U+{code:04X} (байт {offset}) — его не бывает в плане",
                "a control character U+{code:04X} (byte {offset}) in the text — plans never hold one"
            ),
        )
        .with_help(tr!(
            lang,
            "удалите его; если файл пришёл из Word или Excel, перенесите план заново командой moc import",
            "delete it; if the file came from Word or Excel, bring the plan in again with moc import"
        ));
    }
    let message = e.message().trim().to_owned();
    let (ru, help) = translate_syntax(&message, lang);
    Diagnostic::new(
        "toml-syntax",
        Severity::Error,
        Some(span.start.min(source.text.len())..span.end.min(source.text.len())),
        match lang {
            Lang::Ru => format!("ошибка синтаксиса TOML: {ru}"),
            Lang::En => format!("TOML syntax error: {message}"),
        },
    )
    .with_help(help)
}

/// The toml parser's English messages, said in Russian where moc knows them, with a hint.
fn translate_syntax(msg: &str, lang: Lang) -> (String, Option<String>) {
    let m = msg.to_lowercase();
    let pick = |ru: &str, help_ru: &str, help_en: &str| {
        (ru.to_owned(), Some(lang.pick(help_ru, help_en).to_owned()))
    };
    if m.contains("duplicate key") {
        return pick(
            "ключ повторяется",
            "в одной таблице ключ может стоять только один раз; удалите или переименуйте повтор",
            "a key may appear only once in a table; delete or rename the repeat",
        );
    }
    if m.contains("unterminated")
        || m.contains("invalid basic string")
        || m.contains("missing closing quote")
    {
        return pick(
            "строка не закрыта",
            "закройте строку кавычкой \"; для текста в несколько строк используйте \"\"\"…\"\"\"",
            "close the string with \"; for text over several lines use \"\"\"…\"\"\"",
        );
    }
    if m.contains("invalid escape") || m.contains("escape") {
        return pick(
            "неверная escape-последовательность",
            "обратную косую черту \\ в строке удвойте (\\\\) или возьмите строку в одинарные кавычки",
            "double a backslash in a string (\\\\) or use a 'literal string'",
        );
    }
    if m.contains("expected `=`") || m.contains("key with no value") || m.contains("expected '='") {
        return pick(
            "после ключа ожидается «=» и значение",
            "пишите ключ = \"значение\"",
            "write key = \"value\"",
        );
    }
    if m.contains("string values must be quoted") || m.contains("invalid string") {
        return pick(
            "текст значения должен быть в кавычках",
            "возьмите значение в кавычки: ключ = \"значение\"",
            "quote the value: key = \"value\"",
        );
    }
    if m.contains("recursion") || m.contains("nesting") {
        return pick(
            "слишком глубокая вложенность",
            "план не бывает таким вложенным; проверьте скобки",
            "no plan nests this deep; check the brackets",
        );
    }
    (
        msg.to_owned(),
        Some(
            lang.pick(
                "проверьте кавычки, скобки и знаки «=» в этой строке",
                "check the quotes, brackets and «=» signs on this line",
            )
            .to_owned(),
        ),
    )
}

// ---------------------------------------------------------------------------------------------

type Value<'i> = Spanned<DeValue<'i>>;

/// Keys each table may hold (the order is the canonical order of `moc fmt`).
pub const ROOT_KEYS: &[&str] = &["plan", "responsible", "section", "indicator"];
pub const PLAN_KEYS: &[&str] = &[
    "title",
    "organisation",
    "municipality",
    "region",
    "year",
    "language",
    "goal",
    "tasks",
    "approval",
];
pub const APPROVAL_KEYS: &[&str] = &["heading", "position", "name", "date", "order"];
pub const RESPONSIBLE_KEYS: &[&str] = &["name", "kind", "aliases", "full_name", "person"];
pub const SECTION_KEYS: &[&str] = &["number", "title", "item"];
pub const ITEM_KEYS: &[&str] = &[
    "number",
    "title",
    "deadline",
    "responsible",
    "status",
    "result",
    "done_on",
    "postponed_to",
    "reason",
    "links",
    "notes",
    "progress",
];
pub const PROGRESS_KEYS: &[&str] = &["date", "text"];
pub const INDICATOR_KEYS: &[&str] = &[
    "name",
    "unit",
    "target",
    "actual",
    "last_year",
    "numerator",
    "denominator",
];

/// A name found in a responsible phrase: where it stands in the phrase, and the roster entry.
type Named = (std::ops::Range<usize>, Option<usize>);

struct Walker<'s> {
    src: &'s str,
    lang: Lang,
    diags: Vec<Diagnostic>,
    /// Responsible phrases already split (plans repeat «Руководитель МОЦ, методист» often).
    splits: std::collections::HashMap<String, Vec<Named>>,
}

thread_local! {
    /// Deadline phrases already understood, by plan year: a region's plans share most phrases.
    /// (By phrase, then year: looked up without copying the phrase.)
    static DEADLINES: std::cell::RefCell<std::collections::HashMap<String, Vec<(PlanYear, crate::model::Understood)>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// [`Deadline::parse`], remembered per thread (at most a few thousand phrases).
fn parse_deadline(phrase: &str, year: PlanYear) -> crate::model::Understood {
    DEADLINES.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(hit) = cache
            .get(phrase)
            .and_then(|years| years.iter().find(|(y, _)| *y == year))
        {
            return hit.1.clone();
        }
        let parsed = Deadline::parse(phrase, year)
            .map(std::sync::Arc::new)
            .map_err(Box::new);
        if cache.len() >= 4096 {
            cache.clear();
        }
        cache
            .entry(phrase.to_owned())
            .or_default()
            .push((year, parsed.clone()));
        parsed
    })
}

/// A table being read, with where it is and how to name it in messages.
struct Tbl<'a, 'i> {
    t: &'a DeTable<'i>,
    span: Span,
    /// How messages name it: «[plan]», «мероприятие 1.3».
    what: What<'a>,
}

/// How a message names a table; rendered only when there is a message to write.
#[derive(Clone, Copy)]
enum What<'a> {
    Text(&'static str, &'static str),
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
    fn render(self, lang: Lang) -> String {
        let item = |num: &str, section: Option<&str>| match section {
            Some(n) => tr!(
                lang,
                "мероприятии {num} (раздел {n})",
                "item {num} (section {n})"
            ),
            None => tr!(lang, "мероприятии {num}", "item {num}"),
        };
        match self {
            What::Text(ru, en) => lang.pick(ru, en).to_owned(),
            What::Item { num, section } => item(num, section),
            What::Progress { num, section } => {
                tr!(
                    lang,
                    "записи о ходе работы ({})",
                    "a progress entry ({})",
                    item(num, section)
                )
            }
        }
    }
}

impl<'a, 'i> Tbl<'a, 'i> {
    fn get(&self, key: &str) -> Option<&'a Value<'i>> {
        self.t.get(key)
    }
}

fn type_name(v: &DeValue<'_>, lang: Lang) -> &'static str {
    match v {
        DeValue::String(_) => lang.pick("строка", "a string"),
        DeValue::Integer(_) => lang.pick("целое число", "an integer"),
        DeValue::Float(_) => lang.pick("число", "a number"),
        DeValue::Boolean(_) => lang.pick("логическое значение", "a boolean"),
        DeValue::Datetime(_) => lang.pick("дата", "a date"),
        DeValue::Array(_) => lang.pick("массив", "an array"),
        DeValue::Table(_) => lang.pick("таблица", "a table"),
    }
}

impl Walker<'_> {
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Report keys the table may not hold, with the nearest allowed key.
    fn unknown_keys(&mut self, t: &Tbl<'_, '_>, known: &[&str]) {
        for (k, _) in t.t {
            let key: &str = k.get_ref();
            if known.contains(&key) {
                continue;
            }
            let near = known
                .iter()
                .map(|c| (strsim::damerau_levenshtein(key, c), *c))
                .filter(|(d, c)| *d <= 2.max(c.len() / 3))
                .min_by_key(|(d, _)| *d);
            let help = match near {
                Some((_, c)) => tr!(
                    self.lang,
                    "возможно, имелось в виду `{c}`",
                    "did you mean `{c}`?"
                ),
                None => tr!(
                    self.lang,
                    "допустимые ключи здесь: {}",
                    "the keys allowed here: {}",
                    known.join(", ")
                ),
            };
            let what = t.what.render(self.lang);
            self.push(
                Diagnostic::new(
                    "unknown-key",
                    Severity::Error,
                    Some(k.span()),
                    tr!(
                        self.lang,
                        "неизвестный ключ `{key}` в {what}",
                        "unknown key `{key}` in {what}"
                    ),
                )
                .with_help(help),
            );
        }
    }

    fn missing(&mut self, t: &Tbl<'_, '_>, key: &str, example: &str) {
        let what = t.what.render(self.lang);
        self.push(
            Diagnostic::new(
                "missing-key",
                Severity::Error,
                Some(t.span.clone()),
                tr!(
                    self.lang,
                    "в {what} нет ключа `{key}`",
                    "{what} has no `{key}`"
                ),
            )
            .with_help(tr!(
                self.lang,
                "добавьте, например: {key} = {example}",
                "add, for example: {key} = {example}"
            )),
        );
    }

    fn wrong_type(&mut self, key: &str, v: &Value<'_>, expected_ru: &str, expected_en: &str) {
        let found = type_name(v.get_ref(), self.lang);
        self.push(Diagnostic::new(
            "wrong-type",
            Severity::Error,
            Some(v.span()),
            tr!(
                self.lang,
                "`{key}` должен быть: {expected_ru}; здесь {found}",
                "`{key}` must be {expected_en}; found {found}"
            ),
        ));
    }

    fn bad_value(&mut self, span: Span, message: String, help: Option<String>) {
        self.push(
            Diagnostic::new("bad-value", Severity::Error, Some(span), message).with_help(help),
        );
    }

    /// A string value, with its span. `example` is offered when a required key is missing.
    fn string(
        &mut self,
        t: &Tbl<'_, '_>,
        key: &str,
        required: Option<&str>,
    ) -> Option<(String, Span)> {
        match t.get(key) {
            None => {
                if let Some(example) = required {
                    self.missing(t, key, example);
                }
                None
            }
            Some(v) => {
                if let DeValue::String(s) = v.get_ref() {
                    return Some((s.to_string(), v.span()));
                }
                self.wrong_type(key, v, "строка в кавычках", "a quoted string");
                if matches!(
                    v.get_ref(),
                    DeValue::Integer(_)
                        | DeValue::Float(_)
                        | DeValue::Boolean(_)
                        | DeValue::Datetime(_)
                ) {
                    let raw = self.src.get(v.span()).unwrap_or_default().to_owned();
                    if let Some(last) = self.diags.last_mut() {
                        last.help = Some(tr!(
                            self.lang,
                            "возьмите значение в кавычки: {key} = \"{raw}\"",
                            "quote the value: {key} = \"{raw}\""
                        ));
                    }
                }
                None
            }
        }
    }

    fn opt_string(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<String> {
        self.string(t, key, None)
            .map(|(s, _)| s)
            .filter(|s| !s.trim().is_empty())
    }

    fn number(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<f64> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::Integer(i) => i
                .as_str()
                .replace('_', "")
                .parse::<i64>()
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f
                .as_str()
                .replace('_', "")
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite()),
            DeValue::String(s) => {
                // «79,2» typed as text: accept it, it is what Russian keyboards produce
                let parsed = s
                    .trim()
                    .replace(',', ".")
                    .replace([' ', '\u{a0}'], "")
                    .parse::<f64>()
                    .ok();
                if parsed.is_none() {
                    self.wrong_type(key, v, "число", "a number");
                }
                parsed
            }
            _ => {
                self.wrong_type(key, v, "число", "a number");
                None
            }
        }
    }

    fn date(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<(NaiveDate, Span)> {
        let v = t.get(key)?;
        let span = v.span();
        match v.get_ref() {
            DeValue::Datetime(dt) => {
                if let Some(d) = dt.date {
                    let date = NaiveDate::from_ymd_opt(
                        i32::from(d.year),
                        u32::from(d.month),
                        u32::from(d.day),
                    );
                    if date.is_none() {
                        self.bad_value(
                            span.clone(),
                            tr!(
                                self.lang,
                                "такой даты нет: {dt}",
                                "there is no such date: {dt}"
                            ),
                            None,
                        );
                    }
                    date.map(|d| (d, span))
                } else {
                    self.wrong_type(key, v, "дата вида 2026-09-15", "a date like 2026-09-15");
                    None
                }
            }
            DeValue::String(s) => {
                if let Some(d) = parse_date_text(s) {
                    Some((d, span))
                } else {
                    self.bad_value(
                        span,
                        tr!(
                            self.lang,
                            "`{key}`: не дата: «{s}»",
                            "`{key}`: not a date: «{s}»"
                        ),
                        Some(tr!(
                            self.lang,
                            "пишите дату так: {key} = 2026-09-15",
                            "write the date as {key} = 2026-09-15"
                        )),
                    );
                    None
                }
            }
            _ => {
                self.wrong_type(key, v, "дата вида 2026-09-15", "a date like 2026-09-15");
                None
            }
        }
    }

    /// A list of strings; a single string is taken as a list of one.
    fn string_list(&mut self, t: &Tbl<'_, '_>, key: &str) -> Vec<(String, Span)> {
        let Some(v) = t.get(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::String(s) => vec![(s.to_string(), v.span())],
            DeValue::Array(a) => {
                let mut out = Vec::new();
                for e in a {
                    match e.get_ref() {
                        DeValue::String(s) => out.push((s.to_string(), e.span())),
                        _ => self.wrong_type(key, e, "строка", "a string"),
                    }
                }
                out
            }
            _ => {
                self.wrong_type(key, v, "список строк", "a list of strings");
                Vec::new()
            }
        }
    }

    /// The tables of an array of tables (`[[section]]` or an inline array of inline tables).
    fn tables<'a, 'i>(
        &mut self,
        t: &Tbl<'a, 'i>,
        key: &str,
        label: &str,
    ) -> Vec<(&'a DeTable<'i>, Span)> {
        let Some(v) = t.get(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(a) => {
                let mut out = Vec::new();
                for e in a {
                    match e.get_ref() {
                        DeValue::Table(tt) => out.push((tt, e.span())),
                        _ => self.wrong_type(key, e, "таблица", "a table"),
                    }
                }
                out
            }
            DeValue::Table(_) => {
                self.push(
                    Diagnostic::new(
                        "wrong-type",
                        Severity::Error,
                        Some(v.span()),
                        tr!(
                            self.lang,
                            "`{key}` должен быть массивом таблиц: [[{label}]], а не [{label}]",
                            "`{key}` must be an array of tables: [[{label}]], not [{label}]"
                        ),
                    )
                    .with_help(tr!(
                        self.lang,
                        "каждый элемент начинайте строкой [[{label}]]",
                        "start each entry with a [[{label}]] line"
                    )),
                );
                Vec::new()
            }
            _ => {
                self.wrong_type(key, v, "массив таблиц", "an array of tables");
                Vec::new()
            }
        }
    }

    fn table<'a, 'i>(&mut self, t: &Tbl<'a, 'i>, key: &str) -> Option<(&'a DeTable<'i>, Span)> {
        let v = t.get(key)?;
        if let DeValue::Table(tt) = v.get_ref() {
            Some((tt, v.span()))
        } else {
            self.wrong_type(key, v, "таблица", "a table");
            None
        }
    }

    // -----------------------------------------------------------------------------------------

    fn plan(
        &mut self,
        root: &Spanned<DeTable<'_>>,
        fallback_year: i32,
        shared: &[Responsible],
    ) -> Plan {
        let lang = self.lang;
        let root_t = Tbl {
            t: root.get_ref(),
            span: 0..0,
            what: What::Text("файле плана", "the plan file"),
        };
        self.unknown_keys(&root_t, ROOT_KEYS);
        let meta = if let Some((t, span)) = self.table(&root_t, "plan") {
            self.meta(&Tbl {
                t,
                span,
                what: What::Text("[plan]", "[plan]"),
            })
        } else {
            if root_t.get("plan").is_none() {
                self.push(
                    Diagnostic::new(
                        "missing-key",
                        Severity::Error,
                        Some(0..0),
                        tr!(
                            lang,
                            "в файле нет таблицы [plan]",
                            "the file has no [plan] table"
                        ),
                    )
                    .with_help(tr!(
                        lang,
                        "начните файл с [plan] и ключей title = \"…\" и year = 2026",
                        "start the file with [plan] and the keys title = \"…\" and year = 2026"
                    )),
                );
            }
            Meta {
                language: "ru".into(),
                ..Meta::default()
            }
        };
        let year = meta.year.unwrap_or(PlanYear::Calendar(fallback_year));

        let mut roster = Vec::new();
        for (t, span) in self.tables(&root_t, "responsible", "responsible") {
            let tbl = Tbl {
                t,
                span,
                what: What::Text("[[responsible]]", "[[responsible]]"),
            };
            if let Some(r) = self.responsible(&tbl) {
                roster.push(r);
            }
        }
        // the region's entries that the plan does not list itself
        let own = RosterIndex::new(&roster);
        for r in shared {
            let named = std::iter::once(&r.name)
                .chain(r.aliases.iter())
                .any(|n| own.find(n).is_some());
            if !named {
                roster.push(Responsible {
                    shared: true,
                    ..r.clone()
                });
            }
        }
        let index = RosterIndex::new(&roster);

        let mut sections = Vec::new();
        for (t, span) in self.tables(&root_t, "section", "section") {
            let tbl = Tbl {
                t,
                span,
                what: What::Text("[[section]]", "[[section]]"),
            };
            sections.push(self.section(&tbl, year, &index));
        }

        let mut indicators = Vec::new();
        for (t, span) in self.tables(&root_t, "indicator", "indicator") {
            let tbl = Tbl {
                t,
                span,
                what: What::Text("[[indicator]]", "[[indicator]]"),
            };
            if let Some(i) = self.indicator(&tbl) {
                indicators.push(i);
            }
        }
        Plan {
            meta,
            roster,
            sections,
            indicators,
        }
    }

    fn meta(&mut self, t: &Tbl<'_, '_>) -> Meta {
        self.unknown_keys(t, PLAN_KEYS);
        let lang = self.lang;
        let title = self
            .string(t, "title", Some("\"План работы МОЦ на 2026 год\""))
            .map(|(s, _)| s)
            .unwrap_or_default();
        let (year, year_span) = match t.get("year") {
            None => {
                self.missing(t, "year", "2026");
                (None, None)
            }
            Some(v) => {
                let span = v.span();
                let parsed = match v.get_ref() {
                    DeValue::Integer(i) => PlanYear::parse(i.as_str()),
                    DeValue::String(s) => PlanYear::parse(s),
                    _ => None,
                };
                if parsed.is_none() {
                    self.bad_value(
                        span.clone(),
                        tr!(lang, "год плана не понят", "the plan's year is not understood"),
                        Some(tr!(
                            lang,
                            "пишите календарный год числом (year = 2026) или учебный год строкой (year = \"2026/2027\")",
                            "write a calendar year as a number (year = 2026) or an academic year as a string (year = \"2026/2027\")"
                        )),
                    );
                }
                (parsed, Some(span))
            }
        };
        let approval = self.table(t, "approval").map(|(at, span)| {
            let tbl = Tbl {
                t: at,
                span,
                what: What::Text("[plan.approval]", "[plan.approval]"),
            };
            self.unknown_keys(&tbl, APPROVAL_KEYS);
            Approval {
                heading: self.opt_string(&tbl, "heading"),
                position: self.opt_string(&tbl, "position"),
                name: self.opt_string(&tbl, "name"),
                date: self.date(&tbl, "date").map(|(d, _)| d),
                order: self.opt_string(&tbl, "order"),
            }
        });
        Meta {
            title,
            organisation: self.opt_string(t, "organisation"),
            municipality: self.opt_string(t, "municipality"),
            region: self.opt_string(t, "region"),
            year,
            language: self
                .opt_string(t, "language")
                .unwrap_or_else(|| "ru".into()),
            goal: self.opt_string(t, "goal"),
            tasks: self
                .string_list(t, "tasks")
                .into_iter()
                .map(|(s, _)| s)
                .collect(),
            approval,
            span: t.span.clone(),
            year_span,
        }
    }

    fn responsible(&mut self, t: &Tbl<'_, '_>) -> Option<Responsible> {
        self.unknown_keys(t, RESPONSIBLE_KEYS);
        let (name, name_span) = self.string(t, "name", Some("\"методист\""))?;
        let kind = match self.string(t, "kind", None) {
            None => ResponsibleKind::Role,
            Some((k, span)) => ResponsibleKind::parse(&k).unwrap_or_else(|| {
                self.bad_value(
                    span,
                    tr!(
                        self.lang,
                        "неизвестный вид ответственного «{k}»",
                        "unknown kind of responsible «{k}»"
                    ),
                    Some(tr!(
                        self.lang,
                        "вид бывает: {}",
                        "the kinds are: {}",
                        ResponsibleKind::IDS.join(", ")
                    )),
                );
                ResponsibleKind::Role
            }),
        };
        Some(Responsible {
            name,
            kind,
            aliases: self
                .string_list(t, "aliases")
                .into_iter()
                .map(|(s, _)| s)
                .collect(),
            full_name: self.opt_string(t, "full_name"),
            person: self.opt_string(t, "person"),
            span: t.span.clone(),
            name_span,
            shared: false,
        })
    }

    fn section(&mut self, t: &Tbl<'_, '_>, year: PlanYear, index: &RosterIndex) -> Section {
        self.unknown_keys(t, SECTION_KEYS);
        let number = self.string(t, "number", Some("\"1\""));
        let title = self.string(t, "title", Some("\"Организационная деятельность\""));
        let section_number = t.get("number").and_then(|v| v.get_ref().as_str());
        let mut items = Vec::new();
        for (it, span) in self.tables(t, "item", "section.item") {
            let num = it
                .get("number")
                .and_then(|v| v.get_ref().as_str())
                .unwrap_or("?");
            let tbl = Tbl {
                t: it,
                span,
                what: What::Item {
                    num,
                    section: section_number,
                },
            };
            items.push(self.item(&tbl, year, index));
        }
        Section {
            number: number.as_ref().map(|(n, _)| n.clone()).unwrap_or_default(),
            title: title.map(|(s, _)| s).unwrap_or_default(),
            items,
            span: t.span.clone(),
            number_span: number.map(|(_, s)| s),
        }
    }

    fn item(&mut self, t: &Tbl<'_, '_>, year: PlanYear, index: &RosterIndex) -> Item {
        self.unknown_keys(t, ITEM_KEYS);
        let lang = self.lang;
        let number = self.string(t, "number", Some("\"1.1\""));
        let title = self.string(t, "title", Some("\"Название мероприятия\""));
        let deadline = self.string(t, "deadline", Some("\"Сентябрь 2026 г.\""));
        let deadline_parsed = match &deadline {
            Some((phrase, _)) => parse_deadline(phrase, year),
            None => Err(Box::new(DeadlineError {
                kind: ErrorKind::Empty,
                span: 0..0,
                suggestions: Vec::new(),
            })),
        };

        // responsibles: one string with commas, or an array of names
        let mut responsible_phrase = String::new();
        let mut responsibles = Vec::new();
        let mut responsible_span = None;
        if let Some(v) = t.get("responsible") {
            responsible_span = Some(v.span());
            let parts: Vec<(String, Span)> = match v.get_ref() {
                DeValue::String(s) => vec![(s.to_string(), v.span())],
                DeValue::Array(_) => self.string_list(t, "responsible"),
                _ => {
                    self.wrong_type(
                        "responsible",
                        v,
                        "строка или список строк",
                        "a string or a list of strings",
                    );
                    Vec::new()
                }
            };
            let phrases: Vec<&str> = parts.iter().map(|(s, _)| s.as_str()).collect();
            responsible_phrase = phrases.join(", ");
            for (phrase, span) in &parts {
                if !self.splits.contains_key(phrase.as_str()) {
                    self.splits.insert(phrase.clone(), index.split(phrase));
                }
                for (r, idx) in self.splits.get(phrase.as_str()).into_iter().flatten() {
                    responsibles.push(ResponsibleRef {
                        text: phrase[r.clone()].to_owned(),
                        index: *idx,
                        span: inner_span(self.src, span, phrase, r.clone()),
                    });
                }
            }
        }

        let status_span = t.get("status").map(Spanned::span);
        let status = match self.string(t, "status", None) {
            None => Status::Planned,
            Some((s, span)) => Status::parse(&s).unwrap_or_else(|| {
                let near = Status::spellings()
                    .into_iter()
                    .map(|c| {
                        (
                            strsim::normalized_damerau_levenshtein(&crate::i18n::fold(&s), c),
                            c,
                        )
                    })
                    .filter(|(d, _)| *d >= 0.6)
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                let ids: Vec<&str> = Status::ALL.iter().map(|s| s.id()).collect();
                let help = match near {
                    Some((_, c)) => tr!(
                        lang,
                        "возможно, имелось в виду «{c}»",
                        "did you mean «{c}»?"
                    ),
                    None => tr!(
                        lang,
                        "состояние бывает: {}",
                        "the statuses are: {}",
                        ids.join(", ")
                    ),
                };
                self.push(
                    Diagnostic::new(
                        "status-unknown",
                        Severity::Error,
                        Some(span),
                        tr!(lang, "неизвестное состояние «{s}»", "unknown status «{s}»"),
                    )
                    .with_help(help),
                );
                Status::Planned
            }),
        };
        let result = self.string(t, "result", None);
        let done_on = self.date(t, "done_on");
        let postponed_to = self.string(t, "postponed_to", None);
        let new_deadline = postponed_to.as_ref().map(|(p, _)| parse_deadline(p, year));
        let reason = self.string(t, "reason", None);

        let mut progress = Vec::new();
        for (pt, span) in self.tables(t, "progress", "section.item.progress") {
            let what = match t.what {
                What::Item { num, section } => What::Progress { num, section },
                other => other,
            };
            let tbl = Tbl {
                t: pt,
                span: span.clone(),
                what,
            };
            self.unknown_keys(&tbl, PROGRESS_KEYS);
            let date = self.date(&tbl, "date");
            if date.is_none() && pt.get("date").is_none() {
                self.missing(&tbl, "date", "2026-03-05");
            }
            let text = self.string(&tbl, "text", Some("\"Что сделано\""));
            if let (Some((date, _)), Some((text, _))) = (date, text) {
                progress.push(Progress { date, text, span });
            }
        }

        Item {
            number: number
                .as_ref()
                .map(|(n, _)| n.trim().to_owned())
                .unwrap_or_default(),
            title: title.as_ref().map(|(s, _)| s.clone()).unwrap_or_default(),
            deadline_phrase: deadline
                .as_ref()
                .map(|(s, _)| s.clone())
                .unwrap_or_default(),
            deadline: deadline_parsed,
            responsible_phrase,
            responsibles,
            status,
            result: result
                .as_ref()
                .map(|(s, _)| s.clone())
                .filter(|s| !s.trim().is_empty()),
            done_on: done_on.as_ref().map(|(d, _)| *d),
            postponed_to: postponed_to.as_ref().map(|(s, _)| s.clone()),
            new_deadline,
            reason: reason
                .as_ref()
                .map(|(s, _)| s.clone())
                .filter(|s| !s.trim().is_empty()),
            progress,
            links: self
                .string_list(t, "links")
                .into_iter()
                .map(|(s, _)| s)
                .collect(),
            notes: self.opt_string(t, "notes"),
            spans: ItemSpans {
                header: t.span.clone(),
                number: number.map(|(_, s)| s).into(),
                title: title.map(|(_, s)| s).into(),
                deadline: deadline.map(|(_, s)| s).into(),
                responsible: responsible_span.into(),
                status: status_span.into(),
                result: result.map(|(_, s)| s).into(),
                done_on: done_on.map(|(_, s)| s).into(),
                postponed_to: postponed_to.map(|(_, s)| s).into(),
                reason: reason.map(|(_, s)| s).into(),
            },
        }
    }

    fn indicator(&mut self, t: &Tbl<'_, '_>) -> Option<Indicator> {
        self.unknown_keys(t, INDICATOR_KEYS);
        let (name, _) = self.string(t, "name", Some("\"Программ в Навигаторе\""))?;
        Some(Indicator {
            name,
            unit: self.opt_string(t, "unit"),
            target: self.number(t, "target"),
            actual: self.number(t, "actual"),
            last_year: self.number(t, "last_year"),
            numerator: self.number(t, "numerator"),
            denominator: self.number(t, "denominator"),
            span: t.span.clone(),
            actual_span: t.get("actual").map(Spanned::span),
        })
    }
}

/// The region-wide settings of a repository (`moc.toml` at its root).
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The region or the repository's name: «Калужская область».
    pub name: Option<String>,
    /// The year commands pick by default across municipalities.
    pub year: Option<i32>,
    /// Roster entries every plan may name without listing them (РМЦ, УО, …).
    pub roster: Vec<Responsible>,
}

/// The keys of `moc.toml`.
pub const SETTINGS_KEYS: &[&str] = &["region", "responsible"];
pub const REGION_KEYS: &[&str] = &["name", "year"];

/// Read `moc.toml`: `[region] name, year` and `[[responsible]]` entries.
pub fn load_settings(source: &Source, lang: Lang) -> (Settings, Vec<Diagnostic>) {
    let (root, errors) = DeTable::parse_recoverable(&source.text);
    if !errors.is_empty() {
        return (
            Settings::default(),
            errors
                .iter()
                .map(|e| syntax_diagnostic(e, source, lang))
                .collect(),
        );
    }
    let mut w = Walker {
        src: &source.text,
        lang,
        diags: Vec::new(),
        splits: std::collections::HashMap::new(),
    };
    let root_t = Tbl {
        t: root.get_ref(),
        span: 0..0,
        what: What::Text("moc.toml", "moc.toml"),
    };
    w.unknown_keys(&root_t, SETTINGS_KEYS);
    let mut settings = Settings::default();
    if let Some((t, span)) = w.table(&root_t, "region") {
        let tbl = Tbl {
            t,
            span,
            what: What::Text("[region]", "[region]"),
        };
        w.unknown_keys(&tbl, REGION_KEYS);
        settings.name = w.opt_string(&tbl, "name");
        if let Some(v) = tbl.get("year") {
            match v.get_ref() {
                DeValue::Integer(i) => settings.year = i.as_str().parse().ok(),
                _ => w.wrong_type("year", v, "год числом", "a year as a number"),
            }
        }
    }
    for (t, span) in w.tables(&root_t, "responsible", "responsible") {
        let tbl = Tbl {
            t,
            span,
            what: What::Text("[[responsible]]", "[[responsible]]"),
        };
        if let Some(r) = w.responsible(&tbl) {
            settings.roster.push(Responsible { shared: true, ..r });
        }
    }
    (settings, w.diags)
}

/// `2026-09-15`, `15.09.2026`, `15.09.26`.
pub fn parse_date_text(s: &str) -> Option<NaiveDate> {
    let s = s.trim().trim_end_matches(['г', '.', ' ']);
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let mut parts = s.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || d.len() > 2 || m.len() > 2 {
        return None;
    }
    let y: i32 = match y.len() {
        4 => y.parse().ok()?,
        2 => 2000 + y.parse::<i32>().ok()?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
}

/// The span in the file of `sub`, a byte range inside the string value `value` whose TOML
/// token spans `token`. Exact for strings written without escapes; the whole token otherwise.
pub fn inner_span(src: &str, token: &Span, value: &str, sub: std::ops::Range<usize>) -> Span {
    let Some(raw) = src.get(token.clone()) else {
        return token.clone();
    };
    let mut prefix = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else if raw.starts_with('"') || raw.starts_with('\'') {
        1
    } else {
        return token.clone();
    };
    if prefix == 3 {
        if raw[3..].starts_with("\r\n") {
            prefix += 2;
        } else if raw[3..].starts_with('\n') {
            prefix += 1;
        }
    }
    match raw.get(prefix..prefix + value.len()) {
        Some(body) if body == value => {
            token.start + prefix + sub.start..token.start + prefix + sub.end
        }
        _ => token.clone(),
    }
}

/// A short description of a plan for messages: «Мосальский муниципальный округ, 2026».
pub fn describe(plan: &Plan) -> String {
    let mut s = String::new();
    if let Some(m) = &plan.meta.municipality {
        s.push_str(m);
    } else {
        s.push_str(&plan.meta.title);
    }
    if let Some(y) = plan.meta.year {
        let _ = write!(s, ", {y}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn load(text: &str) -> Loaded {
        load_source(
            Source::new(Path::new("t.toml"), text.to_owned()),
            Lang::Ru,
            2026,
        )
    }

    const MINIMAL: &str = r#"
[plan]
title = "План"
year = 2026

[[responsible]]
name = "методист"

[[section]]
number = "1"
title = "Раздел"

[[section.item]]
number = "1.1"
title = "Мероприятие"
deadline = "Сентябрь 2026г."
responsible = "методист"
"#;

    #[test]
    fn minimal_plan_loads_clean() {
        let l = load(MINIMAL);
        assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
        let plan = l.plan.unwrap_or_else(|| panic!("no plan"));
        assert_eq!(plan.item_count(), 1);
        let item = &plan.sections[0].items[0];
        assert_eq!(item.responsibles[0].index, Some(0));
        let span = item.responsibles[0].span.clone();
        assert_eq!(&l.source.text[span], "методист");
    }

    #[test]
    fn every_unknown_key_is_reported() {
        let text = MINIMAL
            .replace("deadline =", "dedline =")
            .replace("title = \"Раздел\"", "titel = \"Раздел\"");
        let l = load(&text);
        let codes: Vec<_> = l.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes.iter().filter(|c| **c == "unknown-key").count(),
            2,
            "{codes:?}"
        );
        assert!(codes.contains(&"missing-key"));
        let hint = l
            .diagnostics
            .iter()
            .find_map(|d| d.help.clone())
            .unwrap_or_default();
        assert!(
            hint.contains("deadline") || hint.contains("title"),
            "{hint}"
        );
    }

    #[test]
    fn syntax_errors_have_spans() {
        let l = load("[plan]\ntitle = \"План\nyear = 2026\n");
        assert!(l.plan.is_none());
        assert_eq!(l.diagnostics[0].code, "toml-syntax");
    }

    #[test]
    fn conflict_markers_are_named() {
        let l = load("[plan]\n<<<<<<< HEAD\ntitle = \"a\"\n=======\ntitle = \"b\"\n>>>>>>> x\n");
        assert_eq!(l.diagnostics[0].code, "merge-conflict");
        assert!(
            l.diagnostics[0].message.contains("строке 2"),
            "{}",
            l.diagnostics[0].message
        );
    }

    #[test]
    fn inner_spans() {
        let src = "x = \"a, b\"";
        assert_eq!(inner_span(src, &(4..10), "a, b", 3..4), 8..9);
        let esc = "x = \"a\\u0041, b\"";
        assert_eq!(inner_span(esc, &(4..16), "aA, b", 4..5), 4..16);
    }

    #[test]
    fn dates_in_text() {
        assert_eq!(
            parse_date_text("15.09.2026"),
            NaiveDate::from_ymd_opt(2026, 9, 15)
        );
        assert_eq!(
            parse_date_text("2026-09-15"),
            NaiveDate::from_ymd_opt(2026, 9, 15)
        );
        assert_eq!(
            parse_date_text("15.09.26"),
            NaiveDate::from_ymd_opt(2026, 9, 15)
        );
        assert_eq!(parse_date_text("вчера"), None);
    }
}
