//! `moc add`: a new item at the end of a section, with the next free number.

use clap::Args as ClapArgs;

use crate::app::help::t;
use crate::commands::{CommandError, Ctx, Exit, Io};
use crate::text::{escape_controls, shorten};
use crate::tr;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "Добавить мероприятие в конец раздела (номер — следующий свободный)",
        "Add an item at the end of a section (the next free number)"
    ),
    long_about = t(
        "Добавить мероприятие в конец раздела (номер — следующий свободный)\n\n\
Примеры:\n  \
  moc add --section 2 --title \"Семинар для педагогов\" --deadline \"Октябрь 2026г.\" --responsible методист\n  \
  moc add --plan plans/sayansk-2026.toml --section III --title \"…\" --deadline \"Ноябрь 2026\" --responsible МОЦ --responsible УО",
        "Add an item at the end of a section (the next free number)\n\n\
Examples:\n  \
  moc add --section 2 --title \"A seminar for teachers\" --deadline \"Октябрь 2026г.\" --responsible методист\n  \
  moc add --plan plans/sayansk-2026.toml --section III --title \"…\" --deadline \"Ноябрь 2026\" --responsible МОЦ --responsible УО"
    )
)]
pub(crate) struct Args {
    #[arg(long, value_name = t("РАЗДЕЛ", "SECTION"), help = t("Раздел, в конец которого добавить: 2, III", "The section to add to: 2, III"))]
    pub(crate) section: String,

    #[arg(long, value_name = t("ТЕКСТ", "TEXT"), help = t("Мероприятие", "The activity"))]
    pub(crate) title: String,

    #[arg(long, value_name = t("СРОК", "DEADLINE"), help = t("Срок, как он пишется в плане", "The deadline, as the plan writes it"))]
    pub(crate) deadline: String,

    #[arg(
        long, required = true, value_name = t("ИМЯ", "NAME"),
        help = t("Ответственный из списка (можно несколько раз)", "A responsible from the roster (may be repeated)")
    )]
    pub(crate) responsible: Vec<String>,

    #[command(flatten)]
    pub(crate) choice: super::whole::PlanChoice,
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let lang = ctx.lang;
    let path = super::pick_plan(args.choice.plan.as_deref(), args.choice.year, ctx)?;
    let responsible = args.responsible.join(", ");
    super::modify(&path, ctx, io, args.choice.dry_run, |doc, plan| {
        let si = plan
            .sections
            .iter()
            .position(|s| super::same_section(&args.section, &s.number))
            .ok_or_else(|| {
                let have: Vec<&str> = plan.sections.iter().map(|s| &*s.number).collect();
                CommandError::user(tr!(
                    lang,
                    "раздела {} нет; разделы плана: {}",
                    "there is no section {}; the plan's sections: {}",
                    args.section,
                    have.join(", ")
                ))
            })?;
        let number = crate::edit::next_number(plan, si);
        crate::edit::add_item(
            &mut doc.doc,
            si,
            &number,
            &args.title,
            &args.deadline,
            &responsible,
        )
        .map_err(|_| {
            CommandError::user(tr!(
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
