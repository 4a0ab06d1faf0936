//! `moc schema`: the JSON Schema of the plan format, for editors.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "JSON Schema формата плана — для редактора (Even Better TOML, taplo)",
        "The JSON Schema of the plan format — for editors (Even Better TOML, taplo)"
    ),
    long_about = t(
        "JSON Schema формата плана — для редактора (Even Better TOML, taplo)\n\n\
Планы начинаются строкой «#:schema ../moc-plan.schema.json»: редактор проверяет ключи и\n\
подсказывает их при наборе. Схема в репозитории — вывод этой команды.\n\n\
Примеры:\n  \
  moc schema > moc-plan.schema.json\n  \
  moc schema -o moc-plan.schema.json",
        "The JSON Schema of the plan format — for editors (Even Better TOML, taplo)\n\n\
Plans start with the line «#:schema ../moc-plan.schema.json»: the editor checks keys and\n\
completes them as you type. The schema in the repository is this command's output.\n\n\
Examples:\n  \
  moc schema > moc-plan.schema.json\n  \
  moc schema -o moc-plan.schema.json"
    )
)]
pub(crate) struct Args {
    #[arg(short, long, value_name = t("ФАЙЛ", "FILE"), help = t("Записать схему в файл (иначе — на экран)", "Write the schema to a file (else to the screen)"))]
    pub(crate) output: Option<PathBuf>,
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let text = crate::schema::plan_schema();
    crate::app::output::emit(
        args.output.as_deref(),
        &[text.as_bytes()],
        false,
        &[],
        ("схема записана в", "the schema is written to"),
        ctx,
        io,
    )?;
    Ok(Exit::Ok)
}
