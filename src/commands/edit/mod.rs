//! The editing commands: the verbs that change one item (`done`, `start`, `partly`, `reopen`,
//! `postpone`, `cancel`, `progress`) and `add`. Each finds its item, changes the text through
//! `toml_edit` ([`crate::edit`]), checks the result as `moc check` would, and writes atomically —
//! or shows the diff with `--dry-run`.
//!
//! The order of a write, under a lock shared by every moc process: read the file, edit, re-load
//! and check (an edit that leaves the plan with an error is refused, with the findings), refuse a
//! read-only file, read the file again and refuse if someone changed it meanwhile, then replace
//! it atomically (temporary file, fsync, rename; permissions kept). A command that fails leaves
//! the file byte-for-byte as it was.

pub(crate) mod add;
pub(crate) mod verbs;
pub(crate) mod whole;

use std::path::{Path, PathBuf};

use clap::Args;

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::diagnostic::{self, Severity};
use crate::edit::Doc;
use crate::i18n;
use crate::load::{self, Checked};
use crate::model::{Number, Plan};
use crate::text::{escape_controls, shorten};
use crate::tr;

/// Which item to edit.
#[derive(Debug, Args, Clone)]
pub(crate) struct Target {
    #[arg(
        value_name = t("НОМЕР", "ID"),
        help = t("Номер мероприятия, как в плане: 1.3, 2.2, 16", "The item's number as in the plan: 1.3, 2.2, 16")
    )]
    pub(crate) id: String,

    #[arg(
        long, value_name = t("ПУТЬ", "PATH"),
        help = t("Файл плана (если номер есть в нескольких планах)", "The plan file (when the number is in several plans)")
    )]
    pub(crate) plan: Option<PathBuf>,

    #[arg(
        long = "section", value_name = t("РАЗДЕЛ", "SECTION"),
        help = t(
            "Раздел (если номер повторяется в разных разделах)",
            "The section (when the number repeats in several sections)"
        )
    )]
    pub(crate) in_section: Option<String>,

    #[arg(
        long = "year", value_name = t("ГОД", "YEAR"),
        help = t(
            "План этого года (когда в plans/ планы нескольких лет; по умолчанию — год, в котором --as-of)",
            "The plan of this year (when plans/ holds several years; default: the year holding --as-of)"
        )
    )]
    pub(crate) year: Option<i32>,

    #[arg(long, help = t("Показать изменения, не записывая файл", "Show the changes without writing the file"))]
    pub(crate) dry_run: bool,
}

/// Where a change to the plan as a whole goes (a section, a responsible, an indicator): `--plan`,
/// else the one plan under `plans/` — of a municipality's several years, the one of `--year`,
/// the region's year or the year holding `--as-of`.
pub(crate) fn pick_plan(
    plan: Option<&Path>,
    year: Option<i32>,
    ctx: &Ctx,
) -> Result<PathBuf, CommandError> {
    let lang = ctx.lang;
    if let Some(p) = plan {
        return Ok(ctx.cwd.join(p));
    }
    if let Some(e) = super::no_plans_folder(ctx) {
        return Err(e);
    }
    let dir = ctx.default_plans();
    let (files, errors) = crate::discover::plan_files(std::slice::from_ref(&dir), &ctx.cwd, lang);
    if let Some(e) = errors.into_iter().next() {
        return Err(CommandError::user(e.0));
    }
    let loader = super::loader(ctx);
    let mut found: Vec<crate::workspace::Digest<()>> = files
        .into_iter()
        .filter_map(|f| {
            let checked = loader.check_file(&f).ok()?;
            Some(crate::workspace::Digest {
                name: checked.source.name.clone(),
                errors: 0,
                readable: true,
                key: crate::workspace::plan_key(&checked),
                year: checked.plan.as_ref().and_then(|p| p.meta.year),
                path: f,
                value: (),
            })
        })
        .collect();
    keep_year(&mut found, year, ctx, false);
    let shown_dir = format!("{}/", ctx.shown(&dir));
    match found.len() {
        1 => Ok(found.swap_remove(0).path),
        0 => Err(CommandError::user(tr!(
            lang,
            "в {shown_dir} нет плана{}",
            "{shown_dir} holds no plan{}",
            year.map(|y| format!(" ({y})")).unwrap_or_default()
        ))),
        n => {
            let list: Vec<String> = found.iter().map(|d| ctx.shown(&d.path)).collect();
            let plans = crate::i18n::plural(
                lang,
                n as u64,
                ["план", "плана", "планов"],
                ["plan", "plans"],
            );
            Err(CommandError::user(tr!(
                lang,
                "в {shown_dir} {plans}: {}",
                "{shown_dir} holds {plans}: {}",
                list.join(", ")
            ))
            .hint(lang.pick(
                "выберите план: --plan ПУТЬ (или год: --year ГОД)",
                "pick the plan: --plan PATH (or the year: --year YEAR)",
            )))
        }
    }
}

/// Of a municipality's plans for several years, keep one: `--year`, the region's year, or (when
/// no plan was named) the year holding `--as-of`.
fn keep_year<T>(
    found: &mut Vec<crate::workspace::Digest<T>>,
    year: Option<i32>,
    ctx: &Ctx,
    named: bool,
) {
    if let Some(y) = year.or(ctx.settings.year) {
        found.retain(|d| {
            d.year.is_none_or(|py| match py {
                crate::deadline::PlanYear::Calendar(p) => p == y,
                crate::deadline::PlanYear::Academic(p) => p == y || p + 1 == y,
            })
        });
    } else if !named {
        crate::workspace::one_year_each(found, ctx.as_of);
    }
}

/// Which file holds the item: `--plan`, or the one plan under `plans/` that has it.
fn find_plan(target: &Target, ctx: &Ctx) -> Result<PathBuf, CommandError> {
    let lang = ctx.lang;
    if target.plan.is_none()
        && let Some(e) = super::no_plans_folder(ctx)
    {
        return Err(e);
    }
    let paths = target
        .plan
        .clone()
        .map_or_else(|| vec![ctx.default_plans()], |p| vec![p]);
    let (files, errors) = crate::discover::plan_files(&paths, &ctx.cwd, lang);
    if let Some(e) = errors.into_iter().next() {
        return Err(CommandError::user(e.0));
    }
    let want = Number::parse(&target.id);
    let loader = super::loader(ctx);
    let mut found: Vec<crate::workspace::Digest<String>> = Vec::new();
    let mut near: Vec<String> = Vec::new();
    let mut broken: Option<Checked> = None;
    for f in files {
        let Ok(checked) = loader.check_file(&f) else {
            continue;
        };
        let Some(plan) = &checked.plan else {
            broken.get_or_insert(checked);
            continue;
        };
        for (s, i) in plan.items() {
            if i.number == want && section_matches(target, &s.number) {
                found.push(crate::workspace::Digest {
                    path: f.clone(),
                    name: checked.source.name.clone(),
                    errors: 0,
                    readable: true,
                    key: crate::workspace::plan_key(&checked),
                    year: plan.meta.year,
                    value: s.number.to_string(),
                });
            } else {
                near.push(i.number.id().to_owned());
            }
        }
    }
    // a municipality's plans of several years: --year, the region's year, or the year of --as-of
    keep_year(&mut found, target.year, ctx, target.plan.is_some());
    if found.is_empty()
        && let Some(b) = &broken
    {
        // the item may be in a plan that does not parse: say that, not «not found»
        return Err(not_toml(b, ctx));
    }
    match found.len() {
        1 => Ok(found.swap_remove(0).path),
        0 => {
            let near = crate::suggest::near(&target.id, near.iter().map(String::as_str), 5);
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
            Err(CommandError::user(tr!(
                lang,
                "мероприятие {id} не найдено{hint}",
                "no item {id}{hint}"
            )))
        }
        _ => {
            let list: Vec<String> = found
                .iter()
                .map(|d| {
                    let s = &d.value;
                    tr!(
                        lang,
                        "{} (раздел {s})",
                        "{} (section {s})",
                        ctx.shown(&d.path)
                    )
                })
                .collect();
            let id = &target.id;
            Err(CommandError::user(tr!(
                lang,
                "номер {id} есть в нескольких местах: {}",
                "number {id} is in several places: {}",
                list.join(", ")
            ))
            .hint(lang.pick(
                "выберите план: --plan ПУТЬ, год: --year ГОД или раздел: --section РАЗДЕЛ",
                "pick the plan: --plan PATH, the year: --year YEAR or the section: --section SECTION",
            )))
        }
    }
}

/// Whether a section's number is the one `--section` asks for (any: none asked).
fn section_matches(target: &Target, number: &str) -> bool {
    target
        .in_section
        .as_deref()
        .is_none_or(|want| same_section(want, number))
}

/// Whether two section numbers are the same («2», «2.», «II»).
pub(crate) fn same_section(a: &str, b: &str) -> bool {
    match (Number::parse(a).parts(), Number::parse(b).parts()) {
        (Some(x), Some(y)) => x == y,
        _ => i18n::fold(a.trim()) == i18n::fold(b.trim()),
    }
}

/// The position (section, item) of an item in a loaded plan.
pub(crate) fn position(
    plan: &Plan,
    target: &Target,
    lang: i18n::Lang,
) -> Result<(usize, usize), CommandError> {
    let want = Number::parse(&target.id);
    let mut hits = Vec::new();
    for (si, s) in plan.sections.iter().enumerate() {
        if !section_matches(target, &s.number) {
            continue;
        }
        for (ii, it) in s.items.iter().enumerate() {
            if Number::parse(&it.number) == want {
                hits.push((si, ii));
            }
        }
    }
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(CommandError::user(tr!(
            lang,
            "мероприятие {} не найдено",
            "no item {}",
            target.id
        ))),
        _ => Err(CommandError::user(tr!(
            lang,
            "номер {} встречается в плане несколько раз — укажите --section РАЗДЕЛ",
            "number {} appears several times in the plan — give --section SECTION",
            target.id
        ))),
    }
}

/// What an edit did.
#[derive(Debug)]
pub(crate) struct Edited {
    /// The file's text before and after.
    pub(crate) before: String,
    pub(crate) after: String,
    /// One line on what changed: «1.3 «…» — выполнено 18.06.2026».
    pub(crate) line: String,
    /// Errors the plan had before the edit and still has (the edit added none).
    pub(crate) errors_left: usize,
}

/// How an edit is to be made.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Mode<'a> {
    /// Show what would change; write nothing.
    pub(crate) dry_run: bool,
    /// The version of the file ([`version`]) the change was asked against (a form of the web
    /// page): a file changed since is refused.
    pub(crate) expect: Option<&'a str>,
}

/// A short fingerprint of a file's bytes: a web page carries it, an edit compares it.
pub(crate) fn version(bytes: &[u8]) -> String {
    // FNV-1a, 64 bits: enough to notice a change, not a guard against an adversary
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The errors of a checked plan, each as «check: message» (positions aside: an edit moves them).
fn error_keys(c: &Checked) -> Vec<String> {
    let mut keys: Vec<String> = c
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {}", d.check.id(), d.message.ru))
        .collect();
    keys.sort();
    keys
}

/// Read, edit, check, write — the one path of every edit, the CLI's and the web page's. `change`
/// edits the document and returns the line to report; `waiting` is told when another edit holds
/// the file. An edit may not add an error to the plan (errors already there stay, and are
/// counted in [`Edited::errors_left`]); a file that does not parse as TOML cannot be edited.
/// `Ok(None)`: nothing would change.
pub(crate) fn edit_file(
    path: &Path,
    ctx: &Ctx,
    waiting: &mut dyn std::io::Write,
    mode: Mode<'_>,
    change: impl FnOnce(&mut Doc, &Plan) -> Result<String, CommandError>,
) -> Result<Option<Edited>, CommandError> {
    let lang = ctx.lang;
    let shown = ctx.shown(path);
    let loader = super::loader(ctx);
    let _lock = super::lock(path, ctx, waiting)?;
    let raw = std::fs::read(path)
        .map_err(|e| CommandError::user(load::ReadError::Io(e).message(lang, &shown)))?;
    if let Some(expected) = mode.expect
        && version(&raw) != expected
    {
        return Err(CommandError::user(tr!(
            lang,
            "{shown}: план изменился с тех пор, как страница была открыта (правка в редакторе, в другом окне, git pull) — правка не записана; посмотрите, что в плане сейчас, и повторите",
            "{shown}: the plan changed since the page was opened (an edit in an editor, another window, a git pull) — nothing is written; look at the plan as it is now and try again"
        )));
    }
    let text = String::from_utf8(raw.clone()).map_err(|e| {
        CommandError::user(
            load::ReadError::NotUtf8(e.utf8_error().valid_up_to()).message(lang, &shown),
        )
    })?;
    let before = loader.check_source(loader.source(path, text.clone()));
    let Some(plan) = &before.plan else {
        return Err(not_toml(&before, ctx));
    };
    let mut doc =
        Doc::parse(&text).map_err(|e| CommandError::user(format!("{shown}: {}", e.message())))?;
    let line = change(&mut doc, plan)?;
    let new_text = doc.render();
    if new_text == text {
        return Ok(None);
    }
    // the edit may not add an error
    let after = loader.check_source(loader.source(path, new_text.clone()));
    let (old_errors, new_errors) = (error_keys(&before), error_keys(&after));
    let mut left = old_errors.clone();
    let added: Vec<&String> = new_errors
        .iter()
        .filter(|e| match left.iter().position(|o| o == *e) {
            Some(i) => {
                left.swap_remove(i);
                false
            }
            None => true,
        })
        .collect();
    if !added.is_empty() {
        return Err(not_checking(&after, &added, ctx));
    }
    let errors_left = new_errors.len();
    if mode.dry_run {
        return Ok(Some(Edited {
            before: text,
            after: new_text,
            line,
            errors_left,
        }));
    }
    let meta = std::fs::metadata(crate::fsutil::resolve(path))
        .map_err(|e| CommandError::io(shown.clone(), e))?;
    if meta.permissions().readonly() {
        return Err(CommandError::user(tr!(
            lang,
            "{shown}: файл только для чтения — правка не записана",
            "{shown}: the file is read-only — nothing is written"
        )));
    }
    let now = std::fs::read(path).map_err(|e| CommandError::io(shown.clone(), e))?;
    if now != raw {
        return Err(CommandError::user(tr!(
            lang,
            "{shown}: файл изменился, пока moc его правил — правка не записана, повторите команду",
            "{shown}: the file changed while moc was editing it — nothing is written, run the command again"
        )));
    }
    crate::fsutil::write_atomic(path, new_text.as_bytes()).map_err(|e| {
        CommandError::io(
            tr!(
                lang,
                "{shown}: не удалось записать",
                "{shown}: cannot write"
            ),
            e,
        )
    })?;
    Ok(Some(Edited {
        before: text,
        after: new_text,
        line,
        errors_left,
    }))
}

/// [`edit_file`] for the command line: what changed (or the diff, with `--dry-run`) on standard
/// output, a note on errors the plan already had on standard error.
pub(crate) fn modify(
    path: &Path,
    ctx: &Ctx,
    io: &mut Io<'_>,
    dry_run: bool,
    change: impl FnOnce(&mut Doc, &Plan) -> Result<String, CommandError>,
) -> Result<Exit, CommandError> {
    let lang = ctx.lang;
    let shown = ctx.shown(path);
    let mode = Mode {
        dry_run,
        expect: None,
    };
    let Some(edited) = edit_file(path, ctx, &mut *io.err, mode, change)? else {
        writeln!(
            io.out,
            "{}",
            tr!(
                lang,
                "{shown}: ничего не изменилось",
                "{shown}: nothing changed"
            )
        )?;
        return Ok(Exit::Ok);
    };
    if dry_run {
        let diff = similar::TextDiff::from_lines(&edited.before, &edited.after);
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
            edited.line
        )?;
    } else {
        writeln!(io.out, "{shown}: {}", edited.line)?;
    }
    if edited.errors_left > 0 {
        let n = crate::i18n::plural(
            lang,
            edited.errors_left as u64,
            ["ошибка", "ошибки", "ошибок"],
            ["error", "errors"],
        );
        writeln!(
            io.err,
            "{}",
            tr!(
                lang,
                "заметка: в плане остаются ошибки ({n}), эта правка их не касается; подробности: moc check {shown}",
                "note: the plan still has errors ({n}), this edit does not touch them; details: moc check {shown}"
            )
        )?;
    }
    Ok(Exit::Ok)
}

/// A file that does not parse as TOML: where, and that it cannot be edited.
fn not_toml(c: &Checked, ctx: &Ctx) -> CommandError {
    let lang = ctx.lang;
    let mut shown = String::new();
    for d in &c.diagnostics {
        shown.push_str(&diagnostic::render(d, &c.source, lang, ctx.term.err_color));
    }
    let at = c
        .diagnostics
        .first()
        .and_then(|d| d.span.as_ref())
        .map(|s| c.source.line_col(s.start));
    let file = &c.source.name;
    let message = match at {
        Some((l, col)) => tr!(
            lang,
            "{file}:{l}:{col}: файл не разбирается как TOML — правка невозможна, пока ошибка не исправлена",
            "{file}:{l}:{col}: the file does not parse as TOML — it cannot be edited until the error is fixed"
        ),
        None => tr!(
            lang,
            "{file}: файл не разбирается как TOML — правка невозможна, пока ошибка не исправлена",
            "{file}: the file does not parse as TOML — it cannot be edited until the error is fixed"
        ),
    };
    CommandError::findings(message).with_detail(shown)
}

/// The findings an edit would add, as `moc check` prints them, and the refusal.
fn not_checking(c: &Checked, added: &[&String], ctx: &Ctx) -> CommandError {
    let lang = ctx.lang;
    let mut shown = String::new();
    for d in c.diagnostics.iter().filter(|d| {
        d.severity == Severity::Error
            && added.contains(&&format!("{}: {}", d.check.id(), d.message.ru))
    }) {
        shown.push_str(&diagnostic::render(d, &c.source, lang, ctx.term.err_color));
    }
    CommandError::findings(tr!(
        lang,
        "правка отменена: план не прошёл бы проверку (moc check {})",
        "the edit is refused: the plan would not check (moc check {})",
        c.source.name
    ))
    .with_detail(shown)
}

/// «1.3 «Промежуточные итоги…»»
pub(crate) fn label(plan: &Plan, si: usize, ii: usize) -> String {
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

/// Change one item: find its plan and position, let `op` say what to do, apply it.
pub(crate) fn edit_item(
    target: &Target,
    ctx: &Ctx,
    io: &mut Io<'_>,
    op: impl FnOnce(&Plan, &str) -> Result<(crate::edit::Op, String), CommandError>,
) -> Result<Exit, CommandError> {
    let path = find_plan(target, ctx)?;
    modify(&path, ctx, io, target.dry_run, |doc, plan| {
        change_item(doc, plan, target, ctx.lang, op)
    })
}

/// The change of one item in a plan's document (the `change` of [`edit_file`], for the command
/// line and the web page alike): find the item, let `op` say what to do, apply it; the line to
/// report.
pub(crate) fn change_item(
    doc: &mut Doc,
    plan: &Plan,
    target: &Target,
    lang: i18n::Lang,
    op: impl FnOnce(&Plan, &str) -> Result<(crate::edit::Op, String), CommandError>,
) -> Result<String, CommandError> {
    let (si, ii) = position(plan, target, lang)?;
    let what = label(plan, si, ii);
    let (op, line) = op(plan, &what)?;
    crate::edit::apply(&mut doc.doc, si, ii, &op).map_err(|_| {
        CommandError::user(tr!(
            lang,
            "мероприятие {what} не найдено в тексте файла",
            "item {what} is not found in the file's text"
        ))
    })?;
    Ok(line)
}
