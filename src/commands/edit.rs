//! The editing commands: `done`, `start`, `partly`, `reopen`, `postpone`, `cancel`, `progress`,
//! `add`. Each one finds its item, changes the text through `toml_edit` ([`crate::edit`]), checks
//! the result as `moc check` would, and writes atomically — or shows the diff with `--dry-run`.
//!
//! The order of a write, under a lock shared by every moc process: read the file, edit, re-load
//! and check (an edit that leaves the plan with an error is refused, with the diagnostics),
//! refuse a read-only file, read the file again and refuse if someone changed it meanwhile, then
//! replace it atomically (temporary file, fsync, rename; permissions kept). A command that fails
//! leaves the file byte-for-byte as it was.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::checks;
use crate::cli::{AddArgs, EditTarget, ItemEdit};
use crate::commands::{Ctx, Exit, Io};
use crate::deadline::Deadline;
use crate::diagnostic::{self, Severity};
use crate::edit::{self, Doc, Op};
use crate::i18n::{self, Lang};
use crate::load::{self, Loaded};
use crate::model::Plan;
use crate::source::{Source, display_path};
use crate::text::{escape_controls, shorten};
use crate::tr;
use crate::view::item_id;

/// An edit that could not be made: the message, and the exit code.
struct Refusal {
    message: String,
    exit: Exit,
}

fn refuse(message: String) -> Refusal {
    Refusal {
        message,
        exit: Exit::Failure,
    }
}

/// Which file holds the item: `--plan`, or the one plan under `plans/` that has it.
fn find_plan(target: &EditTarget, ctx: &Ctx) -> Result<PathBuf, Refusal> {
    let lang = ctx.lang;
    let paths = target
        .plan
        .clone()
        .map_or_else(|| vec![ctx.default_plans()], |p| vec![p]);
    let (files, errors) = crate::discover::plan_files(&paths, lang);
    if let Some(e) = errors.first() {
        return Err(refuse(e.0.clone()));
    }
    let want = normalize_id(&target.id);
    let mut found: Vec<(PathBuf, String)> = Vec::new();
    let mut near: Vec<String> = Vec::new();
    for f in files {
        let Ok(loaded) = load::load_path_with(&f, lang, ctx.as_of.year(), &ctx.settings.roster)
        else {
            continue;
        };
        let Some(plan) = &loaded.plan else { continue };
        for (s, i) in plan.items() {
            let id = item_id(i);
            if id == want && section_matches(target, &s.number) {
                found.push((f.clone(), s.number.clone()));
            } else if strsim::levenshtein(&id, &want) <= 1 && !near.contains(&id) {
                near.push(id);
            }
        }
    }
    match found.len() {
        1 => Ok(found.swap_remove(0).0),
        0 => {
            let hint = if near.is_empty() {
                String::new()
            } else {
                tr!(
                    lang,
                    "; похожие номера: {}",
                    "; similar numbers: {}",
                    near.join(", ")
                )
            };
            let id = &target.id;
            Err(refuse(tr!(
                lang,
                "мероприятие {id} не найдено{hint}",
                "no item {id}{hint}"
            )))
        }
        _ => {
            let list: Vec<String> = found
                .iter()
                .map(|(f, s)| tr!(lang, "{} (раздел {s})", "{} (section {s})", display_path(f)))
                .collect();
            let id = &target.id;
            Err(refuse(tr!(
                lang,
                "номер {id} есть в нескольких местах: {} — укажите --plan ПУТЬ или --section РАЗДЕЛ",
                "number {id} is in several places: {} — give --plan PATH or --section SECTION",
                list.join(", ")
            )))
        }
    }
}

fn normalize_id(id: &str) -> String {
    id.trim().trim_end_matches('.').trim().to_owned()
}

fn section_matches(target: &EditTarget, number: &str) -> bool {
    target.in_section.as_deref().is_none_or(|want| {
        let (a, b) = (checks::number_parts(want), checks::number_parts(number));
        match (a, b) {
            (Some(a), Some(b)) => a == b,
            _ => i18n::fold(want.trim()) == i18n::fold(number.trim()),
        }
    })
}

/// The position (section, item) of an item in a loaded plan.
fn position(plan: &Plan, target: &EditTarget, lang: Lang) -> Result<(usize, usize), Refusal> {
    let want = normalize_id(&target.id);
    let mut hits = Vec::new();
    for (si, s) in plan.sections.iter().enumerate() {
        if !section_matches(target, &s.number) {
            continue;
        }
        for (ii, it) in s.items.iter().enumerate() {
            if item_id(it) == want {
                hits.push((si, ii));
            }
        }
    }
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(refuse(tr!(
            lang,
            "мероприятие {} не найдено",
            "no item {}",
            target.id
        ))),
        _ => Err(refuse(tr!(
            lang,
            "номер {} встречается в плане несколько раз — укажите --section РАЗДЕЛ",
            "number {} appears several times in the plan — give --section SECTION",
            target.id
        ))),
    }
}

/// Read, edit, check, write. `change` edits the document and returns the line to report.
fn modify(
    path: &Path,
    ctx: &Ctx,
    io: &mut Io<'_>,
    dry_run: bool,
    change: impl FnOnce(&mut Doc, &Plan) -> Result<String, Refusal>,
) -> anyhow::Result<Exit> {
    let lang = ctx.lang;
    let shown = display_path(path);
    let result = (|| -> Result<Option<(String, String, String)>, Refusal> {
        let _lock = crate::fsutil::lock(path).map_err(|e| {
            refuse(tr!(
                lang,
                "{shown}: не удалось заблокировать: {e}",
                "{shown}: cannot lock: {e}"
            ))
        })?;
        let raw = std::fs::read(path)
            .map_err(|e| refuse(load::ReadError::Io(e).message(lang, &shown)))?;
        let text = String::from_utf8(raw.clone()).map_err(|e| {
            refuse(load::ReadError::NotUtf8(e.utf8_error().valid_up_to()).message(lang, &shown))
        })?;
        let before = load::load_source_with(
            Source::new(path, text.clone()),
            lang,
            ctx.as_of.year(),
            &ctx.settings.roster,
        );
        let Some(plan) = &before.plan else {
            return Err(Refusal {
                message: not_checking(&before, ctx),
                exit: Exit::Findings,
            });
        };
        let mut doc = Doc::parse(&text).map_err(|e| refuse(format!("{shown}: {}", e.message())))?;
        let line = change(&mut doc, plan)?;
        let new_text = doc.render();
        if new_text == text {
            return Ok(None);
        }
        // the edited plan must check
        let mut after = load::load_source_with(
            Source::new(path, new_text.clone()),
            lang,
            ctx.as_of.year(),
            &ctx.settings.roster,
        );
        if let Some(p) = &after.plan {
            let found = checks::run(p, &after.source, ctx.as_of, lang);
            after.diagnostics.extend(found);
        }
        if after
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
        {
            return Err(Refusal {
                message: not_checking(&after, ctx),
                exit: Exit::Findings,
            });
        }
        if dry_run {
            return Ok(Some((text, new_text, line)));
        }
        let meta = std::fs::metadata(crate::fsutil::resolve(path))
            .map_err(|e| refuse(format!("{shown}: {e}")))?;
        if meta.permissions().readonly() {
            return Err(refuse(tr!(
                lang,
                "{shown}: файл только для чтения — правка не записана",
                "{shown}: the file is read-only — nothing is written"
            )));
        }
        let now = std::fs::read(path).map_err(|e| refuse(format!("{shown}: {e}")))?;
        if now != raw {
            return Err(refuse(tr!(
                lang,
                "{shown}: файл изменился, пока moc его правил — правка не записана, повторите команду",
                "{shown}: the file changed while moc was editing it — nothing is written, run the command again"
            )));
        }
        crate::fsutil::write_atomic(path, new_text.as_bytes()).map_err(|e| {
            refuse(tr!(
                lang,
                "{shown}: не удалось записать: {e}",
                "{shown}: cannot write: {e}"
            ))
        })?;
        Ok(Some((text, new_text, line)))
    })();
    match result {
        Err(r) => {
            let label = crate::render::paint(lang.pick("ошибка", "error"), "1;31", ctx.err_color);
            writeln!(io.err, "{label}: {}", r.message.trim_end())?;
            Ok(r.exit)
        }
        Ok(None) => {
            writeln!(
                io.out,
                "{}",
                tr!(
                    lang,
                    "{shown}: ничего не изменилось",
                    "{shown}: nothing changed"
                )
            )?;
            Ok(Exit::Ok)
        }
        Ok(Some((old, new, line))) => {
            if dry_run {
                let diff = similar::TextDiff::from_lines(&old, &new);
                write!(
                    io.out,
                    "{}",
                    diff.unified_diff().context_radius(2).header(&shown, &shown)
                )?;
                writeln!(
                    io.out,
                    "{} {}",
                    lang.pick(
                        "(проверка, файл не изменён)",
                        "(dry run, the file is unchanged)"
                    ),
                    line
                )?;
            } else {
                writeln!(io.out, "{shown}: {line}")?;
            }
            Ok(Exit::Ok)
        }
    }
}

/// The findings that stop an edit, as `moc check` prints them.
fn not_checking(l: &Loaded, ctx: &Ctx) -> String {
    let lang = ctx.lang;
    let mut s = String::new();
    for d in l
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
        s.push_str(&diagnostic::render(d, &l.source, lang, false));
    }
    s.push_str(&tr!(
        lang,
        "правка отменена: план не прошёл бы проверку (moc check {})",
        "the edit is refused: the plan would not check (moc check {})",
        l.source.name
    ));
    s
}

/// «1.3 «Промежуточные итоги…»»
fn label(plan: &Plan, si: usize, ii: usize) -> String {
    let item = &plan.sections[si].items[ii];
    let title = escape_controls(
        &shorten(&crate::text::squash_spaces(&item.title), 60),
        false,
    );
    if title.starts_with('«') {
        format!("{} {title}", item.number)
    } else {
        format!("{} «{title}»", item.number)
    }
}

/// The single-item commands.
pub fn run_item(edit: &ItemEdit, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let lang = ctx.lang;
    let target = edit.target();
    let dry_run = target.dry_run;
    let path = match find_plan(target, ctx) {
        Ok(p) => p,
        Err(r) => {
            super::say_error(io, lang, &r.message)?;
            return Ok(r.exit);
        }
    };
    let date = |d: Option<NaiveDate>| d.unwrap_or(ctx.as_of);
    let day = |d: NaiveDate| i18n::short_date(lang, d);
    modify(&path, ctx, io, dry_run, |doc, plan| {
        let (si, ii) = position(plan, target, lang)?;
        let what = label(plan, si, ii);
        let (op, line) = match edit {
            ItemEdit::Done {
                result, date: d, ..
            } => {
                let d = date(*d);
                (
                    Op::Done {
                        result: result.clone(),
                        date: d,
                    },
                    tr!(lang, "{what} — выполнено {}", "{what} — done on {}", day(d)),
                )
            }
            ItemEdit::Start { .. } => (
                Op::Start,
                tr!(lang, "{what} — в работе", "{what} — in progress"),
            ),
            ItemEdit::Partly {
                result, date: d, ..
            } => {
                let d = date(*d);
                (
                    Op::Partly {
                        result: result.clone(),
                        date: d,
                    },
                    tr!(
                        lang,
                        "{what} — выполнено частично {}",
                        "{what} — partly done on {}",
                        day(d)
                    ),
                )
            }
            ItemEdit::Reopen { .. } => (
                Op::Reopen,
                tr!(
                    lang,
                    "{what} — снова запланировано",
                    "{what} — planned again"
                ),
            ),
            ItemEdit::Postpone { to, reason, .. } => {
                let year = plan.meta.year_or(ctx.as_of.year());
                if let Err(e) = Deadline::parse(to, year) {
                    let forms = e
                        .suggestions
                        .iter()
                        .map(|s| format!("«{s}»"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    return Err(refuse(tr!(
                        lang,
                        "новый срок «{to}» не понят: {}; понятные формы: {forms}",
                        "the new deadline «{to}» is not understood: {}; forms moc understands: {forms}",
                        e.message(lang)
                    )));
                }
                (
                    Op::Postpone {
                        to: to.clone(),
                        reason: reason.clone(),
                    },
                    tr!(
                        lang,
                        "{what} — перенесено на «{to}»",
                        "{what} — postponed to «{to}»"
                    ),
                )
            }
            ItemEdit::Cancel { reason, .. } => (
                Op::Cancel {
                    reason: reason.clone(),
                },
                tr!(lang, "{what} — отменено", "{what} — cancelled"),
            ),
            ItemEdit::Progress { text, date: d, .. } => {
                let d = date(*d);
                (
                    Op::Progress {
                        date: d,
                        text: text.clone(),
                    },
                    tr!(
                        lang,
                        "{what} — запись о ходе работы от {} добавлена",
                        "{what} — progress entry of {} added",
                        day(d)
                    ),
                )
            }
        };
        edit::apply(&mut doc.doc, si, ii, &op).map_err(|_| {
            refuse(tr!(
                lang,
                "мероприятие {what} не найдено в тексте файла",
                "item {what} is not found in the file's text"
            ))
        })?;
        Ok(line)
    })
}

/// `moc add`.
pub fn run_add(args: &AddArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let lang = ctx.lang;
    let path = match &args.plan {
        Some(p) => p.clone(),
        None => {
            let (files, errors) = crate::discover::plan_files(&[ctx.default_plans()], lang);
            if let Some(e) = errors.first() {
                super::say_error(io, lang, &e.0)?;
                return Ok(Exit::Failure);
            }
            if files.len() != 1 {
                writeln!(
                    io.err,
                    "{}",
                    tr!(
                        lang,
                        "ошибка: в plans/ {} планов — укажите --plan ПУТЬ",
                        "error: plans/ holds {} plans — give --plan PATH",
                        files.len()
                    )
                )?;
                return Ok(Exit::Failure);
            }
            files[0].clone()
        }
    };
    let responsible = args.responsible.join(", ");
    modify(&path, ctx, io, args.dry_run, |doc, plan| {
        let want = checks::number_parts(&args.section);
        let si = plan
            .sections
            .iter()
            .position(|s| match (&want, checks::number_parts(&s.number)) {
                (Some(a), Some(b)) => *a == b,
                _ => i18n::fold(s.number.trim()) == i18n::fold(args.section.trim()),
            })
            .ok_or_else(|| {
                let have: Vec<&str> = plan.sections.iter().map(|s| s.number.as_str()).collect();
                refuse(tr!(
                    lang,
                    "раздела {} нет; разделы плана: {}",
                    "there is no section {}; the plan's sections: {}",
                    args.section,
                    have.join(", ")
                ))
            })?;
        let number = edit::next_number(plan, si);
        edit::add_item(
            &mut doc.doc,
            si,
            &number,
            &args.title,
            &args.deadline,
            &responsible,
        )
        .map_err(|_| {
            refuse(tr!(
                lang,
                "раздел {} не найден в тексте файла",
                "section {} is not found in the file's text",
                args.section
            ))
        })?;
        let title = escape_controls(&shorten(&args.title, 60), false);
        Ok(tr!(
            lang,
            "добавлено мероприятие {number} «{title}» в раздел {}",
            "item {number} «{title}» added to section {}",
            plan.sections[si].number
        ))
    })
}
