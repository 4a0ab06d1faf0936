//! How a command ends: [`Exit`] when it did its job, [`CommandError`] when it could not — and the
//! one place where an error is shown to the user ([`CommandError::render`]) and turned into an
//! exit code a hook or CI can rely on (0 all well, 1 findings, 2 moc could not do its job).
//!
//! Messages are written in the user's language where the error is made (the command knows what
//! went wrong and what to do); an operating-system error carried inside is put into words here,
//! at the edge, so that «Permission denied (os error 13)» never reaches a Russian screen.

use std::io::Write;

use crate::i18n::Lang;

/// How a command that did its job ended, as the exit code tells a hook or CI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exit {
    /// 0: all well.
    Ok,
    /// 1: findings (errors in plans, overdue work with `--fail`, a deadline not understood).
    Findings,
    /// 2: moc could not do (all of) its job, and has said why already.
    Failure,
}

impl Exit {
    pub(crate) fn code(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::Findings => 1,
            Exit::Failure => 2,
        }
    }

    /// The worse of two outcomes.
    #[must_use]
    pub(crate) fn max(self, other: Exit) -> Exit {
        if other.code() > self.code() {
            other
        } else {
            self
        }
    }
}

/// What sort of failure an error is; it decides the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Something the user can put right: a bad argument, a missing file, an edit that cannot be
    /// made. Exit 2.
    User,
    /// The command ran and its answer is «no»: an edit refused because the plan would not check,
    /// a phrase not understood. Exit 1.
    Findings,
    /// Reading or writing failed. Exit 2.
    Io,
    /// Everything the user needs to know has been printed already (the findings of a plan, the
    /// files that could not be read); only the exit code is left. Exit 2.
    Reported,
}

/// Why a command could not do its job: the message, how to put it right, and the exit code.
#[derive(Debug)]
pub(crate) struct CommandError {
    pub(crate) kind: Kind,
    /// In the user's language.
    pub(crate) message: String,
    /// «what to do», one line each, in the user's language.
    pub(crate) hints: Vec<String>,
    /// The operating system's error behind the message, put into words when shown.
    pub(crate) io: Option<std::io::Error>,
    /// What to show before the message, as it is (the findings that stop an edit).
    pub(crate) detail: String,
}

impl CommandError {
    /// A failure the user can put right (exit 2).
    pub(crate) fn user(message: impl Into<String>) -> CommandError {
        CommandError {
            kind: Kind::User,
            message: message.into(),
            hints: Vec::new(),
            io: None,
            detail: String::new(),
        }
    }

    /// A «no» that is the command's answer (exit 1).
    pub(crate) fn findings(message: impl Into<String>) -> CommandError {
        CommandError {
            kind: Kind::Findings,
            ..CommandError::user(message)
        }
    }

    /// An error already shown in full (exit 2).
    pub(crate) fn reported() -> CommandError {
        CommandError {
            kind: Kind::Reported,
            ..CommandError::user(String::new())
        }
    }

    /// Reading or writing `what` failed (`what` names it: «не удалось записать отчёт.md»).
    pub(crate) fn io(what: impl Into<String>, e: std::io::Error) -> CommandError {
        CommandError {
            kind: Kind::Io,
            message: what.into(),
            hints: Vec::new(),
            io: Some(e),
            detail: String::new(),
        }
    }

    /// Add a line on how to put it right.
    #[must_use]
    pub(crate) fn hint(mut self, hint: impl Into<String>) -> CommandError {
        self.hints.push(hint.into());
        self
    }

    /// Show `detail` (already rendered: findings, a diff) before the message.
    #[must_use]
    pub(crate) fn with_detail(mut self, detail: String) -> CommandError {
        self.detail = detail;
        self
    }

    /// The exit code.
    pub(crate) fn exit(&self) -> Exit {
        match self.kind {
            Kind::Findings => Exit::Findings,
            Kind::User | Kind::Io | Kind::Reported => Exit::Failure,
        }
    }

    /// The error as the user reads it (nothing for an error already shown).
    pub(crate) fn render(&self, lang: Lang, color: bool, err: &mut dyn Write) {
        let _ = err.write_all(self.detail.as_bytes());
        if self.kind == Kind::Reported {
            return;
        }
        let mut message = self.message.trim_end().to_owned();
        if let Some(e) = &self.io {
            let words = os_error(e, lang);
            if message.is_empty() {
                message = words;
            } else {
                message = format!("{message}: {words}");
            }
        }
        let _ = writeln!(err, "{}: {message}", label(lang, color));
        for h in &self.hints {
            let _ = writeln!(err, "  {}: {h}", lang.pick("подсказка", "hint"));
        }
    }
}

impl From<std::io::Error> for CommandError {
    fn from(e: std::io::Error) -> CommandError {
        CommandError::io(String::new(), e)
    }
}

impl From<serde_json::Error> for CommandError {
    fn from(e: serde_json::Error) -> CommandError {
        match e.io_error_kind() {
            Some(kind) => CommandError::io(String::new(), std::io::Error::from(kind)),
            None => CommandError::user(e.to_string()),
        }
    }
}

impl From<csv::Error> for CommandError {
    fn from(e: csv::Error) -> CommandError {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => CommandError::io(String::new(), io),
            other => CommandError::user(format!("CSV: {other:?}")),
        }
    }
}

/// «ошибка» / «error», in bold red where colour is on: the one label of every error moc prints.
pub(crate) fn label(lang: Lang, color: bool) -> String {
    let word = lang.pick("ошибка", "error");
    if color {
        let style = anstyle::AnsiColor::Red.on_default().bold();
        format!("{style}{word}{style:#}")
    } else {
        word.to_owned()
    }
}

/// An operating-system error in the user's words (Russian has its own for the common ones; the
/// rest keep the system's text after a Russian lead).
pub(crate) fn os_error(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let ru = match e.kind() {
        K::NotFound => "нет такого файла или папки",
        K::PermissionDenied => "нет прав доступа",
        K::AlreadyExists => "файл уже существует",
        K::IsADirectory => "это папка, а не файл",
        K::NotADirectory => "это файл, а не папка",
        K::DirectoryNotEmpty => "папка не пуста",
        K::ReadOnlyFilesystem => "файловая система только для чтения",
        K::StorageFull => "нет места на диске",
        K::QuotaExceeded => "превышена квота на диске",
        K::FileTooLarge => "файл слишком велик",
        K::InvalidFilename => "недопустимое имя файла",
        K::TimedOut => "время ожидания истекло",
        K::WouldBlock => "ресурс занят",
        K::Interrupted => "прервано",
        K::UnexpectedEof => "файл оборвался раньше, чем ожидалось",
        K::InvalidData => "данные повреждены или в неверной кодировке",
        K::BrokenPipe => "получатель вывода закрыл канал",
        K::OutOfMemory => "не хватило памяти",
        K::CrossesDevices => "нельзя переместить файл на другой диск",
        K::ResourceBusy | K::ExecutableFileBusy => "файл занят другой программой",
        K::Unsupported => "операция не поддерживается",
        _ => "",
    };
    match lang {
        Lang::En => e.to_string(),
        Lang::Ru if !ru.is_empty() => ru.to_owned(),
        Lang::Ru => match e.raw_os_error() {
            Some(code) => format!("системная ошибка {code}"),
            None => "ошибка ввода-вывода".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes() {
        assert_eq!(CommandError::user("x").exit().code(), 2);
        assert_eq!(CommandError::findings("x").exit().code(), 1);
        assert_eq!(CommandError::reported().exit().code(), 2);
        assert_eq!(Exit::Ok.max(Exit::Findings), Exit::Findings);
    }

    #[test]
    fn os_errors_in_russian() {
        let e = std::io::Error::from_raw_os_error(13);
        let mut out = Vec::new();
        CommandError::io("не удалось записать отчёт.md", e).render(Lang::Ru, false, &mut out);
        let text = String::from_utf8_lossy(&out);
        assert_eq!(
            text,
            "ошибка: не удалось записать отчёт.md: нет прав доступа\n"
        );
        assert!(!text.contains("os error"));
    }

    #[test]
    fn hints_follow_the_message() {
        let mut out = Vec::new();
        CommandError::user("планов не найдено")
            .hint("moc init — новый план")
            .render(Lang::Ru, false, &mut out);
        assert_eq!(
            String::from_utf8_lossy(&out),
            "ошибка: планов не найдено\n  подсказка: moc init — новый план\n"
        );
    }
}
