//! Writing files so that a crash never leaves half a file: a temporary file in the same folder,
//! fsync, rename over the target (the target's permissions kept), fsync of the folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

/// `a/./b/../c` → `a/c`, without touching the file system.
pub(crate) fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The file a path finally names: a symlink is followed, so that the plan it points to is
/// updated rather than replaced by a regular file.
pub(crate) fn resolve(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// How long an edit waits for another edit of the same plan before it gives up.
pub(crate) const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(15);

/// Why a plan could not be locked.
#[derive(Debug)]
pub(crate) enum LockError {
    /// Another edit held it for all of [`LOCK_WAIT`].
    Busy,
    Io(std::io::Error),
}

/// Hold a lock shared by every moc process on the machine that edits `path`, until the returned
/// file is dropped. The lock is a file beside the plan — `.plan.toml.lock` in the plan's folder,
/// hidden from moc's discovery — locked with the system's file lock (flock), so whoever edits
/// the plan, with whatever temporary folder, sees the same lock; the system releases it when a
/// process dies, so a lock file left behind never blocks. The plan itself cannot be locked: an
/// atomic write replaces it with a new file. Waits at most [`LOCK_WAIT`]; `waiting` is called
/// once if the lock is not free at once (to say so).
pub(crate) fn lock(path: &Path, waiting: impl FnOnce()) -> Result<std::fs::File, LockError> {
    let target = resolve(path);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lock_path = target.with_file_name(format!(".{name}.lock"));
    let open = |write: bool| {
        std::fs::OpenOptions::new()
            .create(write)
            .truncate(false)
            .write(write)
            .read(true)
            .open(&lock_path)
    };
    // a lock file made by another user may be read-only to us: a read-only descriptor locks too
    let f = open(true).or_else(|_| open(false)).map_err(LockError::Io)?;
    let start = std::time::Instant::now();
    let mut waiting = Some(waiting);
    loop {
        match f.try_lock() {
            Ok(()) => return Ok(f),
            Err(std::fs::TryLockError::WouldBlock) => {
                if let Some(say) = waiting.take() {
                    say();
                }
                if start.elapsed() >= LOCK_WAIT {
                    return Err(LockError::Busy);
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
    }
}

/// Replace (or create) `path` with `bytes`, atomically.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_pieces(path, &[bytes])
}

/// Replace (or create) `path` with the pieces one after another, atomically.
pub(crate) fn write_atomic_pieces(path: &Path, pieces: &[&[u8]]) -> std::io::Result<()> {
    let target = resolve(path);
    let mut f = AtomicWriteFile::open(&target)?;
    for p in pieces {
        f.write_all(p)?;
    }
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_is_beside_the_plan_and_exclusive() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("plan.toml");
        std::fs::write(&p, "x")?;
        let held = lock(&p, || {}).map_err(|_| std::io::Error::other("lock"))?;
        assert!(dir.path().join(".plan.toml.lock").exists());
        // a second holder (another descriptor, as another process would have) must wait
        let other = std::fs::OpenOptions::new()
            .read(true)
            .open(dir.path().join(".plan.toml.lock"))?;
        assert!(matches!(
            other.try_lock(),
            Err(std::fs::TryLockError::WouldBlock)
        ));
        drop(held);
        assert!(other.try_lock().is_ok());
        Ok(())
    }

    #[test]
    fn replaces_and_keeps_permissions() -> std::io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("plan.toml");
        std::fs::write(&p, "old")?;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o664))?;
        write_atomic(&p, b"new")?;
        assert_eq!(std::fs::read_to_string(&p)?, "new");
        assert_eq!(std::fs::metadata(&p)?.permissions().mode() & 0o777, 0o664);
        Ok(())
    }
}
