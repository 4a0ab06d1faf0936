//! Reading a plan repository's history through the `git` command.
//!
//! moc runs `git` rather than linking a git library: plans live in repositories their users
//! already drive with git, so the program is there; it costs no build time and no binary size
//! (gix would add ~90 crates and 1.3 MB, git2 a C build); and `git`'s plumbing output
//! (`rev-parse`, `ls-tree`, `cat-file --batch`, `log --format`) is a stable interface. moc only
//! reads: it never writes to a repository or to git's configuration (the hook installer writes
//! one file under `.git/hooks`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::i18n::Lang;
use crate::tr;

/// Why git could not answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GitError {
    NoGit,
    NotARepo,
    BadRevision(String),
    Failed(String),
}

impl GitError {
    pub(crate) fn message(&self, lang: Lang) -> String {
        match self {
            GitError::NoGit => tr!(
                lang,
                "не найдена программа git — установите её (https://git-scm.com)",
                "the git program is not found — install it (https://git-scm.com)"
            ),
            GitError::NotARepo => tr!(
                lang,
                "здесь нет репозитория git: команды истории работают внутри репозитория с планами (git init, git clone)",
                "this is not a git repository: the history commands work inside a repository of plans (git init, git clone)"
            ),
            GitError::BadRevision(r) => tr!(
                lang,
                "ревизия «{r}» не найдена в репозитории",
                "the revision «{r}» is not in the repository"
            ),
            GitError::Failed(e) => tr!(lang, "git: {e}", "git: {e}"),
        }
    }
}

/// A commit, as reports and logs name it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Commit {
    pub(crate) hash: String,
    pub(crate) short: String,
    /// `YYYY-MM-DD`, the committer's date.
    pub(crate) date: String,
    pub(crate) author: String,
    pub(crate) subject: String,
}

/// A file read from git: `None` when it is missing, `Err(size)` when it is over the limit.
pub(crate) type Blob = Option<Result<Vec<u8>, u64>>;

/// A repository's work tree.
#[derive(Clone, Debug)]
pub(crate) struct Repo {
    pub(crate) root: PathBuf,
}

fn run(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Result<Vec<u8>, GitError> {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // plain, untranslated, uncoloured output whatever the user's settings
    cmd.env("LC_ALL", "C")
        .env("GIT_PAGER", "cat")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE");
    if input.is_some() {
        cmd.stdin(Stdio::piped());
    }
    let mut child = cmd.spawn().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            GitError::NoGit
        } else {
            GitError::Failed(e.to_string())
        }
    })?;
    if let (Some(data), Some(mut stdin)) = (input, child.stdin.take()) {
        // write on a thread: git may fill its output pipe before reading all of its input
        let data = data.to_vec();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&data);
        });
        let out = child
            .wait_with_output()
            .map_err(|e| GitError::Failed(e.to_string()))?;
        let _ = writer.join();
        return finish(out);
    }
    let out = child
        .wait_with_output()
        .map_err(|e| GitError::Failed(e.to_string()))?;
    finish(out)
}

fn finish(out: std::process::Output) -> Result<Vec<u8>, GitError> {
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let err = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        if err.contains("not a git repository") {
            Err(GitError::NotARepo)
        } else {
            Err(GitError::Failed(err))
        }
    }
}

impl Repo {
    /// The repository holding `start`.
    pub(crate) fn discover(start: &Path) -> Result<Repo, GitError> {
        let out = run(start, &["rev-parse", "--show-toplevel"], None)?;
        let root = String::from_utf8_lossy(&out).trim().to_owned();
        Ok(Repo {
            root: PathBuf::from(root),
        })
    }

    fn git(&self, args: &[&str]) -> Result<Vec<u8>, GitError> {
        run(&self.root, args, None)
    }

    /// A path of the work tree as git names it (relative to the root, `/`-separated); a relative
    /// path is taken from `cwd`.
    pub(crate) fn relative(&self, path: &Path, cwd: &Path) -> Option<String> {
        let abs = if path.is_absolute() {
            path.to_path_buf()
        } else {
            cwd.join(path)
        };
        let abs = crate::fsutil::normalize(&abs);
        let root = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        let rel = abs
            .strip_prefix(&root)
            .ok()
            .or_else(|| abs.strip_prefix(&self.root).ok())?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }

    /// The commit a revision names.
    pub(crate) fn commit(&self, rev: &str) -> Result<Commit, GitError> {
        let out = self
            .git(&[
                "log",
                "-1",
                "--format=%H%x00%h%x00%cs%x00%an%x00%s",
                rev,
                "--",
            ])
            .map_err(|_| GitError::BadRevision(rev.to_owned()))?;
        parse_commits(&out)
            .into_iter()
            .next()
            .ok_or_else(|| GitError::BadRevision(rev.to_owned()))
    }

    /// The `*.toml` files under `paths` (root-relative) at a revision. Names are read
    /// NUL-separated, as they are: never quoted, whatever `core.quotePath` says of Cyrillic.
    pub(crate) fn files_at(&self, rev: &str, paths: &[String]) -> Result<Vec<String>, GitError> {
        let mut args = vec![
            "ls-tree",
            "-r",
            "-z",
            "--name-only",
            "--full-tree",
            rev,
            "--",
        ];
        args.extend(paths.iter().map(String::as_str));
        let out = self.git(&args).map_err(|e| match e {
            GitError::Failed(_) => GitError::BadRevision(rev.to_owned()),
            other => other,
        })?;
        let mut files: Vec<String> = out
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .filter(|l| {
                l.to_ascii_lowercase().ends_with(".toml")
                    && !l.ends_with(crate::discover::SETTINGS_FILE)
            })
            .collect();
        files.sort();
        Ok(files)
    }

    /// The contents of files at a revision, in two `git` runs: `None` where a file is missing,
    /// `Err(size)` where it is larger than `limit` bytes (and is not read at all). A revision of
    /// `""` reads the index (staged contents).
    pub(crate) fn read_at(
        &self,
        rev: &str,
        files: &[String],
        limit: u64,
    ) -> Result<Vec<Blob>, GitError> {
        if files.is_empty() {
            return Ok(Vec::new());
        }
        let mut input = Vec::new();
        for f in files {
            let _ = writeln!(input, "{rev}:{f}");
        }
        // first the sizes, so that a huge blob is never read into memory
        let sizes = run(&self.root, &["cat-file", "--batch-check"], Some(&input))?;
        let mut result: Vec<Blob> = Vec::with_capacity(files.len());
        let mut wanted = Vec::new();
        let mut lines = sizes.split(|b| *b == b'\n');
        for f in files {
            let header = String::from_utf8_lossy(lines.next().unwrap_or_default()).into_owned();
            let parts: Vec<&str> = header.split(' ').collect();
            if parts.get(1) == Some(&"missing") || parts.len() < 3 {
                result.push(None);
                continue;
            }
            let size: u64 = parts[2].parse().unwrap_or(0);
            if size > limit {
                result.push(Some(Err(size)));
                continue;
            }
            let _ = writeln!(wanted, "{rev}:{f}");
            result.push(Some(Ok(Vec::new())));
        }
        if wanted.is_empty() {
            return Ok(result);
        }
        let out = run(&self.root, &["cat-file", "--batch"], Some(&wanted))?;
        let mut pos = 0;
        for slot in &mut result {
            let Some(Ok(bytes)) = slot else { continue };
            let Some(nl) = out
                .get(pos..)
                .and_then(|o| o.iter().position(|b| *b == b'\n'))
            else {
                *slot = None;
                continue;
            };
            let header = String::from_utf8_lossy(&out[pos..pos + nl]).into_owned();
            pos += nl + 1;
            let parts: Vec<&str> = header.split(' ').collect();
            if parts.get(1) == Some(&"missing") || parts.len() < 3 {
                *slot = None;
                continue;
            }
            let size: usize = parts[2].parse().unwrap_or(0);
            let end = (pos + size).min(out.len());
            *bytes = out[pos..end].to_vec();
            pos = end + 1; // the newline after the contents
        }
        Ok(result)
    }

    /// Whether the work tree differs from HEAD under `paths`.
    pub(crate) fn dirty(&self, paths: &[String]) -> bool {
        let mut args = vec!["status", "--porcelain", "--untracked-files=normal", "--"];
        args.extend(paths.iter().map(String::as_str));
        self.git(&args).is_ok_and(|out| !out.is_empty())
    }

    /// The commits that touched `path`, newest first, following renames.
    pub(crate) fn log(&self, path: &str) -> Result<Vec<Commit>, GitError> {
        let out = self.git(&[
            "-c",
            "core.quotePath=false",
            "log",
            "--follow",
            "--format=%H%x00%h%x00%cs%x00%an%x00%s",
            "--",
            path,
        ])?;
        Ok(parse_commits(&out))
    }

    /// The first parent of a commit, if any.
    pub(crate) fn parent(&self, hash: &str) -> Option<String> {
        let out = self
            .git(&["rev-parse", "--verify", "--quiet", &format!("{hash}^")])
            .ok()?;
        let p = String::from_utf8_lossy(&out).trim().to_owned();
        (!p.is_empty()).then_some(p)
    }

    /// Files staged for the next commit (added, copied, modified, renamed), root-relative.
    pub(crate) fn staged(&self) -> Result<Vec<String>, GitError> {
        let out = self.git(&[
            "diff",
            "--cached",
            "--name-only",
            "--diff-filter=ACMR",
            "-z",
        ])?;
        Ok(out
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect())
    }

    /// Where git keeps a hook (`core.hooksPath` respected).
    pub(crate) fn hook_path(&self, name: &str) -> Result<PathBuf, GitError> {
        let out = self.git(&["rev-parse", "--git-path", &format!("hooks/{name}")])?;
        let p = PathBuf::from(String::from_utf8_lossy(&out).trim());
        Ok(if p.is_absolute() {
            p
        } else {
            self.root.join(p)
        })
    }
}

fn parse_commits(out: &[u8]) -> Vec<Commit> {
    String::from_utf8_lossy(out)
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\0').collect();
            (f.len() >= 5).then(|| Commit {
                hash: f[0].to_owned(),
                short: f[1].to_owned(),
                date: f[2].to_owned(),
                author: f[3].to_owned(),
                subject: f[4].to_owned(),
            })
        })
        .collect()
}
