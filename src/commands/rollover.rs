//! `moc rollover PLAN`: next year's plan from this one — the same sections and items, marks
//! cleared, years in deadlines moved on.

use std::path::PathBuf;

use clap::Args as ClapArgs;
use toml_edit::{Item, Value};

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::deadline::PlanYear;
use crate::edit::{self, Doc};
use crate::tr;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "План на следующий год из этого: те же разделы и мероприятия, отметки сняты, годы сдвинуты",
        "Next year's plan from this one: same sections and items, marks cleared, years moved on"
    ),
    long_about = t(
        "План на следующий год из этого: те же разделы и мероприятия, отметки сняты, годы сдвинуты\n\n\
Пример:\n  \
  moc rollover plans/mosalsk-2026.toml              создаст plans/mosalsk-2027.toml",
        "Next year's plan from this one: same sections and items, marks cleared, years moved on\n\n\
Example:\n  \
  moc rollover plans/mosalsk-2026.toml              creates plans/mosalsk-2027.toml"
    )
)]
pub(crate) struct Args {
    #[arg(value_name = t("ФАЙЛ", "FILE"), help = t("План этого года", "This year's plan"))]
    pub(crate) plan: PathBuf,

    #[arg(long, value_name = t("ГОД", "YEAR"), help = t("Первый год нового плана (по умолчанию — следующий)", "The new plan's first year (default: the next)"))]
    pub(crate) year: Option<i32>,

    #[arg(
        short, long, value_name = t("ФАЙЛ", "FILE"),
        help = t("Файл нового плана (по умолчанию — имя с новым годом)", "The new plan's file (default: the name with the new year)")
    )]
    pub(crate) output: Option<PathBuf>,

    #[arg(long, help = t("Перезаписать существующий файл", "Overwrite an existing file"))]
    pub(crate) force: bool,

    #[arg(long, help = t(
        "Перенести и невыполненные мероприятия: в новом плане — заметка, откуда они, в старом — «перенесено в план …»",
        "Carry the unfinished items too: a note where they come from in the new plan, «moved to the plan of …» in the old"
    ))]
    pub(crate) carry_unfinished: bool,
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let lang = ctx.lang;
    let shown = ctx.shown(&args.plan);
    let text = crate::load::read_text(&args.plan, ctx.root.as_deref())
        .map_err(|e| CommandError::user(e.message(lang, &shown)))?;
    let loader = super::loader(ctx);
    let checked = loader.check_source(loader.source(&args.plan, text.clone()));
    let Some(plan) = &checked.plan else {
        return Err(CommandError::user(tr!(
            lang,
            "{shown} не читается; moc check {shown}",
            "{shown} cannot be read; moc check {shown}"
        )));
    };
    let Some(old) = plan.meta.year else {
        return Err(CommandError::user(tr!(
            lang,
            "в {shown} не указан год плана",
            "{shown} has no plan year"
        )));
    };
    let (old_first, old_last) = match old {
        PlanYear::Calendar(y) => (y, y),
        PlanYear::Academic(y) => (y, y + 1),
    };
    let new_first = args.year.unwrap_or(old_first + 1);
    let delta = new_first - old_first;
    let new_year = match old {
        PlanYear::Calendar(_) => PlanYear::Calendar(new_first),
        PlanYear::Academic(_) => PlanYear::Academic(new_first),
    };
    let mut doc =
        Doc::parse(&text).map_err(|e| CommandError::user(format!("{shown}: {}", e.message())))?;
    let (new_start, new_end) = new_year.period();
    let old_period = crate::report::Period::resolve(old, None, None, None, None, None);
    // what moves into the new plan: postponed work whose new deadline falls in the new year, and
    // (when asked) work not finished
    let mut carried: Vec<(usize, usize, String)> = Vec::new();
    let mut unfinished: Vec<String> = Vec::new();
    let shift = |s: &str| edit::shift_years(s, old_first, old_last, delta);
    if let Some(Item::Table(p)) = doc.doc.get_mut("plan") {
        let year_value = match new_year {
            PlanYear::Calendar(y) => Value::from(i64::from(y)),
            PlanYear::Academic(_) => Value::from(new_year.to_string()),
        };
        edit::set(p, "year", year_value);
        for key in ["title", "goal"] {
            if let Some(s) = p.get(key).and_then(Item::as_str).map(shift) {
                edit::set(p, key, Value::from(s));
            }
        }
        if let Some(Item::Table(a)) = p.get_mut("approval") {
            a.remove("date");
            a.remove("order");
        }
    }
    for (si, s) in plan.sections.iter().enumerate() {
        for (ii, item) in s.items.iter().enumerate() {
            let postponed_in = item.status == crate::model::Status::Postponed
                && item
                    .new_deadline
                    .as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .is_some_and(|d| d.start >= new_start && d.start <= new_end);
            let judged = crate::report::judge(item, &old_period, ctx.as_of);
            let not_finished =
                !postponed_in && matches!(judged.category, crate::report::Category::NotDone);
            if not_finished {
                unfinished.push(item.number.id().to_owned());
            }
            let note = if postponed_in {
                Some(tr!(
                    lang,
                    "перенесено из плана {old} (№ {}, срок был «{}»; причина: {})",
                    "carried from the plan of {old} (no. {}, the deadline was «{}»; reason: {})",
                    item.number.id(),
                    item.deadline_phrase.trim(),
                    item.reason.as_deref().unwrap_or("—").trim()
                ))
            } else if not_finished && args.carry_unfinished {
                Some(tr!(
                    lang,
                    "не выполнено в плане {old} (№ {}, срок был «{}»)",
                    "not done in the plan of {old} (no. {}, the deadline was «{}»)",
                    item.number.id(),
                    item.deadline_phrase.trim()
                ))
            } else {
                None
            };
            if note.is_some() {
                carried.push((si, ii, item.number.id().to_owned()));
            }
            let Ok(t) = edit::item_mut(&mut doc.doc, si, ii) else {
                continue;
            };
            for key in [
                "status",
                "result",
                "done_on",
                "postponed_to",
                "reason",
                "progress",
                "missed",
                "links",
            ] {
                t.remove(key);
            }
            match (&item.postponed_to, postponed_in) {
                // the commitment keeps its date: «Январь 2027г.» stays January 2027
                (Some(to), true) => edit::set(t, "deadline", Value::from(to.trim())),
                _ if !item.deadline_phrase.is_empty() => {
                    edit::set(t, "deadline", Value::from(shift(&item.deadline_phrase)));
                }
                _ => {}
            }
            if let Some(n) = note {
                let old_notes = item
                    .notes
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty());
                let text = match old_notes {
                    Some(o) => format!("{n}. {o}"),
                    None => n,
                };
                edit::set(t, "notes", Value::from(text));
            }
        }
    }
    if let Some(Item::ArrayOfTables(inds)) = doc.doc.get_mut("indicator") {
        for (t, ind) in inds.iter_mut().zip(&plan.indicators) {
            if let Some(v) = ind.value() {
                let v = (v * 10.0).round() / 10.0;
                let value = if v.fract() == 0.0 {
                    Value::from(v as i64)
                } else {
                    Value::from(v)
                };
                edit::set(t, "last_year", value);
            }
            for key in ["actual", "numerator", "denominator"] {
                t.remove(key);
            }
        }
    }
    let out_path = args.output.clone().unwrap_or_else(|| {
        let name = args
            .plan
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let renamed = edit::shift_years(&name, old_first, old_last, delta);
        let renamed = if renamed == name {
            format!("{}-{new_first}.toml", name.trim_end_matches(".toml"))
        } else {
            renamed
        };
        args.plan.with_file_name(renamed)
    });
    super::init::refuse_existing(&out_path, args.force, ctx)?;
    fresh_header(&mut doc, new_year, &shown, ctx);
    super::init::write_checked(&out_path, &doc.render(), ctx, io)?;
    // the old plan says where its carried items went
    if !carried.is_empty() {
        let moved = tr!(
            lang,
            "перенесено в план {new_year}",
            "moved to the plan of {new_year}"
        );
        super::edit::modify(&args.plan, ctx, io, false, |doc, _| {
            for (si, ii, _) in &carried {
                if let Ok(t) = edit::item_mut(&mut doc.doc, *si, *ii) {
                    let old = t
                        .get("notes")
                        .and_then(Item::as_str)
                        .map(str::trim)
                        .filter(|s| !s.is_empty() && !s.contains(moved.as_str()))
                        .map(str::to_owned);
                    let text = match old {
                        Some(o) => format!("{o}. {moved}"),
                        None => moved.clone(),
                    };
                    edit::set(t, "notes", Value::from(text));
                }
            }
            let ids: Vec<&str> = carried.iter().map(|(_, _, id)| id.as_str()).collect();
            Ok(tr!(
                lang,
                "отмечено «{moved}»: {}",
                "marked «{moved}»: {}",
                ids.join(", ")
            ))
        })?;
    }
    if !args.carry_unfinished && !unfinished.is_empty() {
        writeln!(
            io.err,
            "{}",
            tr!(
                lang,
                "заметка: не выполнены в {old}: {} — перенести их с пометкой: moc rollover {shown} --carry-unfinished --force",
                "note: not done in {old}: {} — to carry them with a note: moc rollover {shown} --carry-unfinished --force",
                unfinished.join(", ")
            )
        )?;
    }
    let to = ctx.shown(&out_path);
    writeln!(
        io.out,
        "{}",
        tr!(
            lang,
            "план на {new_year} год: {to} (из {shown}; отметки о выполнении сняты, годы в сроках сдвинуты на {delta})",
            "the plan for {new_year}: {to} (from {shown}; progress cleared, years in deadlines moved by {delta})"
        )
    )?;
    Ok(Exit::Ok)
}

/// The new plan's opening comment, fresh: what it is and where it came from. The old header
/// described the old file («Импортировано командой moc import …», «план на 2026 год…») and does
/// not carry over; only the schema line stays. Comments inside the plan stay where they are.
fn fresh_header(doc: &mut Doc, year: PlanYear, from: &str, ctx: &Ctx) {
    let Some((key, Item::Table(_))) = doc.doc.iter().next().map(|(k, v)| (k.to_owned(), v)) else {
        return;
    };
    let Some(Item::Table(first)) = doc.doc.get_mut(&key) else {
        return;
    };
    let old = first
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or_default()
        .to_owned();
    let mut prefix = String::new();
    for l in old.lines().filter(|l| l.trim().starts_with("#:schema")) {
        prefix.push_str(l.trim());
        prefix.push('\n');
    }
    prefix.push_str(&crate::tr!(
        ctx.lang,
        "# План на {year} год создан командой moc rollover из {from} ({}).",
        "# The plan for {year}, made by moc rollover from {from} ({}).",
        crate::i18n::short_date(ctx.lang, ctx.as_of)
    ));
    prefix.push_str("\n\n");
    first.decor_mut().set_prefix(prefix);
}
