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

    #[arg(long, help = t("Показать изменения, не записывая файл", "Show the changes without writing the file"))]
    pub(crate) dry_run: bool,
}

/// Which file holds the item: `--plan`, or the one plan under `plans/` that has it.
fn find_plan(target: &Target, ctx: &Ctx) -> Result<PathBuf, CommandError> {
    let lang = ctx.lang;
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
    let mut found: Vec<(PathBuf, String)> = Vec::new();
    let mut near: Vec<String> = Vec::new();
    for f in files {
        let Ok(checked) = loader.check_file(&f) else {
            continue;
        };
        let Some(plan) = &checked.plan else { continue };
        for (s, i) in plan.items() {
            if i.number == want && section_matches(target, &s.number) {
                found.push((f.clone(), s.number.to_string()));
            } else {
                near.push(i.number.id().to_owned());
            }
        }
    }
    match found.len() {
        1 => Ok(found.swap_remove(0).0),
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
                .map(|(f, s)| tr!(lang, "{} (раздел {s})", "{} (section {s})", ctx.shown(f)))
                .collect();
            let id = &target.id;
            Err(CommandError::user(tr!(
                lang,
                "номер {id} есть в нескольких местах: {} — укажите --plan ПУТЬ или --section РАЗДЕЛ",
                "number {id} is in several places: {} — give --plan PATH or --section SECTION",
                list.join(", ")
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

/// Read, edit, check, write. `change` edits the document and returns the line to report.
pub(crate) fn modify(
    path: &Path,
    ctx: &Ctx,
    io: &mut Io<'_>,
    dry_run: bool,
    change: impl FnOnce(&mut Doc, &Plan) -> Result<String, CommandError>,
) -> Result<Exit, CommandError> {
    let lang = ctx.lang;
    let shown = ctx.shown(path);
    let loader = super::loader(ctx);
    let _lock = super::lock(path, ctx, io)?;
    let raw = std::fs::read(path)
        .map_err(|e| CommandError::user(load::ReadError::Io(e).message(lang, &shown)))?;
    let text = String::from_utf8(raw.clone()).map_err(|e| {
        CommandError::user(
            load::ReadError::NotUtf8(e.utf8_error().valid_up_to()).message(lang, &shown),
        )
    })?;
    let before = loader.check_source(loader.source(path, text.clone()));
    let Some(plan) = &before.plan else {
        return Err(not_checking(&before, ctx));
    };
    let mut doc =
        Doc::parse(&text).map_err(|e| CommandError::user(format!("{shown}: {}", e.message())))?;
    let line = change(&mut doc, plan)?;
    let new_text = doc.render();
    if new_text == text {
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
    }
    // the edited plan must check
    let after = loader.check_source(loader.source(path, new_text.clone()));
    if after
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error)
    {
        return Err(not_checking(&after, ctx));
    }
    if dry_run {
        let diff = similar::TextDiff::from_lines(&text, &new_text);
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
        return Ok(Exit::Ok);
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
    writeln!(io.out, "{shown}: {line}")?;
    Ok(Exit::Ok)
}

/// The findings that stop an edit, as `moc check` prints them, and the refusal.
fn not_checking(c: &Checked, ctx: &Ctx) -> CommandError {
    let lang = ctx.lang;
    let mut shown = String::new();
    for d in c
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
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
    let lang = ctx.lang;
    let path = find_plan(target, ctx)?;
    modify(&path, ctx, io, target.dry_run, |doc, plan| {
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
    })
}
