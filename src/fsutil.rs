//! Writing files so that a crash never leaves half a file: a temporary file in the same folder,
//! fsync, rename over the target (the target's permissions kept), fsync of the folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

/// The file a path finally names: a symlink is followed, so that the plan it points to is
/// updated rather than replaced by a regular file.
pub fn resolve(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Hold a lock shared by every moc process that edits `path`, until the returned file is
/// dropped. The lock file lives in the temporary folder, named after the plan's full path, so
/// that plan folders stay clean; the plan itself cannot be locked, because an atomic write
/// replaces it with a new file.
pub fn lock(path: &Path) -> std::io::Result<std::fs::File> {
    let target = resolve(path);
    // FNV-1a: a stable name for the same path in every moc process
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in target.to_string_lossy().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let lock_path = std::env::temp_dir().join(format!("moc-{h:016x}.lock"));
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path)?;
    f.lock()?;
    Ok(f)
}

/// Replace (or create) `path` with `bytes`, atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_pieces(path, &[bytes])
}

/// Replace (or create) `path` with the pieces one after another, atomically.
pub fn write_atomic_pieces(path: &Path, pieces: &[&[u8]]) -> std::io::Result<()> {
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
