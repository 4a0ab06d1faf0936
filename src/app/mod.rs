//! The program around the commands: the command line ([`cli`], in the user's language through
//! [`help`]), the context every command shares ([`Ctx`]), where output goes ([`output`]), and how
//! a run ends ([`error`]: one place shows errors and turns outcomes into exit codes).
//!
//! A run: parse the arguments (help, version and usage errors end here, exit 0 or 2) → resolve the
//! [`Ctx`] once → run the one command → show its error, if any → exit 0, 1 or 2. A panic is caught
//! and ends with exit 2 and a plain message.

pub(crate) mod cli;
pub(crate) mod ctx;
pub(crate) mod error;
pub(crate) mod help;
pub(crate) mod output;

use std::ffi::OsString;
use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;

pub(crate) use ctx::Ctx;
pub(crate) use error::{CommandError, Exit};

/// Standard output and standard error of a run.
pub(crate) struct Io<'a> {
    pub(crate) out: &'a mut dyn Write,
    pub(crate) err: &'a mut dyn Write,
}

/// The binary's entry point.
pub fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = help::lang_from_args(&args);
    std::panic::set_hook(Box::new(move |info| {
        let msg = lang.pick(
            "внутренняя ошибка moc — пожалуйста, сообщите о ней разработчикам",
            "internal error in moc — please report it",
        );
        let location = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let _ = writeln!(std::io::stderr(), "moc: {msg}: {payload}{location}");
    }));
    let code = std::panic::catch_unwind(move || {
        let stdout = std::io::stdout();
        let stderr = std::io::stderr();
        let streams = Streams {
            out_tty: stdout.is_terminal(),
            err_tty: stderr.is_terminal(),
            out_choice: anstream::AutoStream::choice(&stdout),
            err_choice: anstream::AutoStream::choice(&stderr),
        };
        let mut out = output::PipeSafe::new(BufWriter::new(stdout.lock()));
        let mut err = output::PipeSafe::new(stderr.lock());
        // the one place moc reads the current folder
        let cwd = match std::env::current_dir() {
            Ok(d) => d,
            Err(e) => {
                CommandError::io(
                    lang.pick(
                        "не удалось узнать текущую папку",
                        "cannot tell the current folder",
                    ),
                    e,
                )
                .render(lang, false, &mut err);
                return Exit::Failure.code();
            }
        };
        let code = run_with(&args, &cwd, &mut out, &mut err, streams, true);
        if let Err(e) = out.flush() {
            error::CommandError::io(String::new(), e).render(lang, false, &mut err);
            return Exit::Failure.code();
        }
        code
    })
    .unwrap_or(Exit::Failure.code());
    ExitCode::from(code)
}

/// What the process's standard streams are.
#[derive(Clone, Copy, Debug)]
pub struct Streams {
    pub out_tty: bool,
    pub err_tty: bool,
    /// What anstream would do on each stream (a terminal, `CLICOLOR`, `TERM`, …).
    pub out_choice: anstream::ColorChoice,
    pub err_choice: anstream::ColorChoice,
}

impl Streams {
    /// Neither stream is a terminal (output gathered in memory).
    pub fn captured() -> Streams {
        Streams {
            out_tty: false,
            err_tty: false,
            out_choice: anstream::ColorChoice::Never,
            err_choice: anstream::ColorChoice::Never,
        }
    }
}

/// Run moc with these arguments (the first is the program's name) in the folder `cwd` (taken as
/// the current folder: paths are relative to it), on these streams; the exit code. `exiting`:
/// the process ends afterwards, so big structures are left to the operating system. (The
/// benchmarks and the library's tests call this in process.)
pub fn run_with(
    args: &[OsString],
    cwd: &std::path::Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
    streams: Streams,
    exiting: bool,
) -> u8 {
    let lang = help::lang_from_args(args);
    let parsed = match cli::parse(args, lang) {
        cli::Parsed::Run(parsed) => parsed,
        cli::Parsed::Print(text) => {
            let _ = out.write_all(text.as_bytes());
            return Exit::Ok.code();
        }
        cli::Parsed::Usage(text) => {
            let _ = err.write_all(text.as_bytes());
            return Exit::Failure.code();
        }
    };
    let lang = parsed.lang;
    let term = ctx::Term {
        color: ctx::color_on(parsed.cli.color, streams.out_choice),
        err_color: ctx::color_on(parsed.cli.color, streams.err_choice),
        tty: streams.out_tty,
        width: ctx::width_from_env(streams.out_tty),
    };
    let mut ctx = Ctx::new(lang, parsed.cli.as_of, cwd.to_path_buf(), term);
    ctx.exiting = exiting;
    let mut io = Io { out, err };
    match cli::run(&parsed.cli.command, &ctx, &mut io) {
        Ok(exit) => exit.code(),
        Err(e) => {
            e.render(lang, ctx.term.err_color, io.err);
            e.exit().code()
        }
    }
}
