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
                "links",
            ] {
                t.remove(key);
            }
            if !item.deadline_phrase.is_empty() {
                edit::set(t, "deadline", Value::from(shift(&item.deadline_phrase)));
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
    super::init::write_checked(&out_path, &doc.render(), ctx, io)?;
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
