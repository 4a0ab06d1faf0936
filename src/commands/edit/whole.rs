//! Changes to the plan as a whole: `moc section add`, `moc responsible add`, `moc indicator set` —
//! through the same safe edit path as the item edits (the text kept, the plan checked, the file
//! replaced atomically).

use std::path::PathBuf;

use clap::{Args as ClapArgs, Subcommand, ValueEnum};

use crate::app::help::t;
use crate::commands::{CommandError, Ctx, Exit, Io};
use crate::i18n;
use crate::text::{escape_controls, shorten};
use crate::tr;

/// Which plan to change.
#[derive(Debug, ClapArgs, Clone)]
pub(crate) struct PlanChoice {
    #[arg(long, value_name = t("ПУТЬ", "PATH"), help = t("Файл плана (если в plans/ их несколько)", "The plan file (when plans/ holds several)"))]
    pub(crate) plan: Option<PathBuf>,

    #[arg(
        long, value_name = t("ГОД", "YEAR"),
        help = t(
            "План этого года (когда в plans/ планы нескольких лет)",
            "The plan of this year (when plans/ holds several years)"
        )
    )]
    pub(crate) year: Option<i32>,

    #[arg(long, help = t("Показать изменения, не записывая файл", "Show the changes without writing the file"))]
    pub(crate) dry_run: bool,
}

#[derive(Debug, ClapArgs)]
#[command(
    about = t("Разделы плана: добавить раздел", "The plan's sections: add a section"),
    long_about = t(
        "Разделы плана: добавить раздел\n\n\
Примеры:\n  \
  moc section add \"Мониторинг системы дополнительного образования\"\n  \
  moc section add \"Работа с родителями\" --number 7 --plan plans/mosalsk-2026.toml",
        "The plan's sections: add a section\n\n\
Examples:\n  \
  moc section add \"Monitoring of supplementary education\"\n  \
  moc section add \"Work with parents\" --number 7 --plan plans/mosalsk-2026.toml"
    )
)]
pub(crate) struct SectionArgs {
    #[command(subcommand)]
    pub(crate) action: SectionAction,
}

#[derive(Debug, Subcommand)]
pub(crate) enum SectionAction {
    #[command(about = t(
        "Добавить раздел в конец плана (номер — следующий по порядку)",
        "Add a section at the end of the plan (the next number)"
    ))]
    Add(SectionAdd),
}

#[derive(Debug, ClapArgs)]
pub(crate) struct SectionAdd {
    #[arg(value_name = t("НАЗВАНИЕ", "TITLE"), help = t("Название раздела", "The section's title"))]
    pub(crate) title: String,

    #[arg(
        long, value_name = t("НОМЕР", "NUMBER"),
        help = t(
            "Номер раздела: 7, VII (по умолчанию — следующий за последним)",
            "The section's number: 7, VII (default: the one after the last)"
        )
    )]
    pub(crate) number: Option<String>,

    #[command(flatten)]
    pub(crate) choice: PlanChoice,
}

pub(crate) fn section(
    args: &SectionArgs,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> Result<Exit, CommandError> {
    let SectionAction::Add(a) = &args.action;
    let lang = ctx.lang;
    let title = a.title.trim();
    if title.is_empty() {
        return Err(CommandError::user(
            lang.pick("у раздела должно быть название", "a section needs a title"),
        ));
    }
    let path = super::pick_plan(a.choice.plan.as_deref(), a.choice.year, ctx)?;
    super::modify(&path, ctx, io, a.choice.dry_run, |doc, plan| {
        let number = match &a.number {
            Some(n) => n.trim().to_owned(),
            None => crate::edit::next_section_number(plan),
        };
        if let Some(s) = plan
            .sections
            .iter()
            .find(|s| super::same_section(&number, &s.number))
        {
            return Err(CommandError::user(tr!(
                lang,
                "раздел {number} уже есть: «{}»",
                "section {number} already exists: «{}»",
                escape_controls(&shorten(&s.title, 60), false)
            ))
            .hint(lang.pick(
                "другой номер: --number НОМЕР",
                "another number: --number NUMBER",
            )));
        }
        crate::edit::add_section(&mut doc.doc, &number, title).map_err(|_| {
            CommandError::user(lang.pick(
                "разделы плана записаны так, что moc не может добавить к ним новый",
                "the plan's sections are written in a way moc cannot add to",
            ))
        })?;
        Ok(tr!(
            lang,
            "добавлен раздел {number} «{}»; мероприятие в него: moc add --section {number} …",
            "section {number} «{}» added; an item in it: moc add --section {number} …",
            escape_controls(&shorten(title, 60), false)
        ))
    })
}

#[derive(Debug, ClapArgs)]
#[command(
    about = t("Список ответственных: добавить ответственного", "The roster: add a responsible"),
    long_about = t(
        "Список ответственных: добавить ответственного\n\n\
Примеры:\n  \
  moc responsible add \"Педагог-организатор\"\n  \
  moc responsible add ЦРО --kind organisation --full-name \"Центр развития образования\"\n  \
  moc responsible add \"Руководитель МОЦ\" --alias \"руководитель\" --alias \"рук. МОЦ\"",
        "The roster: add a responsible\n\n\
Examples:\n  \
  moc responsible add \"Педагог-организатор\"\n  \
  moc responsible add ЦРО --kind organisation --full-name \"Центр развития образования\"\n  \
  moc responsible add \"Руководитель МОЦ\" --alias \"руководитель\" --alias \"рук. МОЦ\""
    )
)]
pub(crate) struct ResponsibleArgs {
    #[command(subcommand)]
    pub(crate) action: ResponsibleAction,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ResponsibleAction {
    #[command(about = t(
        "Добавить ответственного в список [[responsible]]",
        "Add a responsible to the [[responsible]] roster"
    ))]
    Add(ResponsibleAdd),
}

/// What a responsible is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Kind {
    #[value(help = t("должность или роль: «методист»", "a position or role: «методист»"))]
    Role,
    #[value(help = t("организация: «РМЦ», «ЦРО»", "an organisation: «РМЦ», «ЦРО»"))]
    Organisation,
    #[value(help = t("человек: «Ежова Н.М.»", "a person: «Ежова Н.М.»"))]
    Person,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Role => "role",
            Kind::Organisation => "organisation",
            Kind::Person => "person",
        }
    }
}

#[derive(Debug, ClapArgs)]
pub(crate) struct ResponsibleAdd {
    #[arg(value_name = t("ИМЯ", "NAME"), help = t("Имя так, как его пишут в плане", "The name as the plan writes it"))]
    pub(crate) name: String,

    #[arg(
        long = "alias", value_name = t("ИМЯ", "NAME"),
        help = t("Другое написание (можно несколько раз)", "Another spelling (may be repeated)")
    )]
    pub(crate) aliases: Vec<String>,

    #[arg(
        long, value_enum, value_name = t("ВИД", "KIND"),
        help = t("Вид: role (по умолчанию), organisation, person", "Kind: role (default), organisation, person")
    )]
    pub(crate) kind: Option<Kind>,

    #[arg(long, value_name = t("ТЕКСТ", "TEXT"), help = t("Расшифровка сокращения", "What the abbreviation stands for"))]
    pub(crate) full_name: Option<String>,

    #[command(flatten)]
    pub(crate) choice: PlanChoice,
}

pub(crate) fn responsible(
    args: &ResponsibleArgs,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> Result<Exit, CommandError> {
    let ResponsibleAction::Add(a) = &args.action;
    let lang = ctx.lang;
    let name = a.name.trim();
    if name.is_empty() || name.contains([',', ';']) {
        return Err(CommandError::user(lang.pick(
            "имя ответственного не может быть пустым или содержать запятую: в плане запятая разделяет ответственных",
            "a responsible's name cannot be empty or hold a comma: the plan separates responsibles with commas",
        )));
    }
    let path = super::pick_plan(a.choice.plan.as_deref(), a.choice.year, ctx)?;
    super::modify(&path, ctx, io, a.choice.dry_run, |doc, plan| {
        let roster = crate::roster::RosterIndex::new(&plan.roster);
        for new in std::iter::once(name).chain(a.aliases.iter().map(|s| s.trim())) {
            if let Some(r) = roster.find(new).and_then(|i| plan.roster.get(i)) {
                return Err(CommandError::user(tr!(
                    lang,
                    "«{new}» уже есть в списке ответственных (как «{}»)",
                    "«{new}» is already in the roster (as «{}»)",
                    r.name
                )));
            }
        }
        crate::edit::add_responsible(
            &mut doc.doc,
            name,
            a.kind.filter(|k| *k != Kind::Role).map(Kind::key),
            &a.aliases,
            a.full_name.as_deref(),
        )
        .map_err(|_| {
            CommandError::user(lang.pick(
                "список ответственных записан так, что moc не может добавить к нему",
                "the roster is written in a way moc cannot add to",
            ))
        })?;
        Ok(tr!(
            lang,
            "«{name}» добавлен в список ответственных",
            "«{name}» added to the roster"
        ))
    })
}

#[derive(Debug, ClapArgs)]
#[command(
    about = t("Показатели отчёта: записать значения", "The report's indicators: record values"),
    long_about = t(
        "Показатели отчёта: записать значения\n\n\
Примеры:\n  \
  moc indicator set \"Программ в Навигаторе\" --actual 47\n  \
  moc indicator set \"Доля детей 5–18 лет, охваченных дополнительным образованием\" --numerator 1212 --denominator 1530\n  \
  moc indicator set \"Педагогов прошли КПК\" --new --unit чел. --target 12\n  \
  moc indicator set \"Программ в Навигаторе\" --id navigator_programs   код для сложения по региону\n  \
  moc indicator list                         каталог кодов",
        "The report's indicators: record values\n\n\
Examples:\n  \
  moc indicator set \"Программ в Навигаторе\" --actual 47\n  \
  moc indicator set \"Доля детей 5–18 лет, охваченных дополнительным образованием\" --numerator 1212 --denominator 1530\n  \
  moc indicator set \"Педагогов прошли КПК\" --new --unit чел. --target 12\n  \
  moc indicator set \"Программ в Навигаторе\" --id navigator_programs   the id the region adds up by\n  \
  moc indicator list                         the catalogue of ids"
    )
)]
pub(crate) struct IndicatorArgs {
    #[command(subcommand)]
    pub(crate) action: IndicatorAction,
}

#[derive(Debug, Subcommand)]
pub(crate) enum IndicatorAction {
    #[command(about = t(
        "Записать значения показателя (факт, план, единицу, числитель и знаменатель)",
        "Record an indicator's values (actual, target, unit, numerator and denominator)"
    ))]
    Set(IndicatorSet),
    #[command(about = t(
        "Каталог показателей: коды, названия, единицы, как складываются по региону, цели региона",
        "The catalogue of indicators: ids, names, units, how the region adds them up, its targets"
    ))]
    List(crate::commands::catalogue::Args),
}

/// A number as people write it: `79,2`, `1 212`, `79.2`.
fn parse_value(s: &str) -> Result<f64, String> {
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    cleaned
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| "нужно число: 47, 79,2 / a number is needed: 47, 79.2".to_owned())
}

#[derive(Debug, ClapArgs)]
pub(crate) struct IndicatorSet {
    #[arg(value_name = t("НАЗВАНИЕ", "NAME"), help = t("Название показателя, как в плане", "The indicator's name as in the plan"))]
    pub(crate) name: String,

    #[arg(long, value_parser = parse_value, value_name = t("ЧИСЛО", "NUMBER"), help = t("Факт", "The actual value"))]
    pub(crate) actual: Option<f64>,

    #[arg(long, value_parser = parse_value, value_name = t("ЧИСЛО", "NUMBER"), help = t("План", "The target"))]
    pub(crate) target: Option<f64>,

    #[arg(long, value_parser = parse_value, value_name = t("ЧИСЛО", "NUMBER"), help = t("Значение прошлого года", "Last year's value"))]
    pub(crate) last_year: Option<f64>,

    #[arg(
        long, value_parser = parse_value, requires = "denominator", value_name = t("ЧИСЛО", "NUMBER"),
        help = t("Числитель доли (сколько из скольких: вместе с --denominator)", "The share's numerator (with --denominator)")
    )]
    pub(crate) numerator: Option<f64>,

    #[arg(
        long, value_parser = parse_value, requires = "numerator", value_name = t("ЧИСЛО", "NUMBER"),
        help = t("Знаменатель доли", "The share's denominator")
    )]
    pub(crate) denominator: Option<f64>,

    #[arg(long, value_name = t("ЕДИНИЦА", "UNIT"), help = t("Единица: %, ед., чел.", "The unit: %, pcs, people"))]
    pub(crate) unit: Option<String>,

    #[arg(
        long, value_name = t("КОД", "ID"),
        help = t(
            "Код показателя из каталога (moc indicator list): по нему регион складывает показатели муниципалитетов",
            "The indicator's id from the catalogue (moc indicator list): what the region adds up by"
        )
    )]
    pub(crate) id: Option<String>,

    #[arg(long, help = t("Добавить новый показатель, если такого нет", "Add a new indicator when there is none of that name"))]
    pub(crate) new: bool,

    #[command(flatten)]
    pub(crate) choice: PlanChoice,
}

pub(crate) fn indicator(
    args: &IndicatorArgs,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> Result<Exit, CommandError> {
    let a = match &args.action {
        IndicatorAction::Set(a) => a,
        IndicatorAction::List(l) => return crate::commands::catalogue::run(l, ctx, io),
    };
    let lang = ctx.lang;
    let name = a.name.trim();
    let numbers: Vec<(&str, f64)> = [
        ("target", a.target),
        ("actual", a.actual),
        ("last_year", a.last_year),
        ("numerator", a.numerator),
        ("denominator", a.denominator),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|x| (k, x)))
    .collect();
    if numbers.is_empty() && a.unit.is_none() && a.id.is_none() {
        return Err(CommandError::user(lang.pick(
            "нечего записывать: укажите --actual, --target, --last-year, --numerator и --denominator или --unit",
            "nothing to record: give --actual, --target, --last-year, --numerator and --denominator or --unit",
        )));
    }
    let path = super::pick_plan(a.choice.plan.as_deref(), a.choice.year, ctx)?;
    super::modify(&path, ctx, io, a.choice.dry_run, |doc, plan| {
        let index = plan.indicators.iter().position(|i| {
            i18n::fold(i.name.trim()) == i18n::fold(name) || i.id.as_deref() == Some(name)
        });
        if index.is_none() && !a.new {
            let near =
                crate::suggest::near(name, plan.indicators.iter().map(|i| i.name.as_str()), 3);
            let mut e = CommandError::user(tr!(
                lang,
                "показателя «{name}» в плане нет",
                "the plan has no indicator «{name}»"
            ));
            if !near.is_empty() {
                e = e.hint(tr!(
                    lang,
                    "возможно: «{}»",
                    "did you mean «{}»",
                    near.join("», «")
                ));
            }
            return Err(e.hint(lang.pick(
                "добавить новый показатель: --new",
                "to add a new indicator: --new",
            )));
        }
        crate::edit::set_indicator(
            &mut doc.doc,
            index,
            name,
            a.id.as_deref().map(str::trim),
            a.unit.as_deref(),
            &numbers,
        )
        .map_err(|_| {
            CommandError::user(lang.pick(
                "показатели записаны так, что moc не может их изменить",
                "the indicators are written in a way moc cannot change",
            ))
        })?;
        let what: Vec<String> = numbers
            .iter()
            .map(|(k, x)| format!("{} {}", key_label(k, lang), shown_number(lang, *x)))
            .chain(
                a.unit
                    .iter()
                    .map(|u| tr!(lang, "единица «{u}»", "unit «{u}»")),
            )
            .chain(a.id.iter().map(|v| tr!(lang, "код «{v}»", "id «{v}»")))
            .collect();
        let written = index
            .and_then(|i| plan.indicators.get(i))
            .map_or(name, |i| i.name.trim());
        let shown = escape_controls(&shorten(written, 60), false);
        Ok(if index.is_some() {
            tr!(
                lang,
                "показатель «{shown}»: {}",
                "indicator «{shown}»: {}",
                what.join(", ")
            )
        } else {
            tr!(
                lang,
                "добавлен показатель «{shown}»: {}",
                "indicator «{shown}» added: {}",
                what.join(", ")
            )
        })
    })
}

fn key_label(key: &str, lang: i18n::Lang) -> &'static str {
    match key {
        "target" => lang.pick("план", "target"),
        "actual" => lang.pick("факт", "actual"),
        "last_year" => lang.pick("прошлый год", "last year"),
        "numerator" => lang.pick("числитель", "numerator"),
        _ => lang.pick("знаменатель", "denominator"),
    }
}

/// A number as the report prints it: «1 212», «79,2».
fn shown_number(lang: i18n::Lang, x: f64) -> String {
    if x.fract() == 0.0 {
        i18n::decimal(lang, x, 0)
    } else {
        i18n::decimal(lang, x, 2)
            .trim_end_matches('0')
            .trim_end_matches([',', '.'])
            .to_owned()
    }
}
