//! The edit forms: what each verb asks for, reading a posted form, and making the edit through the
//! one edit path of the command line ([`crate::commands::edit::edit_file`]: lock, the version the
//! page was made from, the plan checked again, no new error, an atomic write, comments kept).
//! With `--commit` each edit is then committed to git under the user's identity.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::app::{CommandError, Ctx};
use crate::commands::edit::verbs::{self, Change};
use crate::commands::edit::{self, Edited, Mode, Target};
use crate::i18n::Lang;
use crate::tr;

/// An edit a form makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verb {
    Done,
    Start,
    Partly,
    Progress,
    Postpone,
    Cancel,
    Note,
    Reopen,
}

/// A field of a form: its name (the command line's option) and what it is.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Field {
    pub(crate) name: &'static str,
    pub(crate) kind: FieldKind,
    pub(crate) required: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FieldKind {
    /// Several lines of text.
    Text,
    /// One line.
    Line,
    Date,
}

const fn field(name: &'static str, kind: FieldKind, required: bool) -> Field {
    Field {
        name,
        kind,
        required,
    }
}

impl Verb {
    /// In the order the item's page shows them.
    pub(crate) const ALL: [Verb; 8] = [
        Verb::Done,
        Verb::Progress,
        Verb::Start,
        Verb::Partly,
        Verb::Note,
        Verb::Postpone,
        Verb::Cancel,
        Verb::Reopen,
    ];

    /// The last segment of the form's address: the command's name.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Verb::Done => "done",
            Verb::Start => "start",
            Verb::Partly => "partly",
            Verb::Progress => "progress",
            Verb::Postpone => "postpone",
            Verb::Cancel => "cancel",
            Verb::Note => "note",
            Verb::Reopen => "reopen",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Verb> {
        Verb::ALL.into_iter().find(|v| v.id() == s)
    }

    /// The form's fields, named as the command line's options.
    pub(crate) fn fields(self) -> &'static [Field] {
        use FieldKind::{Date, Line, Text};
        const DONE: &[Field] = &[field("result", Text, false), field("date", Date, false)];
        const PARTLY: &[Field] = &[field("result", Text, true), field("date", Date, false)];
        const PROGRESS: &[Field] = &[
            field("text", Text, true),
            field("date", Date, false),
            field("period", Line, false),
        ];
        const NOTE: &[Field] = &[field("text", Text, true), field("period", Line, false)];
        const POSTPONE: &[Field] = &[field("deadline", Line, true), field("reason", Text, true)];
        const CANCEL: &[Field] = &[field("reason", Text, true)];
        match self {
            Verb::Done => DONE,
            Verb::Partly => PARTLY,
            Verb::Progress => PROGRESS,
            Verb::Postpone => POSTPONE,
            Verb::Cancel => CANCEL,
            Verb::Note => NOTE,
            Verb::Start | Verb::Reopen => &[],
        }
    }

    /// The form's heading.
    pub(crate) fn title(self, lang: Lang) -> &'static str {
        match self {
            Verb::Done => lang.pick("Выполнено", "Done"),
            Verb::Start => lang.pick("Начато (в работе)", "Started (in progress)"),
            Verb::Partly => lang.pick("Выполнено частично", "Partly done"),
            Verb::Progress => lang.pick("Ход работы", "Progress"),
            Verb::Postpone => lang.pick("Перенести", "Postpone"),
            Verb::Cancel => lang.pick("Отменить", "Cancel"),
            Verb::Note => lang.pick(
                "Причина пропуска или невыполнения",
                "Why a period was missed or the item is not done",
            ),
            Verb::Reopen => lang.pick("Вернуть в план", "Put back into the plan"),
        }
    }

    /// The button's words.
    pub(crate) fn button(self, lang: Lang) -> &'static str {
        match self {
            Verb::Done => lang.pick("Отметить выполненным", "Mark done"),
            Verb::Start => lang.pick("Отметить начатым", "Mark started"),
            Verb::Partly => lang.pick("Отметить частично выполненным", "Mark partly done"),
            Verb::Progress => lang.pick("Добавить запись", "Add the entry"),
            Verb::Postpone => lang.pick("Перенести", "Postpone"),
            Verb::Cancel => lang.pick("Отменить мероприятие", "Cancel the item"),
            Verb::Note => lang.pick("Записать причину", "Record the reason"),
            Verb::Reopen => lang.pick("Снять отметки", "Clear the marks"),
        }
    }

    /// The commit message's words: «1.4: выполнено».
    fn commit_words(self, fields: &Fields, lang: Lang) -> String {
        match self {
            Verb::Done => lang.pick("выполнено", "done").to_owned(),
            Verb::Start => lang.pick("в работе", "in progress").to_owned(),
            Verb::Partly => lang.pick("выполнено частично", "partly done").to_owned(),
            Verb::Progress => match fields.text("period") {
                Some(p) => tr!(lang, "ход работы ({p})", "progress ({p})"),
                None => lang.pick("ход работы", "progress").to_owned(),
            },
            Verb::Note => match fields.text("period") {
                Some(p) => tr!(
                    lang,
                    "причина пропуска ({p})",
                    "reason for the missed period ({p})"
                ),
                None => lang.pick("причина", "reason").to_owned(),
            },
            Verb::Postpone => tr!(
                lang,
                "перенесено на «{}»",
                "postponed to «{}»",
                fields.get("deadline").unwrap_or_default()
            ),
            Verb::Cancel => lang.pick("отменено", "cancelled").to_owned(),
            Verb::Reopen => lang.pick("снова запланировано", "planned again").to_owned(),
        }
    }
}

/// A field's label.
pub(crate) fn label(name: &str, lang: Lang) -> &'static str {
    match name {
        "result" => lang.pick("Результат", "Result"),
        "date" => lang.pick("Дата", "Date"),
        "text" => lang.pick("Что сделано", "What was done"),
        "period" => lang.pick(
            "Период: май, 2026-05, II квартал",
            "Period: May, 2026-05, II квартал",
        ),
        "deadline" => lang.pick("Новый срок", "New deadline"),
        "reason" => lang.pick("Причина", "Reason"),
        _ => "",
    }
}

/// A posted form: its fields by name (the last of repeated names counts).
#[derive(Clone, Debug, Default)]
pub(crate) struct Fields(pub(crate) HashMap<String, String>);

impl Fields {
    /// Decode an `application/x-www-form-urlencoded` body (bytes that are not UTF-8 become U+FFFD).
    pub(crate) fn parse(body: &[u8]) -> Fields {
        let mut map = HashMap::new();
        for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
            let (k, v) = match pair.iter().position(|b| *b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &[][..]),
            };
            map.insert(decode(k), decode(v));
        }
        Fields(map)
    }

    /// A field, `None` when absent; text as typed (line ends made `\n`).
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// A field trimmed, `None` when absent or blank.
    fn text(&self, name: &str) -> Option<String> {
        self.get(name)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    }
}

/// `+` is a space, `%XX` a byte.
fn decode(s: &[u8]) -> String {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < s.len() => {
                let hex = std::str::from_utf8(&s[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).replace("\r\n", "\n")
}

/// A form that could not be taken: the message, and the form as typed.
#[derive(Clone, Debug)]
pub(crate) struct Refusal {
    pub(crate) verb: Verb,
    pub(crate) message: String,
    pub(crate) typed: Fields,
}

/// The fields of `verb`'s form, checked: what is missing or not understood is the refusal's
/// message.
fn required(verb: Verb, fields: &Fields, lang: Lang) -> Result<(), String> {
    for f in verb.fields() {
        if f.required && fields.text(f.name).is_none() {
            return Err(tr!(
                lang,
                "заполните поле «{}»",
                "fill in «{}»",
                label(f.name, lang)
            ));
        }
    }
    Ok(())
}

/// The date of a form: blank is the as-of date.
fn date(fields: &Fields) -> Result<Option<NaiveDate>, String> {
    match fields.text("date") {
        None => Ok(None),
        Some(d) => crate::commands::args::parse_date(&d).map(Some),
    }
}

/// Make the edit `verb` asks with `fields` on the item `target` of the plan at `path`, against
/// the file as it was at `version`: the same path as the command line.
pub(crate) fn apply(
    path: &Path,
    target: &Target,
    verb: Verb,
    fields: &Fields,
    version: &str,
    ctx: &Ctx,
) -> Result<Option<Edited>, CommandError> {
    let lang = ctx.lang;
    required(verb, fields, lang).map_err(CommandError::user)?;
    let date = date(fields).map_err(CommandError::user)?;
    let target = target.clone();
    let result = fields.text("result");
    let text = fields.text("text").unwrap_or_default();
    let reason = fields.text("reason").unwrap_or_default();
    let deadline = fields.text("deadline").unwrap_or_default();
    let done = verbs::DoneArgs {
        target: target.clone(),
        result: result.clone(),
        date,
    };
    let partly = verbs::PartlyArgs {
        target: target.clone(),
        result: result.unwrap_or_default(),
        date,
    };
    let period = fields.text("period");
    let progress = verbs::ProgressArgs {
        target: target.clone(),
        text: text.clone(),
        date,
        period: period.clone(),
    };
    let note = verbs::NoteArgs {
        target: target.clone(),
        text,
        period,
    };
    let postpone = verbs::PostponeArgs {
        target: target.clone(),
        to: deadline,
        reason: reason.clone(),
    };
    let cancel = verbs::CancelArgs {
        target: target.clone(),
        reason,
    };
    let change: Change<'_> = match verb {
        Verb::Done => verbs::done_change(&done, ctx),
        Verb::Start => verbs::start_change(ctx),
        Verb::Partly => verbs::partly_change(&partly, ctx),
        Verb::Progress => verbs::progress_change(&progress, ctx),
        Verb::Postpone => verbs::postpone_change(&postpone, ctx),
        Verb::Cancel => verbs::cancel_change(&cancel, ctx),
        Verb::Note => verbs::note_change(&note, ctx),
        Verb::Reopen => verbs::reopen_change(ctx),
    };
    let mode = Mode {
        dry_run: false,
        expect: Some(version),
    };
    edit::edit_file(path, ctx, &mut std::io::sink(), mode, |doc, plan| {
        edit::change_item(doc, plan, &target, lang, change)
    })
}

/// The commit message of an edit: «1.4: выполнено».
pub(crate) fn commit_message(number: &str, verb: Verb, fields: &Fields, lang: Lang) -> String {
    format!("{number}: {}", verb.commit_words(fields, lang))
}

/// `git` in the repository, plain and untranslated; its output, or its complaint.
fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let out = std::process::Command::new("git")
        .current_dir(root)
        .env("LC_ALL", "C")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("git failed");
        Err(first.to_owned())
    }
}

/// Whether git knows whose name to commit under.
pub(crate) fn identity(root: &Path) -> Result<(), String> {
    git(root, &["var", "GIT_AUTHOR_IDENT"])?;
    git(root, &["var", "GIT_COMMITTER_IDENT"])?;
    Ok(())
}

/// Commit the file at `path` alone (other staged changes stay staged), under the user's git
/// identity; the commit's short hash.
pub(crate) fn commit(path: &Path, message: &str, ctx: &Ctx) -> Result<String, String> {
    let repo = crate::git::Repo::discover(&ctx.cwd).map_err(|e| e.message(ctx.lang))?;
    let rel = repo
        .relative(path, &ctx.cwd)
        .ok_or_else(|| crate::git::GitError::NotARepo.message(ctx.lang))?;
    git(&repo.root, &["add", "--", &rel])?;
    git(&repo.root, &["commit", "-q", "-m", message, "--", &rel])?;
    git(&repo.root, &["rev-parse", "--short", "HEAD"])
}
