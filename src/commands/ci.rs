//! `moc ci init`: the forge's CI file for a regional repository — `moc check` on every push and
//! merge request, the region's report built from the main branch and published (the forge's pages
//! site; a job artifact where the forge has no pages). The files are templates shipped inside moc
//! (`templates/ci/`), with where moc comes from filled in. Also here: the repository's root as
//! forges see it, which `moc check --format gitlab|github` takes paths from.

use std::path::{Path, PathBuf};

use clap::{Args as ClapArgs, Subcommand, ValueEnum};

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::source::Source;
use crate::tr;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "CI на git-хостинге: проверка планов и отчёт региона (GitLab, Forgejo, GitHub)",
        "CI on a git forge: plans checked, the region's report published (GitLab, Forgejo, GitHub)"
    ),
    long_about = t(
        "CI на git-хостинге: проверка планов и отчёт региона (GitLab, Forgejo, GitHub)\n\n\
Примеры:\n  \
  moc ci init gitlab\n  \
  moc ci init github --moc-git https://github.com/ORG/moc",
        "CI on a git forge: plans checked, the region's report published (GitLab, Forgejo, GitHub)\n\n\
Examples:\n  \
  moc ci init gitlab\n  \
  moc ci init github --moc-git https://github.com/ORG/moc"
    )
)]
pub(crate) struct Args {
    #[command(subcommand)]
    pub(crate) command: CiCommand,
}

/// What to do with the CI files.
#[derive(Debug, Subcommand)]
pub(crate) enum CiCommand {
    Init(InitArgs),
}

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "Записать файл CI в корень репозитория: проверка планов при каждом push и merge request, отчёт региона",
        "Write the CI file at the repository's root: plans checked on every push and merge request, the region's report"
    ),
    long_about = t(
        "Записать файл CI в корень репозитория: проверка планов при каждом push и merge request, отчёт региона\n\n\
gitlab — .gitlab-ci.yml (замечания в виджете Code Quality, отчёт на GitLab Pages);\n\
forgejo — .forgejo/workflows/moc.yml, gitea — .gitea/workflows/moc.yml (отчёт — архивом задания: страниц у них нет);\n\
github — .github/workflows/moc.yml (замечания пометками в pull request, отчёт на GitHub Pages).\n\
Существующий файл не перезаписывается без --force.\n\n\
Примеры:\n  \
  moc ci init gitlab\n  \
  moc ci init forgejo --moc-git https://codeberg.org/ORG/moc.git\n  \
  moc ci init github --print          показать файл, ничего не записывая",
        "Write the CI file at the repository's root: plans checked on every push and merge request, the region's report\n\n\
gitlab — .gitlab-ci.yml (findings in the Code Quality widget, the report on GitLab Pages);\n\
forgejo — .forgejo/workflows/moc.yml, gitea — .gitea/workflows/moc.yml (the report as a job artifact: they have no pages);\n\
github — .github/workflows/moc.yml (findings as pull request annotations, the report on GitHub Pages).\n\
An existing file is not overwritten without --force.\n\n\
Examples:\n  \
  moc ci init gitlab\n  \
  moc ci init forgejo --moc-git https://codeberg.org/ORG/moc.git\n  \
  moc ci init github --print          show the file, write nothing"
    )
)]
pub(crate) struct InitArgs {
    #[arg(value_enum, value_name = t("ХОСТИНГ", "FORGE"), help = t("Где репозиторий: gitlab, forgejo, gitea или github", "Where the repository is: gitlab, forgejo, gitea or github"))]
    pub(crate) forge: Forge,

    #[arg(
        long, value_name = t("АДРЕС", "URL"),
        help = t(
            "Адрес git-репозитория moc, из которого CI соберёт moc (иначе — заглушка, которую надо заменить)",
            "The git URL of moc's source CI builds moc from (else a placeholder to replace)"
        )
    )]
    pub(crate) moc_git: Option<String>,

    #[arg(long, help = t("Перезаписать существующий файл", "Overwrite an existing file"))]
    pub(crate) force: bool,

    #[arg(long, help = t("Только показать файл, ничего не записывая", "Only show the file, write nothing"))]
    pub(crate) print: bool,
}

/// The git forges moc writes CI for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Forge {
    Gitlab,
    Forgejo,
    Gitea,
    Github,
}

/// What `MOC_GIT` holds until the region says where moc comes from: a reserved domain that
/// never resolves (the jobs stop on it with a message instead of a failed download).
const PLACEHOLDER_GIT: &str = "https://moc-source.invalid/moc.git";

impl Forge {
    /// The file, from the repository's root.
    pub(crate) fn path(self) -> &'static str {
        match self {
            Forge::Gitlab => ".gitlab-ci.yml",
            Forge::Forgejo => ".forgejo/workflows/moc.yml",
            Forge::Gitea => ".gitea/workflows/moc.yml",
            Forge::Github => ".github/workflows/moc.yml",
        }
    }

    /// The template, with `__MOC_GIT__` to fill.
    fn template(self) -> &'static str {
        match self {
            Forge::Gitlab => include_str!("../../templates/ci/gitlab-ci.yml"),
            Forge::Forgejo => include_str!("../../templates/ci/forgejo.yml"),
            Forge::Gitea => include_str!("../../templates/ci/gitea.yml"),
            Forge::Github => include_str!("../../templates/ci/github.yml"),
        }
    }
}

/// The CI file for `forge`, where moc comes from filled in (inside double quotes in YAML, so
/// `"` and `\` are escaped).
pub(crate) fn render(forge: Forge, git: &str) -> String {
    let quoted = git.replace('\\', "\\\\").replace('"', "\\\"");
    forge.template().replace("__MOC_GIT__", &quoted)
}

/// The repository's root as a forge sees it: the nearest folder up from here with `.git`, else
/// moc's root (the folder with `moc.toml` or `plans/`).
pub(crate) fn repository_root(ctx: &Ctx) -> Option<PathBuf> {
    ctx.cwd
        .ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
        .or_else(|| ctx.root.clone())
}

/// A file's path from the repository's `root`, with `/` between folders, as forges name files
/// (a file outside the root keeps the name it is shown by).
pub(crate) fn path_in_repository(src: &Source, root: &Path, cwd: &Path) -> String {
    let abs = crate::fsutil::normalize(&cwd.join(&src.path));
    let rel = abs
        .strip_prefix(crate::fsutil::normalize(root))
        .ok()
        .map(Path::to_path_buf)
        .or_else(|| {
            let (a, r) = (
                std::fs::canonicalize(&abs).ok()?,
                std::fs::canonicalize(root).ok()?,
            );
            a.strip_prefix(r).ok().map(Path::to_path_buf)
        });
    let shown = match rel.filter(|r| !r.as_os_str().is_empty()) {
        Some(r) => r.to_string_lossy().into_owned(),
        None => src.name.clone(),
    };
    shown.replace('\\', "/")
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let CiCommand::Init(args) = &args.command;
    let lang = ctx.lang;
    let git = args.moc_git.as_deref().unwrap_or(PLACEHOLDER_GIT);
    let text = render(args.forge, git);
    if args.print {
        io.out.write_all(text.as_bytes())?;
        return Ok(Exit::Ok);
    }
    let Some(root) = repository_root(ctx) else {
        return Err(CommandError::user(lang.pick(
            "здесь нет репозитория планов: ни папки .git, ни moc.toml, ни папки plans/ — некуда записать файл CI",
            "there is no repository of plans here: no .git, no moc.toml, no plans/ folder — nowhere to write the CI file",
        ))
        .hint(lang.pick(
            "создайте репозиторий (git init или клон с хостинга) и план: moc init --region \"…\" --municipality \"…\"",
            "make the repository (git init, or a clone from the forge) and a plan: moc init --region \"…\" --municipality \"…\"",
        )));
    };
    let path = root.join(args.forge.path());
    let shown = ctx.shown(&path);
    if path.exists() && !args.force {
        return Err(CommandError::user(tr!(
            lang,
            "{shown} уже есть — moc его не перезаписывает",
            "{shown} exists — moc does not overwrite it"
        ))
        .hint(tr!(
            lang,
            "заменить его: moc ci init {} --force; только показать новый: moc ci init {} --print",
            "to replace it: moc ci init {} --force; only to see the new one: moc ci init {} --print",
            forge_name(args.forge),
            forge_name(args.forge)
        )));
    }
    crate::app::output::write_file(&path, &[text.as_bytes()], &[], ctx)?;
    writeln!(io.out, "{}", tr!(lang, "записан {shown}", "wrote {shown}"))?;
    if let Some(moc_root) = ctx.root.as_deref().filter(|r| *r != root) {
        let sub = path_in_repository(
            &Source::new(moc_root, String::new(), String::new()),
            &root,
            &ctx.cwd,
        );
        writeln!(
            io.out,
            "{}",
            tr!(
                lang,
                "внимание: планы лежат в {sub}/, а CI запускает команды в корне репозитория — допишите «cd {sub}» перед командами moc в файле",
                "note: the plans are in {sub}/, and CI runs commands at the repository's root — add «cd {sub}» before the moc commands in the file"
            )
        )?;
    }
    write!(
        io.out,
        "{}",
        next_steps(args.forge, args.moc_git.is_none(), &shown, lang)
    )?;
    Ok(Exit::Ok)
}

fn forge_name(forge: Forge) -> &'static str {
    match forge {
        Forge::Gitlab => "gitlab",
        Forge::Forgejo => "forgejo",
        Forge::Gitea => "gitea",
        Forge::Github => "github",
    }
}

/// What to do after the file is written, step by step.
fn next_steps(forge: Forge, placeholder: bool, shown: &str, lang: crate::i18n::Lang) -> String {
    let mut steps: Vec<String> = Vec::new();
    if placeholder {
        steps.push(tr!(
            lang,
            "впишите в начале {shown}, откуда брать moc: MOC_GIT — адрес git-репозитория moc (или: moc ci init {} --force --moc-git АДРЕС)",
            "fill in at the top of {shown} where moc comes from: MOC_GIT — the git URL of moc (or: moc ci init {} --force --moc-git URL)",
            forge_name(forge)
        ));
    }
    let (check, report) = match forge {
        Forge::Gitlab => (
            lang.pick(
                "проверка идёт при каждом push и merge request; замечания — в виджете Code Quality в merge request и текстом в журнале задания moc-check",
                "the check runs on every push and merge request; findings are in the merge request's Code Quality widget and as text in the moc-check job's log",
            ),
            lang.pick(
                "отчёт региона после push в основную ветку — на GitLab Pages: адрес в Deploy → Pages (на своём GitLab страницы включает администратор)",
                "the region's report, after a push to the main branch, is on GitLab Pages: the address is in Deploy → Pages (on a self-managed GitLab the administrator enables Pages)",
            ),
        ),
        Forge::Forgejo | Forge::Gitea => (
            lang.pick(
                "включите Actions в настройках репозитория и проверьте метку раннера в runs-on; проверка идёт при каждом push и pull request, замечания — в журнале задания check",
                "enable Actions in the repository's settings and check the runner's label in runs-on; the check runs on every push and pull request, findings are in the check job's log",
            ),
            lang.pick(
                "отчёт региона после push в основную ветку — архив moc-report на странице запуска задания report (страниц, как у GitLab и GitHub, здесь нет)",
                "the region's report, after a push to the main branch, is the moc-report archive on the report job's run page (there are no pages here as on GitLab and GitHub)",
            ),
        ),
        Forge::Github => (
            lang.pick(
                "проверка идёт при каждом push и pull request; замечания — пометками в изменениях pull request и в журнале задания check",
                "the check runs on every push and pull request; findings are annotations on the pull request's changes and in the check job's log",
            ),
            lang.pick(
                "отчёт региона: включите Settings → Pages → Source: GitHub Actions; после push в основную ветку адрес страницы — в задании deploy",
                "the region's report: set Settings → Pages → Source: GitHub Actions; after a push to the main branch the page's address is in the deploy job",
            ),
        ),
    };
    steps.push(tr!(
        lang,
        "закоммитьте и отправьте: git add {shown} && git commit -m \"CI: проверка планов и отчёт\" && git push",
        "commit and push: git add {shown} && git commit -m \"CI: plans checked, report published\" && git push"
    ));
    steps.push(check.to_owned());
    steps.push(report.to_owned());
    let mut out = format!("{}\n", lang.pick("Дальше:", "Next:"));
    for (i, s) in steps.iter().enumerate() {
        out.push_str(&format!("  {}. {s}\n", i + 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_filled_in_and_quoted() {
        for forge in [Forge::Gitlab, Forge::Forgejo, Forge::Gitea, Forge::Github] {
            let text = render(forge, "https://x/\"moc\"");
            assert!(!text.contains("__MOC_"), "{forge:?}");
            assert!(
                text.contains("MOC_GIT: \"https://x/\\\"moc\\\"\""),
                "{text}"
            );
        }
    }

    #[test]
    fn paths_are_from_the_root_with_slashes() {
        let root = Path::new("/r");
        let src = Source::new(Path::new("plans/./a/../b.toml"), "b".into(), String::new());
        assert_eq!(
            path_in_repository(&src, root, Path::new("/r")),
            "plans/b.toml"
        );
        assert_eq!(
            path_in_repository(&src, root, Path::new("/r/sub")),
            "sub/plans/b.toml"
        );
        assert_eq!(path_in_repository(&src, root, Path::new("/elsewhere")), "b");
    }
}
