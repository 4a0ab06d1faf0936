//! The git-aware commands: `diff` (what changed in plans between revisions), `log` (the history
//! of one item), `textconv` (a plan as lines, for git's own diff) and `hook install`.

use std::path::PathBuf;

use chrono::Datelike;
use serde::Serialize;

use crate::cli::{DiffArgs, DiffFormat, HookArgs, LogArgs, TextconvArgs};
use crate::commands::{
    Ctx, Exit, Io, Workspace, load_workspace_at, load_workspace_year, report_failures,
};
use crate::git::{GitError, Repo};
use crate::load::{self, Loaded};
use crate::plandiff::{self, Change};
use crate::render::markdown;
use crate::source::{Source, display_path};
use crate::tr;

fn git_fail(io: &mut Io<'_>, ctx: &Ctx, e: &GitError) -> anyhow::Result<Exit> {
    super::say_error(io, ctx.lang, e.message(ctx.lang))?;
    Ok(Exit::Failure)
}

fn repo() -> Result<Repo, GitError> {
    let cwd = std::env::current_dir().map_err(|e| GitError::Failed(e.to_string()))?;
    Repo::discover(&cwd)
}

/// Plans by their path in the repository.
fn by_path<'a>(repo: &Repo, ws: &'a Workspace) -> Vec<(String, &'a Loaded)> {
    ws.plans
        .iter()
        .map(|l| {
            (
                repo.relative(&l.source.path)
                    .unwrap_or_else(|| l.source.name.clone()),
                l,
            )
        })
        .collect()
}

#[derive(Serialize)]
struct DiffJson<'a> {
    from: String,
    to: String,
    changes: &'a [Change],
}

/// `moc diff [REV[..REV]] [PATH…]`.
pub fn diff(args: &DiffArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let lang = ctx.lang;
    let repo = match repo() {
        Ok(r) => r,
        Err(e) => return git_fail(io, ctx, &e),
    };
    let range = args.range.clone().unwrap_or_else(|| "HEAD".to_owned());
    let (from, to) = match range.split_once("..") {
        Some((a, b)) => (
            if a.is_empty() {
                "HEAD".to_owned()
            } else {
                a.to_owned()
            },
            Some(if b.is_empty() {
                "HEAD".to_owned()
            } else {
                b.to_owned()
            }),
        ),
        None => (range.clone(), None),
    };
    let old = match load_workspace_at(&args.paths, ctx, None, &from) {
        Ok(w) => w,
        Err(e) => return git_fail(io, ctx, &e),
    };
    let new = match &to {
        Some(rev) => match load_workspace_at(&args.paths, ctx, None, rev) {
            Ok(w) => w,
            Err(e) => return git_fail(io, ctx, &e),
        },
        None => load_workspace_year(&args.paths, ctx, None),
    };
    report_failures(&new.failures, ctx, io)?;
    let (olds, news) = (by_path(&repo, &old), by_path(&repo, &new));
    let mut names: Vec<String> = olds.iter().chain(&news).map(|(p, _)| p.clone()).collect();
    names.sort();
    names.dedup();
    let mut changes: Vec<Change> = Vec::new();
    for name in &names {
        let a = olds
            .iter()
            .find(|(p, _)| p == name)
            .and_then(|(_, l)| l.plan.as_ref());
        let b = news
            .iter()
            .find(|(p, _)| p == name)
            .and_then(|(_, l)| l.plan.as_ref());
        let shown = display_path(&repo.root.join(name));
        changes.extend(plandiff::diff(&shown, a, b));
    }
    let to_name = to
        .clone()
        .unwrap_or_else(|| lang.pick("рабочая копия", "working tree").to_owned());
    match args.format {
        DiffFormat::Json => {
            serde_json::to_writer_pretty(
                &mut *io.out,
                &DiffJson {
                    from: from.clone(),
                    to: to_name,
                    changes: &changes,
                },
            )?;
            writeln!(io.out)?;
        }
        DiffFormat::Markdown => {
            let mut s = format!(
                "## {}\n\n",
                markdown::text(&tr!(
                    lang,
                    "Изменения планов: {from} → {to_name}",
                    "Changes to the plans: {from} → {to_name}"
                ))
            );
            let rows: Vec<Vec<String>> = changes
                .iter()
                .map(|c| {
                    vec![
                        markdown::cell(&c.plan),
                        markdown::cell(&c.id),
                        markdown::cell(&plandiff::describe(c, lang)),
                    ]
                })
                .collect();
            markdown::table(
                &mut s,
                &[
                    lang.pick("План", "Plan"),
                    "№",
                    lang.pick("Изменение", "Change"),
                ],
                &[],
                &rows,
            );
            io.out.write_all(s.as_bytes())?;
        }
        DiffFormat::Table => {
            if changes.is_empty() {
                writeln!(
                    io.out,
                    "{}",
                    tr!(
                        lang,
                        "{from} → {to_name}: в планах ничего не изменилось",
                        "{from} → {to_name}: nothing changed in the plans"
                    )
                )?;
            }
            let mut last = "";
            for c in &changes {
                if c.plan != last {
                    writeln!(
                        io.out,
                        "{}",
                        crate::render::paint(
                            &crate::text::escape_controls(&c.plan, false),
                            "1",
                            ctx.color
                        )
                    )?;
                    last = &c.plan;
                }
                writeln!(
                    io.out,
                    "  {}",
                    crate::text::escape_controls(&plandiff::describe(c, lang), false)
                )?;
            }
        }
    }
    crate::commands::release(ctx, (old, new));
    Ok(Exit::Ok)
}

#[derive(Serialize)]
struct LogEntry {
    commit: crate::git::Commit,
    change: Change,
}

/// `moc log ID [--plan PATH]`: every commit that touched the item, oldest first.
pub fn log(args: &LogArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let lang = ctx.lang;
    let repo = match repo() {
        Ok(r) => r,
        Err(e) => return git_fail(io, ctx, &e),
    };
    let paths = args
        .plan
        .clone()
        .map_or_else(|| vec![ctx.default_plans()], |p| vec![p]);
    let ws = load_workspace_year(&paths, ctx, None);
    let want = args.id.trim().trim_end_matches('.').to_owned();
    let holders: Vec<&Loaded> = ws
        .plans
        .iter()
        .filter(|l| {
            l.plan
                .as_ref()
                .is_some_and(|p| p.items().any(|(_, i)| crate::view::item_id(i) == want))
        })
        .collect();
    let plan_path = match holders.as_slice() {
        [one] => one.source.path.clone(),
        [] => {
            writeln!(
                io.err,
                "{}",
                tr!(
                    lang,
                    "ошибка: мероприятие {} не найдено",
                    "error: no item {}",
                    args.id
                )
            )?;
            return Ok(Exit::Failure);
        }
        many => {
            let list: Vec<String> = many.iter().map(|l| l.source.name.clone()).collect();
            writeln!(
                io.err,
                "{}",
                tr!(
                    lang,
                    "ошибка: номер {} есть в нескольких планах: {} — укажите --plan ПУТЬ",
                    "error: number {} is in several plans: {} — give --plan PATH",
                    args.id,
                    list.join(", ")
                )
            )?;
            return Ok(Exit::Failure);
        }
    };
    let Some(rel) = repo.relative(&plan_path) else {
        return git_fail(io, ctx, &GitError::NotARepo);
    };
    let commits = match repo.log(&rel) {
        Ok(c) => c,
        Err(e) => return git_fail(io, ctx, &e),
    };
    let load_at = |rev: &str| -> Option<Loaded> {
        let bytes = repo
            .read_at(rev, std::slice::from_ref(&rel))
            .ok()?
            .into_iter()
            .next()
            .flatten()?;
        let text = String::from_utf8(bytes).ok()?;
        Some(load::load_source_with(
            Source::new(&PathBuf::from(&rel), text),
            lang,
            ctx.as_of.year(),
            &ctx.settings.roster,
        ))
    };
    let mut entries: Vec<LogEntry> = Vec::new();
    for c in commits.iter().rev() {
        let after = load_at(&c.hash);
        let before = repo.parent(&c.hash).and_then(|p| load_at(&p));
        let changes = plandiff::diff(
            &display_path(&plan_path),
            before.as_ref().and_then(|l| l.plan.as_ref()),
            after.as_ref().and_then(|l| l.plan.as_ref()),
        );
        for ch in changes
            .into_iter()
            .filter(|ch| ch.id == want || ch.old_id.as_deref() == Some(want.as_str()))
        {
            entries.push(LogEntry {
                commit: c.clone(),
                change: ch,
            });
        }
    }
    if args.json {
        serde_json::to_writer_pretty(&mut *io.out, &entries)?;
        writeln!(io.out)?;
        return Ok(Exit::Ok);
    }
    writeln!(
        io.out,
        "{}",
        crate::render::paint(
            &tr!(
                lang,
                "История мероприятия {} ({})",
                "History of item {} ({})",
                args.id,
                display_path(&plan_path)
            ),
            "1",
            ctx.color
        )
    )?;
    if entries.is_empty() {
        writeln!(
            io.out,
            "{}",
            lang.pick(
                "  изменений в истории git нет (план не закоммичен?)",
                "  no changes in the git history (the plan is not committed?)"
            )
        )?;
    }
    for e in &entries {
        writeln!(
            io.out,
            "{}  {}  {}  {}",
            e.commit.date,
            e.commit.short,
            crate::text::escape_controls(&e.commit.author, false),
            crate::text::escape_controls(&plandiff::describe(&e.change, lang), false)
        )?;
    }
    Ok(Exit::Ok)
}

/// `moc textconv FILE`: a plan as lines of text, for `git diff` (see the README).
pub fn textconv(args: &TextconvArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let text = match load::read_text(&args.file) {
        Ok(t) => t,
        Err(e) => {
            writeln!(io.err, "{}", e.message(ctx.lang, &display_path(&args.file)))?;
            return Ok(Exit::Failure);
        }
    };
    let loaded = load::load_source_with(
        Source::new(&args.file, text.clone()),
        ctx.lang,
        ctx.as_of.year(),
        &ctx.settings.roster,
    );
    match &loaded.plan {
        Some(p) => io
            .out
            .write_all(plandiff::textconv(p, ctx.lang).as_bytes())?,
        // not a plan moc can read: git shows the text itself
        None => io.out.write_all(text.as_bytes())?,
    }
    Ok(Exit::Ok)
}

/// The pre-commit hook moc installs.
fn hook_script(moc: &str) -> String {
    format!(
        "#!/bin/sh\n\
         # moc: проверка планов перед коммитом (установлено командой «moc hook install»).\n\
         # Проверяются планы, подготовленные к коммиту (git add); коммит отменяется, если в них ошибки.\n\
         MOC=\"${{MOC:-moc}}\"\n\
         command -v \"$MOC\" >/dev/null 2>&1 || MOC='{moc}'\n\
         \"$MOC\" check --staged || exit 1\n\
         \"$MOC\" fmt --check --staged || {{ echo 'moc: приведите планы к единому виду: moc fmt' >&2; exit 1; }}\n"
    )
}

/// `moc hook install`.
pub fn hook(args: &HookArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let lang = ctx.lang;
    let repo = match repo() {
        Ok(r) => r,
        Err(e) => return git_fail(io, ctx, &e),
    };
    let moc =
        std::env::current_exe().map_or_else(|_| "moc".to_owned(), |p| p.display().to_string());
    let script = hook_script(&moc);
    if args.print {
        io.out.write_all(script.as_bytes())?;
        return Ok(Exit::Ok);
    }
    let path = match repo.hook_path("pre-commit") {
        Ok(p) => p,
        Err(e) => return git_fail(io, ctx, &e),
    };
    let shown = display_path(&path);
    if path.exists() {
        writeln!(
            io.err,
            "{}",
            tr!(
                lang,
                "ошибка: хук {shown} уже есть — moc его не перезаписывает; добавьте в него строку «moc check --staged» (текст хука: moc hook install --print)",
                "error: the hook {shown} exists — moc does not overwrite it; add the line «moc check --staged» to it (the hook's text: moc hook install --print)"
            )
        )?;
        return Ok(Exit::Failure);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&path, script)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))?;
    }
    writeln!(
        io.out,
        "{}",
        tr!(
            lang,
            "установлен хук {shown}: перед каждым коммитом планы проверяются (moc check --staged)",
            "installed the hook {shown}: plans are checked before every commit (moc check --staged)"
        )
    )?;
    Ok(Exit::Ok)
}
