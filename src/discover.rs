//! Finding plan files: a path is a plan file, or a folder whose `*.toml` files (at any depth)
//! are plans.
//!
//! The walk is sorted (output never depends on the order the file system lists entries in),
//! skips hidden folders and `target/`, skips the region's settings file `moc.toml`, survives
//! symlink loops and keeps going past folders it cannot read, reporting them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::source::display_path;
use crate::tr;

/// A path that could not be used, and why (in the user's language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WalkError(pub String);

/// The name of the region-wide settings file, which is not a plan.
pub(crate) const SETTINGS_FILE: &str = "moc.toml";
/// The plan format's JSON Schema at the repository's root (`moc schema -o moc-plan.schema.json`).
pub(crate) const SCHEMA_FILE: &str = "moc-plan.schema.json";

/// The plan files under `paths`, and the paths that could not be read.
pub(crate) fn plan_files(
    paths: &[PathBuf],
    cwd: &Path,
    lang: Lang,
) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen_dirs = HashSet::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => {
                let shown = display_path(p, cwd);
                errors.push(WalkError(match e.kind() {
                    std::io::ErrorKind::NotFound => tr!(
                        lang,
                        "{shown}: нет такого файла или папки",
                        "{shown}: no such file or folder"
                    ),
                    _ => tr!(
                        lang,
                        "{shown}: не удалось открыть: {}",
                        "{shown}: cannot open: {}",
                        crate::app::error::os_error(&e, lang)
                    ),
                }));
            }
            Ok(m) if m.is_dir() => {
                let canonical = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
                walk(
                    p,
                    &canonical,
                    &mut files,
                    &mut errors,
                    &mut seen_dirs,
                    (cwd, lang),
                    0,
                );
            }
            Ok(m) if !m.is_file() => errors.push(not_regular(p, cwd, lang)),
            Ok(_) => files.push(p.clone()),
        }
    }
    let mut unique = HashSet::new();
    files.retain(|f| unique.insert(f.clone()));
    (files, errors)
}

/// What an entry of a folder is.
enum Kind {
    /// A folder, and its path with symlinks resolved (to notice loops).
    Dir(PathBuf),
    File,
    Other,
}

/// Walk `dir` (whose path with symlinks resolved is `canonical`). The kind of each entry comes
/// from the folder listing itself where the file system says it, so a region's thousand folders
/// cost no system call per entry; symlinks are followed and resolved.
fn walk(
    dir: &Path,
    canonical: &Path,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<WalkError>,
    seen: &mut HashSet<PathBuf>,
    (cwd, lang): (&Path, Lang),
    depth: usize,
) {
    if depth > 64 || !seen.insert(canonical.to_path_buf()) {
        return; // a symlink loop, or absurd depth
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            let shown = display_path(dir, cwd);
            errors.push(WalkError(tr!(
                lang,
                "{shown}: папку не удалось прочитать: {}",
                "{shown}: cannot read the folder: {}",
                crate::app::error::os_error(&e, lang)
            )));
            return;
        }
    };
    let mut list: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
        .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
        .collect();
    list.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, listed) in list {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') || name == "target" {
            continue;
        }
        let kind = match listed {
            Some(t) if t.is_dir() => Ok(Kind::Dir(canonical.join(&name))),
            Some(t) if t.is_file() => Ok(Kind::File),
            // a symlink (or a file system that does not say): follow it
            _ => std::fs::metadata(&path).map(|m| {
                if m.is_dir() {
                    Kind::Dir(std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone()))
                } else if m.is_file() {
                    Kind::File
                } else {
                    Kind::Other
                }
            }),
        };
        match kind {
            Ok(Kind::Dir(c)) => walk(&path, &c, files, errors, seen, (cwd, lang), depth + 1),
            Ok(Kind::Other) => {
                if is_toml(&path) {
                    errors.push(not_regular(&path, cwd, lang));
                }
            }
            Ok(Kind::File) => {
                if is_toml(&path) && name != SETTINGS_FILE {
                    files.push(path);
                }
            }
            Err(e) => {
                // a dangling symlink or an unreadable entry
                if is_toml(&path) {
                    let shown = display_path(&path, cwd);
                    errors.push(WalkError(tr!(
                        lang,
                        "{shown}: не удалось открыть: {}",
                        "{shown}: cannot open: {}",
                        crate::app::error::os_error(&e, lang)
                    )));
                }
            }
        }
    }
}

/// A named pipe, a socket or a device where a plan file was expected: reading it could block.
fn not_regular(path: &Path, cwd: &Path, lang: Lang) -> WalkError {
    let shown = display_path(path, cwd);
    WalkError(tr!(
        lang,
        "{shown}: не обычный файл (канал, сокет или устройство) — пропущен",
        "{shown}: not a regular file (a pipe, a socket or a device) — skipped"
    ))
}

fn is_toml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_toml_files_sorted_and_skips_settings() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/2026"))?;
        std::fs::create_dir_all(root.join(".git"))?;
        std::fs::write(root.join("b/2026/x.toml"), "")?;
        std::fs::write(root.join("a.toml"), "")?;
        std::fs::write(root.join("moc.toml"), "")?;
        std::fs::write(root.join("notes.txt"), "")?;
        std::fs::write(root.join(".git/c.toml"), "")?;
        let (files, errors) = plan_files(&[root.to_path_buf()], root, Lang::Ru);
        assert!(errors.is_empty());
        let names: Vec<_> = files
            .iter()
            .map(|f| f.strip_prefix(root).unwrap_or(f).to_path_buf())
            .collect();
        assert_eq!(
            names,
            vec![PathBuf::from("a.toml"), PathBuf::from("b/2026/x.toml")]
        );
        let (_, errors) = plan_files(&[root.join("missing")], root, Lang::Ru);
        assert_eq!(errors.len(), 1);
        Ok(())
    }
}
