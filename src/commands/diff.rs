//! `moc diff [REV[..REV]] [PATH…]`: what changed in the plans between git revisions, by item.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::git::Repo;
use crate::load::Checked;
use crate::plandiff::{self, Change};
use crate::render::changes as r;
use crate::workspace::{Selection, Workspace};

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "Что изменилось в планах между ревизиями git: по мероприятиям, а не по строкам",
        "What changed in the plans between git revisions: by item, not by line"
    ),
    long_about = t(
        "Что изменилось в планах между ревизиями git: по мероприятиям, а не по строкам\n\n\
Добавленные, удалённые, перенумерованные мероприятия; смена состояния (с результатом),\n\
срока, ответственных; новые записи о ходе работы; показатели.\n\
Без ревизии — последний коммит против рабочей копии.\n\n\
Примеры:\n  \
  moc diff                          что изменено и не закоммичено\n  \
  moc diff HEAD~3..HEAD\n  \
  moc diff v2026-06..HEAD --format markdown",
        "What changed in the plans between git revisions: by item, not by line\n\n\
Items added, removed, renumbered; changes of status (with the result), deadline,\n\
responsibles; new progress entries; indicators.\n\
Without a revision: the last commit against the working tree.\n\n\
Examples:\n  \
  moc diff                          what is changed and not committed\n  \
  moc diff HEAD~3..HEAD\n  \
  moc diff v2026-06..HEAD --format markdown"
    )
)]
pub(crate) struct Args {
    #[arg(value_name = t("РЕВИЗИЯ", "REV"), help = t(
        "Ревизия (против рабочей копии) или диапазон A..B; по умолчанию HEAD",
        "A revision (against the working tree) or a range A..B; default HEAD"
    ))]
    pub(crate) range: Option<String>,

    #[arg(value_name = t("ПУТЬ", "PATH"), help = super::args::paths_help())]
    pub(crate) paths: Vec<PathBuf>,

    #[arg(
        long, value_enum, default_value_t = Format::Table, value_name = t("ФОРМАТ", "FORMAT"),
        help = t("Формат: table, json, markdown", "Format: table, json, markdown")
    )]
    pub(crate) format: Format,
}

/// Output formats of `moc diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Table,
    Json,
    Markdown,
}

/// Plans by their path in the repository, sorted.
fn by_path<'a>(repo: &Repo, ws: &'a Workspace, ctx: &Ctx) -> Vec<(String, &'a Checked)> {
    let mut v: Vec<(String, &Checked)> = ws
        .plans
        .iter()
        .map(|c| {
            (
                repo.relative(&c.source.path, &ctx.cwd)
                    .unwrap_or_else(|| c.source.name.clone()),
                c,
            )
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let lang = ctx.lang;
    let repo = Repo::discover(&ctx.cwd).map_err(|e| super::git_error(&e, ctx))?;
    let range = args.range.clone().unwrap_or_else(|| "HEAD".to_owned());
    let or_head = |s: &str| {
        if s.is_empty() {
            "HEAD".to_owned()
        } else {
            s.to_owned()
        }
    };
    let (from, to) = match range.split_once("..") {
        Some((a, b)) => (or_head(a), Some(or_head(b))),
        None => (range.clone(), None),
    };
    let loader = super::loader(ctx);
    let default = ctx.default_plans();
    let load = |sel: Selection<'_>| {
        crate::workspace::load_all(sel, None, &default, &loader)
            .map_err(|e| super::git_error(&e, ctx))
    };
    let old = load(Selection::At(&from, &args.paths))?;
    let new = match &to {
        Some(rev) => load(Selection::At(rev, &args.paths))?,
        None => load(Selection::Work(&args.paths))?,
    };
    super::say_failures(&new.failures, ctx, io)?;
    let (olds, news) = (by_path(&repo, &old, ctx), by_path(&repo, &new, ctx));
    let mut names: Vec<&str> = olds.iter().chain(&news).map(|(p, _)| p.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    fn find<'a>(list: &[(String, &'a Checked)], name: &str) -> Option<&'a crate::model::Plan> {
        list.binary_search_by(|(p, _)| p.as_str().cmp(name))
            .ok()
            .and_then(|i| list[i].1.plan.as_ref())
    }
    let mut changes: Vec<Change> = Vec::new();
    for name in names {
        let shown = ctx.shown(&repo.root.join(name));
        changes.extend(plandiff::diff(&shown, find(&olds, name), find(&news, name)));
    }
    let to_name = to
        .clone()
        .unwrap_or_else(|| lang.pick("рабочая копия", "working tree").to_owned());
    match args.format {
        Format::Json => r::diff_json(&from, &to_name, &changes, io.out)?,
        Format::Markdown => r::diff_markdown(&from, &to_name, &changes, lang, io.out)?,
        Format::Table => r::diff_lines(&from, &to_name, &changes, lang, ctx.term.color, io.out)?,
    }
    ctx.release((old, new));
    Ok(Exit::Ok)
}
