//! `moc check`: every finding in every plan, like rustc, or as JSON, GitLab Code Quality or GitHub
//! workflow commands (for a forge's CI); the exit code for hooks.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::checks::Check;
use crate::diagnostic::{self, Record, Severity};
use crate::workspace::Selection;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "Проверить планы: сроки, ответственные, нумерация, ключи",
        "Check plans: deadlines, responsibles, numbering, keys"
    ),
    long_about = t(
        "Проверить планы: сроки, ответственные, нумерация, ключи\n\n\
Каждая ошибка — с файлом, строкой и столбцом, строкой плана, указателем и подсказкой.\n\
Код выхода: 0 — ошибок нет (предупреждения допустимы), 1 — есть ошибки, 2 — проверить не удалось.\n\n\
Примеры:\n  \
  moc check                      все планы в папке plans/\n  \
  moc check plans/mosalsk-2026.toml\n  \
  moc check --format json        для редактора или CI\n  \
  moc check --format gitlab > gl-code-quality-report.json   отчёт Code Quality для GitLab\n  \
  moc check --format github      замечания в GitHub Actions (в Forgejo и Gitea — строки журнала)\n  \
  moc check --list               какие проверки есть",
        "Check plans: deadlines, responsibles, numbering, keys\n\n\
Every error comes with the file, line and column, the plan's line, a caret and a hint.\n\
Exit code: 0 — no errors (warnings allowed), 1 — errors found, 2 — could not check.\n\n\
Examples:\n  \
  moc check                      every plan in plans/\n  \
  moc check plans/mosalsk-2026.toml\n  \
  moc check --format json        for an editor or CI\n  \
  moc check --format gitlab > gl-code-quality-report.json   a Code Quality report for GitLab\n  \
  moc check --format github      annotations in GitHub Actions (on Forgejo and Gitea: log lines)\n  \
  moc check --list               which checks there are"
    )
)]
pub(crate) struct Args {
    #[arg(value_name = t("ПУТЬ", "PATH"), help = super::args::paths_help())]
    pub(crate) paths: Vec<PathBuf>,

    #[arg(
        long, value_enum, default_value_t = Format::Human, value_name = t("ФОРМАТ", "FORMAT"),
        help = t(
            "Формат вывода: human (для человека), json, gitlab (отчёт Code Quality) или github (команды GitHub Actions)",
            "Output format: human, json, gitlab (a Code Quality report) or github (GitHub Actions workflow commands)"
        )
    )]
    pub(crate) format: Format,

    #[arg(long, help = t("Считать предупреждения ошибками (код выхода 1)", "Count warnings as errors (exit code 1)"))]
    pub(crate) deny_warnings: bool,

    #[arg(long, help = t("Перечислить проверки с их кодами и описанием", "List the checks with their codes and descriptions"))]
    pub(crate) list: bool,

    #[arg(
        long, conflicts_with = "paths",
        help = t(
            "Проверить планы, подготовленные к коммиту (git add), в том виде, в каком они добавлены",
            "Check the plans staged for commit (git add), as staged"
        )
    )]
    pub(crate) staged: bool,

    #[arg(
        long = "year", value_name = t("ГОД", "YEAR"),
        help = t(
            "Только планы этого года (в региональном репозитории; по умолчанию — год из moc.toml)",
            "Only the plans of this year (in a regional repository; default: the year in moc.toml)"
        )
    )]
    pub(crate) year: Option<i32>,
}

/// Output formats of findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
    /// GitLab's Code Quality report: a JSON array (`[]` when clean) for
    /// `artifacts:reports:codequality`.
    Gitlab,
    /// GitHub Actions workflow commands, `::error file=…,line=…::…`, one a line, then the summary.
    Github,
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    if args.list {
        return list(args, ctx, io);
    }
    let selection = if args.staged {
        Selection::Staged
    } else {
        Selection::Work(&args.paths)
    };
    // a region's check needs the findings, not the models
    let each = super::read_plans(selection, args.year, ctx, io, |mut c| {
        c.plan = None;
        c
    })?;
    let (mut errors, mut warnings, mut notes) = (0, 0, 0);
    let mut records = Vec::new();
    let mut quality = Vec::new();
    let mut fingerprints = diagnostic::Fingerprints::new(ctx.as_of);
    // forges want paths from the repository's root, whatever folder moc runs in
    let root = super::ci::repository_root(ctx).unwrap_or_else(|| ctx.cwd.clone());
    let settings = ctx.settings.file.as_ref();
    for checked in settings
        .into_iter()
        .chain(each.plans.iter().map(|d| &d.value))
    {
        for d in &checked.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                Severity::Note => notes += 1,
            }
            match args.format {
                Format::Human => {
                    io.out.write_all(
                        diagnostic::render(d, &checked.source, ctx.lang, ctx.term.color).as_bytes(),
                    )?;
                }
                Format::Json => records.push(Record::new(d, &checked.source, ctx.lang)),
                Format::Gitlab => {
                    let path = super::ci::path_in_repository(&checked.source, &root, &ctx.cwd);
                    let fingerprint = fingerprints.next(&path, d, &checked.source);
                    quality.push(diagnostic::CodeQuality::new(
                        d,
                        &checked.source,
                        path,
                        fingerprint,
                        ctx.lang,
                    ));
                }
                Format::Github => {
                    let path = super::ci::path_in_repository(&checked.source, &root, &ctx.cwd);
                    io.out.write_all(
                        diagnostic::workflow_command(d, &checked.source, &path, ctx.lang)
                            .as_bytes(),
                    )?;
                }
            }
        }
    }
    match args.format {
        Format::Human | Format::Github => {
            writeln!(
                io.out,
                "{}",
                diagnostic::summary(ctx.lang, each.plans.len(), errors, warnings, notes)
            )?;
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *io.out, &records)?;
            writeln!(io.out)?;
        }
        Format::Gitlab => {
            serde_json::to_writer_pretty(&mut *io.out, &quality)?;
            writeln!(io.out)?;
        }
    }
    if !each.failures.is_empty() {
        return Ok(Exit::Failure);
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        return Ok(Exit::Findings);
    }
    Ok(Exit::Ok)
}

fn list(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    match args.format {
        Format::Json => {
            let rows: Vec<_> = Check::ALL
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "code": c.id(),
                        "severity": c.severity(),
                        "description": c.doc(ctx.lang),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *io.out, &rows)?;
            writeln!(io.out)?;
        }
        Format::Human | Format::Gitlab | Format::Github => {
            let width = Check::ALL.iter().map(|c| c.id().len()).max().unwrap_or(0);
            for c in Check::ALL {
                let sev = c.severity().label(ctx.lang);
                writeln!(
                    io.out,
                    "{:<width$}  {:<14}  {}",
                    c.id(),
                    sev,
                    c.doc(ctx.lang)
                )?;
            }
        }
    }
    Ok(Exit::Ok)
}
