//! `moc init`: a new plan — heading, roster, an example section — built as a TOML document and
//! laid out by `moc fmt`, so that it checks clean and passes `moc fmt --check` from the start.

use std::path::PathBuf;

use chrono::Datelike;
use clap::Args as ClapArgs;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::deadline::PlanYear;
use crate::tr;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "Создать новый план: шапка, список ответственных, пример раздела",
        "Create a new plan: heading, roster, an example section"
    ),
    long_about = t(
        "Создать новый план: шапка, список ответственных, пример раздела\n\n\
Примеры:\n  \
  moc init --municipality \"Мосальский муниципальный округ\" --year 2027\n  \
  moc init --year 2026/2027 -o plans/plan-2026-27.toml",
        "Create a new plan: heading, roster, an example section\n\n\
Examples:\n  \
  moc init --municipality \"Мосальский муниципальный округ\" --year 2027\n  \
  moc init --year 2026/2027 -o plans/plan-2026-27.toml"
    )
)]
pub(crate) struct Args {
    #[arg(long, value_name = t("ТЕКСТ", "TEXT"), help = t("Муниципалитет: «Мосальский муниципальный округ»", "The municipality: «Мосальский муниципальный округ»"))]
    pub(crate) municipality: Option<String>,

    #[arg(long, value_name = t("ТЕКСТ", "TEXT"), help = t("Учреждение, на базе которого МОЦ", "The organisation that hosts the МОЦ"))]
    pub(crate) organisation: Option<String>,

    #[arg(long, value_name = t("ТЕКСТ", "TEXT"), help = t("Регион: «Калужская область»", "The region: «Калужская область»"))]
    pub(crate) region: Option<String>,

    #[arg(
        long, value_parser = super::args::parse_plan_year, value_name = t("ГОД", "YEAR"),
        help = t(
            "Год плана: 2027 или учебный 2026/2027 (по умолчанию — текущий)",
            "The plan's year: 2027 or an academic year 2026/2027 (default: this year)"
        )
    )]
    pub(crate) year: Option<PlanYear>,

    #[arg(
        short, long, value_name = t("ФАЙЛ", "FILE"),
        help = t(
            "Файл плана (по умолчанию plans/<муниципалитет>-<год>.toml)",
            "The plan file (default: plans/<municipality>-<year>.toml)"
        )
    )]
    pub(crate) output: Option<PathBuf>,

    #[arg(long, help = t("Перезаписать существующий файл", "Overwrite an existing file"))]
    pub(crate) force: bool,
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let year = args.year.unwrap_or(PlanYear::Calendar(ctx.as_of.year()));
    let first = crate::model::first_year(year);
    let path = args.output.clone().unwrap_or_else(|| {
        ctx.default_plans().join(format!(
            "{}-{first}.toml",
            slug(args.municipality.as_deref().unwrap_or("plan"))
        ))
    });
    refuse_existing(&path, args.force, ctx)?;
    let text = super::schema_line(ctx, &path).unwrap_or_default() + &new_plan(args, year);
    write_checked(&path, &text, ctx, io)?;
    let shown = ctx.shown(&path);
    writeln!(
        io.out,
        "{}",
        tr!(
            ctx.lang,
            "создан план {shown}; проверка: moc check {shown}",
            "created {shown}; check it with: moc check {shown}"
        )
    )?;
    Ok(Exit::Ok)
}

/// A table with a comment block above its header.
fn table(comment: &str, entries: &[(&str, &str)]) -> Table {
    let mut t = Table::new();
    for (k, v) in entries {
        t.insert(k, value(*v));
    }
    t.decor_mut().set_prefix(comment);
    t
}

/// The text of a new plan.
fn new_plan(args: &Args, year: PlanYear) -> String {
    let first = crate::model::first_year(year);
    let mut doc = DocumentMut::new();
    let mut plan = table(
        &format!(
            "# План работы муниципального опорного центра дополнительного образования детей (МОЦ) на {year} год.\n\
             # Формат: docs/format.md в репозитории moc. Проверка: moc check. Строки с # — комментарии.\n\n"
        ),
        &[(
            "title",
            "План работы муниципального опорного центра дополнительного образования детей",
        )],
    );
    if let Some(o) = &args.organisation {
        plan.insert("organisation", value(o.as_str()));
    }
    plan.insert(
        "municipality",
        value(
            args.municipality
                .as_deref()
                .unwrap_or("Муниципальное образование"),
        ),
    );
    if let Some(r) = &args.region {
        plan.insert("region", value(r.as_str()));
    }
    plan.insert(
        "year",
        match year {
            PlanYear::Calendar(y) => value(i64::from(y)),
            PlanYear::Academic(_) => value(year.to_string()),
        },
    );
    plan.insert(
        "approval",
        Item::Table(table(
            "# goal = \"Цель работы МОЦ\"\n# tasks = [\"первая задача\", \"вторая задача\"]\n\n\
             # Гриф утверждения: впишите должность, имя, дату и приказ.\n",
            &[("heading", "Утверждено")],
        )),
    );
    doc.insert("plan", Item::Table(plan));

    let mut roster = ArrayOfTables::new();
    roster.push(table(
        &format!(
            "# position = \"Директор …\"\n# name = \"И.О. Фамилия\"\n# date = {first}-01-15\n\
             # order = \"Приказ № … от …\"\n\n\
             # Ответственные: каждый, кто встречается в графе «Ответственные» (kind: role, organisation, person).\n"
        ),
        &[("name", "Руководитель МОЦ"), ("kind", "role")],
    ));
    roster.push(table("", &[("name", "методист"), ("kind", "role")]));
    doc.insert("responsible", Item::ArrayOfTables(roster));

    let first_deadline = match year {
        PlanYear::Calendar(y) => format!("Январь {y} г."),
        PlanYear::Academic(y) => format!("Сентябрь {y} г."),
    };
    let mut items = ArrayOfTables::new();
    items.push(table(
        "",
        &[
            ("number", "1.1"),
            ("title", "Утверждение плана работы МОЦ"),
            ("deadline", &first_deadline),
            ("responsible", "Руководитель МОЦ"),
        ],
    ));
    items.push(table(
        "",
        &[
            ("number", "1.2"),
            ("title", "Отчёт о деятельности МОЦ"),
            ("deadline", "Декабрь"),
            ("responsible", "Руководитель МОЦ, методист"),
        ],
    ));
    let mut section = table(
        "# Раздел плана: [[section]] открывает раздел, каждое [[section.item]] после него — мероприятие.\n\
         # Скопируйте блок, чтобы добавить ещё, или используйте moc add.\n",
        &[
            ("number", "1"),
            ("title", "Мероприятия по обеспечению деятельности МОЦ"),
        ],
    );
    section.insert("item", Item::ArrayOfTables(items));
    let mut sections = ArrayOfTables::new();
    sections.push(section);
    doc.insert("section", Item::ArrayOfTables(sections));
    let text = doc.to_string();
    crate::fmt::format(&text).unwrap_or(text)
}

/// Refuse to overwrite an existing file without `--force`.
pub(crate) fn refuse_existing(
    path: &std::path::Path,
    force: bool,
    ctx: &Ctx,
) -> Result<(), CommandError> {
    if path.exists() && !force {
        let shown = ctx.shown(path);
        return Err(CommandError::user(tr!(
            ctx.lang,
            "{shown} уже есть — moc его не перезаписывает (укажите другой путь через -o или --force)",
            "{shown} exists — moc does not overwrite it (give another path with -o, or --force)"
        )));
    }
    Ok(())
}

/// Write a new plan file after checking it; refuse if it would not check.
pub(crate) fn write_checked(
    path: &std::path::Path,
    text: &str,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> Result<(), CommandError> {
    use crate::diagnostic::{self, Severity};
    let lang = ctx.lang;
    let loader = super::loader(ctx);
    let checked = loader.check_source(loader.source(path, text.to_owned()));
    let mut shown = String::new();
    for d in checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
        shown.push_str(&diagnostic::render(d, &checked.source, lang, false));
    }
    if !shown.is_empty() {
        io.err.write_all(shown.as_bytes())?;
        return Err(CommandError::findings(lang.pick(
            "план не прошёл бы проверку — файл не записан",
            "the plan would not check — nothing is written",
        )));
    }
    crate::app::output::write_file(path, &[text.as_bytes()], &[], ctx)
}

/// A file name from a Russian name: «Мосальский муниципальный округ» → «mosalskiy».
pub(crate) fn slug(name: &str) -> String {
    const TABLE: [(char, &str); 33] = [
        ('а', "a"),
        ('б', "b"),
        ('в', "v"),
        ('г', "g"),
        ('д', "d"),
        ('е', "e"),
        ('ё', "e"),
        ('ж', "zh"),
        ('з', "z"),
        ('и', "i"),
        ('й', "y"),
        ('к', "k"),
        ('л', "l"),
        ('м', "m"),
        ('н', "n"),
        ('о', "o"),
        ('п', "p"),
        ('р', "r"),
        ('с', "s"),
        ('т', "t"),
        ('у', "u"),
        ('ф', "f"),
        ('х', "kh"),
        ('ц', "ts"),
        ('ч', "ch"),
        ('ш', "sh"),
        ('щ', "shch"),
        ('ъ', ""),
        ('ы', "y"),
        ('ь', ""),
        ('э', "e"),
        ('ю', "yu"),
        ('я', "ya"),
    ];
    let word = name.split_whitespace().find(|w| {
        !matches!(
            w.to_lowercase().as_str(),
            "город" | "г." | "муниципальный" | "район"
        )
    });
    let mut out = String::new();
    for c in word.unwrap_or("plan").to_lowercase().chars() {
        if let Some((_, lat)) = TABLE.iter().find(|(cyr, _)| *cyr == c) {
            out.push_str(lat);
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        }
    }
    if out.is_empty() {
        "plan".to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs() {
        assert_eq!(slug("Мосальский муниципальный округ"), "mosalskiy");
        assert_eq!(slug("город Саянск"), "sayansk");
    }
}
