//! `moc log ID`: the history of one item by commit — date, commit, author, what changed.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::git::{GitError, Repo};
use crate::load::Checked;
use crate::model::Number;
use crate::plandiff;
use crate::render::changes::{self as r, LogEntry};
use crate::tr;
use crate::workspace::{Loader, Selection};

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "История одного мероприятия по коммитам: дата, коммит, автор, что изменилось",
        "The history of one item by commit: date, commit, author, what changed"
    ),
    long_about = t(
        "История одного мероприятия по коммитам: дата, коммит, автор, что изменилось\n\n\
Пример:\n  moc log 1.3",
        "The history of one item by commit: date, commit, author, what changed\n\n\
Example:\n  moc log 1.3"
    )
)]
pub(crate) struct Args {
    #[arg(value_name = t("НОМЕР", "ID"), help = t("Номер мероприятия, как в плане", "The item's number as in the plan"))]
    pub(crate) id: String,

    #[arg(long, value_name = t("ПУТЬ", "PATH"), help = t(
        "Файл плана (если номер есть в нескольких планах)",
        "The plan file (when the number is in several plans)"
    ))]
    pub(crate) plan: Option<PathBuf>,

    #[arg(long, help = t("Вывести JSON", "Print JSON"))]
    pub(crate) json: bool,
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let lang = ctx.lang;
    let repo = Repo::discover(&ctx.cwd).map_err(|e| super::git_error(&e, ctx))?;
    let paths = args
        .plan
        .clone()
        .map_or_else(|| vec![ctx.default_plans()], |p| vec![p]);
    let loader = super::loader(ctx);
    let ws =
        crate::workspace::load_all(Selection::Work(&paths), None, &ctx.default_plans(), &loader)
            .map_err(|e| super::git_error(&e, ctx))?;
    let want = Number::parse(&args.id);
    let holders: Vec<&Checked> = ws
        .plans
        .iter()
        .filter(|c| {
            c.plan
                .as_ref()
                .is_some_and(|p| p.items().any(|(_, i)| i.number == want))
        })
        .collect();
    let plan_path = match holders.as_slice() {
        [one] => one.source.path.clone(),
        [] => {
            return Err(CommandError::user(tr!(
                lang,
                "мероприятие {} не найдено",
                "no item {}",
                args.id
            )));
        }
        many => {
            let list: Vec<String> = many.iter().map(|c| c.source.name.clone()).collect();
            return Err(CommandError::user(tr!(
                lang,
                "номер {} есть в нескольких планах: {} — укажите --plan ПУТЬ",
                "number {} is in several plans: {} — give --plan PATH",
                args.id,
                list.join(", ")
            )));
        }
    };
    let Some(rel) = repo.relative(&plan_path, &ctx.cwd) else {
        return Err(super::git_error(&GitError::NotARepo, ctx));
    };
    let shown = ctx.shown(&plan_path);
    let entries =
        history(&repo, &rel, &want, &loader, &shown).map_err(|e| super::git_error(&e, ctx))?;
    if args.json {
        r::log_json(&entries, io.out)?;
    } else {
        r::log_lines(&args.id, &shown, &entries, lang, ctx.term.color, io.out)?;
    }
    Ok(Exit::Ok)
}

/// The history of the item numbered `want` in the plan file `rel` (relative to the repository's
/// root, shown as `shown`): each of its changes with the commit that made it, oldest first.
pub(crate) fn history(
    repo: &Repo,
    rel: &str,
    want: &Number,
    loader: &Loader<'_>,
    shown: &str,
) -> Result<Vec<LogEntry>, GitError> {
    let commits = repo.log(rel)?;
    let load_at = |rev: &str| -> Option<Checked> {
        let bytes = repo
            .read_at(rev, &[rel.to_owned()], crate::load::MAX_FILE_SIZE)
            .ok()?
            .into_iter()
            .next()
            .flatten()?
            .ok()?;
        loader.check_bytes(&PathBuf::from(rel), &bytes).ok()
    };
    let mut entries: Vec<LogEntry> = Vec::new();
    for c in commits.iter().rev() {
        let after = load_at(&c.hash);
        let before = repo.parent(&c.hash).and_then(|p| load_at(&p));
        let changes = plandiff::diff(
            shown,
            before.as_ref().and_then(|l| l.plan.as_ref()),
            after.as_ref().and_then(|l| l.plan.as_ref()),
        );
        for ch in changes.into_iter().filter(|ch| {
            Number::parse(&ch.id) == *want
                || ch
                    .old_id
                    .as_deref()
                    .is_some_and(|o| Number::parse(o) == *want)
        }) {
            entries.push(LogEntry {
                commit: c.clone(),
                change: ch,
            });
        }
    }
    Ok(entries)
}
