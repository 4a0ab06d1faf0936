//! CLI tests: run the real `moc` binary, in the repository (for `plans/` and `examples/`) or in a
//! temporary folder, with a cleared environment, and snapshot what it prints.

#![allow(clippy::must_use_candidate, clippy::return_self_not_must_use)]

mod audit;
mod check;
mod deadline;
mod ecosystem;
mod edit;
mod forge;
mod git;
mod help;
mod hostile;
mod import;
mod overdue;
mod region;
mod regional;
mod report;
mod robustness;
mod serve;
mod status;
mod web;
mod word;
mod year;

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One run of `moc` to be.
pub struct Moc {
    dir: Option<tempfile::TempDir>,
    cwd: PathBuf,
    args: Vec<String>,
    env: Vec<(String, String)>,
}

/// What a run printed and how it ended.
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl fmt::Display for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.stdout)?;
        if !self.stderr.is_empty() {
            write!(f, "----- stderr -----\n{}", self.stderr)?;
        }
        write!(f, "[exit status: {}]", self.code)
    }
}

/// The repository's root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Moc {
    /// A run in the repository root, where `plans/` and `examples/` are.
    pub fn in_repo() -> Moc {
        Moc {
            dir: None,
            cwd: repo(),
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    /// A run in a fresh temporary folder.
    pub fn in_temp() -> Moc {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let cwd = dir.path().to_path_buf();
        Moc {
            dir: Some(dir),
            cwd,
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    /// A run in an existing folder (another run's temporary folder, a folder inside it).
    pub fn in_temp_at(dir: &Path) -> Moc {
        Moc {
            dir: None,
            cwd: dir.to_path_buf(),
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    /// The folder the run happens in.
    pub fn dir(&self) -> &Path {
        &self.cwd
    }

    /// Write a file (relative to the run's folder).
    pub fn file(self, path: &str, content: impl AsRef<[u8]>) -> Moc {
        let p = self.cwd.join(path);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(&p, content).unwrap_or_else(|e| panic!("{e}"));
        self
    }

    /// Copy a file of the repository into the run's folder.
    pub fn copy(self, from_repo: &str, to: &str) -> Moc {
        let content =
            std::fs::read(repo().join(from_repo)).unwrap_or_else(|e| panic!("{from_repo}: {e}"));
        self.file(to, content)
    }

    pub fn args<I, S>(mut self, args: I) -> Moc
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.args
            .extend(args.into_iter().map(|s| s.as_ref().to_owned()));
        self
    }

    pub fn env(mut self, k: &str, v: &str) -> Moc {
        self.env.push((k.to_owned(), v.to_owned()));
        self
    }

    pub fn run(&self) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_moc"));
        cmd.current_dir(&self.cwd).env_clear().args(&self.args);
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot run moc: {e}"));
        Output {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code().unwrap_or(-1),
        }
    }

    /// Keep the temporary folder alive as long as the returned value.
    pub fn keep(self) -> (Moc, Option<tempfile::TempDir>) {
        let mut s = self;
        let d = s.dir.take();
        (s, d)
    }
}

/// Run git in `dir` in isolation: the user's and the system's configuration are not read, the
/// author and the branch are fixed, nothing is signed.
pub fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("LC_ALL", "C")
        .args([
            "-c",
            "user.name=Методист",
            "-c",
            "user.email=metodist@example.ru",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("git is needed for this test (.ci/run installs it): {e}"))
}

/// Read a file of the repository as text.
pub fn read_repo(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}
