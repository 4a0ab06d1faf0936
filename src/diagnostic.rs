//! Findings about a plan and how they look: like rustc's, with the file, line and column, the
//! source line, a caret under the value, the message and a hint.
//!
//! A [`Diagnostic`] is data (checks return them; they are never `Err`). Rendering is separate:
//! [`render`] for people (annotate-snippets, Russian or English headings) and [`Record`] for
//! `--format json`. Plan text shown in a diagnostic is escaped first (see [`crate::text`]).

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use crate::checks::Check;
use crate::i18n::{Lang, Text};
use crate::source::{Source, Span, floor_char};
use crate::text::{escape_controls, needs_escape};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    /// For information: what moc understood in a way worth knowing; never fails a check.
    Note,
    Warning,
    Error,
}

impl Severity {
    pub(crate) fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => lang.pick("ошибка", "error"),
            Severity::Warning => lang.pick("предупреждение", "warning"),
            Severity::Note => lang.pick("заметка", "note"),
        }
    }
}

/// One finding in one file.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Diagnostic {
    /// The check that found it.
    pub(crate) check: Check,
    /// The check's severity (kept beside it: counted often).
    pub(crate) severity: Severity,
    /// Where in the file; `None` for the file as a whole.
    pub(crate) span: Option<Span>,
    /// What is wrong, in both languages.
    pub(crate) message: Text,
    /// How to fix it.
    pub(crate) help: Option<Text>,
}

impl Diagnostic {
    pub(crate) fn new(check: Check, span: Option<Span>, message: Text) -> Diagnostic {
        Diagnostic {
            check,
            severity: check.severity(),
            span,
            message: readable(message),
            help: None,
        }
    }

    #[must_use]
    pub(crate) fn with_help(mut self, help: impl Into<Option<Text>>) -> Diagnostic {
        self.help = help.into().map(readable);
        self
    }
}

/// A finding's words, whatever text of the file they quote: no word over 80 characters (a key or
/// a name of 300 000 letters keeps its ends), no message over 1 000.
fn readable(mut t: Text) -> Text {
    for s in [&mut t.ru, &mut t.en] {
        if s.len() > 80 {
            *s = crate::text::elide_long_words(s, 80, 1000);
        }
    }
    t
}

/// A diagnostic as `--format json` prints it.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Record {
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) end_line: usize,
    pub(crate) end_column: usize,
    pub(crate) severity: Severity,
    pub(crate) code: &'static str,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
}

impl Record {
    pub(crate) fn new(d: &Diagnostic, src: &Source, lang: Lang) -> Record {
        let (line, column, end_line, end_column) = match &d.span {
            Some(span) => {
                let (l, c) = src.line_col(span.start);
                let (el, ec) = src.line_col(span.end);
                (l, c, el, ec)
            }
            None => (1, 1, 1, 1),
        };
        Record {
            file: src.name.clone(),
            line,
            column,
            end_line,
            end_column,
            severity: d.severity,
            code: d.check.id(),
            message: d.message.get(lang).to_owned(),
            help: d.help.as_ref().map(|h| h.get(lang).to_owned()),
        }
    }
}

/// How GitLab's Code Quality report rates a finding (its allowed values are `info`, `minor`,
/// `major`, `critical`, `blocker`): a file moc cannot read as a plan at all (broken TOML, a merge
/// conflict left in it) is `critical`, any other error `major`, a warning `minor`, a note `info`.
/// `blocker` is not used: no finding in one plan stops the others from being read.
pub(crate) fn code_quality_severity(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error if matches!(d.check, Check::TomlSyntax | Check::MergeConflict) => {
            "critical"
        }
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Note => "info",
    }
}

/// A finding in GitLab's Code Quality report (`moc check --format gitlab`): the subset of the
/// CodeClimate issue GitLab reads.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct CodeQuality {
    pub(crate) description: String,
    pub(crate) check_name: &'static str,
    pub(crate) fingerprint: String,
    pub(crate) severity: &'static str,
    pub(crate) location: CodeQualityLocation,
}

/// Where a Code Quality finding is: the path from the repository's root and the line (the
/// column too, as CodeClimate has it; GitLab shows the line).
#[derive(Clone, Debug, Serialize)]
pub(crate) struct CodeQualityLocation {
    pub(crate) path: String,
    pub(crate) lines: CodeQualityLines,
    pub(crate) positions: CodeQualityPositions,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct CodeQualityLines {
    pub(crate) begin: usize,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct CodeQualityPositions {
    pub(crate) begin: CodeQualityPosition,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct CodeQualityPosition {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl CodeQuality {
    /// `path` is the file's path from the repository's root; `fingerprint` comes from
    /// [`Fingerprints`].
    pub(crate) fn new(
        d: &Diagnostic,
        src: &Source,
        path: String,
        fingerprint: String,
        lang: Lang,
    ) -> CodeQuality {
        let (line, column) = d.span.as_ref().map_or((1, 1), |s| src.line_col(s.start));
        let mut description = visible(d.message.get(lang));
        if let Some(help) = &d.help {
            description.push_str(&format!(
                "; {}{}",
                lang.pick("подсказка: ", "help: "),
                visible(help.get(lang))
            ));
        }
        CodeQuality {
            description,
            check_name: d.check.id(),
            fingerprint,
            severity: code_quality_severity(d),
            location: CodeQualityLocation {
                path,
                lines: CodeQualityLines { begin: line },
                positions: CodeQualityPositions {
                    begin: CodeQualityPosition { line, column },
                },
            },
        }
    }
}

/// Fingerprints of findings for GitLab, which shows findings with one fingerprint as one and
/// compares a merge request's findings with its target branch's by fingerprint. A fingerprint is
/// a hash of the file's path from the repository's root, the check's code, where the finding is in
/// the plan's terms ([`anchor`]: the table, its `number`, the key — not the line) and the
/// finding's English message (whatever `--lang`), so it stays when lines are inserted above the
/// finding. What in a message changes without the plan changing is left out: the date the check
/// compared with (`--as-of`, today in CI) and the line or byte a broken file is broken at.
/// Findings alike in all of that are told apart by their order in the file.
#[derive(Debug)]
pub(crate) struct Fingerprints {
    as_of: String,
    seen: std::collections::HashMap<u128, u32>,
}

impl Fingerprints {
    pub(crate) fn new(as_of: chrono::NaiveDate) -> Fingerprints {
        Fingerprints {
            as_of: as_of.to_string(),
            seen: std::collections::HashMap::new(),
        }
    }

    /// The fingerprint of the next finding in `src`, whose path from the repository's root is
    /// `path` (32 hexadecimal digits, like an MD5).
    pub(crate) fn next(&mut self, path: &str, d: &Diagnostic, src: &Source) -> String {
        let mut message = d.message.en.replace(&self.as_of, "today");
        let broken = matches!(d.check, Check::TomlSyntax | Check::MergeConflict);
        if broken {
            message.retain(|c| !c.is_ascii_digit());
        }
        let place = match &d.span {
            Some(span) if !broken => anchor(src, span.start),
            _ => String::new(),
        };
        let base = fnv1a_128(&[path, d.check.id(), &place, &message]);
        let n = self.seen.entry(base).or_insert(0);
        let nth = *n;
        *n += 1;
        format!(
            "{:032x}",
            mix(fnv1a_128(&[&format!("{base:032x}"), &nth.to_string()]))
        )
    }
}

/// Where the byte `at` is in the plan's terms, not by line: the header of the table it is in, that
/// table's `number` and the key whose value it is in — `[[section.item]] "1.4" responsible`. Read
/// from the text (a broken file too); lines inside multi-line strings are not taken for headers
/// or keys.
fn anchor(src: &Source, at: usize) -> String {
    let (mut header, mut number, mut key) = ("", "", "");
    let mut found = false;
    let mut open: Option<&str> = None;
    let mut offset = 0;
    for line in src.text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim();
        if let Some(quotes) = open {
            if t.matches(quotes).count() % 2 == 1 {
                open = None;
            }
        } else {
            let is_header = t.starts_with('[');
            if is_header && found {
                break;
            }
            if is_header {
                (header, number, key) = (t, "", "");
            } else if let Some((k, v)) = t.split_once('=') {
                let k = k.trim();
                if !k.starts_with('#') {
                    if k == "number" && number.is_empty() {
                        number = v.split('#').next().unwrap_or("").trim();
                    }
                    if !found {
                        key = k;
                    }
                }
            }
            for quotes in ["\"\"\"", "'''"] {
                if !is_header && t.matches(quotes).count() % 2 == 1 {
                    open = Some(quotes);
                }
            }
        }
        if !found && start <= at && at < offset {
            found = true;
        }
    }
    format!("{header} {number} {key}")
}

/// FNV-1a, 128 bits, over the parts with a separator between them: the same on every machine and
/// Rust version (std's hasher promises neither).
fn fnv1a_128(parts: &[&str]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut h = OFFSET;
    for (i, part) in parts.iter().enumerate() {
        let sep: &[u8] = if i == 0 { b"" } else { b"\x1f" };
        for &b in sep.iter().chain(part.as_bytes()) {
            h ^= u128::from(b);
            h = h.wrapping_mul(PRIME);
        }
    }
    h
}

/// FNV's last bytes reach only the low digits; this spreads them over all 32 (each half through
/// splitmix64's finaliser, each mixed into the other), so neighbouring findings don't look alike.
fn mix(h: u128) -> u128 {
    fn fmix(mut z: u64) -> u64 {
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    #[allow(clippy::cast_possible_truncation)]
    let (hi, lo) = ((h >> 64) as u64, h as u64);
    let lo = fmix(lo ^ hi.rotate_left(17));
    let hi = fmix(hi ^ lo);
    (u128::from(hi) << 64) | u128::from(lo)
}

/// A GitHub Actions workflow command's message: `%`, CR and LF written as `%25`, `%0D`, `%0A`
/// (`%` first, so the escapes are not escaped again), as the runner unescapes them.
pub(crate) fn escape_command_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value (`file=`, `title=`): as [`escape_command_data`], and `:`
/// and `,` as `%3A` and `%2C`, which would otherwise end the value.
pub(crate) fn escape_command_property(s: &str) -> String {
    escape_command_data(s)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// A finding as a GitHub Actions workflow command (`moc check --format github`):
/// `::error file=plans/a.toml,line=70,col=16,endLine=70,endColumn=23,title=responsible-known — …::…`;
/// warnings are `::warning`, notes `::notice`. `path` is the file's path from the repository's
/// root; the message is followed by the hint on a line of its own.
pub(crate) fn workflow_command(d: &Diagnostic, src: &Source, path: &str, lang: Lang) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut props = format!("file={}", escape_command_property(path));
    if let Some(span) = &d.span {
        let (line, col) = src.line_col(span.start);
        let (end_line, end_col) = src.line_col(span.end.max(span.start));
        let _ = write!(props, ",line={line},col={col},endLine={end_line}");
        if end_line == line {
            let _ = write!(props, ",endColumn={end_col}");
        }
    }
    let _ = write!(
        props,
        ",title={}",
        escape_command_property(&workflow_title(d.check, lang))
    );
    let mut message = visible(d.message.get(lang));
    if let Some(help) = &d.help {
        message.push('\n');
        message.push_str(lang.pick("подсказка: ", "help: "));
        message.push_str(&visible(help.get(lang)));
    }
    format!("::{command} {props}::{}\n", escape_command_data(&message))
}

/// An annotation's title: the check's code and what it is for, without the parenthesised
/// examples — `responsible-known — ответственный, которого нет в списке [[responsible]]`.
fn workflow_title(check: Check, lang: Lang) -> String {
    let doc = check.doc(lang);
    let short = doc.split(" (").next().unwrap_or(doc);
    format!("{} — {short}", check.id())
}

/// Control characters written as visible escapes (the forge's log would play a colour code), but
/// line ends kept as they are: the workflow command's own escapes carry them.
fn visible(s: &str) -> String {
    s.split('\r')
        .map(|part| escape_controls(part, true))
        .collect::<Vec<_>>()
        .join("\r")
}

/// A diagnostic for people: heading, `--> file:line:col`, the source line, a caret, the hint.
pub(crate) fn render(d: &Diagnostic, src: &Source, lang: Lang, color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
    .with_name(Some(d.severity.label(lang)));
    let message = escape_controls(d.message.get(lang), false);
    let title = level.primary_title(message.as_str()).id(d.check.id());
    let name = escape_controls(&src.name, false);

    let mut group: Group<'_>;
    let shown;
    match &d.span {
        Some(span) => {
            // Show the lines the span covers (at most three), with control characters escaped
            // and the span moved to match.
            let start = floor_char(&src.text, span.start.min(src.text.len()));
            let end = floor_char(&src.text, span.end.clamp(start, src.text.len()));
            let (first_line, _) = src.line_col(start);
            let (mut last_line, _) = src.line_col(end);
            last_line = last_line.clamp(first_line, first_line + 2);
            let from = src.line_span(first_line).start;
            let to = src.line_span(last_line).end.max(from);
            let (text, map) = escape_with_map(&src.text[from..to]);
            let a = map(start.saturating_sub(from).min(to - from));
            let b = map(end.saturating_sub(from).min(to - from)).max(a);
            shown = text;
            // an empty span (a missing key at the end of a table) gets one column of caret
            let annotation = AnnotationKind::Primary.span(a..b);
            group = title.element(
                Snippet::source(shown.as_str())
                    .line_start(first_line)
                    .path(name.as_str())
                    .annotation(annotation),
            );
        }
        None => {
            group = title.element(Origin::path(name.as_str()));
        }
    }
    let help_text;
    if let Some(help) = &d.help {
        help_text = escape_controls(help.get(lang), false);
        group = group.element(
            Level::HELP
                .with_name(Some(lang.pick("подсказка", "help")))
                .message(help_text.as_str()),
        );
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = renderer.render(&[group]);
    out.push_str("\n\n");
    out
}

/// Escape control characters in a snippet and return a map from old to new byte offsets.
fn escape_with_map(s: &str) -> (String, impl Fn(usize) -> usize) {
    let mut out = String::with_capacity(s.len());
    let mut marks: Vec<(usize, usize)> = Vec::new(); // (old offset, new offset) at each escape
    for (i, c) in s.char_indices() {
        if needs_escape(c) && c != '\n' {
            marks.push((i, out.len()));
            if c == '\t' {
                out.push(' ');
            } else if c == '\r' {
                // a CR inside a CRLF line ending is not shown
            } else {
                let _ = write!(out, "{}", escape_controls(&c.to_string(), false));
            }
            marks.push((i + c.len_utf8(), out.len()));
        } else {
            out.push(c);
        }
    }
    let map = move |old: usize| -> usize {
        // find the last mark at or before `old` and shift by its delta
        let idx = marks.partition_point(|&(o, _)| o <= old);
        if idx == 0 {
            old
        } else {
            let (o, n) = marks[idx - 1];
            n + (old - o)
        }
    };
    (out, map)
}

/// The line after all diagnostics: «проверено 2 файла: 1 ошибка, 0 предупреждений».
pub(crate) fn summary(
    lang: Lang,
    files: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
) -> String {
    use crate::i18n::plural;
    let (f, e, w) = (files as u64, errors as u64, warnings as u64);
    let notes = (notes > 0).then(|| {
        format!(
            ", {}",
            plural(
                lang,
                notes as u64,
                ["заметка", "заметки", "заметок"],
                ["note", "notes"]
            )
        )
    });
    let line = match lang {
        Lang::Ru => format!(
            "проверено: {}; {}, {}",
            plural(lang, f, ["файл", "файла", "файлов"], ["", ""]),
            plural(lang, e, ["ошибка", "ошибки", "ошибок"], ["", ""]),
            plural(
                lang,
                w,
                ["предупреждение", "предупреждения", "предупреждений"],
                ["", ""]
            ),
        ),
        Lang::En => format!(
            "checked {}: {}, {}",
            plural(lang, f, ["", "", ""], ["file", "files"]),
            plural(lang, e, ["", "", ""], ["error", "errors"]),
            plural(lang, w, ["", "", ""], ["warning", "warnings"]),
        ),
    };
    line + notes.as_deref().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn caret_under_cyrillic() {
        let text = "[x]\nresponsible = \"Руководитель МОЦ, методис\"\n".to_owned();
        let src = Source::new(Path::new("plan.toml"), "plan.toml".into(), text.clone());
        let at = text.find("методис").unwrap_or(0);
        let d = Diagnostic::new(
            Check::ResponsibleKnown,
            Some(at..at + "методис".len()),
            Text::same("нет такого"),
        )
        .with_help(Text::same("возможно, «методист»"));
        let out = render(&d, &src, Lang::Ru, false);
        assert!(out.contains("plan.toml:2:34"), "{out}");
        assert!(
            out.contains("ошибка[responsible-known]: нет такого"),
            "{out}"
        );
        let caret_line = out.lines().find(|l| l.contains('^')).unwrap_or("");
        let source_line = out.lines().find(|l| l.contains("методис\"")).unwrap_or("");
        let caret_col = caret_line.chars().position(|c| c == '^');
        let word_col = source_line
            .chars()
            .collect::<Vec<_>>()
            .windows(7)
            .position(|w| w.iter().collect::<String>() == "методис");
        assert_eq!(caret_col, word_col, "{out}");
        assert_eq!(caret_line.matches('^').count(), 7, "{out}");
    }

    #[test]
    fn control_characters_are_escaped() {
        let text = "title = \"a\u{1b}[31mb\"\n".to_owned();
        let src = Source::new(Path::new("p.toml"), "p.toml".into(), text);
        let d = Diagnostic::new(Check::BadValue, Some(8..text_len()), Text::same("m\u{1b}"));
        fn text_len() -> usize {
            19
        }
        let out = render(&d, &src, Lang::En, false);
        assert!(!out.contains('\u{1b}'), "{out}");
        assert!(out.contains("\\x1b"), "{out}");
    }

    #[test]
    fn workflow_command_escapes_percent_first() {
        assert_eq!(escape_command_data("100%\r\n%0A"), "100%25%0D%0A%250A");
        assert_eq!(
            escape_command_property("plans/a,b:c%.toml"),
            "plans/a%2Cb%3Ac%25.toml"
        );
        // the data keeps `:` and `,`: only properties end at them
        assert_eq!(escape_command_data("a: b, c"), "a: b, c");
    }

    #[test]
    fn workflow_command_shape() {
        let text = "[x]\nresponsible = \"методис\"\n".to_owned();
        let src = Source::new(Path::new("p.toml"), "p.toml".into(), text.clone());
        let at = text.find("методис").unwrap_or(0);
        let d = Diagnostic::new(
            Check::ResponsibleKnown,
            Some(at..at + "методис".len()),
            Text::same("нет\u{1b}[31m «методис»"),
        )
        .with_help(Text::same("100%"));
        assert_eq!(
            workflow_command(&d, &src, "plans/p,1.toml", Lang::Ru),
            "::error file=plans/p%2C1.toml,line=2,col=16,endLine=2,endColumn=23,\
             title=responsible-known — ответственный%2C которого нет в списке [[responsible]]\
             ::нет\\x1b[31m «методис»%0Aподсказка: 100%25\n"
        );
        let whole = Diagnostic::new(Check::DuplicateSection, None, Text::same("m"));
        assert_eq!(
            workflow_command(&whole, &src, "p.toml", Lang::En),
            "::error file=p.toml,title=duplicate-section — two sections with the same number::m\n"
        );
    }

    #[test]
    fn fingerprints_are_stable_and_unique() {
        let src = Source::new(Path::new("a.toml"), "a.toml".into(), "x = 1\n".into());
        let d = |m: &str| Diagnostic::new(Check::DoneDate, Some(0..1), Text::same(m));
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
        let mut a = Fingerprints::new(day("2026-03-01"));
        let mut b = Fingerprints::new(day("2026-04-01"));
        // the date a check compared with is not part of the finding
        let first = a.next("plans/a.toml", &d("after today (2026-03-01)"), &src);
        assert_eq!(
            first,
            b.next("plans/a.toml", &d("after today (2026-04-01)"), &src)
        );
        // the same finding twice: two fingerprints, in order
        let second = a.next("plans/a.toml", &d("after today (2026-03-01)"), &src);
        assert_ne!(first, second);
        assert_ne!(first[..8], second[..8], "{first} {second}");
        let other = a.next("plans/b.toml", &d("after today (2026-03-01)"), &src);
        assert_ne!(first, other);
        // pinned: a fingerprint must not change between versions of moc (GitLab compares them)
        assert_eq!(first, "77a0f491cb4d14a4e0d99ce8f2dc1c20");
        assert_eq!(fnv1a_128(&[""]), 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d);
    }

    #[test]
    fn anchors_are_the_table_its_number_and_the_key() {
        let text = "[plan]\nyear = 2026\n\n[[section.item]]\ntitle = \"\"\"\n[not a header]\nx = 1\n\"\"\"\n\
                    responsible = [\n  \"методис\",\n]\nnumber = \"1.4\" # номер\n\n[[section.item]]\nnumber = \"1.5\"\n";
        let src = Source::new(Path::new("p.toml"), "p.toml".into(), text.to_owned());
        let at = |s: &str| text.find(s).unwrap_or(0);
        assert_eq!(
            anchor(&src, at("методис")),
            "[[section.item]] \"1.4\" responsible"
        );
        assert_eq!(anchor(&src, at("x = 1")), "[[section.item]] \"1.4\" title");
        assert_eq!(anchor(&src, at("2026")), "[plan]  year");
        assert_eq!(
            anchor(&src, at("\"1.5\"")),
            "[[section.item]] \"1.5\" number"
        );
        // an item's findings keep their fingerprint when lines are inserted above the item
        let moved = Source::new(
            Path::new("p.toml"),
            "p.toml".into(),
            format!("# заметка\n\n{text}"),
        );
        assert_eq!(
            anchor(&moved, at("методис") + "# заметка\n\n".len()),
            anchor(&src, at("методис"))
        );
    }

    #[test]
    fn merge_conflicts_keep_their_fingerprint_when_lines_move() {
        let src = Source::new(Path::new("p.toml"), "p.toml".into(), "x\n".repeat(40));
        let d = |n: usize| {
            Diagnostic::new(
                Check::MergeConflict,
                Some(n..n + 1),
                Text::same(format!("unresolved merge conflict at line {n}")),
            )
        };
        let day = chrono::NaiveDate::default();
        assert_eq!(
            Fingerprints::new(day).next("p.toml", &d(20), &src),
            Fingerprints::new(day).next("p.toml", &d(31), &src)
        );
    }

    #[test]
    fn code_quality_severities() {
        let sev = |c: Check| code_quality_severity(&Diagnostic::new(c, None, Text::same("")));
        assert_eq!(sev(Check::TomlSyntax), "critical");
        assert_eq!(sev(Check::ResponsibleKnown), "major");
        assert_eq!(sev(Check::NumberingGap), "minor");
        assert_eq!(sev(Check::DeadlinePlace), "info");
    }
}
