//! Commands that make or reshape whole plan files: `fmt`, `init`, `rollover`.

use std::path::Path;

use chrono::Datelike;
use toml_edit::{Item, Value};

use crate::checks;
use crate::cli::{FmtArgs, InitArgs, RolloverArgs};
use crate::commands::{Ctx, Exit, Io};
use crate::deadline::PlanYear;
use crate::diagnostic::{self, Severity};
use crate::edit::{self, Doc};
use crate::load;
use crate::source::{Source, display_path};
use crate::tr;

/// `moc fmt [PATH…] [--check]`.
pub fn fmt(args: &FmtArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let lang = ctx.lang;
    if args.staged {
        return fmt_staged(ctx, io);
    }
    let paths = if args.paths.is_empty() {
        vec![ctx.default_plans()]
    } else {
        args.paths.clone()
    };
    let (files, errors) = crate::discover::plan_files(&paths, lang);
    let mut exit = Exit::Ok;
    for e in &errors {
        super::say_error(io, lang, &e.0)?;
        exit = Exit::Failure;
    }
    let mut changed = 0;
    for f in &files {
        let shown = display_path(f);
        let text = match load::read_text(f) {
            Ok(t) => t,
            Err(e) => {
                super::say_error(io, lang, e.message(lang, &shown))?;
                exit = Exit::Failure;
                continue;
            }
        };
        let formatted = match crate::fmt::format(&text) {
            Ok(t) => t,
            Err(e) => {
                writeln!(
                    io.err,
                    "{}",
                    tr!(
                        lang,
                        "ошибка: {shown}: не TOML, не форматируется ({})",
                        "error: {shown}: not TOML, not formatted ({})",
                        e.message().trim()
                    )
                )?;
                exit = Exit::Failure;
                continue;
            }
        };
        if formatted == text {
            continue;
        }
        changed += 1;
        if args.check {
            writeln!(io.out, "{shown}")?;
            continue;
        }
        let _lock = crate::fsutil::lock(f)?;
        if std::fs::read_to_string(f).ok().as_deref() != Some(text.as_str()) {
            writeln!(
                io.err,
                "{}",
                tr!(
                    lang,
                    "ошибка: {shown}: файл изменился во время форматирования",
                    "error: {shown}: the file changed while being formatted"
                )
            )?;
            exit = Exit::Failure;
            continue;
        }
        crate::fsutil::write_atomic(f, formatted.as_bytes())?;
        writeln!(
            io.out,
            "{}",
            tr!(lang, "{shown}: отформатирован", "{shown}: formatted")
        )?;
    }
    if args.check && changed > 0 {
        writeln!(
            io.err,
            "{}",
            tr!(
                lang,
                "не в каноническом виде: {changed} из {}; исправит moc fmt",
                "not in canonical layout: {changed} of {}; moc fmt fixes it",
                files.len()
            )
        )?;
        return Ok(exit.max(Exit::Findings));
    }
    Ok(exit)
}

/// `moc fmt --check --staged`: the plans staged for commit, as staged.
fn fmt_staged(ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let lang = ctx.lang;
    let cwd = std::env::current_dir()?;
    let repo = match crate::git::Repo::discover(&cwd) {
        Ok(r) => r,
        Err(e) => {
            super::say_error(io, lang, e.message(lang))?;
            return Ok(Exit::Failure);
        }
    };
    let plans_dir = repo
        .relative(&ctx.default_plans())
        .unwrap_or_else(|| super::DEFAULT_PLANS.to_owned());
    let files: Vec<String> = repo
        .staged()
        .unwrap_or_default()
        .into_iter()
        .filter(|f| {
            f.starts_with(&format!("{plans_dir}/")) && f.to_ascii_lowercase().ends_with(".toml")
        })
        .collect();
    let mut changed = 0;
    for (f, bytes) in files
        .iter()
        .zip(repo.read_at("", &files).unwrap_or_default())
    {
        let Some(text) = bytes.and_then(|b| String::from_utf8(b).ok()) else {
            continue;
        };
        if crate::fmt::format(&text).is_ok_and(|formatted| formatted != text) {
            changed += 1;
            writeln!(io.out, "{}", display_path(&repo.root.join(f)))?;
        }
    }
    Ok(if changed > 0 {
        Exit::Findings
    } else {
        Exit::Ok
    })
}

/// A file name from a Russian name: «Мосальский муниципальный округ» → «mosalskiy».
fn slug(name: &str) -> String {
    const TABLE: [(&str, &str); 33] = [
        ("а", "a"),
        ("б", "b"),
        ("в", "v"),
        ("г", "g"),
        ("д", "d"),
        ("е", "e"),
        ("ё", "e"),
        ("ж", "zh"),
        ("з", "z"),
        ("и", "i"),
        ("й", "y"),
        ("к", "k"),
        ("л", "l"),
        ("м", "m"),
        ("н", "n"),
        ("о", "o"),
        ("п", "p"),
        ("р", "r"),
        ("с", "s"),
        ("т", "t"),
        ("у", "u"),
        ("ф", "f"),
        ("х", "kh"),
        ("ц", "ts"),
        ("ч", "ch"),
        ("ш", "sh"),
        ("щ", "shch"),
        ("ъ", ""),
        ("ы", "y"),
        ("ь", ""),
        ("э", "e"),
        ("ю", "yu"),
        ("я", "ya"),
    ];
    let word = name.split_whitespace().find(|w| {
        !matches!(
            w.to_lowercase().as_str(),
            "город" | "г." | "муниципальный" | "район"
        )
    });
    let mut out = String::new();
    for c in word.unwrap_or("plan").to_lowercase().chars() {
        if let Some((_, lat)) = TABLE.iter().find(|(cyr, _)| cyr.starts_with(c)) {
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

fn q(s: &str) -> String {
    Value::from(s).to_string().trim().to_owned()
}

/// The text of a new plan.
fn new_plan(args: &InitArgs, year: PlanYear) -> String {
    let year_value = match year {
        PlanYear::Calendar(y) => y.to_string(),
        PlanYear::Academic(_) => q(&year.to_string()),
    };
    let first = match year {
        PlanYear::Calendar(y) | PlanYear::Academic(y) => y,
    };
    let mut s = String::new();
    s.push_str(&format!(
        "# План работы муниципального опорного центра дополнительного образования детей (МОЦ) на {year} год.\n\
         # Формат: docs/format.md в репозитории moc. Проверка: moc check. Строки с # — комментарии.\n\n"
    ));
    s.push_str("[plan]\n");
    s.push_str("title = \"План работы муниципального опорного центра дополнительного образования детей\"\n");
    if let Some(o) = &args.organisation {
        s.push_str(&format!("organisation = {}\n", q(o)));
    }
    s.push_str(&format!(
        "municipality = {}\n",
        q(args
            .municipality
            .as_deref()
            .unwrap_or("Муниципальное образование"))
    ));
    if let Some(r) = &args.region {
        s.push_str(&format!("region = {}\n", q(r)));
    }
    s.push_str(&format!("year = {year_value}\n"));
    s.push_str(
        "# goal = \"Цель работы МОЦ\"\n# tasks = [\"первая задача\", \"вторая задача\"]\n\n\
         # Гриф утверждения: впишите должность, имя, дату и приказ.\n\
         [plan.approval]\nheading = \"Утверждено\"\n# position = \"Директор …\"\n# name = \"И.О. Фамилия\"\n# date = "
    );
    s.push_str(&format!("{first}-01-15\n# order = \"Приказ № … от …\"\n\n"));
    s.push_str(
        "# Ответственные: каждый, кто встречается в графе «Ответственные» (kind: role, organisation, person).\n\
         [[responsible]]\nname = \"Руководитель МОЦ\"\nkind = \"role\"\n\n\
         [[responsible]]\nname = \"методист\"\nkind = \"role\"\n\n\
         # Раздел плана: [[section]] открывает раздел, каждое [[section.item]] после него — мероприятие.\n\
         # Скопируйте блок, чтобы добавить ещё, или используйте moc add.\n\
         [[section]]\nnumber = \"1\"\ntitle = \"Мероприятия по обеспечению деятельности МОЦ\"\n\n\
         [[section.item]]\nnumber = \"1.1\"\ntitle = \"Утверждение плана работы МОЦ\"\n",
    );
    let january = match year {
        PlanYear::Calendar(y) => format!("Январь {y} г."),
        PlanYear::Academic(y) => format!("Сентябрь {y} г."),
    };
    s.push_str(&format!(
        "deadline = {}\nresponsible = \"Руководитель МОЦ\"\n\n",
        q(&january)
    ));
    s.push_str(
        "[[section.item]]\nnumber = \"1.2\"\ntitle = \"Отчёт о деятельности МОЦ\"\ndeadline = \"Декабрь\"\n\
         responsible = \"Руководитель МОЦ, методист\"\n",
    );
    s
}

fn refuse_existing(path: &Path, force: bool, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<bool> {
    if path.exists() && !force {
        let shown = display_path(path);
        writeln!(
            io.err,
            "{}",
            tr!(
                ctx.lang,
                "ошибка: {shown} уже есть — moc его не перезаписывает (укажите другой путь через -o или --force)",
                "error: {shown} exists — moc does not overwrite it (give another path with -o, or --force)"
            )
        )?;
        return Ok(true);
    }
    Ok(false)
}

/// Write a new plan file after checking it; refuse if it would not check.
fn write_checked(path: &Path, text: &str, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let lang = ctx.lang;
    let mut loaded = load::load_source_with(
        Source::new(path, text.to_owned()),
        lang,
        ctx.as_of.year(),
        &ctx.settings.roster,
    );
    if let Some(p) = &loaded.plan {
        let found = checks::run(p, &loaded.source, ctx.as_of, lang);
        loaded.diagnostics.extend(found);
    }
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        for d in errors {
            io.err
                .write_all(diagnostic::render(d, &loaded.source, lang, false).as_bytes())?;
        }
        writeln!(
            io.err,
            "{}",
            tr!(
                lang,
                "ошибка: план не прошёл бы проверку — файл не записан",
                "error: the plan would not check — nothing is written"
            )
        )?;
        return Ok(Exit::Findings);
    }
    super::write_output(path, text.as_bytes(), ctx.lang)?;
    Ok(Exit::Ok)
}

/// `moc init`.
pub fn init(args: &InitArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let year = args.year.unwrap_or(PlanYear::Calendar(ctx.as_of.year()));
    let first = match year {
        PlanYear::Calendar(y) | PlanYear::Academic(y) => y,
    };
    let path = args.output.clone().unwrap_or_else(|| {
        ctx.default_plans().join(format!(
            "{}-{first}.toml",
            slug(args.municipality.as_deref().unwrap_or("plan"))
        ))
    });
    if refuse_existing(&path, args.force, ctx, io)? {
        return Ok(Exit::Failure);
    }
    let text = super::schema_line(ctx, &path).unwrap_or_default() + &new_plan(args, year);
    let exit = write_checked(&path, &text, ctx, io)?;
    if exit == Exit::Ok {
        let shown = display_path(&path);
        writeln!(
            io.out,
            "{}",
            tr!(
                ctx.lang,
                "создан план {shown}; проверка: moc check {shown}",
                "created {shown}; check it with: moc check {shown}"
            )
        )?;
    }
    Ok(exit)
}

/// `moc rollover PLAN --year Y`: next year's plan from this one.
pub fn rollover(args: &RolloverArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let lang = ctx.lang;
    let shown = display_path(&args.plan);
    let text = match load::read_text(&args.plan) {
        Ok(t) => t,
        Err(e) => {
            super::say_error(io, lang, e.message(lang, &shown))?;
            return Ok(Exit::Failure);
        }
    };
    let loaded = load::load_source_with(
        Source::new(&args.plan, text.clone()),
        lang,
        ctx.as_of.year(),
        &ctx.settings.roster,
    );
    let Some(plan) = &loaded.plan else {
        writeln!(
            io.err,
            "{}",
            tr!(
                lang,
                "ошибка: {shown} не читается; moc check {shown}",
                "error: {shown} cannot be read; moc check {shown}"
            )
        )?;
        return Ok(Exit::Failure);
    };
    let Some(old) = plan.meta.year else {
        writeln!(
            io.err,
            "{}",
            tr!(
                lang,
                "ошибка: в {shown} не указан год плана",
                "error: {shown} has no plan year"
            )
        )?;
        return Ok(Exit::Failure);
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
    let mut doc = Doc::parse(&text)?;
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
    if refuse_existing(&out_path, args.force, ctx, io)? {
        return Ok(Exit::Failure);
    }
    let exit = write_checked(&out_path, &doc.render(), ctx, io)?;
    if exit == Exit::Ok {
        let to = display_path(&out_path);
        writeln!(
            io.out,
            "{}",
            tr!(
                lang,
                "план на {new_year} год: {to} (из {shown}; отметки о выполнении сняты, годы в сроках сдвинуты на {delta})",
                "the plan for {new_year}: {to} (from {shown}; progress cleared, years in deadlines moved by {delta})"
            )
        )?;
    }
    Ok(exit)
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
