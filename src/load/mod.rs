//! Reading a plan file: bytes → text → TOML → [`Plan`], keeping the span of every value.
//!
//! The TOML is parsed once into moc's own tree ([`tree`]: `toml_parser`'s events read in one
//! pass; borrowed strings, every key and value with its byte range), then walked by hand rather
//! than through serde: a walk reports *every* unknown key, missing key and wrong type in one run, in Russian, with a did-you-mean, where
//! serde would stop at the first problem with an English message. Findings of the walk are
//! [`Diagnostic`]s; only a file that cannot be read at all is an `Err`.

use std::path::Path;

use chrono::NaiveDate;

mod plan;
mod settings;
mod tree;
mod walk;

pub(crate) use settings::read_settings;
pub(crate) use tree::agrees_with_toml;
pub(crate) use walk::DeadlineCache;

use crate::checks::Check;
use crate::deadline::PlanYear;
use crate::diagnostic::Diagnostic;
use crate::i18n::{Lang, Text};
use crate::model::{Plan, Responsible};
use crate::source::{Source, Span};
use crate::{text, tr};

/// Plans larger than this are refused: a real plan is a few dozen kilobytes.
pub(crate) const MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// A plan file as read and checked: its text, the plan (unless the TOML is broken) and every
/// finding, of the reading and of the checks ([`crate::workspace::Loader::check_source`]).
#[derive(Clone, Debug)]
pub(crate) struct Checked {
    pub(crate) source: Source,
    pub(crate) plan: Option<Plan>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Why a file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReadError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("too large: {0} bytes (the limit is {1})")]
    TooLarge(u64, u64),
    #[error("not UTF-8 at byte {0}")]
    NotUtf8(usize),
    #[error("a folder, not a file")]
    IsDir,
    /// A symlink that leads out of the repository (its text is never shown).
    #[error("a link that leads outside the repository")]
    Outside(std::path::PathBuf),
    /// Not a regular file: a pipe, a socket, a device (reading it could block or never end).
    #[error("not a regular file")]
    NotRegular,
}

impl ReadError {
    /// What went wrong and what to do, in the user's language.
    pub(crate) fn message(&self, lang: Lang, path: &str) -> String {
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
                "{path}: не удалось прочитать: {}",
                "{path}: cannot read: {}",
                crate::app::error::os_error(e, lang)
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
            ReadError::Outside(target) => tr!(
                lang,
                "{path}: ссылка ведёт за пределы репозитория ({}) — такой файл moc не читает; положите план в папку plans/ самим файлом",
                "{path}: the link leads outside the repository ({}) — moc does not read such a file; put the plan itself into plans/",
                target.display()
            ),
            ReadError::NotRegular => tr!(
                lang,
                "{path}: не обычный файл (канал, сокет или устройство)",
                "{path}: not a regular file (a pipe, a socket or a device)"
            ),
        }
    }
}

/// Read a file as UTF-8 text, refusing folders, devices, huge files, other encodings — and,
/// when `root` is given, a file reached through a symlink that leads outside that folder (a
/// plan linked to `/proc/self/environ` or a credentials file must not be printed in a finding).
pub(crate) fn read_text(path: &Path, root: Option<&Path>) -> Result<String, ReadError> {
    use std::io::Read as _;
    if let Some(root) = root
        && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
    {
        let target = std::fs::canonicalize(path)?;
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        if !target.starts_with(&root) {
            return Err(ReadError::Outside(target));
        }
    }
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ReadError::IsDir);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(ReadError::TooLarge(meta.len(), MAX_FILE_SIZE));
    }
    // read no more than the limit, whatever the file has grown to since, into the thread's
    // buffer: the text is copied out of it at its own size
    READ_BUFFER.with_borrow_mut(|bytes| {
        bytes.clear();
        bytes.reserve(usize::try_from(meta.len()).map_or(0, |n| n + 1));
        std::fs::File::open(path)?
            .take(MAX_FILE_SIZE + 1)
            .read_to_end(bytes)?;
        let text = text_of(bytes);
        if bytes.capacity() > KEPT_BUFFER {
            *bytes = Vec::new();
        }
        text
    })
}

/// The room a reading thread keeps for the next file (a plan is tens of kilobytes).
const KEPT_BUFFER: usize = 1 << 20;

thread_local! {
    static READ_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Bytes of a plan (read from disk or from git) as text: the same limits everywhere. UTF-8 is
/// checked by `simdutf8` (a region's plans are mostly Cyrillic, two bytes a letter, where the
/// standard library's check was a tenth of `moc report`'s time), and `std` tells where a text
/// that fails it goes wrong.
pub(crate) fn text_of(bytes: &[u8]) -> Result<String, ReadError> {
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(ReadError::TooLarge(bytes.len() as u64, MAX_FILE_SIZE));
    }
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => Err(ReadError::NotUtf8(
            std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), str::len),
        )),
    }
}

/// Load a plan from its text, with what reading it found (the checks are run by
/// [`crate::workspace::Loader::check_source`]). `fallback` stands in for a missing plan year;
/// `shared` are the region's roster entries every plan may name.
pub(crate) fn load_source(
    source: Source,
    fallback: PlanYear,
    shared: &[Responsible],
    deadlines: &mut DeadlineCache,
) -> Checked {
    let mut diagnostics = Vec::new();
    if conflict_markers(&source, &mut diagnostics) {
        return Checked {
            source,
            plan: None,
            diagnostics,
        };
    }
    let root = match tree::parse(&source.text) {
        Ok(root) => root,
        Err(errors) => {
            for e in errors {
                diagnostics.push(syntax_diagnostic(&e, &source));
            }
            return Checked {
                source,
                plan: None,
                diagnostics,
            };
        }
    };
    let mut w = walk::Walker {
        src: &source.text,
        diags: Vec::new(),
        splits: rustc_hash::FxHashMap::default(),
        deadlines,
    };
    let plan = w.plan(&root, fallback, shared);
    diagnostics.append(&mut w.diags);
    Checked {
        source,
        plan: Some(plan),
        diagnostics,
    }
}

/// Git conflict markers: «<<<<<<<», «=======», «>>>>>>>» at the start of a line. Only the
/// bytes `<`, `>` and `|` can begin one, and a plan has few of them: those are found with
/// memchr, not every line looked at.
fn conflict_markers(source: &Source, out: &mut Vec<Diagnostic>) -> bool {
    let bytes = source.text.as_bytes();
    for offset in memchr::memchr3_iter(b'<', b'>', b'|', bytes) {
        let at_line_start = offset == 0 || bytes[offset - 1] == b'\n';
        let marker = bytes
            .get(offset..offset + 7)
            .is_some_and(|m| m.iter().all(|&b| b == bytes[offset]));
        if at_line_start && marker {
            let (n, _) = source.line_col(offset);
            out.push(
                Diagnostic::new(
                    Check::MergeConflict,
                    Some(offset..offset + 7),
                    text!("неразрешённый конфликт слияния в строке {n}", "unresolved merge conflict at line {n}"),
                )
                .with_help(text!(
                    "выберите нужный вариант между метками <<<<<<< и >>>>>>>, удалите метки и закоммитьте файл",
                    "keep the right version between the <<<<<<< and >>>>>>> markers, delete the markers and commit"
                )),
            );
            return true;
        }
    }
    false
}

pub(crate) fn syntax_diagnostic(e: &toml::de::Error, source: &Source) -> Diagnostic {
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
            Check::TomlSyntax,
            Some(offset..offset + c.len_utf8()),
            text!(
                "в тексте управляющий символ U+{code:04X} (байт {offset}) — его не бывает в плане",
                "a control character U+{code:04X} (byte {offset}) in the text — plans never hold one"
            ),
        )
        .with_help(text!(
            "удалите его; если файл пришёл из Word или Excel, перенесите план заново командой moc import",
            "delete it; if the file came from Word or Excel, bring the plan in again with moc import"
        ));
    }
    let message = e.message().trim().to_owned();
    let (ru, help) = translate_syntax(&message);
    Diagnostic::new(
        Check::TomlSyntax,
        Some(span.start.min(source.text.len())..span.end.min(source.text.len())),
        Text {
            ru: format!("ошибка синтаксиса TOML: {ru}"),
            en: format!("TOML syntax error: {message}"),
        },
    )
    .with_help(help)
}

/// The toml parser's English messages, said in Russian (always: its English never reaches a
/// Russian screen), with a hint in both languages.
fn translate_syntax(msg: &str) -> (String, Text) {
    let m = msg.to_lowercase();
    let pick =
        |ru: &str, help_ru: &str, help_en: &str| (ru.to_owned(), Text::new(help_ru, help_en));
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
    if m.contains("date") || m.contains("time") || m.contains("month") || m.contains("day") {
        return pick(
            "дата или время записаны неверно",
            "пишите дату так: 2026-09-15 (год-месяц-день; такой день должен быть в месяце)",
            "write a date as 2026-09-15 (year-month-day; a day the month has)",
        );
    }
    if m.contains("number") || m.contains("integer") || m.contains("float") {
        return pick(
            "число записано неверно",
            "пишите число цифрами: 1530 или 79.2; текст берите в кавычки",
            "write a number in digits: 1530 or 79.2; quote text",
        );
    }
    if m.contains("unclosed") || m.contains("expected `]`") || m.contains("expected `}`") {
        return pick(
            "скобка не закрыта",
            "закройте скобку ] или } в этой строке",
            "close the ] or } bracket on this line",
        );
    }
    if m.contains("key") {
        return pick(
            "неверный ключ",
            "ключ пишется латиницей без пробелов (title, deadline), текст — в кавычках после «=»",
            "a key is written in Latin letters without spaces (title, deadline), text in quotes after «=»",
        );
    }
    if m.contains("newline") {
        return pick(
            "после значения в строке лишний текст",
            "одна строка — один ключ = значение; остальное перенесите на новую строку или возьмите в кавычки",
            "one line holds one key = value; move the rest to a new line or quote it",
        );
    }
    (
        "текст не по правилам TOML".to_owned(),
        Text::new(
            "проверьте кавычки, скобки и знаки «=» в этой строке",
            "check the quotes, brackets and «=» signs on this line",
        ),
    )
}

/// `2026-09-15`, `15.09.2026`, `15.09.26`.
pub(crate) fn parse_date_text(s: &str) -> Option<NaiveDate> {
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
pub(crate) fn inner_span(
    src: &str,
    token: &Span,
    value: &str,
    sub: std::ops::Range<usize>,
) -> Span {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_checked_as_std_checks_it() {
        let plan = "[plan]\ntitle = \"План МОЦ — «2026»\"\n".repeat(40);
        let Ok(text) = text_of(plan.as_bytes()) else {
            panic!("valid UTF-8 refused");
        };
        assert_eq!(text, plan);
        for cut in [0, 1, 7, 8, 9, plan.len() - 1] {
            let mut bytes = plan.clone().into_bytes();
            bytes.insert(cut, 0xff);
            let Err(ReadError::NotUtf8(at)) = text_of(&bytes) else {
                panic!("invalid UTF-8 at {cut} taken");
            };
            assert_eq!(
                Some(at),
                std::str::from_utf8(&bytes).err().map(|e| e.valid_up_to())
            );
        }
        // a letter cut in two at the end
        let Some(quote) = plan.rfind('»') else {
            panic!("no closing quote");
        };
        let Err(ReadError::NotUtf8(at)) = text_of(&plan.as_bytes()[..=quote]) else {
            panic!("a cut letter taken");
        };
        assert_eq!(at, quote);
    }
    use std::path::Path;

    fn load(text: &str) -> Checked {
        load_source(
            Source::new(Path::new("t.toml"), "t.toml".into(), text.to_owned()),
            PlanYear::Calendar(2026),
            &[],
            &mut DeadlineCache::default(),
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
        let codes: Vec<_> = l.diagnostics.iter().map(|d| d.check.id()).collect();
        assert_eq!(
            codes.iter().filter(|c| **c == "unknown-key").count(),
            2,
            "{codes:?}"
        );
        assert!(codes.contains(&"missing-key"));
        let hint = l
            .diagnostics
            .iter()
            .find_map(|d| d.help.as_ref().map(|h| h.ru.clone()))
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
        assert_eq!(l.diagnostics[0].check, Check::TomlSyntax);
    }

    #[test]
    fn conflict_markers_are_named() {
        let l = load("[plan]\n<<<<<<< HEAD\ntitle = \"a\"\n=======\ntitle = \"b\"\n>>>>>>> x\n");
        assert_eq!(l.diagnostics[0].check, Check::MergeConflict);
        assert!(
            l.diagnostics[0].message.ru.contains("строке 2"),
            "{}",
            l.diagnostics[0].message.ru
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
