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
            message,
            help: None,
        }
    }

    #[must_use]
    pub(crate) fn with_help(mut self, help: impl Into<Option<Text>>) -> Diagnostic {
        self.help = help.into();
        self
    }
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
}
