//! Where a command's output goes: standard output, or `-o FILE`.
//!
//! A regular file is written atomically (a temporary file beside it, fsync, rename), its folder
//! made when missing; a symlink is written through to the file it names (the link stays a link);
//! a character device, a FIFO or `-` is written to directly, never replaced; a file the command
//! reads is never overwritten by its own output. A binary format (a workbook, a Word document) is
//! not poured onto a terminal. Standard output that its reader closed (`moc check | head`) takes
//! the rest silently, so the command still ends with the exit code it would have had.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::CommandError;
use super::{Ctx, Io};
use crate::tr;

/// A writer that takes everything once its reader has gone (a broken pipe), so that a command
/// runs to its end and exits as it would have.
pub(crate) struct PipeSafe<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> PipeSafe<W> {
    pub(crate) fn new(inner: W) -> PipeSafe<W> {
        PipeSafe {
            inner,
            closed: false,
        }
    }
}

impl<W: Write> Write for PipeSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

/// What a command says on standard error after writing a file: «отчёт записан в» / «the report is
/// written to».
pub(crate) type WrittenTo = (&'static str, &'static str);

/// Send output to `-o FILE` (and say so on standard error) or to standard output. `inputs` are
/// the files the command read: the output may not be one of them.
pub(crate) fn emit(
    output: Option<&Path>,
    pieces: &[&[u8]],
    binary: bool,
    inputs: &[PathBuf],
    written_to: WrittenTo,
    ctx: &Ctx,
    io: &mut Io<'_>,
) -> Result<(), CommandError> {
    let lang = ctx.lang;
    match output {
        Some(path) if path.as_os_str() != "-" => {
            write_file(path, pieces, inputs, ctx)?;
            let shown = ctx.shown(path);
            writeln!(io.err, "{} {shown}", lang.pick(written_to.0, written_to.1))?;
        }
        _ if binary && ctx.term.tty => {
            return Err(CommandError::user(tr!(
                lang,
                "это двоичный файл, на экран его не вывести — укажите, куда записать: -o файл",
                "this is a binary file and cannot go to the screen — say where to write it: -o FILE"
            )));
        }
        _ => {
            for p in pieces {
                io.out.write_all(p)?;
            }
        }
    }
    Ok(())
}

/// Write a file made by moc (a report, a table, a new plan) by the rules of this module.
pub(crate) fn write_file(
    path: &Path,
    pieces: &[&[u8]],
    inputs: &[PathBuf],
    ctx: &Ctx,
) -> Result<(), CommandError> {
    let lang = ctx.lang;
    let shown = ctx.shown(path);
    let cannot = || tr!(lang, "не удалось записать {shown}", "cannot write {shown}");
    if inputs.iter().any(|i| same_file(i, path)) {
        return Err(CommandError::user(tr!(
            lang,
            "{shown} — это файл, который команда читает; вывод в него стёр бы его",
            "{shown} is a file the command reads; writing the output there would destroy it"
        ))
        .hint(lang.pick("укажите другой файл после -o", "give another file after -o")));
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            // write through the link to the file it names; the link stays a link
            let target = std::fs::canonicalize(path).map_err(|e| {
                CommandError::io(
                    tr!(
                        lang,
                        "{shown} — ссылка на файл, которого нет",
                        "{shown} is a link to a file that does not exist"
                    ),
                    e,
                )
            })?;
            if inputs.iter().any(|i| same_file(i, &target)) {
                return Err(CommandError::user(tr!(
                    lang,
                    "{shown} ведёт к файлу, который команда читает",
                    "{shown} leads to a file the command reads"
                )));
            }
            return write_file(&target, pieces, inputs, ctx);
        }
        Ok(m) if m.is_dir() => {
            return Err(CommandError::user(tr!(
                lang,
                "{shown} — папка; укажите имя файла",
                "{shown} is a folder; give a file name"
            )));
        }
        Ok(m) if !m.is_file() => {
            // a device or a FIFO: write to it as it is, never replace it
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| CommandError::io(cannot(), e))?;
            for p in pieces {
                f.write_all(p).map_err(|e| CommandError::io(cannot(), e))?;
            }
            return Ok(());
        }
        _ => {}
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            CommandError::io(
                tr!(
                    lang,
                    "не удалось создать папку для {shown}",
                    "cannot create the folder of {shown}"
                ),
                e,
            )
        })?;
    }
    crate::fsutil::write_atomic_pieces(path, pieces).map_err(|e| CommandError::io(cannot(), e))
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

/// A command's output gathered for `-o FILE` or a binary format, or sent straight to standard
/// output; [`Sink::finish`] delivers it.
pub(crate) struct Sink {
    buf: Vec<u8>,
    direct: bool,
    binary: bool,
}

impl Sink {
    pub(crate) fn new(to_file: bool, binary: bool) -> Sink {
        Sink {
            buf: Vec::new(),
            direct: !to_file && !binary,
            binary,
        }
    }

    /// Where to write: standard output itself, or the gathering buffer.
    pub(crate) fn writer<'s>(&'s mut self, stdout: &'s mut dyn Write) -> &'s mut dyn Write {
        if self.direct { stdout } else { &mut self.buf }
    }

    /// Deliver what was gathered (see [`emit`]).
    pub(crate) fn finish(
        self,
        output: Option<&Path>,
        inputs: &[PathBuf],
        written_to: WrittenTo,
        ctx: &Ctx,
        io: &mut Io<'_>,
    ) -> Result<(), CommandError> {
        if self.direct {
            return Ok(());
        }
        emit(
            output,
            &[&self.buf],
            self.binary,
            inputs,
            written_to,
            ctx,
            io,
        )
    }
}

/// «таблица записана в»: what `status` and `overdue` say after writing a file.
pub(crate) const TABLE_WRITTEN: WrittenTo = ("таблица записана в", "the table is written to");
/// «отчёт записан в».
pub(crate) const REPORT_WRITTEN: WrittenTo = ("отчёт записан в", "the report is written to");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_takes_the_rest() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
        }
        let mut w = PipeSafe::new(Closed);
        assert!(w.write_all(b"first").is_ok());
        assert!(w.write_all(b"second").is_ok());
        assert!(w.flush().is_ok());
    }
}
